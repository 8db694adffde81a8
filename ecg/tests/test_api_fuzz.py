"""Property-based fuzzing of every API operation from the OpenAPI schema (schemathesis):
an authenticated user's generated requests never get a 5xx, and every error has the one shape."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from accounts.services import tokens_issue
from ecg.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def token(make_user):
    """A user's token; requests go straight to the WSGI app, so (as Django's test client does)
    the end of a request must not close the test's database connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield tokens_issue(user=make_user("fuzzer@example.com")).access
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.django_db
@schema.exclude(path_regex=r"auth/(logout|token/refresh)").parametrize()
@hypothesis_settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_no_operation_ever_answers_5xx(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith(
        "application/json"
    ):
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"code", "message", "details"}, body
