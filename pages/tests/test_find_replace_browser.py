"""Find and replace in the editor, on speech whose transcript misheard a name three times and
heard "going to" as "gonna" twice: Ctrl+F finds them (a count, stepping selects and seeks to
each), replace all corrects every one in the case of what it replaces, words replaced by more
words are timed by the sound, and one undo puts everything back."""

from pathlib import Path

import pytest

from media.models import TranscriptRevision
from media.tests.speech import VOICES, conversation
from media.transcription import services
from media.transcription.schema import build_transcript
from pages.tests.browsing import SCREENSHOTS, speech_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SAID = ["so sheila called and sheila is going to come", "sheila is going to bring the cake"]
# What the recognizer wrote for each line: None where "going to" was heard as one word.
HEARD = [
    ["So", "Shayla", "called", "and", "shayla", "is", None, "come."],
    ["SHAYLA", "is", None, "bring", "the", "cake."],
]


def misheard(truth):
    """The transcript of SAID as HEARD: "gonna" over the span of "going to"."""
    words = iter(truth)
    segments = []
    for line in HEARD:
        heard = []
        for text in line:
            word = next(words)
            if text is None:
                to = next(words)
                heard.append({"text": "gonna", "start": word.start, "end": to.end})
            else:
                heard.append({"text": text, "start": word.start, "end": word.end})
        segments.append({"words": [{**w, "score": 0.5} for w in heard]})
    return build_transcript(
        language="en",
        duration=truth[-1].end + 0.6,
        engine={"name": "whisperx", "model": "base", "alignment": "whisper", "diarization": "none"},
        segments=segments,
    )


def open_misheard(page, media_root, tmp_path, email):
    """A creator (with "Sheila" in their vocabulary) and their video of SAID, its transcript
    misheard, open in the editor."""
    speech = conversation(tmp_path / "said.wav", [VOICES["female"]], script=SAID, seed=5)
    video = speech_editor(page, media_root, tmp_path, email, speech, misheard(speech.words))
    services.vocabulary_set(owner=video.owner, terms=["Sheila", "Moncton"])  # read on opening find
    return video, speech


def shot(page, name):
    """The editor's main column down to the transcript's end, as docs/screenshots/<name>.png
    (when ECG_SCREENSHOTS_DIR is set): the column itself runs on as tall as the side panel."""
    if not SCREENSHOTS:
        return
    clip = page.evaluate(
        """() => {
          const column = document.querySelector('.editor-main').getBoundingClientRect();
          const end = document.getElementById('transcript').getBoundingClientRect().bottom;
          return { x: column.x + scrollX, y: column.y + scrollY, width: column.width,
                   height: end - column.y };
        }"""
    )
    page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), clip=clip, full_page=True)


def words(page):
    return page.locator("#transcript button.word").all_inner_texts()


def saved_texts(page, video):
    page.wait_for_function(
        "document.getElementById('save-state').textContent === 'All changes saved'"
    )
    data = TranscriptRevision.objects.filter(video=video).latest("id").data
    return [[w["text"] for w in segment["words"]] for segment in data["segments"]]


def count(page, text):
    page.wait_for_function(f"document.getElementById('find-count').textContent === '{text}'")


