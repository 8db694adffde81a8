"""Project-level views: health check and error pages that speak JSON under /api/."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.csrf import csrf_failure as default_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import page_not_found, server_error

from ecg import health
from ecg.errors import DomainError, ErrorCode, database_busy, error_response, pool_timed_out


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    report = health.check_all()
    healthy = all(component["ok"] for component in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "components": report},
        status=200 if healthy else 503,
    )


@never_cache
def liveness(request: HttpRequest) -> JsonResponse:
    """The process answers (no dependency checked): for orchestrators' liveness probes."""
    return JsonResponse({"status": "alive"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _not_found()
    return page_not_found(request, exception or Exception())


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Unknown paths under /api/ answer JSON, whatever the method and even with DEBUG on."""
    return _not_found()


def _not_found() -> JsonResponse:
    return error_response(DomainError(ErrorCode.NOT_FOUND, "Not found."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if request.path.startswith("/api/"):
        return error_response(
            DomainError(
                ErrorCode.PERMISSION_DENIED, "CSRF verification failed.", details={"reason": reason}
            )
        )
    return default_csrf_failure(request, reason=reason)


def internal_error(request: HttpRequest) -> HttpResponse:
    if pool_timed_out(sys.exc_info()[1]):  # also raised before any view (sessions, auth)
        return error_response(database_busy())
    if request.path.startswith("/api/"):
        return error_response(
            DomainError(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.")
        )
    return server_error(request)
