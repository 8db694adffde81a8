"""What a page hides stays hidden: no element with the `hidden` attribute draws anything on any
of the creator's pages (the app's CSS must not override it), and the word panel shows no
controls before a word is selected."""

import pytest

from pages.tests.browsing import open_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

DRAWN_BUT_HIDDEN = """() => [...document.querySelectorAll('[hidden]')]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => el.id || el.className || el.tagName)"""


def test_nothing_hidden_is_drawn_on_any_page(page, media_root, sample_video):
    video = open_editor(page, media_root, sample_video, "hidden@example.com")
    hidden_in_editor = page.evaluate("document.querySelectorAll('[hidden]').length")
    assert hidden_in_editor >= 5  # export panel, download, error, transcription status, ...
    assert page.evaluate(DRAWN_BUT_HIDDEN) == []
    assert page.locator("#export-download").is_hidden()

    assert not page.locator("#word-start").is_visible()  # no word selected: no controls
    assert page.locator("#word-tools-controls").get_attribute("inert") is not None
    page.locator("button.word", has_text="back").click()
    assert page.locator("#word-start").is_visible()

    for path in ("/", "/upload", "/exports", "/vocabulary", f"/videos/{video.pk}/edit"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(DRAWN_BUT_HIDDEN) == [], path
    assert not page.console_errors, page.console_errors
