"""Tags on words: built-in numbers and money, the creator's keywords, word lists and regular
expressions (RE2: linear time, whatever the pattern), and how each rule is refused when wrong."""

import time

import pytest

from media.transcription.schema import build_transcript
from rendering.layout import caption_model, sample_times
from rendering.scenario import ScenarioInvalid, validate_scenario
from rendering.tags import rule_tags


def style_of(**fields):
    return validate_scenario(fields, None, source_height=1080)["style"]


def errors_of(**fields):
    with pytest.raises(ScenarioInvalid) as caught:
        validate_scenario(fields, None, source_height=1080)
    return caught.value.errors


def tags_of(text, **fields):
    return dict(zip(text.split(), rule_tags(text.split(), style_of(**fields)), strict=True))


def test_numbers_and_money_are_tagged_without_being_asked():
    tags = tags_of("it costs $500 or 20€ for 3 people and ٣ more")
    assert tags["$500"] == {"number", "money"}
    assert tags["20€"] == {"number", "money"}
    assert tags["3"] == {"number"}
    assert tags["٣"] == {"number"}  # Arabic-Indic digit
    assert tags["costs"] == set()


def test_money_is_found_by_its_sign_or_its_word_in_several_languages():
    tags = tags_of("5000원 500円 it was 80 dollars and 7 долларов but 3 people")
    assert tags["5000원"] == tags["500円"] == {"number", "money"}
    assert tags["80"] == {"number", "money"}
    assert tags["dollars"] == {"money"}
    assert tags["долларов"] == {"money"}
    assert tags["3"] == {"number"}
    assert tags["people"] == set()


def test_keywords_match_whole_words_and_phrases_whatever_the_case_and_punctuation():
    tags = tags_of("We love New York, and ECG! but not newyork", keywords=["ecg", "new york"])
    assert tags["New"] == tags["York,"] == {"keyword"}
    assert tags["ECG!"] == {"keyword"}
    assert tags["newyork"] == set()
    assert tags["love"] == set()


def test_a_word_list_and_a_pattern_give_their_tags():
    rules = [
        {"tag": "brand", "words": ["Acme", "Globex"]},
        {"tag": "hype", "pattern": r"^wo+w+\W*$"},
    ]
    tags = tags_of("Acme is wooow! wow globex now", tag_rules=rules)
    assert tags["Acme"] == {"brand"}
    assert tags["globex"] == {"brand"}
    assert tags["wooow!"] == {"hype"}
    assert tags["wow"] == {"hype"}
    assert tags["now"] == set()


def test_a_pattern_that_backtracks_catastrophically_elsewhere_runs_in_linear_time():
    rules = [{"tag": "slow", "pattern": r"^(a+)+$"}]
    style = style_of(tag_rules=rules)
    words = ["a" * 60 + "b"] * 2000
    started = time.perf_counter()
    tags = rule_tags(words, style)
    assert time.perf_counter() - started < 2.0  # Python's re would not finish one word
    assert tags[0] == set()


@pytest.mark.parametrize(
    ("rule", "field", "says"),
    [
        ({"tag": "x", "pattern": "(a"}, "style.tag_rules.0.pattern", "missing )"),
        ({"tag": "x", "pattern": r"(a)\1"}, "style.tag_rules.0.pattern", "back-references"),
        ({"tag": "x", "pattern": "(?<=a)b"}, "style.tag_rules.0.pattern", "look-around"),
        ({"tag": "x", "pattern": "a" * 201}, "style.tag_rules.0.pattern", "1 to 200"),
        ({"tag": "x", "words": ["a"], "pattern": "a"}, "style.tag_rules.0", "either"),
        ({"tag": "x"}, "style.tag_rules.0", "either"),
        ({"tag": "Not A Slug", "words": ["a"]}, "style.tag_rules.0.tag", "slug"),
        ({"tag": "x", "words": ["a" * 61]}, "style.tag_rules.0.words.0", "1 to 60"),
        ({"tag": "x", "words": "a"}, "style.tag_rules.0.words", "list"),
        ({"tag": "x", "regex": "a"}, "style.tag_rules.0", "must be {"),
    ],
)
def test_a_wrong_rule_is_refused_naming_it(rule, field, says):
    errors = errors_of(tag_rules=[rule])
    assert says in errors[field]


