from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from ecg.jobs.models import FinishedNews, Job, JobStatus, MeteredUsage
from media.models import TranscriptRevision, Video
from rendering.fonts import offered_weights


class RenderJob(Job):
    """An export: the video with captions drawn by a scenario snapshot, encoded to mp4."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="renders"
    )
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="renders")
    transcript = models.ForeignKey(
        TranscriptRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Frozen at request time: later edits or preset changes never alter a queued render.
    transcript_snapshot = models.JSONField()
    scenario = models.JSONField()
    output_key = models.CharField(max_length=512, blank=True)
    output_size = models.PositiveBigIntegerField(null=True, blank=True)
    output_width = models.PositiveIntegerField(null=True, blank=True)
    output_height = models.PositiveIntegerField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    # What the creator should know about a finished render: [{code, message, details}].
    warnings = models.JSONField(default=list, blank=True)

    STATUS_EXCLUDED = ("transcript_snapshot",)

    class Meta(Job.Meta):
        indexes = [
            models.Index(fields=["owner", "status"], name="render_owner_status"),
            models.Index(fields=["owner", "-created_at"], name="render_owner_recent"),
            models.Index(fields=["status", "heartbeat_at"], name="render_status_beat"),
        ]

    def __str__(self) -> str:
        return f"Render {self.id} ({self.status})"

    def finished_news(self) -> FinishedNews:
        outcome = "is ready to download" if self.status == JobStatus.SUCCEEDED else self.status
        return FinishedNews(
            user=self.owner,
            subject=f"Export {self.status}: {self.video.original_filename}",
            body=f"The export of {self.video.original_filename} {outcome}.",
        )

    def metered_usage(self) -> MeteredUsage:
        succeeded = self.status == JobStatus.SUCCEEDED
        return MeteredUsage(
            user=self.owner,
            seconds=(self.video.duration or 0.0) if succeeded else 0.0,
            output_bytes=self.output_size or 0,
        )


class UserPreset(models.Model):
    """A creator's own look: a complete validated style under a name of their choosing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presets"
    )
    name = models.CharField(max_length=60)
    style = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "owner", name="user_preset_name_unique_per_owner"
            )
        ]

    def __str__(self) -> str:
        return f"Preset {self.name!r} of {self.owner_id}"


class UserFont(models.Model):
    """A creator's brand font: one file of a family (a static weight, or a variable font's
    weight range), checked and rebuilt by `rendering.font_check`, stored under `storage_key`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fonts"
    )
    family = models.CharField(max_length=64)  # as the font names itself
    weight_min = models.PositiveSmallIntegerField()
    weight_max = models.PositiveSmallIntegerField()
    file_name = models.CharField(max_length=255)  # the uploaded file's name, as shown
    source_format = models.CharField(max_length=8)
    storage_key = models.CharField(max_length=512)
    size = models.PositiveIntegerField()  # of the stored (rebuilt) file
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family", "weight_min"]
        indexes = [models.Index(Lower("family"), "owner", name="user_font_family")]

    def __str__(self) -> str:
        return f"Font {self.family!r} {self.weight_min}-{self.weight_max} of {self.owner_id}"

    @property
    def weights(self) -> tuple[int, ...]:
        return offered_weights([(self.weight_min, self.weight_max)])
