"""Where captions and their lines break: the breaks a subtitler would choose, scored and chosen
by dynamic programming rather than filled greedily.

The words are first cut where a caption must end: a change of speaker or a pause longer than
PAUSE_BREAK. Within each such run every gap between two words has a cost (`gap_cost`): low after
a sentence end or a comma and before a conjunction or preposition, high after an article or a
preposition ("the | car"), prohibitive inside a name ("New | Jersey"), a number and its unit
("5 | dollars") or a set phrase ("of | course"). A caption costs its line breaks, how unevenly its
lines are filled (the top line shorter when they must differ), standing alone as one word
(unless pauses isolate it) and being shown for less time than its text takes to read; no
caption of several words spans more than `max_duration`. Each run's captions, and each
caption's lines, are those with the least total cost.

Pure: words are anything with `text`, `start`, `end` and `speaker` (`rendering.layout`'s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from rendering.scenario import BASE_STYLE
from rendering.tags import CURRENCY_WORDS, normalized

PAUSE_BREAK = 0.9  # seconds of silence that end a caption
ISOLATING_PAUSE = 0.5  # a word with this much silence on each side may stand alone
HOLD = 0.6  # how long a caption stays after its last word when nothing follows soon

# Their own stops, commas and colons in CJK, Arabic and Devanagari scripts too.
SENTENCE_END = (".", "?", "!", "…", "\u3002", "\uff1f", "\uff01", "\u061f", "\u0964")
CLAUSE_END = (",", ";", ":", "\u2014", "\u2013", "\u3001", "\uff0c", "\uff1b", "\uff1a", "\u060c")


def _words(*text: str) -> frozenset[str]:
    return frozenset(" ".join(text).split())


# A line or caption reads best starting with these (a clause or a phrase begins)...
_BREAK_BEFORE = _words(
    "and but or nor so yet because although though while whereas when whenever where if unless "
    "until since that which who whom whose whether than then after before of in on at to for "
    "with from by about into onto over under between through during without within against "
    "among across behind beyond near toward towards upon like as per"
)
# ... and never ending with these: they lean on the next word ("the | car", "my | friend").
_LEANING = _words(
    "a an the this these those my your his its our their some any every each no "
    "and but or nor of in on at to for with from by about into onto over under between through "
    "during without within against among across behind beyond near toward towards upon per "
    "i i'm i've i'll i'd we we'll we're you you're you'll they they're he she it's that's very "
    "so too not don't can't won't is are was "
    "were be been am will would could should can may might must has have had do does did",
    # the same in other languages creators speak (none an English word that ends a phrase)
    "el la los las un una unos unas y del en por para que le les une des du et à au aux pour "
    "par avec der das ein eine einen dem und zu mit von für в во на с со к ко по из за от до "  # noqa: RUF001
    "о об для и а но что في إلى الى من على عن مع",  # noqa: RUF001 (Cyrillic)
)
# Words written with a capital at a sentence's start: they do not make a name there.
_SENTENCE_OPENERS = (
    _LEANING
    | _BREAK_BEFORE
    | _words(
        "i we you they he she it there here what why how yes no oh well okay ok hi hello now just "
        "also still even maybe"
    )
)
_NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen half"
)
_UNITS = CURRENCY_WORDS | _words(
    "% percent per cent k m km kms kilometer kilometers kilometre kilometres mile miles meter "
    "meters metre metres cm mm ft feet foot inch inches yard yards kg kgs kilo kilos kilogram "
    "kilograms g gram grams lb lbs pound pounds ounce ounces oz ton tons tonnes l liter liters "
    "litre litres ml gallon gallons mph kph hour hours hr hrs minute minutes min mins second "
    "seconds sec secs ms day days week weeks month months year years decade decades century "
    "centuries am pm a.m p.m o'clock degree degrees ° bit bits byte bytes kb mb gb tb hz khz mhz "
    "ghz w kw watt watts volt volts v mah times people x thousand million billion "
    "trillion hundred dozen"
)
_PHRASES = frozenset(
    tuple(phrase.split())
    for phrase in (
        "of course",
        "a lot",
        "a bit",
        "at least",
        "at all",
        "as well",
        "right now",
        "thank you",
        "thanks so",
        "you know",
        "kind of",
        "sort of",
        "each other",
        "no one",
        "so much",
        "in fact",
        "for example",
        "per cent",
        "i mean",
    )
)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

# Costs (arbitrary units; a gap's cost is from 0 to ~8).
GLUED = 100.0  # a break inside a name, a number and its unit, a set phrase
LONE_WORD = 60.0  # a caption of one word that no pause isolates
EXTRA_LINE = 0.5  # each line past the first: a short caption stays on one line
CAPTION = 3.0  # each caption: fuller captions over many small ones
CAPTION_BREAK = 2.0  # a gap's cost counts this many times between captions (once between lines)
SENTENCE_INSIDE_LINE = 10.0  # a sentence ending mid-line
TOP_LONGER = 1.0  # the top line longer than the one below it
IMBALANCE = 12.0  # times the squared difference of two lines' lengths over the line's limit
TOO_FAST = 8.0  # times the share of the reading time a caption is not shown for


@dataclass(frozen=True)
class Limits:
    """What a caption may hold and how long it is shown (a style's, `Limits.of`)."""

    max_words: int
    max_chars: int
    lines: int
    chars_per_second: float
    min_duration: float
    max_duration: float

    @classmethod
    def of(cls, style: dict[str, Any]) -> Limits:
        """A style's limits; a style frozen on a job before reading speeds existed reads as
        having the defaults."""

        def value(field: str) -> Any:
            return style.get(field, BASE_STYLE[field])  # type: ignore[literal-required]

        return cls(
            max_words=style["max_words_per_line"],
            max_chars=style["max_chars_per_line"],
            lines=style["lines_per_caption"],
            chars_per_second=value("max_chars_per_second"),
            min_duration=value("min_caption_ms") / 1000,
            max_duration=value("max_caption_ms") / 1000,
        )

    def reading_time(self, chars: int) -> float:
        """How long a caption of this many characters must be shown to be read."""
        return max(self.min_duration, chars / self.chars_per_second)


class Timed(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def speaker(self) -> str: ...


W = TypeVar("W", bound=Timed)


def _capitalised(text: str) -> bool:
    letter = _LETTER.search(text)
    return letter is not None and letter.group().isupper() and text != "I"


def _is_number(key: str) -> bool:
    return bool(_DIGIT.search(key)) or key in _NUMBER_WORDS


def glued(before: str, after: str, *, sentence_start: bool) -> bool:
    """Whether a break between these two words would split a name ("New Jersey"), a number
    and its unit ("5 dollars", "20 %", "3 km") or a set phrase ("of course").
    `sentence_start`: `before` opens a sentence (its capital then says nothing)."""
    if before.endswith(SENTENCE_END + CLAUSE_END):
        return False
    first, second = normalized(before), normalized(after) or after.strip()
    opener = sentence_start and first in _SENTENCE_OPENERS  # its capital is the sentence's
    if _capitalised(before) and _capitalised(after) and not opener:
        return True
    if _is_number(first) and (second in _UNITS or _is_number(second)):
        return True
    if (first in _UNITS and second == "per") or first == "per":
        return True
    return (first, second) in _PHRASES


def gap_cost(words: Sequence[Timed], index: int) -> float:
    """The cost of a line or caption break after words[index]."""
    before, after = words[index], words[index + 1]
    sentence_start = index == 0 or words[index - 1].text.endswith(SENTENCE_END)
    if glued(before.text, after.text, sentence_start=sentence_start):
        return GLUED
    if before.text.endswith(SENTENCE_END):
        cost = 0.0
    elif before.text.endswith(CLAUSE_END):
        cost = 1.0
    elif normalized(before.text) in _LEANING:
        cost = 8.0
    elif normalized(after.text) in _BREAK_BEFORE:
        cost = 2.0
    else:
        cost = 4.0
    silence = after.start - before.end
    return max(0.0, cost - min(2.0, silence * 4))  # a pause is a natural break


Lines = tuple[float, tuple[int, ...]]  # a caption's lines: their cost and where each ends


class _Run:
    """One run of words between breaks that must be (speaker changes, long pauses), with what
    its captions' costs need: each gap's cost and running sums, so that a line's length and the
    sentences it holds cost O(1)."""

    def __init__(self, words: Sequence[Timed], limits: Limits, shown_until: float) -> None:
        self.words = words
        self.limits = limits
        self.shown_until = shown_until  # how long the run's last caption may stay
        self.gaps = [gap_cost(words, i) for i in range(len(words) - 1)]
        self.prefix = [0]
        self.sentences = [0]  # sentence ends among the words before each index
        for word in words:
            self.prefix.append(self.prefix[-1] + len(word.text))
            self.sentences.append(self.sentences[-1] + word.text.endswith(SENTENCE_END))
        self._two: dict[tuple[int, int], Lines | None] = {}

    def chars(self, i: int, j: int) -> int:
        """Characters of words[i:j] on one line, the spaces between them included."""
        return self.prefix[j] - self.prefix[i] + (j - i - 1)

    def _fits(self, i: int, j: int) -> bool:
        limits = self.limits
        return j - i == 1 or (j - i <= limits.max_words and self.chars(i, j) <= limits.max_chars)

    def _line(self, i: int, j: int) -> float:
        """A line's own cost: each sentence that ends inside it."""
        return SENTENCE_INSIDE_LINE * (self.sentences[j - 1] - self.sentences[i])

    def _pair(self, top: int, below: int) -> float:
        """Two lines one above the other: similar lengths, the top one no longer."""
        cost = IMBALANCE * ((top - below) / self.limits.max_chars) ** 2
        return cost + (TOP_LONGER if top > below else 0.0)

    def _on_lines(self, i: int, j: int, lines: int) -> Lines | None:
        """The best way to set words[i:j] on exactly `lines` lines (1 to 3), or None."""
        if lines == 1:
            return (self._line(i, j), (j,)) if self._fits(i, j) else None
        if lines == 2 and (i, j) in self._two:
            return self._two[(i, j)]
        best: Lines | None = None
        for split in range(i + 1, j):
            if not self._fits(i, split):
                break  # the top line only grows from here
            rest = self._on_lines(split, j, lines - 1)
            if rest is None:
                continue
            below = self.chars(split, rest[1][0])
            cost = EXTRA_LINE + self.gaps[split - 1] + self._line(i, split) + rest[0]
            cost += self._pair(self.chars(i, split), below)
            if best is None or cost < best[0]:
                best = (cost, (split, *rest[1]))
        if lines == 2:
            self._two[(i, j)] = best
        return best

    def lines(self, i: int, j: int) -> Lines | None:
        """The best lines for words[i:j] (where each ends) and their cost; None if none fit."""
        found = [self._on_lines(i, j, k) for k in range(1, self.limits.lines + 1)]
        return min((f for f in found if f is not None), default=None, key=lambda f: f[0])

    def caption(self, i: int, j: int) -> Lines | None:
        """The cost of words[i:j] as one caption (with its best lines), or None."""
        laid = self.lines(i, j)
        if laid is None:
            return None
        cost, ends = laid
        words, limits = self.words, self.limits
        cost += CAPTION + (CAPTION_BREAK * self.gaps[j - 1] if j < len(words) else 0.0)
        if j - i == 1 and len(words) > 1 and not self._isolated(i):
            cost += LONE_WORD
        shown = (words[j].start if j < len(words) else self.shown_until) - words[i].start
        needed = limits.reading_time(self.chars(i, j))
        if shown < needed:
            cost += TOO_FAST * (needed - shown) / needed
        return cost, ends

    def _isolated(self, i: int) -> bool:
        words = self.words
        before = i == 0 or words[i].start - words[i - 1].end >= ISOLATING_PAUSE
        after = i == len(words) - 1 or words[i + 1].start - words[i].end >= ISOLATING_PAUSE
        return before and after

    def captions(self) -> list[list[list[int]]]:
        """The best captions: for each, its lines as lists of word indices."""
        words, limits = self.words, self.limits
        best: list[tuple[float, int, tuple[int, ...]]] = [(0.0, 0, ())]
        for j in range(1, len(words) + 1):
            choice: tuple[float, int, tuple[int, ...]] | None = None
            for i in range(j - 1, max(0, j - limits.lines * limits.max_words) - 1, -1):
                if j - i > 1 and words[j - 1].end - words[i].start > limits.max_duration:
                    break  # longer captions only last longer
                laid = self.caption(i, j)
                if laid is None:
                    break  # more words fit no better
                cost = best[i][0] + laid[0]
                if choice is None or cost < choice[0]:  # ties: fuller earlier captions
                    choice = (cost, i, laid[1])
            assert choice is not None  # a caption of one word always fits
            best.append(choice)
        captions: list[list[list[int]]] = []
        j = len(words)
        while j > 0:
            _, i, ends = best[j]
            starts = [i, *ends[:-1]]
            captions.append([list(range(a, b)) for a, b in zip(starts, ends, strict=True)])
            j = i
        return captions[::-1]


def runs(words: Sequence[W]) -> list[list[W]]:
    """The words cut where a caption must end: a change of speaker or a long pause."""
    found: list[list[W]] = []
    for word in words:
        if found and (
            word.speaker == found[-1][-1].speaker and word.start - found[-1][-1].end <= PAUSE_BREAK
        ):
            found[-1].append(word)
        else:
            found.append([word])
    return found


def break_captions(words: Sequence[W], limits: Limits) -> list[list[list[W]]]:
    """The words as captions of lines, with the breaks a subtitler would choose."""
    result: list[list[list[W]]] = []
    pieces = runs(words)
    for index, run in enumerate(pieces):
        following = pieces[index + 1][0].start if index + 1 < len(pieces) else float("inf")
        shown_until = min(following, run[-1].end + HOLD)
        for caption in _Run(run, limits, shown_until).captions():
            result.append([[run[k] for k in line] for line in caption])
    return result
