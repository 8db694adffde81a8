from django.contrib import admin

from media.models import Video


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
