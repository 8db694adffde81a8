"""Finding the speakers again on a transcript the creator has edited: new turns are laid over the
current words (text and times untouched), and the new speakers take the old ids, names and
colours where they overlap most, so "Sam" stays Sam. Pure: no ORM, no engine."""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any

from ecg.errors import DomainError, ErrorCode
from ecg.parsers import finite_number
from media.transcription.schema import MAX_WORDS
from media.transcription.turns import Turn, assign_speakers, speaker_at

MAX_TURNS = 100_000
SPEAKER_ID = re.compile(r"SPEAKER_\d{2,3}")


def speech_spans(transcript: dict[str, Any]) -> list[list[float]]:
    """Where the transcript's words are: the speech a diarizer should listen to."""
    return [[w["start"], w["end"]] for s in transcript["segments"] for w in s["words"]]


def parse_spans(data: Any, duration: float) -> list[list[float]]:
    """[[start, end], ...] within [0, duration], as a job payload carries them."""
    if (
        not isinstance(data, list)
        or len(data) > MAX_WORDS
        or not all(
            isinstance(p, list)
            and len(p) == 2
            and all(finite_number(v) for v in p)
            and 0 <= p[0] <= p[1] <= duration + 1
            for p in data
        )
    ):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, "payload.speech: [[start, end], ...] in seconds."
        )
    return [[float(s), float(e)] for s, e in data]


def parse_turns(data: Any) -> list[Turn]:
    """Turns as a worker returns them: [[start, end, speaker id], ...]."""
    if (
        not isinstance(data, list)
        or len(data) > MAX_TURNS
        or not all(
            isinstance(t, list)
            and len(t) == 3
            and finite_number(t[0])
            and finite_number(t[1])
            and t[0] <= t[1]
            and isinstance(t[2], str)
            and SPEAKER_ID.fullmatch(t[2])
            for t in data
        )
    ):
        raise DomainError(ErrorCode.TRANSCRIPT_INVALID, "The speaker turns are not valid.")
    return [Turn(float(s), float(e), str(k)) for s, e, k in data]


def apply_turns(transcript: dict[str, Any], turns: list[Turn]) -> dict[str, Any]:
    """The transcript with each word's speaker from `turns`, segments split at changes."""
    data = copy.deepcopy(transcript)
    words = [w for s in data["segments"] for w in s["words"]]
    if not words or not turns:
        return data
    turns = sorted(turns, key=lambda t: (t.start, t.end))
    starts = [t.start for t in turns]
    found = [speaker_at(turns, starts, w["start"], w["end"]) or w["speaker"] for w in words]
    rename = _keep_old_ids(words, found, {s["id"] for s in data["speakers"]})
    renamed = [Turn(t.start, t.end, rename.get(t.speaker, t.speaker)) for t in turns]
    data["segments"] = assign_speakers(data["segments"], renamed)
    known = {s["id"]: s for s in data["speakers"]}
    data["speakers"] = _speaker_list(known, list(dict.fromkeys(w["speaker"] for w in words)))
    return data


def _speaker_list(known: dict[str, Any], used: list[str]) -> list[Any]:
    """Known speakers who still speak, in their old order, then the new ones."""
    kept = [s for sid, s in known.items() if sid in used]
    new = [sid for sid in used if sid not in known]
    start = len(known)
    return kept + [{"id": sid, "label": f"Speaker {start + n + 1}"} for n, sid in enumerate(new)]


def _keep_old_ids(words: list[dict[str, Any]], found: list[str], known: set[str]) -> dict[str, str]:
    """New label -> old id where they share the most words (greedy, one to one); a new speaker
    with no old match gets a fresh id."""
    overlap = Counter((new, w["speaker"]) for w, new in zip(words, found, strict=True))
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for (new, old), _count in overlap.most_common():
        if new not in rename and old not in taken:
            rename[new] = old
            taken.add(old)
    existing = known | {w["speaker"] for w in words}
    number = 0
    for new in dict.fromkeys(found):
        if new not in rename:
            while f"SPEAKER_{number:02d}" in existing:
                number += 1
            rename[new] = f"SPEAKER_{number:02d}"
            existing.add(rename[new])
    return rename
