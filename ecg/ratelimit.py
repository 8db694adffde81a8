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


def rate_limit_hit(*, group: str, key: str, rate: str, now: float | None = None) -> int | None:
    """Count one hit of `key` in `group`; the seconds to wait when over the limit, else None."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    cache_key = f"rl:{group}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        hits = 1
    if hits <= limit:
        return None
    return max(1, int((window + 1) * period - now))


def rate_limit_enforce(*, group: str, key: str, rate: str, message: str) -> None:
    """Count one hit; over the limit, a 429 RATE_LIMITED saying when to come back."""
    wait = rate_limit_hit(group=group, key=key, rate=rate)
    if wait is not None:
        raise DomainError(
            ErrorCode.RATE_LIMITED,
            message,
            status=429,
            details={"retry_after": wait, "limit": rate},
            headers={"Retry-After": str(wait)},
        )
