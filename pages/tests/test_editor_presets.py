"""A creator's own presets in the editor (real Chromium, live server): save the current look,
find it again after a reload, apply it (undoable), a clashing name explained, rename, delete."""

import pytest

from pages.tests.browsing import open_editor
from rendering.models import UserPreset

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def set_size(page, value):
    page.locator("#s-font_size").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); }",
        value,
    )


def test_a_creator_saves_reuses_renames_and_deletes_a_preset(page, media_root, sample_video):
    open_editor(page, media_root, sample_video, "presets@example.com")
    page.click('.preset[data-preset="karaoke"]')
    set_size(page, "100")
    page.fill("#save-preset-name", "My karaoke")
    page.press("#save-preset-name", "Enter")
    page.wait_for_function(
        "document.getElementById('preset-message').textContent.includes('Saved')"
    )
    saved = UserPreset.objects.get()
    assert (saved.name, saved.style["preset"], saved.style["font_size"]) == (
        "My karaoke",
        "karaoke",
        100,
    )

    page.fill("#save-preset-name", "my KARAOKE")  # the same name in another case
    page.press("#save-preset-name", "Enter")
    page.wait_for_function("document.getElementById('preset-message').dataset.kind === 'error'")
    assert "already have a preset" in page.inner_text("#preset-message")

    page.reload()
    page.wait_for_selector("button.word")
    page.click('.preset[data-preset="classic"]')
    assert page.input_value("#s-font_size") != "100"
    page.click("button[aria-label='Use My karaoke']")
    assert page.input_value("#s-font_size") == "100"
    assert page.input_value("#s-font_family") == "Montserrat"
    page.click("#undo")  # applying a preset is one style step
    assert page.input_value("#s-font_size") != "100"

    page.click("button[aria-label='Rename My karaoke']")
    page.fill("input[aria-label='New name for My karaoke']", "Big karaoke")
    page.press("input[aria-label='New name for My karaoke']", "Enter")
    page.wait_for_selector("button[aria-label='Use Big karaoke']")
    assert UserPreset.objects.get().name == "Big karaoke"

    page.click("button[aria-label='Delete Big karaoke']")
    page.wait_for_function("!document.querySelector('#user-presets .user-preset')")
    assert not UserPreset.objects.exists()
    assert not page.console_errors, page.console_errors
