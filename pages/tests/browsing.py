"""Helpers of the browser tests: sign up, open the editor on a creator's video, export and take
a frame, and keep screenshots of the pages when ECG_SCREENSHOTS_DIR is set."""

import os
import re
from pathlib import Path

import requests

from accounts.models import User
from conftest import PASSWORD, ffmpeg, make_clip
from ecg import storage
from media import selectors
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from media.transcription.audio import extract_audio
from media.transcription.waveform import write_peaks

SCREENSHOTS = os.environ.get("ECG_SCREENSHOTS_DIR")


def shot(page, name, selector=None):
    """The page (or the element at `selector`) as docs/screenshots/<name>.png."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        path = str(Path(SCREENSHOTS) / f"{name}.png")
        if selector:
            page.locator(selector).screenshot(path=path)
            return
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=path)


def caption_box(page):
    """The caption's box, read in one step: the renderer rebuilds the caption element whenever
    it refits (fonts loading, a new layout), so a handle taken earlier may be detached."""
    return page.wait_for_function(
        """() => {
          const r = document.querySelector('#stage .ecg-caption')?.getBoundingClientRect();
          return r && r.width > 0 && { x: r.x, y: r.y, width: r.width, height: r.height };
        }"""
    ).json_value()


def sign_up(page, email="new.creator@example.com"):
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def export_frame(page, live_server, tmp_path, t):
    """Export from the editor, download the video as the creator would, and extract the frame
    at t (a PNG path)."""
    page.click("#export")
    page.wait_for_selector("#export-download:not([hidden])", timeout=180_000)
    href = page.get_attribute("#export-download", "href")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    output = tmp_path / "export.mp4"
    output.write_bytes(
        requests.get(
            href if href.startswith("http") else live_server.url + href, cookies=cookies, timeout=60
        ).content
    )
    frame = tmp_path / "frame.png"
    ffmpeg("-ss", str(t), "-i", str(output), "-frames:v", "1", str(frame))
    return frame


def vertical_editor(page, media_root, media_dir, email, transcript, name):
    """A newly signed-up creator's 5 s 360x640 video (a plain colour, a tone) with
    `transcript`, open in the editor."""
    sign_up(page, email)
    owner = User.objects.get(email=email)
    clip = make_clip(
        media_dir / f"{name}.mp4",
        picture="color=c=0x203040:size=360x640:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=5,
    )
    video = ready_video(owner, media_root, clip, duration=5.0, width=360, height=640, fps=25.0)
    TranscriptRevision.objects.create(video=video, source=TranscriptSource.MACHINE, data=transcript)
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    return video


def open_editor(page, media_root, clip, email, transcript=None, **video_fields):
    """A newly signed-up creator's ready video with a transcript, open in the editor."""
    sign_up(page, email)
    owner = User.objects.get(email=email)
    video_fields = {"duration": 10.0, **video_fields}
    video = ready_video(owner, media_root, clip, **video_fields)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=transcript or sample_transcript()
    )
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    return video


def speech_editor(page, media_root, tmp_path, email, speech, transcript):
    """A newly signed-up creator's 320x240 video of `speech` (a Conversation) with `transcript`,
    its waveform stored as the transcription stores it (the sound that times typed words), open
    in the editor."""
    clip = make_clip(
        tmp_path / "said.mp4", picture="color=c=0x203040:size=320x240:rate=25", audio=speech.path
    )
    sign_up(page, email)
    owner = User.objects.get(email=email)
    video = ready_video(owner, media_root, clip, duration=speech.duration, width=320, height=240)
    TranscriptRevision.objects.create(video=video, source=TranscriptSource.MACHINE, data=transcript)
    wav, peaks = tmp_path / "audio.wav", tmp_path / "waveform.bin"
    extract_audio(clip, wav)
    write_peaks(wav, peaks)
    storage.save_file(key=selectors.waveform_key(video.pk), path=peaks)
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    return video
