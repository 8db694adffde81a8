"""The web app in a real Chromium against the live server, with a real worker: from sign-up to a
downloaded captioned video. Set ECG_SCREENSHOTS_DIR to keep screenshots of the main pages."""

import io
import re

import pytest
import requests
from PIL import ImageChops, ImageStat

from accounts.models import User
from conftest import PASSWORD
from media.probe import probe
from media.tests.factories import ready_video
from pages.tests.browsing import export_frame, shot, sign_up

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_from_sign_up_to_a_downloaded_captioned_video(
    page, stub_worker, speech_video, settings, live_server, tmp_path
):
    settings.RENDER_RATE_LIMIT = "100/m"
    sign_up(page)
    assert page.get_by_text("No videos yet").is_visible()

    page.goto("/upload")
    page.set_input_files("#file", str(speech_video))
    page.wait_for_url(re.compile(r"/videos/.+/edit$"), timeout=180_000)  # upload, transcription
    page.wait_for_selector("button.word", timeout=30_000)
    assert page.inner_text("#save-state") == "All changes saved"

    london = page.locator("button.word", has_text=re.compile("London", re.I)).first
    london.dblclick()
    page.fill(".word-input", "Paris")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.getElementById('save-state').textContent === 'All changes saved'"
    )
    page.click('.preset[data-preset="boxed"]')

    # Seek to the edited word: the preview draws it, in the style just chosen.
    paris = page.locator("button.word", has_text="Paris")
    start = float(paris.get_attribute("data-start"))
    page.evaluate(f"document.getElementById('video').currentTime = {start} + 0.05")
    page.wait_for_function("document.getElementById('stage').textContent.includes('Paris')")
    assert (
        page.locator("#stage .ecg-line").first.evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        != "rgba(0, 0, 0, 0)"
    )  # boxed preset
    shot(page, "editor")
    shot(page, "editor-timeline", "#timeline-box")  # real speech: its waveform, lines, words

    page.click("#export")
    page.wait_for_selector("#export-download:not([hidden])", timeout=180_000)
    href = page.get_attribute("#export-download", "href")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    download = requests.get(
        href if href.startswith("http") else live_server.url + href, cookies=cookies, timeout=60
    )
    assert download.status_code == 200
    output = tmp_path / "captioned.mp4"
    output.write_bytes(download.content)
    info = probe(output)
    assert info.duration == pytest.approx(probe(speech_video).duration, abs=0.2)
    assert info.audio_codec == "aac"

    settings.QUOTA_DAILY_RENDERS = 1
    page.click("#export")
    page.wait_for_selector("#export-error:not([hidden])")
    assert "You have used all 1 renders for today" in page.inner_text("#export-error")

    page.goto("/")
    assert page.locator(".card").count() == 1
    assert page.get_by_text("Export succeeded").is_visible()
    assert page.inner_text('[data-testid="renders-left-today"]') == "0"
    shot(page, "dashboard")
    page.goto("/exports")
    assert page.locator("tbody tr").count() == 1
    shot(page, "exports")
    assert not page.console_errors, page.console_errors


def test_another_users_video_page_is_not_found(page, media_root, sample_video):
    owner = User.objects.create_user("owner@example.com", PASSWORD)
    video = ready_video(owner, media_root, sample_video)
    sign_up(page, "intruder@example.com")
    response = page.goto(f"/videos/{video.pk}/edit")
    assert response.status == 404


def test_upload_refuses_a_non_video_before_sending_it(page, tmp_path):
    sign_up(page)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    page.goto("/upload")
    page.set_input_files("#file", str(text))
    assert "not a video file" in page.inner_text("#upload-error")


@pytest.fixture
def vertical_korean(media_root, media_dir):
    """A signed-up creator's 9:16 clip with a Korean transcript."""
    from conftest import make_clip
    from media.models import TranscriptRevision, TranscriptSource
    from rendering.tests.scripts import script_transcript

    clip = make_clip(
        media_dir / "vertical-browser.mp4",
        picture="color=c=0x203040:size=360x640:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=8,
    )

    def make(owner):
        video = ready_video(owner, media_root, clip, duration=8.0, width=360, height=640, fps=25.0)
        TranscriptRevision.objects.create(
            video=video, source=TranscriptSource.MACHINE, data=script_transcript("korean")
        )
        return video

    return make


