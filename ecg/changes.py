"""Change notices over Redis pub/sub: writers say "this changed", event streams wake up.

A notice carries no state, only a topic (`job:<model>:<pk>`, `video:<pk>`): a stream that hears
one reads the state again the way a poll does (from the status snapshot in the cache, the
database on a miss). So a lost notice costs latency, never correctness, and streams re-read
on a slow timer as well. Without Redis (embedded defaults) nothing is published and streams
fall back to reading on a short timer.

Writers publish after their transaction commits; a Redis that is away drops the notice
(logged), as the cache drops writes (ecg/cache.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any, Protocol

import redis
import redis.asyncio
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError, OSError)

_publisher: redis.Redis | None = None


def _channel(topic: str) -> str:
    return f"{settings.BROKER_NAMESPACE}:changes:{topic}"


def changes_enabled() -> bool:
    return bool(settings.REDIS_URL)


def _publish(topic: str) -> None:
    global _publisher
    if not changes_enabled():
        return
    if _publisher is None:
        _publisher = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
    try:
        _publisher.publish(_channel(topic), b"1")
    except UNREACHABLE as exc:
        logger.warning("Change notice %s dropped: Redis is unreachable (%s)", topic, exc)


def user_topic(user_id: Any) -> str:
    """Announced when a user's row changes (deactivation): their open streams read again."""
    return f"user:{user_id}"


def topic_changed(topic: str) -> None:
    """Announce a change of `topic` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _publish(topic))


class Waiter(Protocol):
    async def follow(self, topics: Iterable[str]) -> None: ...

    async def wait(self, timeout: float) -> None: ...


class _Timer:
    """No Redis: every wait is a short sleep, and the stream reads again after it."""

    def __init__(self, period: float) -> None:
        self._period = period

    async def follow(self, topics: Iterable[str]) -> None:
        return None

    async def wait(self, timeout: float) -> None:
        await asyncio.sleep(min(timeout, self._period))


class _Subscription:
    """One stream's subscription: `follow` the topics it shows, `wait` for a notice of any."""

    def __init__(self, pubsub: Any, fallback: _Timer) -> None:
        self._pubsub = pubsub
        self._fallback = fallback
        self._followed: set[str] = set()
        self._lost = False

    async def follow(self, topics: Iterable[str]) -> None:
        wanted = {_channel(topic) for topic in topics}
        try:
            if added := wanted - self._followed:
                await self._pubsub.subscribe(*added)
            if dropped := self._followed - wanted:
                await self._pubsub.unsubscribe(*dropped)
        except UNREACHABLE as exc:
            self._lose(exc)
        self._followed = wanted

    async def wait(self, timeout: float) -> None:
        if self._lost:
            return await self._fallback.wait(timeout)
        deadline = asyncio.get_running_loop().time() + timeout
        try:
            while (left := deadline - asyncio.get_running_loop().time()) > 0:
                notice = await self._pubsub.get_message(True, timeout=left)  # no (un)subscribe
                if notice is not None:
                    return None
        except UNREACHABLE as exc:
            self._lose(exc)
        return None

    def _lose(self, exc: Exception) -> None:
        """Redis went away mid-stream: the stream goes on, reading on the timer."""
        if not self._lost:
            logger.warning("A stream reads on a timer: Redis is unreachable (%s)", exc)
        self._lost = True


_clients: dict[int, redis.asyncio.Redis] = {}


def _async_client() -> redis.asyncio.Redis:
    """One client (a pool of connections) per event loop: connections cannot cross loops."""
    loop = id(asyncio.get_running_loop())
    client = _clients.get(loop)
    if client is None:
        client = _clients[loop] = redis.asyncio.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2
        )
    return client


@asynccontextmanager
async def subscription(fallback_period: float) -> AsyncIterator[Waiter]:
    """A waiter that wakes on change notices, or on a timer when Redis is not there."""
    if not changes_enabled():
        yield _Timer(fallback_period)
        return
    pubsub = _async_client().pubsub()
    try:
        yield _Subscription(pubsub, _Timer(fallback_period))
    finally:
        await pubsub.aclose()
