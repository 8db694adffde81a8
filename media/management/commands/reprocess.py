"""Queue transcription again for chosen videos (operators)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ecg.errors import DomainError
from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob, Video, VideoStatus
from media.transcription.services import transcription_options, transcription_request


def _since(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since: not a date: {value!r} (use YYYY-MM-DD)")
        parsed = datetime.combine(day, time.min)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = "Re-enqueue transcription of videos: by id, the failed ones, or those since a date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--video", nargs="+", default=[], help="video ids")
        parser.add_argument(
            "--failed", action="store_true", help="videos whose latest transcription failed"
        )
        parser.add_argument("--since", help="videos uploaded on or after this date")
        parser.add_argument("--language", default=None)
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def videos(self, options: dict[str, Any]) -> QuerySet[Video]:
        if not (options["video"] or options["failed"] or options["since"]):
            raise CommandError("Choose videos with --video, --failed and/or --since.")
        videos = Video.objects.filter(status=VideoStatus.READY).order_by("created_at")
        if options["video"]:
            videos = videos.filter(pk__in=options["video"])
        if options["since"]:
            videos = videos.filter(uploaded_at__gte=_since(options["since"]))
        if options["failed"]:
            latest = TranscriptionJob.objects.filter(video=OuterRef("pk")).order_by("-created_at")
            videos = videos.annotate(latest_status=Subquery(latest.values("status")[:1])).filter(
                latest_status=JobStatus.FAILED
            )
        return videos

    def handle(self, *args: Any, **options: Any) -> None:
        transcribe_options = transcription_options(language=options["language"])
        queued = skipped = 0
        for video in self.videos(options):
            if options["dry_run"]:
                self.stdout.write(f"would queue {video.pk}  {video.original_filename}")
                continue
            try:
                job = transcription_request(video=video, options=transcribe_options)
            except DomainError as exc:
                skipped += 1
                self.stdout.write(f"skipped     {video.pk}  {exc.message}")
                continue
            queued += 1
            self.stdout.write(f"queued      {video.pk}  job {job.pk}")
        if not options["dry_run"]:
            self.stdout.write(f"{queued} queued, {skipped} skipped")
