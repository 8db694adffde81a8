"""A one-line progress bar for management commands (stderr, redrawn in place)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self._last = ""

    def update(self, label: str, percent: float) -> None:
        percent = max(0.0, min(100.0, percent))
        filled = int(self.width * percent / 100)
        elapsed = time.monotonic() - self.started
        line = (
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {percent:5.1f}%  "
            f"{label:<18} {elapsed:6.1f}s"
        )
        if line != self._last:
            self.stream.write(line)
            self.stream.flush()
            self._last = line

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
