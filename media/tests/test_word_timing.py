"""Word boundaries snapped to the sound: pauses and dips in the energy envelope."""

import itertools

import numpy as np
import pytest

from media.transcription.timing import RATE, envelope, refine_words


def bursts(spans, seconds=6.0, seed=1):
    """Noise bursts (voice-like energy, fading in and out as words do) at known spans over a
    faint noise floor; two words without a pause meet at a dip."""
    rng = np.random.default_rng(seed)
    audio = rng.normal(0, 0.0005, int(seconds * RATE)).astype(np.float32)
    for start, end in spans:
        a, b = int(start * RATE), int(end * RATE)
        shape = np.minimum(1.0, np.sin(np.linspace(0, np.pi, b - a)) * 4)  # fades in and out
        audio[a:b] += (rng.normal(0, 0.2, b - a) * shape).astype(np.float32)
    return audio


TRUTH = [(0.50, 0.90), (1.02, 1.40), (1.55, 2.10), (2.10, 2.50), (3.20, 3.60), (3.75, 4.30)]


def whisper_like(shift):
    """Whisper's habit: each word starts where the previous one ended, the lot shifted."""
    words = []
    for i, (start, end) in enumerate(TRUTH):
        begin = (TRUTH[i - 1][1] if i else start) + shift
        words.append({"text": f"w{i}", "start": round(begin, 3), "end": round(end + shift, 3)})
    return words


@pytest.mark.parametrize("shift", [-0.2, -0.1, 0.0, 0.08])
def test_starts_move_to_where_the_sound_begins(shift):
    words = whisper_like(shift)
    refine_words(envelope(bursts(TRUTH)), words)
    errors = [abs(w["start"] - start) for w, (start, _end) in zip(words, TRUTH, strict=True)]
    assert max(errors) <= 0.03, errors


def test_order_and_non_overlap_are_kept():
    words = whisper_like(-0.25)
    refine_words(envelope(bursts(TRUTH)), words)
    for before, after in itertools.pairwise(words):
        assert before["start"] <= before["end"] <= after["start"] <= after["end"]
    assert words[1]["start"] - words[0]["end"] == pytest.approx(0.12, abs=0.03)  # the pause


def test_silence_or_no_words_change_nothing():
    words = whisper_like(0.0)
    before = [dict(w) for w in words]
    refine_words(envelope(np.zeros(6 * RATE, np.float32)), words)
    assert [w["start"] for w in words] == [w["start"] for w in before]
    assert refine_words(envelope(bursts(TRUTH)), []) == 0
