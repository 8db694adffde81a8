"""The style panel in a real Chromium: a family offers only the weights it has, and changing
the family keeps the nearest one in a single undoable step."""

import pytest

from media.tests.browsing import open_editor

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
