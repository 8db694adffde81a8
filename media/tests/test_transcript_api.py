"""Reading, editing and exporting transcripts; asking for a new transcription."""

import json

import pytest

from conftest import bearer
from ecg.jobs.models import JobStatus
from media.models import TranscriptionJob, TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(user, media_root, sample_video):
    return ready_video(user, media_root, sample_video, duration=10.0)


@pytest.fixture
def transcribed(video):
    job = TranscriptionJob.objects.create(video=video, status=JobStatus.SUCCEEDED, progress=100)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, job=job, data=sample_transcript(speakers=2)
    )
    return video


def url(video, suffix=""):
    return f"/api/v1/videos/{video.pk}/transcript{suffix}"


def test_the_transcript_is_not_ready_while_transcription_runs(api, video):
    TranscriptionJob.objects.create(
        video=video, status=JobStatus.RUNNING, phase="transcribing", progress=40
    )
    response = api.get(url(video))
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "TRANSCRIPT_NOT_READY"
    assert error["details"]["transcription"] == {
        "status": "running",
        "phase": "transcribing",
        "progress": 40,
    }


def test_an_edit_becomes_a_new_current_revision_and_the_machine_one_is_kept(api, transcribed):
    current = api.get(url(transcribed))
    edited = current.json()
    edited["segments"][0]["words"][0]["text"] = "Welkom"
    edited["speakers"][1]["label"] = "Guest"
    response = api.put(url(transcribed), edited, format="json", HTTP_IF_MATCH=current["ETag"])
    assert response.status_code == 200
    assert response.json()["segments"][0]["words"][0]["text"] == "Welkom"
    assert response["ETag"] != current["ETag"]
    assert api.get(url(transcribed)).json()["speakers"][1]["label"] == "Guest"
    sources = list(
        TranscriptRevision.objects.filter(video=transcribed)
        .order_by("id")
        .values_list("source", flat=True)
    )
    assert sources == ["machine", "edit"]


