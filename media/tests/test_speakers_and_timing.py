"""Who spoke and exactly when, with the embedded defaults (Whisper base, energy snapping,
resemblyzer) on espeak-ng conversations whose every word's time and speaker are known."""

import itertools

import numpy as np
import pytest

from media.tests.speech import (
    SPANISH_SCRIPT,
    VOICES,
    conversation,
    matched_words,
    speaker_agreement,
    start_errors,
)
from media.transcription.engine import TranscribeOptions, no_progress
from media.transcription.schema import validate_transcript
from media.transcription.whisperx_engine import engine_for

pytestmark = pytest.mark.slow

CLIPS = {
    "female and male": ([VOICES["female"], VOICES["male"]], {}),
    "two men": ([VOICES["male"], VOICES["male2"]], {}),
    "three voices": ([VOICES["female"], VOICES["male"], VOICES["male2"]], {}),
    "Spanish, two voices": (["es+f3", "es+m3"], {"script": SPANISH_SCRIPT}),
}


@pytest.fixture(scope="module", params=sorted(CLIPS))
def transcribed(request, tmp_path_factory):
    voices, options = CLIPS[request.param]
    clip = conversation(tmp_path_factory.mktemp("talk") / "talk.wav", voices, **options)
    result = engine_for().transcribe(clip.path, TranscribeOptions(), no_progress)
    return clip, result.transcript


def test_the_speakers_are_counted_and_each_word_has_the_right_one(transcribed):
    clip, transcript = transcribed
    pairs = matched_words(transcript, clip.words)
    assert len(pairs) >= 0.8 * len(clip.words), "the recognizer lost too many words to judge"
    assert len(transcript["speakers"]) == len(clip.speakers)
    assert speaker_agreement(pairs) >= 0.95


def test_word_starts_are_within_50_ms_median_and_120_ms_p90(transcribed):
    clip, transcript = transcribed
    errors = start_errors(matched_words(transcript, clip.words))
    assert np.median(errors) <= 0.050
    assert np.percentile(errors, 90) <= 0.120


def test_words_stay_in_order_without_overlap_and_segments_have_one_speaker(transcribed):
    _clip, transcript = transcribed
    validate_transcript(transcript)
    words = [w for s in transcript["segments"] for w in s["words"]]
    for before, after in itertools.pairwise(words):
        assert before["start"] <= before["end"] <= after["start"] <= after["end"]
    for segment in transcript["segments"]:
        assert {w["speaker"] for w in segment["words"]} == {segment["speaker"]}


@pytest.fixture(scope="module")
def monologue(tmp_path_factory):
    return conversation(tmp_path_factory.mktemp("one") / "one.wav", [VOICES["male"]], turns=6)


def test_one_voice_is_one_speaker(monologue):
    transcript = engine_for().transcribe(monologue.path, TranscribeOptions(), no_progress)
    assert [s["id"] for s in transcript.transcript["speakers"]] == ["SPEAKER_00"]


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    voices = [VOICES["female"], VOICES["male"], VOICES["male2"]]
    return conversation(tmp_path_factory.mktemp("trio") / "trio.wav", voices, turns=6)


def test_a_speaker_count_given_by_the_creator_caps_what_is_found(trio):
    found = engine_for().transcribe(trio.path, TranscribeOptions(), no_progress).transcript
    assert len(found["speakers"]) == 3
    capped = engine_for().transcribe(trio.path, TranscribeOptions(max_speakers=2), no_progress)
    assert len(capped.transcript["speakers"]) == 2
    one = engine_for().transcribe(trio.path, TranscribeOptions(num_speakers=1), no_progress)
    assert [s["id"] for s in one.transcript["speakers"]] == ["SPEAKER_00"]
