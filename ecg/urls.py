from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from ecg.views import api_not_found, healthz, liveness
from media import views as media_views
from rendering import views as rendering_views

api_v1 = [
    path("auth/", include("accounts.api.urls")),
    path("", include("media.api.urls")),
    path("", include("rendering.api.urls")),
    path("", include("quotas.api.urls")),
]

urlpatterns = [
    path("", media_views.home, name="home"),
    path("upload", media_views.upload, name="upload"),
    path("videos/<uuid:video_id>/edit", media_views.editor, name="editor"),
    path("exports", rendering_views.exports, name="exports"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("healthz", healthz, name="healthz"),
    path("healthz/live", liveness, name="liveness"),
    re_path(r"^api/", api_not_found),  # unknown API paths answer JSON even with DEBUG on
]

handler404 = "ecg.views.not_found"
handler500 = "ecg.views.internal_error"
