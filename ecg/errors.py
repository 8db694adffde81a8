"""The one error shape of the API: {"error": {"code", "message", "details"}}.

Services raise `DomainError` with a stable `ErrorCode`; `exception_handler` turns it, and every
DRF or Django exception, into that shape with the right HTTP status. Codes are listed in
docs/api-errors.md and appear as an enum in the OpenAPI schema.
"""

from __future__ import annotations

import logging
import math
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from psycopg_pool import PoolTimeout
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import InvalidToken

logger = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    VALIDATION_ERROR = "VALIDATION_ERROR"
    MALFORMED_REQUEST = "MALFORMED_REQUEST"
    NOT_AUTHENTICATED = "NOT_AUTHENTICATED"
    AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED"
    TOKEN_INVALID = "TOKEN_INVALID"
    LOGOUT_UNAVAILABLE = "LOGOUT_UNAVAILABLE"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    GOOGLE_NOT_CONFIGURED = "GOOGLE_NOT_CONFIGURED"
    GOOGLE_TOKEN_INVALID = "GOOGLE_TOKEN_INVALID"
    GOOGLE_EMAIL_UNVERIFIED = "GOOGLE_EMAIL_UNVERIFIED"
    GOOGLE_UNAVAILABLE = "GOOGLE_UNAVAILABLE"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    BODY_TOO_LARGE = "BODY_TOO_LARGE"
    VALUE_NOT_STORABLE = "VALUE_NOT_STORABLE"
    RATE_LIMITED = "RATE_LIMITED"
    UPLOAD_URL_INVALID = "UPLOAD_URL_INVALID"
    UPLOAD_URL_EXPIRED = "UPLOAD_URL_EXPIRED"
    UPLOAD_SIZE_MISMATCH = "UPLOAD_SIZE_MISMATCH"
    UPLOAD_INCOMPLETE = "UPLOAD_INCOMPLETE"
    UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND"
    VIDEO_NOT_AWAITING_UPLOAD = "VIDEO_NOT_AWAITING_UPLOAD"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    MEDIA_UNREADABLE = "MEDIA_UNREADABLE"
    MEDIA_NO_VIDEO_STREAM = "MEDIA_NO_VIDEO_STREAM"
    MEDIA_TRUNCATED = "MEDIA_TRUNCATED"
    MEDIA_TOO_LONG = "MEDIA_TOO_LONG"
    MEDIA_DIMENSIONS_TOO_LARGE = "MEDIA_DIMENSIONS_TOO_LARGE"
    MEDIA_UNSUPPORTED_FORMAT = "MEDIA_UNSUPPORTED_FORMAT"
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
    DATABASE_BUSY = "DATABASE_BUSY"
    LENGTH_REQUIRED = "LENGTH_REQUIRED"
    VIDEO_NOT_READY = "VIDEO_NOT_READY"
    TRANSCRIPTION_IN_PROGRESS = "TRANSCRIPTION_IN_PROGRESS"
    TRANSCRIPT_NOT_READY = "TRANSCRIPT_NOT_READY"
    TRANSCRIPT_CONFLICT = "TRANSCRIPT_CONFLICT"
    TRANSCRIPT_INVALID = "TRANSCRIPT_INVALID"
    WAVEFORM_NOT_READY = "WAVEFORM_NOT_READY"
    VOCABULARY_INVALID = "VOCABULARY_INVALID"
    PRESET_NAME_TAKEN = "PRESET_NAME_TAKEN"
    PRESET_LIMIT_REACHED = "PRESET_LIMIT_REACHED"
    FONT_INVALID = "FONT_INVALID"
    FONT_TOO_LARGE = "FONT_TOO_LARGE"
    FONT_TAKEN = "FONT_TAKEN"
    FONT_LIMIT_REACHED = "FONT_LIMIT_REACHED"
    # Reasons a background job ended in `failed` or `canceled` (job.error_code).
    QUOTA_DAILY_EXCEEDED = "QUOTA_DAILY_EXCEEDED"
    QUOTA_MONTHLY_EXCEEDED = "QUOTA_MONTHLY_EXCEEDED"
    QUOTA_CONCURRENT_EXCEEDED = "QUOTA_CONCURRENT_EXCEEDED"
    VIDEO_TOO_LONG = "VIDEO_TOO_LONG"
    RENDER_FINISHED = "RENDER_FINISHED"
    SIGNATURE_INVALID = "SIGNATURE_INVALID"
    SIGNATURE_EXPIRED = "SIGNATURE_EXPIRED"
    REMOTE_REFUSED = "REMOTE_REFUSED"
    REMOTE_FAILED = "REMOTE_FAILED"
    TRANSCRIPTION_FAILED = "TRANSCRIPTION_FAILED"
    RENDER_FAILED = "RENDER_FAILED"
    SOURCE_MISSING = "SOURCE_MISSING"
    FONT_NOT_FOUND = "FONT_NOT_FOUND"
    TIME_LIMIT_EXCEEDED = "TIME_LIMIT_EXCEEDED"
    TRANSIENT_FAILURE_LIMIT = "TRANSIENT_FAILURE_LIMIT"
    WORKER_LOST = "WORKER_LOST"
    CANCELED = "CANCELED"
    INTERNAL_ERROR = "INTERNAL_ERROR"


