"""Words a creator typed, timed by the sound over the span they replace.

When "Needs" is retyped as "Neither did I." (or a run of words is replaced), the new words were
said somewhere in the replaced span: they are laid over the span's voiced frames in proportion
to their length (as the engine expects a word's span to follow its length), then their
boundaries are snapped to the pauses and dips of the sound by the engine's own refinement
(timing.refine_words). Silence at either end of the span stays silence: no word is stretched
over a pause, and the neighbours' times are never touched. Pure: numpy only, no ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ecg.parsers import finite_number
from media.transcription.timing import HOP, Envelope, envelope_from_levels, refine_words

MIN_WORD = 0.02  # seconds: the shortest word this lays down when the span is short


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
    weights = length_weights(texts)
    shares = np.cumsum(weights)[:-1] / weights.sum()
    # The k-th word starts where its share of the voiced frames begins: after a pause, not in it.
    firsts = np.concatenate(([voiced[0]], voiced[np.floor(shares * len(voiced)).astype(int)]))
    words = []
    for i, text in enumerate(texts):
        following = firsts[i + 1] if i + 1 < len(texts) else voiced[-1] + 1
        said = voiced[(voiced >= firsts[i]) & (voiced < following)]
        last = said[-1] + 1 if len(said) else firsts[i] + 1
        words.append({"text": text, "start": firsts[i] * HOP, "end": last * HOP})
    if len(words) > 1:
        refine_words(env, words)
    return _inside(words, start, end)


def _voiced_frames(env: Envelope, start: float, end: float) -> np.ndarray:
    lo, hi = round(start / HOP), min(round(end / HOP), len(env.silent))
    return lo + np.flatnonzero(~env.silent[lo:hi]) if hi > lo else np.array([], int)


def _by_length(start: float, end: float, texts: Sequence[str]) -> list[Placed]:
    weights = length_weights(texts)
    edges = start + (end - start) * np.concatenate(([0.0], np.cumsum(weights) / weights.sum()))
    return [
        Placed(text, round(float(a), 3), round(float(b), 3))
        for text, a, b in zip(texts, edges[:-1], edges[1:], strict=True)
    ]


def _inside(words: list[dict[str, float | str]], start: float, end: float) -> list[Placed]:
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
    env = envelope_from_levels(levels_db[first:last], duration=(last - first) * HOP)
    placed = place_words(env, start - offset, end - offset, texts)

    def inside(t: float) -> float:
        return round(min(max(t + offset, start), end), 3)

    return [Placed(p.text, inside(p.start), inside(p.end)) for p in placed]


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
    return float(value) if finite_number(value) and isinstance(value, int | float) else None
