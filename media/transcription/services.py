"""Transcription rules: requesting a run, saving its result, and transcript revisions."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from django.conf import settings
from django.db import transaction

from accounts.models import User
from ecg.errors import CodedFailure, DomainError, ErrorCode
from ecg.jobs.dispatch import job_send_on_commit
from ecg.jobs.services import job_succeed
from ecg.parsers import finite_number
from media import selectors
from media.models import (
    TranscriptionJob,
    TranscriptRevision,
    TranscriptSource,
    Video,
    VideoStatus,
    Vocabulary,
)
from media.transcription import emphasis, vocabulary
from media.transcription.engine import LanguageDetection, TranscribeOptions
from media.transcription.options import WHISPER_LANGUAGES, parse_options
from media.transcription.placing import (
    Placed,
    has_untimed_words,
    place_words,
    place_words_by_waveform,
    time_untimed_words,
)
from media.transcription.respeak import apply_turns, parse_turns
from media.transcription.schema import TranscriptInvalid, validate_transcript


def transcription_options(
    *,
    language: str | None = None,
    model: str | None = None,
    diarize: bool = True,
    num_speakers: int | None = None,
    min_speakers: int | None = None,
    max_speakers: int | None = None,
    speakers_only: bool = False,
    vocabulary: Any = None,
) -> TranscribeOptions:
    """Options a creator asked for: checked, with the server's defaults and allowed models.
    `vocabulary` is the job's own words (a list, or one comma-separated string)."""
    options = parse_options(
        {
            "language": language,
            "model": model,
            "diarize": diarize,
            "num_speakers": num_speakers,
            "min_speakers": min_speakers,
            "max_speakers": max_speakers,
            "speakers_only": speakers_only,
            "vocabulary": vocabulary,
        },
        default_language=settings.TRANSCRIBE_LANGUAGE,
    )
    if options.model and options.model not in settings.TRANSCRIBE_ALLOWED_MODELS:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "This model is not offered here.",
            details={"fields": {"model": [f"Choose one of: {settings.TRANSCRIBE_ALLOWED_MODELS}"]}},
        )
    return options


def transcription_request(
    *, video: Video, options: TranscribeOptions | None = None
) -> TranscriptionJob:
    """Queue a transcription of a ready video; one at a time per video. The words go with
    the owner's vocabulary after the job's own, as they stand now (the job keeps them)."""
    options = options or transcription_options()
    if not options.speakers_only:
        terms = vocabulary.merge(options.vocabulary, selectors.vocabulary_terms(owner=video.owner))
        options = replace(options, vocabulary=tuple(terms))
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=video.pk)
        if video.status != VideoStatus.READY:
            raise DomainError(
                ErrorCode.VIDEO_NOT_READY,
                "The video has not been uploaded and checked yet.",
                status=409,
            )
        if options.speakers_only:  # there must be words to find the speakers of
            selectors.current_transcript_required(video=video)
        if selectors.transcription_active(video=video):
            raise DomainError(
                ErrorCode.TRANSCRIPTION_IN_PROGRESS,
                "A transcription of this video is already queued or running.",
                status=409,
            )
        job = TranscriptionJob.objects.create(video=video, options=asdict(options))
        job_send_on_commit(job)
    return job


def transcription_save_result(*, job: TranscriptionJob, result: dict[str, Any]) -> None:
    """A finished run's transcript, local or remote: checked like any other, then stored."""
    try:
        transcript = validate_transcript(result.get("transcript"))
        if transcript["duration"] > (job.video.duration or 0) + 1:
            raise TranscriptInvalid({"duration": "is longer than the video"})
    except TranscriptInvalid as exc:
        raise CodedFailure(
            ErrorCode.TRANSCRIPT_INVALID,
            "The transcript is not valid.",
            details={"fields": exc.errors},
        ) from exc
    warnings = [str(w)[:300] for w in result.get("warnings") or []][:20]
    timings = result.get("timings") if isinstance(result.get("timings"), dict) else {}
    timings = {str(k)[:32]: float(v) for k, v in (timings or {}).items() if finite_number(v)}
    detection = _language_detection(result.get("language_detection"))
    with transaction.atomic():
        if job_succeed(job=job, warnings=warnings, timings=timings, language_detection=detection):
            TranscriptRevision.objects.create(
                video=job.video, source=TranscriptSource.MACHINE, job=job, data=transcript
            )


