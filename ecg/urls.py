from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from ecg import transfer
from ecg.csp import csp_override
from ecg.jobs.callbacks import job_callback
from ecg.views import api_not_found, healthz, liveness

api_v1: list[URLPattern | URLResolver] = [
    path("auth/", include("accounts.api.urls")),
    path("", include("media.api.urls")),
    path("", include("rendering.api.urls")),
    path("outputs/<str:token>", transfer.output_receive, name="output-receive"),
    path("files/<str:token>", transfer.file_download, name="file-download"),
    path("callbacks/<slug:kind>", job_callback, name="job-callback"),
]

# The API docs' bundles (Swagger UI, Redoc) write inline styles, draw data: images and run
# Redoc's search in a blob: worker; their scripts come from our static files (Swagger's set-up
# script too, in the split view). Redoc's attribution logo, always asked of its CDN, is refused.
docs_policy = csp_override(
    style_src=("'self'", "'unsafe-inline'"),
    img_src=("'self'", "data:"),
    worker_src=("'self'", "blob:"),
)

urlpatterns = [
    path("", include("pages.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs",
        docs_policy(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="swagger-ui",
    ),
    path(
        "redoc",
        docs_policy(
            SpectacularRedocView.as_view(url_name="schema", template_name="docs/redoc.html")
        ),
        name="redoc",
    ),
    path("healthz", healthz, name="healthz"),
    path("healthz/live", liveness, name="liveness"),
    re_path(r"^api/", api_not_found),  # unknown API paths answer JSON even with DEBUG on
]

handler404 = "ecg.views.not_found"
handler500 = "ecg.views.internal_error"
