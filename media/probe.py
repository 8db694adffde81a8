"""ffprobe/ffmpeg helpers that know nothing of HTTP or the ORM.

`probe(source)` reads a local path or an HTTP(S) URL (a presigned S3 link), checks that it is a
usable video and returns what the app stores about it.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from django.conf import settings

from ecg.errors import DomainError, ErrorCode

# Demuxers (as ffprobe names them) that hold real video; images and text are refused.
VIDEO_CONTAINERS = frozenset(
    {
        "mov",
        "mp4",
        "m4a",
        "3gp",
        "3g2",
        "mj2",
        "matroska",
        "webm",
        "avi",
        "mpegts",
        "mpeg",
        "flv",
        "ogg",
        "asf",
        "mxf",
    }
)
PROBE_TIMEOUT_SECONDS = 60


class MediaError(DomainError):
    """The media is not a usable video; `code` says why."""


@dataclass(frozen=True)
class MediaInfo:
    container: str
    duration: float
    width: int
    height: int
    fps: float
    video_codec: str
    audio_codec: str  # empty when the file has no audio stream


def _run(args: list[str], timeout: float = PROBE_TIMEOUT_SECONDS) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(  # noqa: S603
            args, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "Reading the file took too long.") from exc


def _fps(stream: dict) -> float:
    for key in ("avg_frame_rate", "r_frame_rate"):
        try:
            value = Fraction(stream.get(key, "0/0"))
        except (ValueError, ZeroDivisionError):
            continue
        if value > 0:
            return round(float(value), 3)
    return 0.0


def probe(source: str | Path) -> MediaInfo:
    result = _run(
        [
            settings.FFPROBE_BIN,
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            str(source),
        ]
    )
    if result.returncode != 0:
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "The file is not a readable video.")
    data = json.loads(result.stdout or "{}")
    fmt = data.get("format", {})
    container = str(fmt.get("format_name", ""))
    if not VIDEO_CONTAINERS.intersection(container.split(",")):
        raise MediaError(
            ErrorCode.MEDIA_UNSUPPORTED_FORMAT,
            f"The file's content is not a supported video format (found {container or 'unknown'}).",
        )
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
        ),
        None,
    )
    if video is None:
        raise MediaError(ErrorCode.MEDIA_NO_VIDEO_STREAM, "The file has no video stream.")
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    try:
        duration = float(fmt.get("duration") or video.get("duration") or 0)
    except ValueError:
        duration = 0.0
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if duration <= 0 or width <= 0 or height <= 0:
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "The video has no duration or no picture.")
    return MediaInfo(
        container=container,
        duration=round(duration, 3),
        width=width,
        height=height,
        fps=_fps(video),
        video_codec=str(video.get("codec_name", "")),
        audio_codec=str(audio.get("codec_name", "")) if audio else "",
    )


def check_decodes_to_end(source: str | Path, duration: float) -> None:
    """Decode the last second of video: a truncated upload fails here even when its index is
    intact (an MP4 with the index at the front still reports the full duration)."""
    start = max(0.0, duration - 1.0)
    result = _run(
        [
            settings.FFMPEG_BIN,
            "-nostdin",
            "-v",
            "error",
            "-ss",
            f"{start:.3f}",
            "-i",
            str(source),
            "-map",
            "0:v:0",
            "-f",
            "null",
            "-progress",
            "pipe:1",
            "-nostats",
            "-",
        ]
    )
    frames = [
        line.split("=", 1)[1] for line in result.stdout.splitlines() if line.startswith("frame=")
    ]
    decoded = int(frames[-1]) if frames and frames[-1].isdigit() else 0
    damaged = "partial file" in result.stderr or "Invalid data" in result.stderr
    if result.returncode != 0 or decoded == 0 or damaged:
        raise MediaError(
            ErrorCode.MEDIA_TRUNCATED, "The video is incomplete or damaged near its end."
        )


def grab_frame(source: str | Path, at_seconds: float, target: Path, width: int = 480) -> None:
    """Write one JPEG frame (for thumbnails), scaled to `width` keeping the aspect ratio."""
    result = _run(
        [
            settings.FFMPEG_BIN,
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-ss",
            f"{at_seconds:.3f}",
            "-i",
            str(source),
            "-frames:v",
            "1",
            "-vf",
            f"scale={width}:-2",
            "-q:v",
            "4",
            str(target),
        ]
    )
    if result.returncode != 0 or not target.exists():
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "Could not grab a frame from the video.")
