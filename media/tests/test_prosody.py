"""Prosody per word on signals whose level and pitch are known."""

import numpy as np
import pytest

from media.transcription.prosody import RATE, analyze


def tones(spec, gap=0.2):
    """(frequency Hz or None for noise, amplitude, seconds) per word, with gaps; the words."""
    rng = np.random.default_rng(3)
    chunks, words, cursor = [np.zeros(int(gap * RATE), np.float32)], [], gap
    for frequency, amplitude, seconds in spec:
        t = np.arange(int(seconds * RATE)) / RATE
        sound = (
            np.sin(2 * np.pi * frequency * t)
            if frequency
            else rng.normal(0, 0.5, len(t)).clip(-1, 1)
        )
        chunks += [(amplitude * sound).astype(np.float32), np.zeros(int(gap * RATE), np.float32)]
        words.append({"text": "word", "start": cursor, "end": cursor + seconds, "speaker": "A"})
        cursor += seconds + gap
    return np.concatenate(chunks), words


def test_loudness_is_in_db_relative_to_the_speakers_median_word():
    audio, words = tones([(150, 0.1, 0.4), (150, 0.2, 0.4), (150, 0.1, 0.4), (150, 0.05, 0.4)])
    analyze(audio, words)
    loudness = [w["prosody"]["loudness_db"] for w in words]
    assert loudness == pytest.approx([0, 6.02, 0, -6.02], abs=0.3)


def test_pitch_is_in_semitones_relative_to_the_speakers_median_word():
    base = 150.0
    audio, words = tones(
        [
            (base, 0.1, 0.4),
            (base * 2 ** (2 / 12), 0.1, 0.4),
            (base * 2 ** (-3 / 12), 0.1, 0.4),
            (base, 0.1, 0.4),
            (base, 0.1, 0.4),
        ]
    )
    analyze(audio, words)
    assert [w["prosody"]["pitch_st"] for w in words] == pytest.approx([0, 2, -3, 0, 0], abs=0.3)


def test_a_word_without_voice_has_no_pitch_and_stretch_follows_duration():
    audio, words = tones([(150, 0.1, 0.4), (None, 0.1, 0.4), (150, 0.1, 0.4), (150, 0.1, 0.8)])
    analyze(audio, words)
    assert words[1]["prosody"]["pitch_st"] is None
    assert words[3]["prosody"]["stretch"] == pytest.approx(2.0, rel=0.05)
    assert words[0]["prosody"]["stretch"] == pytest.approx(1.0, rel=0.05)


def test_the_loud_high_long_word_is_the_most_emphasized():
    audio, words = tones(
        [(150, 0.1, 0.4), (150, 0.1, 0.4), (200, 0.3, 0.7), (150, 0.1, 0.4), (160, 0.1, 0.4)]
    )
    analyze(audio, words)
    emphasis = [w["emphasis"] for w in words]
    assert max(emphasis) == emphasis[2]
    assert all(0 <= e <= 1 for e in emphasis)


def test_no_audio_to_read_leaves_words_without_prosody():
    words = [{"text": "hi", "start": 0.0, "end": 0.05, "speaker": "A"}]
    assert analyze(np.zeros(RATE // 20, np.float32), words) is None
    assert "prosody" not in words[0]
    assert "emphasis" not in words[0]


def test_silence_gives_loudness_and_stretch_but_no_pitch():
    audio, words = tones([(None, 0.0, 0.4), (None, 0.0, 0.4)])
    assert analyze(audio, words) == 0
    assert all(w["prosody"]["pitch_st"] is None for w in words)


@pytest.mark.slow
def test_shouted_words_rank_highest_in_real_speech(tmp_path):
    """espeak-ng speech where two words are said louder, higher and slower, through the engine."""
    import subprocess

    from conftest import ffmpeg
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.whisperx_engine import engine_for

    parts = [
        ("we talk about the weather today and", []),
        ("never", ["-s", "110", "-a", "200", "-p", "80"]),
        ("stop doing that in the morning because it is", []),
        ("absolutely", ["-s", "110", "-a", "200", "-p", "80"]),
        ("wrong for everyone here", []),
    ]
    inputs = []
    for index, (text, shout) in enumerate(parts):
        part = tmp_path / f"part-{index}.wav"
        voice = ["espeak-ng", "-v", "en-us+m3", "-s", "160", "-a", "60", *shout]
        subprocess.run([*voice, "-w", str(part), text], check=True)
        inputs += ["-i", str(part)]
    speech = tmp_path / "speech.wav"
    graph = f"concat=n={len(parts)}:v=0:a=1,aresample=16000"
    ffmpeg(*inputs, "-filter_complex", graph, "-ac", "1", str(speech))
    result = engine_for().transcribe(speech, TranscribeOptions(), no_progress)
    assert result.transcript["engine"]["prosody"] == "yin"
    words = [w for s in result.transcript["segments"] for w in s["words"]]
    ranked = sorted(words, key=lambda w: -w["emphasis"])
    assert {w["text"].lower().strip(".,!") for w in ranked[:2]} == {"never", "absolutely"}
    assert all(not w["emphasis_set"] for w in words)
