"""Real renders: Chromium paints the shared renderer's captions, FFmpeg composes them."""

import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from PIL import Image

from conftest import ROOT, drain, ffmpeg, make_clip
from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel
from media.models import TranscriptRevision, TranscriptSource
from media.probe import probe
from media.tests.factories import ready_video, steady_transcript
from media.transcription.schema import build_transcript
from rendering.kind import render_run
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
BACKGROUND = (32, 48, 64)
GREEN = "#00FF00"
STYLE = {
    "preset": "classic",
    "animation": "none",
    "highlight_active": True,
    "text_color": "#FFFFFF",
    "highlight_color": GREEN,
    "stroke_width": 0,
    "shadow_blur": 0,
    "shadow_offset": 0,
    "font_size": 90,
}


@pytest.fixture(scope="module")
def plain_clip(media_dir):
    """6 s of a flat colour with a tone, so caption pixels are easy to tell apart."""
    return make_clip(
        media_dir / "plain.mp4",
        picture="color=c=0x203040:size=640x360:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=6,
    )


def words_transcript():
    words = [
        ("Hello", 0.3, 0.7),
        ("bright", 0.8, 1.2),
        ("world", 1.3, 1.7),
        ("second", 3.5, 3.9),
        ("part", 4.0, 4.4),
    ]
    return build_transcript(
        language="en",
        duration=6.0,
        engine={
            "name": "whisperx",
            "model": "tiny.en",
            "alignment": "whisper",
            "diarization": "none",
        },
        segments=[{"words": [{"text": t, "start": s, "end": e} for t, s, e in words]}],
    )


def frame_at(path: Path, seconds: float) -> Image.Image:
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        ffmpeg("-ss", f"{seconds}", "-i", str(path), "-frames:v", "1", handle.name)
        return Image.open(handle.name).convert("RGB").copy()


def caption_pixels(image: Image.Image, region: tuple[int, int, int, int]) -> dict[str, int]:
    counts = {"changed": 0, "green": 0, "white": 0}
    data = image.crop(region).tobytes()
    for r, g, b in zip(data[0::3], data[1::3], data[2::3], strict=True):
        if max(abs(r - BACKGROUND[0]), abs(g - BACKGROUND[1]), abs(b - BACKGROUND[2])) > 60:
            counts["changed"] += 1
        if g > 200 and r < 90 and b < 90:
            counts["green"] += 1
        if r > 220 and g > 220 and b > 220:
            counts["white"] += 1
    return counts


@pytest.fixture
def transcribed_clip(user, media_root, plain_clip):
    video = ready_video(user, media_root, plain_clip, duration=6.0, width=640, height=360, fps=25.0)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=words_transcript()
    )
    return video


def test_an_export_through_the_api_has_captions_where_words_are_spoken(
    api, transcribed_clip, stub_worker, media_root
):
    response = api.post(
        "/api/v1/renders", {"video": str(transcribed_clip.pk), "style": STYLE}, format="json"
    )
    assert response.status_code == 202, response.json()
    drain(stub_worker, "render")
    body = api.get(f"/api/v1/renders/{response.json()['id']}").json()
    assert body["status"] == "succeeded", body["error"]
    assert body["download_url"]
    assert body["output_size"] > 0
    assert body["stats"]["states_painted"] >= 5

    job = RenderJob.objects.get(pk=body["id"])
    output = media_root / job.output_key
    info = probe(output)
    assert info.duration == pytest.approx(6.0, abs=0.1)
    assert (info.width, info.height, info.video_codec, info.audio_codec) == (
        640,
        360,
        "h264",
        "aac",
    )
    bottom = (0, 220, 640, 360)
    during_bright = caption_pixels(frame_at(output, 1.0), bottom)  # "bright" is active
    assert during_bright["changed"] > 500
    assert during_bright["green"] > 100  # the active word in the highlight colour
    assert during_bright["white"] > 200  # the other words in the text colour
    assert caption_pixels(frame_at(output, 2.9), bottom)["changed"] < 20  # between captions
    assert caption_pixels(frame_at(output, 1.0), (0, 0, 640, 140))["changed"] < 20  # nothing up


def test_the_render_command_works_on_local_files(plain_clip, tmp_path):
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps(words_transcript()))
    output = tmp_path / "out.mp4"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "render",
            str(plain_clip),
            "--transcript",
            str(transcript),
            "--preset",
            "karaoke",
            "--height",
            "240",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert (probe(output).width, probe(output).height) == (426, 240)
    assert "\r" not in result.stderr  # no progress-bar redraws in a log


def test_cancel_stops_the_running_render_and_keeps_nothing(user, media_root, long_clip, settings):
    video = ready_video(
        user, media_root, long_clip, duration=40.0, width=1280, height=720, fps=30.0
    )
    transcript = steady_transcript(duration=40.0, count=90)
    settings.RENDER_X264_PRESET = "medium"  # slow enough to cancel mid-way
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=transcript,
        scenario=validate_scenario({"preset": "pop"}, None, source_height=720),
    )
    before = set(Path(tempfile.gettempdir()).glob("ecg-render-*"))

    def run() -> None:
        try:
            render_run(job_id=str(job.pk))
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == JobStatus.RUNNING and job.phase in ("painting", "encoding"):
            break
        time.sleep(0.1)
    assert job_cancel(job=job)
    canceled_at = time.monotonic()
    worker.join(30)
    assert not worker.is_alive()
    assert time.monotonic() - canceled_at < 5  # noticed at the next progress report
    job.refresh_from_db()
    assert (job.status, job.output_key) == (JobStatus.CANCELED, "")
    assert not list(media_root.glob("renders/**/*.mp4"))
    assert set(Path(tempfile.gettempdir()).glob("ecg-render-*")) == before
    leftover = subprocess.run(["pgrep", "-f", "ecg-render-.*output.mp4"], capture_output=True)
    assert leftover.returncode == 1  # no ffmpeg left writing
