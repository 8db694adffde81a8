"""Real exports of vertical video (Chromium paints, FFmpeg composes): long words, Korean and
Arabic stay inside the platform safe area on the encoded frames; a character no bundled font
has is reported as a warning, and the render still succeeds."""

import pytest
from PIL import ImageChops

from conftest import make_clip
from media.probe import probe
from rendering.fonts import uncovered_characters
from rendering.renderer import SourceInfo, render_video
from rendering.scenario import FONTS, validate_scenario
from rendering.tests.scripts import SCRIPTS, script_transcript
from rendering.tests.test_fit_in_frame import inside
from rendering.tests.test_render_real import frame_at

pytestmark = pytest.mark.slow
BACKGROUND = "0x203040"


@pytest.fixture(scope="module")
def vertical_clip(media_dir):
    return make_clip(
        media_dir / "vertical.mp4",
        picture=f"color=c={BACKGROUND}:size=720x1280:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=8,
    )


def render(clip, tmp_path, transcript, preset, safe_area="auto"):
    info = probe(clip)
    scenario = validate_scenario(
        {"preset": preset},
        {"safe_area": safe_area},
        source_height=info.height,
        source_width=info.width,
    )
    return render_video(
        source=str(clip),
        info=SourceInfo(info.width, info.height, info.fps, info.duration, info.audio_codec),
        transcript=transcript,
        style=scenario["style"],
        output_height=None,
        safe_area=safe_area,
        output=tmp_path / f"{preset}.mp4",
        on_progress=lambda phase, fraction: None,
    )


def caption_box(image, background):
    """The box of pixels that differ from the plain background (None when there are none)."""
    difference = ImageChops.difference(image, background).convert("L")
    return difference.point(lambda v: 255 if v > 48 else 0).getbbox()


@pytest.mark.parametrize(
    ("script", "preset"),
    [("long-words", "headline"), ("korean", "karaoke"), ("arabic", "boxed"), ("japanese", "pop")],
)
def test_a_vertical_export_keeps_every_caption_inside_the_safe_area(
    vertical_clip, tmp_path, script, preset
):
    transcript = script_transcript(script)
    result = render(vertical_clip, tmp_path, transcript, preset)
    assert result.warnings == []
    background = frame_at(vertical_clip, 0.05)
    # TikTok, Reels and Shorts all leave this part of a 720x1280 frame free (auto = all three).
    left, top, right, bottom = 0.06 * 720, 0.12 * 1280, 0.84 * 720, 0.75 * 1280
    words = [w for s in transcript["segments"] for w in s["words"]]
    for word in words[::2]:
        frame = frame_at(result.output, word["start"] + 0.3)
        box = caption_box(frame, background)
        assert box is not None, f"nothing drawn at {word['start']}"
        assert inside(box, (left, top, right, bottom), slack=2), (box, word["text"])


def test_the_test_scripts_are_all_covered_by_the_bundled_fonts():
    for family in FONTS:
        for _, text in SCRIPTS.values():
            assert uncovered_characters(text, family) == [], family


def test_a_character_no_font_draws_is_a_warning_not_a_failure(vertical_clip, tmp_path):
    transcript = script_transcript("russian")
    transcript["segments"][0]["words"][1]["text"] = "𓀀𓀁"  # Egyptian hieroglyphs: not bundled
    result = render(vertical_clip, tmp_path, transcript, "classic")
    assert result.output.stat().st_size > 0
    [warning] = result.warnings
    assert warning["code"] == "GLYPHS_MISSING"
    assert warning["details"]["characters"] == ["𓀀", "𓀁"]
    assert "U+13000" in warning["message"]
