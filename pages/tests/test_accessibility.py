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


# The focused element: its accessible name as a screen reader would start to read it (label,
# aria-label, aria-labelledby, text, title, placeholder) and whether a focus ring is drawn.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const labelled = (el.getAttribute('aria-labelledby') || '').split(' ')
    .map((id) => document.getElementById(id)?.textContent || '').join(' ');
  const name = (el.getAttribute('aria-label') || labelled || [...(el.labels || [])]
    .map((l) => l.textContent).join(' ') || el.textContent || el.title || el.placeholder
    || el.value || '').trim();
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  return { id: el.id || el.className || el.tagName, name, ring };
}"""


def test_the_editor_works_by_keyboard_alone_with_named_visible_focus(
    page, media_root, sample_video
):
    video = open_editor(page, media_root, sample_video, "keys@example.com")
    page.keyboard.press("Tab")  # the skip link first
    assert page.evaluate(FOCUSED)["name"] == "Skip to content"
    stops = []
    for _ in range(120):  # Tab through the page to the first word of the transcript
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        if page.evaluate("document.activeElement.classList.contains('word')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('word')"), stops
    assert [s for s in stops if not s["name"] or not s["ring"]] == []

    page.keyboard.press("Enter")  # select the word, then edit it (F2), all by keys
    page.keyboard.press("F2")
    page.wait_for_selector(".word-input")
    page.keyboard.press("Control+A")
    page.keyboard.type("Howdy")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.getElementById('save-state').textContent === 'All changes saved'"
    )
    assert page.locator("button.word", has_text="Howdy").count() == 1

    page.focus("#export")  # reached by Tab like the rest; pressed with the keyboard
    assert page.evaluate(FOCUSED)["ring"]
    page.keyboard.press("Enter")
    page.wait_for_selector("#export-panel:not([hidden])")
    assert RenderJob.objects.filter(video=video).count() == 1
    assert not page.console_errors, page.console_errors
