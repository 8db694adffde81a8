"""The browser fixtures of the media tests (one Chromium per module, a page per test)."""

from media.tests.conftest import browser, page

__all__ = ["browser", "page"]
