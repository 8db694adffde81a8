"""A creator's own words for the recognizer: the account's vocabulary, a job's words on upload
completion and on retranscribe, the language asked for, and what detection found."""

import shutil

import pytest

from conftest import bearer
from ecg.jobs.models import JobStatus
from media import selectors
from media.models import TranscriptionJob, Video
from media.tests.factories import UNSURE_DETECTION, ready_video, sample_transcript
from media.transcription import services as transcription
from media.transcription.vocabulary import MAX_PROMPT_TOKENS, glossary, merge, parse_terms

pytestmark = pytest.mark.django_db
VOCABULARY = "/api/v1/me/vocabulary"


def uploaded(api, media_root, path):
    """A created video whose upload already streamed `path` to local storage."""
    created = api.post(
        "/api/v1/videos",
        {"filename": path.name, "size": path.stat().st_size, "content_type": "video/mp4"},
        format="json",
    ).json()
    video = Video.objects.get(pk=created["video"]["id"])
    target = media_root / video.storage_key
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return video


def test_a_new_account_has_an_empty_vocabulary_with_its_limits(api):
    response = api.get(VOCABULARY)
    assert response.status_code == 200
    assert response.json() == {"terms": [], "max_terms": 100, "max_length": 50}


def test_the_vocabulary_is_saved_trimmed_and_without_repeats(api):
    response = api.put(
        VOCABULARY,
        {"terms": [" Moncton ", "Bay  of Fundy", "", "moncton", "TS-2000"]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["terms"] == ["Moncton", "Bay of Fundy", "TS-2000"]
    assert api.get(VOCABULARY).json()["terms"] == ["Moncton", "Bay of Fundy", "TS-2000"]


def test_the_vocabulary_can_be_sent_as_one_comma_separated_string(api):
    response = api.put(VOCABULARY, {"terms": "Sackville, Yagis ,Codec 2"}, format="json")
    assert response.json()["terms"] == ["Sackville", "Yagis", "Codec 2"]
    assert api.put(VOCABULARY, {"terms": []}, format="json").json()["terms"] == []


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        (["x" * 51], "terms.0"),
        (["ok", 7], "terms.1"),
        (["tab\tinside is fine", "bell\x07"], "terms.1"),
        ([f"term {n}" for n in range(101)], "terms"),
        ({"a": 1}, "terms"),
    ],
)
def test_a_vocabulary_over_its_limits_is_refused_with_a_coded_error(api, terms, field):
    api.put(VOCABULARY, {"terms": ["Kept"]}, format="json")
    response = api.put(VOCABULARY, {"terms": terms}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VOCABULARY_INVALID"
    assert field in error["details"]["fields"]
    assert api.get(VOCABULARY).json()["terms"] == ["Kept"]  # nothing changed


def test_each_creator_sees_only_their_own_vocabulary(api, other_user):
    api.put(VOCABULARY, {"terms": ["Moncton"]}, format="json")
    assert bearer(other_user).get(VOCABULARY).json()["terms"] == []


def test_the_vocabulary_needs_a_login(anon):
    assert anon.get(VOCABULARY).status_code == 401


def test_completing_an_upload_queues_the_language_and_the_jobs_words_before_the_accounts(
    api, media_root, sample_video, django_capture_on_commit_callbacks
):
    api.put(VOCABULARY, {"terms": ["Sackville", "moncton"]}, format="json")
    video = uploaded(api, media_root, sample_video)
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            f"/api/v1/videos/{video.pk}/complete",
            {"language": "ko", "vocabulary": ["Moncton", "Bay of Fundy"]},
            format="json",
        )
    assert response.status_code == 200, response.json()
    options = response.json()["transcription"]["options"]
    assert options["language"] == "ko"
    assert options["vocabulary"] == ["Moncton", "Bay of Fundy", "Sackville"]


