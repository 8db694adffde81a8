"""Every page is usable with assistive technology: axe-core finds no serious or critical
violation (names, contrast, landmarks, ARIA) on any of them, at a phone's size and a desktop's,
and the editor's own controls are reachable and named by keyboard alone."""

import pytest

from media.tests.factories import sample_transcript
from pages.tests.accessibility import axe_violations
from pages.tests.browsing import open_editor
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
ANONYMOUS_PAGES = ("/", "/accounts/login/", "/accounts/signup/")
CREATOR_PAGES = (
    "/",
    "/upload",
    "/exports",
    "/vocabulary",
    "/accounts/email/",
    "/accounts/password/change/",
)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_serious_violation_on_any_page(page, media_root, sample_video, size):
    page.set_viewport_size(size)
    found: dict[str, list[str]] = {}
    for path in ANONYMOUS_PAGES:
        page.goto(path)
        found[f"anonymous {path}"] = axe_violations(page)

    video = open_editor(page, media_root, sample_video, "axe@example.com")
    found["editor"] = axe_violations(page)
    page.locator("button.word", has_text="back").click()  # the word tools open
    found["editor, a word selected"] = axe_violations(page)

    RenderJob.objects.create(  # an export on the dashboard and the exports page
        owner=video.owner,
        video=video,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario(None, None, source_height=video.height),
    )
    for path in CREATOR_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        found[path] = axe_violations(page)
    assert {where: rules for where, rules in found.items() if rules} == {}
    # axe measures contrast with a style element of its own, which the policy refuses (and says
    # so); the pages' own compliance is test_csp_browser's.
    page_errors = [e for e in page.console_errors if not e.startswith("Applying inline style")]
    assert not page_errors, page_errors
