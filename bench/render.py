"""Benchmark: a full caption render versus the plain re-encode with the same encoder settings.

    .venv/bin/python bench/render.py [--seconds 60] [--preset pop] [--runs 2]

Makes a 1280x720 30 fps H.264 + AAC clip and a transcript of ~2.5 words/s, then times, in the
same run and interleaved, (a) FFmpeg re-encoding the clip with the renderer's encoder settings
and the audio copied, and (b) `render_video` with a word-highlight + pop-in preset: layout,
Chromium painting and the FFmpeg overlay and encode. Chromium is started before timing (a
worker keeps it running between jobs).
"""

from __future__ import annotations

import argparse
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


def make_clip(path: Path, seconds: float) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30",
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


def make_transcript(seconds: float) -> Any:
    from media.transcription.schema import build_transcript

    vocabulary = [
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
    words, t, index = [], 0.4, 0
    while t < seconds - 0.6:  # 2.5 words/s, a sentence every 10 words
        text = vocabulary[index % len(vocabulary)] + ("." if index % 10 == 9 else "")
        length = 0.28 + 0.04 * (index % 3)
        words.append({"text": text, "start": round(t, 3), "end": round(t + length, 3)})
        t += 0.4
        index += 1
    return build_transcript(
        language="en",
        duration=seconds,
        segments=[{"words": words}],
        engine={
            "name": "whisperx",
            "model": "tiny.en",
            "alignment": "whisper",
            "diarization": "none",
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--preset", default="pop")
    parser.add_argument("--runs", type=int, default=2)
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
    make_clip(clip, args.seconds)
    transcript = make_transcript(args.seconds)
    words = sum(len(s["words"]) for s in transcript["segments"])
    info = probe(clip)
    source = SourceInfo(info.width, info.height, info.fps, info.duration, info.audio_codec)
    style = validate_scenario(
        {"preset": args.preset, "max_words_per_line": 5, "lines_per_caption": 1},
        None,
        source_height=720,
    )["style"]
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

    full()  # warm-up: page, fonts, caches
    plain_times, render_times = [], []
    for _ in range(args.runs):
        plain_times.append(plain())
        render_times.append(full())
    p, r = statistics.median(plain_times), statistics.median(render_times)
    last = results[-1]
    print(
        f"clip: {info.duration:.0f} s {info.width}x{info.height} {info.fps:g} fps, "
        f"{words} words; preset {args.preset} ({style['animation']}, highlight "
        f"{style['highlight_active']}); encoder {encoder.codec} {encoder.preset} "
        f"crf {encoder.crf}; {args.runs} runs"
    )
    print(f"plain re-encode : median {p:6.2f} s   runs {[round(t, 2) for t in plain_times]}")
    print(f"full render     : median {r:6.2f} s   runs {[round(t, 2) for t in render_times]}")
    print(f"ratio render / re-encode: {r / p:.2f}")
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
