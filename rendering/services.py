"""Export rules: request (validation, rate limit, quota admission), run, cancel, download."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import reverse
from django_ratelimit.core import get_usage

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import ACTIVE_STATUSES, JobStatus
from ecg.jobs.outcome import job_outcome
from ecg.jobs.progress import ProgressReporter, heartbeat
from ecg.jobs.services import (
    job_cancel,
    job_fail,
    job_finished,
    job_progress,
    job_start,
    job_succeed,
)
from ecg.jobs.workdirs import job_workdir
from ecg.remote import absolute_url, remote_submit
from media import storage
from media.models import TranscriptRevision, Video, VideoStatus
from media.transcription.schema import TranscriptInvalid, validate_transcript
from quotas.services import quota_admit, usage_record_outcome
from rendering.layout import caption_model
from rendering.models import RenderJob
from rendering.renderer import SourceInfo, render_video
from rendering.scenario import ScenarioInvalid, validate_scenario, validate_style

logger = logging.getLogger(__name__)

PHASES = {
    "fetching": (0.0, 2.0),
    "layout": (2.0, 4.0),
    "painting": (4.0, 95.0),
    "encoding": (4.0, 95.0),
    "uploading": (95.0, 100.0),
}


def render_rate_limit(*, request: HttpRequest) -> None:
    """RENDER_RATE_LIMIT per user on the shared cache (Redis in production)."""
    usage = get_usage(
        request,
        group="render-create",
        key="user",
        rate=settings.RENDER_RATE_LIMIT,
        method="POST",
        increment=True,
    )
    if usage and usage["should_limit"]:
        retry_after = max(1, int(usage["time_left"]))
        raise DomainError(
            ErrorCode.RATE_LIMITED,
            "Too many render requests; slow down.",
            status=429,
            details={"retry_after": retry_after, "limit": settings.RENDER_RATE_LIMIT},
            headers={"Retry-After": str(retry_after)},
        )


def render_request(
    *, user: User, video: Video, transcript: Any = None, style: Any = None, output: Any = None
) -> RenderJob:
    if video.status != VideoStatus.READY:
        raise DomainError(
            ErrorCode.VIDEO_NOT_READY, "The video is not ready for export.", status=409
        )
    try:
        scenario = validate_scenario(style, output, source_height=video.height)
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
        transaction.on_commit(job.enqueue)
        return job

    return quota_admit(
        user=user,
        video_seconds=video.duration or 0.0,
        create=create,
        running=lambda: RenderJob.objects.filter(owner=user, status__in=ACTIVE_STATUSES).count(),
    )


def _transcript_for(video: Video, transcript: Any) -> tuple[TranscriptRevision | None, dict]:
    if transcript is None:
        revision = video.transcripts.order_by("-id").first()
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


def caption_preview(*, transcript: Any, style: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(validated style, caption model) for the editor preview: the export's own layout."""
    errors: dict[str, str] = {}
    validated = validate_style(style, errors)
    try:
        data = validate_transcript(transcript)
    except TranscriptInvalid as exc:
        errors.update({f"transcript.{k}": v for k, v in exc.errors.items()})
    if errors:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, "The layout request is invalid.", details={"fields": errors}
        )
    return validated, caption_model(dict(data), validated)


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


def output_key(job: RenderJob) -> str:
    return f"renders/{job.pk}/output.mp4"


def render_run(*, job_id: str) -> None:
    """The worker side of an export; safe to call twice for one job."""
    job = RenderJob.objects.select_related("video").filter(pk=job_id).first()
    if job is None or not job_start(job=job, phase="fetching"):
        return
    video = job.video
    report = ProgressReporter(job, PHASES, estimate_seconds=(video.duration or 0) * 0.5 + 5)
    with (
        job_outcome(job, what="Rendering", failure_code=ErrorCode.RENDER_FAILED),
        heartbeat(job),
        job_workdir("render") as workdir,
    ):
        report("fetching", 0)
        source = storage.require_source(video.storage_key)
        output = Path(workdir) / "output.mp4"
        result = render_video(
            source=source,
            info=SourceInfo(
                video.width or 0,
                video.height or 0,
                video.fps or 0,
                video.duration or 0,
                video.audio_codec,
            ),
            transcript=job.transcript_snapshot,
            style=job.scenario["style"],
            output_height=job.scenario["output"]["height"],
            output=output,
            on_progress=report,
        )
        report("uploading", 0)
        key = output_key(job)
        storage.save_file(key=key, path=output)
        with transaction.atomic():
            succeeded = job_succeed(
                job=job,
                output_key=key,
                output_size=output.stat().st_size,
                output_width=result.width,
                output_height=result.height,
                timings={k: round(v, 3) for k, v in result.timings.items()},
                stats={
                    "frames": result.frames,
                    "samples": result.samples,
                    "states_painted": result.states_painted,
                },
            )
        if not succeeded:  # canceled at the last moment: do not keep the file
            storage.delete_objects(key)


def render_dispatch_remote(*, job_id: str) -> None:
    """Remote mode: the remote worker renders, uploads the mp4 and reports through callbacks."""
    job = RenderJob.objects.select_related("video").filter(pk=job_id).first()
    if job is None or not job_start(job=job, phase="dispatching"):
        return
    key = job.video.storage_key
    with job_outcome(job, what="Rendering", failure_code=ErrorCode.RENDER_FAILED):
        storage.require_source(key)
        upload = storage.output_upload_target(
            key=output_key(job),
            content_type="video/mp4",
            max_size=settings.UPLOAD_MAX_BYTES * 4,
            ttl=settings.RENDER_TIME_LIMIT_SECONDS,
        )
        remote_submit(
            url=settings.REMOTE_RENDER_URL,
            secrets=settings.REMOTE_RENDER_SECRETS,
            payload={
                "kind": "render",
                "job": str(job.pk),
                "input_url": absolute_url(storage.download_url(key, ttl=6 * 3600)),
                "callback_url": absolute_url(reverse("callback-render")),
                "transcript": job.transcript_snapshot,
                "scenario": job.scenario,
                "output_upload": {
                    **asdict(upload),
                    "url": absolute_url(upload.url),
                    "expires_at": upload.expires_at.isoformat(),
                },
            },
        )
        job_progress(job=job, phase="remote", progress=1)


def render_accept_result(job: RenderJob, data: dict[str, Any]) -> None:
    """A remote worker's render: its output must be in storage, of the size it reports."""
    key = output_key(job)
    stat = storage.object_stat(key)
    if stat is None or stat.size != data.get("output_size"):
        job_fail(
            job=job,
            code=ErrorCode.RENDER_FAILED,
            message="The remote worker reported an output that is not in storage.",
        )
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The output is missing or of another size.",
            details={"fields": {"output_size": "does not match the stored object"}},
        )
    stats: dict[str, Any] = data["stats"] if isinstance(data.get("stats"), dict) else {}
    job_succeed(
        job=job,
        output_key=key,
        output_size=stat.size,
        output_width=int(data.get("width") or 0) or None,
        output_height=int(data.get("height") or 0) or None,
        stats={k: v for k, v in stats.items() if isinstance(v, int | float)},
    )


@receiver(job_finished, sender=RenderJob, dispatch_uid="rendering.usage")
def _record_usage(sender: type, job: RenderJob, **kwargs: Any) -> None:
    """Usage counts every ending, including one decided by the stale-job sweep."""
    usage_record_outcome(
        user=job.owner,
        started=job.created_at,
        outcome=str(job.status),
        seconds=(job.video.duration or 0.0) if job.status == JobStatus.SUCCEEDED else 0.0,
        output_bytes=job.output_size or 0,
    )
