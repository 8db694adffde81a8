"""What a status poll shows of a video, cached for a few seconds in the shared cache: the
video's row, the id of its latest transcription and of its current transcript. Forgotten after
every change that commits (a save or delete of the video, a new transcription or revision; the
one queryset update of a video, its thumbnail, forgets it itself); the transcription's own
state comes from its job snapshot (ecg.jobs.status). A poll that misses reads the database and
stores what it read; the short lifetime bounds a store racing a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction

from ecg.changes import topic_changed
from ecg.jobs.status import row_snapshot
from media.models import TranscriptionJob, TranscriptRevision, Video

VIDEO_STATUS_SECONDS = 15


@dataclass(frozen=True)
class CachedVideo:
    video: Video
    transcription_id: Any
    transcript_revision: int | None


def _key(video_id: Any) -> str:
    return f"video-status:{video_id}"


def video_status_recall(video_id: Any) -> CachedVideo | None:
    cached = cache.get(_key(video_id))
    if cached is None:
        return None
    return CachedVideo(Video(**cached["video"]), cached["transcription"], cached["revision"])


def video_status_store(status: CachedVideo) -> None:
    document = {
        "video": row_snapshot(status.video, excluded=("upload_nonce",)),  # a credential
        "transcription": status.transcription_id,
        "revision": status.transcript_revision,
    }
    cache.set(_key(status.video.pk), document, VIDEO_STATUS_SECONDS)


def video_topic(video_id: Any) -> str:
    """The change topic (ecg/changes.py) announced after every change of the video's status."""
    return f"video:{video_id}"


def video_status_forget(video_id: Any) -> None:
    key = _key(video_id)
    transaction.on_commit(lambda: cache.delete(key))
    topic_changed(video_topic(video_id))


def on_video_changed(sender: type, instance: Video, **kwargs: Any) -> None:
    video_status_forget(instance.pk)


def on_video_part_changed(
    sender: type, instance: TranscriptionJob | TranscriptRevision, **kwargs: Any
) -> None:
    video_status_forget(instance.video_id)
