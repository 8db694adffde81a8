"""The reference remote worker: the same engines behind HTTP, as a separate ML/GPU server.

    python manage.py remote_worker --port 8001

It accepts signed jobs on POST /jobs (from an app whose REMOTE_TRANSCRIBE_URL or
REMOTE_RENDER_URL points here, sharing REMOTE_*_SECRETS), downloads the input from the
short-lived URL it was given, runs WhisperX or the caption renderer, uploads a render's output
to the upload target it was given, and reports progress (also its heartbeat) and the result to
the callback URL, signed. It needs no database and no broker.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ecg.errors import CodedFailure, DomainError, ErrorCode
from ecg.hmac_auth import sign, verify
from media.probe import probe
from media.transcription.audio import NoAudioStream, extract_audio
from media.transcription.engine import TranscribeOptions
from media.transcription.services import PHASES as TRANSCRIBE_PHASES
from media.transcription.services import empty_transcript
from media.transcription.whisperx_engine import engine_for

logger = logging.getLogger(__name__)


class Canceled(Exception):
    """The app says the job is no longer running (canceled, or taken back)."""


class Reporter:
    """Signed callbacks; progress is throttled and repeated as a heartbeat while work runs."""

    def __init__(self, job: dict[str, Any], secret: str, phases: dict[str, tuple[float, float]]):
        self.job, self.secret, self.phases = job, secret, phases
        self.last: dict[str, Any] = {"phase": "fetching", "progress": 1}
        self.sent = 0.0
        self.stop = threading.Event()
        self.canceled = False
        threading.Thread(target=self._beat, daemon=True).start()

    def post(self, event: str, **fields: Any) -> dict[str, Any]:
        body = json.dumps({"job": self.job["job"], "event": event, **fields}).encode()
        response = requests.post(
            self.job["callback_url"],
            data=body,
            timeout=30,
            headers={"Content-Type": "application/json", **sign(body, self.secret)},
        )
        answer: dict[str, Any] = response.json() if response.content else {}
        if answer.get("job_status") not in (None, "running", "succeeded", "failed"):
            self.canceled = True
        return answer

    def __call__(self, phase: str, fraction: float) -> None:
        if self.canceled:
            raise Canceled
        low, high = self.phases.get(phase, (1.0, 95.0))
        self.last = {"phase": phase, "progress": round(low + (high - low) * fraction, 1)}
        if time.monotonic() - self.sent >= 1.0:
            self.sent = time.monotonic()
            self.post("progress", **self.last)

    def _beat(self) -> None:
        while not self.stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            try:
                self.post("progress", **self.last)
            except requests.RequestException:
                logger.warning("Heartbeat to %s failed", self.job["callback_url"])


def _download(url: str, target: Path) -> None:
    with requests.get(url, stream=True, timeout=60) as response:
        response.raise_for_status()
        with target.open("wb") as handle:
            for chunk in response.iter_content(1024 * 1024):
                handle.write(chunk)


def _upload(path: Path, target: dict[str, Any]) -> None:
    with path.open("rb") as handle:
        if target["method"] == "POST":
            response = requests.post(
                target["url"],
                data=target["fields"],
                timeout=600,
                files={"file": ("output.mp4", handle, "video/mp4")},
            )
        else:
            response = requests.put(
                target["url"], data=handle, headers=target["headers"], timeout=600
            )
    response.raise_for_status()


def _transcription(job: dict[str, Any], source: Path, work: Path, report: Reporter) -> dict:
    options = TranscribeOptions(**job["options"])
    wav = work / "audio.wav"
    try:
        extract_audio(source, wav)
    except NoAudioStream:
        return {
            "transcript": empty_transcript(probe(source).duration, options),
            "warnings": ["the video has no audio track; the transcript is empty"],
        }
    result = engine_for().transcribe(wav, options, report)
    return {"transcript": result.transcript, "warnings": result.warnings}


def _render(job: dict[str, Any], source: Path, work: Path, report: Reporter) -> dict:
    from rendering.renderer import SourceInfo, render_video

    info = probe(source)
    output = work / "output.mp4"
    result = render_video(
        source=str(source),
        info=SourceInfo(info.width, info.height, info.fps, info.duration, info.audio_codec),
        transcript=job["transcript"],
        style=job["scenario"]["style"],
        output_height=job["scenario"]["output"]["height"],
        output=output,
        on_progress=report,
    )
    report("uploading", 0)
    _upload(output, job["output_upload"])
    return {
        "output_size": output.stat().st_size,
        "width": result.width,
        "height": result.height,
        "stats": {"frames": result.frames, "states_painted": result.states_painted},
    }


def run_job(job: dict[str, Any]) -> None:
    from rendering.services import PHASES as RENDER_PHASES

    kind = job["kind"]
    secrets = (
        settings.REMOTE_TRANSCRIBE_SECRETS
        if kind == "transcription"
        else settings.REMOTE_RENDER_SECRETS
    )
    report = Reporter(
        job, secrets[0], TRANSCRIBE_PHASES if kind == "transcription" else RENDER_PHASES
    )
    try:
        with tempfile.TemporaryDirectory(prefix=f"ecg-remote-{os.getpid()}-") as workdir:
            work = Path(workdir)
            source = work / "input"
            _download(job["input_url"], source)
            result = (_transcription if kind == "transcription" else _render)(
                job, source, work, report
            )
            report.stop.set()
            report.post("succeeded", **result)
    except Canceled:
        logger.info("Job %s was canceled; stopped", job["job"])
    except CodedFailure as exc:
        report.post("failed", error={"code": exc.code, "message": exc.message})
    except Exception as exc:
        logger.exception("Job %s failed", job["job"])
        report.post(
            "failed",
            error={"code": ErrorCode.REMOTE_FAILED, "message": f"{type(exc).__name__}: {exc}"},
        )
    finally:
        report.stop.set()


class JobHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        if self.path != "/jobs":
            self._answer(404, {"error": "not found"})
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        secrets = [*settings.REMOTE_TRANSCRIBE_SECRETS, *settings.REMOTE_RENDER_SECRETS]
        try:
            headers = cast(Mapping[str, str], self.headers)  # case-insensitive .get()
            verify(body, headers, secrets, settings.CALLBACK_TOLERANCE_SECONDS)
            job = json.loads(body)
            assert job["kind"] in ("transcription", "render")
        except DomainError as exc:
            self._answer(401, {"error": exc.message})
            return
        except (ValueError, KeyError, AssertionError):
            self._answer(400, {"error": "malformed job"})
            return
        threading.Thread(target=run_job, args=(job,), daemon=True).start()
        self._answer(202, {"accepted": job["job"]})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        logger.info(format, *args)


class Command(BaseCommand):
    help = "Run the reference remote worker (transcription and rendering behind HTTP)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)

    def handle(self, *args: Any, **options: Any) -> None:
        server = ThreadingHTTPServer((options["host"], options["port"]), JobHandler)
        self.stdout.write(f"Remote worker on http://{options['host']}:{options['port']}/jobs")
        try:
            server.serve_forever()
        finally:
            server.server_close()
