"""Benchmark: the timeline's waveform of a one-hour video.

    .venv/bin/python bench/waveform.py [--minutes 60]

Makes an H.264-free audio-only MP4 (AAC, 48 kHz stereo: speech-like noise bursts) of
--minutes, then times (a) extracting the 16 kHz mono WAV as the transcription does (which it
does anyway, for Whisper) and (b) computing the peaks from it (`write_peaks`), the waveform's
own cost, and reports the file's size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60.0)
    args = parser.parse_args()

    import django

    django.setup()
    from media.transcription.audio import extract_audio
    from media.transcription.waveform import write_peaks

    workdir = Path(tempfile.mkdtemp(prefix="ecg-bench-waveform-"))
    source = workdir / "talk.mp4"
    seconds = args.minutes * 60
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"anoisesrc=color=pink:amplitude=0.3:duration={seconds}:sample_rate=48000",
            "-af",
            "volume='0.2+0.8*gt(sin(2*PI*t*0.7),0)':eval=frame",
            "-ac",
            "2",
            "-c:a",
            "aac",
            "-b:a",
            "96k",
            str(source),
        ],
        check=True,
    )
    started = time.perf_counter()
    extract_audio(source, workdir / "audio.wav")
    extracted = time.perf_counter() - started
    started = time.perf_counter()
    count = write_peaks(workdir / "audio.wav", workdir / "waveform.bin")
    peaks = time.perf_counter() - started
    size = (workdir / "waveform.bin").stat().st_size
    print(f"audio: {args.minutes:.0f} min AAC 48 kHz stereo -> {count} peaks, {size / 1024:.0f} KB")
    print(f"extracting the 16 kHz WAV (done anyway for Whisper): {extracted:.1f} s")
    print(f"peaks from the WAV (the waveform's own cost): {peaks:.2f} s")


if __name__ == "__main__":
    main()
