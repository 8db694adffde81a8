"""Operator commands: transcribe a local file, re-queue transcriptions."""

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import ROOT, subprocess_env
from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob
from media.tests.factories import ready_video
from media.transcription.schema import validate_transcript


@pytest.mark.slow
def test_transcribe_command_writes_a_transcript_without_database_or_broker(speech_video, tmp_path):
    output = tmp_path / "transcript.json"
    env = subprocess_env(
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none", BROKER_URL="stub://", REDIS_URL=""
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "transcribe",
            str(speech_video),
            "-o",
            str(output),
            "--no-diarize",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    transcript = validate_transcript(json.loads(output.read_text()))
    assert "london" in transcript["segments"][-1]["text"].lower()
    assert "words in" in result.stdout
    assert "\r" not in result.stderr  # no progress-bar redraws in a log


def test_transcribe_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("transcribe", str(tmp_path / "nope.mp4"), "-o", str(tmp_path / "t.json"))


@pytest.mark.django_db
def test_reprocess_queues_failed_videos_and_skips_busy_ones(
    user, media_root, sample_video, django_capture_on_commit_callbacks, capsys
):
    failed = ready_video(user, media_root, sample_video)
    TranscriptionJob.objects.create(video=failed, status=JobStatus.FAILED)
    fine = ready_video(user, media_root, sample_video)
    TranscriptionJob.objects.create(video=fine, status=JobStatus.SUCCEEDED)

    call_command("reprocess", "--failed", "--dry-run")
    assert f"would queue {failed.pk}" in capsys.readouterr().out
    assert TranscriptionJob.objects.filter(status=JobStatus.QUEUED).count() == 0

    with django_capture_on_commit_callbacks(execute=False):
        call_command("reprocess", "--failed")
        call_command("reprocess", "--video", str(failed.pk))
    out = capsys.readouterr().out
    assert "1 queued, 0 skipped" in out
    assert "0 queued, 1 skipped" in out
    assert list(
        TranscriptionJob.objects.filter(status=JobStatus.QUEUED).values_list("video", flat=True)
    ) == [failed.pk]


@pytest.mark.django_db
def test_reprocess_since_a_date(user, media_root, sample_video, capsys):
    old = ready_video(
        user, media_root, sample_video, uploaded_at=timezone.now() - timedelta(days=10)
    )
    new = ready_video(user, media_root, sample_video, uploaded_at=timezone.now())
    call_command(
        "reprocess", "--since", (timezone.now() - timedelta(days=1)).date().isoformat(), "--dry-run"
    )
    out = capsys.readouterr().out
    assert str(new.pk) in out
    assert str(old.pk) not in out


def test_reprocess_needs_a_selection():
    with pytest.raises(CommandError, match="Choose videos"):
        call_command("reprocess")
