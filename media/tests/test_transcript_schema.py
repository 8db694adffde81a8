"""The Transcript contract: what validation accepts and refuses, and how engine output is
normalized into it."""

import copy

import pytest

from media.tests.factories import sample_transcript
from media.transcription.schema import (
    TranscriptInvalid,
    build_transcript,
    normalize_words,
    validate_transcript,
)


def invalid(transcript) -> dict:
    with pytest.raises(TranscriptInvalid) as caught:
        validate_transcript(transcript)
    return caught.value.errors


def test_a_built_transcript_is_valid_and_follows_the_contract():
    transcript = validate_transcript(sample_transcript(speakers=2))
    assert set(transcript) == {
        "version",
        "language",
        "duration",
        "engine",
        "speakers",
        "segments",
        "events",  # none detected: no sound classifier ships its weights in a package
    }
    assert transcript["events"] == []
    assert transcript["speakers"] == [
        {"id": "SPEAKER_00", "label": "Speaker 1"},
        {"id": "SPEAKER_01", "label": "Speaker 2"},
    ]
    first = transcript["segments"][0]
    assert first["text"] == "Welcome back to the channel."
    assert (first["start"], first["end"]) == (0.5, 2.1)
    assert set(first["words"][0]) == {"text", "start", "end", "score", "speaker"}


def test_overlapping_words_are_refused_with_their_path():
    transcript = sample_transcript()
    transcript["segments"][0]["words"][2]["start"] = 1.0
    assert "segments.0.words.2.start" in invalid(transcript)


def test_times_outside_the_media_are_refused():
    transcript = sample_transcript(duration=10.0)
    transcript["segments"][1]["words"][-1]["end"] = 12.0
    transcript["segments"][1]["end"] = 12.0
    errors = invalid(transcript)
    assert "segments.1.words.3.end" in errors
    assert "duration" in errors["segments.1.end"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_times_and_scores_must_be_finite(value):
    transcript = sample_transcript()
    transcript["segments"][0]["words"][0]["score"] = value
    transcript["segments"][0]["words"][1]["end"] = value
    errors = invalid(transcript)
    assert "finite" in errors["segments.0.words.0.score"]
    assert "finite" in errors["segments.0.words.1.end"]


def test_negative_and_reversed_times_are_refused():
    transcript = sample_transcript()
    transcript["segments"][0]["words"][0]["start"] = -0.1
    transcript["segments"][0]["start"] = -0.1
    transcript["segments"][1]["words"][0]["end"] = 2.9
    errors = invalid(transcript)
    assert "segments.0.words.0.start" in errors
    assert "segments.1.words.0.end" in errors


def test_unknown_speakers_empty_words_and_wrong_types_are_refused():
    transcript = sample_transcript()
    transcript["segments"][0]["speaker"] = "SPEAKER_09"
    transcript["segments"][0]["words"][1]["text"] = "  "
    transcript["segments"][1]["words"][0]["start"] = "3.0"
    errors = invalid(transcript)
    assert {"segments.0.speaker", "segments.0.words.1.text", "segments.1.words.0.start"} <= set(
        errors
    )


@pytest.mark.parametrize("broken", [None, [], {"version": 2}, "text"])
def test_a_non_transcript_is_refused(broken):
    assert invalid(broken)


def test_segments_must_not_overlap_each_other():
    transcript = copy.deepcopy(sample_transcript())
    transcript["segments"][1]["start"] = 2.0
    transcript["segments"][1]["words"][0]["start"] = 2.0
    assert "segments.1.start" in invalid(transcript)


def test_normalize_places_unaligned_words_in_the_gap_and_removes_overlaps():
    words = normalize_words(
        [
            {"text": "one", "start": 1.0, "end": 1.4},
            {"text": "2", "start": None, "end": None},
            {"text": "three", "start": 1.3, "end": 2.0},
            {"text": " ", "start": 0, "end": 0},
        ],
        duration=1.8,
    )
    assert [w["text"] for w in words] == ["one", "2", "three"]
    assert [(w["start"], w["end"]) for w in words] == [(1.0, 1.4), (1.4, 1.4), (1.4, 1.8)]


def test_build_keeps_segments_in_order_even_when_the_engine_overlaps_them():
    transcript = build_transcript(
        language="en",
        duration=5.0,
        engine={"name": "x", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[
            {"words": [{"word": "a", "start": 0.0, "end": 2.0}]},
            {"words": [{"word": "b", "start": 1.5, "end": 3.0}]},
        ],
    )
    validate_transcript(transcript)
    assert transcript["segments"][1]["start"] == 2.0


def test_a_version_1_transcript_stays_valid():
    transcript = sample_transcript()
    transcript["version"] = 1
    assert validate_transcript(transcript)["version"] == 1


def test_events_are_kept_and_checked():
    transcript = sample_transcript()
    transcript["events"] = [{"start": 4.4, "end": 5.0, "label": "laughter"}]
    assert validate_transcript(copy.deepcopy(transcript))["events"][0]["label"] == "laughter"
    transcript["events"] = [
        {"start": 4.4, "end": 99.0, "label": "applause"},
        {"start": 1.0, "end": 2.0, "label": "LAUGH!"},
        {"start": 1.0, "end": 2.0, "label": "music", "volume": 3},
    ]
    errors = invalid(transcript)
    assert set(errors) == {"events.0.end", "events.1.label", "events.2"}
    transcript["events"] = {"laughter": 1}
    assert "events" in invalid(transcript)


def test_speaker_colours_are_kept_and_must_be_colours():
    transcript = sample_transcript(speakers=2)
    transcript["speakers"][1]["color"] = "#FFD84D"
    assert validate_transcript(transcript)["speakers"][1]["color"] == "#FFD84D"
    transcript["speakers"][1]["color"] = "yellow; background: url(x)"
    assert "speakers.1.color" in invalid(transcript)


def test_scores_are_probabilities():
    transcript = sample_transcript()
    transcript["segments"][0]["words"][0]["score"] = 1.5
    assert "segments.0.words.0.score" in invalid(transcript)


def test_version_2_word_fields_are_kept_and_checked():
    transcript = sample_transcript()
    word = transcript["segments"][0]["words"][0]
    word.update(
        prosody={"loudness_db": 6.5, "pitch_st": None, "stretch": 1.4},
        emphasis=0.8,
        emphasis_set=True,
        tags=["keyword", "money-2"],
    )
    assert validate_transcript(transcript)["segments"][0]["words"][0]["tags"] == [
        "keyword",
        "money-2",
    ]
    for field, bad in [
        ("prosody", {"loudness_db": float("nan"), "pitch_st": 0, "stretch": 1}),
        ("prosody", {"loudness_db": 1e9, "pitch_st": 0, "stretch": 1}),
        ("prosody", {"loudness_db": 0, "pitch_st": 0, "stretch": 0}),
        ("prosody", {"loudness_db": 0, "stretch": 1, "script": "<x>"}),
        ("emphasis", 1.5),
        ("emphasis_set", "yes"),
        ("tags", ["Bad Tag"]),
        ("tags", ["a", "b", "c", "d", "e", "f"]),
        ("tags", "keyword"),
    ]:
        broken = copy.deepcopy(transcript)
        broken["segments"][0]["words"][0][field] = bad
        assert any(k.startswith(f"segments.0.words.0.{field}") for k in invalid(broken)), field
