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
from contextlib import asynccontextmanager, suppress
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


class _Hub:
    """One Redis subscription per process (per event loop), shared by every stream it serves:
    channels are subscribed while some stream follows them, and each notice wakes the streams
    that follow its channel. A Redis that goes away wakes them all onto their timers."""

    def __init__(self, client: redis.asyncio.Redis) -> None:
        self._pubsub = client.pubsub()
        self._followers: dict[str, set[_Subscription]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.lost = False

    async def follow(self, subscription: _Subscription, channels: set[str]) -> None:
        new = [channel for channel in channels if channel not in self._followers]
        for channel in channels:
            self._followers.setdefault(channel, set()).add(subscription)
        if new:
            await self._pubsub.subscribe(*new)
        if self._reader is None:
            self._reader = asyncio.create_task(self._read())

    async def leave(self, subscription: _Subscription, channels: set[str]) -> None:
        unused = []
        for channel in channels:
            followers = self._followers.get(channel, set())
            followers.discard(subscription)
            if not followers:
                self._followers.pop(channel, None)
                unused.append(channel)
        if unused and not self.lost:
            try:
                await self._pubsub.unsubscribe(*unused)
            except UNREACHABLE as exc:
                self._lose(exc)

    async def _read(self) -> None:
        try:
            while True:
                notice = await self._pubsub.get_message(True, timeout=5.0)  # no (un)subscribe
                if notice is not None:
                    channel = notice["channel"].decode()
                    for follower in self._followers.get(channel, ()):
                        follower.wake()
        except UNREACHABLE as exc:
            self._lose(exc)

    def _lose(self, exc: BaseException) -> None:
        if self.lost:
            return
        logger.warning("Streams read on a timer: Redis is unreachable (%s)", exc)
        self.lost = True
        _hubs.pop(id(asyncio.get_running_loop()), None)  # the next stream tries again
        for followers in self._followers.values():
            for follower in followers:
                follower.wake()


class _Subscription:
    """One stream's share of the hub: `follow` the topics it shows, `wait` for a notice."""

    def __init__(self, hub: _Hub, fallback: _Timer) -> None:
        self._hub = hub
        self._fallback = fallback
        self._woken = asyncio.Event()
        self._followed: set[str] = set()

    def wake(self) -> None:
        self._woken.set()

    async def follow(self, topics: Iterable[str]) -> None:
        wanted = {_channel(topic) for topic in topics}
        try:
            await self._hub.follow(self, wanted - self._followed)
        except UNREACHABLE as exc:
            self._hub._lose(exc)
        await self._hub.leave(self, self._followed - wanted)
        self._followed = wanted

    async def wait(self, timeout: float) -> None:
        if self._hub.lost:
            return await self._fallback.wait(timeout)
        with suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), timeout)
        self._woken.clear()  # a notice during the read that follows wakes the next wait
        return None

    async def close(self) -> None:
        await self._hub.leave(self, self._followed)


_hubs: dict[int, tuple[asyncio.AbstractEventLoop, _Hub]] = {}


def _hub() -> _Hub:
    """The event loop's hub: a connection cannot cross loops (and a loop's id can be reused
    by the next loop once the first is gone, hence the loop kept beside it)."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(id(loop))
    if found is None or found[0] is not loop:
        client = redis.asyncio.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
        found = _hubs[id(loop)] = (loop, _Hub(client))
    return found[1]


@asynccontextmanager
async def subscription(fallback_period: float) -> AsyncIterator[Waiter]:
    """A waiter that wakes on change notices, or on a timer when Redis is not there."""
    if not changes_enabled():
        yield _Timer(fallback_period)
        return
    waiter = _Subscription(_hub(), _Timer(fallback_period))
    try:
        yield waiter
    finally:
        await waiter.close()
