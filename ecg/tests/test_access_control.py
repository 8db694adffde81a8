"""Who may do what: every API endpoint and admin page for anonymous, owner, other user, staff.

No cross-user reads or writes: another user's objects answer 404 (never 403 with details),
staff included (staff work through the admin, not the creators' API)."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from conftest import PASSWORD, bearer
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db

# (method, path, body); {video} and {render} are the owner's objects.
OWNED = [
    ("get", "/api/v1/videos/{video}", None),
    ("delete", "/api/v1/videos/{video}", None),
    ("post", "/api/v1/videos/{video}/complete", None),
    ("get", "/api/v1/videos/{video}/transcript", None),
    ("put", "/api/v1/videos/{video}/transcript", {}),
    ("get", "/api/v1/videos/{video}/transcript.srt", None),
    ("get", "/api/v1/videos/{video}/transcript.vtt", None),
    ("post", "/api/v1/videos/{video}/retranscribe", {}),
    ("get", "/api/v1/renders/{render}", None),
    ("post", "/api/v1/renders/{render}/cancel", None),
    ("post", "/api/v1/renders", {"video": "{video}"}),
]
PERSONAL = [
    ("get", "/api/v1/auth/me", None),
    ("get", "/api/v1/videos", None),
    ("get", "/api/v1/renders", None),
    ("get", "/api/v1/quotas/me", None),
    ("get", "/api/v1/presets", None),
    ("post", "/api/v1/captions/layout", {}),
    ("post", "/api/v1/videos", {}),
    ("post", "/api/v1/auth/logout", {}),
]


@pytest.fixture
def world(user, other_user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=3.0, width=320, height=240)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript(duration=3.0)
    )
    render = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot={},
        scenario=validate_scenario(None, None, source_height=240),
    )
    staff = User.objects.create_superuser("staff@example.com", "staff-password-123")
    return {"video": video, "render": render, "staff": staff, "other": other_user}


def call(client, method, path, body, world):
    path = path.format(video=world["video"].pk, render=world["render"].pk)
    if isinstance(body, dict):
        body = {k: v.format(video=world["video"].pk) for k, v in body.items()}
    return getattr(client, method)(path, body, format="json")


@pytest.mark.parametrize(("method", "path", "body"), OWNED + PERSONAL)
def test_anonymous_requests_are_refused(world, method, path, body):
    response = call(APIClient(), method, path, body, world)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "NOT_AUTHENTICATED"


@pytest.mark.parametrize("who", ["other", "staff"])
@pytest.mark.parametrize(("method", "path", "body"), OWNED)
def test_nobody_else_reaches_the_owners_objects(world, who, method, path, body):
    response = call(bearer(world[who]), method, path, body, world)
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "NOT_FOUND"
    assert RenderJob.objects.filter(pk=world["render"].pk, status="queued").exists()
    assert world["video"].transcripts.count() == 1


@pytest.mark.parametrize(("method", "path", "body"), OWNED)
def test_the_owner_is_never_told_not_found(
    world, method, path, body, settings, django_capture_on_commit_callbacks
):
    settings.RENDER_RATE_LIMIT = "1000/m"
    with django_capture_on_commit_callbacks(execute=False):
        response = call(bearer(world["video"].owner), method, path, body, world)
    assert response.status_code != 404, response.content
    assert response.status_code < 500


def test_lists_hold_only_ones_own_objects(world):
    other = bearer(world["other"])
    assert other.get("/api/v1/videos").json()["count"] == 0
    assert other.get("/api/v1/renders").json()["count"] == 0


def _token(user_id, **claims):
    payload = {
        "token_type": "access",
        "user_id": str(user_id),
        "jti": "x",
        "exp": timezone.now() + timedelta(minutes=5),
        **claims,
    }
    return jwt.encode(payload, django_settings.SIMPLE_JWT["SIGNING_KEY"], algorithm="HS256")


@pytest.mark.parametrize(
    "path", ["/api/v1/videos", "/api/v1/videos/{video}", "/api/v1/renders/{render}"]
)
@pytest.mark.parametrize("case", ["wrong signature", "expired", "deleted user", "deactivated"])
def test_bad_tokens_are_refused(world, case, path):
    """Status polls included: they do not load the token's user, their query does the check."""
    owner = world["video"].owner
    token = {
        "wrong signature": jwt.encode(
            {
                "token_type": "access",
                "user_id": str(owner.pk),
                "jti": "x",
                "exp": timezone.now() + timedelta(minutes=5),
            },
            "another-secret-key-of-at-least-32-bytes",
            "HS256",
        ),
        "expired": _token(owner.pk, exp=timezone.now() - timedelta(minutes=1)),
        "deleted user": _token(999_999),
        "deactivated": _token(owner.pk),
    }[case]
    if case == "deactivated":
        User.objects.filter(pk=owner.pk).update(is_active=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(path.format(video=world["video"].pk, render=world["render"].pk))
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"TOKEN_INVALID", "AUTHENTICATION_FAILED"}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/media/video/",
        "/admin/rendering/renderjob/",
        "/admin/quotas/usageday/",
        "/admin/accounts/user/",
    ],
)
def test_the_admin_is_for_staff_only(client, world, path):
    assert client.get(path).status_code == 302  # anonymous: to the login page
    client.force_login(world["video"].owner)
    assert client.get(path).status_code == 302  # a creator: the same
    client.force_login(world["staff"])
    assert client.get(path).status_code == 200


def test_editor_pages_are_the_owners_only(client, world):
    url = f"/videos/{world['video'].pk}/edit"
    assert client.get(url).status_code == 302
    client.force_login(world["other"])
    assert client.get(url).status_code == 404
    client.force_login(world["video"].owner)
    assert client.get(url).status_code == 200


def test_after_logout_the_sessions_token_cannot_poll(world):
    """Polls skip loading the user, not the logout check."""
    owner = world["video"].owner
    client = APIClient()
    pair = client.post(
        "/api/v1/auth/token", {"email": owner.email, "password": PASSWORD}, format="json"
    ).json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    poll = f"/api/v1/renders/{world['render'].pk}"
    assert client.get(poll).status_code == 200
    logout = client.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}, format="json")
    assert logout.status_code == 204
    refused = client.get(poll)
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "TOKEN_INVALID")
