"""Benchmark: a creator's vocabulary on real speech. Names heard right, words kept, unspoken
terms written in, and what the vocabulary costs the ASR stage.

    .venv/bin/python bench/vocabulary.py [--runs 3]

The recording is the real 112 s amateur-radio monologue `ve9qrp.wav` from Debian's
`codec2-examples` (noisy, 8 kHz, full of names). Each way of giving the words runs the warm
engine with the embedded defaults (Whisper base, int8, CPU), speakers off:
- none: no vocabulary;
- hotwords: the names as the engine gives them (faster-whisper `hotwords`, a glossary
  sentence before every 30 s window);
- initial prompt: the same sentence as Whisper's `initial_prompt` (faster-whisper directly,
  with the engine's other settings), which only steers the first window;
- unspoken terms: hotwords of eight names that are not in the recording.
"Words kept" counts the words of the no-vocabulary transcript (the names and their mishearings
excluded) found again, in order, in the other transcript: a vocabulary must not cost the words
it does not name. The ASR stage (the engine's decoding, nothing else) is timed in wall seconds
and in the process's CPU seconds (steadier on a shared machine), the median of `--runs` runs
with and without the names, taking turns.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")
RECORDING = Path("/usr/share/codec2/wav/ve9qrp.wav")
NAMES = ("VE9QRP", "Sackville", "Bay of Fundy", "Moncton", "Kenwood", "TS-2000", "Yagis", "Codec 2")
UNSPOKEN = (
    "Halifax",
    "Fredericton",
    "Yaesu",
    "Icom",
    "Mississauga",
    "Saskatoon",
    "Motorola",
    "Baofeng",
)


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s-]", " ", text.lower()).split()


def said(transcript_text: str, term: str) -> bool:
    """Whether the term is in the text as its own words, spelled as given (any case)."""
    return f" {' '.join(words(term))} " in f" {' '.join(words(transcript_text))} "


def kept(reference: list[str], other: list[str]) -> tuple[int, int]:
    """Words of `reference` that are not part of a name, and how many of them `other` keeps."""
    misheard = {"fundees", "monkton", "yaggies", "codec2", "ts2000", "e9", "qrp"}
    named = {w for name in NAMES for w in words(name)} | misheard
    matcher = difflib.SequenceMatcher(a=reference, b=other, autojunk=False)
    found = sum(
        1
        for block in matcher.get_matching_blocks()
        for w in reference[block.a : block.a + block.size]
        if w not in named
    )
    return found, sum(1 for w in reference if w not in named)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not RECORDING.exists():
        sys.exit(f"{RECORDING} is missing: run scripts/system-packages.sh test")

    import django

    django.setup()
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.vocabulary import GLOSSARY
    from media.transcription.whisperx_engine import WHISPER_DECODING, engine_for, read_audio

    engine = engine_for()
    whisper = engine.whisper(engine.config.model)
    audio = read_audio(RECORDING)

    def engine_text(vocabulary: tuple[str, ...]) -> str:
        result = engine.transcribe(
            RECORDING,
            TranscribeOptions(language="en", diarize=False, vocabulary=vocabulary),
            no_progress,
        )
        return " ".join(s["text"] for s in result.transcript["segments"])

    def asr_seconds(hotwords: str) -> tuple[float, float]:
        """Wall and CPU seconds of the engine's decoding alone."""
        wall, cpu = time.perf_counter(), time.process_time()
        engine._whisper_words(whisper, audio, "en", len(audio) / 16000, no_progress, hotwords)
        return time.perf_counter() - wall, time.process_time() - cpu

    def prompt_text() -> str:
        pieces, _info = whisper.transcribe(
            audio,
            language="en",
            initial_prompt=GLOSSARY.format(", ".join(NAMES)),
            **WHISPER_DECODING,
        )
        return " ".join(p.text.strip() for p in pieces)

    texts = {"none": engine_text(()), "hotwords": engine_text(NAMES)}  # models warm after
    texts["initial prompt"] = prompt_text()
    texts["unspoken terms"] = engine_text(UNSPOKEN)
    glossary = GLOSSARY.format(", ".join(NAMES))
    runs: dict[str, list[tuple[float, float]]] = {"none": [], "hotwords": []}
    for _ in range(args.runs):
        runs["none"].append(asr_seconds(""))
        runs["hotwords"].append(asr_seconds(glossary))

    reference = words(texts["none"])
    print(f"{RECORDING.name}, {len(audio) / 16000:.0f} s, names: {', '.join(NAMES)}")
    print(f"{'given as':<16}{'names right':>12}{'words kept':>14}{'unspoken written':>18}")
    for name, text in texts.items():
        right = sum(said(text, term) for term in NAMES)
        found, total = kept(reference, words(text))
        unspoken = [term for term in UNSPOKEN if said(text, term)]
        print(
            f"{name:<16}{right:>9} / {len(NAMES)}{found:>8} / {total}{len(unspoken):>14}"
            + (f"  ({', '.join(unspoken)})" if unspoken else "")
        )
    for name in ("hotwords", "initial prompt"):
        missed = [term for term in NAMES if not said(texts[name], term)]
        print(f"  {name} missed: {', '.join(missed) or 'none'}")
    wall = {name: statistics.median(r[0] for r in found) for name, found in runs.items()}
    cpu = {name: statistics.median(r[1] for r in found) for name, found in runs.items()}
    print(
        f"ASR stage, median of {args.runs}: wall {wall['none']:.1f} s -> {wall['hotwords']:.1f} s "
        f"({(wall['hotwords'] / wall['none'] - 1) * 100:+.0f} %); CPU "
        f"{cpu['none']:.1f} s -> {cpu['hotwords']:.1f} s "
        f"({(cpu['hotwords'] / cpu['none'] - 1) * 100:+.0f} %)"
    )
    print("\nwith hotwords:", texts["hotwords"])


if __name__ == "__main__":
    main()
