"""In a real Chromium: the language and the words a creator gives on upload reach the job; the
vocabulary page keeps their words; the editor offers "transcribe again as ..." and questions an
unsure detection with its candidates."""

import re

import pytest

from accounts.models import User
from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob, TranscriptRevision, TranscriptSource
from media.selectors import vocabulary_terms
from media.tests.factories import UNSURE_DETECTION, ready_video, sample_transcript
from media.transcription import services as transcription
from pages.tests.browsing import shot, sign_up

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
EMAIL = "words.creator@example.com"


def queued_job(video_id=None):
    jobs = TranscriptionJob.objects.order_by("-created_at")
    return (jobs.filter(video_id=video_id) if video_id else jobs).first()


def test_upload_sends_the_language_picked_by_name_and_the_words_of_the_video(
    page, sample_video, live_server
):
    sign_up(page, EMAIL)
    page.goto("/vocabulary")
    page.fill("#vocabulary-terms", "Sackville\nMoncton")
    page.click("#vocabulary-form button[type=submit]")
    page.wait_for_selector("#vocabulary-status:has-text('Saved: 2 terms')")

    page.goto("/upload")
    names = page.locator("#upload-language option").all_inner_texts()
    assert names[0] == "Detect it"
    assert {"Korean", "Thai", "English", "German"} <= set(names)
    assert len(names) == 1 + 100  # every language Whisper knows
    page.select_option("#upload-language", label="Korean")
    page.fill("#upload-vocabulary", "Bay of Fundy, TS-2000")
    shot(page, "upload-language", ".upload-options")
    page.set_input_files("#file", str(sample_video))
    page.wait_for_selector("#upload-status:has-text('Queued')", timeout=60_000)
    job = queued_job()
    assert job.options["language"] == "ko"
    assert job.options["vocabulary"] == ["Bay of Fundy", "TS-2000", "Sackville", "Moncton"]
    assert not page.console_errors


def test_an_over_long_term_is_named_on_the_vocabulary_page(page):
    sign_up(page, EMAIL)
    page.goto("/vocabulary")
    page.fill("#vocabulary-terms", "Moncton\n" + "x" * 51)
    page.click("#vocabulary-form button[type=submit]")
    error = page.wait_for_selector("#vocabulary-error:not([hidden])").inner_text()
    assert "x" * 51 in error
    assert "50 characters" in error
    assert vocabulary_terms(owner=User.objects.get(email=EMAIL)) == []  # nothing saved


def _editor_with_detection(page, media_root, sample_video, detection, language):
    sign_up(page, EMAIL)
    video = ready_video(User.objects.get(email=EMAIL), media_root, sample_video, duration=10.0)
    job = TranscriptionJob.objects.create(
        video=video, status=JobStatus.SUCCEEDED, progress=100, language_detection=detection
    )
    TranscriptRevision.objects.create(
        video=video,
        source=TranscriptSource.MACHINE,
        job=job,
        data={**sample_transcript(), "language": language},
    )
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("#language-block:not([hidden])")
    return video


def test_an_unsure_detection_is_questioned_and_a_candidate_transcribes_again(
    page, media_root, sample_video
):
    video = _editor_with_detection(page, media_root, sample_video, UNSURE_DETECTION, "th")
    assert page.inner_text("#language-current") == "Transcribed as Thai (detected, 41 % sure)."
    unsure = page.locator("#language-unsure")
    assert unsure.is_visible()
    assert re.search(r"unsure\. Is it Korean or Japanese\?", unsure.inner_text())
    shot(page, "editor-language", "#language-block")

    page.click("#language-unsure button[data-language=ko]")
    page.wait_for_selector("#language-status:has-text('Transcribing as Korean')")
    job = queued_job(video.pk)
    assert (job.status, job.options["language"]) == (JobStatus.QUEUED, "ko")
    assert not page.console_errors


def test_a_sure_detection_is_not_questioned_and_any_language_can_be_picked(
    page, media_root, sample_video
):
    detection = {"language": "en", "probability": 0.97, "candidates": []}
    video = _editor_with_detection(page, media_root, sample_video, detection, "en")
    assert page.locator("#language-unsure").is_hidden()
    assert page.input_value("#language-pick") == "en"
    page.select_option("#language-pick", label="German")
    page.fill("#language-words", "Sackville, Bay of Fundy")
    page.click("#language-go")
    page.wait_for_selector("#language-status:has-text('Transcribing as German')")
    options = queued_job(video.pk).options
    assert (options["language"], options["vocabulary"]) == ("de", ["Sackville", "Bay of Fundy"])


def test_an_editor_opened_during_transcription_shows_the_detection_when_it_ends(
    page, media_root, sample_video
):
    sign_up(page, EMAIL)
    video = ready_video(User.objects.get(email=EMAIL), media_root, sample_video, duration=10.0)
    job = TranscriptionJob.objects.create(
        video=video, status=JobStatus.RUNNING, phase="transcribing", progress=40
    )
    page.goto(f"/videos/{video.pk}/edit")
    page.wait_for_selector("#transcription-status:not([hidden])")
    assert page.locator("#language-block").is_hidden()

    transcript = {**sample_transcript(), "language": "th"}
    result = {"transcript": transcript, "language_detection": UNSURE_DETECTION}
    transcription.transcription_save_result(job=job, result=result)
    page.wait_for_selector("#language-unsure:not([hidden])", timeout=30_000)
    assert page.inner_text("#language-current") == "Transcribed as Thai (detected, 41 % sure)."
    assert not page.console_errors
