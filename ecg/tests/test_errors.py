"""Every API error, whatever its class, leaves in one shape with a stable code; the code
alone decides the HTTP status and whether (and when) the answer says to retry."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.test import APIClient

from ecg.errors import (
    _DRF_CODES,
    DomainError,
    ErrorCode,
    Retry,
    database_busy,
    error_response,
    error_status_line,
)

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api-errors.md"


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["details"], dict)
    return body["error"]


def test_validation_errors_name_the_fields(api):
    error = assert_error(
        api.post("/api/v1/videos", {"size": -1}, format="json"), 400, "VALIDATION_ERROR"
    )
    assert set(error["details"]["fields"]) == {"filename", "size", "content_type"}


def test_malformed_json(api):
    response = api.post("/api/v1/videos", "{not json", content_type="application/json")
    assert_error(response, 400, "MALFORMED_REQUEST")


def test_unsupported_media_type(api):
    response = api.post("/api/v1/videos", {"filename": "a.mp4"})  # multipart, not JSON
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_not_authenticated(anon):
    assert_error(anon.get("/api/v1/auth/me"), 401, "NOT_AUTHENTICATED")


def test_permission_denied_for_a_session_request_without_csrf(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/api/v1/videos", {}, format="json")
    assert_error(response, 403, "PERMISSION_DENIED")


def test_not_found_for_unknown_api_paths_and_methods(api):
    assert_error(api.get("/api/v1/nothing-here"), 404, "NOT_FOUND")
    assert_error(api.put("/api/v1/nothing-here"), 404, "NOT_FOUND")


def test_method_not_allowed(api):
    assert_error(api.put("/api/v1/videos", {}, format="json"), 405, "METHOD_NOT_ALLOWED")


def test_throttled_auth_requests_say_when_to_retry(anon, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"})
    for _ in range(2):
        anon.post("/api/v1/auth/token", {"email": "a@b.co", "password": "x"}, format="json")
    response = anon.post("/api/v1/auth/token", {"email": "a@b.co", "password": "x"}, format="json")
    error = assert_error(response, 429, "RATE_LIMITED")
    assert error["details"]["retry_after"] > 0
    assert int(response["Retry-After"]) > 0
    cache.clear()


@pytest.mark.urls("ecg.tests.urls_failing")
def test_unexpected_errors_are_a_500_without_internals(anon):
    anon.raise_request_exception = False
    error = assert_error(anon.get("/api/v1/crash"), 500, "INTERNAL_ERROR")
    assert "boom" not in error["message"]


def _table(heading: str) -> dict[str, str]:
    """The rows of the docs table under `heading`: code -> its status cell (or "")."""
    text = DOCS.read_text().split(heading, 1)[1]
    rows = re.findall(r"^\| `([A-Z_]+)` \|(.*)$", text.split("\n## ", 1)[0], re.MULTILINE)
    cells = {code: rest.split("|")[0].strip() for code, rest in rows}
    assert len(cells) == len(rows), "a code is listed twice"
    return cells


def _documented_status(code: ErrorCode) -> str:
    stored = code.policy.stored_status
    return f"{code.status} / {stored}" if stored and stored != code.status else str(code.status)


def test_the_docs_list_every_code_with_the_status_it_carries():
    answers = _table("| code | status | when |")
    assert answers == {
        code.value: _documented_status(code) for code in ErrorCode if not code.policy.job_reason
    }
    assert set(_table("## Job failure reasons")) == {
        code.value for code in ErrorCode if code.policy.job_reason
    }


def test_a_code_is_sent_as_its_name():
    assert all(code.value == code.name and str(code) == code.name for code in ErrorCode)


def test_the_code_decides_the_status_and_the_raise_site_only_names_it():
    error = DomainError(ErrorCode.TRANSCRIPT_CONFLICT, "Reload.", details={"current_revision": 3})
    response = error_response(error)
    assert response.status_code == 412
    assert "Retry-After" not in response
    assert error.body() == {
        "error": {
            "code": "TRANSCRIPT_CONFLICT",
            "message": "Reload.",
            "details": {"current_revision": 3},
        }
    }


def test_a_limit_that_lifts_says_when_in_the_header_and_the_details():
    error = DomainError(
        ErrorCode.QUOTA_DAILY_EXCEEDED, "Used up.", details={"limit": 5}, retry_after=120
    )
    response = error_response(error)
    assert (response.status_code, response["Retry-After"]) == (429, "120")
    assert error.details == {"limit": 5, "retry_after": 120}


def test_the_retry_after_value_is_required_exactly_where_the_policy_needs_one():
    with pytest.raises(TypeError, match="give retry_after"):
        DomainError(ErrorCode.RATE_LIMITED, "Slow down.")
    with pytest.raises(TypeError, match="promises no time"):
        DomainError(ErrorCode.NOT_FOUND, "Gone.", retry_after=5)
    assert ErrorCode.STORAGE_UNAVAILABLE.retry is Retry.LATER
    assert DomainError(ErrorCode.STORAGE_UNAVAILABLE, "Away.").headers == {}


def test_a_busy_database_announces_the_codes_fixed_wait():
    response = error_response(database_busy())
    assert (response.status_code, response["Retry-After"]) == (503, "2")


def test_a_stored_file_refused_at_completion_is_unprocessable_whatever_the_reason():
    assert DomainError(ErrorCode.FILE_TOO_LARGE, "Too big.").status == 413
    assert DomainError(ErrorCode.FILE_TOO_LARGE, "Too big.", stored=True).status == 422
    assert DomainError(ErrorCode.MEDIA_TRUNCATED, "Cut short.", stored=True).status == 422


def test_only_passing_causes_are_transient_for_jobs():
    transient = {code for code in ErrorCode if code.transient}
    assert transient == {
        ErrorCode.LOGOUT_UNAVAILABLE,
        ErrorCode.GOOGLE_UNAVAILABLE,
        ErrorCode.RATE_LIMITED,
        ErrorCode.STORAGE_UNAVAILABLE,
        ErrorCode.DATABASE_BUSY,
        ErrorCode.QUOTA_DAILY_EXCEEDED,
        ErrorCode.QUOTA_MONTHLY_EXCEEDED,
        ErrorCode.QUOTA_CONCURRENT_EXCEEDED,
    }


@pytest.mark.parametrize(("exception", "code"), _DRF_CODES)
def test_drf_exceptions_keep_the_status_of_their_code(exception, code):
    """DRF answers its own exceptions (with their headers); the statuses agree."""
    assert issubclass(exception, exceptions.APIException)
    assert exception.status_code == code.status


def test_a_bare_wsgi_answer_names_its_status():
    assert (
        error_status_line(DomainError(ErrorCode.BODY_TOO_LARGE, "Big.")) == "413 Content Too Large"
    )
    assert error_status_line(DomainError(ErrorCode.SIGNATURE_INVALID, "No.")) == "401 Unauthorized"


def test_the_openapi_schema_lists_the_error_codes(anon):
    schema = anon.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    enum = schema["components"]["schemas"]["ErrorCodeEnum"]
    assert set(enum["enum"]) == {code.value for code in ErrorCode}
    assert "* `TRANSCRIPT_CONFLICT` - HTTP 412\n" in enum["description"]
    assert "* `QUOTA_DAILY_EXCEEDED` - HTTP 429, Retry-After\n" in enum["description"]
    assert (
        "* `FILE_TOO_LARGE` - HTTP 413 (422 when a stored upload is at fault)\n"
        in (enum["description"])
    )
