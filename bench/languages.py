"""Benchmark: which Whisper model to embed. Word error rate, detected language and time on
espeak-ng speech in English (two voices), German and Spanish.

    .venv/bin/python bench/languages.py [--compare MODEL_DIR ...]

Runs the real engine (WhisperX's faster-whisper path, CPU, int8) with the embedded default
model and with each `--compare` model directory (for example an English-only tiny.en). An
English-only model is only run on the English clips, with the language forced to English.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")

CLIPS = {
    "en (en-us)": (
        "en-us",
        "en",
        "Welcome back to the channel. Today we are building captions for every video that "
        "creators make, in many languages, with two or more people talking.",
    ),
    "en (en-us+f3)": (
        "en-us+f3",
        "en",
        "Thanks for having me. Let us talk about the weather in London and the price of "
        "coffee in the morning.",
    ),
    "de": (
        "de",
        "de",
        "Guten Morgen und willkommen zurück. Heute sprechen wir über das Wetter in Berlin und "
        "die Preise für Kaffee.",
    ),
    "es": (
        "es",
        "es",
        "Buenos días y bienvenidos de nuevo. Hoy hablamos del tiempo en Madrid y del precio del "
        "café por la mañana.",
    ),
}


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


def wer(reference: list[str], heard: list[str]) -> float:
    """Word error rate: edit distance over the reference length."""
    previous = list(range(len(heard) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(heard, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1] / max(len(reference), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", nargs="*", default=[], help="other model directories")
    args = parser.parse_args()

    import django

    django.setup()
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.whisperx_engine import (
        config_from_settings,
        default_model_path,
        engine_for,
        model_label,
    )

    workdir = Path(tempfile.mkdtemp(prefix="ecg-bench-languages-"))
    clips: dict[str, Path] = {}
    for name, (voice, _language, text) in CLIPS.items():
        path = workdir / f"{len(clips)}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text], check=True)
        clips[name] = path
    for model in [default_model_path(), *args.compare]:
        engine = engine_for(config_from_settings(model=model))
        english_only = not engine.whisper(model).model.is_multilingual
        print(f"model {model_label(model)} ({model}){', English only' if english_only else ''}")
        for name, (_voice, language, text) in CLIPS.items():
            if english_only and language != "en":
                continue
            options = TranscribeOptions(language="en" if english_only else "auto", diarize=False)
            started = time.perf_counter()
            result = engine.transcribe(clips[name], options, no_progress)
            elapsed = time.perf_counter() - started
            heard = [w["text"] for s in result.transcript["segments"] for w in s["words"]]
            error = wer(words(text), words(" ".join(heard)))
            print(
                f"  {name:14} detected {result.transcript['language']:3} "
                f"WER {error * 100:5.1f} %  {elapsed:5.2f} s"
            )


if __name__ == "__main__":
    main()
