"""Sign-up, password login, JWT refresh rotation, logout and the profile endpoint."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signup(anon, email="new@example.com", password=PASSWORD, **extra):
    return anon.post(
        "/api/v1/auth/signup", {"email": email, "password": password, **extra}, format="json"
    )


def test_signup_creates_account_and_returns_a_token_pair(anon):
    response = signup(anon, email="New@Example.com", display_name="Nia")
    assert response.status_code == 201
    body = response.json()
    assert body["user"]["email"] == "new@example.com"
    assert body["user"]["display_name"] == "Nia"
    assert body["access"]
    assert body["refresh"]
    user = User.objects.get(email="new@example.com")
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, primary=True, verified=False).exists()


def test_signup_with_a_taken_email_is_refused_whatever_its_case(anon, user):
    response = signup(anon, email=user.email.upper())
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "EMAIL_TAKEN"
    assert User.objects.count() == 1


def test_signup_with_a_weak_password_names_the_field(anon):
    response = signup(anon, password="12345678")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert error["details"]["fields"]["password"]
    assert not User.objects.exists()


def test_signup_with_a_malformed_email_is_a_validation_error(anon):
    response = signup(anon, email="not-an-email")
    assert response.status_code == 400
    assert "email" in response.json()["error"]["details"]["fields"]


def test_token_returns_pair_for_correct_credentials(anon, user):
    response = anon.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh", "user"}


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("creator@example.com", "wrong-password"),
        ("nobody@example.com", PASSWORD),
    ],
)
def test_login_errors_do_not_reveal_whether_the_email_exists(anon, user, email, password):
    response = anon.post(
        "/api/v1/auth/token", {"email": email, "password": password}, format="json"
    )
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "INVALID_CREDENTIALS",
        "message": "E-mail or password is incorrect.",
        "details": {},
    }


def test_a_disabled_account_cannot_log_in(anon, make_user):
    make_user("gone@example.com", is_active=False)
    response = anon.post(
        "/api/v1/auth/token", {"email": "gone@example.com", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_CREDENTIALS"


def test_refresh_rotates_and_the_old_refresh_token_is_refused(anon, user):
    pair = anon.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    ).json()
    rotated = anon.post("/api/v1/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != pair["refresh"]
    again = anon.post("/api/v1/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "TOKEN_INVALID"


def test_logout_blacklists_the_refresh_token(anon, user):
    pair = anon.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    ).json()
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert (
        anon.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}, format="json").status_code
        == 204
    )
    refused = anon.post("/api/v1/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "TOKEN_INVALID"


def login(anon, user):
    return anon.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    ).json()


def test_logout_ends_the_sessions_access_tokens_too(anon, user):
    pair = login(anon, user)
    rotated = anon.post(
        "/api/v1/auth/token/refresh", {"refresh": pair["refresh"]}, format="json"
    ).json()
    other_device = login(anon, user)
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    assert anon.get("/api/v1/auth/me").status_code == 200
    logout = anon.post("/api/v1/auth/logout", {"refresh": rotated["refresh"]}, format="json")
    assert logout.status_code == 204
    for access in (pair["access"], rotated["access"]):  # before and after the rotation
        anon.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        refused = anon.get("/api/v1/auth/me")
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "TOKEN_INVALID"
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {other_device['access']}")
    assert anon.get("/api/v1/auth/me").status_code == 200  # another session stays signed in


def test_logout_needs_authentication(anon):
    response = anon.post("/api/v1/auth/logout", {"refresh": "x"}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "NOT_AUTHENTICATED"


def test_me_shows_and_updates_the_profile(api, user):
    assert api.get("/api/v1/auth/me").json()["email"] == user.email
    response = api.patch("/api/v1/auth/me", {"display_name": "  Ada  "}, format="json")
    assert response.status_code == 200
    assert response.json()["display_name"] == "Ada"
    user.refresh_from_db()
    assert user.display_name == "Ada"


def test_me_ignores_attempts_to_change_protected_fields(api, user):
    api.patch("/api/v1/auth/me", {"is_staff": True, "email": "x@example.com"}, format="json")
    user.refresh_from_db()
    assert not user.is_staff
    assert user.email == "creator@example.com"


def test_a_garbage_bearer_token_is_refused_with_a_code(anon):
    anon.credentials(HTTP_AUTHORIZATION="Bearer not.a.jwt")
    response = anon.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "TOKEN_INVALID"


def test_a_token_of_a_deleted_user_is_refused(api, user):
    user.delete()
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"TOKEN_INVALID", "AUTHENTICATION_FAILED"}
