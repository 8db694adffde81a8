"""Every response carries a Content-Security-Policy: scripts, styles and fonts from the app only,
media and uploads from the app and its bucket, nothing framed; the API docs widen it a little.
(That the pages work under it in a real browser: pages/tests/test_csp_browser.py.)"""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from ecg import storage

ENFORCED = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def origin(url: str) -> str:
    part = urlsplit(url)
    return f"{part.scheme}://{part.netloc}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/healthz", "/static/css/app.css"])
def test_every_response_allows_scripts_styles_and_fonts_from_the_app_only(path):
    response = Client().get(path)
    assert REPORT_ONLY not in response.headers
    policy = directives(response.headers[ENFORCED])
    for name in ("default-src", "script-src", "style-src", "font-src", "img-src", "media-src"):
        assert policy[name] == ["'self'"], name
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_with_s3_the_bucket_may_receive_uploads_and_serve_media(s3_storage, api):
    """The origins are the very ones of an upload target and of a download link."""
    created = api.post(
        "/api/v1/videos",
        {"filename": "talk.mp4", "size": 1000, "content_type": "video/mp4"},
        format="json",
    )
    assert created.status_code == 201, created.content
    upload_origin = origin(created.json()["upload"]["url"])
    link_origin = origin(storage.download_url("videos/any.mp4"))

    policy = directives(Client().get("/accounts/login/").headers[ENFORCED])
    assert upload_origin in policy["connect-src"]
    assert link_origin in policy["media-src"]
    assert link_origin in policy["img-src"]
    assert policy["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_report_only_reports_the_same_policy_without_enforcing_it(settings):
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "https://reports.example.com/csp"
    response = Client().get("/accounts/login/")
    assert ENFORCED not in response.headers
    policy = directives(response.headers[REPORT_ONLY])
    assert policy["script-src"] == ["'self'"]
    assert policy["report-uri"] == ["https://reports.example.com/csp"]


@pytest.mark.django_db
def test_the_login_form_may_post_to_google_when_google_login_is_on(settings):
    """allauth's Google button POSTs to the app, which redirects to Google: browsers check that
    redirect against form-action too."""
    settings.GOOGLE_CLIENT_ID = "client-id.apps.googleusercontent.com"
    policy = directives(Client().get("/accounts/login/").headers[ENFORCED])
    assert policy["form-action"] == ["'self'", "https://accounts.google.com"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_widen_only_styles_and_images(path):
    response = Client().get(path)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()  # no inline script: script-src stays
    policy = directives(response.headers[ENFORCED])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["frame-ancestors"] == ["'none'"]
