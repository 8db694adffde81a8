"""Usage follows every metered job's ending, whoever decided it (worker, cancel, sweep)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from ecg.jobs.models import Job
from ecg.jobs.services import job_finished
from quotas.services import usage_record_outcome


@receiver(job_finished, dispatch_uid="quotas.usage")
def record_usage(sender: type, job: Job, **kwargs: Any) -> None:
    usage = job.metered_usage()
    if usage is not None:
        usage_record_outcome(
            user=usage.user,
            started=job.created_at,
            outcome=str(job.status),
            ran=job.started_at is not None,
            seconds=usage.seconds,
            output_bytes=usage.output_bytes,
        )
