"""Words that keep their letters whole.

A recognizer that splits a script written without spaces (Thai, Lao, Khmer, Myanmar, the
scripts of India) by token can leave a combining mark (a Thai vowel or tone mark, a virama, a
Japanese sound mark) as a "word" of its own. A caption line would then start with a mark torn
from its letter, drawn on nothing, and the editor would offer it as a word to select. Such a
piece belongs to the word before it.

Whisper's own words (faster-whisper) begin with a space when they begin a word; in a language
written with spaces, a piece without one ("-2000" after "TS", given a creator's "TS-2000")
is the rest of the word before it.
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


# Languages whose words faster-whisper splits without spaces (every piece lacks one).
_WITHOUT_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my", "yue"})


def join_word_pieces(words: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """Whisper's words (raw text under "word", a leading space starting a word) with each
    piece that does not start one joined to the word before it (`_join`)."""
    if language in _WITHOUT_SPACES:
        return [dict(word) for word in words]
    out: list[dict[str, Any]] = []
    for word in words:
        text = str(word.get("word", ""))
        if out and text.strip() and not text[:1].isspace():
            _join(out[-1], word, text.strip())
        else:
            out.append(dict(word))
    return out


def _join(previous: dict[str, Any], word: dict[str, Any], text: str) -> None:
    """`word` as the rest of `previous`: the text runs on, the time extends to the piece's
    end and the score is the lower of the two."""
    key = "word" if "word" in previous else "text"
    previous[key] = str(previous.get(key, "")).rstrip() + text
    if word.get("end") is not None:
        ends = [e for e in (previous.get("end"), word["end"]) if e is not None]
        previous["end"] = max(ends)
        if previous.get("start") is None:
            previous["start"] = word.get("start")
    scores = [s for s in (previous.get("score"), word.get("score")) if s is not None]
    previous["score"] = min(scores) if scores else None


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
        _join(out[-1], word, text)
    return out
