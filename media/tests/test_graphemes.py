"""A word never begins with a mark torn from the letter before it (Thai, Devanagari, kana), and
a piece Whisper gives without a leading space ("-2000" after "TS") is the rest of its word."""

import pytest

from media.transcription.graphemes import continues_previous, join_torn_letters, join_word_pieces


def word(text, start, end, score=0.9):
    return {"word": text, "start": start, "end": end, "score": score}


@pytest.mark.parametrize(
    ("text", "continues"),
    [
        ("\u0e31", True),  # Thai vowel sign mai han-akat
        ("\u0e48น", True),  # Thai tone mark mai ek, then a letter
        ("\u094d", True),  # Devanagari virama
        ("\u3099", True),  # combining kana voiced sound mark
        ("\u200d", True),  # zero-width joiner
        ("\ufe0f", True),  # variation selector (emoji presentation)
        ("อน", False),
        ("Hello", False),
        ("नमस्ते", False),
        ("", False),
    ],
)
def test_a_piece_continues_the_previous_word_when_it_begins_with_a_mark(text, continues):
    assert continues_previous(text) is continues


def test_torn_marks_join_the_word_before_them():
    # As Whisper split Thai speech here: "อ" "ั" "น" "ย" "่" "อน"
    words = [
        word("อ", 0.0, 0.1),
        word("\u0e31", 0.1, 0.2, 0.5),
        word("น", 0.2, 0.3),
        word("ย", 0.3, 0.4),
        word("\u0e48", 0.4, 0.45, 0.7),
        word("อน", 0.45, 0.6),
    ]
    joined = join_torn_letters(words)
    assert [w["word"] for w in joined] == ["อ\u0e31", "น", "ย\u0e48", "อน"]
    assert (joined[0]["start"], joined[0]["end"], joined[0]["score"]) == (0.0, 0.2, 0.5)
    assert joined[1] == words[2]
    assert "".join(w["word"] for w in joined) == "".join(w["word"] for w in words)


def test_words_of_aligned_output_and_untimed_pieces_are_joined_too():
    words = [
        {"text": "क", "start": 1.0, "end": 1.2, "score": None},
        {"text": "\u094dष", "start": None, "end": None, "score": None},  # unaligned piece
        {"text": "ा", "start": 1.2, "end": 1.5, "score": 0.8},
    ]
    assert join_torn_letters(words) == [
        {"text": "क\u094dषा", "start": 1.0, "end": 1.5, "score": 0.8}
    ]


def test_a_mark_with_nothing_before_it_stays_and_spaced_words_are_untouched():
    assert join_torn_letters([word("\u0e48", 0, 0.1)]) == [word("\u0e48", 0, 0.1)]
    spaced = [word("Welcome", 0, 0.4), word("back", 0.5, 0.8)]
    assert join_torn_letters(spaced) == spaced


def test_a_piece_without_a_leading_space_is_the_rest_of_the_word_before_it():
    words = [
        word(" Kenwood", 47.9, 48.4),
        word(" TS", 48.5, 48.8, 0.9),
        word("-2000", 48.8, 49.3, 0.56),
    ]
    words.append(word(" radio,", 49.4, 49.8))
    joined = join_word_pieces(words, "en")
    assert [w["word"].strip() for w in joined] == ["Kenwood", "TS-2000", "radio,"]
    assert (joined[1]["start"], joined[1]["end"], joined[1]["score"]) == (48.5, 49.3, 0.56)
    assert words[1]["word"] == " TS"  # the input is not changed


def test_words_of_languages_written_without_spaces_stay_apart():
    words = [word("你", 0.0, 0.2), word("好", 0.2, 0.4)]
    assert [w["word"] for w in join_word_pieces(words, "zh")] == ["你", "好"]
    assert [w["word"] for w in join_word_pieces(words, "ja")] == ["你", "好"]


def test_the_first_piece_of_a_segment_starts_a_word_with_or_without_a_space():
    joined = join_word_pieces([word("-so", 0.0, 0.2), word(" it", 0.2, 0.4)], "en")
    assert [w["word"] for w in joined] == ["-so", " it"]
