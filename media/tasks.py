"""Dramatiq actors of the media app: thin wrappers around services."""

from __future__ import annotations

import dramatiq

from media import services
from media.models import Video
from media.probe import MediaError


@dramatiq.actor(queue_name="default", max_retries=3, time_limit=120_000)
def make_thumbnail(video_id: str) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return  # deleted meanwhile
    try:
        services.video_make_thumbnail(video=video)
    except MediaError:
        return  # a thumbnail is optional; the card shows a placeholder
