"""The one job runner: send, run here, hand to a remote worker, accept a result.

Every kind of job (`ecg.jobs.kinds`) goes through these functions, so starting, progress,
heartbeat, scratch space, storing outputs, failures and retries are written once.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from ecg import storage
from ecg.jobs.kinds import JobKind, RemoteServer
from ecg.jobs.models import Job
from ecg.jobs.outcome import job_outcome
from ecg.jobs.progress import ProgressReporter, database_sink, job_heartbeat
from ecg.jobs.services import job_progress, job_start
from ecg.jobs.workdirs import job_workdir
from ecg.remote import absolute_url, remote_submit

INPUT_LINK_SECONDS = 6 * 3600


def job_run(*, kind: JobKind, job_id: str) -> None:
    """The worker side of any job, here or through a remote worker; safe to call twice."""
    job = kind.model._default_manager.filter(pk=job_id).first()
    remote = kind.remote()
    first_phase = "dispatching" if remote else next(iter(kind.phases))
    if job is None or not job_start(job=job, phase=first_phase):
        return  # deleted, finished, or being run by another delivery of the same message
    with job_outcome(job, what=kind.what, failure_code=kind.failure_code):
        if remote is None:
            _run_here(kind, job)
        else:
            _dispatch(kind, job, remote)


def _run_here(kind: JobKind, job: Job) -> None:
    phases = list(kind.phases)
    report = ProgressReporter(
        kind.phases, database_sink(job), estimate_seconds=kind.estimate_seconds(job)
    )
    with job_heartbeat(job), job_workdir(kind.name) as workdir:
        report(phases[0], 0)
        source = storage.require_source(kind.input_key(job))
        done = kind.work(kind.remote_payload(job), source, Path(workdir), report)
        report(phases[-1], 0)
        output_key = kind.output_key(job)
        if output_key and done.output is not None:
            storage.save_file(key=output_key, path=done.output)
        kind.save_result(job, done.result)


def _dispatch(kind: JobKind, job: Job, remote: RemoteServer) -> None:
    key = kind.input_key(job)
    storage.require_source(key)
    payload: dict[str, Any] = {
        "kind": kind.name,
        "job": str(job.pk),
        "payload": kind.remote_payload(job),
        "input_url": absolute_url(storage.download_url(key, ttl=INPUT_LINK_SECONDS)),
        "callback_url": absolute_url(reverse("job-callback", kwargs={"kind": kind.name})),
    }
    output_key = kind.output_key(job)
    if output_key:
        upload = storage.output_upload_target(
            key=output_key,
            content_type=mimetypes.guess_type(output_key)[0] or "application/octet-stream",
            max_size=settings.UPLOAD_MAX_BYTES * 4,
            ttl=kind.time_limit_seconds(),
        )
        payload["output_upload"] = {
            "method": upload.method,
            "url": absolute_url(upload.url),
            "fields": upload.fields,
            "headers": upload.headers,
        }
    remote_submit(url=remote.url, secrets=remote.secrets, payload=payload)
    job_progress(job=job, phase="remote", progress=1)
