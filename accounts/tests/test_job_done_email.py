"""A creator who asked for it gets an e-mail when a transcription or an export of theirs ends,
where the site sends such mail (JOB_DONE_EMAIL, off by default); the job's completion sends it,
whoever ended the job."""

import pytest
from django.core import mail

from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel, job_start, job_succeed
from media.models import TranscriptionJob, Video, VideoStatus
from media.tests.factories import sample_transcript
from quotas.services import quota_admit
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(user):
    return Video.objects.create(
        owner=user,
        original_filename="talk.mp4",
        storage_key="videos/x/source.mp4",
        size=1000,
        content_type="video/mp4",
        status=VideoStatus.READY,
        duration=10.0,
        height=640,
    )


def export_of(video):
    """An export admitted as a render request admits it (its usage is recorded at its end)."""
    return quota_admit(
        user=video.owner,
        video_seconds=video.duration,
        running=lambda: 0,
        create=lambda: RenderJob.objects.create(
            owner=video.owner,
            video=video,
            transcript_snapshot=sample_transcript(),
            scenario=validate_scenario(None, None, source_height=video.height),
        ),
    )


def succeed(job, captured, **fields):
    with captured(execute=True):
        job_start(job=job, phase="working")
        job_succeed(job=job, **fields)


def test_no_mail_by_default_even_when_the_creator_asked(
    user, video, django_capture_on_commit_callbacks
):
    user.notify_by_email = True
    user.save()
    succeed(export_of(video), django_capture_on_commit_callbacks, output_key="o.mp4")
    assert mail.outbox == []


def test_a_creator_who_asked_is_mailed_when_an_export_and_a_transcription_end(
    user, video, settings, django_capture_on_commit_callbacks
):
    settings.JOB_DONE_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user.notify_by_email = True
    user.save()
    succeed(export_of(video), django_capture_on_commit_callbacks, output_key="o.mp4")
    transcription = TranscriptionJob.objects.create(video=video, status=JobStatus.QUEUED)
    succeed(transcription, django_capture_on_commit_callbacks)
    canceled = export_of(video)
    with django_capture_on_commit_callbacks(execute=True):
        job_cancel(job=canceled)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([user.email], "Export succeeded: talk.mp4"),
        ([user.email], "Transcription succeeded: talk.mp4"),
        ([user.email], "Export canceled: talk.mp4"),
    ]
    assert mail.outbox[0].body == "The export of talk.mp4 is ready to download."
    assert mail.outbox[1].body == "The transcript of talk.mp4 is ready to edit."


def test_a_creator_who_did_not_ask_is_not_mailed(
    user, video, settings, django_capture_on_commit_callbacks
):
    settings.JOB_DONE_EMAIL = True
    succeed(export_of(video), django_capture_on_commit_callbacks, output_key="o.mp4")
    assert mail.outbox == []


def test_the_creator_turns_the_mail_on_through_the_api(api, user):
    assert api.get("/api/v1/auth/me").json()["notify_by_email"] is False
    response = api.patch("/api/v1/auth/me", {"notify_by_email": True}, format="json")
    assert response.status_code == 200
    assert response.json()["notify_by_email"] is True
    user.refresh_from_db()
    assert user.notify_by_email is True
