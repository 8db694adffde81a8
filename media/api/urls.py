from django.urls import path, register_converter

from media.api import events, transcripts, transfer, views, vocabulary


class SubtitleFormat:
    regex = "srt|vtt"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SubtitleFormat, "subtitles")

urlpatterns = [
    path("videos", views.VideoListCreateApi.as_view(), name="video-list"),
    path("videos/<uuid:video_id>", views.VideoDetailApi.as_view(), name="video-detail"),
    path("videos/<uuid:video_id>/events", events.video_events, name="video-events"),
    path(
        "videos/<uuid:video_id>/complete", views.VideoCompleteApi.as_view(), name="video-complete"
    ),
    path(
        "videos/<uuid:video_id>/transcript",
        transcripts.TranscriptApi.as_view(),
        name="video-transcript",
    ),
    path(
        "videos/<uuid:video_id>/transcript.<subtitles:fmt>",
        transcripts.SubtitlesApi.as_view(),
        name="video-subtitles",
    ),
    path(
        "videos/<uuid:video_id>/transcript/word-times",
        transcripts.WordTimesApi.as_view(),
        name="video-word-times",
    ),
    path(
        "videos/<uuid:video_id>/waveform", transcripts.WaveformApi.as_view(), name="video-waveform"
    ),
    path(
        "videos/<uuid:video_id>/retranscribe",
        transcripts.RetranscribeApi.as_view(),
        name="video-retranscribe",
    ),
    path("me/vocabulary", vocabulary.VocabularyApi.as_view(), name="vocabulary"),
    path("uploads/<str:token>", transfer.upload_receive, name="upload-receive"),
]
