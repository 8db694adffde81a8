import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")
application = get_wsgi_application()

from ecg.static import require_collected_static  # noqa: E402  (needs the settings loaded)

require_collected_static()
