"""How a worker's failure becomes a job's final state, the same for every kind of job.

Bad input fails at once with its code; storage, database and worker interruptions are
transient: the job goes back to the queue and the actor retries it, until JOB_MAX_ATTEMPTS.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from dramatiq.middleware import Interrupt, TimeLimitExceeded

from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import Job
from ecg.jobs.services import JobCanceled, job_fail, job_requeue

logger = logging.getLogger(__name__)


class TransientJobError(Exception):
    """Raised by a worker after re-queueing its job, so that the actor's retry runs it again."""


def retry_transient(retries: int, exc: BaseException) -> bool:
    """Dramatiq `retry_when`: only transient errors come back."""
    return isinstance(exc, TransientJobError) and retries < settings.JOB_MAX_ATTEMPTS


@contextmanager
def job_outcome(job: Job, *, what: str, failure_code: ErrorCode) -> Iterator[None]:
    """Run a job's work; whatever stops it ends the job with a reason (or a retry)."""
    try:
        yield
    except JobCanceled:
        logger.info("%s %s was canceled while running", what, job.pk)
    except TimeLimitExceeded:
        job_fail(
            job=job,
            code=ErrorCode.TIME_LIMIT_EXCEEDED,
            message=f"{what} took longer than the time limit.",
        )
    except DomainError as exc:
        if exc.code.transient:  # a cause that passes (storage away): back to the queue
            _retry_or_fail(job, exc)
        else:
            job_fail(job=job, code=exc.code, message=exc.message)
    except DatabaseError as exc:
        connection.close()  # a dropped connection: the requeue below opens a fresh one
        _retry_or_fail(job, exc)
    except (OSError, Interrupt) as exc:
        _retry_or_fail(job, exc)
    except Exception as exc:
        logger.exception("%s %s failed", what, job.pk)
        job_fail(job=job, code=failure_code, message=f"{type(exc).__name__}: {exc}"[:2000])


def _retry_or_fail(job: Job, exc: BaseException) -> None:
    reason = f"{type(exc).__name__}: {exc}"[:500]
    if job.attempts < settings.JOB_MAX_ATTEMPTS and job_requeue(job=job, reason=reason):
        raise TransientJobError(reason) from exc
    job_fail(
        job=job,
        code=ErrorCode.TRANSIENT_FAILURE_LIMIT,
        message=f"Gave up after {job.attempts} attempts: {reason}",
    )
