"""The latest state of each job, kept in the shared cache (Redis in production) beside the
database: written after every transition commits, read by status polls, so that a poll of a
job that changed lately touches no database. The database stays the truth; a snapshot that is
missing (evicted, expired) is read from it again. Only writers of the job write snapshots (a
read never fills one), so a reader can never put back a state older than the last transition;
the short lifetime bounds what two transitions committing at once could leave behind.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model

from ecg.changes import topic_changed
from ecg.jobs.models import Job

SNAPSHOT_SECONDS = 30
J = TypeVar("J", bound=Job)


def status_key(model: type[Job], pk: Any) -> str:
    return f"job-status:{model._meta.label_lower}:{pk}"


def row_snapshot(instance: Model, excluded: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model instance's columns (by attname), without `excluded` and any not loaded: enough
    to build an unsaved instance of the same row to read from (`Model(**snapshot)`)."""
    skipped = set(excluded) | instance.get_deferred_fields()
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in skipped and field.name not in skipped
    }


def status_snapshot(job: Job) -> dict[str, Any]:
    return row_snapshot(job, job.STATUS_EXCLUDED)


def job_topic(model: type[Job], pk: Any) -> str:
    """The change topic (ecg/changes.py) announced after each of the job's transitions."""
    return f"job:{model._meta.label_lower}:{pk}"


def status_remember(job: Job) -> None:
    """Store the job's state once the transaction commits (never a state that rolls back)."""
    key, snapshot = status_key(type(job), job.pk), status_snapshot(job)
    transaction.on_commit(lambda: cache.set(key, snapshot, SNAPSHOT_SECONDS))
    topic_changed(job_topic(type(job), job.pk))


def status_forget(job: Job) -> None:
    key = status_key(type(job), job.pk)
    transaction.on_commit(lambda: cache.delete(key))
    topic_changed(job_topic(type(job), job.pk))


def status_recall(model: type[J], pk: Any) -> J | None:
    """An unsaved instance built from the snapshot (for reading only), or None."""
    snapshot = cache.get(status_key(model, pk))
    return None if snapshot is None else model(**snapshot)


def on_job_saved(sender: type[Job], instance: Job, **kwargs: Any) -> None:
    status_remember(instance)


def on_job_deleted(sender: type[Job], instance: Job, **kwargs: Any) -> None:
    status_forget(instance)
