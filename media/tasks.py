"""Dramatiq actors of the media app: thin wrappers around services and the job runner."""

from __future__ import annotations

import dramatiq
from django.conf import settings

from ecg.jobs.outcome import retry_transient
from media import services
from media.models import Video
from media.probe import MediaError
from media.transcription.kind import transcription_run


@dramatiq.actor(queue_name="default", max_retries=3, time_limit=120_000)
def make_thumbnail(video_id: str) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return  # deleted meanwhile
    try:
        services.video_make_thumbnail(video=video)
    except MediaError:
        return  # a thumbnail is optional; the card shows a placeholder


@dramatiq.actor(
    queue_name="transcribe",
    retry_when=retry_transient,
    min_backoff=5_000,
    max_backoff=300_000,
    time_limit=settings.TRANSCRIBE_TIME_LIMIT_SECONDS * 1000,
)
def transcribe_video(job_id: str) -> None:
    transcription_run(job_id=job_id)
