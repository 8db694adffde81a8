from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from ecg.errors import DomainError
from ecg.jobs.admin import JOB_LIST_DISPLAY, JOB_READONLY_FIELDS, JobAdmin
from media.models import TranscriptionJob, TranscriptRevision, Video, Vocabulary
from media.transcription.services import transcription_request


class TranscriptionInline(admin.TabularInline):
    model = TranscriptionJob
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("status", "phase", "progress", "error_code", "created_at", "finished_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    list_display = (
        "original_filename",
        "owner",
        "status",
        "duration",
        "resolution",
        "size",
        "created_at",
    )
    list_filter = ("status", "video_codec", "created_at")
    search_fields = ("id", "original_filename", "owner__email")
    list_select_related = ("owner",)
    raw_id_fields = ("owner",)
    date_hierarchy = "created_at"
    inlines = (TranscriptionInline,)
    actions = ("transcribe_again",)
    readonly_fields = (
        "id",
        "storage_key",
        "thumbnail_key",
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
        "updated_at",
        "uploaded_at",
        "upload_nonce",
    )

    @admin.display(description="Resolution")
    def resolution(self, video: Video) -> str:
        return f"{video.width}x{video.height}" if video.width else "-"

    @admin.action(description="Transcribe the selected videos again")
    def transcribe_again(self, request: HttpRequest, queryset: QuerySet[Video]) -> None:
        queued = 0
        for video in queryset:
            try:
                transcription_request(video=video)
                queued += 1
            except DomainError as exc:
                self.message_user(request, f"{video}: {exc.message}", messages.WARNING)
        self.message_user(request, f"{queued} transcription(s) queued.", messages.SUCCESS)


@admin.register(TranscriptionJob)
class TranscriptionJobAdmin(JobAdmin):
    list_display = ("id", "video", "owner", *JOB_LIST_DISPLAY[1:])
    list_select_related = ("video", "video__owner")
    search_fields = ("id", "video__id", "video__original_filename", "video__owner__email")
    raw_id_fields = ("video",)
    readonly_fields = (
        *JOB_READONLY_FIELDS,
        "options",
        "language_detection",
        "warnings",
        "timings",
    )

    @admin.display(description="Owner", ordering="video__owner__email")
    def owner(self, job: TranscriptionJob) -> str:
        return job.video.owner.email


@admin.register(TranscriptRevision)
class TranscriptRevisionAdmin(admin.ModelAdmin):
    list_display = ("id", "video", "source", "author", "created_at")
    list_filter = ("source", "created_at")
    search_fields = ("video__id", "video__original_filename", "video__owner__email")
    raw_id_fields = ("video", "job", "author")
    readonly_fields = ("created_at",)


@admin.register(Vocabulary)
class VocabularyAdmin(admin.ModelAdmin):
    """Read-only: the creator keeps their words (checked) on their vocabulary page."""

    list_display = ("owner", "updated_at")
    search_fields = ("owner__email",)
    readonly_fields = ("owner", "terms", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
