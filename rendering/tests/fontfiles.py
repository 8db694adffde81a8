"""Font files made at test time (nothing binary in git): a font built with fontTools'
FontBuilder whose letters are solid blocks, and a bundled font under another family name."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

STATIC_FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"
CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,!?'"


def _block(pen, width: int) -> None:
    pen.moveTo((40, 0))
    pen.lineTo((40, 700))
    pen.lineTo((width - 40, 700))
    pen.lineTo((width - 40, 0))
    pen.closePath()


def block_font(
    family: str = "Block Brand", weight: int = 400, *, cff: bool = False, flavor: str | None = None
) -> bytes:
    """A font whose every letter is a solid block 700 units tall (unmistakable in pixels)."""
    names = [".notdef", "space", *(f"g{ord(c)}" for c in CHARS)]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space"} | {ord(c): f"g{ord(c)}" for c in CHARS})
    width = 600
    if cff:
        charstrings = {}
        for name in names:
            pen = T2CharStringPen(width, None)
            if name not in (".notdef", "space"):
                _block(pen, width)
            charstrings[name] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": family}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            if name not in (".notdef", "space"):
                _block(pen, width)
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(dict.fromkeys(names, (width, 40)))
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(
        usWeightClass=weight,
        sTypoAscender=800,
        sTypoDescender=-200,
        usWinAscent=800,
        usWinDescent=200,
    )
    fb.setupPost()
    out = io.BytesIO()
    font = fb.font
    if flavor:
        font.flavor = flavor
    font.save(out)
    return out.getvalue()


def variable(data: bytes, low: int = 100, high: int = 900) -> bytes:
    """The font as a variable font with a weight axis from `low` to `high`."""
    font = TTFont(io.BytesIO(data))
    builder = FontBuilder(font=font)
    builder.setupFvar([("wght", low, 400, high, "Weight")], [])
    builder.setupGvar({})
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def with_svg_script(data: bytes) -> bytes:
    """The font with an OpenType-SVG table whose glyph document carries a script."""
    font = TTFont(io.BytesIO(data))
    svg = newTable("SVG ")
    svg.docList = [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 1, 1)
    ]
    font["SVG "] = svg
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def renamed(bundled: str, family: str) -> bytes:
    """A bundled font file (static/fonts) as a TTF naming itself `family`."""
    font = TTFont(STATIC_FONTS / bundled)
    font.flavor = None
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
