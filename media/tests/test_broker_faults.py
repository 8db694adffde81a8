"""The broker goes away: requests still succeed, messages are not lost, a restart is survived."""

import subprocess
import time

import pytest

from conftest import free_port, redis_worker, requires_redis, wait_until
from ecg.jobs.models import JobStatus
from ecg.jobs.services import jobs_sweep_stale
from media.models import TranscriptionJob, Video
from media.tasks import make_thumbnail, transcribe_video
from media.tests.factories import ready_video


@pytest.mark.django_db(transaction=True)  # on_commit sends run inside the request, as served
def test_an_upload_completed_with_the_broker_away_succeeds_and_its_messages_follow_at_the_sweep(
    api, media_root, sample_video, broker_away
):
    video_id = api.post(
        "/api/v1/videos",
        {"filename": "a.mp4", "size": sample_video.stat().st_size, "content_type": "video/mp4"},
        format="json",
    ).json()["video"]["id"]
    video = Video.objects.get(pk=video_id)
    (media_root / video.storage_key).parent.mkdir(parents=True)
    (media_root / video.storage_key).write_bytes(sample_video.read_bytes())

    response = api.post(f"/api/v1/videos/{video_id}/complete")

    assert response.status_code == 200
    job = TranscriptionJob.objects.get(video_id=video_id)
    assert job.status == JobStatus.QUEUED
    broker_away.back()
    assert broker_away.messages("transcribe") == []
    jobs_sweep_stale()  # its next pass (every JOB_SWEEP_INTERVAL_SECONDS), not minutes later
    assert [m.args for m in broker_away.messages("transcribe")] == [(str(job.pk),)]
    [thumbnail] = broker_away.messages("default")
    assert (thumbnail.actor_name, thumbnail.args) == ("make_thumbnail", (video_id,))
    make_thumbnail(*thumbnail.args)
    assert Video.objects.get(pk=video_id).thumbnail_key
    jobs_sweep_stale()  # sent once: nothing is left to send again
    assert len(broker_away.messages("transcribe")) == 1


@pytest.fixture
def private_redis():
    """A Redis of our own that the test may restart (it keeps nothing on disk)."""
    port = free_port()
    command = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    server = {
        "process": subprocess.Popen(command, stdout=subprocess.DEVNULL),
        "url": f"redis://127.0.0.1:{port}/0",
    }

    def restart() -> None:
        server["process"].terminate()
        server["process"].wait(10)
        time.sleep(0.5)
        server["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)

    server["restart"] = restart
    time.sleep(0.3)
    yield server
    server["process"].terminate()
    server["process"].wait(10)


@requires_redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_redis_restart_during_a_transcription_is_survived(
    user, media_root, speech_video, private_redis
):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = TranscriptionJob.objects.create(video=video)
    with redis_worker("transcribe", redis_url=private_redis["url"]) as (_worker, broker):
        broker.enqueue(transcribe_video.message(str(job.pk)))
        wait_until(lambda: TranscriptionJob.objects.get(pk=job.pk).status == JobStatus.RUNNING)
        private_redis["restart"]()
        wait_until(lambda: TranscriptionJob.objects.get(pk=job.pk).is_final, timeout=180)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, (job.error_code, job.error_message)
