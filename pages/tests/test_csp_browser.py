"""The pages work under the Content-Security-Policy in a real Chromium: every page of the app,
the admin and the API docs, and the editor's preview in use (playing, a brand font, dragging
the caption) raise no violation, and the preview still draws its captions in their fonts."""

import re

import pytest

from accounts.models import User
from pages.tests.browsing import caption_box, open_editor, shot
from rendering.tests.fontfiles import renamed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

MARK = "Content Security Policy"
# Chromium logs most violations to the console; the event also covers those it does not.
REPORT_VIOLATIONS = f"""document.addEventListener("securitypolicyviolation", (e) => console.error(
  `{MARK}: ${{e.effectiveDirective}} refused ${{e.blockedURI}} on ${{location.pathname}}`));"""
# Redoc's attribution logo, which it always asks of its CDN: refused on purpose (the docs load
# nothing from third parties) and then hidden by Redoc itself.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def violations(page):
    found: list[str] = []
    page.context.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: MARK in message.text and found.append(message.text))
    return found


def visit(page, path, ready=None):
    page.goto(path)
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")


def test_no_page_violates_the_policy_and_the_preview_still_draws(
    page, violations, media_root, sample_video
):
    assert page.goto("/accounts/login/").headers["content-security-policy"]
    visit(page, "/")
    visit(page, "/accounts/login/")

    video = open_editor(page, media_root, sample_video, "csp@example.com")  # signs up first
    page.click("#play")
    page.wait_for_function("document.getElementById('video').currentTime > 0.5")
    page.click("#play")
    page.evaluate("document.getElementById('video').currentTime = 1.0")
    page.wait_for_function(
        "document.fonts.status === 'loaded'"
        " && document.getElementById('stage').textContent.includes('Welcome')"
    )
    page.set_input_files(  # a brand font: an API URL that the renderer loads as a FontFace
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
    page.wait_for_function(  # loaded from the API's URL, as the caption's face and the list's
        "['ecg-face-', 'ecg-list-'].every((name) => [...document.fonts]"
        ".some((f) => f.family.includes(name) && f.status === 'loaded'))"
    )
    before = caption_box(page)
    player = page.locator("#player").bounding_box()
    start = (before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0], player["y"] + player["height"] * 0.25, steps=8)
    page.mouse.up()
    assert page.input_value("#s-position") == "custom"
    assert caption_box(page)["y"] < before["y"]
    shot(page, "editor-under-csp", "#player")

    User.objects.filter(email="csp@example.com").update(is_staff=True, is_superuser=True)
    for path in ("/", "/upload", "/exports", "/vocabulary", f"/videos/{video.pk}/edit"):
        visit(page, path)
    visit(page, "/admin/", "#content")
    visit(page, "/admin/quotas/usageday/", "#result_list, #changelist")
    visit(page, f"/admin/media/video/{video.pk}/change/", "#content-main form")
    visit(page, "/docs", ".swagger-ui .info")
    visit(page, "/redoc", "h1")
    visit(page, "/")
    page.click("form.inline button[type=submit]")  # log out: a form posted under form-action
    page.wait_for_url(re.compile(r"/accounts/login/$"))

    assert [text for text in violations if REDOC_LOGO not in text] == []
    assert [text for text in page.console_errors if REDOC_LOGO not in text] == []
