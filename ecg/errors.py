"""The one error model: `DomainError(ErrorCode.X, message, details=...)`.

A code carries everything the answer needs besides the message and details: its HTTP status
and its retry policy (`Retry`). Raise sites name the code, never a status or a header; one
place turns the error into the API's shape, `{"error": {"code", "message", "details"}}`, with
that status and, for `Retry.AFTER` codes, a `Retry-After` header (and `details.retry_after`):
`exception_handler` for DRF views, `error_response` for plain Django views, `error_status_line`
with `DomainError.body()` for the bare ASGI/WSGI answers. docs/api-errors.md lists the codes
(ecg/tests/test_errors.py fails when its table differs from this module); the OpenAPI schema
has them as `ErrorCodeEnum`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from enum import Enum, StrEnum
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from psycopg_pool import PoolTimeout
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import InvalidToken

logger = logging.getLogger(__name__)


class Retry(Enum):
    """Whether the same request (or job) can succeed later."""

    NEVER = "never"  # it fails the same way until something else changes
    LATER = "later"  # a service was away: it may pass; no time is promised (jobs retry it)
    AFTER = "after"  # a limit that lifts at a known time: the answer says when


@dataclass(frozen=True)
class Policy:
    """How a code is answered.

    `retry_after`: the fixed wait of a `Retry.AFTER` code (else the raise site gives one).
    `stored_status`: the status when a file already in storage (an upload's completion), not
    the request, is refused for this reason: 422, the request was fine, its file is not.
    `job_reason`: a reason a job ended; over HTTP only as the refusal of a remote worker's
    report that cannot be kept.
    """

    status: int
    retry: Retry = Retry.NEVER
    retry_after: int | None = None
    stored_status: int | None = None
    job_reason: bool = False


_LATER = Retry.LATER
_AFTER = Retry.AFTER
_STORED = 422
BUSY_RETRY_SECONDS = 2
_JOB = Policy(400, job_reason=True)


class ErrorCode(StrEnum):
    """A stable code (its value is what the API sends), with its `Policy`."""

    policy: Policy

    def __new__(cls, value: str, policy: Policy) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.policy = policy
        return member

    @property
    def status(self) -> int:
        return self.policy.status

    @property
    def retry(self) -> Retry:
        return self.policy.retry

    @property
    def transient(self) -> bool:
        """The cause may pass by itself: a job meeting it is queued again, not failed."""
        return self.policy.retry is not Retry.NEVER

    VALIDATION_ERROR = "VALIDATION_ERROR", Policy(400)
    MALFORMED_REQUEST = "MALFORMED_REQUEST", Policy(400)
    NOT_AUTHENTICATED = "NOT_AUTHENTICATED", Policy(401)
    AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED", Policy(401)
    TOKEN_INVALID = "TOKEN_INVALID", Policy(401)
    LOGOUT_UNAVAILABLE = "LOGOUT_UNAVAILABLE", Policy(503, _LATER)
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS", Policy(401)
    EMAIL_TAKEN = "EMAIL_TAKEN", Policy(409)
    GOOGLE_NOT_CONFIGURED = "GOOGLE_NOT_CONFIGURED", Policy(404)
    GOOGLE_TOKEN_INVALID = "GOOGLE_TOKEN_INVALID", Policy(401)
    GOOGLE_EMAIL_UNVERIFIED = "GOOGLE_EMAIL_UNVERIFIED", Policy(403)
    GOOGLE_UNAVAILABLE = "GOOGLE_UNAVAILABLE", Policy(503, _LATER)
    PERMISSION_DENIED = "PERMISSION_DENIED", Policy(403)
    NOT_FOUND = "NOT_FOUND", Policy(404)
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED", Policy(405)
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE", Policy(406)
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE", Policy(415)
    BODY_TOO_LARGE = "BODY_TOO_LARGE", Policy(413)
    VALUE_NOT_STORABLE = "VALUE_NOT_STORABLE", Policy(400)
    RATE_LIMITED = "RATE_LIMITED", Policy(429, _AFTER)
    UPLOAD_URL_INVALID = "UPLOAD_URL_INVALID", Policy(403)
    UPLOAD_URL_EXPIRED = "UPLOAD_URL_EXPIRED", Policy(410)
    UPLOAD_SIZE_MISMATCH = "UPLOAD_SIZE_MISMATCH", Policy(400, stored_status=_STORED)
    UPLOAD_INCOMPLETE = "UPLOAD_INCOMPLETE", Policy(400)
    UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND", Policy(409)
    VIDEO_NOT_AWAITING_UPLOAD = "VIDEO_NOT_AWAITING_UPLOAD", Policy(409)
    FILE_TOO_LARGE = "FILE_TOO_LARGE", Policy(413, stored_status=_STORED)
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE", Policy(415)
    MEDIA_UNREADABLE = "MEDIA_UNREADABLE", Policy(422)
    MEDIA_NO_VIDEO_STREAM = "MEDIA_NO_VIDEO_STREAM", Policy(422)
    MEDIA_TRUNCATED = "MEDIA_TRUNCATED", Policy(422)
    MEDIA_TOO_LONG = "MEDIA_TOO_LONG", Policy(422)
    MEDIA_DIMENSIONS_TOO_LARGE = "MEDIA_DIMENSIONS_TOO_LARGE", Policy(422)
    MEDIA_UNSUPPORTED_FORMAT = "MEDIA_UNSUPPORTED_FORMAT", Policy(422)
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE", Policy(503, _LATER)
    DATABASE_BUSY = "DATABASE_BUSY", Policy(503, _AFTER, retry_after=BUSY_RETRY_SECONDS)
    LENGTH_REQUIRED = "LENGTH_REQUIRED", Policy(411)
    VIDEO_NOT_READY = "VIDEO_NOT_READY", Policy(409)
    TRANSCRIPTION_IN_PROGRESS = "TRANSCRIPTION_IN_PROGRESS", Policy(409)
    TRANSCRIPT_NOT_READY = "TRANSCRIPT_NOT_READY", Policy(409)
    TRANSCRIPT_CONFLICT = "TRANSCRIPT_CONFLICT", Policy(412)
    TRANSCRIPT_INVALID = "TRANSCRIPT_INVALID", Policy(400)
    WAVEFORM_NOT_READY = "WAVEFORM_NOT_READY", Policy(409)
    VOCABULARY_INVALID = "VOCABULARY_INVALID", Policy(400)
    PRESET_NAME_TAKEN = "PRESET_NAME_TAKEN", Policy(409)
    PRESET_LIMIT_REACHED = "PRESET_LIMIT_REACHED", Policy(409)
    FONT_INVALID = "FONT_INVALID", Policy(400)
    FONT_TOO_LARGE = "FONT_TOO_LARGE", Policy(413)
    FONT_TAKEN = "FONT_TAKEN", Policy(409)
    FONT_LIMIT_REACHED = "FONT_LIMIT_REACHED", Policy(409)
    QUOTA_DAILY_EXCEEDED = "QUOTA_DAILY_EXCEEDED", Policy(429, _AFTER)
    QUOTA_MONTHLY_EXCEEDED = "QUOTA_MONTHLY_EXCEEDED", Policy(429, _AFTER)
    QUOTA_CONCURRENT_EXCEEDED = "QUOTA_CONCURRENT_EXCEEDED", Policy(429, _AFTER)
    VIDEO_TOO_LONG = "VIDEO_TOO_LONG", Policy(422)
    RENDER_FINISHED = "RENDER_FINISHED", Policy(409)
    SIGNATURE_INVALID = "SIGNATURE_INVALID", Policy(401)
    SIGNATURE_EXPIRED = "SIGNATURE_EXPIRED", Policy(401)
    # Reasons a background job ended in `failed` or `canceled` (job.error_code).
    REMOTE_REFUSED = "REMOTE_REFUSED", _JOB
    REMOTE_FAILED = "REMOTE_FAILED", _JOB
    TRANSCRIPTION_FAILED = "TRANSCRIPTION_FAILED", _JOB
    RENDER_FAILED = "RENDER_FAILED", _JOB
    SOURCE_MISSING = "SOURCE_MISSING", _JOB
    FONT_NOT_FOUND = "FONT_NOT_FOUND", _JOB
    TIME_LIMIT_EXCEEDED = "TIME_LIMIT_EXCEEDED", _JOB
    TRANSIENT_FAILURE_LIMIT = "TRANSIENT_FAILURE_LIMIT", _JOB
    WORKER_LOST = "WORKER_LOST", _JOB
    CANCELED = "CANCELED", _JOB
    INTERNAL_ERROR = "INTERNAL_ERROR", Policy(500)


class DomainError(Exception):
    """A rule of the product was broken, or a job cannot succeed, for the reason `code` names.

    `retry_after` (seconds) is given where the code's policy is `Retry.AFTER` without a fixed
    wait, and only there; it is added to `details`. `stored`: the error is about a file already
    in storage (an upload's completion checks), not about the request.
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        details: dict[str, Any] | None = None,
        retry_after: int | None = None,
        stored: bool = False,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = dict(details or {})
        self.retry_after = _retry_after(code, retry_after)
        if self.retry_after is not None:
            self.details["retry_after"] = self.retry_after
        self.status = (stored and code.policy.stored_status) or code.status

    @property
    def headers(self) -> dict[str, str]:
        return {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)


def _retry_after(code: ErrorCode, given: int | None) -> int | None:
    """The wait an answer announces: the raise site's, or the code's fixed one."""
    policy = code.policy
    if policy.retry is not Retry.AFTER:
        if given is not None:
            raise TypeError(f"{code} promises no time to retry; do not give retry_after")
        return None
    if policy.retry_after is not None:
        return policy.retry_after
    if given is None:
        raise TypeError(f"{code} answers say when to retry: give retry_after (seconds)")
    return given


def error_body(code: ErrorCode, message: str, details: dict[str, Any] | None = None) -> dict:
    return {"error": {"code": str(code), "message": message, "details": details or {}}}


def error_response(exc: DomainError) -> JsonResponse:
    """The answer of a plain Django view (uploads, callbacks, 404/500 handlers)."""
    response = JsonResponse(exc.body(), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def error_status_line(exc: DomainError) -> str:
    """`413 Content Too Large`: the status line of a bare WSGI answer (RFC 9110 phrases)."""
    status = HTTPStatus(exc.status)
    phrase = "Content Too Large" if status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE else status.phrase
    return f"{status.value} {phrase}"


def pool_timed_out(exc: BaseException | None) -> bool:
    """Django wraps the pool's PoolTimeout in its own OperationalError."""
    return isinstance(exc, PoolTimeout) or isinstance(getattr(exc, "__cause__", None), PoolTimeout)


def database_busy() -> DomainError:
    """Every pooled database connection stayed lent out for the pool's whole timeout."""
    return DomainError(ErrorCode.DATABASE_BUSY, "The service is busy; try again in a moment.")


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
    """DRF's EXCEPTION_HANDLER: every error leaves in the one shape.

    DRF's own exceptions keep the status and headers DRF gives them (WWW-Authenticate, Allow,
    Retry-After); ecg/tests/test_errors.py checks those statuses are their codes' statuses.
    """
    from rest_framework.views import exception_handler as drf_exception_handler  # import cycle

    if pool_timed_out(exc):
        exc = database_busy()
    elif isinstance(exc, RequestDataTooBig):
        exc = DomainError(ErrorCode.BODY_TOO_LARGE, "The request body is too large.")
    if isinstance(exc, DomainError):
        return Response(exc.body(), status=exc.status, headers=exc.headers)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view"), exc_info=exc)
        internal = DomainError(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.")
        return Response(internal.body(), status=internal.status)
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


def _schema_label(code: ErrorCode) -> str:
    """What the OpenAPI schema says of a code: its status, and whether it says when to retry."""
    if code.policy.job_reason:
        return "a reason a job ended (its error.code)"
    stored = code.policy.stored_status
    also = f" ({stored} when a stored upload is at fault)" if stored else ""
    retry = {Retry.NEVER: "", Retry.LATER: ", may pass", Retry.AFTER: ", Retry-After"}
    return f"HTTP {code.status}{also}{retry[code.retry]}"


# The schema's ErrorCodeEnum (settings.SPECTACULAR_SETTINGS), described code by code.
ERROR_CODE_CHOICES = [(code.value, _schema_label(code)) for code in ErrorCode]


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ERROR_CODE_CHOICES)
    message = serializers.CharField()
    details = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    """The body of every API error (documented in the OpenAPI schema)."""

    error = ErrorDetailSerializer()
