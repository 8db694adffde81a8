"""Transcription rules: requesting a run, running it in a worker, and transcript revisions."""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import ACTIVE_STATUSES
from ecg.jobs.outcome import job_outcome
from ecg.jobs.progress import ProgressReporter, heartbeat
from ecg.jobs.services import job_fail, job_progress, job_start, job_succeed
from ecg.jobs.workdirs import job_workdir
from ecg.remote import absolute_url, remote_submit
from media import storage
from media.models import (
    TranscriptionJob,
    TranscriptRevision,
    TranscriptSource,
    Video,
    VideoStatus,
)
from media.transcription.audio import NoAudioStream, extract_audio
from media.transcription.engine import EngineResult, TranscribeOptions, TranscriptionEngine
from media.transcription.schema import (
    Transcript,
    TranscriptInvalid,
    build_transcript,
    validate_transcript,
)

logger = logging.getLogger(__name__)

PHASES = {
    "fetching": (0.0, 2.0),
    "extracting_audio": (2.0, 8.0),
    "transcribing": (8.0, 85.0),
    "aligning": (85.0, 93.0),
    "diarizing": (93.0, 98.0),
    "saving": (98.0, 100.0),
}
LANGUAGE = re.compile(r"^(auto|[a-z]{2,3})$")


def transcription_options(
    *, language: str | None = None, model: str | None = None, diarize: bool = True
) -> TranscribeOptions:
    language = (language or settings.TRANSCRIBE_LANGUAGE).strip().lower()
    if not LANGUAGE.match(language):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "Unknown language.",
            details={"fields": {"language": ["Use an ISO 639-1 code such as 'en', or 'auto'."]}},
        )
    if model and model not in settings.TRANSCRIBE_ALLOWED_MODELS:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "This model is not offered here.",
            details={"fields": {"model": [f"Choose one of: {settings.TRANSCRIBE_ALLOWED_MODELS}"]}},
        )
    return TranscribeOptions(language=language, model=model or "", diarize=diarize)


def transcription_request(
    *, video: Video, options: TranscribeOptions | None = None
) -> TranscriptionJob:
    """Queue a transcription of a ready video; one at a time per video."""
    options = options or transcription_options()
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=video.pk)
        if video.status != VideoStatus.READY:
            raise DomainError(
                ErrorCode.VIDEO_NOT_READY,
                "The video has not been uploaded and checked yet.",
                status=409,
            )
        if video.transcriptions.filter(status__in=ACTIVE_STATUSES).exists():
            raise DomainError(
                ErrorCode.TRANSCRIPTION_IN_PROGRESS,
                "A transcription of this video is already queued or running.",
                status=409,
            )
        job = TranscriptionJob.objects.create(video=video, options=asdict(options))
        transaction.on_commit(job.enqueue)
    return job


def transcription_latest(*, video: Video) -> TranscriptionJob | None:
    return video.transcriptions.order_by("-created_at").first()


def transcription_run(*, job_id: str, engine: TranscriptionEngine) -> None:
    """The worker side of a transcription; safe to call twice for one job."""
    job = TranscriptionJob.objects.select_related("video").filter(pk=job_id).first()
    if job is None or not job_start(job=job, phase="fetching"):
        return  # deleted, finished, or being run by another delivery of the same message
    video = job.video
    report = ProgressReporter(
        job,
        PHASES,
        estimate_seconds=(video.duration or 0) * settings.TRANSCRIBE_REALTIME_FACTOR + 5,
    )
    with (
        job_outcome(job, what="Transcription", failure_code=ErrorCode.TRANSCRIPTION_FAILED),
        heartbeat(job),
        job_workdir("asr") as workdir,
    ):
        result = _transcribe(video, TranscribeOptions(**job.options), engine, report, Path(workdir))
        report("saving", 0)
        transcript = validate_transcript(result.transcript)
        with transaction.atomic():
            if job_succeed(job=job, warnings=result.warnings, timings=result.timings):
                TranscriptRevision.objects.create(
                    video=video, source=TranscriptSource.MACHINE, job=job, data=transcript
                )


