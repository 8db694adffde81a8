"""A video's status poll: answered from the cached video status and the transcription's
snapshot without a query, and forgotten by every change that the poll shows."""

import pytest

from ecg.jobs.services import job_progress, job_start
from media import services
from media.models import TranscriptionJob, TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(user, media_root, sample_video):
    return ready_video(user, media_root, sample_video, duration=10.0)


def poll(api, video):
    response = api.get(f"/api/v1/videos/{video.pk}")
    assert response.status_code == 200
    return response.json()


def test_a_second_poll_makes_no_query_and_follows_the_transcription(
    api, video, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        job = TranscriptionJob.objects.create(video=video)
    assert poll(api, video)["transcription"]["status"] == "queued"
    with django_capture_on_commit_callbacks(execute=True):
        job_start(job=job, phase="transcribing")
        job_progress(job=job, phase="transcribing", progress=30)
    with django_assert_num_queries(0):
        body = poll(api, video)
    assert (body["transcription"]["status"], body["transcription"]["progress"]) == ("running", 30)


def test_a_new_revision_a_new_transcription_and_a_thumbnail_show_at_once(
    api, video, django_capture_on_commit_callbacks
):
    assert poll(api, video)["transcript_revision"] is None
    with django_capture_on_commit_callbacks(execute=True):
        revision = TranscriptRevision.objects.create(
            video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
        )
    assert poll(api, video)["transcript_revision"] == revision.pk
    with django_capture_on_commit_callbacks(execute=True):
        job = TranscriptionJob.objects.create(video=video)
    assert poll(api, video)["transcription"]["id"] == str(job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.video_make_thumbnail(video=video)
    assert poll(api, video)["thumbnail_url"]


def test_a_deleted_video_is_gone_at_once(api, video, django_capture_on_commit_callbacks):
    poll(api, video)
    with django_capture_on_commit_callbacks(execute=True):
        services.video_delete(video=video)
    assert api.get(f"/api/v1/videos/{video.pk}").status_code == 404
