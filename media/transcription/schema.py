"""The Transcript contract (docs/architecture.md): building, normalizing and validating it.

Validation is strict and used on every write (engine output and edits alike); normalization
repairs what engines produce (words without times, tiny overlaps) before validation.
"""

from __future__ import annotations

import re
from typing import Any, NotRequired, TypedDict, cast

from ecg.errors import CodedFailure, ErrorCode
from ecg.parsers import finite_number
from media.transcription.vocabulary import MAX_TERMS

TRANSCRIPT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 is version 2 without prosody, emphasis, tags, events
COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
TAG = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
MAX_TAGS = 5
MAX_EVENTS = 5000
EVENT_LABEL = re.compile(r"[a-z][a-z \-]{0,39}")
PROSODY_BOUNDS = {"loudness_db": 60.0, "pitch_st": 36.0, "stretch": 20.0}  # |value| at most
MAX_WORD_LENGTH = 200
MAX_SEGMENT_TEXT_LENGTH = 20_000
MAX_WORDS = 200_000
LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}"
)  # BCP 47, as Whisper and people write it


class Prosody(TypedDict):
    loudness_db: float
    pitch_st: float | None
    stretch: float


class Word(TypedDict):
    text: str
    start: float
    end: float
    score: float | None
    speaker: str
    prosody: NotRequired[Prosody]
    emphasis: NotRequired[float]
    emphasis_set: NotRequired[bool]
    tags: NotRequired[list[str]]


class Segment(TypedDict):
    start: float
    end: float
    speaker: str
    text: str
    words: list[Word]


class Speaker(TypedDict):
    id: str
    label: str
    color: NotRequired[str]  # "#RRGGBB"; absent: the style decides


class Engine(TypedDict):
    name: str
    model: str
    alignment: str
    diarization: str
    prosody: NotRequired[str]
    vocabulary: NotRequired[list[str]]  # the creator's terms given to the recognizer


class Event(TypedDict):
    """A non-speech sound (laughter, applause, music): none is detected yet (no sound
    classifier ships its weights in a package), but documents may carry them."""

    start: float
    end: float
    label: str


class Transcript(TypedDict):
    version: int
    language: str
    duration: float
    engine: Engine
    speakers: list[Speaker]
    segments: list[Segment]
    events: NotRequired[list[Event]]


class TranscriptInvalid(CodedFailure):
    """`errors` maps a JSON path (segments.3.words.2.end) to what is wrong there."""

    def __init__(self, errors: dict[str, str]) -> None:
        summary = "; ".join(f"{k}: {v}" for k, v in list(errors.items())[:5])
        super().__init__(ErrorCode.TRANSCRIPT_INVALID, summary)
        self.errors = errors


def _seconds(value: float) -> float:
    return round(float(value), 3)


def normalize_words(words: list[dict[str, Any]], duration: float) -> list[dict[str, Any]]:
    """Give every word a time inside [0, duration], in order and without overlap.

    Words the aligner could not place (numbers, symbols) take the gap around them.
    """
    kept = [w for w in words if str(w.get("text", "")).strip()]
    for index, word in enumerate(kept):
        if word.get("start") is None or word.get("end") is None:
            previous_end = kept[index - 1]["end"] if index else 0.0
            following = next(
                (w["start"] for w in kept[index + 1 :] if w.get("start") is not None), None
            )
            word["start"] = previous_end
            word["end"] = following if following is not None else previous_end
    cursor = 0.0
    for word in kept:
        start = min(max(float(word["start"]), cursor, 0.0), duration)
        end = min(max(float(word["end"]), start), duration)
        word["start"], word["end"] = _seconds(start), _seconds(end)
        cursor = word["end"]
    return kept


def build_transcript(
    *,
    language: str,
    duration: float,
    engine: Engine,
    segments: list[dict[str, Any]],
    default_speaker: str = "SPEAKER_00",
) -> Transcript:
    """Assemble a Transcript from engine segments whose words carry text/start/end/score."""
    duration = _seconds(duration)
    out: list[Segment] = []
    for raw in segments:
        words = normalize_words(
            [
                {
                    "text": str(w.get("text", w.get("word", ""))).strip(),
                    "start": w.get("start"),
                    "end": w.get("end"),
                    "score": w.get("score"),
                    "speaker": w.get("speaker") or raw.get("speaker") or default_speaker,
                    **{k: w[k] for k in ("prosody", "emphasis") if k in w},
                }
                for w in raw.get("words", [])
            ],
            duration,
        )
        if not words:
            continue
        if out and words[0]["start"] < out[-1]["end"]:
            for word in words:  # segments must not run backwards either
                word["start"] = max(word["start"], out[-1]["end"])
                word["end"] = max(word["end"], word["start"])
        speaker = _majority([w["speaker"] for w in words])
        out.append(
            {
                "start": words[0]["start"],
                "end": words[-1]["end"],
                "speaker": speaker,
                "text": " ".join(w["text"] for w in words),
                "words": [_word(w) for w in words],
            }
        )
    speaker_ids = sorted(
        {s["speaker"] for s in out} | {w["speaker"] for s in out for w in s["words"]}
    )
    return {
        "version": TRANSCRIPT_VERSION,
        "language": language,
        "duration": duration,
        "engine": engine,
        "speakers": [{"id": sid, "label": f"Speaker {i + 1}"} for i, sid in enumerate(speaker_ids)],
        "segments": out,
        "events": [],
    }


