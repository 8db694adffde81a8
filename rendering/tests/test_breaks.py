"""Caption and line breaks a subtitler would choose (rendering/breaks.py, through the layout)."""

import itertools
import re

import pytest

from media.transcription.schema import build_transcript
from rendering.breaks import ISOLATING_PAUSE, SENTENCE_END, Limits, break_captions, glued
from rendering.layout import caption_model, transcript_words
from rendering.scenario import ScenarioInvalid, preset_style, validate_scenario
from rendering.tests.scripts import SCRIPTS, script_transcript

STEP = 0.35  # an ordinary pace: about 13 characters a second
STORY = (
    "We drove from Boston to New Jersey. It cost us 5 dollars in tolls and took 3 hours, "
    "which was fine though. My sister Mary Anne met us there."
)


def spoken(text, pauses=None, speakers=None, language="en"):
    """A transcript of `text` said at STEP a word; pauses: {word index: seconds before it}."""
    words, t = [], 0.2
    for i, word in enumerate(text.split()):
        t += (pauses or {}).get(i, 0.0)
        speaker = speakers[i] if speakers else "SPEAKER_00"
        words.append(
            {"text": word, "start": round(t, 3), "end": round(t + 0.28, 3), "speaker": speaker}
        )
        t += STEP
    return build_transcript(
        language=language,
        duration=round(t + 2, 3),
        engine={"name": "x", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": words}],
    )


def lone_words(captions):
    """One-word captions with less than ISOLATING_PAUSE of silence on either side."""
    found = []
    for index, caption in enumerate(captions):
        words = [w for line in caption["lines"] for w in line]
        if len(words) > 1:
            continue
        before = captions[index - 1]["lines"][-1][-1]["end"] if index else None
        after = captions[index + 1]["lines"][0][0]["start"] if index + 1 < len(captions) else None
        word = words[0]
        if (before is not None and word["start"] - before < ISOLATING_PAUSE) or (
            after is not None and after - word["end"] < ISOLATING_PAUSE
        ):
            found.append(word["text"])
    return found


def capitalised(text):
    letter = re.search(r"[^\W\d_]", text)
    return bool(letter) and letter.group().isupper() and text != "I"


def split_names(captions):
    """Breaks (between lines or captions) between two capitalised words mid-sentence."""
    lines = [line for caption in captions for line in caption["lines"]]
    found = []
    for above, below in itertools.pairwise(lines):
        last, first = above[-1]["text"], below[0]["text"]
        opens_sentence = len(above) == 1  # then its capital may be the sentence's
        ends_clause = last.endswith((*SENTENCE_END, ","))
        if capitalised(last) and capitalised(first) and not ends_clause and not opens_sentence:
            found.append(f"{last} | {first}")
    return found


def one_line_with(captions, phrase):
    return any(phrase in " ".join(w["text"] for w in line) for c in captions for line in c["lines"])


def captions(transcript, **style):
    """Each caption as its lines' texts."""
    model = caption_model(transcript, {**preset_style("classic"), **style})
    return [[" ".join(w["text"] for w in line) for line in c["lines"]] for c in model["captions"]]


def flat(found):
    return [" / ".join(lines) for lines in found]


@pytest.mark.parametrize(
    ("text", "name", "words_per_line"),
    [
        ("We flew all the way to New Jersey last week", "New Jersey", 4),
        ("I met Mary Anne Smith at the station today", "Mary Anne Smith", 3),
    ],
)
def test_a_name_is_never_split_over_lines_or_captions(text, name, words_per_line):
    found = flat(captions(spoken(text), max_words_per_line=words_per_line, lines_per_caption=1))
    assert any(name in caption for caption in found), found


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("The tickets cost us 5 dollars each at the door", "5 dollars"),
        ("Prices went up by 20 % since last summer", "20 %"),
        ("We ran about 3 km along the river", "3 km"),
        ("It takes twenty minutes by bus from here", "twenty minutes"),
        ("Well of course we will be there", "of course"),
    ],
)
def test_a_number_stays_with_its_unit_and_a_set_phrase_with_itself(text, together):
    for words_per_line in (2, 3, 4):
        found = flat(captions(spoken(text), max_words_per_line=words_per_line, lines_per_caption=1))
        assert any(together in caption for caption in found), (words_per_line, found)


