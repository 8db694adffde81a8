"""The state every background job shares (transcriptions, renders), and unsent messages.

queued -> running -> succeeded | failed | canceled, with progress, phase, ETA, a reason on
failure and a heartbeat, so that a job whose worker died can be found and ended.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELED = "canceled", "Canceled"


FINAL_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELED)
ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


@dataclass(frozen=True)
class MeteredUsage:
    """What a finished job counts against its owner's quota."""

    user: Any
    seconds: float
    output_bytes: int


@dataclass(frozen=True)
class FinishedNews:
    """A job's end as its owner is told it: who, a subject line and a sentence."""

    user: Any
    subject: str
    body: str


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

    # Columns left out of the cached status snapshot (ecg.jobs.status): large, never polled.
    STATUS_EXCLUDED: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ("-created_at",)

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def metered_usage(self) -> MeteredUsage | None:
        """The usage a finished job records against a quota; None for unmetered kinds."""
        return None

    def finished_news(self) -> FinishedNews | None:
        """What the owner is told of this job's end (by e-mail, if they asked); None when the
        kind is not worth telling (a background chore)."""
        return None


class UnsentMessage(models.Model):
    """A worker message the broker refused (it was away); the sweep sends it again
    (`ecg.jobs.dispatch`). One row per message however often it was refused."""

    actor_name = models.CharField(max_length=128)
    args = models.JSONField(default=list)
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor_name", "args"], name="unsent_message_once")
        ]

    def __str__(self) -> str:
        return f"{self.actor_name}{tuple(self.args)}"
