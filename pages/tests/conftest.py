"""Browser tests' fixtures: one Chromium per module, a page per test on the live server that
collects console errors."""

import pytest

from rendering.painter import LAUNCH_ARGS, chromium_executable

# Playwright polls a wait_for_function expression by eval-ing its text on every poll, which the
# pages' Content-Security-Policy (no 'unsafe-eval') refuses; a function is eval-ed once, in the
# DevTools call that the policy does not govern, and then only called. So every expression is
# polled inside a function (one that was a function already is called as Playwright would).
POLLED_OPEN = "(arg) => { const value = ("
POLLED_CLOSE = "\n); return typeof value === 'function' ? value(arg) : value; }"


def polled_in_a_function(wait_for_function):
    def wait(expression, **options):
        return wait_for_function(POLLED_OPEN + expression + POLLED_CLOSE, **options)

    return wait


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(playwright), args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    open_page = context.new_page

    def new_page():  # a test's second tab too
        page = open_page()
        page.wait_for_function = polled_in_a_function(page.wait_for_function)
        return page

    context.new_page = new_page
    page = context.new_page()
    errors: list[str] = []
    expected = "Failed to load resource: the server responded with a status of 4"  # shown as errors

    def on_console(message):
        if message.type == "error" and not message.text.startswith(expected):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()
