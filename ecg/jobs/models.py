"""The state every background job shares (transcriptions, renders).

queued -> running -> succeeded | failed | canceled, with progress, phase, ETA, a reason on
failure and a heartbeat, so that a job whose worker died can be found and ended.
"""

from __future__ import annotations

import logging
import uuid

from django.db import models

logger = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELED = "canceled", "Canceled"


FINAL_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELED)
ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    phase = models.CharField(max_length=32, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    eta_seconds = models.PositiveIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ("-created_at",)

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def dispatch(self) -> None:
        """Send the worker message that runs this job (each concrete job names its actor)."""
        raise NotImplementedError

    def enqueue(self) -> None:
        """dispatch(), but a broker that is down never fails the caller: the job stays queued
        and the sweep sends its message again (JOB_REDISPATCH_AFTER_SECONDS)."""
        try:
            self.dispatch()
        except Exception:
            logger.exception("Could not send %s to the broker; the sweep will send it again", self)
