"""Actors run through the real Redis broker in a separate worker process; a worker killed
mid-job is caught by the stale-job sweep."""

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

from conftest import drain, redis_worker, requires_redis, wait_until
from ecg.jobs.models import JobStatus
from ecg.jobs.services import jobs_sweep_stale
from ecg.jobs.workdirs import remove_orphan_workdirs
from media.models import TranscriptionJob, TranscriptRevision, Video, VideoStatus
from media.tasks import make_thumbnail, transcribe_video
from media.tests.factories import ready_video

pytestmark = [pytest.mark.django_db(transaction=True), requires_redis, pytest.mark.slow]


def test_thumbnail_actor_runs_in_a_redis_worker_process(user, sample_video, media_root):
    video = Video.objects.create(
        owner=user,
        original_filename="clip.mp4",
        storage_key="videos/x/source.mp4",
        size=sample_video.stat().st_size,
        content_type="video/mp4",
        status=VideoStatus.READY,
        duration=3.0,
    )
    (media_root / "videos/x").mkdir(parents=True)
    shutil.copyfile(sample_video, media_root / video.storage_key)
    with redis_worker("default") as (worker, broker):
        broker.enqueue(make_thumbnail.message(str(video.pk)))
        wait_until(lambda: Video.objects.get(pk=video.pk).thumbnail_key, timeout=60)
    video.refresh_from_db()
    assert (media_root / video.thumbnail_key).read_bytes()[:2] == b"\xff\xd8"  # a JPEG
    assert "Traceback" not in worker.output, worker.output


def test_transcription_runs_in_a_redis_worker_process(user, speech_video, media_root):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = TranscriptionJob.objects.create(video=video)
    with redis_worker("transcribe") as (worker, broker):
        broker.enqueue(transcribe_video.message(str(job.pk)))
        wait_until(lambda: TranscriptionJob.objects.get(pk=job.pk).is_final, timeout=180)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, (job.error_code, job.error_message, worker.output)
    words = TranscriptRevision.objects.get(video=video).data["segments"][-1]["text"].lower()
    assert "london" in words


def test_a_killed_worker_is_caught_by_the_sweep_and_the_job_finishes_later(
    user, speech_video, media_root, settings, stub_worker
):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = TranscriptionJob.objects.create(video=video)
    before = set(Path(tempfile.gettempdir()).glob("ecg-transcription-*"))
    with redis_worker("transcribe") as (worker, broker):
        broker.enqueue(transcribe_video.message(str(job.pk)))
        # killed while it loads the model, its audio already extracted to scratch space
        wait_until(lambda: TranscriptionJob.objects.get(pk=job.pk).phase == "extracting_audio")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    scratch = set(Path(tempfile.gettempdir()).glob("ecg-transcription-*")) - before
    assert scratch  # the dead worker could not clean up

    # Swept as the periodic sweep does: a SIGKILLed process holding a loaded model can take a
    # moment to be torn down, and until then it still counts as alive.
    def swept() -> bool:
        remove_orphan_workdirs()
        return not any(path.exists() for path in scratch)

    wait_until(swept, timeout=30)
    assert swept()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # the dead worker cannot say otherwise

    settings.JOB_STALE_AFTER_SECONDS = 2
    time.sleep(3)
    assert jobs_sweep_stale().requeued == [str(job.pk)]
    drain(stub_worker, "transcribe")  # the re-queued message runs on a live worker
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 2
