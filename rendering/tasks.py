"""Dramatiq actors of the rendering app."""

from __future__ import annotations

import dramatiq
from django.conf import settings

from ecg.jobs.outcome import retry_transient
from rendering.kind import render_run


@dramatiq.actor(
    queue_name="render",
    retry_when=retry_transient,
    min_backoff=5_000,
    max_backoff=300_000,
    time_limit=settings.RENDER_TIME_LIMIT_SECONDS * 1000,
)
def render_video(job_id: str) -> None:
    render_run(job_id=job_id)
