"""WhisperX on CPU or GPU: ASR, word timing, diarization.

Models load once per process and are reused across jobs. Each optional stage degrades with a
recorded reason instead of failing the job:
- word times: wav2vec2 alignment when a model is configured (production); otherwise Whisper's
  cross-attention word times (faster-whisper, with its bundled Silero VAD) snapped to the
  sound (`timing.py`);
- speakers: the embedded resemblyzer diarizer (`diarization.py`), or a pyannote pipeline when
  one is configured; if neither can run, every word belongs to one speaker.
Heavy imports (torch, whisperx) happen on first use, never in the web process.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import wave
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings

from media.transcription import diarization, graphemes, prosody, timing, vocabulary
from media.transcription.embedded import embedded_model
from media.transcription.engine import (
    EngineResult,
    LanguageCandidate,
    LanguageDetection,
    ProgressCallback,
    SpeakersResult,
    TranscribeOptions,
)
from media.transcription.schema import Engine, build_transcript
from media.transcription.turns import Turn, assign_speakers, turns_from_table

logger = logging.getLogger(__name__)
SAMPLE_RATE = 16_000
LANGUAGE_CANDIDATES = 3  # the next likeliest languages kept with a detection
# How Whisper decodes when it also gives the word times (no alignment model).
WHISPER_DECODING: dict[str, Any] = {
    "word_timestamps": True,
    "vad_filter": True,
    "beam_size": 5,
    "condition_on_previous_text": False,
}
PUNKT_FILES = ("collocations.tab", "sent_starters.txt", "abbrev_types.txt", "ortho_context.tab")


@dataclass(frozen=True)
class EngineConfig:
    model: str
    device: str
    compute_type: str
    batch_size: int
    cpu_threads: int
    align_model: str  # "" (none), "auto" (WhisperX's default per language), a name or a directory
    diarization_model: str  # "resemblyzer", "none", or pyannote: a name (with hf_token) or a dir
    hf_token: str
    refine_timing: bool = True
    min_speakers: int | None = None
    max_speakers: int | None = None


def default_model_path() -> str:
    """Multilingual Whisper base, joined from pip packages into the model cache."""
    return str(embedded_model(Path(settings.MODEL_CACHE_DIR)))


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def config_from_settings(**overrides: Any) -> EngineConfig:
    device = resolve_device(settings.TRANSCRIBE_DEVICE)
    compute = settings.TRANSCRIBE_COMPUTE_TYPE
    if compute == "auto":
        compute = "float16" if device == "cuda" else "int8"
    config = EngineConfig(
        model=settings.TRANSCRIBE_MODEL or default_model_path(),
        device=device,
        compute_type=compute,
        batch_size=settings.TRANSCRIBE_BATCH_SIZE,
        cpu_threads=settings.TRANSCRIBE_CPU_THREADS or (os.cpu_count() or 2),
        align_model=settings.TRANSCRIBE_ALIGN_MODEL,
        diarization_model=settings.TRANSCRIBE_DIARIZATION_MODEL,
        hf_token=settings.TRANSCRIBE_HF_TOKEN,
        refine_timing=settings.TRANSCRIBE_REFINE_TIMING,
        min_speakers=settings.TRANSCRIBE_MIN_SPEAKERS,
        max_speakers=settings.TRANSCRIBE_MAX_SPEAKERS,
    )
    return replace(config, **overrides)


def model_label(model: str) -> str:
    """A short name for the transcript's engine field ("base", "large-v3")."""
    path = Path(model)
    if path.is_dir():
        try:
            import json

            name = json.loads((path / "config.json").read_text()).get("_name_or_path", "")
            if name:
                return str(name).rsplit("/", 1)[-1]
        except (OSError, ValueError):
            pass
        return path.name
    return model