def test_capitals_at_a_sentence_start_do_not_make_a_name():
    assert glued("New", "Jersey", sentence_start=False)
    assert glued("New", "Jersey", sentence_start=True)
    assert not glued("Then", "Mary", sentence_start=True)
    assert not glued("Jersey.", "Then", sentence_start=False)
    assert not glued("Boston,", "Chicago", sentence_start=False)


def test_no_caption_is_one_word_unless_pauses_isolate_it():
    # Greedy filling left "there." alone: five words, then the sentence's sixth.
    text = "I think we should all go there. Then we can talk about it later though."
    found = captions(spoken(text), max_words_per_line=5, lines_per_caption=1)
    assert all(len(" ".join(lines).split()) > 1 for lines in found), found
    paused = spoken("So we waited. Silence. And then it started again", pauses={3: 0.6, 4: 0.6})
    found = flat(captions(paused, max_words_per_line=5, lines_per_caption=1))
    assert "Silence." in found, found


def test_a_pause_or_a_new_speaker_always_ends_a_caption():
    found = captions(spoken("We left at noon and arrived late", pauses={4: 1.2}))
    assert flat(found) == ["We left at noon", "and arrived late"]
    turns = spoken("Are you coming? Yes I am", speakers=["A", "A", "A", "B", "B", "B"])
    assert flat(captions(turns)) == ["Are you coming?", "Yes I am"]


def test_breaks_fall_after_punctuation_and_before_conjunctions_first():
    found = flat(
        captions(
            spoken("When we got home, the dog was asleep on the sofa"),
            max_words_per_line=5,
            lines_per_caption=1,
        )
    )
    assert found == ["When we got home,", "the dog was asleep", "on the sofa"]
    found = flat(
        captions(
            spoken("I wanted to call her but the phone was dead"),
            max_words_per_line=6,
            lines_per_caption=1,
        )
    )
    assert found == ["I wanted to call her", "but the phone was dead"]


def test_a_sentence_end_closes_a_caption_rather_than_a_line_carrying_on():
    found = flat(
        captions(spoken("We drove from Boston to New Jersey. It cost us 5 dollars in tolls."))
    )
    assert found[0].endswith("New Jersey."), found
    assert all(not caption.startswith(("dollars", "Jersey")) for caption in found)


def test_two_lines_are_balanced_with_the_top_one_no_longer():
    text = "The closest large town is Moncton in New Brunswick"
    [lines] = captions(spoken(text), max_words_per_line=6, lines_per_caption=2)
    assert len(lines) == 2
    top, bottom = (len(line) for line in lines)
    assert top <= bottom, lines
    assert bottom - top <= 12, lines
    # One line when it fits: a short caption is not broken in two.
    assert captions(spoken("See you tomorrow then"), max_words_per_line=6) == [
        ["See you tomorrow then"]
    ]


def test_limits_are_upper_bounds():
    text = "one two three four five six seven eight nine ten eleven twelve thirteen"
    for lines in captions(spoken(text), max_words_per_line=3, max_chars_per_line=14):
        assert len(lines) <= 2
        assert all(len(line.split()) <= 3 and len(line) <= 14 for line in lines)


def test_a_caption_spans_no_longer_than_the_longest_allowed():
    text = " ".join(["word"] * 30)
    slow = spoken(text)
    model = caption_model(
        slow, {**preset_style("classic"), "max_words_per_line": 12, "max_caption_ms": 2000}
    )
    for caption in model["captions"]:
        words = [w for line in caption["lines"] for w in line]
        assert words[-1]["end"] - words[0]["start"] <= 2.0


