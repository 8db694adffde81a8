"""Caption layout, pure and testable: words -> lines -> captions -> the times worth painting.

The caption model it builds is what the renderer in static/captions/ draws; the sample times
are every moment at which the drawing may change (caption and word boundaries, and each output
frame while an animation runs). Which of those really differ is decided by the renderer's own
`visualState`, so the rules of drawing live in one place.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from media.transcription.emphasis import score
from rendering.breaks import HOLD, PAUSE_BREAK, Limits, break_captions
from rendering.scenario import FONTS
from rendering.shared import TAG_POP_SPANS, Caption, CaptionModel, CaptionWord
from rendering.tags import rule_tags, word_animation


@dataclass(frozen=True)
class LayoutWord:
    text: str
    start: float
    end: float
    speaker: str
    expression: tuple[tuple[str, Any], ...] = ()  # what the renderer's typography reads

    def drawn(self) -> CaptionWord:
        """The word as the renderer receives it (the expression's keys are CaptionWord's own,
        as `_expression` names them)."""
        word = {"text": self.text, "start": self.start, "end": self.end, "speaker": self.speaker}
        word.update(self.expression)
        return cast(CaptionWord, word)


def _expression(word: dict[str, Any], rule_tags: set[str]) -> tuple[tuple[str, Any], ...]:
    """Emphasis, pitch, stretch and tags (the transcript's and the style rules'), when present."""
    prosody = word.get("prosody") or {}
    parts: list[tuple[str, Any]] = [
        ("emphasis", word.get("emphasis")),
        ("pitch", prosody.get("pitch_st")),
        ("stretch", prosody.get("stretch")),
    ]
    found = sorted(set(word.get("tags") or ()) | rule_tags)
    parts.append(("tags", found or None))
    return tuple((key, value) for key, value in parts if value is not None)


def transcript_words(
    transcript: dict[str, Any], style: dict[str, Any] | None = None
) -> list[LayoutWord]:
    pairs = [(segment, w) for segment in transcript["segments"] for w in segment["words"]]
    if any(w.get("prosody") for _, w in pairs):  # emphasis as the transcript's prosody gives it
        pairs = [(segment, dict(w)) for segment, w in pairs]
        score(w for _, w in pairs)
    given = rule_tags([w["text"] for _, w in pairs], style) if style else [set() for _ in pairs]
    return [
        LayoutWord(
            w["text"],
            float(w["start"]),
            float(w["end"]),
            w.get("speaker") or segment.get("speaker") or "",
            _expression(w, given[index]),
        )
        for index, (segment, w) in enumerate(pairs)
    ]


def with_speaker_colors(style: dict[str, Any], transcript: dict[str, Any]) -> dict[str, Any]:
    """The style with the transcript's speaker colours; a colour the style sets wins."""
    colors = {s["id"]: s["color"] for s in transcript.get("speakers", []) if s.get("color")}
    if not colors:
        return style
    return {**style, "speaker_colors": {**colors, **(style.get("speaker_colors") or {})}}


def caption_model(
    transcript: dict[str, Any], style: dict[str, Any], weights: Sequence[int] | None = None
) -> CaptionModel:
    """The renderer's input: captions with start/end and their lines of timed words. `weights`
    are the family's (a bundled family's by default)."""
    words = transcript_words(transcript, style)
    limits = Limits.of(style)
    groups = break_captions(words, limits)
    duration = float(transcript["duration"])
    captions: list[Caption] = []
    for index, group in enumerate(groups):
        start = group[0][0].start
        last_end = group[-1][-1].end
        following = groups[index + 1][0][0].start if index + 1 < len(groups) else duration
        end = following if following - last_end <= PAUSE_BREAK else last_end + HOLD
        # Shown long enough to be read when the next caption leaves time, never past the
        # longest a caption may stay once its words are said.
        chars = sum(len(w.text) + 1 for line in group for w in line) - 1
        end = max(end, min(start + limits.reading_time(chars), following))
        end = min(end, max(last_end, start + limits.max_duration))
        end = min(max(end, last_end), duration)
        if end <= start:
            end = min(start + 0.05, duration) if start < duration else start
        captions.append(
            {
                "start": round(start, 3),
                "end": round(end, 3),
                "speaker": group[0][0].speaker,
                "lines": [[w.drawn() for w in line] for line in group],
            }
        )
    return {
        "language": transcript.get("language"),
        # what heavier can be
        "weights": list(
            weights if weights is not None else FONTS.get(style.get("font_family", ""), ())
        ),
        "captions": [c for c in captions if c["end"] > c["start"]],
    }


def drawn_captions(model: CaptionModel) -> list[dict[str, Any]]:
    """Captions -> lines -> words with their times, as a model draws them: what
    `manage.py render --captions-json` writes for inspection."""
    return [
        {
            "start": caption["start"],
            "end": caption["end"],
            "speaker": caption["speaker"],
            "lines": [
                [{"text": w["text"], "start": w["start"], "end": w["end"]} for w in line]
                for line in caption["lines"]
            ],
        }
        for caption in model["captions"]
    ]


def _frame_times(start: float, end: float, fps: float) -> list[float]:
    first = math.ceil(start * fps - 1e-9)
    last = math.ceil(end * fps - 1e-9)
    return [i / fps for i in range(first, last)]


def sample_times(model: CaptionModel, style: dict[str, Any], fps: float) -> list[float]:
    """Every time at which the drawing may change, sorted and unique."""
    animation = style["animation"]
    span = style["animation_ms"] / 1000
    times: set[float] = set()
    for caption in model["captions"]:
        times.update((caption["start"], caption["end"]))
        if animation in ("fade", "slide"):
            times.update(_frame_times(caption["start"], caption["start"] + span, fps))
        for word in (w for line in caption["lines"] for w in line):
            times.add(word["start"])
            # A word changes every frame while it pops in (the style's pop or its tag's) and
            # while it is said in karaoke or under a tag's pulse.
            own = word_animation(word.get("tags") or (), style)
            if animation == "pop":
                times.update(_frame_times(word["start"], word["start"] + span, fps))
                times.add(word["start"] + span)
            if own == "pop":  # a tag's bounce (expression.js) lasts TAG_POP_SPANS spans
                bounce = TAG_POP_SPANS * span
                times.update(_frame_times(word["start"], word["start"] + bounce, fps))
                times.add(word["start"] + bounce)
            if animation == "karaoke" or own == "pulse":
                times.update(_frame_times(word["start"], word["end"], fps))
                times.add(word["end"])
    return sorted(round(t, 6) for t in times)


@dataclass(frozen=True)
class Timeline:
    """Which sample each output frame shows: frame i shows samples[frame_sample[i]] (or
    nothing when the index is -1, before the first sample)."""

    samples: list[float]
    frame_sample: list[int]

    def used_samples(self) -> list[int]:
        return sorted({i for i in self.frame_sample if i >= 0})


def timeline(samples: list[float], fps: float, frame_count: int) -> Timeline:
    frame_sample = [bisect.bisect_right(samples, i / fps + 1e-9) - 1 for i in range(frame_count)]
    return Timeline(samples, frame_sample)
