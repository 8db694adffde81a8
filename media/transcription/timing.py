"""Word boundaries snapped to the sound: Whisper's times refined by the energy envelope.

Whisper's cross-attention word times run early or late by 100-300 ms (a word often "starts"
where the previous one ended, swallowing the pause). The sound itself says better where a word
begins: after a pause, or at the dip between two words said without one. For every boundary
between two words (and the first word after silence) we look near Whisper's time for a pause
(frames well under the local speech level) or, failing that, a clear dip in the envelope, and
move the boundary there. Language independent, numpy only; words keep their order and never
overlap. A boundary with no pause or dip nearby keeps Whisper's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

RATE = 16_000
HOP = 0.01  # envelope resolution, seconds
WINDOW = 0.025
SILENCE_BELOW_DB = 28.0  # a frame this far under the nearby speech peak is a pause
FLOOR_BELOW_LOUDEST_DB = 60.0  # a frame this far under the recording's 99th percentile is silent
MIN_FLOOR_DB = -90.0
DIP_DEPTH_DB = 6.0  # a dip must sit this far under the peaks on both sides
SEARCH_BEFORE = 0.15  # Whisper is more often early than late: search asymmetrically
SEARCH_AFTER = 0.65
MIN_WORD = 0.06
DURATION_COST = 2.0  # per unit of |log(span / expected span)| of a word
LONG_PAUSE = 30  # frames: a pause this long inside a word's span is searched wherever it is
KEEP_COST = 1.5  # leaving Whisper's time costs as much as a weak dip gains
DISTANCE_COST = 1.0  # per second moved
DRIFT_COST = 4.0  # per second of change in the shift between neighbouring words
NAME = "energy"


@dataclass(frozen=True)
class Envelope:
    """Computed once per audio and shared by the timing and the diarization stages."""

    db: np.ndarray  # level per frame in dB
    silent: np.ndarray  # bool per frame
    duration: float  # seconds of audio

    def frame(self, seconds: float) -> int:
        return int(np.clip(round(seconds / HOP), 0, len(self.db) - 1))


def envelope(audio: np.ndarray) -> Envelope:
    """Level in dB per 10 ms frame and where it falls far under the speech around it."""
    hop, window = int(HOP * RATE), int(WINDOW * RATE)
    padded = np.pad(audio.astype(np.float64), (window // 2, window))
    count = max(1, len(audio) // hop)
    summed = np.concatenate(([0.0], np.cumsum(padded**2)))  # windowed sums in O(n) memory
    first = hop * np.arange(count)
    energy = np.maximum(summed[first + window] - summed[first], 0.0) / window
    return envelope_from_levels(10 * np.log10(energy + 1e-10), duration=len(audio) / RATE)


def envelope_from_levels(levels_db: np.ndarray, *, duration: float) -> Envelope:
    """The envelope of levels already measured per 10 ms frame (from the audio, or from the
    timeline's stored waveform when the audio is gone)."""
    db = np.convolve(levels_db, np.ones(3) / 3, mode="same")
    # The speech level around each frame: a running max over 1 s, so quiet speakers count.
    span = int(0.5 / HOP)
    padded_db = np.pad(db, span, mode="edge")
    local_peak = np.lib.stride_tricks.sliding_window_view(padded_db, 2 * span + 1).max(axis=1)
    # Absolute silence is relative to the recording's own loud frames, not to full scale, so a
    # quiet recording's soft syllables are not taken for pauses.
    loudest = float(np.percentile(db, 99)) if db.size else MIN_FLOOR_DB
    floor = max(loudest - FLOOR_BELOW_LOUDEST_DB, MIN_FLOOR_DB)
    silent = (db < local_peak - SILENCE_BELOW_DB) | (db < floor)
    return Envelope(db=db, silent=silent, duration=duration)


def _pauses(env: Envelope, lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs of silent frames [first, last + 1) inside frames lo..hi."""
    runs, start = [], None
    for i in range(lo, hi + 1):
        if env.silent[i] and start is None:
            start = i
        elif not env.silent[i] and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, hi + 1))
    return runs


def _dips(env: Envelope, lo: int, hi: int) -> list[tuple[int, float]]:
    """Local minima in lo..hi at least DIP_DEPTH_DB under the peaks on both sides, with depth."""
    reach = int(0.12 / HOP)
    found = []
    for i in range(max(lo, 1), min(hi, len(env.db) - 2) + 1):
        if env.silent[i] or not (env.db[i] <= env.db[i - 1] and env.db[i] < env.db[i + 1]):
            continue
        left = env.db[max(0, i - reach) : i].max(initial=env.db[i])
        right = env.db[i + 1 : i + 1 + reach].max(initial=env.db[i])
        depth = float(min(left, right) - env.db[i])
        if depth >= DIP_DEPTH_DB:
            found.append((i, depth))
    return found


def pause_strength(first: int, last: int) -> float:
    """How surely a pause of frames [first, last) separates two words."""
    return min((last - first) * HOP, 0.25) / 0.1


def dip_strength(depth: float) -> float:
    """How surely a dip `depth` dB deep separates two words said without a pause."""
    return min(depth, 18.0) / 12.0


def boundaries(env: Envelope, lo: int, hi: int) -> list[tuple[int, int, float]]:
    """Every place in frames lo..hi where a word may begin: (its first frame, the frame where
    the previous word ends, strength), from the pauses and the dips."""
    found = [(last, first, pause_strength(first, last)) for first, last in _pauses(env, lo, hi)]
    return found + [(frame, frame, dip_strength(depth)) for frame, depth in _dips(env, lo, hi)]


def _expected_spans(words: list[dict[str, Any]]) -> np.ndarray:
    """Start-to-start seconds each word should take for its length, at this speaker's pace
    (Whisper's own spans, per character, median over the segment)."""
    chars = np.array([len(str(w.get("text", w.get("word", "")))) + 1 for w in words], float)
    starts = np.array([float(w["start"]) for w in words])
    if len(words) < 3:
        return np.maximum(chars * 0.07, MIN_WORD)
    pace = float(np.median(np.diff(starts) / chars[:-1]))
    return np.maximum(chars * max(pace, 0.03), MIN_WORD)


@dataclass(frozen=True)
class Candidate:
    start: int  # frame where the word would start
    pause_start: int  # frame where the previous word would end
    cost: float  # lower is a more convincing boundary
    anchor: bool = False  # after a long pause: Whisper's drift says nothing about it


def _candidates(env: Envelope, start: float, end: float) -> list[Candidate]:
    near = start
    lo = env.frame(start - SEARCH_BEFORE)
    hi = env.frame(min(max(end - MIN_WORD, start), start + SEARCH_AFTER))
    found = [Candidate(env.frame(start), env.frame(start), KEEP_COST)]
    if hi <= lo:
        return found
    inside = env.frame(end - MIN_WORD)  # a long pause inside Whisper's word precedes it
    for first, last in _pauses(env, lo, max(hi, inside)):
        if last == lo or last > max(hi, inside) or (last > hi and last - first < LONG_PAUSE):
            continue
        strength = pause_strength(first, last)
        cost = DISTANCE_COST * abs(last * HOP - near) - strength
        found.append(Candidate(last, first, cost, anchor=last - first >= LONG_PAUSE))
    for frame, depth in _dips(env, lo, hi):
        strength = dip_strength(depth)
        found.append(Candidate(frame, frame, DISTANCE_COST * abs(frame * HOP - near) - strength))
    return found


def refine_words(env: Envelope, words: list[dict[str, Any]]) -> int:
    """Move word boundaries to the sound; returns how many word starts moved.

    A Viterbi pass over the words picks one boundary per word among the pauses and dips near
    Whisper's start (or Whisper's own time), trading how convincing each boundary is against
    how far it moves, how much the shift changes from one word to the next (Whisper's error
    drifts slowly; a stop consonant's closure inside a word does not follow the drift) and how
    far the word's span strays from what its length predicts at the segment's pace (a closure
    would make "captions" as short as "cap").
    `words` are dicts with float start/end, in order and not overlapping, edited in place;
    `env` is the whole audio's `envelope` (computed once, whatever the number of segments).
    """
    if not words or env.duration == 0:
        return 0
    options = [_candidates(env, float(w["start"]), float(w["end"])) for w in words]
    offsets = [
        [c.start * HOP - float(w["start"]) for c in cands]
        for w, cands in zip(words, options, strict=True)
    ]
    anchors = [np.array([c.anchor for c in cands]) for cands in options]
    expected = _expected_spans(words)
    total = [np.array([c.cost for c in options[0]])]
    back: list[np.ndarray] = []
    for i in range(1, len(words)):
        previous_starts = np.array([c.start for c in options[i - 1]])
        steps = []
        pointers = []
        for c, offset in zip(options[i], offsets[i], strict=True):
            drift = DRIFT_COST * np.abs(np.array(offsets[i - 1]) - offset)
            drift[anchors[i - 1]] = 0.0
            if c.anchor:
                drift[:] = 0.0
            span = np.maximum(c.start - previous_starts, 1) * HOP
            length = DURATION_COST * np.abs(np.log(span / expected[i - 1]))
            if c.anchor:
                length[:] = 0.0
            cost = total[-1] + drift + length
            cost[previous_starts * HOP + MIN_WORD > c.start * HOP] = np.inf
            best = int(np.argmin(cost))
            pointers.append(best)
            steps.append(cost[best] + c.cost)
        total.append(np.array(steps))
        back.append(np.array(pointers))
    choice = [int(np.argmin(total[-1]))]
    for pointers in reversed(back):
        choice.append(int(pointers[choice[-1]]))
    choice.reverse()
    if not np.isfinite(total[-1][choice[-1]]):
        return 0
    moved = 0
    for i, (word, k) in enumerate(zip(words, choice, strict=True)):
        picked = options[i][k]
        new_start = picked.start * HOP
        if abs(new_start - float(word["start"])) >= HOP:
            moved += 1
        word["start"] = round(new_start, 3)
        if i:
            previous = words[i - 1]
            previous["end"] = round(
                min(max(picked.pause_start * HOP, float(previous["start"]) + HOP), new_start), 3
            )
    for i, word in enumerate(words):
        following = float(words[i + 1]["start"]) if i + 1 < len(words) else env.duration
        word["end"] = round(min(max(float(word["end"]), float(word["start"]) + HOP), following), 3)
    return moved
