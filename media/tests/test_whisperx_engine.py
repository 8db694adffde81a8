"""The real WhisperX engine on CPU with the shipped multilingual base model, on speech made by
espeak-ng: English, German and Spanish."""

import itertools
import re
import subprocess

import pandas as pd
import pytest

from media.transcription.engine import TranscribeOptions, no_progress
from media.transcription.schema import validate_transcript
from media.transcription.turns import assign_speakers
from media.transcription.whisperx_engine import (
    config_from_settings,
    engine_for,
    pyannote_turns,
)

pytestmark = pytest.mark.slow


def transcript_words(transcript):
    return [word for segment in transcript["segments"] for word in segment["words"]]


def words_of(transcript):
    return [re.sub(r"[^a-z']", "", w["text"].lower()) for w in transcript_words(transcript)]


def assert_timing_invariants(transcript):
    validate_transcript(transcript)
    words = transcript_words(transcript)
    assert words, "no words recognized"
    for before, after in itertools.pairwise(words):
        assert before["start"] <= before["end"] <= after["start"] <= after["end"]
    assert words[0]["start"] >= 0
    assert words[-1]["end"] <= transcript["duration"]


def test_default_path_recognizes_the_words_with_whisper_word_times(speech):
    phases = []
    result = engine_for().transcribe(
        speech["path"],
        TranscribeOptions(),
        lambda phase, fraction: phases.append((phase, fraction)),
    )
    transcript = result.transcript
    assert transcript["engine"] == {
        "name": "whisperx",
        "model": "base",
        "alignment": "whisper+energy",
        "diarization": "resemblyzer",
        "prosody": "yin",
    }
    assert transcript["language"] == "en"
    assert transcript["duration"] == pytest.approx(speech["second_starts"] + 4.4, abs=1.5)
    recognized = words_of(transcript)
    for key in ("welcome", "channel", "captions", "video", "thanks", "weather", "london"):
        assert key in recognized
    assert_timing_invariants(transcript)
    thanks = next(w for w in transcript_words(transcript) if "thanks" in w["text"].lower())
    assert thanks["start"] == pytest.approx(speech["second_starts"], abs=0.6)
    assert ("transcribing", pytest.approx(1.0, abs=0.1)) in phases
    assert [p for p, _ in phases][-2:] == ["diarizing", "analyzing"]
    assert any("alignment" in warning for warning in result.warnings)
    speakers = {w["text"].lower().strip(".,"): w["speaker"] for w in transcript_words(transcript)}
    assert len(transcript["speakers"]) == 2
    assert speakers["welcome"] != speakers["london"]


def test_alignment_path_runs_wav2vec2_from_a_local_directory(speech, tiny_align_model):
    engine = engine_for(config_from_settings(align_model=str(tiny_align_model)))
    phases = set()
    result = engine.transcribe(
        speech["path"], TranscribeOptions(), lambda phase, fraction: phases.add(phase)
    )
    assert result.transcript["engine"]["alignment"] == "wav2vec2"
    assert {"transcribing", "aligning"} <= phases
    assert "london" in words_of(result.transcript)
    assert_timing_invariants(result.transcript)


def test_the_alignment_path_takes_a_jobs_words_and_leaves_none_to_the_next_job(
    speech, tiny_align_model
):
    engine = engine_for(config_from_settings(align_model=str(tiny_align_model)))
    terms = tuple(f"Channel{n:03d} Studio Name" for n in range(100))  # far over 100 tokens
    result = engine.transcribe(
        speech["path"], TranscribeOptions(diarize=False, vocabulary=terms), no_progress
    )
    given = result.transcript["engine"]["vocabulary"]
    assert 0 < len(given) < len(terms)
    assert given == list(terms[: len(given)])  # cut at a whole term, the first ones kept
    assert any("vocabulary was cut" in warning for warning in result.warnings)
    assert "london" in words_of(result.transcript)

    after = engine.transcribe(speech["path"], TranscribeOptions(diarize=False), no_progress)
    assert "vocabulary" not in after.transcript["engine"]
    assert engine._pipeline(engine.config.model).options.hotwords is None


