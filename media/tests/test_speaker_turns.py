"""Turns to words: each word takes the speaker who covers most of it, whatever found the turns."""

from media.transcription.turns import Turn, assign_speakers, turns_from_table


def segment(*words):
    return {"words": [{"word": t, "start": s, "end": e} for t, s, e in words]}


def test_a_word_takes_the_speaker_covering_most_of_it():
    turns = [Turn(0.0, 1.05, "SPEAKER_00"), Turn(1.05, 3.0, "SPEAKER_01")]
    out = assign_speakers([segment(("one", 0.2, 0.6), ("two", 0.9, 1.4))], turns)
    speakers = [w["speaker"] for s in out for w in s["words"]]
    assert speakers == ["SPEAKER_00", "SPEAKER_01"]


def test_a_segment_is_split_where_the_speaker_changes():
    turns = [
        Turn(0.0, 1.0, "SPEAKER_00"),
        Turn(1.0, 2.0, "SPEAKER_01"),
        Turn(2.0, 3.0, "SPEAKER_00"),
    ]
    words = [("a", 0.1, 0.4), ("b", 0.5, 0.9), ("c", 1.1, 1.5), ("d", 2.2, 2.5)]
    out = assign_speakers([segment(*words)], turns)
    assert [(s["speaker"], s["text"], s["start"], s["end"]) for s in out] == [
        ("SPEAKER_00", "a b", 0.1, 0.9),
        ("SPEAKER_01", "c", 1.1, 1.5),
        ("SPEAKER_00", "d", 2.2, 2.5),
    ]


def test_a_word_in_no_turn_takes_the_nearest_one():
    turns = [Turn(0.0, 1.0, "SPEAKER_00"), Turn(5.0, 6.0, "SPEAKER_01")]
    out = assign_speakers([segment(("late", 4.5, 4.8), ("early", 1.2, 1.3))], turns)
    assert [w["speaker"] for s in out for w in s["words"]] == ["SPEAKER_01", "SPEAKER_00"]


def test_a_pyannote_style_table_becomes_ordered_turns():
    rows = [
        {"start": 2.0, "end": 3.0, "speaker": "SPEAKER_01"},
        {"start": 0.0, "end": 2.0, "speaker": "SPEAKER_00"},
    ]
    assert turns_from_table(rows) == [Turn(0.0, 2.0, "SPEAKER_00"), Turn(2.0, 3.0, "SPEAKER_01")]
