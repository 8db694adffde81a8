"""Scratch directories of running jobs, and the removal of those a killed worker left behind.

Each is named after the process that made it (`ecg-render-<pid>-…`): a directory whose process
no longer exists belongs to a dead worker and can go.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)
_NAME = re.compile(r"^ecg-[a-z]+-(\d+)-")


def job_workdir(kind: str) -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix=f"ecg-{kind}-{os.getpid()}-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is a zombie: dead for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def remove_orphan_workdirs(root: Path | None = None) -> list[Path]:
    """Delete scratch directories whose owning process is gone; returns what was removed."""
    removed = []
    for path in Path(root or tempfile.gettempdir()).glob("ecg-*-*-*"):
        match = _NAME.match(path.name)
        if match and path.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if removed:
        logger.warning("Removed scratch directories of dead workers: %s", removed)
    return removed
