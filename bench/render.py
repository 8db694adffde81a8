"""Benchmark: a full caption render versus the plain re-encode with the same encoder settings.

    .venv/bin/python bench/render.py [--seconds 60] [--preset pop] [--runs 2]
        [--shape 16:9|9:16] [--script latin|cjk] [--process]

Makes a 30 fps H.264 + AAC clip (1280x720, or 1080x1920 for 9:16) and a transcript of ~2.5
words/s (English, or Korean and Japanese for cjk; every 8th word shouted, every 13th a sum of
money, with prosody and emphasis as the analyser writes them), then times, in the same run and
interleaved,
(a) FFmpeg re-encoding the clip with the renderer's encoder settings and the audio copied, and
(b) `render_video` in this process, a warm worker: layout, Chromium painting and the FFmpeg
overlay and encode; Chromium is started before timing, as a worker keeps it between jobs. With
--process, also (c) the whole `manage.py render` command (Django and Chromium start included).
Before timing, it reports what the first render with new fonts costs a warm worker (the page
setup, where fonts load, of the first render against a later one).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")


SHAPES = {"16:9": "1280x720", "9:16": "1080x1920"}
LATIN = [
    "captions",
    "follow",
    "the",
    "voice",
    "closely",
    "and",
    "every",
    "word",
    "lands",
    "right",
    "on",
    "time",
    "while",
    "the",
    "speaker",
    "keeps",
    "talking",
    "about",
    "video",
    "editing",
    "tools",
]
CJK = [
    "자막이",
    "목소리를",
    "따라",
    "움직이고",
    "모든",
    "단어가",
    "제때",
    "나타납니다",
    "字幕は",
    "声に",
    "合わせて",
    "動き",
    "すべての",
    "言葉が",
    "時間通りに",
    "現れます",
]


def make_clip(path: Path, seconds: float, size: str) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={size}:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=220:sample_rate=48000",
            "-t",
            str(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "fast",
            "-crf",
            "20",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            str(path),
        ],
        check=True,
    )


def make_transcript(seconds: float, script: str) -> Any:
    from media.transcription.emphasis import score
    from media.transcription.schema import build_transcript

    vocabulary = CJK if script == "cjk" else LATIN
    words, t, index = [], 0.4, 0
    while t < seconds - 0.6:  # 2.5 words/s, a sentence every 10 words
        text = vocabulary[index % len(vocabulary)] + ("." if index % 10 == 9 else "")
        if index % 13 == 6:
            text = f"${index}"  # money and a number: tagged, coloured, bouncing in `expressive`
        length = 0.28 + 0.04 * (index % 3)
        shouted = index % 8 == 3  # said louder, higher, slower: drawn larger in `expressive`
        prosody = {
            "loudness_db": 9.0 if shouted else 0.5 * (index % 5) - 1.0,
            "pitch_st": 6.0 if shouted else 0.4 * (index % 4) - 0.6,
            "stretch": 1.8 if shouted else 0.9 + 0.05 * (index % 4),
        }
        words.append(
            {"text": text, "start": round(t, 3), "end": round(t + length, 3), "prosody": prosody}
        )
        t += 0.4
        index += 1
    score(words)  # emphasis from the prosody, as the analyser gives it
    return build_transcript(
        language="ko" if script == "cjk" else "en",
        duration=seconds,
        segments=[{"words": words}],
        engine={
            "name": "whisperx",
            "model": "base",
            "alignment": "whisper",
            "diarization": "none",
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--preset", default="pop")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="16:9")
    parser.add_argument("--script", choices=("latin", "cjk"), default="latin")
    parser.add_argument("--process", action="store_true", help="also time manage.py render")
    args = parser.parse_args()

    import django

    django.setup()
    from media.probe import probe
    from rendering.compose import EncoderSettings, ffmpeg_command
    from rendering.painter import browser_host
    from rendering.renderer import SourceInfo, render_video
    from rendering.scenario import validate_scenario

    workdir = Path(tempfile.mkdtemp(prefix="ecg-bench-render-"))
    clip = workdir / "clip.mp4"
    make_clip(clip, args.seconds, SHAPES[args.shape])
    transcript = make_transcript(args.seconds, args.script)
    transcript_file = workdir / "transcript.json"
    transcript_file.write_text(json.dumps(transcript))
    style_file = workdir / "style.json"
    words = sum(len(s["words"]) for s in transcript["segments"])
    info = probe(clip)
    source = SourceInfo(info.width, info.height, info.fps, info.duration, info.audio_codec)
    style = validate_scenario(
        {"preset": args.preset, "max_words_per_line": 5, "lines_per_caption": 1},
        None,
        source_height=info.height,
    )["style"]
    style_file.write_text(
        json.dumps({k: style[k] for k in ("max_words_per_line", "lines_per_caption")})
    )
    encoder = EncoderSettings.from_settings()
    browser_host()  # Chromium starts once per worker process, before any job

    def plain() -> float:
        command = ffmpeg_command(
            source=str(clip),
            output=workdir / "plain.mp4",
            width=info.width,
            height=info.height,
            source_height=info.height,
            audio_codec=info.audio_codec,
            overlay=None,
            encoder=encoder,
        )
        started = time.perf_counter()
        subprocess.run(command, check=True)
        return time.perf_counter() - started

    results = []

    def full() -> float:
        started = time.perf_counter()
        result = render_video(
            source=str(clip),
            info=source,
            transcript=transcript,
            style=style,
            output_height=None,
            output=workdir / "render.mp4",
            on_progress=lambda phase, fraction: None,
            encoder=encoder,
        )
        results.append(result)
        return time.perf_counter() - started

    def process() -> float:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "render",
                str(clip),
                "--transcript",
                str(transcript_file),
                "--preset",
                args.preset,
                "--style",
                str(style_file),
                "-o",
                str(workdir / "process.mp4"),
            ],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started

    full()  # the first render: fonts for this script load now
    full()
    first, later = results[0].timings["browser_setup"], results[1].timings["browser_setup"]
    print(f"page setup (layout, fonts): first render {first:.2f} s, later {later:.2f} s")
    plain_times, render_times, process_times = [], [], []
    for _ in range(args.runs):
        plain_times.append(plain())
        render_times.append(full())
        if args.process:
            process_times.append(process())
    p, r = statistics.median(plain_times), statistics.median(render_times)
    last = results[-1]
    print(
        f"clip: {info.duration:.0f} s {info.width}x{info.height} {info.fps:g} fps, "
        f"{words} {args.script} words; preset {args.preset} ({style['animation']}, highlight "
        f"{style['highlight_active']}); encoder {encoder.codec} {encoder.preset} "
        f"crf {encoder.crf}; {args.runs} runs"
    )
    print(f"plain re-encode : median {p:6.2f} s   runs {[round(t, 2) for t in plain_times]}")
    print(f"full render     : median {r:6.2f} s   runs {[round(t, 2) for t in render_times]}")
    print(f"ratio render / re-encode: {r / p:.2f}")
    if process_times:
        c = statistics.median(process_times)
        print(f"manage.py render: median {c:6.2f} s   runs {[round(t, 2) for t in process_times]}")
        print(f"ratio whole process / re-encode: {c / p:.2f}")
    print(
        f"states painted: {last.states_painted} for {last.frames} output frames "
        f"({last.samples} candidate times); painting {last.timings.get('painting', 0):.2f} s "
        f"(overlapped with encoding)"
    )
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {self_mb:.0f} MB, largest child (ffmpeg) {child_mb:.0f} MB")


if __name__ == "__main__":
    main()
