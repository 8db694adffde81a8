"""Real human speech, from Debian packages, mixed into conversations with known speakers.

The recordings are installed at test time (`scripts/system-packages.sh test`), never committed:
- `pocketsphinx-testdata`: five LibriVox sentences by one man, with their transcripts;
- `codec2-examples`: a 112 s amateur-radio monologue (ve9qrp), Harvard sentences read in turn
  by a man and a woman (speech_orig_16k.wav, split here at the changes), and single sentences
  by other people (8 kHz).
`conversation` lays turns of these voices on a timeline with pauses between turns (a quarter
of the changes have none), sets the whole recording's speech to a given level and writes a
16 kHz WAV; its spans say who speaks when. `agreement` scores a transcript's speakers against
them. The voices' median F0 (autocorrelation) is noted beside each, to say why a sex is given.
"""

from __future__ import annotations

import functools
import random
import subprocess
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
CODEC2 = Path("/usr/share/codec2")
HARVARD = CODEC2 / "raw" / "speech_orig_16k.wav"
PAUSE = 0.25  # seconds of quiet that split a long recording into utterances
MAX_UTTERANCE = 12.0


@dataclass(frozen=True)
class Piece:
    """A stretch of one recording spoken by one person (end None: to the end of the file)."""

    path: Path
    start: float = 0.0
    end: float | None = None
    text: str = ""


@dataclass(frozen=True)
class Voice:
    name: str
    sex: str  # "male" or "female"
    pieces: tuple[Piece, ...]


def _librivox(number: str, text: str) -> Piece:
    return Piece(LIBRIVOX / f"sense_and_sensibility_01_austen_64kb-{number}.wav", text=text)


def _codec2(name: str) -> tuple[Piece, ...]:
    return (Piece(CODEC2 / "wav" / f"{name}.wav"),)


VOICES: dict[str, Voice] = {
    voice.name: voice
    for voice in (
        Voice(  # F0 ~95 Hz, 25 s, 16 kHz
            "librivox",
            "male",
            (
                _librivox(
                    "0870",
                    "and mister john dashwood had then leisure to consider how much there might "
                    "be prudently in his power to do for them",
                ),
                _librivox("0880", "he was not an ill disposed young man"),
                _librivox(
                    "0890",
                    "unless to be rather cold hearted and rather selfish is to be ill disposed",
                ),
                _librivox(
                    "0920",
                    "had he married a more amiable woman he might have been made still more "
                    "respectable than he was",
                ),
                _librivox("0930", "he might even have been made amiable himself"),
            ),
        ),
        Voice("ve9qrp", "male", _codec2("ve9qrp")),  # F0 ~84 Hz, 112 s radio monologue, noisy
        Voice("vk5qi", "male", _codec2("vk5qi")),  # F0 ~112 Hz, 13.5 s
        Voice(  # F0 ~125 Hz, 16 kHz, two sentences
            "harvard-man", "male", (Piece(HARVARD, 0.0, 2.5), Piece(HARVARD, 5.65, 7.9))
        ),
        Voice(  # F0 ~235 Hz, 16 kHz, two sentences
            "harvard-woman", "female", (Piece(HARVARD, 2.5, 5.65), Piece(HARVARD, 7.9, None))
        ),
        Voice("mmt1", "male", _codec2("mmt1")),  # F0 ~108 Hz, 4 s
        Voice("hts1a", "male", _codec2("hts1a")),  # F0 ~118 Hz, 3 s
        Voice("hts2a", "female", _codec2("hts2a")),  # F0 ~172 Hz, 3 s
        Voice("morig", "male", _codec2("morig")),  # F0 ~114 Hz, 2 s
        Voice("forig", "female", _codec2("forig")),  # F0 ~182 Hz, 1.6 s
        Voice("big_dog", "male", _codec2("big_dog")),  # F0 ~83 Hz, 2.5 s
    )
}


def require() -> None:
    """Fail with the command to run when the packages holding the recordings are missing."""
    missing = [p.path for v in VOICES.values() for p in v.pieces if not p.path.exists()]
    if missing:
        raise RuntimeError(
            f"Real speech recordings missing ({missing[0]}): run `scripts/system-packages.sh test` "
            "(Debian packages pocketsphinx-testdata and codec2-examples)."
        )


