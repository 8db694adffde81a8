"""Caption breaks on real speech (WhisperX on Debian's recordings) and as the export draws them
(`manage.py render --captions-json`): no lone words that no pause isolates, no split names."""

import json

import pytest
from django.core.management import call_command

from conftest import make_clip
from media.tests import real_speech
from media.transcription.engine import TranscribeOptions, no_progress
from media.transcription.whisperx_engine import engine_for
from rendering.layout import caption_model
from rendering.scenario import preset_style
from rendering.tests.test_breaks import STORY, lone_words, one_line_with, split_names, spoken

pytestmark = pytest.mark.slow
RECORDINGS = {
    # 112 s of a radio amateur: places (New Brunswick, Nova Scotia), call signs, "five watts"
    "monologue": real_speech.VOICES["ve9qrp"].pieces[0].path,
    # Harvard sentences read in turn by a man and a woman
    "harvard": real_speech.HARVARD,
}


@pytest.fixture(scope="module")
def story_clip(media_dir):
    return make_clip(
        media_dir / "story.mp4",
        picture="color=c=0x203040:size=640x360:rate=25",
        audio="sine=frequency=330:sample_rate=44100",
        seconds=14,
    )


@pytest.mark.parametrize("preset", ["classic", "pop"])
def test_the_captions_as_drawn_keep_names_and_units_whole_with_no_orphans(
    story_clip, tmp_path, preset
):
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps(spoken(STORY, pauses={7: 0.6, 21: 0.6})))
    captions_json = tmp_path / "captions.json"
    call_command(
        "render",
        str(story_clip),
        "--transcript",
        str(transcript),
        "--preset",
        preset,
        "-o",
        str(tmp_path / "out.mp4"),
        "--captions-json",
        str(captions_json),
    )
    captions = json.loads(captions_json.read_text())["captions"]
    drawn = [w["text"] for c in captions for line in c["lines"] for w in line]
    assert drawn == STORY.split()  # every word, in order, each with its times
    assert all({"start", "end"} <= set(w) for c in captions for line in c["lines"] for w in line)
    assert lone_words(captions) == []
    assert split_names(captions) == []
    for phrase in ("New Jersey.", "5 dollars", "3 hours,", "Mary Anne"):
        assert one_line_with(captions, phrase), (phrase, captions)


@pytest.fixture(scope="module")
def real_transcripts():
    real_speech.require()
    engine = engine_for()
    options = TranscribeOptions(language="en", diarize=False)
    return {
        name: engine.transcribe(path, options, no_progress).transcript
        for name, path in RECORDINGS.items()
    }


@pytest.mark.parametrize("recording", sorted(RECORDINGS))
@pytest.mark.parametrize("preset", ["classic", "pop", "headline"])
def test_real_speech_has_no_lone_words_without_a_pause_and_no_split_names(
    real_transcripts, recording, preset
):
    transcript = real_transcripts[recording]
    captions = caption_model(transcript, preset_style(preset))["captions"]
    said = [w["text"] for s in transcript["segments"] for w in s["words"]]
    assert [w["text"] for c in captions for line in c["lines"] for w in line] == said
    assert lone_words(captions) == []
    assert split_names(captions) == []
    if recording == "monologue":
        for place in ("New Brunswick", "Nova Scotia"):
            assert one_line_with(captions, place), place
