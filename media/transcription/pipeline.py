"""A media file to a transcript: audio extraction, then the engine. No ORM, no HTTP: the job
kind, `manage.py transcribe`, the remote worker and the benchmark all call `transcribe_media`."""

from __future__ import annotations

from pathlib import Path

from media.transcription.audio import NoAudioStream, extract_audio
from media.transcription.engine import (
    EngineResult,
    ProgressCallback,
    SpeakersResult,
    TranscribeOptions,
    TranscriptionEngine,
)
from media.transcription.schema import Transcript, build_transcript
from media.transcription.waveform import write_peaks

PHASES = {
    "fetching": (0.0, 2.0),
    "extracting_audio": (2.0, 8.0),
    "transcribing": (8.0, 85.0),
    "aligning": (85.0, 93.0),
    "diarizing": (93.0, 97.0),
    "analyzing": (97.0, 98.0),
    "saving": (98.0, 100.0),
}
AUDIO_NAME = "audio.wav"
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
    wav = _audio(source, workdir, report)
    if wav is None:
        return EngineResult(transcript=empty_transcript(duration, options), warnings=[NO_AUDIO])
    return engine.transcribe(wav, options, report)


def find_speakers_media(
    source: str | Path,
    options: TranscribeOptions,
    speech: list[tuple[float, float]],
    *,
    engine: TranscriptionEngine,
    workdir: Path,
    report: ProgressCallback,
) -> SpeakersResult:
    """Speaker turns of a media file's speech (the current transcript's word spans)."""
    wav = _audio(source, workdir, report)
    if wav is None:
        return SpeakersResult(turns=[], diarization="none", warnings=[NO_AUDIO])
    report("diarizing", 0)
    result = engine.find_speakers(wav, speech, options)
    report("diarizing", 1)
    return result


def _audio(source: str | Path, workdir: Path, report: ProgressCallback) -> Path | None:
    """The media's audio as a 16 kHz WAV in `workdir`; None when it has no audio track."""
    report("extracting_audio", 0)
    wav = workdir / AUDIO_NAME
    try:
        extract_audio(source, wav)
    except NoAudioStream:
        return None
    report("extracting_audio", 1)
    return wav


def waveform_media(workdir: Path) -> Path | None:
    """The timeline's waveform (waveform.py) of the audio extracted into `workdir`, if any."""
    wav = workdir / AUDIO_NAME
    if not wav.exists():
        return None
    target = workdir / "waveform.bin"
    write_peaks(wav, target)
    return target


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
