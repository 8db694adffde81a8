"""Words that keep their letters whole.

A recognizer that splits a script written without spaces (Thai, Lao, Khmer, Myanmar, the
scripts of India) by token can leave a combining mark (a Thai vowel or tone mark, a virama, a
Japanese sound mark) as a "word" of its own. A caption line would then start with a mark torn
from its letter, drawn on nothing, and the editor would offer it as a word to select. Such a
piece belongs to the word before it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_MARKS = {"Mn", "Mc", "Me"}  # nonspacing, spacing and enclosing marks
_JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner


def continues_previous(text: str) -> bool:
    """Whether `text` begins inside the previous word's last letter: a combining mark, a
    joiner or a variation selector."""
    if not text:
        return False
    first = text[0]
    return (
        unicodedata.category(first) in _MARKS
        or first in _JOINERS
        or 0xFE00 <= ord(first) <= 0xFE0F
        or 0xE0100 <= ord(first) <= 0xE01EF
    )


def join_torn_letters(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Engine words (text under "word" or "text") with every piece that begins with a mark
    joined to the word before it: the text runs on, the time extends to the piece's end and
    the score is the lower of the two."""
    out: list[dict[str, Any]] = []
    for word in words:
        key = "word" if "word" in word else "text"
        text = str(word.get(key, "")).strip()
        if not out or not continues_previous(text):
            out.append(dict(word))
            continue
        previous = out[-1]
        previous_key = "word" if "word" in previous else "text"
        previous[previous_key] = str(previous.get(previous_key, "")).rstrip() + text
        if word.get("end") is not None:
            ends = [e for e in (previous.get("end"), word["end"]) if e is not None]
            previous["end"] = max(ends)
            if previous.get("start") is None:
                previous["start"] = word.get("start")
        scores = [s for s in (previous.get("score"), word.get("score")) if s is not None]
        previous["score"] = min(scores) if scores else None
    return out
