"""Words a creator typed, timed by the sound over the span they replace.

When "Needs" is retyped as "Neither did I." (or a run of words is replaced), the new words were
said somewhere in the replaced span. Its voiced frames are shared between them: each word
should take about its length's share (characters and a gap, as the engine expects a word's
span to follow its length), and the boundaries are chosen, over the whole span at once, among
the pauses and dips of the sound that the engine snaps to (timing.boundaries, with the engine's
strengths and duration cost; a boundary the sound does not show costs the engine's KEEP_COST).
Silence at either end of the span stays silence, no word is stretched over a pause, and the
neighbours' times are never touched. Pure: numpy only, no ORM.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from media.transcription.timing import (
    DURATION_COST,
    HOP,
    KEEP_COST,
    Envelope,
    boundaries,
    envelope_from_levels,
)

MIN_WORD = 0.02  # seconds: the shortest word this lays down when the span is short
MIN_RUN = 3  # frames: shorter runs of sound are not words
SEARCH_BUDGET = 4_000_000  # words x candidates²: about 50 ms of choosing boundaries


@dataclass(frozen=True)
class Placed:
    text: str
    start: float
    end: float


def length_weights(texts: Sequence[str]) -> np.ndarray:
    """How much time each word takes, relatively: its characters and a gap."""
    return np.array([len(text) + 1 for text in texts], dtype=float)


def place_words(
    env: Envelope | None, start: float, end: float, texts: Sequence[str]
) -> list[Placed]:
    """`texts` timed over [start, end]: by the sound when `env` (the audio's envelope) shows
    speech there, else in proportion to their length. Words are in order, do not overlap and
    stay inside the span."""
    if not texts:
        return []
    end = max(end, start)
    voiced = _voiced_frames(env, start, end) if env is not None else np.array([], int)
    if env is None or len(voiced) < len(texts):
        return _by_length(start, end, texts)
    first, stop = int(voiced[0]), int(voiced[-1]) + 1
    weights = length_weights(texts)
    shares = np.cumsum(weights)[:-1] / weights.sum()
    # Where each word would begin by its length alone, then every pause and dip of the span.
    # A boundary the sound does not show costs what it costs the engine (KEEP_COST).
    guesses = [
        (int(f), int(f), -KEEP_COST) for f in voiced[np.floor(shares * len(voiced)).astype(int)]
    ]
    found = _distinct(
        [b for b in boundaries(env, first + 1, stop - 1) if first < b[1] and b[0] < stop]
    )
    candidates = guesses + found
    if len(texts) * len(candidates) ** 2 <= SEARCH_BUDGET:
        edges = _split(env, first, stop, weights / weights.sum() * len(voiced), candidates)
    else:  # a long run (a client saving a whole transcript without times): by the shares alone
        begins = [first] + [begin for begin, _end, _strength in guesses]
        edges = list(zip(begins, [*begins[1:], stop], strict=True))
    words = [
        {"text": text, "start": a * HOP, "end": b * HOP}
        for text, (a, b) in zip(texts, edges, strict=True)
    ]
    return _inside(words, start, end)


DIP_NEAR_PAUSE = 12  # frames: a dip this close to a pause is a word fading into it or out of it


def _distinct(found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The pauses, and the dips that are not next to one (where the dip's depth is measured
    against the next word across the pause, so a word's own fading looks like a boundary)."""
    pauses = [(silent, resumes) for resumes, silent, _ in found if resumes != silent]

    def near_pause(frame: int) -> bool:
        return any(
            silent - DIP_NEAR_PAUSE <= frame < resumes + DIP_NEAR_PAUSE
            for silent, resumes in pauses
        )

    return [b for b in found if b[0] != b[1] or not near_pause(b[0])]


def _split(
    env: Envelope,
    first: int,
    stop: int,
    expected: np.ndarray,
    candidates: list[tuple[int, int, float]],
) -> list[tuple[int, int]]:
    """Frames [start, end) of each word over frames first..stop: the boundaries among
    `candidates` (word start, previous word's end, strength) that best trade the boundaries'
    strength against each word's voiced length straying from `expected` (the engine's costs)."""
    n = len(expected)
    if n == 1:
        return [(first, stop)]
    best: dict[int, tuple[int, float]] = {}
    for begin, previous_end, strength in candidates:
        if begin not in best or best[begin][1] < strength:
            best[begin] = (previous_end, strength)
    frames = np.array(sorted(best))
    ends = np.array([best[f][0] for f in frames])
    strengths = np.array([best[f][1] for f in frames])
    said = np.concatenate(([0], np.cumsum(~env.silent)))  # voiced frames before each frame

    def length_cost(word: int, begins: np.ndarray, finishes: np.ndarray) -> np.ndarray:
        count = said[finishes] - said[begins]
        cost = DURATION_COST * np.abs(np.log(np.maximum(count, 1) / expected[word]))
        return np.where((count >= 1) & (finishes > begins), cost, np.inf)

    # total[k]: the best cost of the words so far, the latest starting at candidate k
    total = length_cost(0, np.full(len(frames), first), ends) - strengths
    back = []
    for word in range(1, n - 1):
        steps = total[:, None] + length_cost(word, frames[:, None], ends[None, :])
        pick = np.argmin(steps, axis=0)
        back.append(pick)
        total = steps[pick, np.arange(len(frames))] - strengths
    last = total + length_cost(n - 1, frames, np.full(len(frames), stop))
    if not np.isfinite(last).any():
        return _even_frames(first, stop, n)
    chosen = [int(np.argmin(last))]
    for pick in reversed(back):
        chosen.append(int(pick[chosen[-1]]))
    chosen.reverse()
    begins = [first] + [int(frames[k]) for k in chosen]
    finishes = [int(ends[k]) for k in chosen] + [stop]
    return list(zip(begins, finishes, strict=True))


def _even_frames(first: int, stop: int, n: int) -> list[tuple[int, int]]:
    cuts = np.linspace(first, stop, n + 1).astype(int)
    return [(int(a), int(b)) for a, b in itertools.pairwise(cuts)]


def _voiced_frames(env: Envelope, start: float, end: float) -> np.ndarray:
    """Frames of sound in [start, end), without islands shorter than a word could be (the
    neighbour's last frame at the span's edge, a click)."""
    lo, hi = round(start / HOP), min(round(end / HOP), len(env.silent))
    if hi <= lo:
        return np.array([], int)
    voiced = np.concatenate(([False], ~env.silent[lo:hi], [False]))
    changes = np.flatnonzero(np.diff(voiced.astype(int)))  # run starts and ends, in pairs
    runs = [(a, b) for a, b in zip(changes[::2], changes[1::2], strict=True) if b - a >= MIN_RUN]
    return lo + np.concatenate([np.arange(a, b) for a, b in runs] or [np.array([], int)])


def _by_length(start: float, end: float, texts: Sequence[str]) -> list[Placed]:
    weights = length_weights(texts)
    edges = start + (end - start) * np.concatenate(([0.0], np.cumsum(weights) / weights.sum()))
    return [
        Placed(text, round(float(a), 3), round(float(b), 3))
        for text, a, b in zip(texts, edges[:-1], edges[1:], strict=True)
    ]


def _inside(words: list[dict[str, Any]], start: float, end: float) -> list[Placed]:
    """The refined words kept in order inside [start, end] (refinement may look past it)."""
    room = min(MIN_WORD, (end - start) / len(words))
    placed: list[Placed] = []
    for i, word in enumerate(words):
        latest = end - (len(words) - i) * room  # leave room for the words after it
        floor = placed[-1].start + room if placed else start
        begin = round(min(max(float(word["start"]), floor, start), latest), 3)
        if placed and placed[-1].end > begin:
            placed[-1] = Placed(placed[-1].text, placed[-1].start, begin)
        finish = min(max(float(word["end"]), begin + room), end)
        placed.append(Placed(str(word["text"]), round(begin, 3), round(finish, 3)))
    return placed


CONTEXT = 1.5  # seconds of sound read around a span: the envelope's local speech level needs 0.5


def place_words_by_waveform(
    levels_db: np.ndarray, start: float, end: float, texts: Sequence[str]
) -> list[Placed]:
    """`place_words` on the timeline's stored waveform (waveform.read_levels, one level per
    10 ms), reading only the stretch around the span: an hour's waveform is 360,000 frames."""
    first = max(0, int((start - CONTEXT) / HOP))
    last = min(len(levels_db), int((end + CONTEXT) / HOP) + 1)
    if last - first < 3:
        return _by_length(start, end, texts)
    offset = first * HOP
    # A peak per 10 ms shows a stop consonant's closure deeper than the engine's 25 ms windows
    # of energy do: the peaks' energy is averaged over 30 ms first, as those windows would.
    energy = np.convolve(10 ** (levels_db[first:last] / 10), np.ones(3) / 3, mode="same")
    env = envelope_from_levels(10 * np.log10(energy + 1e-10), duration=(last - first) * HOP)
    placed = place_words(env, start - offset, end - offset, texts)

    def inside(t: float) -> float:
        return round(min(max(t + offset, start), end), 3)

    return [Placed(p.text, inside(p.start), inside(p.end)) for p in placed]


def has_untimed_words(transcript: Any) -> bool:
    """Whether any word or segment of `transcript` (not yet validated) comes without times."""
    segments = transcript.get("segments") if isinstance(transcript, dict) else None
    return isinstance(segments, list) and any(
        _untimed(s) or any(_untimed(w) for w in s["words"])
        for s in segments
        if isinstance(s, dict) and isinstance(s.get("words"), list)
    )


def _untimed(word: Any) -> bool:
    return isinstance(word, dict) and word.get("start") is None and word.get("end") is None


def time_untimed_words(transcript: dict[str, Any], levels_db: np.ndarray | None) -> dict[str, Any]:
    """A transcript whose words without times (a creator's or a client's typed words: `start`
    and `end` null or absent) are timed by the sound between their timed neighbours, and whose
    segments holding them (or sent without times) start and end with their words. Anything
    malformed is left as it is, for validation to report."""
    segments = transcript.get("segments")
    if not isinstance(segments, list) or not all(
        isinstance(s, dict) and isinstance(s.get("words"), list) for s in segments
    ):
        return transcript
    segments = [
        {**s, "words": [dict(w) if isinstance(w, dict) else w for w in s["words"]]}
        for s in segments
    ]
    words = [w for s in segments for w in s["words"]]
    duration = transcript.get("duration")
    ceiling_of_all = float(duration) if isinstance(duration, int | float) else 0.0
    i = 0
    while i < len(words):
        if not _untimed(words[i]):
            i += 1
            continue
        j = i
        while j < len(words) and _untimed(words[j]):
            j += 1
        floor = _time_of(words[i - 1], "end") if i else 0.0
        ceiling = _time_of(words[j], "start") if j < len(words) else ceiling_of_all
        if (
            floor is not None
            and ceiling is not None
            and all(isinstance(w.get("text"), str) and w["text"].strip() for w in words[i:j])
        ):
            texts = [w["text"] for w in words[i:j]]
            if levels_db is None:
                placed = place_words(None, floor, max(floor, ceiling), texts)
            else:
                placed = place_words_by_waveform(levels_db, floor, max(floor, ceiling), texts)
            for word, timed in zip(words[i:j], placed, strict=True):
                word["start"], word["end"] = timed.start, timed.end
        i = j
    for segment, before in zip(segments, transcript["segments"], strict=True):
        edges = segment["words"][:1] + segment["words"][-1:]
        retimed = _untimed(before) or any(_untimed(w) for w in before["words"])
        if retimed and edges and all(isinstance(w, dict) for w in edges):
            segment["start"], segment["end"] = edges[0].get("start"), edges[-1].get("end")
    return {**transcript, "segments": segments}


def _time_of(word: Any, key: str) -> float | None:
    value = word.get(key) if isinstance(word, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)
