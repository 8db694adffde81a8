"""Command-line progress: a bar on a terminal, nothing at all in a log file."""

import io
import os

from ecg.cli import phase_progress

PHASES = {"fetching": (0.0, 10.0), "working": (10.0, 100.0)}


def run_phases(stream):
    with phase_progress(PHASES, stream) as report:
        report("fetching", 1)
        report("working", 0.5)
        report("working", 1)


def test_on_a_terminal_the_bar_reaches_the_end():
    reader, writer = os.openpty()
    with os.fdopen(writer, "w") as terminal:
        run_phases(terminal)
    drawn = os.read(reader, 65536).decode()
    os.close(reader)
    assert "working: 100%" in drawn


def test_in_a_log_nothing_is_written():
    log = io.StringIO()
    run_phases(log)
    assert log.getvalue() == ""
