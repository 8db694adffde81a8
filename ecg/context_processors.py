from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {"google_login_enabled": bool(settings.GOOGLE_CLIENT_ID)}
