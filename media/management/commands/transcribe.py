"""Transcribe a local media file with the worker's engine: no database, no broker."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecg.cli import phase_progress
from ecg.errors import DomainError
from media.probe import MediaError, probe
from media.transcription.options import parse_options
from media.transcription.pipeline import PHASES, transcribe_media
from media.transcription.schema import validate_transcript
from media.transcription.whisperx_engine import engine_for

EMPHASIZED_SHOWN = 5  # the words said most strongly, for a quick check


class Command(BaseCommand):
    help = "Transcribe INPUT (video or audio) to Transcript JSON with WhisperX."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--language", default="auto", help="ISO code, or auto (default)")
        parser.add_argument("--model", default="", help="model name or directory")
        parser.add_argument("--no-diarize", action="store_true")
        parser.add_argument("--speakers", type=int, help="exactly this many speakers")
        parser.add_argument("--min-speakers", type=int)
        parser.add_argument("--max-speakers", type=int)
        parser.add_argument(
            "--vocabulary",
            default="",
            help='your own words for the recognizer, comma-separated: "Moncton, Bay of Fundy"',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        try:
            duration = probe(source).duration
        except MediaError:
            duration = None  # audio-only input: the engine measures it
        try:
            settings_ = parse_options(
                {
                    "language": options["language"],
                    "model": options["model"],
                    "diarize": not options["no_diarize"],
                    "num_speakers": options["speakers"],
                    "min_speakers": options["min_speakers"],
                    "max_speakers": options["max_speakers"],
                    "vocabulary": options["vocabulary"],
                }
            )
        except DomainError as exc:
            raise CommandError(f"{exc.message} {exc.details}") from exc
        with (
            phase_progress(PHASES) as report,
            tempfile.TemporaryDirectory(prefix="ecg-asr-") as workdir,
        ):
            try:
                result = transcribe_media(
                    source,
                    settings_,
                    duration=duration or 0.0,
                    engine=engine_for(),
                    workdir=Path(workdir),
                    report=report,
                )
            except MediaError as exc:
                raise CommandError(exc.message) from exc
            report("saving", 1)
        transcript, warnings = result.transcript, result.warnings
        options["output"].write_text(json.dumps(validate_transcript(transcript), indent=1))
        words = sum(len(s["words"]) for s in transcript["segments"])
        for warning in warnings:
            self.stderr.write(f"note: {warning}")
        given = transcript["engine"].get("vocabulary")
        if given:
            self.stdout.write(f"vocabulary given to the recognizer: {', '.join(given)}")
        self.stdout.write(
            f"{words} words in {len(transcript['segments'])} segments, "
            f"{len(transcript['speakers'])} speaker(s), "
            f"{transcript['duration']:.1f} s, language {transcript['language']} "
            f"-> {options['output']}"
        )
        said = [w for s in transcript["segments"] for w in s["words"] if "emphasis" in w]
        if said:
            ranked = sorted(said, key=lambda w: -w["emphasis"])[:EMPHASIZED_SHOWN]
            shown = ", ".join(
                f"{w['text']} ({w['emphasis']:.2f} at {w['start']:.1f} s)" for w in ranked
            )
            self.stdout.write(f"most emphasized: {shown}")
