"""Render scenarios are validated strictly; errors name the field."""

import pytest

from rendering.scenario import (
    PRESETS,
    ScenarioInvalid,
    output_size,
    preset_style,
    validate_scenario,
)


def errors_of(style=None, output=None, source_height=720):
    with pytest.raises(ScenarioInvalid) as caught:
        validate_scenario(style, output, source_height=source_height)
    return caught.value.errors


def test_at_least_five_presets_each_valid_with_a_label():
    assert len(PRESETS) >= 5
    for name in PRESETS:
        scenario = validate_scenario({"preset": name}, None, source_height=1080)
        assert scenario["style"]["preset"] == name
        assert PRESETS[name]["label"]


def test_overrides_apply_on_top_of_the_preset():
    style = validate_scenario(
        {"preset": "pop", "font_size": 90, "uppercase": False}, None, source_height=720
    )["style"]
    assert style["font_family"] == preset_style("pop")["font_family"]
    assert (style["font_size"], style["uppercase"]) == (90, False)


def test_no_style_means_the_default_preset_and_the_source_resolution():
    scenario = validate_scenario(None, None, source_height=720)
    assert scenario["style"]["preset"] == "classic"
    assert scenario["output"] == {"height": None, "format": "mp4", "safe_area": "auto"}


@pytest.mark.parametrize(
    ("style", "field"),
    [
        ({"preset": "neon"}, "style.preset"),
        ({"font_family": "Comic Sans"}, "style.font_family"),
        ({"font_size": 5}, "style.font_size"),
        ({"font_size": "64"}, "style.font_size"),
        ({"font_weight": 750}, "style.font_weight"),
        ({"text_color": "white"}, "style.text_color"),
        ({"text_color": "#FFFFFF\n"}, "style.text_color"),  # a full match, not `$`
        ({"box_color": "#12345"}, "style.box_color"),
        ({"animation": "explode"}, "style.animation"),
        ({"position": "left"}, "style.position"),
        ({"max_words_per_line": 0}, "style.max_words_per_line"),
        ({"lines_per_caption": 4}, "style.lines_per_caption"),
        ({"uppercase": "yes"}, "style.uppercase"),
        ({"speaker_colors": {"SPEAKER_00": "red"}}, "style.speaker_colors.SPEAKER_00"),
        ({"speaker_colors": {"SPEAKER_00\n": "#FFFFFF"}}, "style.speaker_colors"),
        ({"sparkles": True}, "style.sparkles"),
    ],
)
def test_bad_style_fields_are_named(style, field):
    assert field in errors_of(style)


@pytest.mark.parametrize(
    ("output", "field"),
    [
        ({"height": 1080}, "output.height"),  # more than the 720-line source
        ({"height": 700}, "output.height"),
        ({"format": "gif"}, "output.format"),
        ({"fps": 60}, "output.fps"),
        ("720p", "output"),
    ],
)
def test_bad_output_fields_are_named(output, field):
    assert field in errors_of(None, output)


def test_output_size_keeps_the_aspect_and_even_dimensions():
    assert output_size(1920, 1080, None) == (1920, 1080)
    assert output_size(1920, 1080, 720) == (1280, 720)
    assert output_size(1080, 1920, 480) == (270, 480)
    assert output_size(641, 361, None) == (640, 360)
