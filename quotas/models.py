"""Per-user render limits and usage counters (calendar windows in UTC)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Quota(models.Model):
    """A user's limits; an empty field means the default from settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quota"
    )
    daily_renders = models.PositiveIntegerField(null=True, blank=True)
    monthly_renders = models.PositiveIntegerField(null=True, blank=True)
    concurrent_renders = models.PositiveIntegerField(null=True, blank=True)
    max_video_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Longest video one render may cover, in seconds."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Quota of {self.user}"


class UsageDay(models.Model):
    """What one user rendered on one UTC day; months are sums of days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="usage_days"
    )
    day = models.DateField()
    renders_started = models.PositiveIntegerField(default=0)
    renders_succeeded = models.PositiveIntegerField(default=0)
    renders_failed = models.PositiveIntegerField(default=0)
    renders_canceled = models.PositiveIntegerField(default=0)
    seconds_rendered = models.FloatField(default=0)
    output_bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ("-day",)
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="usage_user_day")]
        verbose_name = "daily usage"
        verbose_name_plural = "daily usage"

    def __str__(self) -> str:
        return f"{self.user} on {self.day}"