@functools.cache
def _decoded(path: Path) -> np.ndarray:
    pcm = subprocess.run(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-i", str(path)),
            *("-ar", str(RATE), "-ac", "1", "-f", "s16le", "-"),
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0


def _levels(samples: np.ndarray, hop: int = RATE // 100) -> np.ndarray:
    frames = samples[: len(samples) // hop * hop].reshape(-1, hop)
    return 20 * np.log10(np.sqrt((frames**2).mean(axis=1)) + 1e-9)


def _speech_runs(samples: np.ndarray) -> list[tuple[int, int]]:
    """[first, last) 10 ms frames of speech between pauses of at least PAUSE seconds."""
    db = _levels(samples)
    if not len(db):
        return []
    # quiet: under the middle of the noise floor (10th percentile) and the speech (95th)
    loud = db > (np.percentile(db, 10) + np.percentile(db, 95)) / 2
    frames = np.flatnonzero(loud)
    if not len(frames):
        return []
    runs, first, last = [], int(frames[0]), int(frames[0])
    for frame in frames[1:].tolist():
        if frame - last > PAUSE * 100:
            runs.append((first, last + 1))
            first = frame
        last = frame
    runs.append((first, last + 1))
    return runs


@functools.cache
def utterances(name: str) -> tuple[np.ndarray, ...]:
    """The voice's speech cut at its pauses into utterances of at most MAX_UTTERANCE seconds,
    each trimmed of the silence around it (a short recording is one utterance)."""
    hop = RATE // 100
    out: list[np.ndarray] = []
    for piece in VOICES[name].pieces:
        end = None if piece.end is None else int(piece.end * RATE)
        audio = _decoded(piece.path)[int(piece.start * RATE) : end]
        runs = _speech_runs(audio)
        joined: list[tuple[int, int]] = []
        for first, last in runs:  # runs of one utterance until it would grow too long
            if joined and (last - joined[-1][0]) <= MAX_UTTERANCE * 100:
                joined[-1] = (joined[-1][0], last)
            else:
                joined.append((first, last))
        out += [audio[max(0, first - 5) * hop : (last + 5) * hop] for first, last in joined]
    return tuple(u for u in out if len(u) >= RATE // 2)


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    speaker: str  # the voice's name


@dataclass(frozen=True)
class RealConversation:
    path: Path
    spans: list[Span]
    duration: float
    level_dbfs: float

    @property
    def speakers(self) -> set[str]:
        return {s.speaker for s in self.spans}

    def speaker_at(self, start: float, end: float) -> str | None:
        """The voice speaking over most of [start, end], None if nobody is."""
        overlap: dict[str, float] = {}
        for span in self.spans:
            shared = min(end, span.end) - max(start, span.start)
            if shared > 0:
                overlap[span.speaker] = overlap.get(span.speaker, 0.0) + shared
        return max(overlap, key=lambda s: overlap[s]) if overlap else None


def speech_rms_dbfs(samples: np.ndarray, spans: Sequence[Span]) -> float:
    inside = np.concatenate([samples[int(s.start * RATE) : int(s.end * RATE)] for s in spans])
    return float(20 * np.log10(np.sqrt(np.mean(inside.astype(np.float64) ** 2)) + 1e-12))


def conversation(
    path: Path,
    turns: Sequence[str | tuple[str, float]],
    *,
    level_dbfs: float = -20.0,
    seed: int = 7,
) -> RealConversation:
    """Turns spoken by real voices, one after the other, written as a 16 kHz WAV at `path`.

    A turn is a voice's name (one utterance) or (name, seconds): utterances of that voice until
    the turn holds at least that much speech. Each voice goes on through its own utterances in
    order, from the first again when they run out. Pauses inside a turn are 0.15-0.5 s; between
    turns 0-0.8 s, a quarter of the changes have none. The speech of the whole recording (its
    RMS over the spans) is set to `level_dbfs`; a level whose peaks would clip is limited
    softly (tanh), as a loud master would be.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test media, not secrets
    cursor: dict[str, int] = {}
    chunks: list[np.ndarray] = [np.zeros(int(0.5 * RATE), np.float32)]
    at = len(chunks[0])
    spans: list[Span] = []
    for index, turn in enumerate(turns):
        name, seconds = (turn, 0.0) if isinstance(turn, str) else turn
        said = utterances(name)
        if not said:
            raise ValueError(f"voice {name!r} has no utterance")
        if index:
            gap = 0.0 if rng.random() < 0.25 else rng.uniform(0.2, 0.8)
            chunks.append(np.zeros(int(gap * RATE), np.float32))
            at += len(chunks[-1])
        length = 0
        while length == 0 or length < seconds * RATE:
            if length:
                chunks.append(np.zeros(int(rng.uniform(0.15, 0.5) * RATE), np.float32))
                at += len(chunks[-1])
            utterance = said[cursor.get(name, 0) % len(said)]
            cursor[name] = cursor.get(name, 0) + 1
            chunks.append(utterance)
            spans.append(Span(at / RATE, (at + len(utterance)) / RATE, name))
            at += len(utterance)
            length += len(utterance)
    chunks.append(np.zeros(int(0.6 * RATE), np.float32))
    audio = np.concatenate(chunks).astype(np.float64)
    audio *= 10 ** ((level_dbfs - speech_rms_dbfs(audio, spans)) / 20)
    if np.abs(audio).max() > 0.9:
        audio = np.tanh(audio)
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(pcm.tobytes())
    measured = speech_rms_dbfs(pcm.astype(np.float32) / 32768.0, spans)
    return RealConversation(path=path, spans=spans, duration=len(pcm) / RATE, level_dbfs=measured)


def schedule(
    shares: Mapping[str, float],
    seconds: float,
    *,
    seed: int = 7,
    turn: tuple[float, float] = (4, 20),
) -> list[tuple[str, float]]:
    """Turns for `conversation` holding about `seconds` of speech, each voice's part in
    proportion to its share, in a random order with no voice twice in a row; each turn lasts
    `turn` seconds (low, high) at most, less for a voice with little left to say."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test media, not secrets
    total = sum(shares.values())
    left = {name: seconds * share / total for name, share in shares.items()}
    turns: list[tuple[str, float]] = []
    while any(v > 0.5 for v in left.values()):
        choices = [n for n, v in left.items() if v > 0.5 and (not turns or n != turns[-1][0])]
        if not choices:  # only the last speaker has speech left: let them go on
            choices = [turns[-1][0]]
        name = rng.choices(choices, weights=[left[n] for n in choices])[0]
        length = min(left[name], rng.uniform(*turn))
        turns.append((name, length))
        left[name] -= length
    return turns


def agreement(transcript: dict[str, Any], truth: RealConversation) -> tuple[float, int]:
    """(fraction of words with the right speaker under the best one-to-one mapping of found to
    true speakers, words scored): a word is scored when a true speaker covers most of it."""
    from scipy.optimize import linear_sum_assignment

    scored: list[tuple[str, str]] = []
    for segment in transcript["segments"]:
        for word in segment["words"]:
            if word.get("start") is None or not word.get("speaker"):
                continue
            true = truth.speaker_at(float(word["start"]), float(word["end"]))
            if true is not None:
                scored.append((str(word["speaker"]), true))
    if not scored:
        return 0.0, 0
    found = sorted({f for f, _ in scored})
    true_names = sorted({t for _, t in scored})
    counts = np.zeros((len(found), len(true_names)))
    for f, t in scored:
        counts[found.index(f), true_names.index(t)] += 1
    rows, cols = linear_sum_assignment(-counts)
    return float(counts[rows, cols].sum() / len(scored)), len(scored)


def as_video(truth: RealConversation, path: Path) -> Path:
    """The conversation as a small H.264 + AAC video (a test pattern), for the upload path."""
    subprocess.run(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi"),
            *("-i", "testsrc2=size=320x180:rate=10", "-i", str(truth.path), "-shortest"),
            *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-b:a", "96k", str(path)),
        ],
        check=True,
    )
    return path
