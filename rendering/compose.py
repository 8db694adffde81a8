"""FFmpeg composition: the source video, caption frames overlaid with their timing, encoded.

Caption frames arrive as raw RGBA on stdin at the output frame rate while FFmpeg decodes and
encodes, so painting and encoding overlap. The overlay converts them to YUV with alpha first
(cheaper than blending in RGB), and the source audio is copied when it is AAC already.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings


@dataclass(frozen=True)
class EncoderSettings:
    codec: str
    preset: str
    crf: int
    audio_bitrate: str

    @classmethod
    def from_settings(cls) -> EncoderSettings:
        return cls(
            settings.RENDER_VIDEO_CODEC,
            settings.RENDER_X264_PRESET,
            settings.RENDER_CRF,
            settings.RENDER_AUDIO_BITRATE,
        )

    def video_args(self) -> list[str]:
        if self.codec == "h264_nvenc":
            return [
                "-c:v",
                "h264_nvenc",
                "-preset",
                "p4",
                "-rc",
                "vbr",
                "-cq",
                str(self.crf),
                "-pix_fmt",
                "yuv420p",
            ]
        return [
            "-c:v",
            self.codec,
            "-preset",
            self.preset,
            "-crf",
            str(self.crf),
            "-pix_fmt",
            "yuv420p",
        ]


@dataclass(frozen=True)
class Overlay:
    x: int
    y: int
    width: int
    height: int
    fps: float


def ffmpeg_command(
    *,
    source: str,
    output: Path,
    width: int,
    height: int,
    source_height: int,
    audio_codec: str,
    overlay: Overlay | None,
    encoder: EncoderSettings,
    progress_fd: int | None = None,
) -> list[str]:
    command = [settings.FFMPEG_BIN, "-nostdin", "-v", "error", "-y", "-i", source]
    scale = f"scale={width}:{height}:flags=bicubic," if height != source_height else ""
    if overlay is not None:
        command += [
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgba",
            "-s",
            f"{overlay.width}x{overlay.height}",
            "-framerate",
            f"{overlay.fps}",
            "-i",
            "pipe:0",
        ]
        graph = (
            f"[0:v]{scale}format=yuv420p[base];[1:v]format=yuva420p[caption];"
            f"[base][caption]overlay=x={overlay.x}:y={overlay.y}:format=yuv420"
            f":eof_action=pass[v]"
        )
        command += ["-filter_complex", graph, "-map", "[v]"]
    else:
        command += ["-map", "0:v:0"]
        if scale:
            command += ["-vf", scale.rstrip(",")]
    command += ["-map", "0:a:0?", *encoder.video_args()]
    command += (
        ["-c:a", "copy"] if audio_codec == "aac" else ["-c:a", "aac", "-b:a", encoder.audio_bitrate]
    )
    if progress_fd is not None:
        command += ["-progress", f"pipe:{progress_fd}", "-nostats"]
    command += ["-movflags", "+faststart", str(output)]
    return command


class EncodeProcess:
    """A running FFmpeg with its progress (seconds of output written) read on a side thread."""

    def __init__(self, command_for: Callable[[int], list[str]], duration: float) -> None:
        read_fd, write_fd = os.pipe()
        command = command_for(write_fd)
        self.duration = max(duration, 0.001)
        self.out_seconds = 0.0
        self.process = subprocess.Popen(  # noqa: S603
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(write_fd,),
        )
        os.close(write_fd)
        self._progress = os.fdopen(read_fd, "r")
        self._stderr = b""
        self._reader = threading.Thread(target=self._read_progress, daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._err_reader.start()

    def _read_progress(self) -> None:
        with self._progress:
            for line in self._progress:
                if line.startswith("out_time_us="):
                    value = line.split("=", 1)[1].strip()
                    if value.isdigit():
                        self.out_seconds = int(value) / 1e6

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self._stderr = self.process.stderr.read()

    @property
    def fraction(self) -> float:
        return min(1.0, self.out_seconds / self.duration)

    @property
    def stdin(self) -> IO[bytes]:
        assert self.process.stdin is not None
        return self.process.stdin

    def wait(self, timeout: float | None = None) -> int:
        code = self.process.wait(timeout)
        self._reader.join(5)
        self._err_reader.join(5)
        return code

    def stderr_text(self) -> str:
        return self._stderr.decode(errors="replace")[-2000:]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