class CodedFailure(Exception):
    """A job cannot succeed for a reason its `code` names (bad media, an invalid result)."""

    def __init__(
        self, code: ErrorCode, message: str, *, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


class DomainError(Exception):
    """A rule of the product was broken; carries everything the API answer needs."""

    status_code = 400

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or self.status_code
        self.details = details or {}
        self.headers = headers or {}


def error_body(code: ErrorCode, message: str, details: dict[str, Any] | None = None) -> dict:
    return {"error": {"code": str(code), "message": message, "details": details or {}}}


def error_response(
    code: ErrorCode, message: str, status: int, details: dict[str, Any] | None = None
) -> JsonResponse:
    """The error shape for plain Django views (uploads, health, 404/500 handlers)."""
    return JsonResponse(error_body(code, message, details), status=status)


BUSY_RETRY_SECONDS = 2


def pool_timed_out(exc: BaseException | None) -> bool:
    """Django wraps the pool's PoolTimeout in its own OperationalError."""
    return isinstance(exc, PoolTimeout) or isinstance(getattr(exc, "__cause__", None), PoolTimeout)


def database_busy() -> DomainError:
    """Every pooled database connection stayed lent out for the pool's whole timeout."""
    return DomainError(
        ErrorCode.DATABASE_BUSY,
        "The service is busy; try again in a moment.",
        status=503,
        details={"retry_after": BUSY_RETRY_SECONDS},
        headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
    )


def domain_error_response(exc: DomainError) -> JsonResponse:
    """A DomainError answered by a plain Django view, headers included."""
    response = error_response(exc.code, exc.message, exc.status, exc.details)
    for name, value in exc.headers.items():
        response[name] = value
    return response


_DRF_CODES: list[tuple[type[exceptions.APIException], ErrorCode]] = [
    (InvalidToken, ErrorCode.TOKEN_INVALID),
    (exceptions.NotAuthenticated, ErrorCode.NOT_AUTHENTICATED),
    (exceptions.AuthenticationFailed, ErrorCode.AUTHENTICATION_FAILED),
    (exceptions.PermissionDenied, ErrorCode.PERMISSION_DENIED),
    (exceptions.NotFound, ErrorCode.NOT_FOUND),
    (exceptions.MethodNotAllowed, ErrorCode.METHOD_NOT_ALLOWED),
    (exceptions.NotAcceptable, ErrorCode.NOT_ACCEPTABLE),
    (exceptions.UnsupportedMediaType, ErrorCode.UNSUPPORTED_MEDIA_TYPE),
    (exceptions.Throttled, ErrorCode.RATE_LIMITED),
    (exceptions.ParseError, ErrorCode.MALFORMED_REQUEST),
    (exceptions.ValidationError, ErrorCode.VALIDATION_ERROR),
]


def _code_for(exc: exceptions.APIException) -> ErrorCode:
    for cls, code in _DRF_CODES:
        if isinstance(exc, cls):
            return code
    return ErrorCode.INTERNAL_ERROR


def _message_for(exc: exceptions.APIException, code: ErrorCode) -> str:
    if code == ErrorCode.VALIDATION_ERROR:
        return "The request has invalid fields; see details."
    if code == ErrorCode.TOKEN_INVALID:
        return "The access token is invalid or expired."
    if isinstance(exc.detail, str):
        return str(exc.detail)
    return code.replace("_", " ").capitalize() + "."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every error leaves in the one shape."""
    from rest_framework.views import exception_handler as drf_exception_handler  # import cycle

    if pool_timed_out(exc):
        exc = database_busy()
    if isinstance(exc, DomainError):
        return Response(
            error_body(exc.code, exc.message, exc.details), status=exc.status, headers=exc.headers
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body(ErrorCode.BODY_TOO_LARGE, "The request body is too large."), status=413
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view"), exc_info=exc)
        return Response(
            error_body(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."), status=500
        )
    assert isinstance(exc, exceptions.APIException)
    code = _code_for(exc)
    details: dict[str, Any] = {}
    if code == ErrorCode.VALIDATION_ERROR:
        details = {"fields": exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}}
    wait = getattr(exc, "wait", None)
    if code == ErrorCode.RATE_LIMITED and wait:
        details = {"retry_after": math.ceil(wait)}
    response.data = error_body(code, _message_for(exc, code), details)
    return response


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=[(c.value, c.value) for c in ErrorCode])
    message = serializers.CharField()
    details = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    """The body of every API error (documented in the OpenAPI schema)."""

    error = ErrorDetailSerializer()