def test_a_misheard_name_is_found_replaced_everywhere_and_undone_in_one_step(
    page, media_root, tmp_path
):
    video, speech = open_misheard(page, media_root, tmp_path, "find@example.com")
    before = words(page)
    page.locator("#transcript button.word").first.click()
    page.keyboard.press("Control+f")
    assert page.locator("#find-panel").is_visible()
    assert page.evaluate("document.activeElement.id") == "find-text"
    page.fill("#find-text", "")
    page.keyboard.type("shayla")
    count(page, "1 of 3")
    assert page.locator("button.word.found").all_inner_texts() == ["Shayla", "shayla", "SHAYLA"]
    assert page.locator("button.word.found-current").inner_text() == "Shayla"

    page.keyboard.press("Enter")  # the next: selected, and the video sought to it
    count(page, "2 of 3")
    assert page.locator("button.word.selected").inner_text() == "shayla"
    assert page.evaluate("document.getElementById('video').currentTime") == pytest.approx(
        speech.words[4].start, abs=0.01
    )
    page.keyboard.press("Enter")
    count(page, "3 of 3")
    page.keyboard.press("Shift+Enter")
    count(page, "2 of 3")
    page.uncheck("#find-whole")  # part of a word: "ll" of "called"
    page.fill("#find-text", "ll")
    count(page, "1 of 1")
    page.check("#find-whole")
    count(page, "No matches")
    page.fill("#find-text", "shayla")
    count(page, "2 of 3")

    suggestions = page.locator("#replace-suggestions option")
    suggestions.first.wait_for(state="attached")
    assert [o.get_attribute("value") for o in suggestions.all()] == ["Sheila", "Moncton"]
    page.fill("#replace-text", "Sheila")
    shot(page, "editor-find-replace")
    page.click("#replace-all")
    count(page, "No matches")
    assert page.locator("#find-message").inner_text().startswith("Replaced 3.")
    after = words(page)
    assert [after[i] for i in (1, 4, 8)] == ["Sheila", "Sheila", "SHEILA"]  # shouted stays so
    assert saved_texts(page, video) == [
        ["So", "Sheila", "called", "and", "Sheila", "is", "gonna", "come."],
        ["SHEILA", "is", "gonna", "bring", "the", "cake."],
    ]

    page.keyboard.press("Control+z")  # one step puts all three back
    page.wait_for_selector("button.word:text-is('SHAYLA')")
    assert words(page) == before
    assert saved_texts(page, video)[0][:5] == ["So", "Shayla", "called", "and", "shayla"]
    count(page, "2 of 3")  # found again after the undo, from the selected word

    page.keyboard.press("Escape")
    assert page.locator("#find-panel").is_hidden()
    assert page.locator("button.word.found").count() == 0
    assert not page.console_errors


def test_a_word_replaced_by_two_is_timed_by_the_sound_and_undone_in_one_step(
    page, media_root, tmp_path
):
    video, speech = open_misheard(page, media_root, tmp_path, "gonna@example.com")
    page.click("#find-open")
    page.fill("#find-text", "gonna")
    count(page, "1 of 2")
    page.fill("#replace-text", "going to")
    page.click("#replace-one")  # the first alone, then the second is current
    page.wait_for_selector("button.word:text-is('going')")
    count(page, "1 of 1")
    assert page.locator("button.word.found-current").inner_text() == "gonna"
    page.click("#replace-all")
    count(page, "No matches")

    chips = page.locator("#transcript button.word")
    texts = chips.all_inner_texts()
    starts = [float(s) for s in chips.evaluate_all("cs => cs.map(c => c.dataset.start)")]
    said = [w.start for w in speech.words]
    sound_error = length_error = 0.0
    for first in (6, 11):  # "going" "to" of each line, where each was said
        assert texts[first : first + 2] == ["going", "to"]
        assert starts[first : first + 2] == pytest.approx(said[first : first + 2], abs=0.06)
        going, to = speech.words[first], speech.words[first + 1]
        by_length = going.start + (to.end - going.start) * 6 / 9  # "going " then "to "
        sound_error += abs(starts[first + 1] - to.start)
        length_error += abs(by_length - to.start)
    assert sound_error < length_error  # closer than sharing the span by the words' lengths
    assert saved_texts(page, video)[1][:4] == ["SHAYLA", "is", "going", "to"]

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "editor-find-replace-phone")
    panel = page.locator("#find-panel").bounding_box()
    assert panel["x"] >= 0  # fits a phone's width
    assert panel["x"] + panel["width"] <= 390

    page.keyboard.press("Control+z")  # the replace all: the second line's "gonna" is back
    page.wait_for_function(
        "[...document.querySelectorAll('#transcript button.word')]"
        ".filter(c => c.textContent === 'gonna').length === 1"
    )
    page.keyboard.press("Control+z")  # the replace one
    page.wait_for_function(
        "[...document.querySelectorAll('#transcript button.word')]"
        ".filter(c => c.textContent === 'gonna').length === 2"
    )
    assert saved_texts(page, video)[0][6] == "gonna"
    assert not page.console_errors