@pytest.mark.parametrize(
    ("styles", "field", "says"),
    [
        ({"hype": {"emoji": "hello"}}, "style.tag_styles.hype.emoji", "emoji"),
        ({"hype": {"emoji": "🔥" * 17}}, "style.tag_styles.hype.emoji", "16"),
        ({"hype": {"animation": "spin"}}, "style.tag_styles.hype.animation", "pulse"),
        ({"hype": {"weight": 950}}, "style.tag_styles.hype.weight", "multiple of 100"),
        ({"hype": {"color": "red"}}, "style.tag_styles.hype.color", "#RRGGBB"),
        ({"Hype!": {"color": "#FF0000"}}, "style.tag_styles.Hype!", "slug"),
        ({"hype": {"size": 3}}, "style.tag_styles.hype", "color, weight, animation or emoji"),
    ],
)
def test_a_wrong_tag_look_is_refused_naming_it(styles, field, says):
    assert says in errors_of(tag_styles=styles)[field]


def test_too_many_rules_keywords_or_looks_are_refused():
    assert "20 rules" in errors_of(tag_rules=[{"tag": "x", "words": ["a"]}] * 21)["style.tag_rules"]
    assert "200" in errors_of(keywords=["a"] * 201)["style.keywords"]
    looks = {f"t{i}": {"color": "#FFFFFF"} for i in range(21)}
    assert "20 tags" in errors_of(tag_styles=looks)["style.tag_styles"]


def test_expression_intensities_are_bounded():
    errors = errors_of(emphasis_size=101, pitch_shift=-1, emphasis_caps="yes", emphasis_color="x")
    assert set(errors) == {
        "style.emphasis_size",
        "style.pitch_shift",
        "style.emphasis_caps",
        "style.emphasis_color",
    }


def test_emoji_with_joiners_skin_tones_flags_and_keycaps_are_accepted():
    for emoji in ("🔥", "👍🏽", "👩‍💻", "🇰🇷", "1️⃣", "❤️", "✨💯"):
        style_of(tag_styles={"x": {"emoji": emoji}})


def transcript(words):
    return build_transcript(
        language="en",
        duration=words[-1]["end"] + 1,
        engine={"name": "whisperx", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": words}],
    )


def test_the_caption_model_carries_tags_emphasis_pitch_and_stretch_for_the_renderer():
    words = [
        {"text": t, "start": i * 0.5, "end": i * 0.5 + 0.4}
        for i, t in enumerate(["pay", "$5", "for", "pizza"])
    ]
    data = transcript(words)
    data["segments"][0]["words"][3]["tags"] = ["food"]
    data["segments"][0]["words"][0].update(emphasis=0.9, emphasis_set=True)
    style = style_of(preset="expressive")
    drawn = [w for c in caption_model(data, style)["captions"] for line in c["lines"] for w in line]
    assert drawn[1]["tags"] == ["money", "number"]
    assert drawn[3]["tags"] == ["food"]
    assert drawn[0]["emphasis"] == 0.9
    assert "tags" not in drawn[2]
    assert caption_model(data, style)["weights"] == [600, 800]  # Poppins, as bundled


def test_emphasis_follows_the_stored_prosody_unless_the_creator_set_it():
    calm = {"loudness_db": 0.0, "pitch_st": 0.0, "stretch": 1.0}
    words = [
        {"text": f"w{i}", "start": i * 0.5, "end": i * 0.5 + 0.4, "speaker": "A"} for i in range(8)
    ]
    data = transcript(words)
    for i, word in enumerate(data["segments"][0]["words"]):
        word["prosody"] = {**calm, "loudness_db": 0.3 * (i % 3)}
        word["emphasis"] = 0.0  # stale: the layout scores the prosody again
    data["segments"][0]["words"][5]["prosody"] = {"loudness_db": 9, "pitch_st": 6, "stretch": 1.9}
    data["segments"][0]["words"][2].update(emphasis=0.8, emphasis_set=True)
    style = style_of(preset="expressive")
    drawn = [w for c in caption_model(data, style)["captions"] for line in c["lines"] for w in line]
    emphasis = [w["emphasis"] for w in drawn]
    assert max(emphasis[:2] + emphasis[3:]) == emphasis[5] > 0.9
    assert emphasis[2] == 0.8


def test_a_tag_animation_is_sampled_every_frame_while_it_runs():
    words = [{"text": t, "start": 1.0 + i, "end": 1.5 + i} for i, t in enumerate(["$5", "ok"])]
    style = style_of(preset="expressive")  # money pops in; nothing else animates per word
    model = caption_model(transcript(words), style)
    times = sample_times(model, style, 25.0)
    popping = [t for t in times if 1.0 <= t <= 1.0 + style["animation_ms"] / 1000]
    assert len(popping) >= 4
    assert not [t for t in times if 2.01 < t < 2.1]
