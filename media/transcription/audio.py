"""Audio for speech recognition: 16 kHz mono PCM extracted with ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.conf import settings

from ecg.errors import ErrorCode
from media.probe import MediaError

EXTRACT_TIMEOUT_SECONDS = 1800


class NoAudioStream(Exception):
    """The media has no audio track: there is nothing to transcribe."""


def extract_audio(source: str | Path, target: Path) -> None:
    """Decode `source` (a path or an HTTP URL, streamed by ffmpeg) into a 16 kHz mono WAV."""
    try:
        result = subprocess.run(  # noqa: S603
            [
                settings.FFMPEG_BIN,
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-i",
                str(source),
                "-map",
                "0:a:0?",
                "-vn",
                "-ac",
                "1",
                "-ar",
                "16000",
                "-c:a",
                "pcm_s16le",
                str(target),
            ],
            capture_output=True,
            text=True,
            timeout=EXTRACT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "Extracting the audio took too long.") from exc
    if "does not contain any stream" in result.stderr:
        raise NoAudioStream(str(source))
    if result.returncode != 0 or not target.exists():
        raise MediaError(ErrorCode.MEDIA_UNREADABLE, "The audio track could not be decoded.")
