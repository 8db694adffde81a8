"""A render worker killed mid-job: the job ends with a reason, the quota slot comes back, and
the dead worker's scratch files are removed."""

import os
import signal
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import redis_worker, requires_redis, wait_until
from ecg.jobs.models import JobStatus
from ecg.jobs.services import jobs_sweep_stale
from ecg.jobs.workdirs import remove_orphan_workdirs
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, steady_transcript
from quotas.models import UsageDay
from rendering.models import RenderJob
from rendering.scenario import validate_scenario
from rendering.tasks import render_video

pytestmark = [pytest.mark.django_db(transaction=True), requires_redis, pytest.mark.slow]


def test_sigkill_mid_render_frees_the_slot_and_the_scratch_space(
    api, user, media_root, long_clip, settings
):
    video = ready_video(
        user, media_root, long_clip, duration=40.0, width=1280, height=720, fps=30.0
    )
    transcript = steady_transcript(duration=40.0, count=90)
    TranscriptRevision.objects.create(video=video, source=TranscriptSource.MACHINE, data=transcript)
    settings.QUOTA_CONCURRENT_RENDERS = 1
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=transcript,
        scenario=validate_scenario({"preset": "pop"}, None, source_height=720),
        attempts=settings.JOB_MAX_ATTEMPTS - 1,  # this is its last try
    )
    UsageDay.objects.create(user=user, day=timezone.now().date(), renders_started=1)
    before = set(Path(tempfile.gettempdir()).glob("ecg-render-*"))
    with redis_worker("render", extra_env={"RENDER_X264_PRESET": "medium"}) as (worker, broker):
        broker.enqueue(render_video.message(str(job.pk)))
        wait_until(lambda: RenderJob.objects.get(pk=job.pk).phase in ("painting", "encoding"))
        scratch = set(Path(tempfile.gettempdir()).glob("ecg-render-*")) - before
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    assert scratch
    assert all(p.exists() for p in scratch)
    refused = api.post("/api/v1/renders", {"video": str(video.pk)}, format="json")
    assert refused.json()["error"]["code"] == "QUOTA_CONCURRENT_EXCEEDED"  # still held

    settings.JOB_STALE_AFTER_SECONDS = 2
    time.sleep(3)
    assert jobs_sweep_stale(now=timezone.now() + timedelta(seconds=1)).failed == [str(job.pk)]
    job.refresh_from_db()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "WORKER_LOST")
    assert remove_orphan_workdirs()
    assert not any(p.exists() for p in scratch)
    assert UsageDay.objects.get(user=user).renders_failed == 1
    admitted = api.post("/api/v1/renders", {"video": str(video.pk)}, format="json")
    assert admitted.status_code == 202  # the slot came back
