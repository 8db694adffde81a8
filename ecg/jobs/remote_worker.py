"""The reference remote worker: the same job kinds behind HTTP, as a separate ML/GPU server.

A small WSGI application (served by gunicorn: `manage.py remote_worker`, or
`gunicorn ecg.remote_wsgi:application`). It accepts signed jobs on `POST /jobs` from an app
whose REMOTE_<KIND>_URL points here (sharing REMOTE_<KIND>_SECRETS), validates them with the
kind's own payload rules, downloads the input from the short-lived link it was given, runs the
kind's `work` (the function the app's own workers run), uploads an output to the target it was
given, and reports progress (repeated as its heartbeat) and the result to the callback URL,
signed. It needs no database and no broker.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from rest_framework import serializers

from ecg.errors import DomainError, ErrorCode, error_status_line
from ecg.hmac_auth import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify
from ecg.jobs.kinds import JobKind, kind_named, kinds_all
from ecg.jobs.progress import ProgressReporter, heartbeat
from ecg.jobs.services import JobCanceled
from ecg.jobs.workdirs import job_workdir
from ecg.parsers import strict_json_loads

logger = logging.getLogger(__name__)

MAX_JOB_BYTES = 32 * 1024**2
CHUNK = 1024 * 1024
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class OutputUploadInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=["POST", "PUT"])
    url = serializers.URLField(max_length=4096)
    fields = serializers.DictField(child=serializers.CharField(), required=False)  # type: ignore[assignment]
    headers = serializers.DictField(child=serializers.CharField(), required=False)


class RemoteJobInput(serializers.Serializer):
    kind = serializers.CharField(max_length=32)
    job = serializers.UUIDField()
    payload = serializers.JSONField()
    input_url = serializers.URLField(max_length=4096)
    callback_url = serializers.URLField(max_length=4096)
    output_upload = OutputUploadInput(required=False)


@dataclass(frozen=True)
class RemoteJob:
    kind: JobKind
    job: str
    payload: dict[str, Any]
    input_url: str
    callback_url: str
    output_upload: dict[str, Any] | None


def parse_job(body: bytes) -> RemoteJob:
    """A job as the app sends it, checked field by field (raises DomainError)."""
    try:
        data = strict_json_loads(body)
    except ValueError as exc:
        raise DomainError(ErrorCode.MALFORMED_REQUEST, "A job is a JSON object.") from exc
    fields = RemoteJobInput(data=data)
    if not fields.is_valid():
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, "The job is invalid.", details={"fields": fields.errors}
        )
    valid = fields.validated_data
    kind = kind_named(valid["kind"])
    if kind is None:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "Unknown kind of job.",
            details={"fields": {"kind": [f"No kind named {valid['kind']!r} runs here."]}},
        )
    return RemoteJob(
        kind=kind,
        job=str(valid["job"]),
        payload=kind.parse_payload(valid["payload"]),
        input_url=valid["input_url"],
        callback_url=valid["callback_url"],
        output_upload=valid.get("output_upload"),
    )


class CallbackSink:
    """Signed reports to the app; an answer that the job is no longer running stops the work."""

    def __init__(self, job: RemoteJob) -> None:
        self.job = job
        self.secret = job.kind.secrets()[0]
        self.canceled = False

    def post(self, event: str, **fields: Any) -> None:
        body = json.dumps({"job": self.job.job, "event": event, **fields}).encode()
        response = requests.post(
            self.job.callback_url,
            data=body,
            timeout=30,
            headers={"Content-Type": "application/json", **sign(body, self.secret)},
        )
        answer: dict[str, Any] = response.json() if response.content else {}
        if answer.get("job_status") not in (None, "running", "succeeded", "failed"):
            self.canceled = True

    def __call__(self, phase: str, percent: float, eta: float | None) -> None:
        if self.canceled:
            raise JobCanceled(self.job.job)
        self.post("progress", phase=phase, progress=round(percent, 1), eta_seconds=eta)


def _download(url: str, target: Path) -> None:
    with requests.get(url, stream=True, timeout=60) as response:
        response.raise_for_status()
        with target.open("wb") as handle:
            for chunk in response.iter_content(CHUNK):
                handle.write(chunk)


def _upload(path: Path, target: dict[str, Any]) -> None:
    with path.open("rb") as handle:
        if target["method"] == "POST":
            response = requests.post(
                target["url"],
                data=target.get("fields") or {},
                timeout=600,
                files={"file": (path.name, handle)},
            )
        else:
            response = requests.put(
                target["url"], data=handle, headers=target.get("headers") or {}, timeout=600
            )
    response.raise_for_status()


def run_remote_job(job: RemoteJob) -> None:
    """Work on one job and report how it went; every ending is reported but a cancel."""
    kind = job.kind
    phases = list(kind.phases)
    sink = CallbackSink(job)
    report = ProgressReporter(kind.phases, sink)
    try:
        with heartbeat(report.repeat, name=job.job), job_workdir("remote") as workdir:
            work = Path(workdir)
            report(phases[0], 0)
            source = work / "input"
            _download(job.input_url, source)
            done = kind.work(job.payload, str(source), work, report)
            report(phases[-1], 0)
            if done.output is not None:
                if job.output_upload is None:
                    raise DomainError(kind.failure_code, "The job named no output upload target.")
                _upload(done.output, job.output_upload)
        sink.post("succeeded", **done.result)
    except JobCanceled:
        logger.info("Job %s was canceled; stopped", job.job)
    except DomainError as exc:
        sink.post("failed", error={"code": exc.code, "message": exc.message})
    except Exception as exc:
        logger.exception("Job %s failed", job.job)
        sink.post(
            "failed",
            error={"code": ErrorCode.REMOTE_FAILED, "message": f"{type(exc).__name__}: {exc}"},
        )


def _all_secrets() -> list[str]:
    return [secret for kind in kinds_all() for secret in kind.secrets()]


def _answer(start_response: StartResponse, status: str, body: dict[str, Any]) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def _refuse(start_response: StartResponse, refusal: DomainError) -> Iterable[bytes]:
    return _answer(start_response, error_status_line(refusal), refusal.body())


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """WSGI: `GET /` answers that the worker is up; `POST /jobs` takes a signed job."""
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
    if method == "GET" and path in ("", "/"):
        return _answer(start_response, "200 OK", {"status": "ok"})
    if path != "/jobs":
        return _refuse(start_response, DomainError(ErrorCode.NOT_FOUND, "No."))
    if method != "POST":
        return _refuse(start_response, DomainError(ErrorCode.METHOD_NOT_ALLOWED, "POST a job."))
    length = str(environ.get("CONTENT_LENGTH") or "0")
    if not length.isdigit() or int(length) > MAX_JOB_BYTES:
        return _refuse(
            start_response,
            DomainError(ErrorCode.BODY_TOO_LARGE, "Send a Content-Length within the limit."),
        )
    body = environ["wsgi.input"].read(int(length))
    headers = {
        TIMESTAMP_HEADER: environ.get("HTTP_X_ECG_TIMESTAMP", ""),
        SIGNATURE_HEADER: environ.get("HTTP_X_ECG_SIGNATURE", ""),
    }
    try:
        verify(body, headers, _all_secrets(), settings.CALLBACK_TOLERANCE_SECONDS)
        job = parse_job(body)
    except DomainError as exc:
        return _refuse(start_response, exc)
    threading.Thread(target=run_remote_job, args=(job,), name=f"job-{job.job}", daemon=True).start()
    return _answer(start_response, "202 Accepted", {"accepted": job.job})
