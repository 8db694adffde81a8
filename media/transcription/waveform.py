"""The audio's waveform for the editor's timeline, computed once per video from the 16 kHz WAV
the transcription extracts (read a minute at a time: an hour is 360 KB of peaks).

File format (little-endian): b"ECGW", version 1 (u8), peaks per second (u16), scale (u8,
1 = square root), then one byte per peak: the loudest sample of that slice, 0-255 on a
square-root scale so that quiet speech still shows.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np

PEAKS_PER_SECOND = 100
HEADER = struct.Struct("<4sBHB")
MAGIC = b"ECGW"
SQRT_SCALE = 1


def write_peaks(wav_path: Path, target: Path) -> int:
    """Peaks of a 16-bit mono WAV into `target`; returns how many."""
    with wave.open(str(wav_path)) as wav, target.open("wb") as out:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError("expected 16-bit mono audio")
        window = max(1, wav.getframerate() // PEAKS_PER_SECOND)
        out.write(HEADER.pack(MAGIC, 1, PEAKS_PER_SECOND, SQRT_SCALE))
        count = 0
        while frames := wav.readframes(window * PEAKS_PER_SECOND * 60):
            pcm = np.abs(np.frombuffer(frames, dtype=np.int16).astype(np.int32))
            padded = np.pad(pcm, (0, -len(pcm) % window))  # the last slice may be short
            levels = padded.reshape(-1, window).max(axis=1) / 32768.0
            out.write((np.sqrt(np.clip(levels, 0, 1)) * 255).round().astype(np.uint8).tobytes())
            count += len(levels)
        return count


def read_levels(data: bytes) -> tuple[np.ndarray, int]:
    """A waveform file's peaks as levels in dB (0 dB = full scale) and its peaks per second;
    ValueError when it is not a waveform file this code writes."""
    if len(data) < HEADER.size:
        raise ValueError("not a waveform file")
    magic, version, per_second, scale = HEADER.unpack(data[: HEADER.size])
    if magic != MAGIC or version != 1 or scale != SQRT_SCALE or per_second < 1:
        raise ValueError("not a waveform file of version 1")
    peaks = np.frombuffer(data, dtype=np.uint8, offset=HEADER.size).astype(np.float64) / 255
    return 40 * np.log10(peaks + 1e-5), per_second  # amplitude = peak², in dB
