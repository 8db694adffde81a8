"""Render quotas: limits, usage in UTC calendar windows, and atomic admission.

Admission locks the user's Quota row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serializes
writers), counts what is running and what was started today and this month, and creates the job
inside that same transaction. A concurrent slot is simply an active job, so it is released by
whatever ends the job: success, failure, cancel, or the stale-job sweep.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from quotas.models import Quota, UsageDay
from quotas.selectors import quota_limits, usage_sums, windows

T = TypeVar("T")
# A concurrent slot frees when a render ends, which no clock says: ask to try again soon.
CONCURRENT_RETRY_SECONDS = 30


def _exceeded(
    code: ErrorCode, message: str, limit: int, used: int, resets_at: datetime | None
) -> DomainError:
    details: dict[str, Any] = {
        "limit": limit,
        "used": used,
        "resets_at": resets_at.isoformat() if resets_at else None,
    }
    retry_after = (
        max(1, int((resets_at - timezone.now()).total_seconds()))
        if resets_at is not None
        else CONCURRENT_RETRY_SECONDS
    )
    return DomainError(code, message, details=details, retry_after=retry_after)


def quota_admit(
    *, user: User, video_seconds: float, running: Callable[[], int], create: Callable[[], T]
) -> T:
    """Check every limit and, if all allow it, call `create` (which must create the active job
    that takes the concurrent slot) in the same locked transaction."""
    with transaction.atomic():
        quota = _locked_quota(user)
        limits = quota_limits(user=user, quota=quota)
        window = windows()
        if video_seconds > limits.max_video_seconds:
            raise DomainError(
                ErrorCode.VIDEO_TOO_LONG,
                f"Renders are limited to videos of {limits.max_video_seconds} seconds.",
                details={
                    "limit": limits.max_video_seconds,
                    "used": round(video_seconds, 3),
                    "resets_at": None,
                },
            )
        today = usage_sums(user, window.day, window.day)["renders_started"]
        if today >= limits.daily_renders:
            raise _exceeded(
                ErrorCode.QUOTA_DAILY_EXCEEDED,
                "You have used today's renders.",
                limits.daily_renders,
                int(today),
                window.day_resets_at,
            )
        month = usage_sums(user, window.month_start, window.day)["renders_started"]
        if month >= limits.monthly_renders:
            raise _exceeded(
                ErrorCode.QUOTA_MONTHLY_EXCEEDED,
                "You have used this month's renders.",
                limits.monthly_renders,
                int(month),
                window.month_resets_at,
            )
        active = running()
        if active >= limits.concurrent_renders:
            raise _exceeded(
                ErrorCode.QUOTA_CONCURRENT_EXCEEDED,
                "Too many renders are running; wait for one to finish.",
                limits.concurrent_renders,
                active,
                None,
            )
        created = create()
        _add(user, window.day, renders_started=1)
    return created


def _locked_quota(user: User) -> Quota:
    try:
        with transaction.atomic():
            Quota.objects.get_or_create(user=user)
    except IntegrityError:
        pass  # created meanwhile by a concurrent request
    return Quota.objects.select_for_update().get(user=user)


def _add(user: User, day: date, **increments: float) -> None:
    try:
        with transaction.atomic():
            UsageDay.objects.get_or_create(user=user, day=day)
    except IntegrityError:
        pass
    UsageDay.objects.filter(user=user, day=day).update(
        **{name: F(name) + value for name, value in increments.items()}
    )


def usage_record_outcome(
    *,
    user: User,
    started: datetime,
    outcome: str,
    ran: bool,
    seconds: float = 0.0,
    output_bytes: int = 0,
) -> None:
    """Count how a render ended, on the day it was admitted. One that never ran (canceled while
    it waited in the queue) gives its daily and monthly slot back: it used nothing."""
    counter = {
        "succeeded": "renders_succeeded",
        "failed": "renders_failed",
        "canceled": "renders_canceled",
    }[outcome]
    increments: dict[str, float] = {counter: 1}
    if not ran:
        increments["renders_started"] = -1
    if outcome == "succeeded":
        increments.update(seconds_rendered=seconds, output_bytes=output_bytes)
    _add(user, windows(started).day, **increments)
