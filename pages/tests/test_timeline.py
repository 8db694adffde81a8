"""The timeline in a real Chromium: dragging a word's edge retimes it, dragging the word moves
it, dragging a caption line's bar or edges moves or retimes the line; each drop is saved and
undoable; clicking empty time seeks the video."""

import pytest

from media.models import TranscriptRevision
from media.tests.factories import sample_transcript
from pages.tests.browsing import open_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PX_PER_SECOND = 120  # the timeline's initial zoom, from 0 s at its left edge
WORDS_Y = 90  # the middle of the row of word blocks
LINES_Y = 67  # the middle of the row of caption lines


def saved(video, text):
    data = TranscriptRevision.objects.filter(video=video).latest("id").data
    return next(
        (w["start"], w["end"]) for s in data["segments"] for w in s["words"] if w["text"] == text
    )


def drag(page, from_t, to_t, y=WORDS_Y):
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + from_t * PX_PER_SECOND, box["y"] + y)
    page.mouse.down()
    for step in range(1, 6):
        t = from_t + (to_t - from_t) * step / 5
        page.mouse.move(box["x"] + t * PX_PER_SECOND, box["y"] + y)
    page.mouse.up()


def wait_saved(page):
    page.wait_for_timeout(1500)  # autosave is debounced
    page.wait_for_function(
        "document.querySelector('#save-state').textContent === 'All changes saved'"
    )


def test_a_creator_retimes_and_moves_words_by_dragging_on_the_timeline(
    page, media_root, sample_video
):
    video = open_editor(page, media_root, sample_video, "timeline@example.com")
    assert saved(video, "channel.") == (1.55, 2.1)

    drag(page, 2.1, 2.5)  # the end edge of "channel."
    assert page.input_value("#word-end") == "2.50"  # selected by the drag
    wait_saved(page)
    assert saved(video, "channel.") == (1.55, 2.5)

    drag(page, 3.15, 2.65)  # the middle of "Thanks": the whole word moves 0.5 s earlier
    wait_saved(page)
    assert saved(video, "Thanks") == (2.5, 2.8)

    page.click("#undo")
    page.click("#undo")
    wait_saved(page)
    assert saved(video, "Thanks") == (3.0, 3.3)
    assert saved(video, "channel.") == (1.55, 2.1)

    drag(page, 2.1, 3.4)  # past the next word's start: stops there
    wait_saved(page)
    assert saved(video, "channel.") == (1.55, 3.0)

    box = page.locator("#timeline").bounding_box()
    page.mouse.click(box["x"] + 0.25 * PX_PER_SECOND, box["y"] + WORDS_Y)  # no word: seek
    page.wait_for_function("Math.abs(document.getElementById('video').currentTime - 0.25) < 0.02")
    assert not page.console_errors, page.console_errors


def test_a_creator_moves_and_retimes_a_caption_line_on_the_timeline(page, media_root, sample_video):
    video = open_editor(page, media_root, sample_video, "lines@example.com")
    second_line = ["Thanks", "for", "having", "me."]
    before = [saved(video, text) for text in second_line]

    drag(page, 3.6, 4.1, y=LINES_Y)  # the line's bar: all its words 0.5 s later
    wait_saved(page)
    assert [saved(video, text) for text in second_line] == [
        (round(s + 0.5, 3), round(e + 0.5, 3)) for s, e in before
    ]
    assert saved(video, "channel.") == (1.55, 2.1)  # the line before stays

    drag(page, 3.5, 3.2, y=LINES_Y)  # its start edge: the first word starts earlier
    drag(page, 4.8, 5.1, y=LINES_Y)  # its end edge: the last word ends later
    wait_saved(page)
    assert saved(video, "Thanks") == (3.2, 3.8)
    assert saved(video, "me.") == (4.45, 5.1)
    assert saved(video, "having") == (4.05, 4.4)

    page.locator("button.word", has_text="having").click()  # from the keyboard: the whole line
    page.keyboard.press("Control+Shift+Alt+ArrowLeft")
    wait_saved(page)
    assert saved(video, "Thanks") == (3.15, 3.75)
    assert saved(video, "me.") == (4.4, 5.05)

    for _ in range(4):  # each drop and the key press: one step each
        page.click("#undo")
    wait_saved(page)
    assert [saved(video, text) for text in second_line] == before
    assert not page.console_errors, page.console_errors


BAR_PIXEL = """([x, y]) => { const c = document.getElementById('timeline');
    const r = c.width / c.clientWidth;
    return [...c.getContext('2d').getImageData(x * r, y * r, 1, 1).data].slice(0, 3); }"""


def bar_pixel(page, t):
    """The colour (r, g, b) of the caption line's bar at time t."""
    return tuple(page.evaluate(BAR_PIXEL, [t * PX_PER_SECOND, LINES_Y]))


def test_each_speakers_lines_have_their_own_colour_on_the_timeline(page, media_root, sample_video):
    open_editor(
        page,
        media_root,
        sample_video,
        "turns@example.com",
        transcript=sample_transcript(speakers=2),
    )
    page.wait_for_timeout(300)
    first, second = bar_pixel(page, 1.0), bar_pixel(page, 3.6)
    assert first != second  # Speaker 1's line, then Speaker 2's

    page.fill("input[aria-label='Caption color of Speaker 2']", "#ff0000")  # their captions' colour
    page.wait_for_function(
        f"(at) => {{ const [red, green] = ({BAR_PIXEL})(at); return red > 120 && green < 60; }}",
        arg=[3.6 * PX_PER_SECOND, LINES_Y],
    )
    assert bar_pixel(page, 1.0) == first
    assert not page.console_errors, page.console_errors


def wave_columns(page):
    """How many pixel columns of the waveform band have something drawn."""
    return page.evaluate(
        """() => { const c = document.getElementById('timeline'); const r = c.width / c.clientWidth;
        const data = c.getContext('2d').getImageData(0, 22 * r, c.width, 36 * r).data;
        const cols = new Set(); for (let i = 0; i < data.length; i += 4) {
          if (data[i] < 100 && data[i + 2] > 100) cols.add((i / 4) % c.width); }
        return cols.size; }"""
    )


def test_the_timeline_draws_the_waveform_made_by_the_transcription(
    page, media_root, sample_video, tmp_path
):
    from ecg import storage
    from media import selectors
    from media.transcription.audio import extract_audio
    from media.transcription.waveform import write_peaks

    video = open_editor(page, media_root, sample_video, "waveform@example.com", duration=3.0)
    assert wave_columns(page) == 0  # none yet: the timeline works without
    extract_audio(sample_video, tmp_path / "audio.wav")
    write_peaks(tmp_path / "audio.wav", tmp_path / "waveform.bin")
    storage.save_file(key=selectors.waveform_key(video.pk), path=tmp_path / "waveform.bin")
    page.reload()
    page.wait_for_selector("button.word")
    page.wait_for_function("document.getElementById('timeline').width > 0")
    page.wait_for_timeout(500)
    assert wave_columns(page) > 300  # 3 s of tone at 120 px a second
    assert not page.console_errors, page.console_errors
