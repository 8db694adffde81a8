"""Benchmarks of transcription.

    .venv/bin/python bench/transcribe.py [--seconds 60] [--runs 3]    # pipeline overhead
    .venv/bin/python bench/transcribe.py --stages                     # stages and accuracy
    .venv/bin/python bench/transcribe.py --real [--minutes 20]        # real voices, whole pipeline

--stages: conversations built with exact word truth (media/tests/speech.py, other seeds and
speeds than the tests), each transcribed by the warm engine with the embedded defaults; per clip
the seconds of each stage (ASR, timing refinement, diarization, prosody) with the added stages
as a share of ASR, peak RSS after the run, word-start error (median, p90) of Whisper alone and after
refinement, the speakers found and the speaker agreement.

--real: a conversation of real human voices (media/tests/real_speech.py; Debian packages, see
scripts/system-packages.sh test) with one voice talking 8 times more than the least, as a video
through the worker's whole path (`transcription_run`, model loading excluded): wall time and
realtime factor, peak RSS, each stage's share, the speakers found and their agreement.

Speech is synthesized with espeak-ng (two voices) and muxed into an H.264 video. Model loading
is excluded from both sides (warmed up first). The pipeline side is the real worker path:
`transcription_run` on a stored video (storage check, audio extraction with ffmpeg, the engine,
validation, saving the revision in the database, progress and heartbeat writes).
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
SENTENCES = [
    ("en-us", "Welcome back to the channel, today we are building captions for every video."),
    ("en-gb+f3", "Thanks for having me, let us talk about the weather in London this week."),
    ("en-us", "The first thing to know is that every word has a start and an end time."),
    ("en-gb+f3", "Good captions follow the voice closely and never run ahead of the speaker."),
]


def make_media(workdir: Path, seconds: float) -> tuple[Path, Path, float]:
    parts, total, index = [], 0.0, 0
    while total < seconds:
        voice, text = SENTENCES[index % len(SENTENCES)]
        part = workdir / f"part-{index}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "155", "-w", str(part), text], check=True)
        parts.append(part)
        total += (
            float(
                subprocess.run(
                    [
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "format=duration",
                        "-of",
                        "csv=p=0",
                        str(part),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            + 0.4
        )
        index += 1
    listing = workdir / "parts.txt"
    listing.write_text("".join(f"file '{p}'\n" for p in parts))
    wav = workdir / "speech.wav"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-af",
            "apad=pad_dur=0.4",
            "-ar",
            "16000",
            "-ac",
            "1",
            str(wav),
        ],
        check=True,
    )
    video = workdir / "speech.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=25",
            "-i",
            str(wav),
            "-shortest",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            str(video),
        ],
        check=True,
    )
    duration = float(
        subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                str(video),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return wav, video, duration


STAGE_CLIPS = (  # name, voices, seed, words per minute, Spanish
    ("female + male", ("en-us+f3", "en-us+m3"), 31, 170, False),
    ("male + male", ("en-us+m3", "en-gb-x-rp+m7"), 32, 160, False),
    ("three voices", ("en-us+f3", "en-us+m3", "en-gb-x-rp+m7"), 33, 165, False),
    ("Spanish f + m", ("es+f3", "es+m3"), 34, 165, True),
)


def stages(workdir: Path) -> None:
    import numpy as np

    from media.tests.speech import (
        SCRIPT,
        SPANISH_SCRIPT,
        conversation,
        matched_words,
        speaker_agreement,
        start_errors,
    )
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.whisperx_engine import config_from_settings, engine_for

    engine = engine_for()
    raw = engine_for(config_from_settings(refine_timing=False, diarization_model="none"))
    warm = conversation(workdir / "warm.wav", ["en-us+m3"], turns=2)
    engine.transcribe(warm.path, TranscribeOptions(), no_progress)  # loads every model
    print(
        "| clip | audio | ASR | timing | diarization | prosody | added | peak RSS | word start, "
        "Whisper (median / p90) | refined (median / p90) | speakers | agreement |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, voices, seed, speed, spanish in STAGE_CLIPS:
        clip = conversation(
            workdir / f"{name}.wav".replace(" ", "-"),
            list(voices),
            script=SPANISH_SCRIPT * 2 if spanish else SCRIPT,
            seed=seed,
            speed=speed,
        )
        result = engine.transcribe(clip.path, TranscribeOptions(), no_progress)
        before = raw.transcribe(clip.path, TranscribeOptions(diarize=False), no_progress)
        t = result.timings
        pairs = matched_words(result.transcript, clip.words)
        after = start_errors(pairs) * 1000
        whisper = start_errors(matched_words(before.transcript, clip.words)) * 1000
        print(
            f"| {name} | {clip.duration:.0f} s | {t['asr']:.2f} s | {t['timing']:.2f} s | "
            f"{t['diarize']:.2f} s | "
            f"{t['prosody']:.2f} s ({100 * t['prosody'] / t['asr']:.1f} %) | "
            f"{100 * (t['timing'] + t['diarize'] + t['prosody']) / t['asr']:.0f} % | "
            f"{peak_rss_mb():.0f} MB | {np.median(whisper):.0f} / {np.percentile(whisper, 90):.0f}"
            f" ms | {np.median(after):.0f} / {np.percentile(after, 90):.0f} ms | "
            f"{len(result.transcript['speakers'])} of {len(clip.speakers)} | "
            f"{100 * speaker_agreement(pairs):.1f} % |"
        )


REAL_SHARES = {"ve9qrp": 8, "librivox": 4, "vk5qi": 2, "harvard-woman": 1, "hts2a": 1}


def real(workdir: Path, minutes: float) -> None:
    from accounts.models import User
    from media.models import TranscriptRevision
    from media.tests.factories import ready_video
    from media.tests.real_speech import agreement, as_video, conversation, require, schedule
    from media.transcription.engine import TranscribeOptions, no_progress
    from media.transcription.whisperx_engine import engine_for

    require()
    talk = conversation(
        workdir / "real.wav", schedule(REAL_SHARES, minutes * 60 * 0.72), level_dbfs=-30.0
    )
    video_path = as_video(talk, workdir / "real.mp4")
    engine = engine_for()
    warm = conversation(workdir / "warm.wav", [("librivox", 3.0), ("hts2a", 2.0)])
    engine.transcribe(warm.path, TranscribeOptions(), no_progress)  # loads every model
    user = User.objects.create_user("bench@example.com", "bench-password-123")
    video = ready_video(user, Path(os.environ["MEDIA_ROOT"]), video_path, duration=talk.duration)
    wall, job = run_job(video, engine)
    transcript = TranscriptRevision.objects.latest("id").data
    share, words = agreement(transcript, talk)
    stages = job.timings  # the engine's own split of this run
    total = sum(v for k, v in stages.items() if k != "load")
    spoken = {
        name: sum(s.end - s.start for s in talk.spans if s.speaker == name) for name in REAL_SHARES
    }
    print(
        f"audio: {talk.duration / 60:.1f} min, {len(REAL_SHARES)} real voices at "
        f"{talk.level_dbfs:.0f} dBFS speech ("
        + ", ".join(f"{n} {v:.0f} s" for n, v in spoken.items())
        + f"), {words} words scored; {engine.config.cpu_threads} threads"
    )
    print(
        f"worker pipeline: {wall:.0f} s wall, realtime x{talk.duration / wall:.1f}, "
        f"peak RSS {peak_rss_mb():.0f} MB; speakers {len(transcript['speakers'])} of "
        f"{len(talk.speakers)}, agreement {100 * share:.1f} %"
    )
    print(
        "engine stages: "
        + ", ".join(
            f"{k} {v:.1f} s ({100 * v / total:.0f} %)" for k, v in stages.items() if k != "load"
        )
    )


def run_job(video: Any, engine: Any) -> tuple[float, Any]:
    """The worker's transcription of a stored video: (seconds, the finished job)."""
    from media.models import TranscriptionJob
    from media.transcription.kind import transcription_run

    job = TranscriptionJob.objects.create(video=video)
    started = time.perf_counter()
    transcription_run(job_id=str(job.pk), engine=engine)
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == "succeeded", job.error_message
    return elapsed, job


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stages", action="store_true", help="stages, timing and speakers")
    parser.add_argument("--real", action="store_true", help="real voices, whole pipeline")
    parser.add_argument("--minutes", type=float, default=20.0, help="length of --real")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ecg-bench-asr-"))
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "EMBEDDED_WORKER": "false",
            "BROKER_URL": "stub://",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "ecg.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.stages:
        stages(workdir)
        return
    if args.real:
        real(workdir, args.minutes)
        return
    import whisperx

    from accounts.models import User
    from media.models import TranscriptRevision
    from media.tests.factories import ready_video
    from media.transcription.whisperx_engine import engine_for, model_label

    wav, video_path, duration = make_media(workdir, args.seconds)
    engine = engine_for()
    whisper = engine.whisper(engine.config.model)  # model load, excluded from both sides
    audio = whisperx.load_audio(str(wav))

    def bare() -> float:
        started = time.perf_counter()
        segments, _ = whisper.transcribe(
            audio,
            language="en",
            word_timestamps=True,
            vad_filter=True,
            beam_size=5,
            condition_on_previous_text=False,
        )
        words = sum(len(s.words or []) for s in segments)
        assert words > 0
        return time.perf_counter() - started

    user = User.objects.create_user("bench@example.com", "bench-password-123")
    video = ready_video(user, Path(os.environ["MEDIA_ROOT"]), video_path, duration=duration)

    def pipeline() -> float:
        return run_job(video, engine)[0]

    bare()  # warm caches (VAD model, allocator) on both sides alike
    bare_times, pipeline_times = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both sides alike
        bare_times.append(bare())
        pipeline_times.append(pipeline())
    words = sum(len(s["words"]) for s in TranscriptRevision.objects.latest("id").data["segments"])
    b, p = statistics.median(bare_times), statistics.median(pipeline_times)
    print(
        f"audio: {duration:.1f} s of espeak-ng speech, two voices, {words} words; "
        f"model {model_label(engine.config.model)}, {engine.config.device} "
        f"{engine.config.compute_type}, {engine.config.cpu_threads} threads; {args.runs} runs"
    )
    print(
        f"bare faster-whisper transcribe : median {b:6.2f} s  realtime x{duration / b:5.1f}  "
        f"runs {[round(t, 2) for t in bare_times]}"
    )
    print(
        f"worker pipeline (no model load): median {p:6.2f} s  realtime x{duration / p:5.1f}  "
        f"runs {[round(t, 2) for t in pipeline_times]}"
    )
    print(f"overhead: {100 * (p / b - 1):+.1f} %   peak RSS of the process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
