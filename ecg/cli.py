"""Progress of a job's phases on a command line (tqdm: redrawn on a terminal, silent in logs)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

from ecg.jobs.kinds import PhaseWeights, Report


@contextmanager
def phase_progress(phases: PhaseWeights, stream: TextIO | None = None) -> Iterator[Report]:
    with tqdm(
        total=100,
        file=stream or sys.stderr,
        disable=None,  # only on a terminal
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}",
    ) as bar:

        def report(phase: str, fraction: float) -> None:
            low, high = phases[phase]
            bar.set_description_str(phase, refresh=False)
            bar.n = round(low + (high - low) * max(0.0, min(1.0, fraction)), 1)
            bar.refresh()

        yield report
