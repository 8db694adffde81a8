"""Render quotas: limits, usage in UTC calendar windows, and atomic admission.

Admission locks the user's Quota row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serializes
writers), counts what is running and what was started today and this month, and creates the job
inside that same transaction. A concurrent slot is simply an active job, so it is released by
whatever ends the job: success, failure, cancel, or the stale-job sweep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from quotas.models import Quota, UsageDay

T = TypeVar("T")
COUNTERS = (
    "renders_started",
    "renders_succeeded",
    "renders_failed",
    "renders_canceled",
    "seconds_rendered",
    "output_bytes",
)


@dataclass(frozen=True)
class Limits:
    daily_renders: int
    monthly_renders: int
    concurrent_renders: int
    max_video_seconds: int


@dataclass(frozen=True)
class Windows:
    day: date
    month_start: date
    day_resets_at: datetime
    month_resets_at: datetime


def windows(now: datetime | None = None) -> Windows:
    now = (now or timezone.now()).astimezone(UTC)
    day = now.date()
    month_start = day.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    midnight = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
    return Windows(day, month_start, midnight, datetime.combine(next_month, time.min, tzinfo=UTC))


def quota_limits(*, user: User, quota: Quota | None = None) -> Limits:
    if quota is None:
        quota = Quota.objects.filter(user=user).first()

    def pick(field: str, default: int) -> int:
        value = getattr(quota, field, None) if quota is not None else None
        return default if value is None else int(value)

    return Limits(
        daily_renders=pick("daily_renders", settings.QUOTA_DAILY_RENDERS),
        monthly_renders=pick("monthly_renders", settings.QUOTA_MONTHLY_RENDERS),
        concurrent_renders=pick("concurrent_renders", settings.QUOTA_CONCURRENT_RENDERS),
        max_video_seconds=pick("max_video_seconds", settings.QUOTA_MAX_VIDEO_SECONDS),
    )


def _sums(user: User, since: date, until: date) -> dict[str, float]:
    totals = UsageDay.objects.filter(user=user, day__gte=since, day__lte=until).aggregate(
        **{name: Sum(name) for name in COUNTERS}
    )
    return {name: totals[name] or 0 for name in COUNTERS}


def quota_summary(*, user: User, running: int, now: datetime | None = None) -> dict[str, Any]:
    """Limits, usage today and this month, what runs now, and when windows reset."""
    window = windows(now)
    return {
        "limits": asdict(quota_limits(user=user)),
        "usage": {
            "today": _sums(user, window.day, window.day),
            "month": _sums(user, window.month_start, window.day),
            "running": running,
        },
        "resets": {"daily_at": window.day_resets_at, "monthly_at": window.month_resets_at},
    }


def _exceeded(
    code: ErrorCode, message: str, limit: int, used: int, resets_at: datetime | None
) -> DomainError:
    details: dict[str, Any] = {
        "limit": limit,
        "used": used,
        "resets_at": resets_at.isoformat() if resets_at else None,
    }
    headers = {}
    if resets_at is not None:
        retry_after = max(1, int((resets_at - timezone.now()).total_seconds()))
        details["retry_after"] = retry_after
        headers["Retry-After"] = str(retry_after)
    return DomainError(code, message, status=429, details=details, headers=headers)


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
                status=422,
                details={
                    "limit": limits.max_video_seconds,
                    "used": round(video_seconds, 3),
                    "resets_at": None,
                },
            )
        today = _sums(user, window.day, window.day)["renders_started"]
        if today >= limits.daily_renders:
            raise _exceeded(
                ErrorCode.QUOTA_DAILY_EXCEEDED,
                "You have used today's renders.",
                limits.daily_renders,
                int(today),
                window.day_resets_at,
            )
        month = _sums(user, window.month_start, window.day)["renders_started"]
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
    *, user: User, started: datetime, outcome: str, seconds: float = 0.0, output_bytes: int = 0
) -> None:
    """Count how a render ended, on the day it was admitted."""
    counter = {
        "succeeded": "renders_succeeded",
        "failed": "renders_failed",
        "canceled": "renders_canceled",
    }[outcome]
    increments: dict[str, float] = {counter: 1}
    if outcome == "succeeded":
        increments.update(seconds_rendered=seconds, output_bytes=output_bytes)
    _add(user, windows(started).day, **increments)
