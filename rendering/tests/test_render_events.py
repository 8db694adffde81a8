"""An export's progress pushed as Server-Sent Events: only to its owner, signed in; one event
per change, ending with the job (the download link in the last)."""

import json

import pytest

from ecg.jobs.services import job_start, job_succeed
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def job(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    return RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario(None, None, source_height=video.height),
    )


def events(response):
    body = b"".join(response.streaming_content).decode()
    return [
        json.loads(block.split("data: ", 1)[1])
        for block in body.split("\n\n")
        if block.startswith("event: render")
    ]


def test_a_finished_export_sends_its_end_and_closes(client, user, job, media_root):
    job_start(job=job, phase="painting")
    key = f"renders/{job.pk}/output.mp4"
    (media_root / "renders" / str(job.pk)).mkdir(parents=True)
    (media_root / key).write_bytes(bytes(16))
    job_succeed(job=job, output_key=key, output_size=16)
    client.force_login(user)
    response = client.get(f"/api/v1/renders/{job.pk}/events")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    [last] = events(response)
    assert (last["status"], last["progress"]) == ("succeeded", 100)
    assert last["download_url"].startswith("http")


def test_events_are_for_the_signed_in_owner_only(client, other_user, job):
    url = f"/api/v1/renders/{job.pk}/events"
    response = client.get(url)
    assert (response.status_code, response.json()["error"]["code"]) == (401, "NOT_AUTHENTICATED")
    client.force_login(other_user)
    response = client.get(url)
    assert (response.status_code, response.json()["error"]["code"]) == (404, "NOT_FOUND")
