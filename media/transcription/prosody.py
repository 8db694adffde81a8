"""How each word was said: loudness, pitch and stretch relative to the same speaker, and an
emphasis score combining them (Transcript v2 `prosody` and `emphasis`).

- loudness_db: the word's RMS level (its louder half of 10 ms frames, so a pause inside the
  word's span does not count) minus the speaker's median word, in dB;
- pitch_st: the word's median F0 over voiced frames (librosa's YIN, at 8 kHz; voiced = near the
  word's peak level with few zero crossings) relative to the speaker's median word, in semitones;
  null when fewer than MIN_VOICED frames are voiced;
- stretch: the word's duration over what its length predicts at the speaker's pace (1 = usual);
  the length is its letters plus LENGTH_OFFSET, as a short word takes longer than its letters.
emphasis (emphasis.py) is a logistic of the three z-scores, weighted towards loudness (a shouted
word is louder, higher and slower: it ranks above the same speaker's ordinary words).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from media.transcription import emphasis
from media.transcription.schema import PROSODY_BOUNDS

RATE = 16_000
PITCH_RATE = 8_000  # F0 of speech lies far under 4 kHz; half the samples, half the work
HOP = 0.01
FMIN, FMAX = 65.0, 480.0
MIN_VOICED = 3  # frames
VOICED_BELOW_PEAK_DB = 25.0  # frames this far under the word's peak are not voiced
MAX_VOICED_CROSSINGS = 0.12  # a voiced frame's waveform crosses zero on few samples (noise: ~0.5)
LENGTH_OFFSET = 3  # "I" is said in about the time of four letters, not of one
NAME = "yin"


def _frames(audio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """dB and zero-crossing rate (per sample) per 10 ms frame."""
    hop = int(HOP * RATE)
    count = len(audio) // hop
    frames = audio[: count * hop].reshape(count, hop).astype(np.float64)
    crossings = (np.diff(np.signbit(frames), axis=1) != 0).mean(axis=1)
    return 10 * np.log10((frames**2).mean(axis=1) + 1e-10), crossings


def pitch_track(audio: np.ndarray) -> np.ndarray:
    """F0 in Hz per 10 ms frame (YIN; every frame gets a value, voicing is decided later)."""
    import librosa

    low = librosa.resample(audio.astype(np.float32), orig_sr=RATE, target_sr=PITCH_RATE)
    hop = int(HOP * PITCH_RATE)
    return np.asarray(
        librosa.yin(low, fmin=FMIN, fmax=FMAX, sr=PITCH_RATE, frame_length=512, hop_length=hop)
    )


def _word_measures(
    word: dict[str, Any], levels: np.ndarray, crossings: np.ndarray, f0: np.ndarray
) -> tuple[float, float | None, float]:
    first = int(float(word["start"]) / HOP)
    last = max(first + 1, int(np.ceil(float(word["end"]) / HOP)))
    level = levels[first:last]
    if len(level) == 0:
        return -100.0, None, max(float(word["end"]) - float(word["start"]), HOP)
    loud = np.sort(level)[len(level) // 2 :]
    loudness = float(10 * np.log10(np.mean(10 ** (loud / 10))))
    pitch = f0[first:last][: len(level)]
    voiced = pitch[
        (level[: len(pitch)] > level.max() - VOICED_BELOW_PEAK_DB)
        & (crossings[first:last][: len(pitch)] < MAX_VOICED_CROSSINGS)
        & (pitch > FMIN * 1.05)
        & (pitch < FMAX * 0.95)
    ]
    f0_median = float(np.median(voiced)) if len(voiced) >= MIN_VOICED else None
    return loudness, f0_median, max(float(word["end"]) - float(word["start"]), HOP)


def _bounded(value: float, key: str, digits: int) -> float:
    bound = PROSODY_BOUNDS[key]
    return round(min(max(value, -bound), bound), digits)


def analyze(audio: np.ndarray, words: list[dict[str, Any]]) -> int | None:
    """Set `prosody` and `emphasis` on each word (dicts with start, end, text, speaker) in place;
    returns how many words have a pitch, or None (nothing set) when there is no audio to read.
    Words of one speaker are compared with each other."""
    if not words or len(audio) < RATE // 10:
        return None
    levels, crossings = _frames(audio)
    f0 = pitch_track(audio)
    measures = [_word_measures(w, levels, crossings, f0) for w in words]
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        by_speaker[str(word.get("speaker", ""))].append(index)
    pitched = 0
    for indices in by_speaker.values():
        loud = [measures[i][0] for i in indices]
        pitches = [measures[i][1] for i in indices]
        voiced = [p for p in pitches if p is not None]
        reference_pitch = float(np.median(voiced)) if voiced else None
        chars = np.array(
            [
                len(str(words[i].get("text", words[i].get("word", "")))) + LENGTH_OFFSET
                for i in indices
            ],
            float,
        )
        durations = np.array([measures[i][2] for i in indices])
        pace = float(np.median(durations / chars))
        reference_loud = float(np.median(loud))
        stretch = durations / (chars * pace)
        for k, i in enumerate(indices):
            pitch = pitches[k]
            semitone = (
                None
                if pitch is None or reference_pitch is None
                else 12 * np.log2(pitch / reference_pitch)
            )
            words[i]["prosody"] = {  # within the contract's bounds (a word placed in silence)
                "loudness_db": _bounded(float(loud[k] - reference_loud), "loudness_db", 2),
                "pitch_st": None if semitone is None else _bounded(float(semitone), "pitch_st", 2),
                "stretch": max(_bounded(float(stretch[k]), "stretch", 3), 0.001),
            }
            pitched += semitone is not None
    emphasis.score(words)
    return pitched