def caption_ink(image):
    """The box of pixels far from the plain background colour, and their count."""
    from PIL import Image

    background = Image.new("RGB", image.size, (0x20, 0x30, 0x40))
    mask = ImageChops.difference(image.convert("RGB"), background).convert("L")
    mask = mask.point(lambda v: 255 if v > 60 else 0)
    return mask.getbbox(), mask.histogram()[255]


def test_the_preview_of_a_vertical_korean_video_matches_the_exported_frame(
    page, stub_worker, vertical_korean, settings, live_server, tmp_path
):
    from PIL import Image

    settings.RENDER_RATE_LIMIT = "100/m"
    sign_up(page, "vertical@example.com")
    video = vertical_korean(User.objects.get(email="vertical@example.com"))
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    player = page.locator("#player").bounding_box()
    assert player["height"] > player["width"] * 1.7  # shaped like the video, not 16:9
    page.click('.preset[data-preset="boxed"]')
    page.check("#safe-guide-toggle")
    assert page.locator("#safe-guide").is_visible()
    page.uncheck("#safe-guide-toggle")
    assert not page.locator("#safe-guide").is_visible()

    t = 2.4  # a frame boundary at 25 fps, mid-word, no animation running
    page.evaluate(f"document.getElementById('video').currentTime = {t}")
    page.wait_for_function(
        "document.getElementById('video').readyState >= 2"
        " && !document.getElementById('video').seeking"
        " && document.fonts.status === 'loaded'"
        " && document.getElementById('stage').textContent.includes('영상에')"
    )
    page.wait_for_timeout(300)
    preview = Image.open(io.BytesIO(page.locator("#player").screenshot())).convert("RGB")
    shot(page, "editor-vertical-korean")

    frame_png = export_frame(page, live_server, tmp_path, t)
    exported = Image.open(frame_png).convert("RGB").resize(preview.size, Image.Resampling.LANCZOS)

    (preview_box, preview_ink), (export_box, export_ink) = (
        caption_ink(preview),
        caption_ink(exported),
    )
    assert preview_box is not None
    assert export_box is not None
    assert max(abs(a - b) for a, b in zip(preview_box, export_box, strict=True)) <= 3, (
        preview_box,
        export_box,
    )
    assert abs(preview_ink - export_ink) <= 0.1 * export_ink
    mean = ImageStat.Stat(ImageChops.difference(preview, exported).convert("L")).mean[0]
    assert mean < 4, mean
    assert not page.console_errors, page.console_errors


def test_unsure_words_are_marked_and_a_speaker_colour_is_saved_in_the_transcript(
    page, media_root, sample_video
):
    from media.models import TranscriptRevision, TranscriptSource
    from media.tests.factories import sample_transcript

    sign_up(page, "speakers@example.com")
    owner = User.objects.get(email="speakers@example.com")
    video = ready_video(owner, media_root, sample_video, duration=10.0)
    transcript = sample_transcript(speakers=2)
    transcript["segments"][1]["words"][2]["score"] = 0.21  # "having"
    TranscriptRevision.objects.create(video=video, source=TranscriptSource.MACHINE, data=transcript)

    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    unsure = page.locator("button.word.unsure")
    assert unsure.count() == 1
    assert unsure.inner_text() == "having"
    assert "21 %" in unsure.get_attribute("title")
    assert page.locator("#unsure-count").is_visible()
    assert page.inner_text("#unsure-count").startswith("1 word ")

    page.fill('input[aria-label="Name of SPEAKER_01"]', "Guest")
    page.press('input[aria-label="Name of SPEAKER_01"]', "Enter")
    page.locator('input[aria-label="Caption color of Guest"]').evaluate(
        "(el) => { el.value = '#ff3366'; el.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    page.wait_for_function(
        "document.querySelector('#save-state').textContent === 'All changes saved'"
    )
    page.wait_for_timeout(1500)  # autosave is debounced
    page.wait_for_function(
        "document.querySelector('#save-state').textContent === 'All changes saved'"
    )
    saved = TranscriptRevision.objects.filter(video=video).latest("id").data
    assert saved["speakers"][1] == {"id": "SPEAKER_01", "label": "Guest", "color": "#FF3366"}
    shot(page, "editor-speakers")

    page.locator("button.word", has_text="having").dblclick()
    page.fill("input.word-input", "having")  # unchanged text: still unsure
    page.press("input.word-input", "Enter")
    assert page.locator("button.word.unsure").count() == 1
    page.locator("button.word", has_text="having").dblclick()
    page.fill("input.word-input", "saving")  # corrected: checked
    page.press("input.word-input", "Enter")
    assert page.locator("button.word.unsure").count() == 0
    assert page.locator("#unsure-count").is_hidden()
    assert not page.console_errors


