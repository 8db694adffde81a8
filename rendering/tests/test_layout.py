"""Layout: words into lines and captions, and the times worth painting."""

import pytest

from media.transcription.schema import build_transcript
from rendering.breaks import Limits, break_captions
from rendering.layout import (
    caption_model,
    sample_times,
    timeline,
    transcript_words,
)
from rendering.scenario import preset_style


def transcript(words, duration=20.0, speakers=None):
    """words: [(text, start, end)]; speakers: optional speaker per word."""
    segments = [
        {
            "words": [
                {
                    "text": t,
                    "start": s,
                    "end": e,
                    "speaker": (speakers[i] if speakers else "SPEAKER_00"),
                }
                for i, (t, s, e) in enumerate(words)
            ]
        }
    ]
    return build_transcript(
        language="en",
        duration=duration,
        engine={"name": "x", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=segments,
    )


def steady(n, start=0.5, step=0.4):
    return [
        (f"w{i}", round(start + i * step, 3), round(start + i * step + 0.3, 3)) for i in range(n)
    ]


def lines_of(words, max_words, max_chars, lines_per_caption=1):
    style = {
        **preset_style("classic"),
        "max_words_per_line": max_words,
        "max_chars_per_line": max_chars,
        "lines_per_caption": lines_per_caption,
    }
    return [line for caption in break_captions(words, Limits.of(style)) for line in caption]


def test_lines_respect_the_word_and_character_limits():
    words = transcript_words(transcript(steady(12)))
    lines = lines_of(words, max_words=5, max_chars=100)
    assert max(len(line) for line in lines) <= 5
    assert sum(len(line) for line in lines) == 12
    long_words = transcript_words(
        transcript([("internationalization", 0, 0.5), ("is", 0.6, 0.7), ("long", 0.8, 0.9)])
    )
    assert [len(line) for line in lines_of(long_words, 5, max_chars=22)] == [1, 2]


def test_captions_end_at_pauses_and_speaker_changes():
    words = transcript_words(
        transcript(
            [
                ("Hi", 0.0, 0.3),
                ("again.", 0.4, 0.6),
                ("after", 2.0, 2.2),
                ("you", 2.3, 2.5),
                ("me", 2.6, 2.8),
            ],
            speakers=["A", "A", "A", "A", "B"],
        )
    )
    lines = lines_of(words, max_words=5, max_chars=40)
    assert [[w.text for w in line] for line in lines] == [
        ["Hi", "again."],
        ["after", "you"],
        ["me"],
    ]


def test_captions_group_lines_and_hold_briefly_after_the_last_word():
    style = {**preset_style("classic"), "max_words_per_line": 3, "lines_per_caption": 2}
    model = caption_model(transcript([*steady(8), ("late", 10.0, 10.4)]), style)
    captions = model["captions"]
    assert [sum(len(line) for line in c["lines"]) for c in captions] == [6, 2, 1]
    assert captions[0]["end"] == captions[1]["start"]  # back to back: no gap, no overlap
    assert captions[1]["end"] == pytest.approx(0.5 + 7 * 0.4 + 0.3 + 0.6)  # hold after speech
    assert captions[2]["end"] == pytest.approx(10.4 + 0.6)


def test_static_styles_sample_only_at_boundaries():
    style = {**preset_style("classic"), "animation": "none"}
    model = caption_model(transcript(steady(4)), style)
    samples = sample_times(model, style, fps=30)
    starts = [w["start"] for line in model["captions"][0]["lines"] for w in line]
    assert set(starts) <= set(samples)
    assert len(samples) == len(starts) + 1  # each word start and the caption's end


def test_pop_samples_every_frame_while_a_word_pops():
    style = {**preset_style("pop"), "animation_ms": 100}
    model = caption_model(transcript([("one", 1.0, 1.5)]), style)
    samples = sample_times(model, style, fps=30)
    # 1.0 (start), frames at 1.0..1.0667 inside the pop, 1.1 (pop done), the caption end
    assert samples == pytest.approx([1.0, 1.0333, 1.0667, 1.1, 2.1], abs=1e-3)


def test_timeline_maps_each_frame_to_the_last_sample_before_it():
    frames = timeline([0.5, 1.0, 2.0], fps=2, frame_count=6)
    assert frames.frame_sample == [-1, 0, 1, 1, 2, 2]
    assert frames.used_samples() == [0, 1, 2]


def test_speaker_colours_come_from_the_transcript_unless_the_style_sets_one():
    from media.tests.factories import sample_transcript
    from rendering.layout import with_speaker_colors

    transcript = sample_transcript(speakers=2)
    transcript["speakers"][0]["color"] = "#FFD84D"
    transcript["speakers"][1]["color"] = "#33CCFF"
    style = {"text_color": "#FFFFFF", "speaker_colors": {"SPEAKER_01": "#FF0000"}}
    assert with_speaker_colors(style, transcript)["speaker_colors"] == {
        "SPEAKER_00": "#FFD84D",
        "SPEAKER_01": "#FF0000",
    }
    plain = sample_transcript(speakers=2)
    assert with_speaker_colors(style, plain) is style
