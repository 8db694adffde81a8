"""Creating, completing (probe checks), listing and deleting videos through the API."""

import shutil

import pytest

from conftest import bearer, ffmpeg
from media.models import Video, VideoStatus

pytestmark = pytest.mark.django_db


def create(api, filename="clip.mp4", size=1000, content_type="video/mp4"):
    return api.post(
        "/api/v1/videos",
        {"filename": filename, "size": size, "content_type": content_type},
        format="json",
    )


def uploaded(api, media_root, path, filename=None):
    """Create a video and place `path` where its upload would have streamed it."""
    response = create(api, filename or path.name, path.stat().st_size)
    assert response.status_code == 201, response.json()
    video = Video.objects.get(pk=response.json()["video"]["id"])
    target = media_root / video.storage_key
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return video


def complete(api, video):
    return api.post(f"/api/v1/videos/{video.pk}/complete")


@pytest.fixture(scope="module")
def bad_media(media_dir, sample_video):
    text = media_dir / "notes.mp4"
    text.write_text("this is not a video\n" * 50)
    image = media_dir / "picture.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=c=red:size=64x64",
        "-frames:v",
        "1",
        "-f",
        "image2",
        "-c:v",
        "png",
        str(image),
    )
    audio = media_dir / "voice.mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=300", "-t", "2", "-c:a", "aac", str(audio))
    truncated = media_dir / "truncated.mp4"
    truncated.write_bytes(sample_video.read_bytes()[: sample_video.stat().st_size // 2])
    return {"text": text, "image": image, "audio": audio, "truncated": truncated}


def test_complete_probes_and_marks_the_video_ready(api, media_root, sample_video):
    video = uploaded(api, media_root, sample_video)
    response = complete(api, video)
    assert response.status_code == 200
    video.refresh_from_db()
    assert video.status == VideoStatus.READY
    assert video.container.startswith("mov,mp4")
    assert video.uploaded_at is not None


def test_completing_twice_is_harmless(api, media_root, sample_video):
    video = uploaded(api, media_root, sample_video)
    assert complete(api, video).status_code == 200
    assert complete(api, video).status_code == 200


def test_complete_before_upload_is_a_conflict_and_changes_nothing(api):
    video_id = create(api).json()["video"]["id"]
    response = api.post(f"/api/v1/videos/{video_id}/complete")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "UPLOAD_NOT_FOUND"
    assert Video.objects.get(pk=video_id).status == VideoStatus.AWAITING_UPLOAD


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("text", "MEDIA_UNREADABLE"),
        ("image", "MEDIA_UNSUPPORTED_FORMAT"),
        ("audio", "MEDIA_NO_VIDEO_STREAM"),
        ("truncated", "MEDIA_TRUNCATED"),
    ],
)
def test_unusable_media_is_rejected_deleted_and_marked_failed(
    api, media_root, bad_media, kind, code
):
    video = uploaded(api, media_root, bad_media[kind], filename="holiday.mp4")
    response = complete(api, video)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED
    assert video.error_code == code
    assert not (media_root / video.storage_key).exists()
    detail = api.get(f"/api/v1/videos/{video.pk}").json()
    assert detail["error"]["code"] == code
    assert detail["source_url"] is None


def test_a_video_over_the_duration_limit_is_rejected(api, media_root, sample_video, settings):
    settings.VIDEO_MAX_DURATION_SECONDS = 2
    video = uploaded(api, media_root, sample_video)
    response = complete(api, video)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "MEDIA_TOO_LONG"
    assert error["details"]["limit"] == 2


def test_a_stored_object_over_the_size_limit_is_rejected(api, media_root, sample_video, settings):
    video = uploaded(api, media_root, sample_video)
    settings.UPLOAD_MAX_BYTES = 1000
    response = complete(api, video)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "FILE_TOO_LARGE"


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("notes.txt", "text/plain"),
        ("clip.mp4", "application/pdf"),
        ("clip", "video/mp4"),
    ],
)
def test_create_refuses_what_is_not_a_video_file(api, filename, content_type):
    response = create(api, filename=filename, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_FILE_TYPE"
    assert not Video.objects.exists()


def test_create_refuses_files_over_the_size_limit(api, settings):
    settings.UPLOAD_MAX_BYTES = 500
    response = create(api, size=501)
    assert response.status_code == 413
    assert response.json()["error"]["details"] == {"size": 501, "limit": 500}


def test_a_hostile_filename_never_becomes_a_storage_path(api):
    refused = create(api, filename="a\x00.mp4").json()["error"]
    assert (refused["code"], refused["details"]["path"]) == ("VALUE_NOT_STORABLE", "filename")
    response = create(api, filename="..\\../../etc/\tpass\nwd.mp4")
    assert response.status_code == 201
    video = Video.objects.get(pk=response.json()["video"]["id"])
    assert video.original_filename == "passwd.mp4"
    assert video.storage_key == f"videos/{video.pk}/source.mp4"


def test_list_shows_only_the_owners_videos_newest_first_paginated(api, user, other_user):
    for index in range(3):
        create(api, filename=f"mine-{index}.mp4")
    create(bearer(other_user), filename="theirs.mp4")
    body = api.get("/api/v1/videos?page_size=2").json()
    assert body["count"] == 3
    assert [v["filename"] for v in body["results"]] == ["mine-2.mp4", "mine-1.mp4"]
    assert body["next"]


def test_delete_removes_the_stored_objects(api, media_root, sample_video):
    video = uploaded(api, media_root, sample_video)
    complete(api, video)
    stored = media_root / video.storage_key
    assert stored.exists()
    assert api.delete(f"/api/v1/videos/{video.pk}").status_code == 204
    assert not stored.exists()
    assert not Video.objects.filter(pk=video.pk).exists()


@pytest.mark.parametrize(("method", "suffix"), [("get", ""), ("delete", ""), ("post", "/complete")])
def test_another_users_video_is_not_found(api, other_user, method, suffix):
    video_id = create(bearer(other_user)).json()["video"]["id"]
    response = getattr(api, method)(f"/api/v1/videos/{video_id}{suffix}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
    assert Video.objects.filter(pk=video_id).exists()


def test_videos_need_authentication(anon):
    response = anon.get("/api/v1/videos")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "NOT_AUTHENTICATED"
