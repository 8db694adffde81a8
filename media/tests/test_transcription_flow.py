"""From upload to transcript: the actor on a worker, job states, failures and cancellation."""

import pytest
from django.core.files.storage import default_storage

from conftest import drain
from ecg.jobs.models import JobStatus
from ecg.jobs.outcome import TransientJobError
from ecg.jobs.services import job_cancel
from media import selectors
from media.models import TranscriptionJob, TranscriptRevision
from media.tests.factories import ready_video
from media.transcription import services as transcription
from media.transcription.engine import TranscribeOptions
from media.transcription.kind import transcription_run
from media.transcription.whisperx_engine import engine_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def upload(api, path):
    created = api.post(
        "/api/v1/videos",
        {"filename": path.name, "size": path.stat().st_size, "content_type": "video/mp4"},
        format="json",
    ).json()
    url = created["upload"]["url"].removeprefix("http://testserver")
    assert api.put(url, data=path.read_bytes(), content_type="video/mp4").status_code == 201
    done = api.post(f"/api/v1/videos/{created['video']['id']}/complete")
    assert done.status_code == 200, done.json()
    return done.json()


def test_upload_ends_with_a_transcript_whose_words_and_times_are_right(
    api, stub_worker, speech_video, speech
):
    video = upload(api, speech_video)
    assert video["transcription"]["status"] in ("queued", "running", "succeeded")
    drain(stub_worker, "transcribe", "default")

    detail = api.get(f"/api/v1/videos/{video['id']}").json()
    job = detail["transcription"]
    assert job["status"] == "succeeded", job
    assert (job["phase"], job["progress"], job["error"]) == ("done", 100, None)
    assert detail["transcript_revision"] is not None
    assert detail["thumbnail_url"]

    response = api.get(f"/api/v1/videos/{video['id']}/transcript")
    assert response.status_code == 200
    transcript = response.json()
    words = [w["text"].lower().strip(".,") for s in transcript["segments"] for w in s["words"]]
    assert {"welcome", "captions", "weather", "london"} <= set(words)
    thanks = next(
        w
        for s in transcript["segments"]
        for w in s["words"]
        if w["text"].lower().startswith("thanks")
    )
    assert thanks["start"] == pytest.approx(speech["second_starts"], abs=0.6)
    assert response["ETag"] == f'"{detail["transcript_revision"]}"'

    waveform = api.get(f"/api/v1/videos/{video['id']}/waveform")  # made on the way, once
    assert waveform.status_code == 200
    assert waveform["Content-Type"] == "application/octet-stream"
    body = b"".join(waveform.streaming_content) if waveform.streaming else waveform.content
    assert body[:4] == b"ECGW"
    assert len(body) - 8 == pytest.approx(100 * detail["duration"], abs=2)


def test_a_duplicate_message_for_a_finished_job_does_nothing(user, media_root, speech_video):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = transcription.transcription_request(video=video)
    transcription_run(job_id=str(job.pk), engine=engine_for())
    transcription_run(job_id=str(job.pk), engine=engine_for())
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 1
    assert TranscriptRevision.objects.filter(video=video).count() == 1


def test_a_video_without_audio_succeeds_with_an_empty_transcript(
    user, media_root, sample_video, media_dir
):
    from conftest import ffmpeg

    silent_video = media_dir / "no-audio.mp4"
    ffmpeg("-i", str(sample_video), "-an", "-c:v", "copy", str(silent_video))
    video = ready_video(user, media_root, silent_video, audio_codec="")
    job = transcription.transcription_request(video=video)
    transcription_run(job_id=str(job.pk), engine=engine_for())
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert "no audio track" in job.warnings[0]
    assert TranscriptRevision.objects.get(video=video).data["segments"] == []
    assert selectors.waveform_bytes(video=video) is None  # nothing to draw


def test_a_corrupted_stored_file_fails_with_a_reason_and_no_retry(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video)
    (media_root / video.storage_key).write_bytes(b"\0garbage" * 1000)
    job = transcription.transcription_request(video=video)
    transcription_run(job_id=str(job.pk), engine=engine_for())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error_code == "MEDIA_UNREADABLE"
    assert job.error_message
    assert job.finished_at is not None


def test_a_source_gone_from_storage_fails_without_retry(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video)
    default_storage.delete(video.storage_key)
    job = transcription.transcription_request(video=video)
    transcription_run(job_id=str(job.pk), engine=engine_for())
    job.refresh_from_db()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "SOURCE_MISSING")


def test_a_transient_failure_is_retried_then_fails(user, media_root, sample_video, settings):
    video = ready_video(user, media_root, sample_video)
    job = transcription.transcription_request(video=video)
    for _attempt in range(settings.JOB_MAX_ATTEMPTS - 1):
        with pytest.raises(TransientJobError):
            transcription_run(job_id=str(job.pk), engine=_FailingStorageEngine())
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED
        assert job.phase == "retrying"
    transcription_run(job_id=str(job.pk), engine=_FailingStorageEngine())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error_code == "TRANSIENT_FAILURE_LIMIT"


class _FailingStorageEngine:
    """An engine whose scratch disk or network mount fails: the OSError it raises."""

    def transcribe(self, audio_path, options, on_progress):
        raise OSError("input/output error")


def test_canceling_a_running_job_stops_it_and_saves_nothing(user, media_root, speech_video):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    job = transcription.transcription_request(video=video)

    class CancelMidway:
        def transcribe(self, audio_path, options: TranscribeOptions, on_progress):
            job_cancel(job=TranscriptionJob.objects.get(pk=job.pk))
            on_progress("transcribing", 0.5)
            raise AssertionError("progress after cancel must stop the work")

    transcription_run(job_id=str(job.pk), engine=CancelMidway())
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELED
    assert job.error_code == "CANCELED"
    assert not TranscriptRevision.objects.filter(video=video).exists()


def test_finding_the_speakers_again_keeps_the_creators_words_names_and_colours(
    api, user, media_root, speech_video
):
    video = ready_video(user, media_root, speech_video, duration=11.0)
    url = f"/api/v1/videos/{video.pk}/transcript"
    first = transcription.transcription_request(
        video=video, options=TranscribeOptions(num_speakers=1)
    )
    transcription_run(job_id=str(first.pk), engine=engine_for())
    current = api.get(url)
    edited = current.json()
    assert len(edited["speakers"]) == 1
    edited["segments"][0]["words"][0]["text"] = "Hello"
    edited["speakers"][0].update(label="Sam", color="#FFD84D")
    assert api.put(url, edited, format="json", HTTP_IF_MATCH=current["ETag"]).status_code == 200

    response = api.post(
        f"/api/v1/videos/{video.pk}/retranscribe", {"speakers_only": True}, format="json"
    )
    assert response.status_code == 202, response.json()
    transcription_run(job_id=response.json()["id"], engine=engine_for())

    after = api.get(url).json()
    assert after["engine"]["diarization"] == "resemblyzer"
    words = [(w["text"], w["start"], w["end"]) for s in after["segments"] for w in s["words"]]
    assert words == [
        (w["text"], w["start"], w["end"]) for s in edited["segments"] for w in s["words"]
    ]
    by_word = {
        w["text"].lower().strip(".,"): w["speaker"] for s in after["segments"] for w in s["words"]
    }
    labels = {s["id"]: s for s in after["speakers"]}
    assert len(labels) == 2
    assert labels[by_word["hello"]] == {"id": "SPEAKER_00", "label": "Sam", "color": "#FFD84D"}
    assert by_word["london"] != by_word["hello"]
    assert all(len({w["speaker"] for w in s["words"]}) == 1 for s in after["segments"])
