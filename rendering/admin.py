from django.contrib import admin

from ecg.jobs.admin import JOB_LIST_DISPLAY, JOB_LIST_FILTER, JOB_READONLY_FIELDS, JobAdmin
from rendering.models import RenderJob, UserPreset


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
