"""Dramatiq set-up beyond what settings declare.

- `EmbeddedWorker`: on the stub broker (no REDIS_URL) the first enqueued message starts a
  worker inside the current process, so `manage.py runserver` alone runs background jobs.
- `JobSweeper`: every worker process sweeps stale jobs periodically, so a job whose worker
  died is re-queued or failed without any extra service.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import dramatiq
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Middleware

logger = logging.getLogger(__name__)

QUEUES = ("default", "transcribe", "render")


class EmbeddedWorker(Middleware):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: dramatiq.Worker | None = None

    def before_enqueue(
        self, broker: dramatiq.Broker, message: dramatiq.Message, delay: int
    ) -> None:
        from django.conf import settings

        if self._worker is not None or not isinstance(broker, StubBroker):
            return
        if not settings.EMBEDDED_WORKER:
            return
        with self._lock:
            if self._worker is None:
                for queue in QUEUES:
                    broker.declare_queue(queue)
                self._worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=200)
                self._worker.start()
                logger.info("Started the embedded in-process worker")


class JobSweeper(Middleware):
    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def after_worker_boot(self, broker: dramatiq.Broker, worker: Any) -> None:
        from django.conf import settings

        from ecg.jobs.workdirs import remove_orphan_workdirs

        remove_orphan_workdirs()
        interval = settings.JOB_SWEEP_INTERVAL_SECONDS
        if interval <= 0:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(interval,), name="job-sweeper", daemon=True
        )
        self._thread.start()

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: Any) -> None:
        self._stop.set()

    def _run(self, interval: int) -> None:
        from django.db import close_old_connections

        from ecg.jobs.services import jobs_sweep_stale
        from ecg.jobs.workdirs import remove_orphan_workdirs

        while not self._stop.wait(interval):
            try:
                jobs_sweep_stale()
                remove_orphan_workdirs()
            except Exception:
                logger.exception("Stale-job sweep failed; trying again in %s s", interval)
            finally:
                close_old_connections()
