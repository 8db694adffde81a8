"""A media file to a transcript: audio extraction, then the engine. No ORM, no HTTP: the job
kind, `manage.py transcribe`, the remote worker and the benchmark all call `transcribe_media`."""

from __future__ import annotations

from pathlib import Path

from media.transcription.audio import NoAudioStream, extract_audio
from media.transcription.engine import (
    EngineResult,
    ProgressCallback,
    TranscribeOptions,
    TranscriptionEngine,
)
from media.transcription.schema import Transcript, build_transcript

PHASES = {
    "fetching": (0.0, 2.0),
    "extracting_audio": (2.0, 8.0),
    "transcribing": (8.0, 85.0),
    "aligning": (85.0, 93.0),
    "diarizing": (93.0, 98.0),
    "saving": (98.0, 100.0),
}
NO_AUDIO = "the video has no audio track; the transcript is empty"


def transcribe_media(
    source: str | Path,
    options: TranscribeOptions,
    *,
    duration: float,
    engine: TranscriptionEngine,
    workdir: Path,
    report: ProgressCallback,
) -> EngineResult:
    report("extracting_audio", 0)
    wav = workdir / "audio.wav"
    try:
        extract_audio(source, wav)
    except NoAudioStream:
        return EngineResult(transcript=empty_transcript(duration, options), warnings=[NO_AUDIO])
    report("extracting_audio", 1)
    return engine.transcribe(wav, options, report)


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
