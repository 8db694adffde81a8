"""State transitions of background jobs, shared by every concrete job model.

Every transition is a conditional UPDATE on the current status, so that two workers, a
duplicate message, a cancel request and the stale-job sweep can race safely: exactly one wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone

from ecg.errors import ErrorCode
from ecg.jobs.dispatch import job_send_on_commit, unsent_messages_resend
from ecg.jobs.models import ACTIVE_STATUSES, Job, JobStatus
from ecg.jobs.status import status_remember

logger = logging.getLogger(__name__)

# Sent once when a job reaches a final state, with `job` (fresh from the database).
job_finished = Signal()


class JobCanceled(Exception):
    """Raised inside a worker when its job was canceled or taken away while it ran."""


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def _update(job: Job, *, allowed: tuple[str, ...], **fields: object) -> bool:
    updated = type(job)._default_manager.filter(pk=job.pk, status__in=allowed).update(**fields)
    if updated:
        job.refresh_from_db()
        status_remember(job)
    return bool(updated)


def job_start(*, job: Job, phase: str) -> bool:
    """queued -> running. False when the job is not queued (duplicate or late message)."""
    now = timezone.now()
    return _update(
        job,
        allowed=(JobStatus.QUEUED,),
        status=JobStatus.RUNNING,
        phase=phase,
        progress=0,
        eta_seconds=None,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        error_code="",
        error_message="",
    )


def job_progress(
    *, job: Job, phase: str, progress: float, eta_seconds: float | None = None
) -> None:
    """Record progress and beat the heart; raises JobCanceled when the job is no longer ours."""
    fields: dict[str, object] = {
        "phase": phase,
        "progress": max(0, min(100, int(progress))),
        "eta_seconds": None if eta_seconds is None else max(0, round(eta_seconds)),
        "heartbeat_at": timezone.now(),
    }
    if not _update(job, allowed=(JobStatus.RUNNING,), **fields):
        raise JobCanceled(str(job.pk))


def job_beat(*, job: Job) -> None:
    """The worker running `job` is alive: its heartbeat now, while the job runs. Only the row
    changes: the heartbeat thread shares the job's instance with the worker, which it leaves be."""
    type(job)._default_manager.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )


def _finish(job: Job, *, status: str, allowed: tuple[str, ...], **fields: object) -> bool:
    if not _update(job, allowed=allowed, status=status, finished_at=timezone.now(), **fields):
        return False
    transaction.on_commit(lambda: job_finished.send(sender=type(job), job=job))
    return True


def job_succeed(*, job: Job, **fields: object) -> bool:
    return _finish(
        job,
        status=JobStatus.SUCCEEDED,
        allowed=(JobStatus.RUNNING,),
        progress=100,
        eta_seconds=None,
        phase="done",
        **fields,
    )


def job_fail(*, job: Job, code: str, message: str) -> bool:
    return _finish(
        job,
        status=JobStatus.FAILED,
        allowed=ACTIVE_STATUSES,
        error_code=code,
        error_message=message,
        eta_seconds=None,
    )


def job_cancel(*, job: Job, reason: str = "Canceled by the user.") -> bool:
    """Cancel a queued or running job; a running worker notices at its next progress report."""
    return _finish(
        job,
        status=JobStatus.CANCELED,
        allowed=ACTIVE_STATUSES,
        error_code=ErrorCode.CANCELED,
        error_message=reason,
        eta_seconds=None,
    )


def job_requeue(*, job: Job, reason: str) -> bool:
    """running -> queued, for a worker that hit a transient error and will be retried."""
    return _update(
        job,
        allowed=(JobStatus.RUNNING,),
        status=JobStatus.QUEUED,
        phase="retrying",
        eta_seconds=None,
        heartbeat_at=timezone.now(),
        error_message=reason,
    )


def job_retry(*, job: Job) -> bool:
    """Put a finished (failed or canceled) job back in the queue, as staff may."""
    if not _update(
        job,
        allowed=(JobStatus.FAILED, JobStatus.CANCELED),
        status=JobStatus.QUEUED,
        phase="",
        progress=0,
        attempts=0,
        error_code="",
        error_message="",
        finished_at=None,
    ):
        return False
    job_send_on_commit(job)
    return True


@dataclass
class SweepReport:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    redispatched: list[str] = field(default_factory=list)
    resent: int = 0


def jobs_sweep_stale(*, now: datetime | None = None) -> SweepReport:
    """Send again the messages the broker refused (it was away), end or re-queue every running
    job whose heartbeat went stale (its worker died), and send again the message of a job queued
    for long (a broker that restarted without persistence loses its queues; a duplicate message
    is harmless, as a job starts only once).

    A job with attempts left goes back to the queue; otherwise it fails with WORKER_LOST.
    Rows are locked with SKIP LOCKED so that several sweepers never act on one job twice.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS)
    forgotten_before = now - timedelta(seconds=settings.JOB_REDISPATCH_AFTER_SECONDS)
    report = SweepReport(resent=unsent_messages_resend())
    for model in job_models():
        with transaction.atomic():
            forgotten = (
                model._default_manager.select_for_update(skip_locked=True)
                .annotate(touched=Coalesce("heartbeat_at", "created_at"))
                .filter(status=JobStatus.QUEUED, touched__lt=forgotten_before)
            )
            for waiting in forgotten:
                model._default_manager.filter(pk=waiting.pk).update(heartbeat_at=now)
                job_send_on_commit(waiting)
                report.redispatched.append(str(waiting.pk))
            stale = (
                model._default_manager.select_for_update(skip_locked=True)
                .filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)
                .order_by("heartbeat_at")
            )
            for job in stale:
                if job.attempts < settings.JOB_MAX_ATTEMPTS:
                    _requeue_lost(job)
                    report.requeued.append(str(job.pk))
                else:
                    job_fail(
                        job=job,
                        code=ErrorCode.WORKER_LOST,
                        message=(f"The worker stopped responding {job.attempts} times; giving up."),
                    )
                    report.failed.append(str(job.pk))
    if report.requeued or report.failed or report.redispatched or report.resent:
        logger.warning(
            "Stale jobs: requeued %s, failed %s, sent again %s; %s refused message(s) sent",
            report.requeued,
            report.failed,
            report.redispatched,
            report.resent,
        )
    return report


def _requeue_lost(job: Job) -> None:
    if job_requeue(job=job, reason="The worker stopped responding; the job was queued again."):
        job_send_on_commit(job)
