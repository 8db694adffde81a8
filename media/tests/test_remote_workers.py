"""Remote workers: jobs sent to a separate server that reports back through signed callbacks.

The reference server (`manage.py remote_worker`) runs as its own process with the real engines;
the app (a live server) receives its callbacks."""

import json
import subprocess
import sys
import time

import pytest
import requests

from conftest import ROOT, free_port, subprocess_env, wait_until
from ecg.hmac_auth import sign
from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel, job_start
from media.models import TranscriptionJob, TranscriptRevision
from media.tasks import transcribe_video
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario
from rendering.tasks import render_video

pytestmark = pytest.mark.django_db(transaction=True)
SECRET = "transcription-secret-0123456789abcdef"
OLD_SECRET = "transcription-secret-previous-0123456789"
RENDER_SECRET = "render-secret-0123456789abcdefghijkl"


@pytest.fixture
def remote_settings(settings, live_server):
    settings.SITE_URL = live_server.url
    settings.REMOTE_TRANSCRIBE_SECRETS = [SECRET, OLD_SECRET]
    settings.REMOTE_RENDER_SECRETS = [RENDER_SECRET]
    return settings


@pytest.fixture
def remote_server(remote_settings):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "remote_worker", "--port", str(port)],
        cwd=ROOT,
        env=subprocess_env(
            REMOTE_TRANSCRIBE_SECRETS=f"{SECRET},{OLD_SECRET}",
            REMOTE_RENDER_SECRETS=RENDER_SECRET,
            JOB_HEARTBEAT_SECONDS="1",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.2)
    remote_settings.REMOTE_TRANSCRIBE_URL = url
    remote_settings.REMOTE_RENDER_URL = url
    yield url
    process.terminate()
    process.wait(10)


@pytest.mark.slow
def test_transcription_through_the_remote_worker(user, media_root, speech_video, remote_server):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = TranscriptionJob.objects.create(video=video)
    transcribe_video.fn(str(job.pk))  # the actor, as a worker would run it
    job.refresh_from_db()
    assert (job.status, job.phase) == (JobStatus.RUNNING, "remote")
    wait_until(lambda: TranscriptionJob.objects.get(pk=job.pk).is_final, timeout=180)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_message
    text = TranscriptRevision.objects.get(video=video).data["segments"][-1]["text"].lower()
    assert "london" in text


@pytest.mark.slow
def test_render_through_the_remote_worker(user, media_root, sample_video, remote_server):
    video = ready_video(
        user, media_root, sample_video, duration=3.0, width=320, height=240, fps=25.0
    )
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=sample_transcript(duration=3.0),
        scenario=validate_scenario({"preset": "pop"}, None, source_height=240),
    )
    render_video.fn(str(job.pk))
    wait_until(lambda: RenderJob.objects.get(pk=job.pk).is_final, timeout=180)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_message
    assert (media_root / job.output_key).stat().st_size == job.output_size > 0
    assert job.stats["states_painted"] > 0


# --- the callback endpoint itself -----------------------------------------------------------


@pytest.fixture
def running_job(user, media_root, sample_video, remote_settings):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    job = TranscriptionJob.objects.create(video=video)
    job_start(job=job, phase="remote")
    return job


def post(client, body, secret=SECRET, timestamp=None):
    data = json.dumps(body).encode()
    headers = sign(data, secret, timestamp)
    return client.post(
        "/api/v1/callbacks/transcription",
        data,
        content_type="application/json",
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )


def test_a_signed_result_completes_the_job_and_a_repeat_changes_nothing(client, running_job):
    body = {
        "job": str(running_job.pk),
        "event": "succeeded",
        "transcript": sample_transcript(duration=10.0),
    }
    assert post(client, body).json() == {"status": "ok", "job_status": "succeeded"}
    again = post(client, {**body, "transcript": sample_transcript(duration=5.0)})
    assert again.json() == {"status": "ignored", "job_status": "succeeded"}
    assert TranscriptRevision.objects.filter(video=running_job.video).count() == 1
    late = post(
        client,
        {"job": str(running_job.pk), "event": "failed", "error": {"code": "X", "message": "late"}},
    )
    assert late.json()["status"] == "ignored"


def test_the_previous_secret_still_verifies_during_rotation(client, running_job):
    body = {
        "job": str(running_job.pk),
        "event": "progress",
        "phase": "transcribing",
        "progress": 40,
    }
    assert post(client, body, secret=OLD_SECRET).status_code == 200
    running_job.refresh_from_db()
    assert (running_job.phase, running_job.progress) == ("transcribing", 40)


@pytest.mark.parametrize(
    ("secret", "age", "code"),
    [
        ("a-secret-nobody-configured-0123456789", 0, "SIGNATURE_INVALID"),
        (SECRET, 301, "SIGNATURE_EXPIRED"),
        (SECRET, -301, "SIGNATURE_EXPIRED"),
    ],
)
def test_bad_signatures_and_stale_timestamps_are_refused(client, running_job, secret, age, code):
    body = {"job": str(running_job.pk), "event": "failed", "error": {"code": "X"}}
    response = post(client, body, secret=secret, timestamp=int(time.time()) - age)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == code
    running_job.refresh_from_db()
    assert running_job.status == JobStatus.RUNNING


def test_a_tampered_body_is_refused(client, running_job):
    data = json.dumps({"job": str(running_job.pk), "event": "progress", "progress": 5}).encode()
    headers = sign(data, SECRET)
    tampered = data.replace(b"5", b"9")
    response = client.post(
        "/api/v1/callbacks/transcription",
        tampered,
        content_type="application/json",
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )
    assert response.status_code == 401


def test_an_invalid_result_fails_the_job_with_the_schema_errors(client, running_job):
    broken = sample_transcript(duration=10.0)
    broken["segments"][0]["words"][1]["start"] = 0.0
    response = post(
        client, {"job": str(running_job.pk), "event": "succeeded", "transcript": broken}
    )
    assert response.status_code == 400
    assert "segments.0.words.1.start" in response.json()["error"]["details"]["fields"]
    running_job.refresh_from_db()
    assert (running_job.status, running_job.error_code) == (JobStatus.FAILED, "TRANSCRIPT_INVALID")


def test_a_result_postgresql_cannot_store_fails_the_job_naming_the_path(client, running_job):
    hostile = sample_transcript(duration=10.0)
    hostile["segments"][0]["words"][0]["text"] = "\ud800"
    response = post(
        client, {"job": str(running_job.pk), "event": "succeeded", "transcript": hostile}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALUE_NOT_STORABLE"
    assert error["details"]["path"] == "transcript.segments.0.words.0.text"
    running_job.refresh_from_db()
    assert (running_job.status, running_job.error_code) == (JobStatus.FAILED, "VALUE_NOT_STORABLE")
    assert "transcript.segments.0.words.0.text" in running_job.error_message
    assert not TranscriptRevision.objects.filter(video=running_job.video).exists()


def test_the_remote_worker_learns_of_a_cancel(client, running_job):
    job_cancel(job=running_job)
    response = post(client, {"job": str(running_job.pk), "event": "progress", "progress": 50})
    assert response.json() == {"status": "ignored", "job_status": "canceled"}
