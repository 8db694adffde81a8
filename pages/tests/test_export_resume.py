"""An export keeps showing in the editor after a reload: its progress while it runs (started
before the page loaded, as after a reload or in another tab), then its download; and a tab open
before the export started, in another tab, follows it too."""

import pytest
import requests

from ecg.jobs.services import job_progress, job_start, job_succeed
from media.tests.factories import sample_transcript
from pages.tests.browsing import open_editor
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_the_editor_follows_an_export_started_before_it_loaded(page, media_root, sample_video):
    video = open_editor(page, media_root, sample_video, "resume@example.com")
    owner = video.owner
    job = RenderJob.objects.create(
        owner=owner,
        video=video,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario(None, None, source_height=video.height),
    )
    job_start(job=job, phase="painting")
    job_progress(job=job, phase="painting", progress=40)

    requests_made: list[str] = []
    page.on("request", lambda r: requests_made.append(r.url))
    page.reload()  # the export started elsewhere, or before a reload
    page.wait_for_selector("button.word")
    page.wait_for_function("document.getElementById('export-status').textContent.includes('40%')")
    assert page.locator("#export-panel").is_visible()
    assert page.locator("#export-download").is_hidden()
    assert page.locator("#export").is_disabled()  # one export at a time

    key = f"renders/{job.pk}/output.mp4"
    (media_root / "renders" / str(job.pk)).mkdir(parents=True)
    (media_root / key).write_bytes(bytes(16))
    job_succeed(job=job, output_key=key, output_size=16)
    page.wait_for_selector("#export-download:not([hidden])", timeout=20_000)
    # Pushed, not polled: one stream of events, no status polls of the job.
    assert any(url.endswith(f"/renders/{job.pk}/events") for url in requests_made)
    assert not any(url.endswith(f"/renders/{job.pk}") for url in requests_made)
    href = page.get_attribute("#export-download", "href")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert requests.get(href, cookies=cookies, timeout=30).content == bytes(16)
    assert page.locator("#export").is_enabled()

    page.reload()  # a finished export stays at hand
    page.wait_for_selector("#export-download:not([hidden])")
    assert page.inner_text("#export-status") == "Your last export is ready."
    assert not page.console_errors, page.console_errors


def test_every_open_tab_follows_an_export_started_in_another(page, media_root, sample_video):
    video = open_editor(page, media_root, sample_video, "two.tabs@example.com")
    other = page.context.new_page()  # the same creator's second tab, opened before the export
    other.goto(f"/videos/{video.pk}/edit")
    other.wait_for_selector("button.word")
    assert other.locator("#export-panel").is_hidden()

    page.click("#export")  # queued: no worker in this test, it moves as the test says
    other.wait_for_function("document.getElementById('export-status').textContent.includes('0%')")
    assert other.locator("#export").is_disabled()
    assert other.locator("#export-download").is_hidden()
    job = RenderJob.objects.get(video=video)

    job_start(job=job, phase="painting")
    job_progress(job=job, phase="painting", progress=55)
    for tab in (page, other):
        tab.wait_for_function(
            "document.getElementById('export-status').textContent.includes('55%')"
        )
    key = f"renders/{job.pk}/output.mp4"
    (media_root / "renders" / str(job.pk)).mkdir(parents=True)
    (media_root / key).write_bytes(bytes(16))
    job_succeed(job=job, output_key=key, output_size=16)
    for tab in (page, other):
        tab.wait_for_selector("#export-download:not([hidden])", timeout=20_000)
        assert tab.locator("#export").is_enabled()
    assert not page.console_errors, page.console_errors
