"""Speakers on real human voices (Debian packages, `media/tests/real_speech.py`): the count and
who said each word do not depend on the recording's level, nor on one voice talking much more
than the others. Embedded defaults (Whisper base, energy snapping, resemblyzer)."""

import pytest

from media.tests.real_speech import agreement, conversation, require, schedule
from media.transcription.engine import TranscribeOptions, no_progress
from media.transcription.whisperx_engine import engine_for

pytestmark = pytest.mark.slow

TWO_MEN = [("librivox", 5.0), ("ve9qrp", 5.0)] * 3  # a reader and a radio amateur, ~45 s
MAN_AND_WOMAN = [("ve9qrp", 5.0), ("harvard-woman", 4.0)] * 3  # she has two sentences only
TWO_WOMEN = [("harvard-woman", 2.0), ("hts2a", 2.0)] * 3  # a few seconds each, repeated
CLIPS = {"two men": TWO_MEN, "a man and a woman": MAN_AND_WOMAN, "two women": TWO_WOMEN}


@pytest.fixture(scope="module", autouse=True)
def recordings():
    require()


@pytest.mark.parametrize("level", [-35.0, -12.0])
@pytest.mark.parametrize("pair", sorted(CLIPS))
def test_two_real_people_are_two_speakers_quiet_or_loud(pair, level, tmp_path):
    talk = conversation(tmp_path / "talk.wav", CLIPS[pair], level_dbfs=level)
    transcript = engine_for().transcribe(talk.path, TranscribeOptions(), no_progress).transcript
    share, words = agreement(transcript, talk)
    assert words >= 20, "the recognizer heard too few words to judge"
    assert len(transcript["speakers"]) == 2
    assert share >= 0.9


def test_five_real_voices_are_counted_when_one_talks_eight_times_more(tmp_path):
    """Three minutes; bench/transcribe.py --real runs the same mix for twenty."""
    shares = {"ve9qrp": 8, "librivox": 4, "vk5qi": 2, "harvard-woman": 1, "hts2a": 1}
    talk = conversation(tmp_path / "five.wav", schedule(shares, 180.0), level_dbfs=-30.0)
    transcript = engine_for().transcribe(talk.path, TranscribeOptions(), no_progress).transcript
    share, _words = agreement(transcript, talk)
    assert len(transcript["speakers"]) == 5
    assert share >= 0.9
