"""Staff pages and operator commands that every deployment relies on."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob, TranscriptRevision, TranscriptSource, Vocabulary
from media.tests.factories import ready_video, sample_transcript
from quotas.models import Quota, UsageDay
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = User.objects.create_superuser("staff@example.com", "staff-password-123")
    client.force_login(staff)
    return client


@pytest.fixture
def objects(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video)
    job = TranscriptionJob.objects.create(
        video=video, status=JobStatus.FAILED, error_code="WORKER_LOST"
    )
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript(duration=3.0), job=job
    )
    render = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot={},
        scenario=validate_scenario(None, None, source_height=240),
    )
    Quota.objects.create(user=user, daily_renders=3)
    UsageDay.objects.create(user=user, day="2026-11-01", renders_started=2)
    vocabulary = Vocabulary.objects.create(owner=user, terms=["Moncton"])
    return {"video": video, "job": job, "render": render, "user": user, "vocabulary": vocabulary}


@pytest.mark.parametrize(
    "model",
    [
        "accounts/user",
        "media/video",
        "media/transcriptionjob",
        "media/transcriptrevision",
        "media/vocabulary",
        "rendering/renderjob",
        "quotas/usageday",
    ],
)
def test_staff_can_list_search_and_open_everything(staff_client, objects, model):
    app, name = model.split("/")
    listing = staff_client.get(reverse(f"admin:{app}_{name}_changelist"), {"q": "example"})
    assert listing.status_code == 200
    first = {
        "accounts/user": objects["user"],
        "media/video": objects["video"],
        "media/transcriptionjob": objects["job"],
        "media/vocabulary": objects["vocabulary"],
        "rendering/renderjob": objects["render"],
    }
    if model in first:
        page = staff_client.get(reverse(f"admin:{app}_{name}_change", args=[first[model].pk]))
        assert page.status_code == 200


def test_the_user_page_shows_the_quota_inline(staff_client, objects):
    page = staff_client.get(reverse("admin:accounts_user_change", args=[objects["user"].pk]))
    assert b"daily_renders" in page.content


def test_usage_totals_are_shown_above_the_table(staff_client, objects):
    page = staff_client.get(reverse("admin:quotas_usageday_changelist"))
    assert page.context["totals"]["renders_started"] == 2


def test_staff_retry_and_cancel_actions(staff_client, objects, django_capture_on_commit_callbacks):
    url = reverse("admin:media_transcriptionjob_changelist")
    with django_capture_on_commit_callbacks(execute=False):
        staff_client.post(url, {"action": "retry_jobs", "_selected_action": [objects["job"].pk]})
    objects["job"].refresh_from_db()
    assert objects["job"].status == JobStatus.QUEUED
    staff_client.post(
        reverse("admin:rendering_renderjob_changelist"),
        {"action": "cancel_jobs", "_selected_action": [objects["render"].pk]},
    )
    objects["render"].refresh_from_db()
    assert (objects["render"].status, objects["render"].error_message) == (
        JobStatus.CANCELED,
        "Canceled by staff.",
    )


def test_a_creator_cannot_open_the_admin(client, user):
    client.force_login(user)
    assert client.get("/admin/").status_code == 302


def test_seed_creates_demo_users_once_and_prints_credentials(settings, capsys):
    settings.DEBUG = True
    call_command("seed")
    call_command("seed")
    out = capsys.readouterr().out
    assert "admin@ecg.local  password: ecg-admin-demo" in out
    assert User.objects.filter(email__in=["admin@ecg.local", "creator@ecg.local"]).count() == 2
    assert User.objects.get(email="admin@ecg.local").is_staff
    assert User.objects.get(email="creator@ecg.local").check_password("ecg-creator-demo")


def test_seed_is_refused_in_production_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed")
    call_command("seed", "--force")
    assert User.objects.filter(email="creator@ecg.local").exists()
