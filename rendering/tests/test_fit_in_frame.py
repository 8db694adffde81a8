"""Every preset, on vertical, square, 4:5 and landscape frames, in every script: painted by the
real renderer in Chromium, every caption pixel lies inside the safe area, lines never overlap,
and every word is drawn whole (its text survives the fitting, cut only where it must)."""

import io
import itertools

import pytest
from PIL import Image

from rendering.layout import caption_model
from rendering.painter import CaptionPage, Layout, browser_host
from rendering.scenario import PRESETS, validate_scenario
from rendering.tests.scripts import SCRIPTS, script_transcript

pytestmark = pytest.mark.slow
SHAPES = {"9:16": (540, 960), "1:1": (540, 540), "4:5": (540, 676), "16:9": (960, 540)}
ALPHA = 40  # fainter pixels are the soft edge of a shadow


def shown_times(layout: Layout, style: dict) -> list[float]:
    """Each caption fully shown (after its entry animation), and each pop at its largest."""
    span = style["animation_ms"] / 1000
    times = []
    for caption in layout.model["captions"]:
        words = [w for line in caption["lines"] for w in line]
        last = words[-1]["start"] + span + 0.01
        times.append(min(max(last, caption["start"] + span + 0.01), caption["end"] - 0.001))
        if style["animation"] == "pop":
            times.extend(w["start"] + span * 0.6 for w in words)
    return sorted(t for t in times if t >= 0)


def ink_box(png: bytes, layout: Layout, count: int) -> list[tuple[int, int, int, int] | None]:
    """Per band: the box of its visible pixels in frame coordinates (None if empty)."""
    canvas = layout.canvas
    assert canvas is not None
    boxes = []
    with Image.open(io.BytesIO(png)) as image:
        alpha = image.convert("RGBA").getchannel("A").point(lambda a: 255 if a > ALPHA else 0)
        for k in range(count):
            box = alpha.crop((0, k * canvas.height, canvas.width, (k + 1) * canvas.height))
            found = box.getbbox()
            boxes.append(
                None
                if found is None
                else (
                    canvas.x + found[0],
                    canvas.y + found[1],
                    canvas.x + found[2],
                    canvas.y + found[3],
                )
            )
    return boxes


def inside(box: tuple[int, int, int, int], area: tuple[float, ...], slack: float) -> bool:
    return (
        box[0] >= area[0] - slack
        and box[1] >= area[1] - slack
        and box[2] <= area[2] + slack
        and box[3] <= area[3] + slack
    )


def line_boxes(page: CaptionPage, count: int) -> list[list[tuple[float, float]]]:
    script = """(n) => [...document.querySelectorAll('.band')].slice(0, n).map((band) =>
        [...band.querySelectorAll('.ecg-line')].map((line) => {
            const r = line.getBoundingClientRect(); return [r.top, r.bottom]; }))"""
    return page.host.call(lambda _: page.page.evaluate(script, count))


@pytest.fixture(scope="module")
def host():
    return browser_host()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("preset", PRESETS)
def test_every_caption_stays_inside_the_safe_area(host, shape, preset):
    width, height = SHAPES[shape]
    style = validate_scenario({"preset": preset}, None, source_height=height)["style"]
    for script in SCRIPTS:
        transcript = script_transcript(script)
        page = CaptionPage(host, batch=16)
        try:
            layout = page.open(caption_model(transcript, style), style, width, height, "auto")
            safe = layout.safe
            source_words = [w["text"] for s in transcript["segments"] for w in s["words"]]
            drawn = [w for c in layout.model["captions"] for line in c["lines"] for w in line]
            assert "".join(w["text"] for w in drawn) == "".join(source_words), script
            times = shown_times(layout, style)
            for first in range(0, len(times), 16):
                batch = times[first : first + 16]
                png = page.paint(batch, layout.canvas)
                for t, box in zip(batch, ink_box(png, layout, len(batch)), strict=True):
                    assert box is not None, f"{script} at {t}: nothing drawn"
                    area = (safe.x, safe.y, safe.x + safe.width, safe.y + safe.height)
                    assert inside(box, area, slack=1), (
                        f"{preset} {shape} {script} at {t}: {box} outside {area}"
                    )
                for lines in line_boxes(page, len(batch)):
                    for upper, lower in itertools.pairwise(lines):
                        assert upper[1] <= lower[0] + 0.5, f"{script}: lines overlap"
        finally:
            page.close()


@pytest.mark.parametrize("shape", ["9:16", "16:9"])
@pytest.mark.parametrize("where", [(0, 0), (100, 100), (50, 30)])
def test_a_freely_placed_caption_stays_inside_the_safe_area(host, shape, where):
    width, height = SHAPES[shape]
    style = validate_scenario(
        {"preset": "boxed", "position": "custom", "position_x": where[0], "position_y": where[1]},
        None,
        source_height=height,
    )["style"]
    transcript = script_transcript("long-words")
    page = CaptionPage(host, batch=16)
    try:
        layout = page.open(caption_model(transcript, style), style, width, height, "auto")
        safe = layout.safe
        times = shown_times(layout, style)[:16]
        png = page.paint(times, layout.canvas)
        area = (safe.x, safe.y, safe.x + safe.width, safe.y + safe.height)
        for t, box in zip(times, ink_box(png, layout, len(times)), strict=True):
            assert box is not None
            assert inside(box, area, slack=1), f"{shape} {where} at {t}: {box} outside {area}"
            if where == (0, 0):  # pushed into the top-left corner of the safe area
                assert box[1] <= safe.y + 8
    finally:
        page.close()
