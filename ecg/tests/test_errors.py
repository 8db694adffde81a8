"""Every API error, whatever its class, leaves in one shape with a stable code."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ecg.errors import ErrorCode

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


def test_every_error_code_is_documented():
    documented = set(re.findall(r"`([A-Z_]+)`", DOCS.read_text()))
    assert {code.value for code in ErrorCode} <= documented


def test_the_openapi_schema_lists_the_error_codes(anon):
    schema = anon.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    enum = schema["components"]["schemas"]["ErrorCodeEnum"]["enum"]
    assert set(enum) == {code.value for code in ErrorCode}
