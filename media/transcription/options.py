"""Transcription options as they arrive (API, remote jobs), checked in one place."""

from __future__ import annotations

from typing import Any

from ecg.errors import DomainError, ErrorCode
from media.transcription.engine import TranscribeOptions
from media.transcription.vocabulary import parse_terms

# The languages Whisper knows (its tokenizer's list, with the names Whisper gives them): a code
# outside it cannot be forced. The upload page and the editor offer them by name.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "zh": "Chinese",
    "de": "German",
    "es": "Spanish",
    "ru": "Russian",
    "ko": "Korean",
    "fr": "French",
    "ja": "Japanese",
    "pt": "Portuguese",
    "tr": "Turkish",
    "pl": "Polish",
    "ca": "Catalan",
    "nl": "Dutch",
    "ar": "Arabic",
    "sv": "Swedish",
    "it": "Italian",
    "id": "Indonesian",
    "hi": "Hindi",
    "fi": "Finnish",
    "vi": "Vietnamese",
    "he": "Hebrew",
    "uk": "Ukrainian",
    "el": "Greek",
    "ms": "Malay",
    "cs": "Czech",
    "ro": "Romanian",
    "da": "Danish",
    "hu": "Hungarian",
    "ta": "Tamil",
    "no": "Norwegian",
    "th": "Thai",
    "ur": "Urdu",
    "hr": "Croatian",
    "bg": "Bulgarian",
    "lt": "Lithuanian",
    "la": "Latin",
    "mi": "Maori",
    "ml": "Malayalam",
    "cy": "Welsh",
    "sk": "Slovak",
    "te": "Telugu",
    "fa": "Persian",
    "lv": "Latvian",
    "bn": "Bengali",
    "sr": "Serbian",
    "az": "Azerbaijani",
    "sl": "Slovenian",
    "kn": "Kannada",
    "et": "Estonian",
    "mk": "Macedonian",
    "br": "Breton",
    "eu": "Basque",
    "is": "Icelandic",
    "hy": "Armenian",
    "ne": "Nepali",
    "mn": "Mongolian",
    "bs": "Bosnian",
    "kk": "Kazakh",
    "sq": "Albanian",
    "sw": "Swahili",
    "gl": "Galician",
    "mr": "Marathi",
    "pa": "Punjabi",
    "si": "Sinhala",
    "km": "Khmer",
    "sn": "Shona",
    "yo": "Yoruba",
    "so": "Somali",
    "af": "Afrikaans",
    "oc": "Occitan",
    "ka": "Georgian",
    "be": "Belarusian",
    "tg": "Tajik",
    "sd": "Sindhi",
    "gu": "Gujarati",
    "am": "Amharic",
    "yi": "Yiddish",
    "lo": "Lao",
    "uz": "Uzbek",
    "fo": "Faroese",
    "ht": "Haitian Creole",
    "ps": "Pashto",
    "tk": "Turkmen",
    "nn": "Nynorsk",
    "mt": "Maltese",
    "sa": "Sanskrit",
    "lb": "Luxembourgish",
    "my": "Myanmar",
    "bo": "Tibetan",
    "tl": "Tagalog",
    "mg": "Malagasy",
    "as": "Assamese",
    "tt": "Tatar",
    "haw": "Hawaiian",
    "ln": "Lingala",
    "ha": "Hausa",
    "ba": "Bashkir",
    "jw": "Javanese",
    "su": "Sundanese",
    "yue": "Cantonese",
}
WHISPER_LANGUAGES = frozenset(LANGUAGE_NAMES)


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
        "vocabulary",
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
        vocabulary=tuple(parse_terms(data.get("vocabulary"))),
        model=model,
        diarize=bool(diarize),
        speakers_only=speakers_only is True,
        **speakers,
    )
