"""Speakers found again over an edited transcript: words untouched, old names kept."""

import pytest

from ecg.errors import DomainError
from media.tests.factories import sample_transcript
from media.transcription.respeak import apply_turns, parse_turns
from media.transcription.schema import validate_transcript
from media.transcription.turns import Turn


def named(transcript):
    transcript["speakers"][0].update(label="Sam", color="#FFD84D")
    return transcript


def test_new_turns_relabel_words_and_old_names_stay_with_their_voice():
    before = named(sample_transcript(speakers=1))  # "Welcome back to the channel." "Thanks..."
    turns = [Turn(0.0, 2.5, "SPEAKER_00"), Turn(2.5, 10.0, "SPEAKER_01")]
    after = validate_transcript(apply_turns(before, turns))
    words = lambda t: [(w["text"], w["start"], w["end"]) for s in t["segments"] for w in s["words"]]  # noqa: E731
    assert words(after) == words(before)
    assert [s["speaker"] for s in after["segments"]] == ["SPEAKER_00", "SPEAKER_01"]
    assert after["speakers"] == [
        {"id": "SPEAKER_00", "label": "Sam", "color": "#FFD84D"},
        {"id": "SPEAKER_01", "label": "Speaker 2"},
    ]


def test_ids_follow_the_voices_not_the_diarizers_numbering():
    before = named(sample_transcript(speakers=1))
    swapped = [Turn(0.0, 2.5, "SPEAKER_01"), Turn(2.5, 10.0, "SPEAKER_00")]
    after = apply_turns(before, swapped)
    assert after["segments"][0]["speaker"] == "SPEAKER_00"  # the first voice is still Sam
    assert after["speakers"][0]["label"] == "Sam"


def test_a_speaker_who_no_longer_speaks_is_dropped_and_a_line_splits_at_a_change():
    before = sample_transcript(speakers=2)
    one = apply_turns(before, [Turn(0.0, 10.0, "SPEAKER_07")])
    assert [s["id"] for s in one["speakers"]] == ["SPEAKER_00"]
    split = apply_turns(before, [Turn(0.0, 1.37, "SPEAKER_00"), Turn(1.37, 10.0, "SPEAKER_01")])
    assert [s["text"] for s in split["segments"]] == [
        "Welcome back to",
        "the channel.",
        "Thanks for having me.",
    ]
    validate_transcript(split)


@pytest.mark.parametrize(
    "turns",
    [None, "x", [[0, 1]], [[0, "a", "SPEAKER_00"]], [[2, 1, "SPEAKER_00"]], [[0, 1, "<b>"]]],
)
def test_malformed_turns_from_a_worker_are_refused(turns):
    with pytest.raises(DomainError):
        parse_turns(turns)
