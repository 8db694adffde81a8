"""A video's processing pushed as Server-Sent Events: the video as GET shows it, to its signed-in
owner only, ending once its transcription has ended."""

import json

import pytest

from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob
from media.tests.factories import ready_video

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_transcribed_video_sends_its_state_and_closes(client, user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=3.0)
    TranscriptionJob.objects.create(video=video, status=JobStatus.SUCCEEDED, progress=100)
    client.force_login(user)
    response = client.get(f"/api/v1/videos/{video.pk}/events")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    body = b"".join(response.streaming_content).decode()
    events = [b for b in body.split("\n\n") if b.startswith("event: video")]
    assert len(events) == 1
    data = json.loads(events[0].split("data: ", 1)[1])
    assert (data["id"], data["transcription"]["status"]) == (str(video.pk), "succeeded")


def test_video_events_are_for_the_signed_in_owner_only(
    client, other_user, user, media_root, sample_video
):
    video = ready_video(user, media_root, sample_video, duration=3.0)
    url = f"/api/v1/videos/{video.pk}/events"
    assert client.get(url).status_code == 401
    client.force_login(other_user)
    assert client.get(url).json()["error"]["code"] == "NOT_FOUND"
