"""A corpus of malformed and extreme media, made at test time: each ends cleanly, with a code
or with an empty transcript, and never with a 5xx."""

import pytest

from conftest import drain, ffmpeg
from media.models import TranscriptionJob, Video, VideoStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def upload_and_complete(api, path, filename):
    created = api.post(
        "/api/v1/videos",
        {"filename": filename, "size": path.stat().st_size, "content_type": "video/mp4"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = created.json()["upload"]["url"].removeprefix("http://testserver")
    assert api.put(url, data=path.read_bytes(), content_type="video/mp4").status_code == 201
    return created.json()["video"]["id"], api.post(
        f"/api/v1/videos/{created.json()['video']['id']}/complete"
    )


@pytest.fixture(scope="module")
def corpus(media_dir):
    files = {}
    files["document"] = media_dir / "document.bin"
    files["document"].write_bytes(b"%PDF-1.7\n" + b"\x00\x01binary" * 500)
    files["wav_named_mp4"] = media_dir / "voice.wav"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=200:sample_rate=16000",
        "-t",
        "2",
        str(files["wav_named_mp4"]),
    )
    files["huge"] = media_dir / "huge.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=c=gray:size=8192x512:rate=1",
        "-frames:v",
        "2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        str(files["huge"]),
    )
    files["silence"] = media_dir / "silence-1h.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=c=black:size=64x64:rate=1",
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=16000:cl=mono",
        "-t",
        "3600",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-c:a",
        "aac",
        "-b:a",
        "16k",
        "-shortest",
        str(files["silence"]),
    )
    return files


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("document", "MEDIA_UNREADABLE"),
        ("wav_named_mp4", "MEDIA_UNSUPPORTED_FORMAT"),
        ("huge", "MEDIA_DIMENSIONS_TOO_LARGE"),
    ],
)
def test_unusable_files_are_rejected_with_a_code(api, corpus, kind, code, media_root):
    video_id, response = upload_and_complete(api, corpus[kind], "clip.mp4")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    video = Video.objects.get(pk=video_id)
    assert (video.status, video.error_code) == (VideoStatus.FAILED, code)
    assert not (media_root / video.storage_key).exists()


def test_an_empty_file_cannot_even_be_announced(api):
    response = api.post(
        "/api/v1/videos",
        {"filename": "empty.mp4", "size": 0, "content_type": "video/mp4"},
        format="json",
    )
    assert response.status_code == 400
    assert "size" in response.json()["error"]["details"]["fields"]


def test_an_hour_of_silence_is_transcribed_to_nothing(api, corpus, stub_worker):
    video_id, response = upload_and_complete(api, corpus["silence"], "quiet.mp4")
    assert response.status_code == 200
    assert response.json()["duration"] == pytest.approx(3600, abs=1)
    drain(stub_worker, "transcribe", "default")
    job = TranscriptionJob.objects.get(video_id=video_id)
    assert job.status == "succeeded", job.error_message
    transcript = api.get(f"/api/v1/videos/{video_id}/transcript").json()
    assert transcript["segments"] == []
