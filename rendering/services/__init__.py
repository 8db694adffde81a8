"""Export rules: request (validation, rate limit, quota admission), cancel, download, result.

Rendering's other services sit beside them: `presets` (a creator's own presets) and
`brand_fonts` (a creator's font files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from accounts.models import User
from ecg import storage
from ecg.errors import CodedFailure, DomainError, ErrorCode
from ecg.jobs.dispatch import job_send_on_commit
from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel, job_succeed
from ecg.parsers import finite_number
from ecg.ratelimit import rate_limit_enforce
from media import selectors as media_selectors
from media.models import TranscriptRevision, Video, VideoStatus
from media.transcription.schema import TranscriptInvalid, validate_transcript
from quotas.services import quota_admit
from rendering import selectors
from rendering.layout import caption_model, with_speaker_colors
from rendering.models import RenderJob
from rendering.scenario import ScenarioInvalid, validate_scenario, validate_style
from rendering.selectors import usable_fonts
from rendering.services.presets import resolve_style
from rendering.shared import CaptionModel


def render_rate_limit(*, user: User) -> None:
    """RENDER_RATE_LIMIT render requests per user on the shared cache."""
    rate_limit_enforce(
        group="render-create",
        key=str(user.pk),
        rate=settings.RENDER_RATE_LIMIT,
        message="Too many render requests; slow down.",
    )


def render_request(
    *, user: User, video: Video, transcript: Any = None, style: Any = None, output: Any = None
) -> RenderJob:
    if video.status != VideoStatus.READY:
        raise DomainError(
            ErrorCode.VIDEO_NOT_READY, "The video is not ready for export.", status=409
        )
    try:
        scenario = validate_scenario(
            resolve_style(owner=user, style=style),
            output,
            source_height=video.height,
            source_width=video.width,
            fonts=usable_fonts(owner=user),
        )
    except ScenarioInvalid as exc:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The render scenario is invalid.",
            details={"fields": exc.errors},
        ) from exc
    revision, snapshot = _transcript_for(video, transcript)

    def create() -> RenderJob:
        job = RenderJob.objects.create(
            owner=user,
            video=video,
            transcript=revision,
            transcript_snapshot=snapshot,
            scenario=scenario,
        )
        job_send_on_commit(job)
        return job

    return quota_admit(
        user=user,
        video_seconds=video.duration or 0.0,
        create=create,
        running=lambda: selectors.active_render_count(owner=user),
    )


def _transcript_for(video: Video, transcript: Any) -> tuple[TranscriptRevision | None, dict]:
    if transcript is None:
        revision = media_selectors.current_transcript(video=video)
        if revision is None:
            raise DomainError(
                ErrorCode.TRANSCRIPT_NOT_READY,
                "The video has no transcript yet; wait for transcription.",
                status=409,
            )
        return revision, revision.data
    try:
        data = validate_transcript(transcript)
    except TranscriptInvalid as exc:
        raise DomainError(
            ErrorCode.TRANSCRIPT_INVALID,
            "The transcript is not valid.",
            details={"fields": {f"transcript.{k}": v for k, v in exc.errors.items()}},
        ) from exc
    if video.duration and data["duration"] > video.duration + 0.5:
        raise DomainError(
            ErrorCode.TRANSCRIPT_INVALID,
            "The transcript is longer than the video.",
            details={"fields": {"transcript.duration": "exceeds the video"}},
        )
    return None, dict(data)


def caption_preview(
    *, user: User, transcript: Any, style: Any
) -> tuple[dict[str, Any], CaptionModel]:
    """(style, caption model) for the editor preview: the export's own layout, and the style
    resolved as the export draws it (the preset's fields under the overrides, the family as the
    font list spells it, the transcript's speaker colours under the style's own, and the files
    of a family of the creator's), so that the editor draws what the server resolved."""
    errors: dict[str, str] = {}
    fonts = usable_fonts(owner=user)
    validated = validate_style(resolve_style(owner=user, style=style), errors, fonts=fonts)
    try:
        data = validate_transcript(transcript)
    except TranscriptInvalid as exc:
        errors.update({f"transcript.{k}": v for k, v in exc.errors.items()})
    if errors:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, "The layout request is invalid.", details={"fields": errors}
        )
    drawn = with_speaker_colors(validated, dict(data))
    faces = selectors.font_faces(owner=user, family=validated["font_family"])
    if faces:
        drawn = {**drawn, "font_faces": faces}
    return drawn, caption_model(dict(data), validated, fonts[validated["font_family"]])


def render_cancel(*, job: RenderJob) -> RenderJob:
    if not job_cancel(job=job) and job.is_final:
        raise DomainError(
            ErrorCode.RENDER_FINISHED, f"This render already {job.status}.", status=409
        )
    job.refresh_from_db()
    return job


def render_download_url(*, job: RenderJob) -> str | None:
    if job.status != JobStatus.SUCCEEDED or not job.output_key:
        return None
    name = f"{Path(job.video.original_filename).stem}-captioned.mp4"
    return storage.download_url(job.output_key, filename=name)


def render_output_key(job: RenderJob) -> str:
    return f"renders/{job.pk}/output.mp4"


def render_save_result(*, job: RenderJob, result: dict[str, Any]) -> None:
    """A finished render, local or remote: its output must be stored, of the size reported."""
    key = render_output_key(job)
    stat = storage.object_stat(key)
    if stat is None or stat.size != result.get("output_size"):
        raise CodedFailure(
            ErrorCode.RENDER_FAILED,
            "The reported output is not in storage, or is of another size.",
            details={"fields": {"output_size": "does not match the stored object"}},
        )
    stats = result["stats"] if isinstance(result.get("stats"), dict) else {}
    timings = result["timings"] if isinstance(result.get("timings"), dict) else {}
    with transaction.atomic():
        succeeded = job_succeed(
            job=job,
            output_key=key,
            output_size=stat.size,
            output_width=_positive_int(result.get("width")),
            output_height=_positive_int(result.get("height")),
            timings={str(k)[:32]: v for k, v in timings.items() if finite_number(v)},
            stats={str(k)[:32]: v for k, v in stats.items() if finite_number(v)},
            warnings=_warnings(result.get("warnings")),
        )
    if not succeeded:  # canceled at the last moment: do not keep the file
        storage.delete_objects(key)


def _warnings(value: Any) -> list[dict[str, Any]]:
    """A worker's warnings, kept only in their documented shape (a remote worker reports them)."""
    if not isinstance(value, list):
        return []
    kept = []
    for warning in value[:10]:
        if not isinstance(warning, dict) or not isinstance(warning.get("code"), str):
            continue
        details = warning.get("details")
        characters = details.get("characters") if isinstance(details, dict) else None
        kept.append(
            {
                "code": warning["code"][:64],
                "message": str(warning.get("message", ""))[:500],
                "details": {
                    "characters": [str(c)[:4] for c in characters[:200]]
                    if isinstance(characters, list)
                    else []
                },
            }
        )
    return kept


def _positive_int(value: Any) -> int | None:
    return int(value) if finite_number(value) and 0 < value < 100_000 else None