def _language_detection(value: Any) -> LanguageDetection | None:
    """A worker's language detection, kept only in its documented shape (a remote worker's
    result is not trusted further)."""

    def candidate(item: Any) -> dict[str, Any] | None:
        if not isinstance(item, dict) or item.get("language") not in WHISPER_LANGUAGES:
            return None
        probability: Any = item.get("probability")
        if not finite_number(probability) or not 0 <= probability <= 1:
            return None
        return {"language": item["language"], "probability": round(float(probability), 3)}

    found = candidate(value)
    if found is None or not isinstance(value.get("candidates"), list):
        return None
    found["candidates"] = [c for c in map(candidate, value["candidates"][:5]) if c is not None]
    return found  # type: ignore[return-value]


def vocabulary_set(*, owner: User, terms: Any) -> list[str]:
    """Replace the creator's vocabulary (checked: VOCABULARY_INVALID); returns it as kept."""
    kept = vocabulary.parse_terms(terms, field="terms")
    Vocabulary.objects.update_or_create(owner=owner, defaults={"terms": kept})
    return kept


def transcription_save_speakers(*, job: TranscriptionJob, result: dict[str, Any]) -> None:
    """Speakers found again: laid over the transcript current now (edits made while the job ran
    included) as a new machine revision; words, text and times are not touched."""
    turns = parse_turns(result.get("turns"))
    warnings = [str(w)[:300] for w in result.get("warnings") or []][:20]
    diarization = str(result.get("diarization") or "none")[:40]
    with transaction.atomic():
        Video.objects.select_for_update().filter(pk=job.video_id).first()
        current = selectors.current_transcript(video=job.video)
        if current is None:
            raise CodedFailure(ErrorCode.TRANSCRIPT_INVALID, "The video has no transcript.")
        data = apply_turns(current.data, turns)
        data["engine"] = {**data["engine"], "diarization": diarization}
        transcript = validate_transcript(data)
        if job_succeed(job=job, warnings=warnings):
            TranscriptRevision.objects.create(
                video=job.video, source=TranscriptSource.MACHINE, job=job, data=transcript
            )


def transcript_save_edit(
    *, video: Video, data: Any, author: User, if_match: int | None = None
) -> TranscriptRevision:
    """Save an edited transcript as a new revision; duration and engine stay the machine's.
    Words sent without times (typed words) are timed by the sound between their neighbours."""
    with transaction.atomic():
        Video.objects.select_for_update().filter(pk=video.pk).first()
        current = selectors.current_transcript_required(video=video)
        if if_match is not None and if_match != current.pk:
            raise DomainError(
                ErrorCode.TRANSCRIPT_CONFLICT,
                "The transcript changed since you loaded it; reload and apply your edit again.",
                status=412,
                details={"current_revision": current.pk},
            )
        if isinstance(data, dict):
            data = {**data, "duration": current.data["duration"], "engine": current.data["engine"]}
            if has_untimed_words(data):  # the waveform is read only then: saves are frequent
                data = time_untimed_words(data, selectors.waveform_levels(video=video))
        try:
            transcript = validate_transcript(data)
        except TranscriptInvalid as exc:
            raise DomainError(
                ErrorCode.TRANSCRIPT_INVALID,
                "The transcript is not valid; see details.",
                details={"fields": exc.errors},
            ) from exc
        emphasis.score(w for s in transcript["segments"] for w in s["words"])  # not set by hand
        return TranscriptRevision.objects.create(
            video=video, source=TranscriptSource.EDIT, author=author, data=transcript
        )


def words_time(
    *, video: Video, start: float, end: float, texts: list[str]
) -> tuple[list[Placed], str]:
    """Words a creator typed over [start, end] of the video (replacing what was there), timed by
    the sound of its stored waveform; by their lengths when it has none. Returns the words and
    what timed them ("sound" or "length")."""
    duration = float(video.duration or 0)
    if not 0 <= start <= end <= duration + 1e-3:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The span must lie within the video.",
            details={"fields": {"end": [f"start <= end <= {duration:g} (the video's duration)"]}},
        )
    levels = selectors.waveform_levels(video=video)
    if levels is None:
        return place_words(None, start, end, texts), "length"
    return place_words_by_waveform(levels, start, end, texts), "sound"
