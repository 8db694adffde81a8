"""The interface every transcription engine offers, so engines can be swapped and benchmarked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypedDict

from media.transcription.schema import Transcript
from media.transcription.turns import Turn

# (phase, fraction of that phase done in [0, 1]); phases: transcribing, aligning, diarizing.
ProgressCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class TranscribeOptions:
    language: str = "auto"  # an ISO code, or "auto" to detect
    model: str = ""  # a model name or directory; "" for the configured default
    diarize: bool = True
    num_speakers: int | None = None  # exactly this many, when the creator knows
    min_speakers: int | None = None
    max_speakers: int | None = None
    speakers_only: bool = False  # find the speakers again; keep the current transcript's words
    vocabulary: tuple[str, ...] = ()  # the creator's words (vocabulary.py), the job's first


class LanguageCandidate(TypedDict):
    language: str
    probability: float


class LanguageDetection(TypedDict):
    """What detection found when the language was not given: the language chosen, how sure
    it was, and the next likeliest languages."""

    language: str
    probability: float
    candidates: list[LanguageCandidate]


@dataclass
class EngineResult:
    transcript: Transcript
    # Stages that degraded instead of failing, with the reason (shown on the job).
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    language_detection: LanguageDetection | None = None  # None: the language was given


@dataclass
class SpeakersResult:
    turns: list[Turn]
    diarization: str  # what found them (the transcript's engine.diarization)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class TranscriptionEngine(Protocol):
    def transcribe(
        self, audio_path: Path, options: TranscribeOptions, on_progress: ProgressCallback
    ) -> EngineResult: ...

    def find_speakers(
        self, audio_path: Path, speech: list[tuple[float, float]], options: TranscribeOptions
    ) -> SpeakersResult: ...


def no_progress(phase: str, fraction: float) -> None:
    """A progress callback for callers that do not report progress."""
