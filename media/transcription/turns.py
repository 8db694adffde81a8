"""Speaker turns and giving each word the speaker who covers most of it (any diarizer)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Turn:
    start: float
    end: float
    speaker: str


def turns_from_table(rows: Iterable[dict[str, Any]]) -> list[Turn]:
    """Turns from a pyannote-style table (rows with start, end, speaker), in time order."""
    turns = [Turn(float(r["start"]), float(r["end"]), str(r["speaker"])) for r in rows]
    return sorted(turns, key=lambda t: (t.start, t.end))


def speaker_at(turns: list[Turn], starts: list[float], start: float, end: float) -> str | None:
    """The speaker with the most overlap with [start, end]; the nearest turn if none overlaps."""
    if not turns:
        return None
    first = max(0, bisect.bisect_right(starts, start) - 1)
    overlap: dict[str, float] = {}
    index = first
    while index < len(turns) and turns[index].start < end:
        turn = turns[index]
        shared = min(end, turn.end) - max(start, turn.start)
        if shared > 0:
            overlap[turn.speaker] = overlap.get(turn.speaker, 0.0) + shared
        index += 1
    if overlap:
        return max(overlap, key=lambda s: overlap[s])
    middle = (start + end) / 2
    candidates = turns[max(0, first - 1) : first + 2]
    nearest = min(candidates, key=lambda t: max(t.start - middle, middle - t.end, 0.0))
    return nearest.speaker


def assign_speakers(segments: list[dict[str, Any]], turns: list[Turn]) -> list[dict[str, Any]]:
    """Each word takes the speaker who covers most of it; a segment where the speaker changes
    is split there, so a segment always has one speaker."""
    turns = sorted(turns, key=lambda t: (t.start, t.end))
    starts = [t.start for t in turns]
    out: list[dict[str, Any]] = []
    for segment in segments:
        current: dict[str, Any] | None = None
        for word in segment.get("words", []):
            if word.get("start") is not None and word.get("end") is not None:
                speaker = speaker_at(turns, starts, float(word["start"]), float(word["end"]))
                if speaker:
                    word["speaker"] = speaker
            if current is None or word.get("speaker") != current["speaker"]:
                current = {"speaker": word.get("speaker"), "words": []}
                out.append(current)
            current["words"].append(word)
    for piece in out:
        timed = [w for w in piece["words"] if w.get("start") is not None]
        piece["start"] = timed[0]["start"] if timed else None
        piece["end"] = timed[-1]["end"] if timed else None
        piece["text"] = " ".join(
            str(w.get("word", w.get("text", ""))).strip() for w in piece["words"]
        )
    return out