def ensure_punkt() -> None:
    """WhisperX's aligner splits sentences with NLTK Punkt; offline, give it an untrained one."""
    import nltk

    try:
        nltk.data.find("tokenizers/punkt_tab/english/")
        return
    except LookupError:
        pass
    root = Path(settings.NLTK_DATA_DIR)
    english = root / "tokenizers" / "punkt_tab" / "english"
    english.mkdir(parents=True, exist_ok=True)
    for name in PUNKT_FILES:
        (english / name).touch()
    if str(root) not in nltk.data.path:
        nltk.data.path.append(str(root))


def pyannote_turns(table: Any) -> list[Turn]:
    """Turns from a pyannote pipeline's output (a table with start, end and speaker)."""
    return turns_from_table(table.to_dict("records") if hasattr(table, "to_dict") else table)


def read_audio(path: Path) -> Any:
    """Samples as float32 in [-1, 1]. Our own 16 kHz mono WAVs are read directly; anything
    else is decoded by ffmpeg through WhisperX."""
    import numpy as np

    try:
        with wave.open(str(path)) as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (SAMPLE_RATE, 1, 2):
                pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
                return pcm.astype(np.float32) / 32768.0
    except (wave.Error, EOFError):
        pass
    import whisperx

    return whisperx.load_audio(str(path))


