"""Draw each preset's thumbnail with the real renderer (static/captions/presets/<name>.png)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from rendering.layout import caption_model
from rendering.painter import CaptionPage, browser_host
from rendering.scenario import PRESETS, preset_style

SAMPLE = [
    ("Captions", 0.0, 0.4),
    ("that", 0.45, 0.6),
    ("move", 0.65, 0.9),
    ("with", 0.95, 1.1),
    ("the", 1.15, 1.25),
    ("voice", 1.3, 1.8),
]
SHOUTED = {"voice"}  # said louder, higher and slower: what the expressive preset shows
WIDTH, HEIGHT = 640, 360


def _background() -> Any:
    from PIL import Image

    image = Image.new("RGB", (WIDTH, HEIGHT))
    image.putdata(
        [
            (40 + x * 60 // WIDTH, 50 + y * 50 // HEIGHT, 110 - y * 40 // HEIGHT)
            for y in range(HEIGHT)
            for x in range(WIDTH)
        ]
    )
    return image


class Command(BaseCommand):
    help = "Render the preset thumbnails shown in the style picker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", type=Path, default=Path(settings.BASE_DIR) / "static" / "captions" / "presets"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from PIL import Image

        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        transcript = {
            "duration": 3.0,
            "segments": [
                {
                    "speaker": "SPEAKER_00",
                    "words": [
                        {
                            "text": t,
                            "start": s,
                            "end": e,
                            "speaker": "SPEAKER_00",
                            "prosody": {"loudness_db": 9.0, "pitch_st": 6.0, "stretch": 1.8}
                            if t in SHOUTED
                            else {"loudness_db": 0.0, "pitch_st": 0.0, "stretch": 1.0},
                        }
                        for t, s, e in SAMPLE
                    ],
                }
            ],
        }
        background = _background()
        for name in PRESETS:
            style = {**preset_style(name), "max_words_per_line": 3, "lines_per_caption": 2}
            model = caption_model(transcript, style)
            page = CaptionPage(browser_host(), batch=1)
            try:
                canvas = page.open(model, style, WIDTH, HEIGHT, "auto").canvas
                assert canvas is not None
                png = page.paint([1.0], canvas)  # "with" spoken, every earlier pop finished
            finally:
                page.close()
            frame = background.copy()
            with Image.open(io.BytesIO(png)) as band:
                frame.paste(band, (canvas.x, canvas.y), band)
            frame.resize((320, 180), Image.Resampling.LANCZOS).save(
                out / f"{name}.png", optimize=True
            )
            self.stdout.write(f"{name}: {out / f'{name}.png'}")
