"""Live job reporting from inside a worker: weighted phase progress with an ETA, and a
heartbeat thread that proves the worker is alive while a long step gives no progress.

Both write through a sink, so the local runner (the database) and the remote worker (signed
callbacks) report the same way.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial

from django.conf import settings
from django.db import connections

from ecg.jobs.kinds import PhaseWeights
from ecg.jobs.models import Job
from ecg.jobs.services import job_beat, job_progress

logger = logging.getLogger(__name__)

ProgressSink = Callable[[str, float, float | None], None]  # phase, percent, eta seconds


class ProgressReporter:
    """`report(phase, fraction)` maps a phase's own 0..1 onto the job's 0..100.

    Writes are throttled (one per `min_interval` seconds within a phase); the sink raises
    JobCanceled when the job was canceled meanwhile, which stops the work.
    """

    def __init__(
        self,
        phases: PhaseWeights,
        sink: ProgressSink,
        *,
        estimate_seconds: float | None = None,
        min_interval: float = 1.0,
    ) -> None:
        self.phases = phases
        self.sink = sink
        self.estimate_seconds = estimate_seconds
        self.min_interval = min_interval
        self.started = time.monotonic()
        self.phase = next(iter(phases))
        self.percent = 0.0
        self._last_write = 0.0

    def __call__(self, phase: str, fraction: float) -> None:
        low, high = self.phases.get(phase, (self.percent, self.percent))
        percent = low + (high - low) * max(0.0, min(1.0, fraction))
        now = time.monotonic()
        if phase == self.phase and now - self._last_write < self.min_interval:
            return
        self._last_write, self.phase, self.percent = now, phase, percent
        self.sink(phase, percent, self.eta(percent))

    def repeat(self) -> None:
        """Send the last report again (a remote worker's heartbeat)."""
        self.sink(self.phase, self.percent, self.eta(self.percent))

    def eta(self, percent: float) -> float | None:
        elapsed = time.monotonic() - self.started
        if percent >= 10:
            return elapsed * (100 - percent) / percent
        if self.estimate_seconds is not None:
            return max(self.estimate_seconds - elapsed, 1.0)
        return None


def database_sink(job: Job) -> ProgressSink:
    def write(phase: str, percent: float, eta: float | None) -> None:
        job_progress(job=job, phase=phase, progress=percent, eta_seconds=eta)

    return write


@contextmanager
def heartbeat(
    beat: Callable[[], None], *, name: str, cleanup: Callable[[], None] | None = None
) -> Iterator[None]:
    """Call `beat` every JOB_HEARTBEAT_SECONDS from a side thread while the body runs."""
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    beat()
                except Exception:
                    logger.warning("Heartbeat %s failed; trying again", name, exc_info=True)
        finally:
            if cleanup is not None:
                cleanup()

    thread = threading.Thread(target=run, name=f"heartbeat-{name}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def job_heartbeat(job: Job) -> AbstractContextManager[None]:
    """The local heartbeat: `heartbeat_at` of a running job, from the thread's own connection."""
    return heartbeat(partial(job_beat, job=job), name=str(job.pk), cleanup=connections.close_all)
