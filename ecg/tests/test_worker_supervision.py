"""A worker that loses a process comes back: Dramatiq's main process exits with a failure when
one of its worker processes is killed, and what runs it (docker compose, systemd) restarts it."""

import configparser
import os
import shutil
import signal
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, redis_worker, requires_redis, wait_until

UNITS = {  # each systemd unit and what it starts
    "ecg-worker.service": ["manage.py", "rundramatiq"],
    "ecg-web.service": ["-m", "ecg.serve"],  # the server of `make serve` and the Docker image
}


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


@requires_redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_process_is_killed_exits_with_a_failure_for_its_supervisor():
    with redis_worker("default") as (worker, broker):
        heartbeats = f"{broker.namespace}:__heartbeats__"
        wait_until(lambda: broker.client.zcard(heartbeats) > 0, timeout=60)  # consuming
        [child] = children(worker.pid)
        os.kill(child, signal.SIGKILL)
        assert worker.wait(timeout=60) == 1  # the dead process's code: the whole worker stops
        # (Dramatiq also logs "exited unexpectedly", but its log pipe may close before that line
        # is copied out: under load the test saw the code without the line.)


def test_compose_restarts_the_web_server_and_the_worker():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    restart = {name: service.get("restart") for name, service in services.items()}
    assert restart["web"] == restart["worker"] == "unless-stopped"
    assert restart["migrate"] is None  # one-shot: done once it succeeded


@pytest.mark.parametrize(("name", "command"), UNITS.items())
def test_the_systemd_units_restart_the_worker_and_the_web_server_whatever_their_exit(
    tmp_path, name, command
):
    path = ROOT / "docs/deploy" / name
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(path.read_text())
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert service["ExecStart"].split()[1:][: len(command)] == command
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # systemd never gives up restarting
    if shutil.which("systemd-analyze") is None:
        return
    # Checked by systemd itself, with the paths of this checkout in place of /srv/ecg.
    local = path.read_text().replace("/srv/ecg/.venv/bin/python", sys.executable)
    (tmp_path / name).write_text(local.replace("/srv/ecg", str(ROOT)))
    verify = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / name)], capture_output=True, text=True
    )
    assert (verify.returncode, verify.stderr) == (0, "")
