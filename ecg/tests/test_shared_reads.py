"""Streams woken by one notice share one read of what they show; a stream never joins a read
that began before it was woken (it could miss the change that woke it)."""

import asyncio
import time

from ecg.events import _SharedReads


def test_streams_woken_together_make_one_read_and_a_later_wake_makes_another():
    reads = []

    async def read():
        reads.append(time.monotonic())
        await asyncio.sleep(0.05)
        return len(reads)

    async def run():
        shared = _SharedReads()
        woken = time.monotonic()
        together = await asyncio.gather(*(shared.read("job", woken, read) for _ in range(200)))
        later = await shared.read("job", time.monotonic(), read)
        other = await shared.read("another job", time.monotonic(), read)
        return together, later, other

    together, later, other = asyncio.run(run())
    assert set(together) == {1}
    assert (later, other) == (2, 3)
    assert len(reads) == 3


def test_a_stream_woken_during_a_read_does_not_join_it():
    async def run():
        shared = _SharedReads()
        started = asyncio.Event()
        results = []

        async def read():
            results.append("read")
            which = len(results)
            started.set()
            await asyncio.sleep(0.05)
            return which

        first = asyncio.ensure_future(shared.read("job", time.monotonic(), read))
        await started.wait()
        second = await shared.read("job", time.monotonic(), read)  # woken after it began
        return await first, second

    assert asyncio.run(run()) == (1, 2)
