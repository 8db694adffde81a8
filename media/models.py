from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from ecg.jobs.models import FinishedNews, Job, JobStatus


class VideoStatus(models.TextChoices):
    AWAITING_UPLOAD = "awaiting_upload", "Awaiting upload"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Video(models.Model):
    """A creator's source video: the stored object and what ffprobe found in it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="videos"
    )
    original_filename = models.CharField(max_length=255)
    storage_key = models.CharField(max_length=512, unique=True)
    thumbnail_key = models.CharField(max_length=512, blank=True)
    size = models.PositiveBigIntegerField(help_text="Bytes, as declared and then as stored.")
    content_type = models.CharField(max_length=100)
    status = models.CharField(
        max_length=20, choices=VideoStatus.choices, default=VideoStatus.AWAITING_UPLOAD
    )
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    # Consumed by the local upload URL: a signed URL works once, until it is used.
    upload_nonce = models.CharField(max_length=64, blank=True)
    container = models.CharField(max_length=100, blank=True)
    duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    fps = models.FloatField(null=True, blank=True)
    video_codec = models.CharField(max_length=32, blank=True)
    audio_codec = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["owner", "-created_at"], name="video_owner_recent")]

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.id})"


class TranscriptionJob(Job):
    """One run of speech recognition over a video (the latest one is the video's current)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="transcriptions")
    options = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    # What detection found when no language was given: {"language", "probability",
    # "candidates": [{"language", "probability"}, ...]} (engine.LanguageDetection).
    language_detection = models.JSONField(null=True, blank=True)

    class Meta(Job.Meta):
        indexes = [
            models.Index(fields=["video", "-created_at"], name="transcription_video_recent"),
            models.Index(fields=["status", "heartbeat_at"], name="transcription_status_beat"),
        ]

    def __str__(self) -> str:
        return f"Transcription {self.id} ({self.status})"

    def finished_news(self) -> FinishedNews:
        outcome = "is ready to edit" if self.status == JobStatus.SUCCEEDED else self.status
        return FinishedNews(
            user=self.video.owner,
            subject=f"Transcription {self.status}: {self.video.original_filename}",
            body=f"The transcript of {self.video.original_filename} {outcome}.",
        )


class TranscriptSource(models.TextChoices):
    MACHINE = "machine", "Machine"
    EDIT = "edit", "Edit"


class TranscriptRevision(models.Model):
    """A saved transcript. Machine output is kept; every edit adds a revision; latest wins."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="transcripts")
    source = models.CharField(max_length=16, choices=TranscriptSource.choices)
    job = models.ForeignKey(
        TranscriptionJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["video", "-id"], name="transcript_video_latest")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} transcript #{self.pk} of {self.video_id}"


class Vocabulary(models.Model):
    """A creator's own words (names, places, brands, jargon), given to the recognizer with
    every transcription of their videos (media/transcription/vocabulary.py)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vocabulary"
    )
    terms = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "vocabularies"

    def __str__(self) -> str:
        return f"Vocabulary of {self.owner_id} ({len(self.terms)} terms)"
