"""Reads of videos, transcriptions and transcripts: one home for each query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from accounts.selectors import require_active_user
from accounts.user_state import user_is_active
from ecg import storage
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import ACTIVE_STATUSES, JobStatus
from ecg.jobs.status import status_recall
from media.models import TranscriptionJob, TranscriptRevision, Video, VideoStatus, Vocabulary
from media.transcription.timing import HOP
from media.transcription.waveform import read_levels
from media.video_status import CachedVideo, video_status_recall, video_status_store


def video_list(*, owner: User) -> QuerySet[Video]:
    return Video.objects.filter(owner=owner).order_by("-created_at")


def video_get(*, owner: User, video_id: Any) -> Video:
    """The owner's video; any other user's (or a missing one) is simply not found."""
    video = Video.objects.filter(owner=owner, pk=video_id).first()
    if video is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Video not found.", status=404)
    return video


def vocabulary_terms(*, owner: User) -> list[str]:
    """The creator's own words for the recognizer (none until they save some)."""
    terms = Vocabulary.objects.filter(owner=owner).values_list("terms", flat=True).first()
    return list(terms or [])


def language_detection(*, video: Video) -> dict[str, Any] | None:
    """What detection found in the latest finished transcription of the words (None when
    the language was given; finding the speakers again leaves the language alone)."""
    job = (
        TranscriptionJob.objects.filter(video=video, status=JobStatus.SUCCEEDED)
        .filter(Q(options__speakers_only=False) | Q(options__speakers_only__isnull=True))
        .order_by("-created_at")
        .only("language_detection")
        .first()
    )
    return None if job is None else job.language_detection


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


def video_detail(*, video: Video) -> VideoDetail:
    """The detail of a video already read: its transcription and current revision are read."""
    return _detail(video, current_transcript_id(video=video), latest_transcription(video=video))


def _detail(
    video: Video, revision: int | None, transcription: TranscriptionJob | None
) -> VideoDetail:
    ready = video.status == VideoStatus.READY
    return VideoDetail(
        video=video,
        source_url=storage.download_url(video.storage_key, filename=video.original_filename)
        if ready
        else None,
        thumbnail_url=storage.download_url(video.thumbnail_key) if video.thumbnail_key else None,
        transcription=transcription,
        transcript_revision=revision,
    )


def video_poll(*, owner_id: int, video_id: Any) -> VideoDetail:
    """A status poll's read: from the cached video status and transcription snapshot when they
    are there and the owner is still active (accounts.user_state: no database either), else
    two queries, which also require the owner to be active."""
    cached = video_status_recall(video_id)
    if (
        cached is not None
        and cached.video.owner_id == owner_id
        and user_is_active(user_id=owner_id)
    ):
        transcription = None
        if cached.transcription_id is not None:
            transcription = status_recall(TranscriptionJob, cached.transcription_id)
            if transcription is None:  # its snapshot expired: a quiet job, read it
                transcription = TranscriptionJob.objects.filter(pk=cached.transcription_id).first()
        return _detail(cached.video, cached.transcript_revision, transcription)
    newest = TranscriptRevision.objects.filter(video=OuterRef("pk")).order_by("-id").values("id")
    try:
        video = Video.objects.annotate(current_revision=Subquery(newest[:1])).get(
            owner_id=owner_id, owner__is_active=True, pk=video_id
        )
    except Video.DoesNotExist:
        require_active_user(user_id=owner_id)
        raise DomainError(ErrorCode.NOT_FOUND, "Video not found.", status=404) from None
    revision = getattr(video, "current_revision", None)
    transcription = latest_transcription(video=video)
    video_status_store(
        CachedVideo(video, None if transcription is None else transcription.pk, revision)
    )
    return _detail(video, revision, transcription)


def waveform_key(video_id: Any) -> str:
    """Where a video's waveform (media/transcription/waveform.py) is stored."""
    return f"videos/{video_id}/waveform.bin"


WAVEFORM_MAX_BYTES = 8 + 100 * 6 * 3600  # six hours of peaks (videos are at most three)


def waveform_bytes(*, video: Video) -> bytes | None:
    """The video's waveform file, or None before a transcription made one."""
    return storage.read_small(waveform_key(video.pk), max_size=WAVEFORM_MAX_BYTES)


def waveform_levels(*, video: Video) -> np.ndarray | None:
    """The video's sound level per 10 ms (the word timing's frames) from its stored waveform,
    or None when it has none (not transcribed since waveforms exist, or no audio)."""
    data = waveform_bytes(video=video)
    if data is None:
        return None
    try:
        levels, per_second = read_levels(data)
    except ValueError:
        return None
    return levels if per_second * HOP == 1 else None
