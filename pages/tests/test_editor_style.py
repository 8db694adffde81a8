"""The style panel in a real Chromium: a family offers only the weights it has, and changing
the family keeps the nearest one in a single undoable step."""

import pytest

from pages.tests.browsing import caption_box, open_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def weights(page):
    return page.eval_on_selector_all("#s-font_weight option", "els => els.map(e => e.value)")


def test_a_family_offers_only_its_own_weights(page, media_root, sample_video):
    open_editor(page, media_root, sample_video, "weights@example.com")
    assert page.input_value("#s-font_family") == "Inter"
    assert weights(page) == ["400", "700", "900"]
    page.select_option("#s-font_weight", "900")

    page.select_option("#s-font_family", "Montserrat")
    assert weights(page) == ["500", "800"]
    assert page.input_value("#s-font_weight") == "800"  # the nearest it has
    page.select_option("#s-font_family", "Anton")
    assert weights(page) == ["400"]

    page.click("#undo")  # back to Montserrat 800, then Inter 900: one step each
    assert (page.input_value("#s-font_family"), page.input_value("#s-font_weight")) == (
        "Montserrat",
        "800",
    )
    page.click("#undo")
    assert (page.input_value("#s-font_family"), page.input_value("#s-font_weight")) == (
        "Inter",
        "900",
    )
    assert not page.console_errors, page.console_errors


def test_a_creator_drags_the_caption_to_place_it_and_the_export_follows(
    page, stub_worker, media_root, media_dir, settings, live_server, tmp_path
):
    from PIL import Image

    from conftest import make_clip
    from pages.tests.browsing import export_frame

    settings.RENDER_RATE_LIMIT = "100/m"
    clip = make_clip(
        media_dir / "plain-vertical.mp4",
        picture="color=c=0x203040:size=360x640:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=3,
    )
    fields = {"duration": 3.0, "width": 360, "height": 640, "fps": 25.0}
    open_editor(page, media_root, clip, "place@example.com", **fields)
    page.evaluate("document.getElementById('video').currentTime = 1.0")
    page.wait_for_function("document.getElementById('stage').textContent.includes('Welcome')")
    before = caption_box(page)
    player = page.locator("#player").bounding_box()
    start = (before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    target = (player["x"] + player["width"] * 0.5, player["y"] + player["height"] * 0.2)
    page.mouse.move(*start)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(
            start[0] + (target[0] - start[0]) * k / 8, start[1] + (target[1] - start[1]) * k / 8
        )
    page.mouse.up()

    assert page.input_value("#s-position") == "custom"
    after = caption_box(page)
    assert after["y"] < player["y"] + player["height"] * 0.35  # moved up
    assert abs(after["x"] + after["width"] / 2 - target[0]) < 0.05 * player["width"]
    page.check("#safe-guide-toggle")
    guide = page.locator("#safe-guide").bounding_box()
    assert after["x"] >= guide["x"] - 1
    assert after["y"] >= guide["y"] - 1

    frame = Image.open(export_frame(page, live_server, tmp_path, 1.0)).convert("L")
    ink = frame.point(lambda v: 255 if v > 250 else 0).getbbox()  # the white caption text
    assert ink is not None
    assert ink[1] < frame.height * 0.35

    page.click("#undo")  # placing is one style step
    assert page.input_value("#s-position") == "bottom"
    assert not page.console_errors, page.console_errors


def test_preset_previews_show_the_creators_own_caption_in_each_look(page, media_root, sample_video):
    from pages.tests.browsing import shot

    open_editor(page, media_root, sample_video, "previews@example.com", duration=3.0)
    page.wait_for_function(
        "[...document.querySelectorAll('.preset .preset-frame')].length === "
        "document.querySelectorAll('.preset').length"
        " && [...document.querySelectorAll('.preset .preset-frame')]"
        ".every((f) => /Welcome|Thanks/.test(f.querySelector('.ecg-caption')?.textContent))"
    )
    frames = page.locator(".preset .preset-frame")
    assert frames.first.bounding_box()["width"] >= 120  # readable, not a stamp
    boxed = page.locator('.preset[data-preset="boxed"] .ecg-line').first
    assert boxed.evaluate("(el) => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "editor-presets")
    assert not page.console_errors, page.console_errors
