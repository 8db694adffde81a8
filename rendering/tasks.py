"""Dramatiq actors of the rendering app."""

from __future__ import annotations

from ecg.jobs.actors import job_actor
from rendering.kind import RenderKind

render_video = job_actor(RenderKind(), queue="render")
