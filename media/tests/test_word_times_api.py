"""Typed words timed by the sound: the word-times endpoint the editor asks when a creator
retypes a word as several, and transcript saves whose typed words come without times."""

import pytest

from conftest import bearer
from ecg import storage
from media import selectors
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video
from media.tests.test_waveform import wav_file
from media.tests.test_word_timing import bursts
from media.transcription.schema import build_transcript
from media.transcription.waveform import write_peaks

pytestmark = pytest.mark.django_db

# "So", then "Neither did I." (heard as one word, "Needs", over 1.0-2.0 s), then "Right."
SO, RIGHT = (0.40, 0.70), (2.30, 2.70)
SAID = [(1.00, 1.42), (1.52, 1.76), (1.86, 2.00)]
HEARD = [("So", *SO), ("Needs", 1.0, 2.0), ("Right.", *RIGHT)]


def transcript():
    words = [{"text": t, "start": s, "end": e, "score": 0.9} for t, s, e in HEARD]
    return build_transcript(
        language="en",
        duration=3.0,
        engine={"name": "whisperx", "model": "base", "alignment": "whisper", "diarization": "none"},
        segments=[{"speaker": "SPEAKER_00", "words": words}],
    )


@pytest.fixture
def video(user, media_root, sample_video, tmp_path):
    """A transcribed 3 s video whose stored waveform is the sound of HEARD's words."""
    video = ready_video(user, media_root, sample_video, duration=3.0)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=transcript()
    )
    peaks = tmp_path / "waveform.bin"
    write_peaks(wav_file(tmp_path / "said.wav", bursts([SO, *SAID, RIGHT], seconds=3.0)), peaks)
    storage.save_file(key=selectors.waveform_key(video.pk), path=peaks)
    return video


def word_times(client, video, body):
    return client.post(f"/api/v1/videos/{video.pk}/transcript/word-times", body, format="json")


def test_a_word_retyped_as_three_gets_times_from_the_sound_of_its_span(api, video):
    response = word_times(api, video, {"start": 1.0, "end": 2.0, "words": ["Neither", "did", "I."]})
    assert response.status_code == 200
    body = response.json()
    assert body["timed_by"] == "sound"
    assert [w["text"] for w in body["words"]] == ["Neither", "did", "I."]
    assert [w["start"] for w in body["words"]] == pytest.approx([s for s, _ in SAID], abs=0.03)
    assert body["words"][-1]["end"] <= 2.0


def test_without_a_waveform_the_words_share_the_span_by_their_length(
    api, user, media_root, sample_video
):
    video = ready_video(user, media_root, sample_video, duration=3.0)
    response = word_times(api, video, {"start": 1.0, "end": 2.5, "words": ["a", "longer", "three"]})
    assert response.status_code == 200
    assert response.json() == {
        "words": [
            {"text": "a", "start": 1.0, "end": 1.2},
            {"text": "longer", "start": 1.2, "end": 1.9},
            {"text": "three", "start": 1.9, "end": 2.5},
        ],
        "timed_by": "length",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start": 1.0, "end": 3.5, "words": ["late"]}, "end"),
        ({"start": 2.0, "end": 1.0, "words": ["backwards"]}, "end"),
        ({"start": 1.0, "end": 2.0, "words": []}, "words"),
        ({"start": 1.0, "end": 2.0, "words": [" "]}, "words"),
        ({"start": -1, "end": 2.0, "words": ["early"]}, "start"),
    ],
)
def test_a_span_outside_the_video_or_no_words_is_refused(api, video, body, field):
    response = word_times(api, video, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert field in error["details"]["fields"]


def test_only_the_owner_may_ask(other_user, video):
    body = {"start": 1.0, "end": 2.0, "words": ["Neither"]}
    assert word_times(bearer(other_user), video, body).status_code == 404


def saved_words(api, video, words):
    """PUT the transcript with `words` in its one segment; the saved words."""
    current = api.get(f"/api/v1/videos/{video.pk}/transcript")
    data = current.json()
    data["segments"][0]["words"] = words
    for key in ("start", "end"):
        data["segments"][0][key] = None  # a client sending typed words may not know them
    response = api.put(
        f"/api/v1/videos/{video.pk}/transcript",
        data,
        format="json",
        HTTP_IF_MATCH=current["ETag"],
    )
    assert response.status_code == 200, response.json()
    return response.json()["segments"][0]["words"], response.json()["segments"][0]


def test_words_saved_without_times_are_timed_by_the_sound_between_their_neighbours(api, video):
    so, _needs, right = transcript()["segments"][0]["words"]
    typed = [{"text": t, "speaker": "SPEAKER_00", "score": None} for t in ("Neither", "did", "I.")]
    words, segment = saved_words(api, video, [so, *typed, right])
    assert [w["text"] for w in words] == ["So", "Neither", "did", "I.", "Right."]
    assert [w["start"] for w in words[1:4]] == pytest.approx([s for s, _ in SAID], abs=0.03)
    assert (words[0], words[-1]) == (so, right)  # the neighbours keep their times
    assert (segment["start"], segment["end"]) == (so["start"], right["end"])


def test_a_replaced_run_is_laid_over_the_sound_not_over_the_silence_around_it(api, video):
    right = transcript()["segments"][0]["words"][2]
    typed = {"text": "Sonny", "speaker": "SPEAKER_00", "start": None, "end": None}
    words, _segment = saved_words(api, video, [typed, right])  # "So Needs" -> "Sonny"
    assert words[0]["start"] == pytest.approx(SO[0], abs=0.03)
    assert words[0]["end"] == pytest.approx(SAID[-1][1], abs=0.03)


def test_a_deleted_words_time_is_not_handed_to_its_neighbours(api, video):
    so, _needs, right = transcript()["segments"][0]["words"]
    words, _segment = saved_words(api, video, [so, right])
    assert words == [so, right]
