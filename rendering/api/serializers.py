from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ecg.jobs.serializers import JobError, job_error
from rendering.models import RenderJob


class RenderCreateInput(serializers.Serializer):
    video = serializers.UUIDField()
    transcript = serializers.JSONField(
        required=False, allow_null=True, help_text="Default: the video's current transcript."
    )
    style = serializers.JSONField(  # type: ignore[assignment]
        required=False, allow_null=True, help_text='A preset and overrides: {"preset": "pop"}'
    )
    output = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text=(
            '{"height": null | 1080 | 720 | ..., "format": "mp4", '
            '"safe_area": "auto" | "tiktok" | "reels" | "shorts" | "youtube" | "none"}'
        ),
    )


class RenderOutput(serializers.ModelSerializer):
    video = serializers.UUIDField(source="video_id")
    error = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = RenderJob
        fields = (
            "id",
            "video",
            "status",
            "phase",
            "progress",
            "eta_seconds",
            "error",
            "scenario",
            "output_size",
            "output_width",
            "output_height",
            "download_url",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "stats",
            "warnings",
        )
        read_only_fields = fields

    @extend_schema_field(JobError(allow_null=True))
    def get_error(self, job: RenderJob) -> dict[str, Any] | None:
        return job_error(job)

    def get_download_url(self, job: RenderJob) -> str | None:
        """From the context's `download_urls` (job id -> absolute link), made by the view."""
        url: str | None = self.context.get("download_urls", {}).get(job.pk)
        return url


class PresetOutput(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    style = serializers.DictField()  # type: ignore[assignment]
    thumbnail_url = serializers.CharField()


class CaptionLayoutInput(serializers.Serializer):
    transcript = serializers.JSONField()
    style = serializers.JSONField(required=False, allow_null=True)  # type: ignore[assignment]


# The same shape built straight from the model, for the hot path of status polls (see
# media/api/serializers.py); rendering/tests/test_render_api.py checks both agree.
_RENDER_COLUMNS = tuple(
    f for f in RenderOutput.Meta.fields if f not in ("video", "error", "download_url")
)


def render_data(job: RenderJob, download_url: str | None) -> dict[str, Any]:
    data = {name: getattr(job, name) for name in _RENDER_COLUMNS}
    data["video"] = job.video_id
    data["error"] = job_error(job)
    data["download_url"] = download_url
    return data
