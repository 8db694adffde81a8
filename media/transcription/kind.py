"""Transcription as a kind of job for the one runner (`ecg.jobs.runner`)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings

from ecg.errors import DomainError, ErrorCode
from ecg.jobs.kinds import KindSettings, Report, WorkDone
from ecg.jobs.runner import job_run
from media import selectors
from media.models import TranscriptionJob
from media.transcription.engine import TranscribeOptions, TranscriptionEngine
from media.transcription.options import parse_options
from media.transcription.pipeline import (
    PHASES,
    find_speakers_media,
    transcribe_media,
    waveform_media,
)
from media.transcription.respeak import parse_spans, speech_spans
from media.transcription.services import transcription_save_result, transcription_save_speakers
from media.transcription.whisperx_engine import engine_for


class TranscriptionKind(KindSettings):
    name = "transcription"
    model = TranscriptionJob
    actor_name = "transcribe_video"
    what = "Transcription"
    failure_code = ErrorCode.TRANSCRIPTION_FAILED
    phases = PHASES
    url_setting = "REMOTE_TRANSCRIBE_URL"
    secrets_setting = "REMOTE_TRANSCRIBE_SECRETS"
    time_limit_setting = "TRANSCRIBE_TIME_LIMIT_SECONDS"

    def __init__(self, engine: TranscriptionEngine | None = None) -> None:
        self._engine = engine  # None: the configured engine, loaded once per process

    def input_key(self, job: TranscriptionJob) -> str:
        return job.video.storage_key

    def output_key(self, job: TranscriptionJob) -> str | None:
        """The timeline's waveform, from a full transcription (finding speakers has none)."""
        return None if job.options.get("speakers_only") else selectors.waveform_key(job.video_id)

    def estimate_seconds(self, job: TranscriptionJob) -> float:
        return (job.video.duration or 0) * settings.TRANSCRIBE_REALTIME_FACTOR + 5

    def remote_payload(self, job: TranscriptionJob) -> dict[str, Any]:
        payload = {"options": job.options, "duration": job.video.duration or 0.0}
        if job.options.get("speakers_only"):
            revision = selectors.current_transcript(video=job.video)
            payload["speech"] = speech_spans(revision.data) if revision else []
        return payload

    def parse_payload(self, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            raise DomainError(ErrorCode.VALIDATION_ERROR, "The payload is a JSON object.")
        duration = payload.get("duration")
        if not isinstance(duration, int | float) or not 0 <= duration <= 86_400:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "The payload is invalid.",
                details={"fields": {"payload.duration": ["Seconds, from 0 to 86400."]}},
            )
        options = parse_options(payload.get("options") or {})
        parsed: dict[str, Any] = {"options": asdict(options), "duration": float(duration)}
        if options.speakers_only:
            parsed["speech"] = parse_spans(payload.get("speech"), float(duration))
        return parsed

    def work(self, payload: dict[str, Any], source: str, workdir: Path, report: Report) -> WorkDone:
        options = TranscribeOptions(**payload["options"])
        if options.speakers_only:
            found = find_speakers_media(
                source,
                options,
                [(float(s), float(e)) for s, e in payload.get("speech", [])],
                engine=self._engine or engine_for(),
                workdir=workdir,
                report=report,
            )
            turns = [[t.start, t.end, t.speaker] for t in found.turns]
            return WorkDone(
                {
                    "turns": turns,
                    "diarization": found.diarization,
                    "warnings": found.warnings,
                    "timings": found.timings,
                }
            )
        result = transcribe_media(
            source,
            options,
            duration=payload["duration"],
            engine=self._engine or engine_for(),
            workdir=workdir,
            report=report,
        )
        return WorkDone(
            {
                "transcript": result.transcript,
                "warnings": result.warnings,
                "timings": result.timings,
                "language_detection": result.language_detection,
            },
            output=waveform_media(workdir),
        )

    def save_result(self, job: TranscriptionJob, result: dict[str, Any]) -> None:
        if job.options.get("speakers_only"):
            transcription_save_speakers(job=job, result=result)
        else:
            transcription_save_result(job=job, result=result)


def transcription_run(*, job_id: str, engine: TranscriptionEngine | None = None) -> None:
    """The worker side of a transcription (with this engine, else the configured one)."""
    job_run(kind=TranscriptionKind(engine=engine), job_id=job_id)
