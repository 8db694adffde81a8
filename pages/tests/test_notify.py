"""The creator is told when a job ends out of sight: an export that finishes while the editor's
tab is hidden raises a system notification (asked for with "Notify me") and marks the tab's
title until they look; the dashboard shows each video's transcription and export live."""

import pytest

from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_progress, job_start, job_succeed
from media.models import TranscriptionJob
from media.tests.factories import ready_video, sample_transcript
from media.transcription.services import transcription_save_result
from pages.tests.browsing import open_editor
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# The tab's visibility as the test says (window.__visibility), and every Notification the page
# constructs recorded (the real one is still constructed).
EMULATION = """
Object.defineProperty(Document.prototype, "visibilityState",
  { configurable: true, get: () => window.__visibility || "visible" });
Object.defineProperty(Document.prototype, "hidden",
  { configurable: true, get: () => (window.__visibility || "visible") !== "visible" });
window.__visibilityChange = (state) => {
  window.__visibility = state;
  document.dispatchEvent(new Event("visibilitychange"));
};
window.__notifications = [];
if (window.Notification) {
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options?.body, tag: options?.tag });
    }
  };
}
"""


def finish(job, media_root):
    key = f"renders/{job.pk}/output.mp4"
    (media_root / "renders" / str(job.pk)).mkdir(parents=True)
    (media_root / key).write_bytes(bytes(16))
    job_succeed(job=job, output_key=key, output_size=16)


def test_a_finished_export_notifies_a_hidden_tab(page, live_server, media_root, sample_video):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(EMULATION)
    video = open_editor(page, media_root, sample_video, "notified@example.com")
    title = page.title()
    page.check("#notify-me")  # the creator asks to be told (a click: permission asked here)
    page.wait_for_function("localStorage.getItem('ecg-notify') === '1'")

    page.click("#export")  # queued: no worker here, the job moves as the test says
    page.wait_for_function("document.getElementById('export-status').textContent.includes('0%')")
    page.evaluate("window.__visibilityChange('hidden')")  # the creator went to another tab
    job = RenderJob.objects.get(video=video)
    job_start(job=job, phase="painting")
    finish(job, media_root)

    page.wait_for_function("window.__notifications.length > 0", timeout=20_000)
    assert page.evaluate("window.__notifications") == [
        {"title": "Export ready", "body": video.original_filename, "tag": f"export-{job.pk}"}
    ]
    assert page.title() == f"✓ Export ready · {title}"
    assert page.get_attribute('link[rel="icon"]', "href").endswith("/img/logo-done.svg")

    page.evaluate("window.__visibilityChange('visible')")  # back: the tab as it was
    assert page.title() == title
    assert page.get_attribute('link[rel="icon"]', "href").endswith("/img/logo.svg")
    assert page.locator("#export-download").is_visible()
    assert not page.console_errors, page.console_errors


def test_a_visible_tab_shows_the_end_without_a_notification(
    page, live_server, media_root, sample_video
):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(EMULATION)
    video = open_editor(page, media_root, sample_video, "looking@example.com")
    title = page.title()
    page.check("#notify-me")
    page.click("#export")
    page.wait_for_function("document.getElementById('export-status').textContent.includes('0%')")
    job = RenderJob.objects.get(video=video)
    job_start(job=job, phase="painting")
    finish(job, media_root)
    page.wait_for_selector("#export-download:not([hidden])", timeout=20_000)
    assert page.evaluate("window.__notifications") == []
    assert page.title() == title


def test_the_dashboard_follows_transcription_and_export_without_a_reload(
    page, live_server, media_root, sample_video
):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(EMULATION)
    edited = open_editor(page, media_root, sample_video, "dashboard@example.com")
    export = RenderJob.objects.create(
        owner=edited.owner,
        video=edited,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario(None, None, source_height=edited.height),
    )
    fresh = ready_video(edited.owner, media_root, sample_video, duration=10.0)
    transcription = TranscriptionJob.objects.create(video=fresh, status=JobStatus.QUEUED)

    page.goto("/")
    page.check("#notify-me")
    page.evaluate("window.__sameDocument = true")
    fresh_card = page.locator(f'.card[data-video-id="{fresh.pk}"]')
    export_card = page.locator(f'.card[data-video-id="{edited.pk}"]')
    assert fresh_card.locator('[data-role="transcription"]').inner_text() == "Queued"
    assert export_card.locator('[data-role="render"]').inner_text() == "Export queued"

    job_start(job=transcription, phase="transcribing")
    job_progress(job=transcription, phase="transcribing", progress=40)
    page.wait_for_selector(f'.card[data-video-id="{fresh.pk}"] :text("Transcribing 40%")')
    job_start(job=export, phase="painting")
    job_progress(job=export, phase="painting", progress=30)
    page.wait_for_selector(f'.card[data-video-id="{edited.pk}"] :text("Export running 30%")')

    page.evaluate("window.__visibilityChange('hidden')")
    transcription_save_result(job=transcription, result={"transcript": sample_transcript()})
    finish(export, media_root)
    page.wait_for_selector(f'.card[data-video-id="{fresh.pk}"] :text("Transcribed")')
    page.wait_for_selector(f'.card[data-video-id="{edited.pk}"] a.link-download')
    assert export_card.locator('[data-role="render"]').inner_text() == "Export succeeded"
    assert page.evaluate("window.__sameDocument")  # no reload
    tags = sorted(n["tag"] for n in page.evaluate("window.__notifications"))
    assert tags == sorted([f"export-{export.pk}", f"transcription-{transcription.pk}"])
    assert not page.console_errors, page.console_errors