def _word(w: dict[str, Any]) -> Word:
    """A normalized engine word in the contract's shape, with its prosody when analysed."""
    word: dict[str, Any] = {
        "text": w["text"],
        "start": w["start"],
        "end": w["end"],
        "score": None if w["score"] is None else round(float(w["score"]), 3),
        "speaker": w["speaker"],
    }
    if "prosody" in w:
        word.update(prosody=w["prosody"], emphasis=w["emphasis"], emphasis_set=False)
    return cast(Word, word)


def _majority(values: list[str]) -> str:
    return max(set(values), key=values.count)


def _number(errors: dict[str, str], path: str, value: Any) -> float | None:
    if not finite_number(value):
        errors[path] = "must be a finite number"
        return None
    return float(value)


def _text(
    errors: dict[str, str],
    path: str,
    value: Any,
    *,
    required: bool = True,
    max_length: int = MAX_WORD_LENGTH,
) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        errors[path] = "must be a non-empty string"
        return ""
    if len(value) > max_length:
        errors[path] = f"is longer than {max_length} characters"
    return value


def validate_transcript(data: Any) -> Transcript:
    """Check `data` against the contract; returns it typed or raises TranscriptInvalid."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        raise TranscriptInvalid({"": "must be an object"})
    if data.get("version") not in READABLE_VERSIONS:
        errors["version"] = f"must be one of {list(READABLE_VERSIONS)}"
    language = _text(errors, "language", data.get("language"))
    if "language" not in errors and not LANGUAGE_TAG.fullmatch(language):
        errors["language"] = "must be a language code such as en, pt-BR or zh-Hant"
    duration = _number(errors, "duration", data.get("duration"))
    if duration is not None and duration < 0:
        errors["duration"] = "must not be negative"
    engine = data.get("engine")
    if not isinstance(engine, dict) or not all(
        isinstance(engine.get(k), str) for k in ("name", "model", "alignment", "diarization")
    ):
        errors["engine"] = "must have name, model, alignment and diarization strings"
    else:
        if not isinstance(engine.get("prosody", ""), str):
            errors["engine.prosody"] = "must be a string"
        terms = engine.get("vocabulary", [])
        if not (
            isinstance(terms, list)
            and len(terms) <= MAX_TERMS
            and all(isinstance(t, str) and len(t) <= MAX_WORD_LENGTH for t in terms)
        ):
            errors["engine.vocabulary"] = f"must be a list of at most {MAX_TERMS} terms"
    speakers = data.get("speakers")
    speaker_ids: set[str] = set()
    if not isinstance(speakers, list):
        errors["speakers"] = "must be a list"
    else:
        for i, speaker in enumerate(speakers):
            if not isinstance(speaker, dict):
                errors[f"speakers.{i}"] = "must be an object"
                continue
            sid = _text(errors, f"speakers.{i}.id", speaker.get("id"))
            _text(errors, f"speakers.{i}.label", speaker.get("label"))
            color = speaker.get("color")
            if color is not None and not (isinstance(color, str) and COLOR.fullmatch(color)):
                errors[f"speakers.{i}.color"] = "must be a colour such as #FFD84D"
            if sid in speaker_ids:
                errors[f"speakers.{i}.id"] = "is a duplicate"
            speaker_ids.add(sid)
    segments = data.get("segments")
    if not isinstance(segments, list):
        errors["segments"] = "must be a list"
        segments = []
    word_count = 0
    previous_end = 0.0
    for i, segment in enumerate(segments):
        path = f"segments.{i}"
        if not isinstance(segment, dict):
            errors[path] = "must be an object"
            continue
        start = _number(errors, f"{path}.start", segment.get("start"))
        end = _number(errors, f"{path}.end", segment.get("end"))
        _text(
            errors,
            f"{path}.text",
            segment.get("text"),
            required=False,
            max_length=MAX_SEGMENT_TEXT_LENGTH,
        )
        if segment.get("speaker") not in speaker_ids:
            errors[f"{path}.speaker"] = "must be one of the speakers' ids"
        if start is not None and end is not None:
            _check_span(errors, path, start, end, duration)
            if start < previous_end - 1e-6:
                errors[f"{path}.start"] = "overlaps the previous segment"
            previous_end = max(previous_end, end)
        words = segment.get("words")
        if not isinstance(words, list):
            errors[f"{path}.words"] = "must be a list"
            continue
        word_count += len(words)
        cursor = start if start is not None else 0.0
        for j, word in enumerate(words):
            wpath = f"{path}.words.{j}"
            if not isinstance(word, dict):
                errors[wpath] = "must be an object"
                continue
            _text(errors, f"{wpath}.text", word.get("text"))
            ws = _number(errors, f"{wpath}.start", word.get("start"))
            we = _number(errors, f"{wpath}.end", word.get("end"))
            if word.get("score") is not None:
                score = _number(errors, f"{wpath}.score", word["score"])
                if score is not None and not 0 <= score <= 1:
                    errors[f"{wpath}.score"] = "must lie in [0, 1]"
            if word.get("speaker") not in speaker_ids:
                errors[f"{wpath}.speaker"] = "must be one of the speakers' ids"
            _check_expression(errors, wpath, word)
            if ws is None or we is None:
                continue
            _check_span(errors, wpath, ws, we, duration)
            if ws < cursor - 1e-6:
                errors[f"{wpath}.start"] = "overlaps the previous word or starts before its segment"
            if end is not None and we > end + 1e-6:
                errors[f"{wpath}.end"] = "ends after its segment"
            cursor = max(cursor, we)
        if len(errors) > 50:
            break
    _check_events(errors, data.get("events"), duration)
    if word_count > MAX_WORDS:
        errors["segments"] = f"holds more than {MAX_WORDS} words"
    if errors:
        raise TranscriptInvalid(errors)
    return data  # type: ignore[return-value]


def _check_events(errors: dict[str, str], events: Any, duration: float | None) -> None:
    """Optional non-speech sounds: timed, in the media, with a short lowercase label."""
    if events is None:
        return
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        errors["events"] = f"must be a list of at most {MAX_EVENTS} events"
        return
    for i, event in enumerate(events):
        path = f"events.{i}"
        if not isinstance(event, dict) or set(event) - {"start", "end", "label"}:
            errors[path] = "must be an object with start, end and label"
            continue
        start = _number(errors, f"{path}.start", event.get("start"))
        end = _number(errors, f"{path}.end", event.get("end"))
        if start is not None and end is not None:
            _check_span(errors, path, start, end, duration)
        label = event.get("label")
        if not isinstance(label, str) or not EVENT_LABEL.fullmatch(label):
            errors[f"{path}.label"] = "must be a short label of lowercase letters, spaces and -"


def _check_expression(errors: dict[str, str], path: str, word: dict[str, Any]) -> None:
    """Version 2 word fields: prosody numbers finite and bounded, emphasis in [0, 1], tags as
    a few short slugs."""
    prosody = word.get("prosody")
    if prosody is not None:
        if not isinstance(prosody, dict) or set(prosody) - set(PROSODY_BOUNDS):
            errors[f"{path}.prosody"] = f"must be an object with {sorted(PROSODY_BOUNDS)}"
        else:
            for key, bound in PROSODY_BOUNDS.items():
                value = prosody.get(key)
                if value is None and key == "pitch_st":  # unvoiced
                    continue
                number = (
                    float(value)
                    if isinstance(value, int | float) and finite_number(value)
                    else float("nan")
                )
                if not (abs(number) <= bound and (key != "stretch" or number > 0)):
                    errors[f"{path}.prosody.{key}"] = f"must be a number within +-{bound:g}"
    emphasis = word.get("emphasis")
    if emphasis is not None and not (finite_number(emphasis) and 0 <= float(emphasis) <= 1):
        errors[f"{path}.emphasis"] = "must lie in [0, 1]"
    if not isinstance(word.get("emphasis_set", False), bool):
        errors[f"{path}.emphasis_set"] = "must be true or false"
    elif word.get("emphasis_set") and emphasis is None:
        errors[f"{path}.emphasis"] = "must be given when emphasis_set is true"
    tags = word.get("tags")
    if tags is not None and not (
        isinstance(tags, list)
        and len(tags) <= MAX_TAGS
        and all(isinstance(t, str) and TAG.fullmatch(t) for t in tags)
    ):
        errors[f"{path}.tags"] = (
            f"must be at most {MAX_TAGS} tags of lowercase letters, digits and -, 32 at most"
        )


def _check_span(
    errors: dict[str, str], path: str, start: float, end: float, duration: float | None
) -> None:
    if start < 0:
        errors[f"{path}.start"] = "must not be negative"
    if end < start:
        errors[f"{path}.end"] = "must not be before start"
    if duration is not None and end > duration + 1e-6:
        errors[f"{path}.end"] = "must lie within the media's duration"
