from rest_framework import serializers

from media.models import Video


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

    def get_error(self, video: Video) -> dict | None:
        if not video.error_code:
            return None
        return {"code": video.error_code, "message": video.error_message}


class VideoDetailOutput(VideoOutput):
    source_url = serializers.CharField(allow_null=True)
    thumbnail_url = serializers.CharField(allow_null=True)

    class Meta(VideoOutput.Meta):
        fields = (*VideoOutput.Meta.fields, "source_url", "thumbnail_url")
        read_only_fields = fields


class VideoCreatedOutput(serializers.Serializer):
    video = VideoOutput()
    upload = UploadTargetOutput()
