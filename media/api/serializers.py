from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ecg.jobs.serializers import JobError, job_error
from media.models import TranscriptionJob, Video
from media.transcription.schema import MAX_WORD_LENGTH

MAX_TYPED_WORDS = 200  # words typed over one span at once


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
        return video_error(video)


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
            "language_detection",
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


def vocabulary_field() -> serializers.JSONField:
    """A job's own words, checked by the service (VOCABULARY_INVALID)."""
    return serializers.JSONField(
        required=False,
        help_text="Words of this video (names, places, jargon) for the recognizer, before the "
        "account's vocabulary: a list of terms, or one string of comma-separated terms.",
    )


class VideoCompleteInput(serializers.Serializer):
    language = serializers.CharField(
        max_length=8, required=False, help_text="The language spoken, or auto to detect it."
    )
    vocabulary = vocabulary_field()


class RetranscribeInput(serializers.Serializer):
    language = serializers.CharField(max_length=8, required=False)
    vocabulary = vocabulary_field()
    model = serializers.CharField(max_length=200, required=False)
    diarize = serializers.BooleanField(required=False, default=True)
    num_speakers = serializers.IntegerField(
        min_value=1, max_value=20, required=False, allow_null=True, help_text="Exactly this many."
    )
    min_speakers = serializers.IntegerField(
        min_value=1, max_value=20, required=False, allow_null=True
    )
    max_speakers = serializers.IntegerField(
        min_value=1, max_value=20, required=False, allow_null=True
    )
    speakers_only = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Find the speakers again and keep the current transcript's words and edits.",
    )


class WordTimesInput(serializers.Serializer):
    start = serializers.FloatField(min_value=0, help_text="Start of the replaced span, seconds.")
    end = serializers.FloatField(min_value=0, help_text="End of the replaced span, seconds.")
    words = serializers.ListField(
        child=serializers.CharField(max_length=MAX_WORD_LENGTH),
        min_length=1,
        max_length=MAX_TYPED_WORDS,
        help_text="The words typed over the span, in order.",
    )


class TimedWordOutput(serializers.Serializer):
    text = serializers.CharField()
    start = serializers.FloatField()
    end = serializers.FloatField()


class WordTimesOutput(serializers.Serializer):
    words = TimedWordOutput(many=True)
    timed_by = serializers.ChoiceField(
        choices=["sound", "length"],
        help_text="sound: the video's waveform; length: it has none, the words' lengths.",
    )


class VideoCreatedOutput(serializers.Serializer):
    video = VideoOutput()
    upload = UploadTargetOutput()


# --- The same shapes, built straight from the models --------------------------------------------
# Status polls are the hottest path of the API (every open tab, every second or two): building
# a DRF serializer costs ~0.25 ms a call, a dict a few microseconds. The serializers above stay
# the schema; media/tests/test_api_shapes.py checks that both give the same JSON.

_VIDEO_COLUMNS = tuple(f for f in VideoOutput.Meta.fields if f not in ("filename", "error"))
_TRANSCRIPTION_COLUMNS = tuple(f for f in TranscriptionJobOutput.Meta.fields if f != "error")


def video_error(video: Video) -> dict[str, Any] | None:
    """Why an upload was rejected, if it was."""
    if not video.error_code:
        return None
    return {"code": video.error_code, "message": video.error_message}


def video_data(video: Video) -> dict[str, Any]:
    data = {name: getattr(video, name) for name in _VIDEO_COLUMNS}
    data["filename"] = video.original_filename
    data["error"] = video_error(video)
    return data


def transcription_data(job: TranscriptionJob) -> dict[str, Any]:
    data = {name: getattr(job, name) for name in _TRANSCRIPTION_COLUMNS}
    data["error"] = job_error(job)
    return data


def video_detail_data(detail: Any) -> dict[str, Any]:
    """VideoDetailOutput's shape from a `selectors.VideoDetail`."""
    return {
        **video_data(detail.video),
        "source_url": detail.source_url,
        "thumbnail_url": detail.thumbnail_url,
        "transcription": None
        if detail.transcription is None
        else transcription_data(detail.transcription),
        "transcript_revision": detail.transcript_revision,
    }
