"""One render, end to end, on local paths: layout -> paint (Chromium) -> compose (FFmpeg).

Knows nothing of the ORM or HTTP: the actor, `manage.py render` and the benchmark all call
`render_video`. Painting runs on this thread while a writer thread feeds FFmpeg the frames in
order, so encoding starts with the first batch of states and the two overlap.
"""

from __future__ import annotations

import contextlib
import errno
import io
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecg.errors import DomainError, ErrorCode
from rendering.compose import EncodeProcess, EncoderSettings, Overlay, ffmpeg_command
from rendering.font_check import file_coverage
from rendering.fonts import offered_weights, uncovered_characters
from rendering.layout import (
    caption_model,
    drawn_captions,
    sample_times,
    timeline,
    with_speaker_colors,
)
from rendering.painter import Canvas, CaptionPage, FontFile, batches, browser_host
from rendering.scenario import output_size

ProgressCallback = Callable[[str, float], None]
BATCH = 16
BLANK = '{"caption":-1}'


class RenderFailed(DomainError):
    """FFmpeg or Chromium failed; the message says what it reported."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.RENDER_FAILED, message[:2000])


@dataclass(frozen=True)
class SourceInfo:
    width: int
    height: int
    fps: float
    duration: float
    audio_codec: str


@dataclass
class RenderResult:
    output: Path
    width: int
    height: int
    frames: int
    samples: int
    states_painted: int
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    captions: list[dict[str, Any]] = field(default_factory=list)
    """The captions as drawn (fitted to the frame): `layout.drawn_captions`."""


class _Bands:
    """Painted batches (PNG, compressed) and their bands decoded on demand (a small LRU)."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.pngs: dict[int, bytes] = {}
        self.ready = threading.Condition()
        self.failed = False
        self._decoded: OrderedDict[int, list[bytes]] = OrderedDict()

    def add(self, batch: int, png: bytes) -> None:
        with self.ready:
            self.pngs[batch] = png
            self.ready.notify_all()

    def fail(self) -> None:
        with self.ready:
            self.failed = True
            self.ready.notify_all()

    def band(self, index: int) -> bytes:
        batch, offset = divmod(index, BATCH)
        if batch not in self._decoded:
            with self.ready:
                while batch not in self.pngs and not self.failed:
                    self.ready.wait()
                if self.failed:
                    raise RenderFailed("painting stopped")
                png = self.pngs[batch]
            self._decoded[batch] = self._split(png)
            if len(self._decoded) > 4:
                self._decoded.popitem(last=False)
        self._decoded.move_to_end(batch)
        return self._decoded[batch][offset]

    def _split(self, png: bytes) -> list[bytes]:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            pixels = (image if image.mode == "RGBA" else image.convert("RGBA")).tobytes()
        size = self.canvas.width * self.canvas.height * 4  # bands are consecutive rows
        return [pixels[k : k + size] for k in range(0, len(pixels), size)]


