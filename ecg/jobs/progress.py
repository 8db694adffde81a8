"""Live job reporting from inside a worker: weighted phase progress with an ETA, and a
heartbeat thread that proves the worker is alive while a long step gives no progress."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.utils import timezone

from ecg.jobs.models import Job, JobStatus
from ecg.jobs.services import job_progress

PhaseWeights = dict[str, tuple[float, float]]


class ProgressReporter:
    """`report(phase, fraction)` maps a phase's own 0..1 onto the job's 0..100.

    Writes are throttled (one per `min_interval` seconds within a phase), and every write
    raises JobCanceled if the job was canceled meanwhile, which stops the work.
    """

    def __init__(
        self,
        job: Job,
        phases: PhaseWeights,
        *,
        estimate_seconds: float | None = None,
        min_interval: float = 1.0,
    ) -> None:
        self.job = job
        self.phases = phases
        self.estimate_seconds = estimate_seconds
        self.min_interval = min_interval
        self.started = time.monotonic()
        self._last_write = 0.0
        self._last_phase = ""

    def __call__(self, phase: str, fraction: float) -> None:
        low, high = self.phases[phase]
        percent = low + (high - low) * max(0.0, min(1.0, fraction))
        now = time.monotonic()
        if phase == self._last_phase and now - self._last_write < self.min_interval:
            return
        self._last_write, self._last_phase = now, phase
        job_progress(job=self.job, phase=phase, progress=percent, eta_seconds=self.eta(percent))

    def eta(self, percent: float) -> float | None:
        elapsed = time.monotonic() - self.started
        if percent >= 10:
            return elapsed * (100 - percent) / percent
        if self.estimate_seconds is not None:
            return max(self.estimate_seconds - elapsed, 1.0)
        return None


@contextmanager
def heartbeat(job: Job) -> Iterator[None]:
    """Beat the job's heart every JOB_HEARTBEAT_SECONDS from a side thread while the body runs."""
    stop = threading.Event()
    model = type(job)

    def beat() -> None:
        try:
            while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                model._default_manager.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name=f"heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
