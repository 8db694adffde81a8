"""Speech with exact word-level truth, built at test time with espeak-ng.

Each word is synthesized alone, its silence trimmed, and the words are laid on a timeline with
known gaps (sometimes none, within a turn and between turns) and known speakers. The tests and
`bench/transcribe.py` score a transcript against that truth: speaker agreement after the best
label mapping, and word-start error percentiles.
"""

from __future__ import annotations

import random
import re
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
MATCH_WINDOW = 1.5  # seconds: a recognized word further than this from the truth is not it
# Distinct espeak-ng voices (en-gb+f3 sounds exactly like en-gb: variants on one base differ).
VOICES = {
    "female": "en-us+f3",
    "male": "en-us+m3",
    "male2": "en-gb-x-rp+m7",
    "female2": "en-us+f4",
}

SCRIPT = (
    "welcome back everyone today we are talking about captions for short videos",
    "thanks for having me I have been waiting for this conversation all week",
    "most people watch with the sound off so the words carry the whole story",
    "right and the timing matters because a late word feels wrong immediately",
    "so how do you decide where a line should break on a vertical screen",
    "we measure every word in the real font and never cross the safe area",
    "that sounds like a lot of work for something viewers barely notice",
    "they notice when it is wrong and that is the whole point of doing it well",
    "what about two people talking over each other in the same clip",
    "then each word keeps the voice that spoke it and the colour follows",
    "I love that idea let us try it on the interview from yesterday",
    "perfect send me the file and I will run it before lunch tomorrow",
)

SPANISH_SCRIPT = (
    "buenos días a todos hoy hablamos de los subtítulos para vídeos cortos",
    "gracias por invitarme llevo toda la semana esperando esta conversación",
    "la mayoría de la gente mira sin sonido así que las palabras lo cuentan todo",
    "y el tiempo importa porque una palabra tarde se nota enseguida",
)


@dataclass(frozen=True)
class TruthWord:
    text: str
    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Conversation:
    path: Path
    words: list[TruthWord]
    duration: float

    @property
    def speakers(self) -> set[str]:
        return {w.speaker for w in self.words}


def _synthesize(voice: str, word: str, workdir: Path, speed: int) -> np.ndarray:
    target = workdir / f"w-{voice}-{speed}-{abs(hash(word))}.wav"
    if not target.exists():
        raw = target.with_suffix(".raw.wav")
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), word], check=True
        )
        convert = ["-ar", str(RATE), "-ac", "1", "-c:a", "pcm_s16le", str(target)]
        subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(raw), *convert], check=True
        )
    with wave.open(str(target)) as file:
        samples = np.frombuffer(file.readframes(file.getnframes()), dtype=np.int16)
    return _trim(samples.astype(np.float32) / 32768.0)


def _trim(samples: np.ndarray, threshold_db: float = -45.0) -> np.ndarray:
    """Cut leading and trailing silence: 5 ms frames more than 45 dB below the word's peak."""
    hop = RATE // 200
    frames = samples[: len(samples) // hop * hop].reshape(-1, hop)
    level = 20 * np.log10(np.sqrt((frames**2).mean(axis=1)) + 1e-9)
    loud = np.flatnonzero(level > level.max() + threshold_db)
    if loud.size == 0:
        return samples[:0]
    return samples[loud[0] * hop : (loud[-1] + 1) * hop]


def conversation(
    path: Path,
    voices: Sequence[str],
    *,
    script: Sequence[str] = SCRIPT,
    turns: int | None = None,
    seed: int = 7,
    speed: int = 165,
) -> Conversation:
    """Turns of `script` spoken in rotation by `voices` (espeak-ng voice names, one per speaker).

    Gaps inside a turn are 0-180 ms (a fifth of them none at all); between turns 0-600 ms
    (a quarter of the changes have no pause). Speakers are labelled A, B, C... by voice order.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test media, not secrets
    workdir = path.parent / "words"
    workdir.mkdir(parents=True, exist_ok=True)
    chunks: list[np.ndarray] = [np.zeros(int(0.4 * RATE), np.float32)]
    cursor = 0.4
    truth: list[TruthWord] = []
    lines = list(script)[: turns or len(script)]
    for turn, line in enumerate(lines):
        speaker = "ABCDEFGH"[turn % len(voices)]
        voice = voices[turn % len(voices)]
        if turn:
            gap = 0.0 if rng.random() < 0.25 else rng.uniform(0.15, 0.6)
            chunks.append(np.zeros(int(gap * RATE), np.float32))
            cursor += int(gap * RATE) / RATE
        for index, word in enumerate(line.split()):
            if index:
                gap = 0.0 if rng.random() < 0.2 else rng.uniform(0.03, 0.18)
                chunks.append(np.zeros(int(gap * RATE), np.float32))
                cursor += int(gap * RATE) / RATE
            samples = _synthesize(voice, word, workdir, speed)
            chunks.append(samples)
            truth.append(TruthWord(word, cursor, cursor + len(samples) / RATE, speaker))
            cursor += len(samples) / RATE
    chunks.append(np.zeros(int(0.6 * RATE), np.float32))
    audio = np.concatenate(chunks)
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(pcm.tobytes())
    return Conversation(path=path, words=truth, duration=len(pcm) / RATE)


def _normalized(text: str) -> str:
    return re.sub(r"[^\w']", "", text.lower())


def matched_words(
    transcript: Any, truth: Sequence[TruthWord]
) -> list[tuple[dict[str, Any], TruthWord]]:
    """Pairs (recognized word, true word): the longest in-order matching of equal texts less
    than MATCH_WINDOW seconds apart (a global alignment, so a repeated phrase cannot pair with
    its other occurrence)."""
    words = [w for s in transcript["segments"] for w in s["words"]]
    a = [_normalized(w["text"]) for w in words]
    b = [_normalized(t.text) for t in truth]
    table = np.zeros((len(a) + 1, len(b) + 1), dtype=np.int32)
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j] and abs(float(words[i]["start"]) - truth[j].start) < MATCH_WINDOW:
                table[i, j] = table[i + 1, j + 1] + 1
            else:
                table[i, j] = max(table[i + 1, j], table[i, j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j] and abs(float(words[i]["start"]) - truth[j].start) < MATCH_WINDOW:
            pairs.append((words[i], truth[j]))
            i, j = i + 1, j + 1
        elif table[i + 1, j] >= table[i, j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def speaker_agreement(pairs: Sequence[tuple[dict[str, Any], TruthWord]]) -> float:
    """Fraction of matched words with the right speaker, under the best one-to-one mapping."""
    from scipy.optimize import linear_sum_assignment

    found = sorted({w["speaker"] for w, _ in pairs})
    true = sorted({t.speaker for _, t in pairs})
    counts = np.zeros((len(found), len(true)))
    for word, truth in pairs:
        counts[found.index(word["speaker"]), true.index(truth.speaker)] += 1
    rows, cols = linear_sum_assignment(-counts)
    return float(counts[rows, cols].sum() / max(1, len(pairs)))


def start_errors(pairs: Sequence[tuple[dict[str, Any], TruthWord]]) -> np.ndarray:
    """Absolute word-start errors in seconds."""
    return np.array([abs(float(w["start"]) - t.start) for w, t in pairs])
