"""Google sign-in through the API with only Google's HTTP endpoints mocked.

The ID tokens are real RS256 JWTs signed by a key the test publishes as Google's JWKS, so
signature, audience, expiry and issuer are all checked by the real code.
"""

import json
import time

import jwt
import pytest
import responses
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

from accounts.google import GOOGLE_CERTS_URL, GOOGLE_TOKEN_URL
from accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db
CLIENT_ID = "ecg-web.apps.googleusercontent.com"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = "test-key-1"


def google_id_token(**overrides):
    now = int(time.time())
    claims = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": "google-sub-1",
        "email": "Person@Gmail.com",
        "email_verified": True,
        "name": "Pat Person",
        "iat": now,
        "exp": now + 3600,
        **overrides,
    }
    return jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": KID})


@pytest.fixture(autouse=True)
def google(settings):
    settings.GOOGLE_CLIENT_ID = CLIENT_ID
    settings.GOOGLE_CLIENT_SECRET = "secret"
    cache.clear()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            GOOGLE_CERTS_URL, json={"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}
        )
        yield mock


def login(anon, **body):
    return anon.post("/api/v1/auth/google", body, format="json")


def test_a_valid_id_token_creates_an_account_and_returns_our_tokens(anon):
    response = login(anon, id_token=google_id_token())
    assert response.status_code == 200
    body = response.json()
    assert body["created"] is True
    assert body["user"]["email"] == "person@gmail.com"
    assert body["access"]
    assert body["refresh"]
    user = User.objects.get(email="person@gmail.com")
    assert not user.has_usable_password()
    assert SocialAccount.objects.filter(user=user, provider="google", uid="google-sub-1").exists()
    assert EmailAddress.objects.get(user=user).verified


def test_the_same_google_account_logs_into_the_same_user(anon):
    first = login(anon, id_token=google_id_token()).json()
    second = login(anon, id_token=google_id_token(email="renamed@gmail.com")).json()
    assert second["created"] is False
    assert second["user"]["id"] == first["user"]["id"]


def test_a_token_for_another_application_is_refused(anon):
    response = login(anon, id_token=google_id_token(aud="someone-else.apps.googleusercontent.com"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "GOOGLE_TOKEN_INVALID"
    assert not User.objects.exists()


def test_an_expired_token_is_refused(anon):
    past = int(time.time()) - 7200
    response = login(anon, id_token=google_id_token(iat=past, exp=past + 3600))
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_token_signed_by_another_key_is_refused(anon):
    forged = jwt.encode(
        {
            "iss": "accounts.google.com",
            "aud": CLIENT_ID,
            "sub": "x",
            "email": "x@gmail.com",
            "email_verified": True,
            "iat": int(time.time()),
            "exp": int(time.time()) + 60,
        },
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        algorithm="RS256",
        headers={"kid": KID},
    )
    response = login(anon, id_token=forged)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "GOOGLE_TOKEN_INVALID"


def test_an_unverified_google_email_is_refused(anon):
    response = login(anon, id_token=google_id_token(email_verified=False))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "GOOGLE_EMAIL_UNVERIFIED"
    assert not User.objects.exists()


def test_an_authorization_code_is_exchanged_at_googles_token_endpoint(anon, google):
    google.post(GOOGLE_TOKEN_URL, json={"id_token": google_id_token(), "access_token": "a"})
    response = login(anon, code="auth-code", redirect_uri="https://app.example.com/cb")
    assert response.status_code == 200
    sent = next(call.request for call in google.calls if call.request.url == GOOGLE_TOKEN_URL)
    assert "code=auth-code" in sent.body


def test_a_refused_authorization_code_is_an_invalid_token(anon, google):
    google.post(GOOGLE_TOKEN_URL, status=400, json={"error": "invalid_grant"})
    response = login(anon, code="stale", redirect_uri="https://app.example.com/cb")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "GOOGLE_TOKEN_INVALID"


def test_a_verified_password_account_is_linked_and_keeps_its_password(anon, make_user):
    user = make_user("person@gmail.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    body = login(anon, id_token=google_id_token()).json()
    assert body["created"] is False
    assert body["user"]["id"] == user.id
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_linking_an_unverified_password_account_disables_the_unproven_password(anon, make_user):
    squatter = make_user("person@gmail.com")
    EmailAddress.objects.create(user=squatter, email=squatter.email, verified=False, primary=True)
    body = login(anon, id_token=google_id_token()).json()
    assert body["user"]["id"] == squatter.id
    squatter.refresh_from_db()
    assert not squatter.has_usable_password()
    password_login = anon.post(
        "/api/v1/auth/token", {"email": "person@gmail.com", "password": PASSWORD}, format="json"
    )
    assert password_login.status_code == 401


def test_either_id_token_or_code_is_required(anon):
    response = login(anon)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_google_login_is_off_without_a_client_id(anon, settings):
    settings.GOOGLE_CLIENT_ID = ""
    response = login(anon, id_token=google_id_token())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "GOOGLE_NOT_CONFIGURED"
