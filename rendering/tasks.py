"""Dramatiq actors of the rendering app."""

from __future__ import annotations

from django.conf import settings

from ecg.jobs.actors import job_actor
from rendering.kind import RenderKind

render_video = job_actor(
    RenderKind(), queue="render", time_limit_seconds=settings.RENDER_TIME_LIMIT_SECONDS
)