def transcription_dispatch_remote(*, job_id: str) -> None:
    """Remote mode: hand the job to the remote worker, which reports through callbacks."""
    job = TranscriptionJob.objects.select_related("video").filter(pk=job_id).first()
    if job is None or not job_start(job=job, phase="dispatching"):
        return
    key = job.video.storage_key
    with job_outcome(job, what="Transcription", failure_code=ErrorCode.TRANSCRIPTION_FAILED):
        storage.require_source(key)
        remote_submit(
            url=settings.REMOTE_TRANSCRIBE_URL,
            secrets=settings.REMOTE_TRANSCRIBE_SECRETS,
            payload={
                "kind": "transcription",
                "job": str(job.pk),
                "options": job.options,
                "input_url": absolute_url(storage.download_url(key, ttl=6 * 3600)),
                "callback_url": absolute_url(reverse("callback-transcription")),
            },
        )
        job_progress(job=job, phase="remote", progress=1)


def transcription_accept_result(job: TranscriptionJob, data: dict[str, Any]) -> None:
    """A remote worker's transcript: the same validation as a local one."""
    try:
        transcript = validate_transcript(data.get("transcript"))
        if transcript["duration"] > (job.video.duration or 0) + 1:
            raise TranscriptInvalid({"duration": "is longer than the video"})
    except TranscriptInvalid as exc:
        job_fail(job=job, code=ErrorCode.TRANSCRIPT_INVALID, message=exc.message)
        raise DomainError(
            ErrorCode.TRANSCRIPT_INVALID,
            "The transcript is not valid.",
            details={"fields": exc.errors},
        ) from exc
    warnings = [str(w)[:300] for w in data.get("warnings") or []][:20]
    with transaction.atomic():
        if job_succeed(job=job, warnings=warnings):
            TranscriptRevision.objects.create(
                video=job.video, source=TranscriptSource.MACHINE, job=job, data=transcript
            )


def _transcribe(
    video: Video,
    options: TranscribeOptions,
    engine: TranscriptionEngine,
    report: ProgressReporter,
    workdir: Path,
) -> EngineResult:
    report("fetching", 0)
    source = storage.require_source(video.storage_key)
    report("extracting_audio", 0)
    wav = workdir / "audio.wav"
    try:
        extract_audio(source, wav)
    except NoAudioStream:
        return EngineResult(
            transcript=empty_transcript(video.duration or 0.0, options),
            warnings=["the video has no audio track; the transcript is empty"],
        )
    report("extracting_audio", 1)
    result: EngineResult = engine.transcribe(wav, options, report)
    return result


def empty_transcript(duration: float, options: TranscribeOptions) -> Transcript:
    return build_transcript(
        language="en" if options.language == "auto" else options.language,
        duration=duration,
        engine={
            "name": "whisperx",
            "model": options.model or "default",
            "alignment": "none",
            "diarization": "none",
        },
        segments=[],
    )


# --- Transcript revisions ---------------------------------------------------------------------


def transcript_current(*, video: Video) -> TranscriptRevision:
    revision = video.transcripts.order_by("-id").first()
    if revision is None:
        latest = transcription_latest(video=video)
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


def transcript_save_edit(
    *, video: Video, data: Any, author: User, if_match: int | None = None
) -> TranscriptRevision:
    """Save an edited transcript as a new revision; duration and engine stay the machine's."""
    with transaction.atomic():
        Video.objects.select_for_update().filter(pk=video.pk).first()
        current = transcript_current(video=video)
        if if_match is not None and if_match != current.pk:
            raise DomainError(
                ErrorCode.TRANSCRIPT_CONFLICT,
                "The transcript changed since you loaded it; reload and apply your edit again.",
                status=412,
                details={"current_revision": current.pk},
            )
        if isinstance(data, dict):
            data = {**data, "duration": current.data["duration"], "engine": current.data["engine"]}
        try:
            transcript = validate_transcript(data)
        except TranscriptInvalid as exc:
            raise DomainError(
                ErrorCode.TRANSCRIPT_INVALID,
                "The transcript is not valid; see details.",
                details={"fields": exc.errors},
            ) from exc
        return TranscriptRevision.objects.create(
            video=video, source=TranscriptSource.EDIT, author=author, data=transcript
        )
