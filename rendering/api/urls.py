from django.urls import path

from rendering.api import events, fonts, presets, views

urlpatterns = [
    path("renders", views.RenderListCreateApi.as_view(), name="render-list"),
    path("renders/<uuid:render_id>", views.RenderDetailApi.as_view(), name="render-detail"),
    path("renders/<uuid:render_id>/cancel", views.RenderCancelApi.as_view(), name="render-cancel"),
    path("renders/<uuid:render_id>/events", events.render_events, name="render-events"),
    path("presets", views.PresetListApi.as_view(), name="preset-list"),
    path("presets/mine", presets.UserPresetListCreateApi.as_view(), name="user-preset-list"),
    path(
        "presets/mine/<uuid:preset_id>",
        presets.UserPresetDetailApi.as_view(),
        name="user-preset-detail",
    ),
    path("fonts", fonts.UserFontListCreateApi.as_view(), name="user-font-list"),
    path("fonts/<uuid:font_id>", fonts.UserFontDetailApi.as_view(), name="user-font-detail"),
    path("fonts/<uuid:font_id>/file", fonts.UserFontFileApi.as_view(), name="user-font-file"),
    path("captions/layout", views.CaptionLayoutApi.as_view(), name="caption-layout"),
    path("quotas/me", views.RenderQuotaApi.as_view(), name="quota-me"),
]
