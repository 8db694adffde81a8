"""Render captions onto a local video with the worker's renderer: no database, no broker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecg.cli import phase_progress
from media.probe import MediaError, probe
from media.transcription.schema import TranscriptInvalid, validate_transcript
from rendering.kind import PHASES
from rendering.renderer import RenderFailed, SourceInfo, render_video
from rendering.scenario import PRESETS, ScenarioInvalid, validate_scenario
from rendering.shared import SAFE_AREA_NAMES


class Command(BaseCommand):
    help = "Render animated captions from a Transcript JSON onto INPUT, writing an mp4."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("--transcript", type=Path, required=True)
        parser.add_argument("--preset", choices=sorted(PRESETS), default=None)
        parser.add_argument("--style", type=Path, help="JSON file with style overrides")
        parser.add_argument("--height", type=int, default=None, help="output height (lines)")
        parser.add_argument(
            "--safe-area",
            choices=SAFE_AREA_NAMES,
            default="auto",
            help="platform overlay to keep captions clear of (auto: by the frame's shape)",
        )
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument(
            "--captions-json",
            type=Path,
            help="also write the captions as drawn (captions -> lines -> words with times)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            info = probe(options["input"])
            transcript = validate_transcript(json.loads(options["transcript"].read_text()))
            style = json.loads(options["style"].read_text()) if options["style"] else {}
            if options["preset"]:
                style["preset"] = options["preset"]
            scenario = validate_scenario(
                style,
                {"height": options["height"], "safe_area": options["safe_area"]},
                source_height=info.height,
                source_width=info.width,
            )
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        except (MediaError, TranscriptInvalid, ScenarioInvalid) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from exc
        with phase_progress(PHASES) as report:
            try:
                result = render_video(
                    source=str(options["input"]),
                    info=SourceInfo(
                        info.width, info.height, info.fps, info.duration, info.audio_codec
                    ),
                    transcript=dict(transcript),
                    style=scenario["style"],
                    output_height=scenario["output"]["height"],
                    safe_area=scenario["output"]["safe_area"],
                    output=options["output"],
                    on_progress=report,
                )
            except RenderFailed as exc:
                raise CommandError(str(exc)) from exc
            report("uploading", 1)
        self.stdout.write(
            f"{result.width}x{result.height}, {result.frames} frames, "
            f"{result.states_painted} caption states painted, "
            f"{result.timings['total']:.1f} s -> {options['output']}"
        )
        if options["captions_json"]:
            options["captions_json"].write_text(
                json.dumps({"captions": result.captions}, ensure_ascii=False, indent=1)
            )
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning['message']}")
