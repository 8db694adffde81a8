"""The expressive preset, painted by the real renderer in Chromium: a shouted word is drawn
larger and heavier than its neighbours, a tagged one gets its colour and emoji, and every word
stays inside the frame's safe area on vertical, square and landscape frames."""

import io

import pytest
from PIL import Image

from rendering.layout import caption_model
from rendering.painter import CaptionPage, browser_host
from rendering.scenario import validate_scenario
from rendering.tests.scripts import shouted_transcript

pytestmark = pytest.mark.slow
ALPHA = 40
TEXT = "we will never pay $5 for that again"
SHOUTED = "never"
WORD_BOXES = """() => { const band = document.querySelector('.band');
    return [...band.querySelectorAll('.ecg-word')].map((el) => {
        const r = el.getBoundingClientRect();
        const emoji = el.querySelector('.ecg-emoji')?.getBoundingClientRect();
        return {text: el.firstChild.textContent, box: [r.left, r.top, r.right, r.bottom],
                emoji: emoji ? [emoji.left, emoji.top, emoji.right, emoji.bottom] : null}; }); }"""


def paint(preset, size=(720, 1280), at=None, **overrides):
    """The caption holding the shouted word, fully shown (or at `at(caption, style)`): its
    words' boxes and ink."""
    width, height = size
    style = validate_scenario(
        {"preset": preset, "lines_per_caption": 3, "max_words_per_line": 8, **overrides},
        None,
        source_height=height,
    )["style"]
    page = CaptionPage(browser_host(), batch=1)
    try:
        model = caption_model(shouted_transcript(TEXT, SHOUTED), style)
        layout = page.open(model, style, width, height, "auto")
        caption = next(
            c
            for c in layout.model["captions"]
            if any(w["text"] == SHOUTED for line in c["lines"] for w in line)
        )
        t = at(caption, style) if at else caption["end"] - 0.01
        png = page.paint([t], layout.canvas)
        boxes = page.host.call(lambda _: page.page.evaluate(WORD_BOXES))
    finally:
        page.close()
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    return image, boxes, layout


def ink(image, box, inset=4):
    """Opaque pixels inside a box, and the height of their bounding box (the box narrowed a
    little: a neighbour's descender or stroke may reach into its corners)."""
    left, top, right, bottom = box
    crop = image.crop((round(left + inset), round(top), round(right - inset), round(bottom)))
    mask = crop.getchannel("A").point(lambda a: 255 if a > ALPHA else 0)
    found = mask.getbbox()
    return mask.histogram()[255], (found[3] - found[1]) if found else 0


def per_letter(image, word):
    """Ink per letter of a word (its emoji left out) and its ink's height."""
    box = word["box"] if not word["emoji"] else [*word["box"][:2], word["emoji"][0], word["box"][3]]
    count, height = ink(image, box)
    return count / len(word["text"]), height


def test_the_shouted_word_is_drawn_larger_and_heavier_than_its_neighbours():
    image, boxes, _ = paint("expressive")
    measured = {w["text"]: per_letter(image, w) for w in boxes}
    shouted_ink, shouted_height = measured[SHOUTED]
    others = [v for k, v in measured.items() if k not in (SHOUTED, "$5")]
    assert shouted_ink > 1.5 * max(ink for ink, _ in others), measured
    # Taller than every neighbour without descenders, and set in a larger size.
    ascending = [measured[w][1] for w in measured if not set(w) & set("gjpqy$") and w != SHOUTED]
    assert shouted_height > 1.1 * max(ascending), measured
    size = {w["text"]: w["box"][3] - w["box"][1] for w in boxes}
    assert size[SHOUTED] > 1.2 * max(v for k, v in size.items() if k not in (SHOUTED, "$5"))


def test_without_expression_the_same_word_looks_like_its_neighbours():
    """The control: the same speech in the plain preset (the test above can fail)."""
    image, boxes, _ = paint("classic")
    measured = {w["text"]: per_letter(image, w) for w in boxes}
    others = [v for k, v in measured.items() if k not in (SHOUTED, "$5")]
    assert measured[SHOUTED][0] < 1.3 * max(ink for ink, _ in others), measured


def test_money_gets_its_colour_and_its_emoji_drawn_after_it():
    image, boxes, _ = paint("expressive")
    money = next(w for w in boxes if w["text"] == "$5")
    assert money["emoji"] is not None
    assert money["emoji"][0] >= money["box"][0]
    crop = image.crop(tuple(round(v) for v in money["emoji"])).convert("RGB")
    colourful = [p for p in crop.get_flattened_data() if max(p) - min(p) > 80]
    assert len(colourful) > 50  # a colour emoji, not an empty box or a black glyph


def bouncing(caption, style):
    """The moment the money word is largest: halfway through its tag's bounce."""
    money = next(w for line in caption["lines"] for w in line if w["text"] == "$5")
    return money["start"] + style["animation_ms"] / 1000


@pytest.mark.parametrize("size", [(720, 1280), (720, 720), (1280, 720), (480, 854)])
@pytest.mark.parametrize("at", [None, bouncing])
def test_every_expressive_word_stays_inside_the_safe_area(size, at):
    image, boxes, layout = paint("expressive", size=size, at=at, font_size=96)
    safe, canvas = layout.safe, layout.canvas
    alpha = image.getchannel("A").point(lambda a: 255 if a > ALPHA else 0)
    left, top, right, bottom = alpha.getbbox()
    assert canvas.x + left >= safe.x - 1
    assert canvas.y + top >= safe.y - 1
    assert canvas.x + right <= safe.x + safe.width + 1
    assert canvas.y + bottom <= safe.y + safe.height + 1
    drawn = [w["text"] for w in boxes]
    assert SHOUTED in drawn
