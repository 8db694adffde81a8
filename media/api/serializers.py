from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ecg.jobs.serializers import JobError, job_error
from media.models import TranscriptionJob, Video


class VideoCreateInput(serializers.Serializer):
    filename = serializers.CharField(max_length=1024)
    size = serializers.IntegerField(min_value=1)
    content_type = serializers.CharField(max_length=100)


class UploadTargetOutput(serializers.Serializer):
    method = serializers.ChoiceField(choices=["POST", "PUT"])
    url = serializers.CharField()
    fields = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]
    headers = serializers.DictField(child=serializers.CharField())
    expires_at = serializers.DateTimeField()


class VideoOutput(serializers.ModelSerializer):
    filename = serializers.CharField(source="original_filename")
    error = serializers.SerializerMethodField()

    class Meta:
        model = Video
        fields: tuple[str, ...] = (
            "id",
            "filename",
            "status",
            "error",
            "size",
            "content_type",
            "container",
            "duration",
            "width",
            "height",
            "fps",
            "video_codec",
            "audio_codec",
            "created_at",
            "uploaded_at",
        )
        read_only_fields: tuple[str, ...] = fields

    @extend_schema_field(JobError(allow_null=True))
    def get_error(self, video: Video) -> dict[str, Any] | None:
        if not video.error_code:
            return None
        return {"code": video.error_code, "message": video.error_message}


class TranscriptionJobOutput(serializers.ModelSerializer):
    error = serializers.SerializerMethodField()

    class Meta:
        model = TranscriptionJob
        fields = (
            "id",
            "status",
            "phase",
            "progress",
            "eta_seconds",
            "error",
            "warnings",
            "options",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        )
        read_only_fields = fields

    @extend_schema_field(JobError(allow_null=True))
    def get_error(self, job: TranscriptionJob) -> dict[str, Any] | None:
        return job_error(job)


class VideoDetailOutput(VideoOutput):
    """A video with short-lived links and its transcription state, which the view passes in
    the serializer's context (`VideoDetail`), never as attributes patched onto the model."""

    source_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    transcription = serializers.SerializerMethodField()
    transcript_revision = serializers.SerializerMethodField()

    class Meta(VideoOutput.Meta):
        fields = (
            *VideoOutput.Meta.fields,
            "source_url",
            "thumbnail_url",
            "transcription",
            "transcript_revision",
        )
        read_only_fields = fields

    def get_source_url(self, video: Video) -> str | None:
        return self.context["detail"].source_url

    def get_thumbnail_url(self, video: Video) -> str | None:
        return self.context["detail"].thumbnail_url

    @extend_schema_field(TranscriptionJobOutput(allow_null=True))
    def get_transcription(self, video: Video) -> dict[str, Any] | None:
        job = self.context["detail"].transcription
        return None if job is None else TranscriptionJobOutput(job).data

    def get_transcript_revision(self, video: Video) -> int | None:
        return self.context["detail"].transcript_revision


class RetranscribeInput(serializers.Serializer):
    language = serializers.CharField(max_length=8, required=False)
    model = serializers.CharField(max_length=200, required=False)
    diarize = serializers.BooleanField(required=False, default=True)


class VideoCreatedOutput(serializers.Serializer):
    video = VideoOutput()
    upload = UploadTargetOutput()
