"""Brand fonts in the editor (real Chromium, live server, real export): a creator uploads a font
file, it becomes the caption's font and is drawn exactly like the same font bundled, in the
preview and in the exported video; a file that is not a font is explained; deleting the font
falls back to the default font, and so does a preset that used it."""

import io
import re

import pytest
import requests
from PIL import Image, ImageChops, ImageStat

from conftest import ffmpeg
from media.tests.factories import sample_transcript
from pages.tests.browsing import shot, vertical_editor
from rendering.models import UserFont
from rendering.tests.fontfiles import renamed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
T = 1.0  # "Welcome back to the channel." is on screen


def seek(page, t=T):
    page.evaluate(f"document.getElementById('video').currentTime = {t}")
    page.wait_for_function(
        "document.getElementById('video').readyState >= 2"
        " && !document.getElementById('video').seeking && document.fonts.status === 'loaded'"
        " && document.getElementById('stage').textContent.includes('Welcome')"
    )
    page.wait_for_timeout(400)


def preview(page):
    seek(page)
    return Image.open(io.BytesIO(page.locator("#player").screenshot())).convert("RGB")


def difference(a, b):
    """Mean absolute difference per channel, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def choose_font(page, family):
    page.select_option("#s-font_family", family)
    page.wait_for_timeout(300)


def export(page, live_server, tmp_path, name):
    """Export as the creator would and take the frame at T of the downloaded video."""
    before = page.get_attribute("#export-download", "href")
    page.click("#export")
    page.wait_for_function(
        "([old]) => { const a = document.getElementById('export-download');"
        " return !a.hidden && a.getAttribute('href') && a.getAttribute('href') !== old; }",
        arg=[before],
        timeout=180_000,
    )
    href = page.get_attribute("#export-download", "href")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    video = tmp_path / f"{name}.mp4"
    url = href if href.startswith("http") else live_server.url + href
    video.write_bytes(requests.get(url, cookies=cookies, timeout=60).content)
    frame = tmp_path / f"{name}.png"
    ffmpeg("-ss", str(T), "-i", str(video), "-frames:v", "1", str(frame))
    return Image.open(frame).convert("RGB")


def test_a_creator_uploads_a_brand_font_and_sees_it_in_the_preview_and_the_export(
    page, stub_worker, media_root, media_dir, settings, live_server, tmp_path
):
    settings.RENDER_RATE_LIMIT = "100/m"
    vertical_editor(
        page, media_root, media_dir, "brand@example.com", sample_transcript(duration=5.0), "brand"
    )
    assert page.locator("#font-list").is_hidden()  # no fonts of their own yet
    choose_font(page, "Inter")
    inter = preview(page)
    choose_font(page, "Anton")
    anton = preview(page)
    assert difference(inter, anton) > 1.0  # the two fonts look different here

    # A file that is not a font is explained, and nothing is added.
    page.set_input_files(
        "#font-file",
        files=[{"name": "brand.ttf", "mimeType": "font/ttf", "buffer": b"<html>not a font"}],
    )
    page.wait_for_function("document.getElementById('font-message').dataset.kind === 'error'")
    assert "cannot be used as a font" in page.inner_text("#font-message")
    assert "markup" in page.inner_text("#font-message")

    # The brand font: Anton's own glyphs under the family name "Brand Display".
    page.set_input_files(
        "#font-file",
        files=[
            {
                "name": "BrandDisplay-Regular.ttf",
                "mimeType": "font/ttf",
                "buffer": renamed("anton-latin-400-normal.woff2", "Brand Display"),
            }
        ],
    )
    page.wait_for_function("document.getElementById('font-message').textContent.includes('ready')")
    assert page.input_value("#s-font_family") == "Brand Display"  # selected at once
    assert page.locator("#s-font_family optgroup[label='Your fonts'] option").all_inner_texts() == [
        "Brand Display"
    ]
    assert page.locator("#s-font_weight option").all_inner_texts() == ["400 · Regular"]
    assert page.locator("#font-list li").count() == 1
    assert UserFont.objects.get().family == "Brand Display"
    brand = preview(page)
    assert difference(brand, anton) < 0.05, "the brand font is drawn as the same glyphs bundled"
    assert difference(brand, inter) > 1.0
    page.set_viewport_size({"width": 1400, "height": 1400})  # down to the font list
    shot(page, "editor-brand-font")
    page.set_viewport_size({"width": 1400, "height": 900})

    # The export draws it too: the frame matches an export with the bundled Anton.
    exported_brand = export(page, live_server, tmp_path, "brand")
    page.reload()  # the font and the choice survive a reload
    page.wait_for_selector("button.word")
    assert page.input_value("#s-font_family") == "Brand Display"
    page.fill("#save-preset-name", "Brand look")
    page.press("#save-preset-name", "Enter")
    page.wait_for_function(
        "document.getElementById('preset-message').textContent.includes('Saved')"
    )
    choose_font(page, "Anton")
    exported_anton = export(page, live_server, tmp_path, "anton")
    assert difference(exported_brand, exported_anton) < 0.05
    choose_font(page, "Inter")
    exported_inter = export(page, live_server, tmp_path, "inter")
    assert difference(exported_brand, exported_inter) > 1.0

    # Deleting the font: the creator is told what uses it; the caption falls back to Inter.
    choose_font(page, "Brand Display")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.click("button[aria-label='Delete Brand Display 400']")
    page.wait_for_function("!document.querySelector('#font-list li')")
    assert re.search(r"this video's captions, your preset \"Brand look\"", dialogs[0])
    assert page.input_value("#s-font_family") == "Inter"
    assert "no longer in your fonts" in page.inner_text("#font-message")
    assert not UserFont.objects.exists()

    # The preset that used it applies with the default font, saying why.
    page.click("button[aria-label='Use Brand look']")
    assert page.input_value("#s-font_family") == "Inter"
    assert "no longer in your fonts" in page.inner_text("#preset-message")
    assert not page.console_errors, page.console_errors
