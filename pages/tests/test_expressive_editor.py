"""A creator makes captions expressive in the editor (real Chromium, live server, real export):
the shouted word is marked and drawn stronger, a tag with an emoji and an emphasis set by hand
show in the preview and the exported frame, both are undoable, and emphasis goes back to the
voice's on request."""

import io

import pytest
from PIL import Image

from media.models import TranscriptRevision
from pages.tests.browsing import export_frame, open_editor, shot, vertical_editor
from rendering.tests.scripts import shouted_transcript

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
TEXT = "we will never stop that again today friends"
SAVED = "document.querySelector('#save-state').textContent === 'All changes saved'"


def fire_pixels(image):
    """Pixels of the 🔥 emoji's red-orange (no caption colour of the preset is near it)."""
    return sum(
        1
        for r, g, b in image.convert("RGB").get_flattened_data()
        if r > 200 and 40 < g < 150 and b < 70
    )


def saved_words(video):
    data = TranscriptRevision.objects.filter(video=video).latest("id").data
    return {w["text"]: w for s in data["segments"] for w in s["words"]}


def wait_saved(page):
    page.wait_for_timeout(1500)  # autosave is debounced
    page.wait_for_function(SAVED)


def seek(page, t, text):
    page.evaluate(f"document.getElementById('video').currentTime = {t}")
    page.wait_for_function(
        "([text]) => document.getElementById('video').readyState >= 2"
        " && !document.getElementById('video').seeking && document.fonts.status === 'loaded'"
        " && document.getElementById('stage').textContent.includes(text)",
        arg=[text],
    )
    page.wait_for_timeout(300)


def test_a_creator_tags_a_word_with_an_emoji_and_sets_emphasis_by_hand(
    page, stub_worker, media_root, media_dir, settings, live_server, tmp_path
):
    settings.RENDER_RATE_LIMIT = "100/m"
    video = vertical_editor(
        page,
        media_root,
        media_dir,
        "expressive@example.com",
        shouted_transcript(TEXT, "never"),
        "expressive",
    )
    page.click('.preset[data-preset="expressive"]')

    # The voice's emphasis is marked in the transcript and drawn in the preview.
    assert page.locator("button.word.emphasized").all_inner_texts() == ["never"]
    seek(page, 1.2, "never")
    sizes = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#stage .ecg-word')]"
        ".map((el) => [el.firstChild.textContent, el.getBoundingClientRect().height]))"
    )
    assert sizes["never"] > 1.2 * sizes["will"]

    # Tag "that" and give the tag an emoji. Selecting it does not move the transcript (the
    # word tools keep their height), so a double-click lands on the same word.
    that = page.locator("button.word", has_text="that")
    that.scroll_into_view_if_needed()
    before = that.bounding_box()["y"]
    that.click()
    assert that.bounding_box()["y"] == before
    page.fill("#word-tag", "Wow")
    page.press("#word-tag", "Enter")
    assert page.locator("button.word", has_text="that").get_attribute("data-tags") == "#wow"
    emoji = page.locator('tr[data-tag="wow"] input[name=emoji]')
    emoji.fill("🔥")
    emoji.dispatch_event("change")

    # Emphasis by hand on "we", which the voice did not stress.
    page.locator("button.word", has_text="we").first.click()
    page.locator("#word-emphasis").evaluate(
        "(el) => { el.value = '100'; el.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    assert "(yours)" in page.inner_text("#word-emphasis-value")
    wait_saved(page)
    words = saved_words(video)
    assert words["that"]["tags"] == ["wow"]
    assert (words["we"]["emphasis"], words["we"]["emphasis_set"]) == (1.0, True)

    seek(page, 2.2, "that")
    preview = Image.open(io.BytesIO(page.locator("#player").screenshot()))
    assert fire_pixels(preview) > 30
    assert page.locator("#stage .ecg-emoji").all_inner_texts() == ["🔥"]
    shot(page, "editor-expressive")

    # Undo takes back the emphasis, then the emoji (a style step); redo brings both back.
    page.click("#undo")
    assert page.locator("button.word.emphasis-set").count() == 0
    page.click("#undo")
    page.wait_for_function("!document.querySelector('#stage .ecg-emoji')")
    page.click("#redo")
    page.click("#redo")
    page.wait_for_function("document.querySelector('#stage .ecg-emoji')")
    assert page.locator("button.word.emphasis-set").all_inner_texts() == ["we"]
    wait_saved(page)

    # The export draws what the preview drew.
    frame = export_frame(page, live_server, tmp_path, 2.2)
    assert fire_pixels(Image.open(frame)) > 30

    # Back to the voice's emphasis.
    page.locator("button.word", has_text="we").first.click()
    page.click("#word-emphasis-auto")
    wait_saved(page)
    words = saved_words(video)
    assert words["we"]["emphasis_set"] is False
    assert words["we"]["emphasis"] < 0.3
    assert not page.console_errors, page.console_errors


def test_a_version_1_transcript_opens_with_the_expressive_preset(page, media_root, sample_video):
    from media.tests.factories import sample_transcript

    transcript = sample_transcript()
    transcript["version"] = 1
    open_editor(page, media_root, sample_video, "v1@example.com", transcript)
    page.click('.preset[data-preset="expressive"]')
    page.locator("button.word").first.click()
    assert page.inner_text("#word-emphasis-value") == "none"
    assert page.locator("button.word.emphasized").count() == 0
    assert not page.console_errors, page.console_errors
