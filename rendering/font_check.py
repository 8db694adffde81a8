"""Checking an uploaded font before anyone draws with it (no Django, no ORM).

A creator's font file is untrusted input that Chromium will parse in the preview and in the
export painter. So it goes through the OpenType Sanitizer (the very checker Chromium runs on web
fonts, in a child process with time and memory limits), which rewrites it table by table; then
fontTools reads what we need (family, weights, the characters it draws), keeps only the tables
that draw text and writes it as WOFF (zlib: a CJK font in 0.3 s, where WOFF2's Brotli takes 8 s).
What is stored and served is that rebuilt file, never the upload.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ots
from fontTools.ttLib import TTFont, TTLibError

MAX_SFNT_BYTES = 30 * 1024**2  # what a WOFF/WOFF2 may unpack to (OTS's own default limit)
SANITIZE_SECONDS = 20
SANITIZE_MEMORY = 1024**3
MAX_FAMILY = 64
# Tables that draw text (outlines, metrics, hinting, layout, variations, colour layers); the
# rest (SVG documents, bitmaps, vendor data) is dropped.
KEPT_TABLES = frozenset(
    {
        *("head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cmap"),
        *("glyf", "loca", "cvt ", "fpgm", "prep", "gasp", "CFF ", "CFF2", "VORG"),
        *("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "vhea", "vmtx"),
        *("fvar", "gvar", "avar", "HVAR", "VVAR", "MVAR", "STAT", "cvar", "COLR", "CPAL"),
    }
)
FORMATS = {
    b"\x00\x01\x00\x00": "ttf",
    b"true": "ttf",
    b"OTTO": "otf",
    b"wOFF": "woff",
    b"wOF2": "woff2",
}
NOT_FONTS = {  # what a mislabelled file often is, to say so
    b"ttcf": "a font collection (.ttc): upload one font of it",
    b"<": "a text or markup file (HTML, SVG or XML), not a font",
    b"PK": "a ZIP archive: unpack it and upload the font inside",
    b"%!": "a PostScript file, not an OpenType font",
    b"\x1f\x8b": "a compressed (gzip) file, not a font",
}


class FontRejected(ValueError):
    """The file is not a font we can draw with; `reason` is said to the creator."""

    def __init__(self, reason: str, *, unsupported: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unsupported = unsupported  # a real font file of a kind we do not take


@dataclass(frozen=True)
class CheckedFont:
    family: str
    weight_min: int  # a static font: min == max; a variable one: its weight axis
    weight_max: int
    source_format: str  # ttf, otf, woff, woff2
    woff: bytes  # the rebuilt font (WOFF): what is stored and served
    coverage: list[tuple[int, int]]  # code point ranges the font draws


def check_font(data: bytes) -> CheckedFont:
    """The font in `data`, checked and rebuilt; raises FontRejected saying why not."""
    source_format = _format(data)
    _check_unpacked_size(data, source_format)
    sanitized = _sanitize(data)
    try:
        font = TTFont(io.BytesIO(sanitized))
        family = _family(font)
        weight_min, weight_max = _weights(font)
        coverage = _coverage(font)
        tags = font.keys()
        for tag in [t for t in tags if t not in KEPT_TABLES and t != "GlyphOrder"]:
            del font[tag]
        font.flavor = "woff"
        out = io.BytesIO()
        font.save(out)
    except FontRejected:
        raise
    except (TTLibError, KeyError, ValueError, struct.error, AssertionError, IndexError) as exc:
        raise FontRejected(f"the font's tables cannot be read ({exc.__class__.__name__})") from exc
    if not coverage:
        raise FontRejected("the font maps no characters to glyphs (no usable 'cmap' table)")
    return CheckedFont(family, weight_min, weight_max, source_format, out.getvalue(), coverage)


def file_coverage(data: bytes) -> list[tuple[int, int]]:
    """The characters a stored (already checked) font draws."""
    return _coverage(TTFont(io.BytesIO(data), lazy=True))


def _format(data: bytes) -> str:
    if len(data) < 12:
        raise FontRejected("the file is empty or too short to be a font")
    for magic, name in FORMATS.items():
        if data.startswith(magic):
            return name
    for magic, what in NOT_FONTS.items():
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(magic):
            raise FontRejected(f"the file is {what}", unsupported=magic == b"ttcf")
    raise FontRejected("the file is not a TrueType, OpenType, WOFF or WOFF2 font")


def _check_unpacked_size(data: bytes, source_format: str) -> None:
    """A compressed font says how large it unpacks to: refuse a bomb before unpacking it."""
    header = {"woff": 44, "woff2": 48}.get(source_format)
    if header is None:
        return
    if len(data) < header:
        raise FontRejected(f"the {source_format.upper()} header is cut short")
    total = struct.unpack(">I", data[16:20])[0]  # the header's totalSfntSize
    if source_format == "woff":  # ... and what its tables say they unpack to (origLength)
        (count,) = struct.unpack(">H", data[12:14])
        directory = data[44 : 44 + 20 * count]
        if len(directory) < 20 * count:
            raise FontRejected("the WOFF table directory is cut short")
        lengths = (
            struct.unpack(">I", directory[k + 12 : k + 16])[0] for k in range(0, len(directory), 20)
        )
        total = max(total, sum(lengths))
    if total > MAX_SFNT_BYTES:
        raise FontRejected(
            f"the font would unpack to {total / 1024**2:.0f} MB, over the "
            f"{MAX_SFNT_BYTES // 1024**2} MB a font may be"
        )


def _limits() -> None:  # in the child, before it runs
    resource.setrlimit(resource.RLIMIT_AS, (SANITIZE_MEMORY, SANITIZE_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SANITIZE_SECONDS, SANITIZE_SECONDS))


def _sanitize(data: bytes) -> bytes:
    """The font as the OpenType Sanitizer rewrites it (an sfnt), or FontRejected with its
    reason."""
    with tempfile.TemporaryDirectory(prefix="ecg-font-") as scratch:
        source, target = Path(scratch) / "in", Path(scratch) / "out"
        source.write_bytes(data)
        try:
            done = subprocess.run(  # noqa: S603 - our own binary, on a file we wrote
                [ots.OTS_SANITIZE, str(source), str(target)],
                capture_output=True,
                timeout=SANITIZE_SECONDS,
                preexec_fn=_limits,  # only sets resource limits between fork and exec
                env={"PATH": os.environ.get("PATH", "")},
            )
        except subprocess.TimeoutExpired as exc:
            raise FontRejected("the font took too long to check") from exc
        if done.returncode != 0 or not target.exists():
            raise FontRejected(f"the font is malformed ({_ots_reason(done.stderr)})")
        return target.read_bytes()


def _ots_reason(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    reasons = [line.removeprefix("ERROR: ") for line in lines if line.startswith("ERROR")]
    return "; ".join(reasons[:2])[:300] or "rejected by the OpenType sanitizer"


def _family(font: TTFont) -> str:
    """The family as the font names it (typographic family first), printable and trimmed."""
    table = font.get("name")
    name = None
    if table is not None:
        for name_id in (16, 1):
            record = table.getName(name_id, 3, 1, 0x409) or table.getDebugName(name_id)
            if record:
                name = str(record)
                break
    cleaned = " ".join(
        "".join(
            c for c in unicodedata.normalize("NFC", name or "") if unicodedata.category(c)[0] != "C"
        ).split()
    )
    if not cleaned:
        raise FontRejected("the font has no family name (its 'name' table names none)")
    return cleaned[:MAX_FAMILY]


def _snap(weight: float) -> int:
    return int(min(900, max(100, round(weight / 100) * 100)))


def _weights(font: TTFont) -> tuple[int, int]:
    if "fvar" in font:
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                low, high = _snap(axis.minValue), _snap(axis.maxValue)
                return min(low, high), max(low, high)
    weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
    return _snap(weight), _snap(weight)


def _coverage(font: TTFont) -> list[tuple[int, int]]:
    cmap = font.getBestCmap() or {}
    ranges: list[tuple[int, int]] = []
    for point in sorted(cmap):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges
