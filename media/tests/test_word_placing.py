"""Words a creator typed over a span they replace, timed by the sound there."""

import itertools
import time

import numpy as np
import pytest

from media.tests.test_waveform import wav_file
from media.tests.test_word_timing import bursts
from media.transcription.placing import place_words, place_words_by_waveform
from media.transcription.timing import RATE, envelope
from media.transcription.waveform import read_levels, write_peaks

# "Neither did I." said with short pauses between the words, heard as one word over 1.0-2.0 s.
SAID = [(1.00, 1.42), (1.52, 1.76), (1.86, 2.00)]
TEXTS = ["Neither", "did", "I."]


def starts(placed):
    return [p.start for p in placed]


def test_a_word_retyped_as_three_puts_each_where_the_sound_says_it():
    placed = place_words(envelope(bursts(SAID)), 1.0, 2.0, TEXTS)
    assert [p.text for p in placed] == TEXTS
    assert starts(placed) == pytest.approx([s for s, _ in SAID], abs=0.03)
    assert [p.end for p in placed] == pytest.approx([e for _, e in SAID], abs=0.04)


def test_words_said_without_pauses_meet_at_the_dips_between_them():
    said = [(1.00, 1.40), (1.40, 1.65), (1.65, 2.00)]
    placed = place_words(envelope(bursts(said)), 1.0, 2.0, TEXTS)
    assert starts(placed) == pytest.approx([s for s, _ in said], abs=0.04)


def test_silence_at_either_end_of_the_span_is_left_silent():
    placed = place_words(envelope(bursts(SAID)), 0.6, 2.5, TEXTS)
    assert placed[0].start == pytest.approx(1.0, abs=0.03)
    assert placed[-1].end == pytest.approx(2.0, abs=0.03)
    assert starts(placed) == pytest.approx([s for s, _ in SAID], abs=0.03)


def test_without_the_sound_the_span_is_shared_in_proportion_to_the_words_lengths():
    placed = place_words(None, 1.0, 2.5, ["a", "longer", "three"])  # weights 2, 7, 6 of 15
    assert [(p.start, p.end) for p in placed] == [(1.0, 1.2), (1.2, 1.9), (1.9, 2.5)]
    silent = envelope(np.zeros(3 * RATE, np.float32))
    assert place_words(silent, 1.0, 2.5, ["a", "longer", "three"]) == placed


@pytest.mark.parametrize("seed", range(12))
def test_placed_words_stay_in_order_inside_their_span_whatever_the_sound(seed):
    rng = np.random.default_rng(seed)
    cuts = np.sort(rng.uniform(0.2, 3.8, 8))
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if b - a > 0.05][::2]
    env = envelope(bursts(spans, seconds=4.0, seed=seed))
    start, end = (round(float(t), 3) for t in sorted(rng.uniform(0.0, 4.0, 2)))  # ms, as saved
    texts = ["w" * int(n) for n in rng.integers(1, 9, int(rng.integers(1, 7)))]
    placed = place_words(env, start, end, texts)
    assert [p.text for p in placed] == texts
    for p in placed:
        assert start - 1e-9 <= p.start <= p.end <= end + 1e-9
    for before, after in itertools.pairwise(placed):
        assert before.end <= after.start + 1e-9
        assert before.start < after.start


def test_the_stored_waveform_places_words_as_the_audio_does(tmp_path):
    """The server times typed words on the timeline's waveform (the audio is not kept): one
    peak per 10 ms gives the same places as the audio's own envelope."""
    audio = bursts(SAID)
    peaks = tmp_path / "waveform.bin"
    write_peaks(wav_file(tmp_path / "said.wav", audio), peaks)
    levels, per_second = read_levels(peaks.read_bytes())
    assert per_second == 100
    by_waveform = place_words_by_waveform(levels, 1.0, 2.0, TEXTS)
    by_audio = place_words(envelope(audio), 1.0, 2.0, TEXTS)
    assert starts(by_waveform) == pytest.approx(starts(by_audio), abs=0.02)
    assert starts(by_waveform) == pytest.approx([s for s, _ in SAID], abs=0.03)


def test_a_file_that_is_not_a_waveform_is_refused():
    with pytest.raises(ValueError, match="not a waveform file"):
        read_levels(b"RIFF....WAVEfmt ")


def test_a_long_run_without_times_is_placed_in_order_quickly():
    """A client saving a long stretch of words without times: too many to choose boundaries
    for one by one, they take their shares of the voiced frames, in order, inside the span."""
    spans = [(0.3 + 0.5 * i, 0.6 + 0.5 * i) for i in range(120)]
    env = envelope(bursts(spans, seconds=61.0))
    texts = [f"word{i}" for i in range(600)]
    began = time.perf_counter()
    placed = place_words(env, 0.0, 60.5, texts)
    assert time.perf_counter() - began < 2.0
    assert [p.text for p in placed] == texts
    assert placed[0].start == pytest.approx(0.3, abs=0.03)
    assert placed[-1].end == pytest.approx(60.1, abs=0.03)
    for before, after in itertools.pairwise(placed):
        assert before.start < after.start
        assert before.end <= after.start
