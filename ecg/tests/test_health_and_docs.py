"""/healthz reports what the app depends on; the API docs are served with no CDN."""

import subprocess
import sys

import pytest
import requests

from conftest import ROOT, free_port, subprocess_env, wait_for_http


@pytest.mark.django_db
def test_healthz_is_ok_when_everything_is_reachable(anon):
    response = anon.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name for name, part in body["components"].items() if part["ok"]} == {
        "database",
        "broker",
        "storage",
    }


@pytest.mark.django_db
def test_healthz_reports_missing_storage(anon, s3_storage, settings):
    settings.AWS_STORAGE_BUCKET_NAME = "bucket-that-does-not-exist"
    response = anon.get("/healthz")
    assert response.status_code == 503
    components = response.json()["components"]
    assert components["storage"]["ok"] is False
    assert components["database"]["ok"] is True


@pytest.mark.django_db
def test_healthz_reports_the_database_down_from_a_running_server(tmp_path):
    """A real server process whose database is unreachable answers 503, not 500."""
    port = free_port()
    dead_db = f"postgres://nobody@127.0.0.1:{free_port()}/ecg"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ecg.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=subprocess_env(DATABASE_URL=dead_db, MEDIA_ROOT=str(tmp_path)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz")
        response = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=20)
        assert response.status_code == 503
        components = response.json()["components"]
        assert components["database"]["ok"] is False
        assert components["storage"]["ok"] is True
    finally:
        server.terminate()
        server.wait(10)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_their_assets_from_our_own_static_files(anon, path):
    response = anon.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html


@pytest.mark.django_db
def test_the_schema_documents_the_api(anon):
    schema = anon.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/v1/videos",
        "/api/v1/videos/{video_id}/complete",
        "/api/v1/auth/token",
        "/api/v1/auth/google",
    ):
        assert path in schema["paths"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/api/v1/renders/{render_id}/events", "RenderOutput"),
        ("/api/v1/videos/{video_id}/events", "VideoDetailOutput"),
    ],
)
def test_the_schema_documents_the_event_streams_and_their_fallback(anon, path, data):
    schema = anon.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    get = schema["paths"][path]["get"]
    stream = get["responses"]["200"]["content"]["text/event-stream"]
    assert stream["x-event-data"] == {"$ref": f"#/components/schemas/{data}"}
    assert data in schema["components"]["schemas"]
    assert "poll `GET " + path.removesuffix("/events") + "`" in get["description"]
    assert get["security"] == [{"cookieAuth": []}]
