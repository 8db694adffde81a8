"""Reads of videos, transcriptions and transcripts: one home for each query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import User
from accounts.selectors import require_active_user
from ecg import storage
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import ACTIVE_STATUSES
from media.models import TranscriptionJob, TranscriptRevision, Video, VideoStatus


def video_list(*, owner: User) -> QuerySet[Video]:
    return Video.objects.filter(owner=owner).order_by("-created_at")


def video_get(*, owner: User, video_id: Any) -> Video:
    """The owner's video; any other user's (or a missing one) is simply not found."""
    video = Video.objects.filter(owner=owner, pk=video_id).first()
    if video is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Video not found.", status=404)
    return video


def latest_transcription(*, video: Video) -> TranscriptionJob | None:
    return video.transcriptions.order_by("-created_at").first()


def latest_transcriptions(*, videos: Iterable[Video]) -> dict[Any, TranscriptionJob]:
    """The newest transcription of each video, in one query."""
    latest: dict[Any, TranscriptionJob] = {}
    jobs = TranscriptionJob.objects.filter(video__in=[v.pk for v in videos])
    for job in jobs.order_by("-created_at"):
        latest.setdefault(job.video_id, job)
    return latest


def transcription_active(*, video: Video) -> bool:
    return video.transcriptions.filter(status__in=ACTIVE_STATUSES).exists()


def current_transcript(*, video: Video) -> TranscriptRevision | None:
    """The latest revision (machine output or an edit); None before the first transcription."""
    return video.transcripts.order_by("-id").first()


def current_transcript_id(*, video: Video) -> int | None:
    return video.transcripts.order_by("-id").values_list("id", flat=True).first()


def current_transcript_required(*, video: Video) -> TranscriptRevision:
    """current_transcript, or a 409 that says how far the transcription has come."""
    revision = current_transcript(video=video)
    if revision is None:
        latest = latest_transcription(video=video)
        raise DomainError(
            ErrorCode.TRANSCRIPT_NOT_READY,
            "The transcript is not ready yet.",
            status=409,
            details={
                "transcription": None
                if latest is None
                else {"status": latest.status, "phase": latest.phase, "progress": latest.progress}
            },
        )
    return revision


@dataclass(frozen=True)
class VideoDetail:
    """A video with what its detail view shows: short-lived links (site-relative for local
    storage) and the state of its transcription."""

    video: Video
    source_url: str | None
    thumbnail_url: str | None
    transcription: TranscriptionJob | None
    transcript_revision: int | None


_UNREAD = -1


def video_detail(*, video: Video, transcript_revision: int | None = _UNREAD) -> VideoDetail:
    """The detail of a video already read (`transcript_revision` when that read fetched it)."""
    ready = video.status == VideoStatus.READY
    return VideoDetail(
        video=video,
        source_url=storage.download_url(video.storage_key, filename=video.original_filename)
        if ready
        else None,
        thumbnail_url=storage.download_url(video.thumbnail_key) if video.thumbnail_key else None,
        transcription=latest_transcription(video=video),
        transcript_revision=current_transcript_id(video=video)
        if transcript_revision == _UNREAD
        else transcript_revision,
    )


def video_poll(*, owner_id: int, video_id: Any) -> VideoDetail:
    """A status poll's read: the video and its current transcript's id in one query, which also
    requires the owner to be active; then its latest transcription."""
    newest = TranscriptRevision.objects.filter(video=OuterRef("pk")).order_by("-id").values("id")
    try:
        video = Video.objects.annotate(current_revision=Subquery(newest[:1])).get(
            owner_id=owner_id, owner__is_active=True, pk=video_id
        )
    except Video.DoesNotExist:
        require_active_user(user_id=owner_id)
        raise DomainError(ErrorCode.NOT_FOUND, "Video not found.", status=404) from None
    return video_detail(video=video, transcript_revision=getattr(video, "current_revision", None))
