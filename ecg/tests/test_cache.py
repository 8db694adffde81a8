"""With Redis out of reach, the cache is a miss, never an error: jobs keep reporting, polls read
the database; only a logout, which the cache must keep to be true, is refused (503)."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from conftest import PASSWORD, free_port
from ecg.jobs.services import job_progress, job_start
from ecg.ratelimit import rate_limit_hit
from media.models import TranscriptionJob
from media.tests.factories import ready_video

pytestmark = pytest.mark.django_db


REAL_CACHES = django_settings.CACHES


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ecg.cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    return caches["default"]


def test_reads_miss_writes_are_dropped_and_counters_start_over(redis_away):
    assert redis_away.get("k") is None
    redis_away.set("k", 1)
    assert redis_away.get_many(["k", "j"]) == {}
    assert redis_away.add("k", 1) is False
    assert rate_limit_hit(group="g", key="u", rate="1/m") is None  # fails open


def test_jobs_run_and_polls_answer(redis_away, api, user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=3.0)
    job = TranscriptionJob.objects.create(video=video)
    job_start(job=job, phase="transcribing")
    job_progress(job=job, phase="transcribing", progress=50)
    body = api.get(f"/api/v1/videos/{video.pk}").json()
    assert body["transcription"]["progress"] == 50


def test_a_logout_the_cache_cannot_keep_is_refused_and_can_be_retried(
    settings, redis_away, anon, user
):
    """Not a 204 that leaves the session's access tokens working: a 503, nothing changed."""
    pair = anon.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    ).json()
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    response = anon.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (503, "LOGOUT_UNAVAILABLE")
    assert not BlacklistedToken.objects.exists()
    settings.CACHES = REAL_CACHES
    assert anon.get("/api/v1/auth/me").status_code == 200  # still signed in, as it was told
    response = anon.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}, format="json")
    assert response.status_code == 204
    assert anon.get("/api/v1/auth/me").status_code == 401
