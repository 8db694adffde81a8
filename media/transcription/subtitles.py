"""SRT and WebVTT from a Transcript, with readable cues.

A cue holds at most two lines of `max_chars` characters and lasts at most `max_duration`
seconds; it also ends at a change of speaker, a pause, or after a sentence once it has enough
text. Lines are balanced so that the first is not much longer than the second.

The language decides how words join (Japanese, Chinese and Thai without spaces, with shorter
lines for full-width characters) and, for right-to-left scripts, each line starts with a
right-to-left mark so players that do not detect the direction still lay it out right.

Words are text, never markup: WebVTT escapes `<` and `&`; SRT has no escapes, and players read
HTML-like tags (`<b>`, `<font color=...>`) and ASS overrides (`{\\an8}`) in it, so SRT drops them
(`<b>hi</b>` -> `hi`; `a < b` is no tag and stays). A line break inside a word would end a cue
in either format: cue lines keep words on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from media.transcription.schema import Transcript, Word

SENTENCE_END = (".", "?", "!", "…", "\u3002", "\uff1f", "\uff01")  # and the full-width stops
RTL_LANGUAGES = {"ar", "fa", "he", "ps", "sd", "ug", "ur", "yi"}
UNSPACED_LANGUAGES = {"ja", "zh", "yue", "th", "lo", "km", "my", "bo"}
WIDE_LANGUAGES = {"ja", "zh", "yue"}  # full-width characters: about half as many per line
RLM = "\u200f"
SRT_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: list[str]
    speaker: str


def _base_language(transcript: Transcript) -> str:
    return str(transcript.get("language") or "").lower().split("-")[0]


def _joiner(transcript: Transcript) -> str:
    return "" if _base_language(transcript) in UNSPACED_LANGUAGES else " "


def _fits(words: list[Word], max_chars: int, max_lines: int, joiner: str) -> bool:
    return len(joiner.join(w["text"] for w in words)) <= max_chars * max_lines


def _wrap(words: list[Word], max_chars: int, max_lines: int, joiner: str) -> list[str]:
    text = joiner.join(w["text"] for w in words)
    if len(text) <= max_chars or max_lines == 1:
        return [text]
    best: list[str] = [text]
    best_score = float("inf")
    for cut in range(1, len(words)):
        first = joiner.join(w["text"] for w in words[:cut])
        second = joiner.join(w["text"] for w in words[cut:])
        if len(first) > max_chars or len(second) > max_chars:
            continue
        score = abs(len(first) - len(second)) + (5 if len(first) < len(second) else 0)
        if score < best_score:
            best, best_score = [first, second], score
    return best


def build_cues(
    transcript: Transcript,
    *,
    max_chars: int = 42,
    max_lines: int = 2,
    max_duration: float = 6.0,
    max_pause: float = 1.0,
    min_duration: float = 0.7,
) -> list[Cue]:
    joiner = _joiner(transcript)
    if _base_language(transcript) in WIDE_LANGUAGES:
        max_chars = max_chars // 2
    cues: list[Cue] = []
    for segment in transcript["segments"]:
        pending: list[Word] = []
        for word in segment["words"]:
            if pending and (
                word["speaker"] != pending[-1]["speaker"]
                or word["start"] - pending[-1]["end"] > max_pause
                or word["end"] - pending[0]["start"] > max_duration
                or not _fits([*pending, word], max_chars, max_lines, joiner)
                or (
                    pending[-1]["text"].endswith(SENTENCE_END)
                    and len(joiner.join(w["text"] for w in pending)) >= max_chars // 2
                )
            ):
                cues.append(_cue(pending, max_chars, max_lines, joiner))
                pending = []
            pending.append(word)
        if pending:
            cues.append(_cue(pending, max_chars, max_lines, joiner))
    # Stretch very short cues so they can be read, without running into the next one.
    stretched: list[Cue] = []
    for index, cue in enumerate(cues):
        limit = cues[index + 1].start if index + 1 < len(cues) else transcript["duration"]
        end = min(max(cue.end, cue.start + min_duration), max(limit, cue.end))
        stretched.append(Cue(cue.start, end, cue.lines, cue.speaker))
    return stretched


def _cue(words: list[Word], max_chars: int, max_lines: int, joiner: str) -> Cue:
    lines = [" ".join(line.split()) for line in _wrap(words, max_chars, max_lines, joiner)]
    return Cue(words[0]["start"], words[-1]["end"], lines, words[0]["speaker"])


def _directed(transcript: Transcript, lines: list[str]) -> list[str]:
    if _base_language(transcript) in RTL_LANGUAGES:
        return [RLM + line for line in lines]
    return lines


def _timestamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _srt_lines(lines: list[str]) -> list[str]:
    """The cue's lines without markup (a tag may span both lines); a line left empty goes."""
    text = SRT_MARKUP.sub("", "\n".join(lines))
    return [kept for line in text.split("\n") if (kept := " ".join(line.split()))]


def to_srt(transcript: Transcript) -> str:
    blocks: list[str] = []
    for cue in build_cues(transcript):
        lines = _srt_lines(cue.lines)
        if not lines:  # nothing but markup
            continue
        blocks.append(
            f"{len(blocks) + 1}\n{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}\n"
            + "\n".join(_directed(transcript, lines))
        )
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(transcript: Transcript) -> str:
    labels = {s["id"]: s["label"] for s in transcript["speakers"]}
    multi_speaker = len(labels) > 1
    blocks = ["WEBVTT"]
    for cue in build_cues(transcript):
        lines = [_vtt_escape(line) for line in _directed(transcript, cue.lines)]
        if multi_speaker:
            lines[0] = f"<v {_vtt_escape(labels.get(cue.speaker, cue.speaker))}>{lines[0]}"
        blocks.append(
            f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}\n" + "\n".join(lines)
        )
    return "\n\n".join(blocks) + "\n"
