"""The scratch disk fills up while a render writes its output."""

import subprocess
import tempfile
from pathlib import Path

import pytest

from ecg.jobs.models import JobStatus
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.kind import render_run
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def tiny_scratch_disk(tmp_path, monkeypatch):
    """A 256 KiB tmpfs as the temporary directory (needs root; skipped otherwise)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    monkeypatch.setattr(tempfile, "tempdir", str(mount))
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_ends_the_render_with_a_reason_and_keeps_nothing(
    user, media_root, sample_video, settings, tiny_scratch_disk
):
    video = ready_video(
        user, media_root, sample_video, duration=3.0, width=320, height=240, fps=25.0
    )
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript(duration=3.0)
    )
    settings.RENDER_CRF = 0  # lossless: the output cannot fit in 256 KiB
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=sample_transcript(duration=3.0),
        scenario=validate_scenario(None, None, source_height=240),
        attempts=settings.JOB_MAX_ATTEMPTS - 1,
    )
    render_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "TRANSIENT_FAILURE_LIMIT")
    assert "No space left" in job.error_message
    assert job.output_key == ""
    assert not list(media_root.glob("renders/**/*"))
    assert not list(Path(tiny_scratch_disk).iterdir())  # the scratch directory is gone
