"""In the editor, a word the recognizer heard as one ("Needs") retyped as the words said
("Neither did I."), or a run of words selected and retyped: the typed words are timed by the
sound, where they were said, and the words around them keep their times."""

import pytest

from media.models import TranscriptRevision
from media.tests.speech import VOICES, conversation
from media.transcription.schema import build_transcript
from pages.tests.browsing import speech_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SAID = "so neither did I right"
TYPED = ["Neither", "did", "I."]


def heard_as_one(truth):
    """The transcript of `truth` with "neither did I" heard as one word over their span."""
    so, neither, _did, i, right = truth
    words = [
        {"text": "So", "start": so.start, "end": so.end},
        {"text": "Needs", "start": neither.start, "end": i.end},
        {"text": "right.", "start": right.start, "end": right.end},
    ]
    return build_transcript(
        language="en",
        duration=truth[-1].end + 0.6,
        engine={"name": "whisperx", "model": "base", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": [{**w, "score": 0.4} for w in words]}],
    )


def open_heard_as_one(page, media_root, tmp_path, email):
    """A creator's video of SAID, its transcript heard as one word, open in the editor."""
    speech = conversation(tmp_path / "said.wav", [VOICES["male"]], script=[SAID], seed=3)
    transcript = heard_as_one(speech.words)
    return speech_editor(page, media_root, tmp_path, email, speech, transcript), speech


def chip_starts(page, texts):
    return [
        float(page.locator(f"button.word:text-is('{text}')").get_attribute("data-start"))
        for text in texts
    ]


def saved_words(page, video):
    page.wait_for_function(
        "document.getElementById('save-state').textContent === 'All changes saved'"
    )
    return TranscriptRevision.objects.filter(video=video).latest("id").data["segments"][0]["words"]


def test_a_word_retyped_as_three_is_timed_where_each_was_said(page, media_root, tmp_path):
    video, speech = open_heard_as_one(page, media_root, tmp_path, "retype@example.com")
    page.locator("button.word", has_text="Needs").dblclick()
    page.fill("input.word-input", " ".join(TYPED))
    page.press("input.word-input", "Enter")
    page.wait_for_selector("button.word:text-is('I.')")
    starts = chip_starts(page, TYPED)
    truth = [w.start for w in speech.words[1:4]]
    assert starts == pytest.approx(truth, abs=0.05)
    heard = speech.words[1].start, speech.words[3].end
    even = [heard[0] + k * (heard[1] - heard[0]) / 3 for k in range(3)]
    assert max(abs(a - b) for a, b in zip(starts, truth, strict=True)) < max(
        abs(a - b) for a, b in zip(even, truth, strict=True)
    )  # closer than the even split the editor made before

    words = saved_words(page, video)
    assert [w["text"] for w in words] == ["So", *TYPED, "right."]
    assert [w["start"] for w in words[1:4]] == starts
    assert words[0]["end"] == round(speech.words[0].end, 3)  # the neighbours keep their times
    assert words[-1]["start"] == round(speech.words[-1].start, 3)
    assert not page.console_errors


def test_a_selected_run_retyped_is_timed_over_the_run_by_the_sound(page, media_root, tmp_path):
    video, speech = open_heard_as_one(page, media_root, tmp_path, "run@example.com")
    page.locator("button.word", has_text="So").click()
    page.locator("button.word", has_text="Needs").click(modifiers=["Shift"])
    assert page.locator("button.word.selected").count() == 2
    page.keyboard.press("Enter")  # edits the run: "So Needs"
    assert page.input_value("input.word-input") == "So Needs"
    page.fill("input.word-input", "So neither did I.")
    page.press("input.word-input", "Enter")
    page.wait_for_selector("button.word:text-is('neither')")
    texts = ["So", "neither", "did", "I."]
    assert chip_starts(page, texts) == pytest.approx([w.start for w in speech.words[:4]], abs=0.05)
    words = saved_words(page, video)
    assert [w["text"] for w in words] == [*texts, "right."]
    assert words[-1]["start"] == round(speech.words[-1].start, 3)
    page.keyboard.press("Control+z")  # one step undoes the whole retyping
    page.wait_for_selector("button.word:text-is('Needs')")
    assert page.locator("button.word").all_inner_texts() == ["So", "Needs", "right."]
    assert not page.console_errors
