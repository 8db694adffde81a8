"""Sending a job's worker message: by the actor name its kind registered."""

from __future__ import annotations

import logging

from django.db import transaction

from ecg.jobs.kinds import kind_of
from ecg.jobs.models import Job
from ecg.messages import send_task

logger = logging.getLogger(__name__)


def job_send(job: Job) -> None:
    """Send the worker message that runs this job. A broker that is down never fails the
    caller: the job stays queued and the sweep sends it again (JOB_REDISPATCH_AFTER_SECONDS)."""
    try:
        send_task(kind_of(job).actor_name, str(job.pk))
    except Exception:
        logger.exception("Could not send %s to the broker; the sweep will send it again", job)


def job_send_on_commit(job: Job) -> None:
    transaction.on_commit(lambda: job_send(job))
