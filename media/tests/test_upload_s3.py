"""The S3 path against moto's standalone S3 server: presigned POST, probe over HTTP, delete."""

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from media.models import Video, VideoStatus

pytestmark = pytest.mark.django_db


def s3_client(settings):
    return boto3.client(
        "s3",
        endpoint_url=settings.AWS_S3_ENDPOINT_URL,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def create(api, path):
    response = api.post(
        "/api/v1/videos",
        {"filename": path.name, "size": path.stat().st_size, "content_type": "video/mp4"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def post_upload(upload, payload):
    return requests.post(
        upload["url"],
        data=upload["fields"],
        files={"file": ("clip.mp4", payload, "video/mp4")},
        timeout=30,
    )


def test_presigned_post_upload_probe_download_and_delete(api, s3_storage, sample_video, settings):
    created = create(api, sample_video)
    upload = created["upload"]
    assert upload["method"] == "POST"
    assert upload["url"].startswith(settings.AWS_S3_ENDPOINT_URL)
    assert post_upload(upload, sample_video.read_bytes()).status_code in (200, 204)

    video_id = created["video"]["id"]
    done = api.post(f"/api/v1/videos/{video_id}/complete")
    assert done.status_code == 200, done.json()
    assert done.json()["duration"] == pytest.approx(3.0, abs=0.1)
    download = requests.get(done.json()["source_url"], timeout=30)
    assert download.status_code == 200
    assert download.content == sample_video.read_bytes()

    key = Video.objects.get(pk=video_id).storage_key
    assert api.delete(f"/api/v1/videos/{video_id}").status_code == 204
    with pytest.raises(ClientError):
        s3_client(settings).head_object(Bucket=s3_storage, Key=key)


def test_the_post_policy_pins_size_and_content_type(api, s3_storage, sample_video):
    import base64
    import json

    upload = create(api, sample_video)["upload"]
    policy = json.loads(base64.b64decode(upload["fields"]["policy"]))
    size = sample_video.stat().st_size
    assert ["content-length-range", size, size] in policy["conditions"]
    assert {"Content-Type": "video/mp4"} in policy["conditions"]
    key = upload["fields"]["key"]
    assert {"key": key} in policy["conditions"]  # the client cannot write another object
    assert upload["fields"]["key"].startswith("videos/")


def test_a_body_larger_than_declared_is_rejected_at_completion(
    api, s3_storage, sample_video, settings
):
    """S3 itself refuses it by the policy above; a store that does not enforce policies (moto
    does not) still cannot slip a larger object past completion."""
    created = create(api, sample_video)
    post_upload(created["upload"], sample_video.read_bytes() + b"\0" * 4096)
    done = api.post(f"/api/v1/videos/{created['video']['id']}/complete")
    assert done.status_code == 422
    assert done.json()["error"]["code"] == "UPLOAD_SIZE_MISMATCH"
    video = Video.objects.get(pk=created["video"]["id"])
    assert video.status == VideoStatus.FAILED
    with pytest.raises(ClientError):
        s3_client(settings).head_object(Bucket=s3_storage, Key=video.storage_key)


def test_a_rejected_s3_object_is_deleted(api, s3_storage, settings, media_dir):
    fake = media_dir / "fake.mp4"
    fake.write_bytes(b"definitely not a video" * 100)
    created = create(api, fake)
    post_upload(created["upload"], fake.read_bytes())
    response = api.post(f"/api/v1/videos/{created['video']['id']}/complete")
    assert response.status_code == 422
    key = Video.objects.get(pk=created["video"]["id"]).storage_key
    with pytest.raises(ClientError):
        s3_client(settings).head_object(Bucket=s3_storage, Key=key)
