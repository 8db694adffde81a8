"""Benchmark: words a creator retyped, timed by the sound (media/transcription/placing.py).

    .venv/bin/python bench/retype.py [--cache DIR] [--sizes 2 3 4]

A retyped run is simulated from a transcript: k consecutive words of a segment are taken as one
word the recognizer heard over their whole span ("Needs" for "Neither did I."), and the creator
types the k words back. Each way of timing the typed words is scored by where its words start
against where the reference times them (the first word starts at the span's start in every
way, so only the 2nd..k-th words count):
- even: the editor before this change (the span split evenly between the words);
- length: in proportion to the words' lengths, without the sound;
- sound (audio): placed over the voiced frames and snapped, on the audio's envelope;
- sound (waveform): the same on the stored waveform's peaks, as the server does on save.
Recordings: two real ones from codec2-examples (a 112 s radio monologue, Harvard sentences by
a man and a woman) with WhisperX's word times as reference, and an espeak-ng conversation
with exact truth as reference. Reported: median and 90th percentile of the start error, and
the share of words starting within 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")
REAL = {
    "radio monologue (real)": Path("/usr/share/codec2/wav/ve9qrp.wav"),
    "Harvard sentences (real)": Path("/usr/share/codec2/raw/speech_orig_16k.wav"),
}
Run = tuple[float, float, list[str], list[float]]  # span, texts, reference starts
Placer = Callable[[float, float, list[str]], list[float]]  # span, texts -> starts
METHODS = ("even", "length", "sound (audio)", "sound (waveform)")


def runs(words: Sequence[dict[str, Any]], size: int) -> list[Run]:
    """Non-overlapping runs of `size` consecutive words."""
    found = []
    for i in range(0, len(words) - size + 1, size):
        chunk = words[i : i + size]
        texts = [str(w["text"]) for w in chunk]
        found.append((chunk[0]["start"], chunk[-1]["end"], texts, [w["start"] for w in chunk]))
    return found


def errors(place: Placer, cases: list[Run]) -> np.ndarray:
    out = []
    for start, end, texts, truth in cases:
        starts = place(start, end, texts)
        out += [abs(a - b) for a, b in zip(starts[1:], truth[1:], strict=True)]
    return np.array(out)


def timings(env: Any, levels: np.ndarray) -> dict[str, Placer]:
    """Each way of timing typed words over a span: their starts."""
    from media.transcription.placing import place_words, place_words_by_waveform

    return {
        "even": lambda s, e, t: [s + i * (e - s) / len(t) for i in range(len(t))],
        "length": lambda s, e, t: [p.start for p in place_words(None, s, e, t)],
        "sound (audio)": lambda s, e, t: [p.start for p in place_words(env, s, e, t)],
        "sound (waveform)": lambda s, e, t: [
            p.start for p in place_words_by_waveform(levels, s, e, t)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, help="keep the WhisperX transcripts here")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4])
    args = parser.parse_args()

    import django

    django.setup()
    from media.tests.speech import VOICES, conversation
    from media.transcription.audio import extract_audio
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.timing import envelope
    from media.transcription.waveform import read_levels, write_peaks
    from media.transcription.whisperx_engine import config_from_settings, engine_for, read_audio

    workdir = args.cache or Path(tempfile.mkdtemp(prefix="ecg-bench-retype-"))
    workdir.mkdir(parents=True, exist_ok=True)
    engine = engine_for(config_from_settings())

    def whisperx_words(name: str, wav: Path) -> list[dict[str, Any]]:
        cached = workdir / f"{name}.json"
        if not cached.exists():
            options = TranscribeOptions(language="en", diarize=False)
            result = engine.transcribe(wav, options, no_progress)
            cached.write_text(json.dumps(result.transcript))
        transcript = json.loads(cached.read_text())
        return [w for s in transcript["segments"] for w in s["words"]]

    sources: list[tuple[str, Path, list[list[dict[str, Any]]]]] = []
    for label, path in REAL.items():
        wav = workdir / f"{path.stem}.wav"
        extract_audio(path, wav)
        sources.append((label, wav, [whisperx_words(path.stem, wav)]))
    talk = conversation(workdir / "espeak.wav", [VOICES["female"], VOICES["male"]], seed=23)
    truth = [{"text": w.text, "start": w.start, "end": w.end} for w in talk.words]
    sources.append(("espeak-ng conversation (exact truth)", talk.path, [truth]))

    print(f"{'recording':38} {'k':>2} {'words':>5}  " + "  ".join(f"{m:>24}" for m in METHODS))
    for label, wav, (words,) in sources:
        audio = read_audio(wav)
        env = envelope(audio)
        peaks = workdir / f"{wav.stem}.peaks"
        write_peaks(wav, peaks)
        levels, _per_second = read_levels(peaks.read_bytes())
        methods = timings(env, levels)
        for size in args.sizes:
            cases = runs(words, size)
            cells = []
            for name in METHODS:
                found = errors(methods[name], cases) * 1000
                within = float((found <= 100).mean() * 100)
                cells.append(
                    f"{np.median(found):5.0f} / {np.percentile(found, 90):4.0f} ms {within:3.0f} %"
                )
            count = len(cases) * (size - 1)
            print(f"{label:38} {size:>2} {count:>5}  " + "  ".join(f"{c:>24}" for c in cells))
    print("cells: median / p90 start error of the 2nd..k-th words, share within 100 ms")


if __name__ == "__main__":
    main()
