"""Storage out of reach: clear 503s, and nothing already stored is lost."""

import pytest
import requests

from conftest import free_port
from media.models import Video, VideoStatus

pytestmark = pytest.mark.django_db


def test_completion_with_storage_down_is_a_503_and_can_be_retried(
    api, s3_storage, settings, sample_video
):
    created = api.post(
        "/api/v1/videos",
        {"filename": "clip.mp4", "size": sample_video.stat().st_size, "content_type": "video/mp4"},
        format="json",
    ).json()
    upload = created["upload"]
    requests.post(
        upload["url"],
        data=upload["fields"],
        files={"file": ("clip.mp4", sample_video.read_bytes(), "video/mp4")},
        timeout=30,
    )
    working = settings.AWS_S3_ENDPOINT_URL
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.STORAGES = {**settings.STORAGES}  # a fresh storage object with that endpoint
    down = api.post(f"/api/v1/videos/{created['video']['id']}/complete")
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "STORAGE_UNAVAILABLE"
    assert Video.objects.get(pk=created["video"]["id"]).status == VideoStatus.AWAITING_UPLOAD
    assert api.get("/healthz").status_code == 503

    settings.AWS_S3_ENDPOINT_URL = working
    settings.STORAGES = {**settings.STORAGES}
    back = api.post(f"/api/v1/videos/{created['video']['id']}/complete")
    assert back.status_code == 200
    assert back.json()["status"] == "ready"


def test_deleting_while_storage_is_down_keeps_the_video(api, s3_storage, settings, sample_video):
    video_id = api.post(
        "/api/v1/videos",
        {"filename": "clip.mp4", "size": 10, "content_type": "video/mp4"},
        format="json",
    ).json()["video"]["id"]
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {**settings.STORAGES}
    response = api.delete(f"/api/v1/videos/{video_id}")
    assert response.status_code == 503
    assert Video.objects.filter(pk=video_id).exists()