def test_an_invalid_vocabulary_on_completion_changes_nothing(api, media_root, sample_video):
    video = uploaded(api, media_root, sample_video)
    response = api.post(
        f"/api/v1/videos/{video.pk}/complete", {"vocabulary": ["y" * 60]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VOCABULARY_INVALID"
    video.refresh_from_db()
    assert video.status == "awaiting_upload"
    assert not TranscriptionJob.objects.filter(video=video).exists()


def test_an_unknown_language_on_completion_is_refused(api, media_root, sample_video):
    video = uploaded(api, media_root, sample_video)
    response = api.post(f"/api/v1/videos/{video.pk}/complete", {"language": "xx"}, format="json")
    assert response.status_code == 400
    assert "language" in response.json()["error"]["details"]["fields"]


def test_retranscribe_takes_the_language_and_words_of_the_job(
    api, user, media_root, sample_video, django_capture_on_commit_callbacks
):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            f"/api/v1/videos/{video.pk}/retranscribe",
            {"language": "de", "vocabulary": "Fundy, Yagis"},
            format="json",
        )
    assert response.status_code == 202
    assert (response.json()["options"]["language"], response.json()["options"]["vocabulary"]) == (
        "de",
        ["Fundy", "Yagis"],
    )


def test_finding_speakers_again_gives_no_words_to_the_recognizer(
    api, user, media_root, sample_video, django_capture_on_commit_callbacks
):
    api.put(VOCABULARY, {"terms": ["Moncton"]}, format="json")
    video = ready_video(user, media_root, sample_video, duration=10.0)
    transcription.transcription_request(video=video)  # words of its own, then done
    TranscriptionJob.objects.filter(video=video).update(status=JobStatus.SUCCEEDED)
    video.transcripts.create(source="machine", data=sample_transcript())
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            f"/api/v1/videos/{video.pk}/retranscribe", {"speakers_only": True}, format="json"
        )
    assert response.json()["options"]["vocabulary"] == []


def _finished_job(user, media_root, sample_video, detection):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    job = TranscriptionJob.objects.create(video=video, status=JobStatus.RUNNING)
    transcription.transcription_save_result(
        job=job,
        result={"transcript": sample_transcript(), "language_detection": detection},
    )
    job.refresh_from_db()
    return video, job


def test_the_job_keeps_what_language_detection_found(api, user, media_root, sample_video):
    video, job = _finished_job(user, media_root, sample_video, UNSURE_DETECTION)
    assert job.language_detection == UNSURE_DETECTION
    shown = api.get(f"/api/v1/videos/{video.pk}").json()["transcription"]
    assert shown["language_detection"] == UNSURE_DETECTION


@pytest.mark.parametrize(
    "detection",
    [
        None,
        "th",
        {"language": "klingon", "probability": 0.9, "candidates": []},
        {"language": "th", "probability": 7, "candidates": []},
        {"language": "th", "probability": 0.4},
    ],
)
def test_a_detection_out_of_shape_is_not_kept(user, media_root, sample_video, detection):
    _video, job = _finished_job(user, media_root, sample_video, detection)
    assert job.status == JobStatus.SUCCEEDED
    assert job.language_detection is None


def test_bad_candidates_are_dropped_and_the_rest_kept(user, media_root, sample_video):
    detection = {
        "language": "ko",
        "probability": 0.5,
        "candidates": [{"language": "th", "probability": 0.2}, {"language": "??"}, "ja"],
    }
    _video, job = _finished_job(user, media_root, sample_video, detection)
    assert job.language_detection["candidates"] == [{"language": "th", "probability": 0.2}]


def test_terms_are_merged_in_order_once_ignoring_case():
    assert merge(["Moncton", "Fundy"], ["fundy", "Sackville"]) == ["Moncton", "Fundy", "Sackville"]
    assert parse_terms(None) == []


def test_a_long_vocabulary_is_cut_at_a_whole_term_within_the_token_limit():
    terms = [f"Term{n:03d}" for n in range(100)]

    def count(text):  # a word, a comma or a full stop a token: the cut is exact to check
        return len(text.replace(",", " ,").replace(".", " .").split())

    text, given = glossary(terms, count)
    assert text == "Glossary: " + ", ".join(given) + "."
    assert count(" " + text) <= MAX_PROMPT_TOKENS < count(" " + text.rstrip(".") + ", Term999.")
    assert given == terms[: len(given)]
    assert glossary([], count) == ("", [])


def test_the_editor_reads_the_detection_of_the_words_not_of_finding_speakers_again(
    user, media_root, sample_video
):
    detection = {"language": "ko", "probability": 0.5, "candidates": []}
    video, _job = _finished_job(user, media_root, sample_video, detection)
    TranscriptionJob.objects.create(
        video=video, status=JobStatus.SUCCEEDED, options={"speakers_only": True}
    )
    assert selectors.language_detection(video=video) == detection
    TranscriptionJob.objects.create(
        video=video, status=JobStatus.SUCCEEDED, options={"speakers_only": False, "language": "ko"}
    )
    assert selectors.language_detection(video=video) is None  # the language was given
