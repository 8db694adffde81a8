"""Direct uploads to local storage over real HTTP: signed, expiring, single-use, streamed."""

import time

import pytest
import requests
from django.core import signing

from conftest import bearer
from ecg.storage import UPLOAD_SALT
from media.models import Video, VideoStatus

pytestmark = pytest.mark.django_db(transaction=True)


def create(client, path, **overrides):
    body = {
        "filename": path.name,
        "size": path.stat().st_size,
        "content_type": "video/mp4",
        **overrides,
    }
    return client.post("/api/v1/videos", body, format="json")


def put(url, data, content_type="video/mp4"):
    return requests.put(url, data=data, headers={"Content-Type": content_type}, timeout=30)


def test_upload_complete_and_download_over_http(live_server, user, sample_video, media_root):
    api = bearer(user)
    created = create(api, sample_video)
    assert created.status_code == 201
    upload = created.json()["upload"]
    assert upload["method"] == "PUT"
    url = upload["url"].replace("http://testserver", live_server.url)
    with sample_video.open("rb") as body:
        assert put(url, body).status_code == 201

    video_id = created.json()["video"]["id"]
    done = api.post(f"/api/v1/videos/{video_id}/complete")
    assert done.status_code == 200, done.json()
    video = done.json()
    assert video["status"] == "ready"
    assert video["duration"] == pytest.approx(3.0, abs=0.1)
    assert (video["width"], video["height"]) == (320, 240)
    assert video["video_codec"] == "h264"
    assert video["audio_codec"] == "aac"
    assert video["fps"] == pytest.approx(25)

    download = requests.get(
        video["source_url"].replace("http://testserver", live_server.url), timeout=30
    )
    assert download.status_code == 200
    assert download.content == sample_video.read_bytes()
    assert "attachment" in download.headers["Content-Disposition"]

    ranged = requests.get(
        video["source_url"].replace("http://testserver", live_server.url),
        headers={"Range": "bytes=10-19"},
        timeout=30,
    )
    assert ranged.status_code == 206
    assert ranged.content == sample_video.read_bytes()[10:20]


def test_an_upload_url_works_only_once(live_server, api, sample_video):
    url = (
        create(api, sample_video)
        .json()["upload"]["url"]
        .replace("http://testserver", live_server.url)
    )
    assert put(url, sample_video.read_bytes()).status_code == 201
    again = put(url, sample_video.read_bytes())
    assert again.status_code == 403
    assert again.json()["error"]["code"] == "UPLOAD_URL_INVALID"


def test_a_body_of_another_size_is_refused_and_the_link_stays_usable(
    live_server, api, sample_video, media_root
):
    url = (
        create(api, sample_video)
        .json()["upload"]["url"]
        .replace("http://testserver", live_server.url)
    )
    short = put(url, sample_video.read_bytes()[:1000])
    assert short.status_code == 400
    assert short.json()["error"]["code"] == "UPLOAD_SIZE_MISMATCH"
    assert not list(media_root.rglob("source*"))
    assert put(url, sample_video.read_bytes()).status_code == 201


def test_a_tampered_upload_url_is_refused(live_server, api, sample_video):
    url = (
        create(api, sample_video)
        .json()["upload"]["url"]
        .replace("http://testserver", live_server.url)
    )
    tampered = url[:-3] + ("abc" if not url.endswith("abc") else "xyz")
    response = put(tampered, sample_video.read_bytes())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "UPLOAD_URL_INVALID"


def test_an_expired_upload_url_is_refused(live_server, api, sample_video, settings):
    video_id = create(api, sample_video).json()["video"]["id"]
    nonce = Video.objects.get(pk=video_id).upload_nonce
    settings.UPLOAD_URL_TTL_SECONDS = 1
    token = signing.dumps({"v": video_id, "n": nonce}, salt=UPLOAD_SALT)
    time.sleep(2.1)
    response = put(f"{live_server.url}/api/v1/uploads/{token}", sample_video.read_bytes())
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "UPLOAD_URL_EXPIRED"
    assert Video.objects.get(pk=video_id).status == VideoStatus.AWAITING_UPLOAD
