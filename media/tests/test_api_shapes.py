"""The status-poll shapes built straight from models say exactly what the documented
serializers say (the serializers are the OpenAPI schema; the dicts are the hot path)."""

import json

import pytest
from rest_framework.renderers import JSONRenderer

from ecg.jobs.services import job_fail, job_start
from media import selectors
from media.api.serializers import VideoDetailOutput, VideoOutput, video_data, video_detail_data
from media.models import TranscriptionJob, TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.api.serializers import RenderOutput, render_data
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db


def as_json(data):
    return json.loads(JSONRenderer().render(data))


@pytest.fixture
def video(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    video.error_code, video.error_message = "", ""
    job = TranscriptionJob.objects.create(video=video, options={"language": "en"})
    job_start(job=job, phase="transcribing")
    job_fail(job=job, code="TRANSCRIPTION_FAILED", message="boom")
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    return video


def test_video_and_its_detail(video, user):
    assert as_json(video_data(video)) == as_json(VideoOutput(video).data)
    detail = selectors.video_poll(owner_id=user.pk, video_id=video.pk)
    fast = as_json(video_detail_data(detail))
    assert fast == as_json(VideoDetailOutput(detail.video, context={"detail": detail}).data)
    assert fast["transcription"]["error"]["code"] == "TRANSCRIPTION_FAILED"
    assert fast["transcript_revision"] == TranscriptRevision.objects.get(video=video).pk


def test_a_render(video, user):
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario({"preset": "pop"}, None, source_height=video.height),
    )
    job_start(job=job, phase="painting")
    url = "https://example.com/out.mp4"
    expected = as_json(RenderOutput(job, context={"download_urls": {job.pk: url}}).data)
    assert as_json(render_data(job, url)) == expected