def test_an_unloadable_alignment_model_degrades_to_whisper_times(speech, tmp_path):
    engine = engine_for(config_from_settings(align_model=str(tmp_path / "missing")))
    result = engine.transcribe(speech["path"], TranscribeOptions(diarize=False), no_progress)
    assert result.transcript["engine"]["alignment"] == "whisper+energy"
    assert any("unavailable" in warning for warning in result.warnings)


def test_an_unloadable_pyannote_pipeline_degrades_to_resemblyzer(speech, tmp_path):
    engine = engine_for(config_from_settings(diarization_model=str(tmp_path / "no-pipeline")))
    result = engine.transcribe(speech["path"], TranscribeOptions(), no_progress)
    assert result.transcript["engine"]["diarization"] == "resemblyzer"
    assert any("pyannote pipeline" in warning for warning in result.warnings)
    assert len(result.transcript["speakers"]) == 2


def test_diarization_can_be_turned_off(speech):
    engine = engine_for(config_from_settings(diarization_model="none"))
    result = engine.transcribe(speech["path"], TranscribeOptions(), no_progress)
    assert result.transcript["engine"]["diarization"] == "none"
    assert [s["id"] for s in result.transcript["speakers"]] == ["SPEAKER_00"]


def test_a_pyannote_table_gives_each_word_the_speaker_covering_most_of_it(speech):
    result = engine_for().transcribe(speech["path"], TranscribeOptions(diarize=False), no_progress)
    split = speech["second_starts"] - 0.4
    table = pd.DataFrame(
        [
            {"start": 0.0, "end": split, "speaker": "SPEAKER_00"},
            {"start": split, "end": 60.0, "speaker": "SPEAKER_01"},
        ]
    )
    segments = assign_speakers(
        [
            {
                "start": s["start"],
                "end": s["end"],
                "text": s["text"],
                "words": [
                    {"word": w["text"], "start": w["start"], "end": w["end"]} for w in s["words"]
                ],
            }
            for s in result.transcript["segments"]
        ],
        pyannote_turns(table),
    )
    speakers = {w["word"].lower().strip(".,"): w["speaker"] for s in segments for w in s["words"]}
    assert all(len({w["speaker"] for w in s["words"]}) == 1 for s in segments)
    assert speakers["welcome"] == "SPEAKER_00"
    assert speakers["london"] == "SPEAKER_01"


def test_silence_gives_an_empty_transcript(media_dir):
    from conftest import ffmpeg

    silence = media_dir / "silence.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "5", str(silence))
    transcript = engine_for().transcribe(silence, TranscribeOptions(), no_progress).transcript
    assert transcript["segments"] == []
    assert transcript["duration"] == pytest.approx(5.0, abs=0.1)
    validate_transcript(transcript)


SPEECH_IN = {
    "de": (
        "Guten Morgen und willkommen zurück. Heute sprechen wir über das Wetter in Berlin "
        "und die Preise für Kaffee.",
        ("morgen", "heute", "sprechen", "berlin", "preise", "kaffee"),
    ),
    "es": (
        "Buenos días y bienvenidos de nuevo. Hoy hablamos del tiempo en Madrid y del precio "
        "del café por la mañana.",
        ("buenos", "bienvenidos", "madrid", "café", "mañana"),
    ),
}


@pytest.fixture(scope="module", params=sorted(SPEECH_IN))
def foreign_speech(request, media_dir):
    language = request.param
    path = media_dir / f"speech-{language}.wav"
    subprocess.run(
        ["espeak-ng", "-v", language, "-s", "150", "-w", str(path), SPEECH_IN[language][0]],
        check=True,
    )
    return language, path


def test_the_default_model_detects_german_and_spanish_and_hears_the_words(foreign_speech):
    language, path = foreign_speech
    result = engine_for().transcribe(path, TranscribeOptions(diarize=False), no_progress)
    transcript = result.transcript
    assert transcript["language"] == language
    heard = " ".join(w["text"].lower() for w in transcript_words(transcript))
    for key in SPEECH_IN[language][1]:
        assert key in heard, (key, heard)
    assert_timing_invariants(transcript)


def test_a_forced_language_is_used_as_given(foreign_speech):
    language, path = foreign_speech
    result = engine_for().transcribe(
        path, TranscribeOptions(language=language, diarize=False), no_progress
    )
    assert result.transcript["language"] == language
