"""Fixed-window rate limits on the shared cache (Redis in production), keyed by plain values."""

from __future__ import annotations

import re
import time

from django.core.cache import cache

from ecg.errors import DomainError, ErrorCode

_RATE = re.compile(r"(\d+)/(\d*)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/m' -> (20, 60); '5/10s' -> (5, 10)."""
    match = _RATE.fullmatch(rate.strip())
    if not match:
        raise ValueError(f"A rate looks like '20/m' or '5/10s', not {rate!r}")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNIT_SECONDS[unit]


def _window(*, group: str, key: str, rate: str, now: float | None) -> tuple[str, int, int]:
    """The cache key of the current window, the limit, and the seconds left in the window."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    return f"rl:{group}:{key}:{window}", limit, max(1, int((window + 1) * period - now))


def rate_limit_hit(*, group: str, key: str, rate: str, now: float | None = None) -> int | None:
    """Count one hit of `key` in `group`; the seconds to wait when over the limit, else None."""
    cache_key, limit, wait = _window(group=group, key=key, rate=rate, now=now)
    cache.add(cache_key, 0, timeout=wait + 1)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=wait + 1)
        hits = 1
    return None if hits <= limit else wait


def rate_limit_reached(*, group: str, key: str, rate: str, now: float | None = None) -> int | None:
    """Like `rate_limit_hit` without counting: for limits on failures, checked before the
    attempt and counted only when it fails."""
    cache_key, limit, wait = _window(group=group, key=key, rate=rate, now=now)
    return None if (cache.get(cache_key) or 0) < limit else wait


def rate_limited(*, wait: int, rate: str, message: str) -> DomainError:
    """A 429 RATE_LIMITED saying when to come back."""
    return DomainError(
        ErrorCode.RATE_LIMITED,
        message,
        details={"limit": rate},
        retry_after=wait,
    )


def rate_limit_enforce(*, group: str, key: str, rate: str, message: str) -> None:
    """Count one hit; over the limit, a 429 RATE_LIMITED saying when to come back."""
    wait = rate_limit_hit(group=group, key=key, rate=rate)
    if wait is not None:
        raise rate_limited(wait=wait, rate=rate, message=message)
