"""Admin pieces every job model shares: columns, filters and the retry/cancel actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from ecg.jobs.services import job_cancel, job_retry

JOB_LIST_DISPLAY: tuple[str, ...] = (
    "id",
    "status",
    "phase",
    "progress",
    "error_code",
    "attempts",
    "created_at",
    "duration",
)
JOB_LIST_FILTER: tuple[str, ...] = ("status", "phase", "error_code", "created_at")
JOB_READONLY_FIELDS: tuple[str, ...] = (
    "id",
    "status",
    "phase",
    "progress",
    "eta_seconds",
    "error_code",
    "error_message",
    "attempts",
    "created_at",
    "started_at",
    "finished_at",
    "heartbeat_at",
)


class JobAdmin(admin.ModelAdmin):
    list_display = JOB_LIST_DISPLAY
    list_filter = JOB_LIST_FILTER
    date_hierarchy = "created_at"
    readonly_fields = JOB_READONLY_FIELDS
    actions = ("retry_jobs", "cancel_jobs")

    @admin.display(description="Run time")
    def duration(self, job: Any) -> str:
        if job.started_at and job.finished_at:
            return f"{(job.finished_at - job.started_at).total_seconds():.1f} s"
        return "-"

    @admin.action(description="Retry the selected failed or canceled jobs")
    def retry_jobs(self, request: HttpRequest, queryset: QuerySet) -> None:
        retried = sum(job_retry(job=job) for job in queryset)
        self.message_user(request, f"{retried} job(s) queued again.", messages.SUCCESS)

    @admin.action(description="Cancel the selected queued or running jobs")
    def cancel_jobs(self, request: HttpRequest, queryset: QuerySet) -> None:
        canceled = sum(job_cancel(job=job, reason="Canceled by staff.") for job in queryset)
        self.message_user(request, f"{canceled} job(s) canceled.", messages.SUCCESS)