def render_video(
    *,
    source: str,
    info: SourceInfo,
    transcript: dict[str, Any],
    style: dict[str, Any],
    output_height: int | None,
    output: Path,
    safe_area: str = "auto",
    on_progress: ProgressCallback,
    encoder: EncoderSettings | None = None,
    fonts: Sequence[FontFile] = (),
) -> RenderResult:
    """`fonts`: the files of the creator's own family, when the style uses one."""
    encoder = encoder or EncoderSettings.from_settings()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    width, height = output_size(info.width, info.height, output_height)
    fps = info.fps if info.fps > 0 else 30.0
    frame_count = max(1, math.ceil(info.duration * fps - 1e-6))

    on_progress("layout", 0)
    style = with_speaker_colors(style, transcript)
    own_weights = offered_weights((f.weight_min, f.weight_max) for f in fonts)
    model = caption_model(transcript, style, own_weights or None)
    timings["layout"] = time.perf_counter() - started

    page = CaptionPage(browser_host(), batch=BATCH)
    try:
        mark = time.perf_counter()
        layout = (
            page.open(model, style, width, height, safe_area, fonts) if model["captions"] else None
        )
        canvas = layout.canvas if layout else None
        if layout:
            model = layout.model
        samples = sample_times(model, style, fps)
        frames = timeline(samples, fps, frame_count)
        used = frames.used_samples()
        signatures = page.signatures([samples[i] for i in used]) if canvas else []
        timings["browser_setup"] = time.perf_counter() - mark
        key_of_sample = dict(zip(used, signatures, strict=True))
        distinct: dict[str, int] = {}
        for signature in signatures:
            if signature != BLANK and signature not in distinct:
                distinct[signature] = len(distinct)
        frame_state = [
            -1 if s < 0 or key_of_sample.get(s, BLANK) == BLANK else distinct[key_of_sample[s]]
            for s in frames.frame_sample
        ]
        state_time = {
            index: samples[s]
            for s, sig in key_of_sample.items()
            if sig != BLANK
            for index in [distinct[sig]]
        }
        state_times = [state_time[i] for i in range(len(distinct))]
        on_progress("layout", 1)

        overlay = (
            Overlay(canvas.x, canvas.y, canvas.width, canvas.height, fps)
            if canvas and distinct
            else None
        )

        def command(progress_fd: int) -> list[str]:
            return ffmpeg_command(
                source=source,
                output=output,
                width=width,
                height=height,
                source_height=info.height,
                audio_codec=info.audio_codec,
                overlay=overlay,
                encoder=encoder,
                progress_fd=progress_fd,
            )

        mark = time.perf_counter()
        encode = EncodeProcess(command, info.duration)
        try:
            if overlay is not None and canvas is not None:
                _paint_and_feed(
                    page, canvas, state_times, frame_state, encode, on_progress, timings
                )
            while encode.process.poll() is None:
                on_progress("encoding", encode.fraction)
                time.sleep(0.25)
            if encode.wait() != 0:
                raise _encode_failure(encode)
        except BaseException:
            encode.kill()
            raise
        timings["paint_and_encode"] = time.perf_counter() - mark
    finally:
        page.close()
    timings["total"] = time.perf_counter() - started
    return RenderResult(
        output,
        width,
        height,
        frame_count,
        len(samples),
        len(distinct),
        timings,
        _glyph_warnings(transcript, style, fonts),
        drawn_captions(model),
    )


def _glyph_warnings(
    transcript: dict[str, Any], style: dict[str, Any], fonts: Sequence[FontFile]
) -> list[dict[str, Any]]:
    """Characters neither the caption font nor a bundled fallback draws: they are drawn by
    whatever the browser finds, or as empty boxes, so the creator is told which ones."""
    text = "".join(w["text"] for s in transcript["segments"] for w in s["words"])
    if style.get("uppercase") or style.get("emphasis_caps"):
        text += text.upper()
    own = [span for f in fonts for span in file_coverage(f.data)]
    missing = uncovered_characters(text, style["font_family"], own)
    if not missing:
        return []
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:20])
    return [
        {
            "code": "GLYPHS_MISSING",
            "message": f"No caption or fallback font draws {len(missing)} character(s): {shown}",
            "details": {"characters": missing[:200]},
        }
    ]


def _paint_and_feed(
    page: CaptionPage,
    canvas: Canvas,
    state_times: list[float],
    frame_state: list[int],
    encode: EncodeProcess,
    on_progress: ProgressCallback,
    timings: dict[str, float],
) -> None:
    bands = _Bands(canvas)
    blank = bytes(canvas.width * canvas.height * 4)
    writer_error: list[BaseException] = []

    def feed() -> None:
        stdin = encode.stdin
        try:
            for state in frame_state:
                stdin.write(blank if state < 0 else bands.band(state))
        except (BrokenPipeError, RenderFailed) as exc:
            writer_error.append(exc)
        finally:
            with contextlib.suppress(BrokenPipeError):
                stdin.close()

    writer = threading.Thread(target=feed, name="frame-writer", daemon=True)
    writer.start()
    painting = 0.0
    try:
        for number, times in enumerate(batches(state_times, BATCH)):
            mark = time.perf_counter()
            bands.add(number, page.paint(times, canvas))
            painting += time.perf_counter() - mark
            on_progress("painting", min(encode.fraction, (number + 1) * BATCH / len(state_times)))
    except BaseException:
        bands.fail()
        raise
    finally:
        timings["painting"] = painting
    while writer.is_alive():
        on_progress("encoding", encode.fraction)
        writer.join(0.25)
    if writer_error and encode.wait() != 0:
        raise _encode_failure(encode)


def _encode_failure(encode: EncodeProcess) -> Exception:
    """What a failed FFmpeg means: a full disk is transient (another attempt, maybe on another
    worker, may have room); anything else is a render failure with FFmpeg's own words."""
    stderr = encode.stderr_text()
    if "No space left on device" in stderr:
        return OSError(errno.ENOSPC, "No space left on device for the render output")
    return RenderFailed(f"FFmpeg failed: {stderr}")
