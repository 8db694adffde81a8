"""Painting caption states in headless Chromium, through Playwright, with the shared renderer.

One Chromium per worker process, started on first use and kept: all browser calls run on one
dedicated thread (Playwright's sync API is bound to the thread that started it), and any thread
may submit work to it. Each capture paints a batch of states stacked as bands of the caption
canvas, so one screenshot serves many states.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings

from rendering.shared import CaptionModel, FontFace

logger = logging.getLogger(__name__)
T = TypeVar("T")

ORIGIN = "http://captions.ecg.invalid"  # served from disk by request interception, never fetched
STATIC_DIR = Path(settings.BASE_DIR) / "static"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]


def chromium_executable(playwright: Any) -> str | None:
    """The configured Chromium, else Playwright's own if installed, else the system's."""
    if settings.CHROMIUM_EXECUTABLE:
        return str(settings.CHROMIUM_EXECUTABLE)
    bundled = playwright.chromium.executable_path
    if bundled and os.path.exists(bundled):
        return None  # Playwright's default
    return shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


class BrowserHost:
    """A Chromium owned by one thread; `call(fn)` runs fn(browser) there and returns its result."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="chromium", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None
        self.idle_pages: list[PageSlot] = []  # touched only on the browser thread
        self._thread.start()
        self._started.wait()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(playwright), args=LAUNCH_ARGS
            )
        except BaseException as exc:  # reported to the thread that asked for a browser
            self._error = exc
            self._started.set()
            return
        self._started.set()
        try:
            while (job := self._jobs.get()) is not None:
                fn, future = job
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(browser))
                    except BaseException as exc:
                        future.set_exception(exc)
        finally:
            browser.close()
            playwright.stop()

    def call(self, fn: Callable[[Any], T], timeout: float = 120) -> T:
        if not self._thread.is_alive():
            raise RuntimeError("Chromium is not running")
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future.result(timeout=timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=20)


_host: BrowserHost | None = None
_host_lock = threading.Lock()


def browser_host() -> BrowserHost:
    global _host
    with _host_lock:
        if _host is None or not _host._thread.is_alive():
            _host = BrowserHost()
        return _host


@dataclass(frozen=True)
class FontFile:
    """A creator's font file (checked and rebuilt on upload) that the page loads for a render."""

    family: str
    weight_min: int
    weight_max: int
    data: bytes


@dataclass
class PageSlot:
    """A page of export.html, its DevTools session, and the font files it serves this render."""

    page: Any
    cdp: Any
    fonts: dict[str, bytes]


def _serve(route: Any, fonts: dict[str, bytes]) -> None:
    path = route.request.url.removeprefix(ORIGIN + "/").split("?")[0]
    if path in fonts:
        route.fulfill(status=200, body=fonts[path], content_type="font/woff")
        return
    target = (STATIC_DIR / path).resolve()
    if STATIC_DIR.resolve() not in target.parents or not target.is_file():
        route.fulfill(status=404, body="")
        return
    route.fulfill(
        status=200,
        body=target.read_bytes(),
        content_type=mimetypes.guess_type(target.name)[0] or "application/octet-stream",
        headers={"Access-Control-Allow-Origin": "*"},
    )


@dataclass(frozen=True)
class Canvas:
    """The part of the output frame that captions ever cover (even coordinates)."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Layout:
    """The captions as the page laid them out: the fitted model (what is drawn, with any
    caption split over time), the canvas they cover and the safe area they keep to."""

    canvas: Canvas | None
    model: CaptionModel
    safe: Canvas


class CaptionPage:
    """A page of export.html set up for one render (model, style, output size)."""

    def __init__(self, host: BrowserHost, batch: int = 16) -> None:
        self.host = host
        self.batch = batch
        self.slot: PageSlot | None = None

    @property
    def page(self) -> Any:
        assert self.slot is not None
        return self.slot.page

    def open(
        self,
        model: CaptionModel,
        style: dict,
        width: int,
        height: int,
        safe_area: str,
        fonts: Sequence[FontFile] = (),
    ) -> Layout:
        """Lay the captions out on the frame in the page (fonts loaded, lines fitted) and
        size the viewport for one capture of `batch` bands of the area they cover. `fonts` are
        the files of the creator's own family, when the style uses one."""
        files = {f"user-fonts/{hashlib.sha256(f.data).hexdigest()}.woff": f for f in fonts}
        if files:
            faces: list[FontFace] = [
                {"weight": _weight_range(f), "src": f"{ORIGIN}/{path}"} for path, f in files.items()
            ]
            style = {**style, "font_faces": faces}

        def setup(browser: Any) -> dict:
            slot = self.host.idle_pages.pop() if self.host.idle_pages else _new_page(browser)
            slot.fonts.clear()
            slot.fonts.update({path: f.data for path, f in files.items()})
            page = slot.page
            page.set_viewport_size({"width": width, "height": height})
            laid_out = page.evaluate(
                "([m, s, w, h, a, b]) => window.ECG.setup(m, s, w, h, a, b)",
                [model, style, width, height, safe_area, self.batch],
            )
            canvas = laid_out["canvas"]
            if canvas:
                page.set_viewport_size(
                    {"width": canvas["width"], "height": canvas["height"] * self.batch}
                )
            self.slot = slot
            return laid_out

        laid_out = self.host.call(setup)
        canvas = laid_out["canvas"]
        return Layout(
            canvas=Canvas(**canvas) if canvas else None,
            model=laid_out["model"],
            safe=Canvas(**laid_out["safe"]),
        )

    def signatures(self, times: list[float]) -> list[str]:
        return self.host.call(
            lambda _: self.page.evaluate("(t) => window.ECG.signatures(t)", times)
        )

    def paint(self, times: list[float], canvas: Canvas) -> bytes:
        """PNG of len(times) bands, band k showing times[k]."""
        assert len(times) <= self.batch

        def capture(_: Any) -> bytes:
            self.page.evaluate("(t) => window.ECG.paint(t)", times)
            assert self.slot is not None
            shot = self.slot.cdp.send(
                "Page.captureScreenshot",
                {
                    "format": "png",
                    "optimizeForSpeed": True,
                    "fromSurface": True,
                    "clip": {
                        "x": 0,
                        "y": 0,
                        "width": canvas.width,
                        "height": canvas.height * len(times),
                        "scale": 1,
                    },
                },
            )
            return base64.b64decode(shot["data"])

        return self.host.call(capture)

    def close(self) -> None:
        """Give the page back for the next render (pages are kept warm, fonts loaded)."""
        if self.slot is None:
            return
        slot, self.slot = self.slot, None

        def release(_: Any) -> None:
            if len(self.host.idle_pages) < 2 and not slot.page.is_closed():
                self.host.idle_pages.append(slot)
            else:
                slot.page.close()

        self.host.call(release)


def _weight_range(font: FontFile) -> str:
    return f"{font.weight_min} {font.weight_max}"


def _new_page(browser: Any) -> PageSlot:
    page = browser.new_page()
    fonts: dict[str, bytes] = {}
    page.route(f"{ORIGIN}/**", lambda route: _serve(route, fonts))
    page.goto(f"{ORIGIN}/captions/export.html")
    page.wait_for_function("window.ECG_READY === true")
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Emulation.setDefaultBackgroundColorOverride", {"color": {"r": 0, "g": 0, "b": 0, "a": 0}}
    )
    return PageSlot(page, cdp, fonts)


def batches(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