def test_emphasis_set_by_hand_is_kept_and_cleared_goes_back_to_the_voice(api, video):
    from rendering.tests.scripts import shouted_transcript

    TranscriptRevision.objects.create(
        video=video,
        source=TranscriptSource.MACHINE,
        data=shouted_transcript("we will never stop that", "never"),
    )
    data = api.get(url(video)).json()
    words = data["segments"][0]["words"]
    computed = words[0]["emphasis"]
    words[0].update(emphasis=0.9, emphasis_set=True)
    words[2]["tags"] = ["hype", "no-way"]
    saved = api.put(url(video), data, format="json").json()["segments"][0]["words"]
    assert (saved[0]["emphasis"], saved[0]["emphasis_set"]) == (0.9, True)
    assert saved[2]["tags"] == ["hype", "no-way"]

    saved[0]["emphasis_set"] = False  # "Automatic": the stale 0.9 is computed again
    data["segments"][0]["words"] = saved
    again = api.put(url(video), data, format="json").json()["segments"][0]["words"]
    assert again[0]["emphasis"] == pytest.approx(computed, abs=0.001)
    assert max(again, key=lambda w: w["emphasis"])["text"] == "never"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"emphasis": 1.5}, "emphasis"),
        ({"emphasis_set": True}, "emphasis"),
        ({"emphasis_set": "yes"}, "emphasis_set"),
        ({"tags": ["Not Slug"]}, "tags"),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
        ({"prosody": {"loudness_db": 1e9, "pitch_st": 0, "stretch": 1}}, "prosody.loudness_db"),
        ({"prosody": {"loudness_db": 0, "pitch_st": 0, "stretch": -1}}, "prosody.stretch"),
    ],
)
def test_bad_expression_fields_are_refused_naming_them(api, transcribed, fields, path):
    data = api.get(url(transcribed)).json()
    data["segments"][0]["words"][0].update(fields)
    response = api.put(url(transcribed), data, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "TRANSCRIPT_INVALID"
    assert f"segments.0.words.0.{path}" in error["details"]["fields"]
    assert TranscriptRevision.objects.filter(video=transcribed).count() == 1


def test_an_edit_from_a_stale_revision_is_refused(api, transcribed):
    stale = api.get(url(transcribed))
    api.put(url(transcribed), stale.json(), format="json", HTTP_IF_MATCH=stale["ETag"])
    response = api.put(url(transcribed), stale.json(), format="json", HTTP_IF_MATCH=stale["ETag"])
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "TRANSCRIPT_CONFLICT"


def test_an_invalid_edit_names_the_paths_and_keeps_the_current_revision(api, transcribed):
    edited = api.get(url(transcribed)).json()
    edited["segments"][0]["words"][1]["start"] = 0.1
    edited["segments"][1]["words"][0]["speaker"] = "NOBODY"
    response = api.put(url(transcribed), edited, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "TRANSCRIPT_INVALID"
    assert {"segments.0.words.1.start", "segments.1.words.0.speaker"} <= set(
        error["details"]["fields"]
    )
    assert TranscriptRevision.objects.filter(video=transcribed).count() == 1


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_a_code_and_nothing_is_stored(api, transcribed, constant):
    edited = api.get(url(transcribed)).json()
    edited["segments"][0]["words"][0]["score"] = "PLACEHOLDER"
    body = json.dumps(edited).replace('"PLACEHOLDER"', constant)
    response = api.put(url(transcribed), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MALFORMED_REQUEST"
    assert TranscriptRevision.objects.filter(video=transcribed).count() == 1


def test_an_edit_cannot_stretch_the_media_duration(api, transcribed):
    edited = api.get(url(transcribed)).json()
    edited["duration"] = 500
    edited["segments"][1]["words"][-1]["end"] = 400
    edited["segments"][1]["end"] = 400
    response = api.put(url(transcribed), edited, format="json")
    assert response.status_code == 400
    assert "segments.1.end" in response.json()["error"]["details"]["fields"]


def test_an_oversized_body_is_refused_before_parsing(api, transcribed, settings):
    response = api.put(url(transcribed), "[" * (17 * 1024**2), content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "BODY_TOO_LARGE"


def test_deeply_nested_json_is_a_clean_parse_error(api, transcribed):
    response = api.put(
        url(transcribed), "[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MALFORMED_REQUEST"


@pytest.mark.parametrize(
    ("fmt", "content_type", "first_line"),
    [
        ("srt", "application/x-subrip", "1"),
        ("vtt", "text/vtt", "WEBVTT"),
    ],
)
def test_subtitles_download(api, transcribed, fmt, content_type, first_line):
    response = api.get(url(transcribed, f".{fmt}"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'sample.{fmt}"' in response["Content-Disposition"]
    assert response.content.decode().splitlines()[0] == first_line
    assert "Welcome back to the channel." in response.content.decode()


def test_an_unknown_subtitle_format_is_not_found(api, transcribed):
    assert api.get(url(transcribed, ".ass")).status_code == 404


def test_retranscribe_takes_the_number_of_speakers(
    api, transcribed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            f"/api/v1/videos/{transcribed.pk}/retranscribe",
            {"num_speakers": 3, "min_speakers": 2, "max_speakers": 4},
            format="json",
        )
    assert response.status_code == 202
    options = response.json()["options"]
    assert (options["num_speakers"], options["min_speakers"], options["max_speakers"]) == (3, 2, 4)


def test_finding_speakers_again_needs_a_transcript(api, user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video)
    response = api.post(
        f"/api/v1/videos/{video.pk}/retranscribe", {"speakers_only": True}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "TRANSCRIPT_NOT_READY"


def test_retranscribe_queues_a_job_once(api, transcribed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            f"/api/v1/videos/{transcribed.pk}/retranscribe", {"language": "en"}, format="json"
        )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert response.json()["options"]["language"] == "en"
    again = api.post(f"/api/v1/videos/{transcribed.pk}/retranscribe", {}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "TRANSCRIPTION_IN_PROGRESS"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "english!"}, "language"),
        ({"language": "xx"}, "language"),  # shaped like a code, but no language Whisper knows
        ({"model": "large-v3"}, "model"),
        ({"num_speakers": 0}, "num_speakers"),
        ({"max_speakers": 21}, "max_speakers"),
        ({"min_speakers": 3, "max_speakers": 2}, "min_speakers"),
        ({"num_speakers": 5, "max_speakers": 3}, "num_speakers"),
    ],
)
def test_retranscribe_refuses_unknown_options(api, transcribed, body, field):
    response = api.post(f"/api/v1/videos/{transcribed.pk}/retranscribe", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]["fields"]


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", "/transcript"),
        ("put", "/transcript"),
        ("get", "/transcript.srt"),
        ("post", "/retranscribe"),
    ],
)
def test_another_users_transcript_is_not_found(other_user, transcribed, method, suffix):
    response = getattr(bearer(other_user), method)(
        f"/api/v1/videos/{transcribed.pk}{suffix}", {}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("text", '"Wel\\u0000come"', "NUL character"),
        ("text", '"Wel\\ud800come"', "lone surrogate"),
        ("note", "1e400", "not a finite number"),  # a field the schema lets through, as inf
    ],
)
def test_what_postgresql_cannot_store_is_refused_naming_the_path_and_the_revision_is_kept(
    api, transcribed, field, value, problem
):
    current = api.get(url(transcribed))
    edited = json.loads(current.content)
    edited["segments"][0]["words"][2][field] = "PLACEHOLDER"
    body = json.dumps(edited).replace('"PLACEHOLDER"', value)
    response = api.put(
        url(transcribed), body, content_type="application/json", HTTP_IF_MATCH=current["ETag"]
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALUE_NOT_STORABLE"
    assert error["details"]["path"] == f"segments.0.words.2.{field}"
    assert problem in error["details"]["problem"]
    assert f"segments.0.words.2.{field}" in error["message"]
    assert TranscriptRevision.objects.filter(video=transcribed).count() == 1
    after = api.get(url(transcribed))
    assert (after["ETag"], after.json()) == (current["ETag"], current.json())


def test_srt_download_carries_no_markup_from_words(api, transcribed):
    edited = api.get(url(transcribed)).json()
    edited["segments"][0]["words"][0]["text"] = "<b>Welcome</b>"
    assert api.put(url(transcribed), edited, format="json").status_code == 200
    srt = api.get(url(transcribed, ".srt")).content.decode()
    assert "Welcome back" in srt
    assert "<" not in srt
    assert "&lt;b&gt;Welcome&lt;/b&gt;" in api.get(url(transcribed, ".vtt")).content.decode()
