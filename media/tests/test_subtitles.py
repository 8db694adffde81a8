"""SRT and WebVTT exports, parsed back and checked."""

import itertools
import re

from media.tests.factories import sample_transcript
from media.transcription.schema import build_transcript
from media.transcription.subtitles import build_cues, to_srt, to_vtt

TIME = r"(\d\d):(\d\d):(\d\d)[,.](\d\d\d)"


def seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = map(int, match)
    return h * 3600 + m * 60 + s + ms / 1000


def parse(text: str, separator: str) -> list[tuple[float, float, list[str]]]:
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        start, end = re.findall(TIME, lines[timing])
        assert separator in lines[timing]
        cues.append((seconds(start), seconds(end), lines[timing + 1 :]))
    return cues


def long_transcript() -> dict:
    words = [
        {"text": f"word{i}{'.' if i % 9 == 8 else ''}", "start": i * 0.4, "end": i * 0.4 + 0.3}
        for i in range(60)
    ]
    return build_transcript(
        language="en",
        duration=30.0,
        engine={
            "name": "whisperx",
            "model": "tiny.en",
            "alignment": "whisper",
            "diarization": "none",
        },
        segments=[{"words": words}],
    )


def test_srt_round_trips_every_word_in_order_with_numbered_cues():
    transcript = long_transcript()
    srt = to_srt(transcript)
    blocks = srt.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [str(i) for i in range(1, len(blocks) + 1)]
    cues = parse(srt, ",")
    words = " ".join(" ".join(lines) for _, _, lines in cues).split()
    assert words == [w["text"] for w in transcript["segments"][0]["words"]]
    for (start, end, _), (next_start, _, _) in itertools.pairwise(cues):
        assert start < end <= next_start


def test_cues_are_short_enough_to_read():
    for cue in build_cues(long_transcript()):
        assert len(cue.lines) <= 2
        assert all(len(line) <= 42 for line in cue.lines)
        assert cue.end - cue.start <= 6.0 + 1e-6


def test_a_change_of_speaker_starts_a_new_cue_and_vtt_names_the_voice():
    transcript = sample_transcript(speakers=2)
    vtt = to_vtt(transcript)
    assert vtt.startswith("WEBVTT\n")
    cues = parse(vtt.removeprefix("WEBVTT\n"), ".")
    assert cues[0][2][0].startswith("<v Speaker 1>Welcome")
    assert cues[1][2][0].startswith("<v Speaker 2>Thanks")
    assert cues[0][1] <= cues[1][0]


def test_vtt_escapes_markup_in_words():
    transcript = sample_transcript()
    transcript["segments"][0]["words"][0]["text"] = "<b>&"
    assert "&lt;b&gt;&amp;" in to_vtt(transcript)


def test_an_empty_transcript_gives_empty_files():
    empty = build_transcript(
        language="en",
        duration=3.0,
        engine={"name": "whisperx", "model": "m", "alignment": "none", "diarization": "none"},
        segments=[],
    )
    assert to_srt(empty) == ""
    assert to_vtt(empty) == "WEBVTT\n"


def scripted(language: str, words: list[str]) -> dict:
    return build_transcript(
        language=language,
        duration=20.0,
        engine={"name": "whisperx", "model": "base", "alignment": "whisper", "diarization": "none"},
        segments=[
            {
                "words": [
                    {"text": w, "start": i * 0.5, "end": i * 0.5 + 0.4} for i, w in enumerate(words)
                ]
            }
        ],
    )


def test_right_to_left_lines_start_with_a_right_to_left_mark():
    transcript = scripted("ar", ["مرحبا", "بكم", "في", "قناتنا", "اليوم!"])
    srt = parse(to_srt(transcript), ",")
    vtt = parse(to_vtt(transcript).removeprefix("WEBVTT\n\n"), ".")
    for cues in (srt, vtt):
        cue_lines = [line for _, _, lines in cues for line in lines]
        assert cue_lines
        assert all(line.startswith("\u200f") for line in cue_lines)
    assert "\u200f" not in to_srt(scripted("en", ["Hello", "world!"]))


def test_japanese_words_join_without_spaces_in_shorter_lines():
    words = ["今日は", "いい", "天気", "ですね。", "東京タワーに", "行きましょう。"] * 3
    cues = parse(to_srt(scripted("ja", words)), ",")
    text = "".join(line for _, _, lines in cues for line in lines)
    assert text == "".join(words)
    assert all(len(line) <= 21 for _, _, lines in cues for line in lines)


def test_srt_strips_markup_players_would_read_and_keeps_the_text_readable():
    transcript = scripted(
        "en", ["<b>Hello</b>", "<font", 'color="red">big</font>', "{\\an8}world,", "a", "<", "b!"]
    )
    lines = [line for _, _, cue in parse(to_srt(transcript), ",") for line in cue]
    assert " ".join(lines) == "Hello big world, a < b!"


def test_a_cue_of_markup_only_is_left_out_and_the_rest_renumbered():
    transcript = scripted("en", ["First.", "<i>", "</i>", "Last."])
    transcript["segments"][0]["words"][1]["start"] = 3.0  # a pause: the tags make a cue alone
    transcript["segments"][0]["words"][1]["end"] = 3.2
    transcript["segments"][0]["words"][2]["start"] = 3.3
    transcript["segments"][0]["words"][2]["end"] = 3.5
    transcript["segments"][0]["words"][3]["start"] = 6.0
    transcript["segments"][0]["words"][3]["end"] = 6.5
    blocks = to_srt(transcript).strip().split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["1", "2"]
    assert [block.splitlines()[2] for block in blocks] == ["First.", "Last."]


def test_a_line_break_inside_a_word_cannot_end_a_cue():
    transcript = scripted("en", ["one\n\n99\n00:00:00,000", "two"])
    for text, separator in ((to_srt(transcript), ","), (to_vtt(transcript), ".")):
        cues = parse(text.removeprefix("WEBVTT\n\n"), separator)
        assert len(cues) == 1
        assert cues[0][2] == ["one 99 00:00:00,000 two"]