class WhisperXEngine:
    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._decoding = threading.Lock()
        self._whisper: dict[str, Any] = {}
        self._pipelines: dict[str, Any] = {}
        self._aligners: dict[tuple[str, str], tuple[Any, Any] | str] = {}
        self._diarizer: Any | str | None = None

    # --- model loading (once per process) ----------------------------------------------------
    def whisper(self, model: str) -> Any:
        with self._lock:
            if model not in self._whisper:
                from whisperx.asr import WhisperModel  # faster-whisper plus batched decoding

                self._whisper[model] = WhisperModel(
                    model,
                    device=self.config.device,
                    compute_type=self.config.compute_type,
                    cpu_threads=self.config.cpu_threads,
                )
            return self._whisper[model]

    def _pipeline(self, model: str) -> Any:
        whisper = self.whisper(model)
        with self._lock:
            if model not in self._pipelines:
                import whisperx

                self._pipelines[model] = whisperx.load_model(
                    model,
                    self.config.device,
                    compute_type=self.config.compute_type,
                    model=whisper,
                    threads=self.config.cpu_threads,
                    vad_method="pyannote",
                )
            return self._pipelines[model]

    def _aligner(self, language: str) -> tuple[Any, Any] | str:
        """(model, metadata) for the language, or the reason there is none."""
        name = self.config.align_model
        if not name:
            return "no alignment model configured; word times come from Whisper"
        key = (name, language)
        with self._lock:
            if key not in self._aligners:
                import whisperx

                try:
                    self._aligners[key] = whisperx.load_align_model(
                        language, self.config.device, model_name=None if name == "auto" else name
                    )
                except Exception as exc:  # any loading failure degrades the same way
                    logger.warning("Alignment model %s unavailable: %s", name, exc)
                    self._aligners[key] = (
                        f"alignment model {name!r} unavailable for {language!r} "
                        f"({type(exc).__name__}); word times come from Whisper"
                    )
            return self._aligners[key]

    def _pyannote(self) -> Any | str:
        """The configured pyannote pipeline, or why there is none."""
        with self._lock:
            if self._diarizer is None:
                from whisperx.diarize import DiarizationPipeline

                name = self.config.diarization_model
                try:
                    self._diarizer = DiarizationPipeline(
                        model_name=name if name != "pyannote" else None,
                        token=self.config.hf_token or None,
                        device=self.config.device,
                    )
                except Exception as exc:
                    logger.warning("Diarization pipeline unavailable: %s", exc)
                    self._diarizer = (
                        f"pyannote pipeline {name!r} unavailable ({type(exc).__name__}); "
                        "speakers found by resemblyzer"
                    )
            return self._diarizer

    def find_speakers(
        self, audio_path: Path, speech: list[tuple[float, float]], options: TranscribeOptions
    ) -> SpeakersResult:
        """Speaker turns for speech already transcribed (the creator's words stay)."""
        started = time.perf_counter()
        turns, name, warnings = self.diarize(read_audio(audio_path), speech, options)
        return SpeakersResult(turns, name, warnings, {"diarize": time.perf_counter() - started})

    def diarize(
        self,
        audio: Any,
        spans: list[tuple[float, float]],
        options: TranscribeOptions,
        env: timing.Envelope | None = None,
    ) -> tuple[list[Turn], str, list[str]]:
        """Speaker turns, the name of what found them, and why anything degraded."""
        count = diarization.SpeakerCount(
            exact=options.num_speakers,
            minimum=options.min_speakers or self.config.min_speakers,
            maximum=options.max_speakers or self.config.max_speakers,
        )
        warnings: list[str] = []
        if self.config.diarization_model not in ("resemblyzer", ""):
            pipeline = self._pyannote()
            if not isinstance(pipeline, str):
                table = pipeline(
                    audio,
                    num_speakers=count.exact,
                    min_speakers=count.minimum,
                    max_speakers=count.maximum,
                )
                return pyannote_turns(table), "pyannote", warnings
            warnings.append(pipeline)
        try:
            turns = diarization.diarize(audio, spans, count, env)
            return turns, diarization.NAME, warnings
        except ImportError as exc:  # a worker installed without the diarization extra
            warnings.append(f"resemblyzer unavailable ({exc.name}); one speaker")
            return [], "none", warnings

    # --- the pipeline ------------------------------------------------------------------------
    def transcribe(
        self, audio_path: Path, options: TranscribeOptions, on_progress: ProgressCallback
    ) -> EngineResult:

        timings: dict[str, float] = {}
        warnings: list[str] = []
        model = options.model or self.config.model
        started = time.perf_counter()
        whisper = self.whisper(model)
        timings["load"] = time.perf_counter() - started

        audio = read_audio(audio_path)
        duration = len(audio) / SAMPLE_RATE
        language, detection = self._language(whisper, audio, options.language, model)
        hotwords, given = vocabulary.glossary(
            options.vocabulary, lambda text: len(whisper.hf_tokenizer.encode(text).ids)
        )
        if len(given) < len(options.vocabulary):
            warnings.append(
                f"the vocabulary was cut to its first {len(given)} of {len(options.vocabulary)} "
                f"terms ({vocabulary.MAX_PROMPT_TOKENS} tokens)"
            )

        started = time.perf_counter()
        aligner = self._aligner(language) if duration > 0 else "no audio"
        if isinstance(aligner, str):
            if duration > 0:
                snapped = " (snapped to pauses in the sound)" if self.config.refine_timing else ""
                warnings.append(aligner + snapped)
            segments = self._whisper_words(
                whisper, audio, language, duration, on_progress, hotwords
            )
            alignment = "whisper"
        else:
            segments = self._aligned_words(model, audio, language, aligner, on_progress, hotwords)
            alignment = "wav2vec2"
        timings["asr"] = time.perf_counter() - started
        for segment in segments:
            segment["words"] = graphemes.join_torn_letters(segment.get("words", []))

        words = [w for segment in segments for w in segment["words"] if w.get("start") is not None]
        started = time.perf_counter()
        env = timing.envelope(audio) if words else None  # shared by timing and diarization
        if alignment == "whisper" and self.config.refine_timing and env is not None:
            on_progress("aligning", 0)
            for segment in segments:  # Whisper's error drifts within one decoded window
                timing.refine_words(
                    env, [w for w in segment["words"] if w.get("start") is not None]
                )
            alignment = f"whisper+{timing.NAME}"
        timings["timing"] = time.perf_counter() - started

        started = time.perf_counter()
        speakers = "none"
        if options.diarize and words and self.config.diarization_model != "none":
            on_progress("diarizing", 0)
            spans = [(float(w["start"]), float(w["end"])) for w in words]
            turns, speakers, degraded = self.diarize(audio, spans, options, env)
            warnings += degraded
            if turns:
                segments = assign_speakers(segments, turns)
            on_progress("diarizing", 1)
        timings["diarize"] = time.perf_counter() - started

        started = time.perf_counter()
        expression = "none"
        if words:
            on_progress("analyzing", 0)
            pitched = prosody.analyze(audio, words)
            if pitched is None:
                warnings.append("too little audio to read the voice; words have no prosody")
            else:
                expression = prosody.NAME
                if pitched == 0:
                    warnings.append("no voiced frames; words have loudness and stretch, no pitch")
        timings["prosody"] = time.perf_counter() - started

        engine: Engine = {
            "name": "whisperx",
            "model": model_label(model),
            "alignment": alignment,
            "diarization": speakers,
            "prosody": expression,
        }
        if given:
            engine["vocabulary"] = given
        transcript = build_transcript(
            language=language, duration=duration, engine=engine, segments=segments
        )
        return EngineResult(transcript, warnings, timings, language_detection=detection)

    def _language(
        self, whisper: Any, audio: Any, requested: str, model: str
    ) -> tuple[str, LanguageDetection | None]:
        """The language to decode in, and what detection found when it was not given."""
        if requested and requested != "auto":
            return requested, None
        if not whisper.model.is_multilingual or model_label(model).endswith(".en"):
            return "en", None
        if len(audio) == 0:
            return "en", None
        language, probability, ranked = whisper.detect_language(audio, vad_filter=True)
        candidates = [
            LanguageCandidate(language=str(code), probability=round(float(p), 3))
            for code, p in ranked
            if code != language
        ][:LANGUAGE_CANDIDATES]
        detection: LanguageDetection = {
            "language": str(language),
            "probability": round(float(probability), 3),
            "candidates": candidates,
        }
        return str(language), detection

    def _whisper_words(
        self,
        whisper: Any,
        audio: Any,
        language: str,
        duration: float,
        on_progress: ProgressCallback,
        hotwords: str = "",
    ) -> list[dict[str, Any]]:
        if duration <= 0:
            return []
        pieces, _info = whisper.transcribe(
            audio, language=language, hotwords=hotwords or None, **WHISPER_DECODING
        )
        segments = []
        for piece in pieces:
            segments.append(
                {
                    "start": piece.start,
                    "end": piece.end,
                    "text": piece.text.strip(),
                    "words": graphemes.join_word_pieces(
                        [
                            {"word": w.word, "start": w.start, "end": w.end, "score": w.probability}
                            for w in (piece.words or [])
                        ],
                        language,
                    ),
                }
            )
            on_progress("transcribing", min(1.0, piece.end / duration))
        return segments

    def _aligned_words(
        self,
        model: str,
        audio: Any,
        language: str,
        aligner: tuple[Any, Any],
        on_progress: ProgressCallback,
        hotwords: str = "",
    ) -> list[dict[str, Any]]:
        import whisperx

        pipeline = self._pipeline(model)
        with self._decoding:  # the pipeline's options are shared: one job's words at a time
            pipeline.options = replace(pipeline.options, hotwords=hotwords or None)
            result = pipeline.transcribe(
                audio,
                batch_size=self.config.batch_size,
                language=language,
                progress_callback=lambda pct: on_progress("transcribing", pct / 100),
            )
        if not result["segments"]:
            return []
        ensure_punkt()
        align_model, metadata = aligner
        aligned = whisperx.align(
            result["segments"],
            align_model,
            metadata,
            audio,
            self.config.device,
            progress_callback=lambda pct: on_progress("aligning", pct / 100),
        )
        return list(aligned["segments"])


_engines: dict[EngineConfig, WhisperXEngine] = {}
_engines_lock = threading.Lock()


def engine_for(config: EngineConfig | None = None) -> WhisperXEngine:
    """The process-wide engine for a configuration (its models stay loaded between jobs)."""
    config = config or config_from_settings()
    with _engines_lock:
        if config not in _engines:
            _engines[config] = WhisperXEngine(config)
        return _engines[config]
