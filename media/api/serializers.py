from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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


class JobError(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


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
    def get_error(self, video: Video) -> dict | None:
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
    def get_error(self, job: TranscriptionJob) -> dict | None:
        if not job.error_code:
            return None
        return {"code": job.error_code, "message": job.error_message}


class VideoDetailOutput(VideoOutput):
    source_url = serializers.CharField(allow_null=True)
    thumbnail_url = serializers.CharField(allow_null=True)
    transcription = TranscriptionJobOutput(allow_null=True)
    transcript_revision = serializers.IntegerField(allow_null=True)

    class Meta(VideoOutput.Meta):
        fields = (
            *VideoOutput.Meta.fields,
            "source_url",
            "thumbnail_url",
            "transcription",
            "transcript_revision",
        )
        read_only_fields = fields


class RetranscribeInput(serializers.Serializer):
    language = serializers.CharField(max_length=8, required=False)
    model = serializers.CharField(max_length=200, required=False)
    diarize = serializers.BooleanField(required=False, default=True)


class VideoCreatedOutput(serializers.Serializer):
    video = VideoOutput()
    upload = UploadTargetOutput()