def test_a_short_caption_stays_up_long_enough_to_read_when_the_next_leaves_time():
    transcript = spoken("Okay then. Let us begin the meeting now", pauses={2: 1.5})
    style = {**preset_style("classic"), "max_chars_per_second": 5}
    first = caption_model(transcript, style)["captions"][0]
    assert first["end"] - first["start"] == pytest.approx(len("Okay then.") / 5, abs=0.01)
    hurried = caption_model(
        spoken("Okay then. Let us begin"),
        {**style, "lines_per_caption": 1, "max_words_per_line": 3},
    )
    hurried = hurried["captions"]
    assert hurried[0]["end"] == hurried[1]["start"]  # as long as it can, never over the next
    brief = caption_model(spoken("Okay."), {**style, "min_caption_ms": 2000})
    assert brief["captions"][0]["end"] - brief["captions"][0]["start"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("style", "field"),
    [
        ({"max_chars_per_second": 2}, "style.max_chars_per_second"),
        ({"min_caption_ms": -1}, "style.min_caption_ms"),
        ({"max_caption_ms": 500}, "style.max_caption_ms"),
        ({"min_caption_ms": 3000, "max_caption_ms": 2000}, "style.min_caption_ms"),
    ],
)
def test_reading_speed_options_are_validated_by_name(style, field):
    with pytest.raises(ScenarioInvalid) as caught:
        validate_scenario(style, {}, source_height=1080)
    assert field in caught.value.errors


def test_reading_speed_has_sensible_defaults():
    style = validate_scenario({}, {}, source_height=1080)["style"]
    assert (style["max_chars_per_second"], style["min_caption_ms"], style["max_caption_ms"]) == (
        17,
        800,
        7000,
    )


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_every_script_keeps_within_the_limits_with_no_lone_words(name):
    transcript = script_transcript(name)
    style = {**preset_style("classic"), "max_words_per_line": 3}
    words = transcript_words(transcript)
    found = break_captions(words, Limits.of(style))
    assert [w for caption in found for line in caption for w in line] == words  # none lost or moved
    for caption in found:
        assert len(caption) <= 2
        assert all(len(line) <= 3 for line in caption)
        assert sum(len(line) for line in caption) > 1 or len(words) == 1


def test_japanese_breaks_after_its_own_punctuation():
    found = captions(script_transcript("japanese"), max_words_per_line=4, lines_per_caption=1)
    assert [lines[0].split()[-1] for lines in found[:1]] == ["ですね。"]


def test_a_word_isolated_by_pauses_counts_as_isolated_from_half_a_second():
    assert ISOLATING_PAUSE == 0.5


@pytest.mark.parametrize(("name", "prepositions"), [("arabic", {"في", "إلى"}), ("russian", {"к"})])
@pytest.mark.parametrize("preset", ["classic", "pop", "headline"])
def test_lines_do_not_end_on_a_preposition_in_other_languages_either(name, prepositions, preset):
    model = caption_model(script_transcript(name), preset_style(preset))
    ends = [line[-1]["text"] for caption in model["captions"] for line in caption["lines"]]
    assert not prepositions & set(ends), ends


@pytest.mark.django_db
def test_the_preview_draws_the_same_breaks_and_takes_the_reading_speed(api):
    transcript = spoken(STORY, pauses={7: 0.6, 21: 0.6})
    style = {"preset": "pop", "max_chars_per_second": 12, "min_caption_ms": 1000}
    layout = api.post(
        "/api/v1/captions/layout", {"transcript": transcript, "style": style}, format="json"
    )
    assert layout.status_code == 200, layout.json()
    assert layout.json()["style"]["max_chars_per_second"] == 12
    captions = layout.json()["captions"]
    assert (
        captions
        == caption_model(transcript, validate_scenario(style, {}, source_height=None)["style"])[
            "captions"
        ]
    )
    assert lone_words(captions) == []
    assert split_names(captions) == []
    for phrase in ("New Jersey.", "5 dollars", "Mary Anne"):
        assert one_line_with(captions, phrase), phrase
    too_fast = {"preset": "pop", "max_chars_per_second": 100}
    refused = api.post(
        "/api/v1/captions/layout", {"transcript": transcript, "style": too_fast}, format="json"
    )
    assert refused.status_code == 400
    assert "style.max_chars_per_second" in refused.json()["error"]["details"]["fields"]


def test_a_style_frozen_before_reading_speeds_existed_lays_out_with_the_defaults():
    style = preset_style("classic")
    frozen = dict(style)
    for field in ("max_chars_per_second", "min_caption_ms", "max_caption_ms"):
        del frozen[field]
    transcript = spoken(STORY)
    assert caption_model(transcript, frozen) == caption_model(transcript, style)
