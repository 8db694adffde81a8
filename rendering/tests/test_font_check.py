"""Checking a brand font: real fonts in every format are read (family, weights, characters) and
rebuilt; anything else, or anything hostile, is refused with a reason, never a crash."""

from __future__ import annotations

import io
import random
import struct
import time

import pytest
from fontTools.ttLib import TTFont

from rendering.font_check import MAX_FAMILY, FontRejected, check_font
from rendering.tests.fontfiles import block_font, renamed, variable, with_svg_script


@pytest.mark.parametrize(
    ("options", "source_format"),
    [
        ({}, "ttf"),
        ({"cff": True}, "otf"),
        ({"flavor": "woff"}, "woff"),
        ({"flavor": "woff2"}, "woff2"),
        ({"cff": True, "flavor": "woff2"}, "woff2"),
    ],
)
def test_a_real_font_in_any_format_is_read_and_rebuilt_as_woff(options, source_format):
    font = check_font(block_font("Block Brand", 700, **options))
    assert (font.family, font.weight_min, font.weight_max) == ("Block Brand", 700, 700)
    assert font.source_format == source_format
    assert font.woff.startswith(b"wOFF")
    assert (ord("A"), ord("Z")) in font.coverage
    rebuilt = TTFont(io.BytesIO(font.woff))
    assert rebuilt.getBestCmap()[ord("A")] == "g65"


def test_a_real_foundry_font_keeps_its_name_and_glyphs():
    font = check_font(renamed("anton-latin-400-normal.woff2", "Brand Display"))
    assert (font.family, font.weight_min) == ("Brand Display", 400)
    assert any(low <= ord("é") <= high for low, high in font.coverage)


def test_a_variable_font_offers_its_weight_axis():
    font = check_font(variable(block_font("Var Brand"), 200, 800))
    assert (font.weight_min, font.weight_max) == (200, 800)
    assert "fvar" in TTFont(io.BytesIO(font.woff))


def test_svg_glyph_documents_and_their_scripts_are_dropped():
    hostile = with_svg_script(block_font())
    assert b"<script>" in hostile
    font = check_font(hostile)
    assert b"script" not in font.woff
    assert "SVG " not in TTFont(io.BytesIO(font.woff))


def test_the_family_name_is_printable_and_bounded():
    font = check_font(block_font("Brand\x00\x07  Sans\u200b " + "x" * 300))
    assert font.family.startswith("Brand Sans")
    assert len(font.family) == MAX_FAMILY
    assert all(ch.isprintable() for ch in font.family)


def _woff2_claiming(total: int) -> bytes:
    data = bytearray(block_font(flavor="woff2"))
    data[16:20] = struct.pack(">I", total)
    return bytes(data)


def _woff_table_claiming(length: int) -> bytes:
    data = bytearray(block_font(flavor="woff"))
    data[44 + 12 : 44 + 16] = struct.pack(">I", length)  # the first table's origLength
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x00\x00", "too short"),
        (b"<html><script>while(1){}</script></html>", "markup"),
        (b'<?xml version="1.0"?><svg><font><glyph unicode="A"/></font></svg>', "markup"),
        (b"\xef\xbb\xbf<script>alert(1)</script>", "markup"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
        (b"ttcf\x00\x01\x00\x00" + b"\x00" * 40, "collection"),
        (b"%!PS-AdobeFont-1.0: Brand" + b"\x00" * 20, "PostScript"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip"),
        (bytes(range(256)) * 4, "not a TrueType"),
        (_woff2_claiming(2**31), "unpack to 2048 MB"),
        (_woff_table_claiming(2**31), "unpack to 2048 MB"),
        (block_font()[:300], "malformed"),
        (b"OTTO" + b"\x00" * 200, "malformed"),
    ],
)
def test_what_is_not_a_usable_font_is_refused_saying_why(data, reason):
    with pytest.raises(FontRejected) as refused:
        check_font(data)
    assert reason in refused.value.reason


def _mutations(seed: int, data: bytes, count: int):
    rng = random.Random(seed)  # noqa: S311 - reproducible fuzzing, not cryptography
    for _ in range(count):
        mutated = bytearray(data)
        kind = rng.randrange(4)
        if kind == 0:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        elif kind == 1:  # cut short
            del mutated[rng.randrange(12, len(mutated)) :]
        elif kind == 2:  # a field of the table directory set to an extreme
            offset = 12 + 16 * rng.randrange(8) + rng.choice((8, 12))
            mutated[offset : offset + 4] = rng.choice((b"\xff\xff\xff\xff", b"\x7f\xff\xff\xf0"))
        else:  # garbage spliced in
            at = rng.randrange(len(mutated))
            mutated[at:at] = rng.randbytes(rng.randint(1, 64))
        yield bytes(mutated)


@pytest.mark.parametrize("flavor", [None, "woff2"])
def test_fuzzed_fonts_are_refused_or_rebuilt_never_a_crash(flavor):
    """Hundreds of broken variants of a real font: each is refused with a reason, or accepted
    and rebuilt into a font that reads cleanly; all in bounded time."""
    started = time.monotonic()
    reasons = []
    for data in _mutations(13, block_font(flavor=flavor), 150):
        try:
            font = check_font(data)
        except FontRejected as exc:
            reasons.append(exc.reason)
            continue
        rebuilt = TTFont(io.BytesIO(font.woff))
        rebuilt.ensureDecompiled()
        assert font.coverage
        assert font.family
    assert len(reasons) > 50  # the fuzzing really broke things
    assert all(reasons)
    assert time.monotonic() - started < 120
