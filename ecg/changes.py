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
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager, suppress
from typing import Any, Protocol

import redis
import redis.asyncio
from django.conf import settings
from django.db import transaction
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError, OSError)
# How often a stream reads while the Redis it relies on is away: the status cache is away too,
# so each read is the database's.
LOST_REDIS_PERIOD = 5.0

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
            settings.REDIS_URL,
            socket_timeout=2,
            socket_connect_timeout=2,
            retry=Retry(NoBackoff(), 0),  # a request thread never waits on retries
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

    async def wait(self, timeout: float) -> float:
        """Until a notice of a followed topic or `timeout`: the moment the wait was ended (a
        read begun after it sees every change that was announced before it)."""


class _Timer:
    """No Redis: every wait is a short sleep, and the stream reads again after it."""

    def __init__(self, period: float) -> None:
        self._period = period

    async def follow(self, topics: Iterable[str]) -> None:
        return None

    async def wait(self, timeout: float) -> float:
        await asyncio.sleep(min(timeout, self._period))
        return time.monotonic()


class _Hub:
    """One Redis subscription per process (per event loop), shared by every stream it serves:
    channels are subscribed while some stream follows them, and each notice wakes the streams
    that follow its channel. A Redis that goes away wakes them all onto their timers.

    Subscribing and unsubscribing take turns (a lock): two streams opening at once would
    otherwise each open a connection for the one subscription, and a stream would be told a
    channel was followed before its SUBSCRIBE had gone out."""

    def __init__(self, client: redis.asyncio.Redis) -> None:
        self._pubsub = client.pubsub()
        self._turn = asyncio.Lock()
        self._followers: dict[str, set[_Subscription]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._closing: asyncio.Task[None] | None = None
        self.lost = False

    async def follow(self, subscription: _Subscription, channels: set[str]) -> None:
        async with self._turn:
            new = [channel for channel in channels if channel not in self._followers]
            if new and not self.lost:
                await self._pubsub.subscribe(*new)
            for channel in channels:  # only once subscribed
                self._followers.setdefault(channel, set()).add(subscription)
            if self._reader is None and not self.lost:
                self._reader = asyncio.create_task(self._read())

    async def leave(self, subscription: _Subscription, channels: set[str]) -> None:
        async with self._turn:
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
                    self.lose(exc)

    async def _read(self) -> None:
        try:
            while True:
                notice = await self._pubsub.get_message(True, timeout=5.0)  # no (un)subscribe
                if notice is not None:
                    channel = notice["channel"].decode()
                    for follower in tuple(self._followers.get(channel, ())):
                        follower.wake()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # any failure of the subscription: the streams go on, on timers
            self.lose(exc)

    def lose(self, exc: BaseException) -> None:
        """Redis is away: every stream reads on its timer, the next stream tries a new hub."""
        if self.lost:
            return
        logger.warning("Streams read on a timer: Redis is unreachable (%s)", exc)
        self.lost = True
        loop = asyncio.get_running_loop()
        if _hubs.get(id(loop), (None, None))[1] is self:
            del _hubs[id(loop)]
        if self._reader is not None and self._reader is not asyncio.current_task():
            self._reader.cancel()
        self._closing = loop.create_task(_close_quietly(self._pubsub))
        for followers in self._followers.values():
            for follower in followers:
                follower.wake()


async def _close_quietly(pubsub: Any) -> None:
    with suppress(Exception):  # its connection is gone already
        await pubsub.aclose()


class _Subscription:
    """One stream's share of the hub: `follow` the topics it shows, `wait` for a notice."""

    def __init__(self, hub: _Hub, fallback: _Timer) -> None:
        self._hub = hub
        self._fallback = fallback
        self._woken = asyncio.Event()
        self._woken_at = 0.0
        self._followed: set[str] = set()

    def wake(self) -> None:
        if not self._woken.is_set():
            self._woken_at = time.monotonic()
        self._woken.set()

    async def follow(self, topics: Iterable[str]) -> None:
        wanted = {_channel(topic) for topic in topics}
        try:
            await self._hub.follow(self, wanted - self._followed)
        except UNREACHABLE as exc:
            self._hub.lose(exc)
        await self._hub.leave(self, self._followed - wanted)
        self._followed = wanted

    async def wait(self, timeout: float) -> float:
        if self._hub.lost:
            return await self._fallback.wait(timeout)
        try:
            await asyncio.wait_for(self._woken.wait(), timeout)
        except TimeoutError:
            return time.monotonic()
        self._woken.clear()  # a notice during the read that follows wakes the next wait
        return self._woken_at

    async def close(self) -> None:
        await self._hub.leave(self, self._followed)


_hubs: dict[int, tuple[asyncio.AbstractEventLoop, _Hub]] = {}


def _hub() -> _Hub:
    """The event loop's hub: a connection cannot cross loops (and a loop's id can be reused
    by the next loop once the first is gone, hence the loop kept beside it)."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(id(loop))
    if found is None or found[0] is not loop:
        client = redis.asyncio.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, retry=AsyncRetry(NoBackoff(), 0)
        )
        found = _hubs[id(loop)] = (loop, _Hub(client))
    return found[1]


@asynccontextmanager
async def subscription(fallback_period: float) -> AsyncIterator[Waiter]:
    """A waiter that wakes on change notices, or on a timer when Redis is not there."""
    if not changes_enabled():
        yield _Timer(fallback_period)
        return
    waiter = _Subscription(_hub(), _Timer(LOST_REDIS_PERIOD))
    try:
        yield waiter
    finally:
        await waiter.close()
