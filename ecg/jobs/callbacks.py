"""Remote workers' reports about a job: signed, validated, idempotent.

Events: `progress` (phase, progress, eta_seconds; also the heartbeat), `failed` (error code and
message) and `succeeded` (the kind's result). Anything about a job that is no longer running
changes nothing and is answered with the job's status, so a remote worker learns of a cancel.
A report holding what the database cannot store (a NUL character, a lone surrogate, 1e400) fails
the job with VALUE_NOT_STORABLE instead of leaving it running until its heartbeat lapses.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ecg.errors import DomainError, ErrorCode, error_response
from ecg.hmac_auth import verify
from ecg.jobs.kinds import kind_named
from ecg.jobs.models import JobStatus
from ecg.jobs.services import JobCanceled, job_fail, job_progress
from ecg.parsers import require_storable, strict_json_loads

MAX_CALLBACK_BYTES = 32 * 1024**2


def _body(request: HttpRequest) -> bytes:
    length = request.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_CALLBACK_BYTES:
        raise DomainError(ErrorCode.BODY_TOO_LARGE, "The callback is too large.")
    return request.read(MAX_CALLBACK_BYTES + 1)


@csrf_exempt
@require_POST
def job_callback(request: HttpRequest, kind: str) -> JsonResponse:
    """POST /api/v1/callbacks/<kind>: a remote worker's report about one job of that kind."""
    job_kind = kind_named(kind)
    if job_kind is None:
        return error_response(DomainError(ErrorCode.NOT_FOUND, "No such kind of job."))
    try:
        body = _body(request)
        verify(body, request.headers, job_kind.secrets(), settings.CALLBACK_TOLERANCE_SECONDS)
        try:
            data = strict_json_loads(body)
            job_id = uuid.UUID(str(data["job"]))
            event = str(data["event"])
        except (ValueError, KeyError, TypeError) as exc:
            raise DomainError(
                ErrorCode.MALFORMED_REQUEST, "A callback is JSON with `job` and `event`."
            ) from exc
        job = job_kind.model._default_manager.filter(pk=job_id).first()
        if job is None:
            raise DomainError(ErrorCode.NOT_FOUND, "No such job.")
        if job.status != JobStatus.RUNNING:
            return JsonResponse({"status": "ignored", "job_status": job.status})
        try:
            require_storable(data)
        except DomainError as exc:  # a report that cannot be kept: the job cannot end well
            job_fail(job=job, code=exc.code, message=exc.message)
            raise
        if event == "progress":
            try:
                job_progress(
                    job=job,
                    phase=str(data.get("phase") or "remote")[:32],
                    progress=float(data.get("progress") or 0),
                    eta_seconds=data.get("eta_seconds"),
                )
            except JobCanceled:
                job.refresh_from_db()
                return JsonResponse({"status": "ignored", "job_status": job.status})
        elif event == "failed":
            error = data.get("error") if isinstance(data.get("error"), dict) else {}
            job_fail(
                job=job,
                code=str(error.get("code") or ErrorCode.REMOTE_FAILED)[:64],
                message=str(error.get("message") or "The remote worker failed.")[:2000],
            )
        elif event == "succeeded":
            try:
                job_kind.save_result(job, data)
            except DomainError as exc:
                if not exc.code.transient:  # storage away: the job stays running
                    job_fail(job=job, code=exc.code, message=exc.message)
                raise
        else:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "Unknown event.",
                details={"fields": {"event": "progress, succeeded or failed"}},
            )
    except DomainError as exc:
        return error_response(exc)
    job.refresh_from_db()
    return JsonResponse({"status": "ok", "job_status": job.status})
