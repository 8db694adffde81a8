"""A creator's vocabulary on real speech: the 112 s amateur-radio monologue ve9qrp (Debian's
codec2-examples), full of names Whisper base mishears without help ("Monkton", "Bay of
Fundees", "yaggies", "TS2000": 2 of these 8 names right, bench/vocabulary.py)."""

import json
import re

import pytest
from django.core.management import call_command

from media.tests import real_speech
from media.transcription.engine import TranscribeOptions, no_progress
from media.transcription.whisperx_engine import engine_for

pytestmark = pytest.mark.slow
NAMES = ["VE9QRP", "Sackville", "Bay of Fundy", "Moncton", "Kenwood", "TS-2000", "Yagis", "Codec 2"]
UNSPOKEN = ["Halifax", "Fredericton", "Yaesu", "Icom", "Saskatoon", "Motorola"]
# Stretches without any name, which the recognizer hears right with or without a vocabulary.
PLAIN_WORDS = [
    "separating nova scotia and new brunswick on the east coast of canada",
    "small university town",
    "that's where the international airport is",
    "the leaves are slowly departing from us",
    "2,500 bits per second",
    "logitech headphone usb sound device headphone",
]


@pytest.fixture(scope="module")
def monologue():
    real_speech.require()
    return real_speech.VOICES["ve9qrp"].pieces[0].path


def normal(text):
    """Lower case, punctuation gone but for hyphens and apostrophes, "2,500" as "2500"."""
    text = re.sub(r"(?<=\d),(?=\d)", "", text.lower())
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


def text_of(transcript):
    return normal(" ".join(w["text"] for s in transcript["segments"] for w in s["words"]))


def has(text, phrase):
    return f" {normal(phrase)} " in f" {text} "


def test_the_vocabulary_turns_misheard_names_into_the_creators_spelling(
    monologue, tmp_path, capsys
):
    output = tmp_path / "ve9qrp.json"
    call_command(
        "transcribe",
        str(monologue),
        "-o",
        str(output),
        "--no-diarize",
        "--vocabulary",
        ", ".join(NAMES),
    )
    transcript = json.loads(output.read_text())
    assert transcript["engine"]["vocabulary"] == NAMES
    assert "vocabulary given to the recognizer: VE9QRP, Sackville" in capsys.readouterr().out
    text = text_of(transcript)
    right = [name for name in NAMES if has(text, name)]
    assert len(right) >= 7, f"names right: {right}\n{text}"
    words = [w["text"].strip(",.") for s in transcript["segments"] for w in s["words"]]
    assert "TS-2000" in words  # one word, as the creator writes it
    for phrase in PLAIN_WORDS:
        assert has(text, phrase), phrase


def test_unspoken_terms_are_not_written_in_and_no_words_are_lost(monologue):
    result = engine_for().transcribe(
        monologue, TranscribeOptions(diarize=False, vocabulary=tuple(UNSPOKEN)), no_progress
    )
    text = text_of(result.transcript)
    assert [term for term in UNSPOKEN if has(text, term)] == []
    for phrase in PLAIN_WORDS:
        assert has(text, phrase), phrase
    assert result.transcript["engine"]["vocabulary"] == UNSPOKEN

    detection = result.language_detection  # the language was not given: detected, and sure
    assert detection["language"] == result.transcript["language"] == "en"
    assert detection["probability"] >= 0.7
    others = detection["candidates"]
    assert len(others) == 3
    assert "en" not in [c["language"] for c in others]
    assert [c["probability"] for c in others] == sorted(
        (c["probability"] for c in others), reverse=True
    )
    assert others[0]["probability"] <= detection["probability"]
