"""Production serves static files by hashed names from STATIC_ROOT's manifest (WhiteNoise).

Without `collectstatic` every page would answer 500 (no manifest entry for `{% static %}`), so
a server started that way refuses to start instead, saying what to run.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def require_collected_static() -> None:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return  # DEBUG or tests: files come from the finders
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if not manifest.is_file():
        raise ImproperlyConfigured(
            f"Static files are not collected ({manifest} is missing): run "
            "`python manage.py collectstatic --noinput` before starting the server "
            "(`make serve` and the Docker image do)."
        )
