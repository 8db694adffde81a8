"""Reads of quotas: limits (overrides or defaults), usage in UTC calendar windows, summaries."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from quotas.models import Quota, UsageDay

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


def usage_sums(user: User, since: date, until: date) -> dict[str, float]:
    totals = UsageDay.objects.filter(user=user, day__gte=since, day__lte=until).aggregate(
        **{name: Sum(name) for name in COUNTERS}
    )
    return {name: totals[name] or 0 for name in COUNTERS}


def quota_summary(*, user: User, running: int, now: datetime | None = None) -> dict[str, Any]:
    """Limits, usage today and this month, what runs now, what is left, when windows reset."""
    window = windows(now)
    limits = quota_limits(user=user)
    today = usage_sums(user, window.day, window.day)
    month = usage_sums(user, window.month_start, window.day)
    return {
        "limits": asdict(limits),
        "left": {
            "today": max(0, limits.daily_renders - int(today["renders_started"])),
            "month": max(0, limits.monthly_renders - int(month["renders_started"])),
        },
        "usage": {
            "today": today,
            "month": month,
            "running": running,
        },
        "resets": {"daily_at": window.day_resets_at, "monthly_at": window.month_resets_at},
    }
