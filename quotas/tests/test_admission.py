"""Quota admission: limits per day, month and at once, atomically, and slots released by
every way a render can end."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from conftest import bearer
from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel, job_fail, job_start, jobs_sweep_stale
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from quotas.models import Quota, UsageDay
from quotas.selectors import windows
from rendering.models import RenderJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=10.0, width=320, height=240)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    return video


def request_render(api, video, **body):
    return api.post("/api/v1/renders", {"video": str(video.pk), **body}, format="json")


@pytest.mark.postgres
def test_concurrent_requests_admit_exactly_the_concurrent_limit(
    transactional_db, user, video, settings
):
    settings.QUOTA_CONCURRENT_RENDERS = 2
    settings.RENDER_RATE_LIMIT = "1000/m"
    gate = threading.Barrier(8)
    statuses: list[int] = []

    def attempt() -> None:
        client = bearer(user)
        gate.wait()
        try:
            statuses.append(request_render(client, video).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [202, 202] + [429] * 6
    assert RenderJob.objects.filter(owner=user).count() == 2
    assert UsageDay.objects.get(user=user).renders_started == 2


def test_the_daily_limit_counts_only_today(api, user, video, settings):
    settings.QUOTA_DAILY_RENDERS = 3
    today = windows().day
    UsageDay.objects.create(user=user, day=today - timedelta(days=1), renders_started=50)
    UsageDay.objects.create(user=user, day=today, renders_started=3)
    response = request_render(api, video)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "QUOTA_DAILY_EXCEEDED"
    assert (error["details"]["limit"], error["details"]["used"]) == (3, 3)
    assert error["details"]["resets_at"] == windows().day_resets_at.isoformat()
    assert int(response["Retry-After"]) == error["details"]["retry_after"]


def test_the_monthly_limit_sums_the_days_of_this_month(api, user, video, settings):
    settings.QUOTA_MONTHLY_RENDERS = 5
    window = windows()
    UsageDay.objects.create(
        user=user, day=window.month_start - timedelta(days=1), renders_started=40
    )
    UsageDay.objects.create(user=user, day=window.month_start, renders_started=5)
    if window.day == window.month_start:  # the 1st: today is the same row
        UsageDay.objects.filter(user=user, day=window.day).update(renders_started=5)
    error = request_render(api, video).json()["error"]
    assert error["code"] == "QUOTA_MONTHLY_EXCEEDED"
    assert error["details"]["resets_at"] == window.month_resets_at.isoformat()


def test_a_staff_override_beats_the_default(api, user, video, settings):
    settings.QUOTA_DAILY_RENDERS = 0
    Quota.objects.create(user=user, daily_renders=1)
    assert request_render(api, video).status_code == 202
    assert request_render(api, video).json()["error"]["code"] == "QUOTA_DAILY_EXCEEDED"


def test_a_video_over_the_length_limit_is_refused(api, user, video, settings):
    settings.QUOTA_MAX_VIDEO_SECONDS = 5
    response = request_render(api, video)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "VIDEO_TOO_LONG"
    assert (error["details"]["limit"], error["details"]["used"]) == (5, 10.0)
    assert not RenderJob.objects.exists()


@pytest.mark.parametrize("ending", ["failure", "cancel", "dead worker"])
def test_a_slot_is_released_however_the_render_ends(
    api, user, video, settings, ending, django_capture_on_commit_callbacks
):
    settings.QUOTA_CONCURRENT_RENDERS = 1
    first = request_render(api, video)
    assert first.status_code == 202
    response = request_render(api, video)
    refused = response.json()["error"]
    assert refused["code"] == "QUOTA_CONCURRENT_EXCEEDED"
    assert (refused["details"]["limit"], refused["details"]["used"]) == (1, 1)
    assert int(response["Retry-After"]) == refused["details"]["retry_after"] > 0

    job = RenderJob.objects.get(pk=first.json()["id"])
    with django_capture_on_commit_callbacks(execute=True):
        if ending == "failure":
            job_fail(job=job, code="RENDER_FAILED", message="boom")
        elif ending == "cancel":
            assert api.post(f"/api/v1/renders/{job.pk}/cancel").status_code == 200
        else:
            stale = timezone.now() - timedelta(hours=1)
            RenderJob.objects.filter(pk=job.pk).update(
                status=JobStatus.RUNNING, attempts=settings.JOB_MAX_ATTEMPTS, heartbeat_at=stale
            )
            assert jobs_sweep_stale().failed == [str(job.pk)]
    assert request_render(api, video).status_code == 202
    counter = {
        "failure": "renders_failed",
        "cancel": "renders_canceled",
        "dead worker": "renders_failed",
    }[ending]
    assert getattr(UsageDay.objects.get(user=user), counter) == 1


@pytest.mark.parametrize("started", [False, True])
def test_a_render_canceled_before_it_started_gives_its_daily_slot_back_one_that_ran_counts(
    api, user, video, settings, started, django_capture_on_commit_callbacks
):
    settings.QUOTA_DAILY_RENDERS = 1
    job = RenderJob.objects.get(pk=request_render(api, video).json()["id"])
    assert request_render(api, video).json()["error"]["code"] == "QUOTA_DAILY_EXCEEDED"
    if started:
        assert job_start(job=job, phase="layout")
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"/api/v1/renders/{job.pk}/cancel").status_code == 200

    usage = UsageDay.objects.get(user=user)
    assert (usage.renders_started, usage.renders_canceled) == (int(started), 1)
    assert api.get("/api/v1/quotas/me").json()["left"]["today"] == int(not started)
    again = request_render(api, video)
    if started:
        assert again.json()["error"]["code"] == "QUOTA_DAILY_EXCEEDED"
    else:
        assert again.status_code == 202


def test_quota_summary_shows_limits_usage_running_and_resets(api, user, video, settings):
    settings.QUOTA_DAILY_RENDERS = 7
    request_render(api, video)
    body = api.get("/api/v1/quotas/me").json()
    assert body["limits"]["daily_renders"] == 7
    assert body["usage"]["today"]["renders_started"] == 1
    assert body["usage"]["month"]["renders_started"] == 1
    assert body["usage"]["running"] == 1
    assert body["resets"]["daily_at"].endswith("Z") or "+00:00" in body["resets"]["daily_at"]


def test_canceling_twice_says_the_render_already_ended(api, video):
    job_id = request_render(api, video).json()["id"]
    api.post(f"/api/v1/renders/{job_id}/cancel")
    again = api.post(f"/api/v1/renders/{job_id}/cancel")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "RENDER_FINISHED"
    job = RenderJob.objects.get(pk=job_id)
    job_cancel(job=job)
    assert job.status == JobStatus.CANCELED
