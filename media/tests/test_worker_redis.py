"""An actor runs through the real Redis broker in a separate worker process."""

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from dramatiq.brokers.redis import RedisBroker

from conftest import ROOT, requires_redis, subprocess_env
from media.models import Video, VideoStatus
from media.tasks import make_thumbnail

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

    namespace = f"ecg-test-{uuid.uuid4().hex[:8]}"
    redis_url = os.environ["REDIS_URL"]
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "rundramatiq",
            "--processes",
            "1",
            "--threads",
            "1",
            "--queues",
            "default",
        ],
        cwd=ROOT,
        env=subprocess_env(REDIS_URL=redis_url, BROKER_URL=redis_url, BROKER_NAMESPACE=namespace),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    broker = RedisBroker(url=redis_url, namespace=namespace)
    try:
        broker.declare_queue("default")
        broker.enqueue(make_thumbnail.message(str(video.pk)))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not video.thumbnail_key:
            time.sleep(0.25)
            video.refresh_from_db()
        assert video.thumbnail_key == f"videos/{video.pk}/thumbnail.jpg"
        assert (media_root / video.thumbnail_key).read_bytes()[:2] == b"\xff\xd8"  # JPEG
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        broker.flush_all()
        broker.close()
    assert "Traceback" not in output, output
