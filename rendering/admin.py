from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ecg.jobs.admin import JOB_LIST_DISPLAY, JOB_LIST_FILTER, JOB_READONLY_FIELDS, JobAdmin
from rendering.models import RenderJob, UserFont, UserPreset
from rendering.services.brand_fonts import font_delete


@admin.register(RenderJob)
class RenderJobAdmin(JobAdmin):
    list_display = ("id", "owner", "video", "preset", *JOB_LIST_DISPLAY[1:], "output_size")
    list_filter = (*JOB_LIST_FILTER, "owner__is_staff")
    list_select_related = ("owner", "video")
    search_fields = ("id", "owner__email", "video__id", "video__original_filename")
    raw_id_fields = ("owner", "video", "transcript")
    readonly_fields = (
        *JOB_READONLY_FIELDS,
        "scenario",
        "output_key",
        "output_size",
        "output_width",
        "output_height",
        "timings",
        "stats",
    )
    exclude = ("transcript_snapshot",)

    @admin.display(description="Preset")
    def preset(self, job: RenderJob) -> str:
        return str(job.scenario.get("style", {}).get("preset", "-"))


@admin.register(UserPreset)
class UserPresetAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "updated_at")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__email")
    raw_id_fields = ("owner",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(UserFont)
class UserFontAdmin(admin.ModelAdmin):
    """Staff see creators' fonts; a font is added only through the checked upload, and deleted
    through the service (which removes the stored file too)."""

    list_display = (
        "family",
        "weight_min",
        "weight_max",
        "owner",
        "file_name",
        "size",
        "created_at",
    )
    list_select_related = ("owner",)
    search_fields = ("family", "file_name", "owner__email")
    readonly_fields = [f.name for f in UserFont._meta.fields]
    actions = ["delete_fonts"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: UserFont | None = None) -> bool:
        return False  # the plain delete would leave the stored file behind

    @admin.action(description="Delete the selected fonts and their files")
    def delete_fonts(self, request: HttpRequest, queryset: QuerySet[UserFont]) -> None:
        for font in queryset:
            font_delete(font=font)
