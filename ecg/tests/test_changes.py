"""Change notices over real Redis pub/sub: a waiter wakes when a followed topic changes once the
writer's transaction commits, sleeps through other topics, and reads on a timer without Redis."""

import asyncio
import threading
import time

import pytest
from django.db import connections, transaction

from conftest import requires_redis
from ecg.changes import subscription, topic_changed

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(topics, change, timeout):
    """Seconds until the waiter wakes; `change()` runs in a thread once it is subscribed."""

    async def run() -> float:
        async with subscription(fallback_period=0.1) as waiter:
            await waiter.follow(topics)
            started = time.monotonic()
            writer = threading.Timer(0.2, lambda: (change(), connections.close_all()))
            writer.start()
            await waiter.wait(timeout)
            waited = time.monotonic() - started
            writer.join()
            return waited

    return asyncio.run(run())


@requires_redis
def test_a_waiter_wakes_when_its_topic_changes_after_the_commit():
    def commit_a_change():
        with transaction.atomic():
            topic_changed("job:rendering.renderjob:1")

    assert wait_for(["job:rendering.renderjob:1"], commit_a_change, timeout=5) < 2


@requires_redis
def test_a_waiter_sleeps_through_other_topics_and_rolled_back_changes():
    def other_and_rolled_back():
        topic_changed("job:rendering.renderjob:2")
        with transaction.atomic():
            topic_changed("job:rendering.renderjob:1")
            transaction.set_rollback(True)

    assert wait_for(["job:rendering.renderjob:1"], other_and_rolled_back, timeout=1.5) >= 1.4


def test_without_redis_a_waiter_reads_on_its_timer(settings):
    settings.REDIS_URL = ""
    assert wait_for(["video:1"], lambda: None, timeout=5) < 1


@requires_redis
def test_streams_opened_at_once_share_one_subscription_and_one_read_of_a_change(settings):
    """Fifty streams subscribe at the same moment (as after a deploy, when every browser
    reconnects): one Redis connection, every stream woken by one notice, and one read."""
    import redis

    from ecg.events import _SharedReads

    reads = []

    async def read():
        reads.append(1)
        await asyncio.sleep(0.05)
        return "state"

    async def stream(opened, shared):
        async with subscription(fallback_period=0.1) as waiter:
            await waiter.follow(["job:rendering.renderjob:7"])
            opened.append(1)
            woken = await waiter.wait(5)
            return await shared.read("the same job, user and host", woken, read)

    async def run():
        opened, shared = [], _SharedReads()
        streams = [asyncio.ensure_future(stream(opened, shared)) for _ in range(50)]
        while len(opened) < 50:
            await asyncio.sleep(0.01)
        subscribers = redis.Redis.from_url(settings.REDIS_URL).client_list(_type="pubsub")
        await asyncio.to_thread(topic_changed, "job:rendering.renderjob:7")
        return len(subscribers), await asyncio.gather(*streams)

    subscribers, states = asyncio.run(run())
    assert subscribers == 1
    assert states == ["state"] * 50
    assert len(reads) == 1
