"""The Dramatiq actor of a job kind: one line per kind, the same retry policy for all."""

from __future__ import annotations

import dramatiq

from ecg.jobs.kinds import JobKind
from ecg.jobs.outcome import retry_transient
from ecg.jobs.runner import job_run


def job_actor(kind: JobKind, *, queue: str) -> dramatiq.Actor[[str], None]:
    """An actor named `kind.actor_name` on `queue` that runs a job of this kind by its id;
    only transient failures come back, with backoff, and the time limit ends a stuck run."""

    def run(job_id: str) -> None:
        job_run(kind=kind, job_id=job_id)

    decorate = dramatiq.actor(
        actor_name=kind.actor_name,
        queue_name=queue,
        retry_when=retry_transient,
        min_backoff=5_000,
        max_backoff=300_000,
        time_limit=kind.time_limit_seconds() * 1000,
    )
    return decorate(run)
