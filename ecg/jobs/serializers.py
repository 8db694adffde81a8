"""API pieces every job shares: how a job's failure reason is shown."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ecg.jobs.models import Job


class JobError(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


def job_error(job: Job) -> dict[str, Any] | None:
    """`{"code", "message"}` of a job that ended badly (or was retried), else None."""
    if not job.error_code:
        return None
    return {"code": job.error_code, "message": job.error_message}
