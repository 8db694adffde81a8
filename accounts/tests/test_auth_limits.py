"""Who may try how often: the auth throttle keys on the client's address as ecg.client_ip reads
it (a forged X-Forwarded-For buys nothing), failed logins are counted per account by the API and
the login page alike, sign-ups per address and per e-mail; each refusal a coded 429."""

import itertools

import pytest
from django.core.cache import cache
from rest_framework.throttling import ScopedRateThrottle

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
forged = (f"203.0.113.{n}" for n in itertools.count(1))
WRONG = "wrong-password-1"


@pytest.fixture(autouse=True)
def fresh_counts(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "1000/min"})
    cache.clear()
    yield
    cache.clear()


def attempt(client, path, body):
    return client.post(path, body, format="json", HTTP_X_FORWARDED_FOR=next(forged))


def login(client, email, password=WRONG):
    return attempt(client, "/api/v1/auth/token", {"email": email, "password": password})


def assert_limited(response):
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert int(response["Retry-After"]) > 0


def test_the_auth_throttle_believes_forwarded_for_only_from_a_trusted_proxy(
    anon, settings, monkeypatch
):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "3/min"})
    for n in range(3):
        assert login(anon, f"someone{n}@example.com").status_code == 401
    assert_limited(login(anon, "someone9@example.com"))  # a forged header buys nothing
    settings.TRUSTED_PROXY_COUNT = 1  # behind our proxy, each client its own throttle
    for n in range(6):
        assert login(anon, f"someone{n}@example.com").status_code == 401


def test_failed_logins_are_limited_per_account_whatever_the_address(anon, user, settings):
    settings.LOGIN_FAILURE_RATE = "3/5m"
    settings.TRUSTED_PROXY_COUNT = 1  # every attempt from another address, believed
    for _ in range(2):
        assert login(anon, user.email, PASSWORD).status_code == 200  # not counted
    for _ in range(3):
        assert login(anon, user.email.upper()).status_code == 401
    assert_limited(login(anon, user.email))
    assert_limited(login(anon, user.email, PASSWORD))  # the right password waits too
    assert login(anon, "someone.else@example.com").status_code == 401


def test_the_login_page_counts_failures_with_the_api(anon, client, user, settings):
    settings.LOGIN_FAILURE_RATE = "2/5m"
    for _ in range(2):
        assert login(anon, user.email).status_code == 401
    page = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert page.status_code == 200  # the form again, not the redirect of a login
    assert "Too many failed login attempts" in page.content.decode()


def test_the_login_page_reads_the_address_as_the_api_does(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1/m/ip"}
    for n in range(3):  # three clients behind our proxy, one failure each
        page = client.post(
            "/accounts/login/",
            {"login": f"someone{n}@example.com", "password": WRONG},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert "Too many failed login attempts" not in page.content.decode()


def signup(client, email):
    body = {"email": email, "password": PASSWORD}
    return attempt(client, "/api/v1/auth/signup", body)


def test_signups_are_limited_per_address(anon, settings):
    settings.SIGNUP_ADDRESS_RATE = "2/h"
    for n in range(2):
        assert signup(anon, f"new{n}@example.com").status_code == 201
    assert_limited(signup(anon, "new9@example.com"))


def test_signups_are_limited_per_email(anon, settings):
    settings.SIGNUP_EMAIL_RATE = "2/h"
    settings.TRUSTED_PROXY_COUNT = 1
    assert signup(anon, "new@example.com").status_code == 201
    assert signup(anon, "NEW@example.com").status_code == 409
    assert_limited(signup(anon, "new@example.com"))
