from typing import Any

from django.contrib import admin
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from accounts.admin import UserAdmin
from accounts.models import User
from quotas.models import Quota, UsageDay
from quotas.selectors import COUNTERS


class QuotaInline(admin.StackedInline):
    """Shown on the user: empty fields fall back to the defaults from settings."""

    model = Quota
    can_delete = False
    extra = 0
    max_num = 1
    fields = ("daily_renders", "monthly_renders", "concurrent_renders", "max_video_seconds")


class UserWithQuotaAdmin(UserAdmin):
    """The user admin of `accounts`, with the user's quota inline (quotas sit above accounts)."""

    inlines = (QuotaInline,)


admin.site.unregister(User)
admin.site.register(User, UserWithQuotaAdmin)


@admin.register(UsageDay)
class UsageDayAdmin(admin.ModelAdmin):
    list_display = ("day", "user", *COUNTERS)
    list_filter = ("day",)
    date_hierarchy = "day"
    search_fields = ("user__email",)
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Totals of the rows shown (after filters and search), above the table."""
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data:
            queryset = response.context_data["cl"].queryset
            response.context_data["totals"] = queryset.aggregate(
                **{name: Sum(name) for name in COUNTERS}
            )
        return response