def two_voices_heard_as_one(page, media_root, speech_video, email):
    """A signed-up creator's two-voice video, transcribed as if by one speaker."""
    from media.transcription import services as transcription
    from media.transcription.engine import TranscribeOptions
    from media.transcription.kind import transcription_run

    sign_up(page, email)
    video = ready_video(User.objects.get(email=email), media_root, speech_video, duration=11.0)
    job = transcription.transcription_request(
        video=video, options=TranscribeOptions(num_speakers=1)
    )
    transcription_run(job_id=str(job.pk))
    return video


def test_a_creator_finds_the_speakers_again_and_keeps_their_edits(
    page, stub_worker, media_root, speech_video
):
    from media.models import TranscriptRevision

    video = two_voices_heard_as_one(page, media_root, speech_video, "two.voices@example.com")
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    assert page.locator(".speaker-row input:not([type])").count() == 1
    first = page.locator("button.word").first
    first.dblclick()
    page.fill("input.word-input", "Hello")
    page.press("input.word-input", "Enter")
    page.fill('input[aria-label="Name of SPEAKER_00"]', "Sam")
    page.press('input[aria-label="Name of SPEAKER_00"]', "Enter")

    page.click("#find-speakers")
    page.wait_for_function(
        "document.querySelector('#save-state').textContent.endsWith('found')", timeout=120_000
    )
    assert page.inner_text("#save-state") == "2 speakers found"
    names = page.locator(".speaker-row input:not([type])")
    assert [names.nth(i).input_value() for i in range(names.count())] == ["Sam", "Speaker 2"]
    assert page.locator("button.word").first.inner_text() == "Hello"
    speakers = {s.input_value() for s in page.locator("select.segment-speaker").all()}
    assert speakers == {"SPEAKER_00", "SPEAKER_01"}
    latest = TranscriptRevision.objects.filter(video=video).latest("id")
    assert latest.data["engine"]["diarization"] == "resemblyzer"
    shot(page, "editor-speakers-found-again")
    assert not page.console_errors


def test_after_a_reload_the_editor_follows_speakers_being_found_again(
    page, media_root, speech_video
):
    from media.transcription import services as transcription
    from media.transcription.engine import TranscribeOptions
    from media.transcription.kind import transcription_run

    video = two_voices_heard_as_one(page, media_root, speech_video, "reload@example.com")
    again = transcription.transcription_request(
        video=video, options=TranscribeOptions(speakers_only=True)
    )  # queued; no worker yet: as if the page had been reloaded while it waits

    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("button.word")
    page.wait_for_function(
        "document.querySelector('#save-state').textContent === 'Finding speakers…'"
    )
    assert page.locator("#find-speakers").is_disabled()
    transcription_run(job_id=str(again.pk))
    page.wait_for_function(
        "document.querySelector('#save-state').textContent.endsWith('found')", timeout=60_000
    )
    assert page.inner_text("#save-state") == "2 speakers found"
    assert page.locator("#find-speakers").is_enabled()
    assert not page.console_errors
