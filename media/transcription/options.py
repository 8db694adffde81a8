"""Transcription options as they arrive (API, remote jobs), checked in one place."""

from __future__ import annotations

from typing import Any

from ecg.errors import DomainError, ErrorCode
from media.transcription.engine import TranscribeOptions

# The languages Whisper knows (its tokenizer's list): a code outside it cannot be forced.
_WHISPER_CODES = (
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha "
    "haw he hi hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr "
    "ms mt my ne nl nn no oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th "
    "tk tl tr tt uk ur uz vi yi yo zh yue"
)
WHISPER_LANGUAGES = frozenset(_WHISPER_CODES.split(" "))


def parse_options(data: Any, *, default_language: str = "auto") -> TranscribeOptions:
    """TranscribeOptions from a JSON object; every bad field is named in the error."""
    if not isinstance(data, dict):
        data = {"": data}
    errors: dict[str, list[str]] = {}
    unknown = set(data) - {
        "language",
        "model",
        "diarize",
        "num_speakers",
        "min_speakers",
        "max_speakers",
        "speakers_only",
    }
    for name in sorted(unknown):
        errors[name] = ["Unknown option."]
    language = data.get("language") or default_language
    if not isinstance(language, str) or language.strip().lower() not in WHISPER_LANGUAGES | {
        "auto"
    }:
        errors["language"] = [
            "Not a language the recognizer knows: use 'auto' to detect it, or one of its "
            "ISO 639-1 codes (en, de, ja, ...)."
        ]
        language = "auto"
    model = data.get("model") or ""
    if not isinstance(model, str) or len(model) > 200:
        errors["model"] = ["A model name or directory of at most 200 characters."]
        model = ""
    diarize = data.get("diarize", True)
    speakers_only = data.get("speakers_only", False)
    for name, flag in (("diarize", diarize), ("speakers_only", speakers_only)):
        if not isinstance(flag, bool):
            errors[name] = ["Must be true or false."]
    if speakers_only is True and diarize is False:
        errors["speakers_only"] = ["Finding the speakers again needs diarize: true."]
    speakers: dict[str, int | None] = {}
    for name in ("num_speakers", "min_speakers", "max_speakers"):
        value = data.get(name)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 20
        ):
            errors[name] = ["A whole number from 1 to 20, or null."]
            value = None
        speakers[name] = value
    low, high = speakers["min_speakers"], speakers["max_speakers"]
    if low is not None and high is not None and low > high:
        errors["min_speakers"] = ["Must not be more than max_speakers."]
    exact = speakers["num_speakers"]
    if exact is not None and not (low or 1) <= exact <= (high or exact):
        errors["num_speakers"] = ["Must lie within min_speakers and max_speakers."]
    if errors:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The transcription options are invalid.",
            details={"fields": errors},
        )
    return TranscribeOptions(
        language=language.strip().lower(),
        model=model,
        diarize=bool(diarize),
        speakers_only=speakers_only is True,
        **speakers,
    )
