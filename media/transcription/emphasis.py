"""The emphasis score of words from their stored prosody (pure Python: the web app rescores
too, without the worker's numpy and librosa).

Within each speaker, a word's loudness, pitch and log stretch become robust z-scores (median
and MAD); their weighted sum, minus a centre, goes through a logistic into [0, 1]. The values
are relative to the speaker's median already, so scoring the stored document gives what the
analyser gave, and a creator's edit (words deleted, split) rescales the rest consistently.
Words whose emphasis the creator set (`emphasis_set`) keep it.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

WEIGHTS = {"loudness": 1.0, "pitch": 0.6, "stretch": 0.5}
CENTER = 2.0  # weighted z-score that maps to emphasis 0.5: ordinary words stay low
MAD_TO_SIGMA = 1.4826


def zscores(values: list[float]) -> list[float]:
    if len(values) < 2:
        return [0.0] * len(values)
    middle = statistics.median(values)
    spread = statistics.median(abs(v - middle) for v in values) * MAD_TO_SIGMA
    spread = spread or statistics.pstdev(values) or 1.0
    return [(v - middle) / spread for v in values]


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))


def score(words: Iterable[Mapping[str, Any]]) -> None:
    """Set `emphasis` on every word with `prosody` whose emphasis the creator did not set
    (words are dicts or the schema's Word dicts; they are changed in place)."""
    by_speaker: dict[str, list[Any]] = defaultdict(list)
    for word in words:
        if word.get("prosody"):
            by_speaker[str(word.get("speaker") or "")].append(word)
    for group in by_speaker.values():
        prosodies = [w["prosody"] for w in group]
        z_loud = zscores([float(p["loudness_db"]) for p in prosodies])
        z_stretch = zscores([math.log(max(float(p["stretch"]), 1e-3)) for p in prosodies])
        pitches = [p.get("pitch_st") for p in prosodies]
        z_pitch = zscores([float(p) if p is not None else 0.0 for p in pitches])
        for k, word in enumerate(group):
            if word.get("emphasis_set"):
                continue
            total = WEIGHTS["loudness"] * z_loud[k] + WEIGHTS["stretch"] * z_stretch[k]
            if pitches[k] is not None:
                total += WEIGHTS["pitch"] * z_pitch[k]
            word["emphasis"] = round(logistic(total - CENTER), 3)
