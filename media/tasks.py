"""Dramatiq actors of the media app: thin wrappers around services and the job runner."""

from __future__ import annotations

import dramatiq

from ecg.jobs.actors import job_actor
from media import services
from media.models import Video
from media.probe import MediaError
from media.transcription.kind import TranscriptionKind


@dramatiq.actor(queue_name="default", max_retries=3, time_limit=120_000)
def make_thumbnail(video_id: str) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return  # deleted meanwhile
    try:
        services.video_make_thumbnail(video=video)
    except MediaError:
        return  # a thumbnail is optional; the card shows a placeholder


transcribe_video = job_actor(TranscriptionKind(), queue="transcribe")
