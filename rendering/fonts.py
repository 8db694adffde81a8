"""The bundled caption fonts, as Python sees them: the families a style may choose (with their
weights) and which characters no bundled font draws.

Both read static/captions/fonts.json, the one list the font build, the stylesheet and the
renderer share; coverage comes from the fonts' own character maps (static/fonts/coverage.json,
written by scripts/build_fonts.py).
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
CONFIG = STATIC / "captions" / "fonts.json"
COVERAGE = STATIC / "fonts" / "coverage.json"
# Characters that draw nothing by themselves: spaces, controls, joiners, direction marks.
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


class FontsMissing(RuntimeError):
    """The fonts were not built (scripts/build_fonts.py after `npm ci`)."""


@cache
def font_config() -> dict:
    return json.loads(CONFIG.read_text())


def display_fonts() -> dict[str, tuple[int, ...]]:
    """The families a style may choose, with the weights bundled for each."""
    return {f["family"]: tuple(f["weights"]) for f in font_config()["display"]}


@cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    if not COVERAGE.exists():
        raise FontsMissing(f"{COVERAGE} is missing: run `make fonts`")
    data = json.loads(COVERAGE.read_text())
    return {
        family: ([a for a, _ in spans], [b for _, b in spans]) for family, spans in data.items()
    }


def _covers(family: str, codepoint: int) -> bool:
    starts, ends = _coverage().get(family, ([], []))
    index = bisect.bisect_right(starts, codepoint) - 1
    return index >= 0 and codepoint <= ends[index]


def offered_weights(ranges: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """The weights (in hundreds) that font files covering these (min, max) ranges offer."""
    return tuple(sorted({w for low, high in ranges for w in range(low, high + 1, 100)}))


def uncovered_characters(text: str, family: str, own: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Characters of `text` that neither `family` (or the creator's own files' `own` ranges)
    nor any bundled fallback draws, in order of first appearance."""
    families = [family, *(f["family"] for f in font_config()["fallback"])]
    missing: dict[str, None] = {}
    for char in text:
        if char in missing or unicodedata.category(char) in INVISIBLE:
            continue
        if any(low <= ord(char) <= high for low, high in own):
            continue
        if not any(_covers(name, ord(char)) for name in families):
            missing[char] = None
    return list(missing)
