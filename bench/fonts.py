"""Benchmark: checking a brand font on upload (rendering/font_check.py).

    .venv/bin/python bench/fonts.py [--runs 3]

Times `check_font` (sniff, unpacked-size check, the OpenType Sanitizer in a child process,
fontTools reading and rebuilding as WOFF) on real fonts of the bundled packages: a Latin
display face, a full Latin text face, and a Chinese one (the largest kind a creator uploads),
each in the format the package ships and as the plain TTF it unpacks to.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rendering.font_check import check_font

FONTS = {
    "Anton, Latin (WOFF2)": "static/fonts/anton-latin-400-normal.woff2",
    "Inter 700, Latin (WOFF2)": "static/fonts/inter-latin-700-normal.woff2",
    "Noto Sans SC, simplified Chinese (WOFF2)": (
        "node_modules/@fontsource/noto-sans-sc/files/"
        "noto-sans-sc-chinese-simplified-400-normal.woff2"
    ),
}


def as_ttf(data: bytes) -> bytes:
    font = TTFont(io.BytesIO(data))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| font | upload | stored (WOFF) | check, median of runs |")
    print("| --- | --- | --- | --- |")
    for name, path in FONTS.items():
        packed = (ROOT / path).read_bytes()
        for label, data in ((name, packed), (name.replace("WOFF2", "TTF"), as_ttf(packed))):
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                font = check_font(data)
                times.append(time.perf_counter() - started)
            print(
                f"| {label} | {len(data) / 1024:.0f} KB | {len(font.woff) / 1024:.0f} KB "
                f"| {statistics.median(times) * 1000:.0f} ms |"
            )


if __name__ == "__main__":
    main()
