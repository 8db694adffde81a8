"""The production entry point (see ecg/serving.py): WSGI threads for the app, ASGI for streams."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")

from ecg.serving import build_application

application = build_application()

from ecg.static import require_collected_static  # noqa: E402  (needs the settings loaded)

require_collected_static()
