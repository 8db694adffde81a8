"""Load benchmark: gunicorn with production settings on loopback, PostgreSQL and Redis.

    .venv/bin/python bench/load.py [--seconds 15] [--connections 16]

Measures, in one run on one server, wrk against (a) the bare liveness view (no database),
(b) status polls of a video being transcribed (`GET /api/v1/videos/{id}`) and of a render
(`GET /api/v1/renders/{id}`), whose jobs report progress every second as workers do, and (c) video
listing, with a JWT; then
streams a 1 GiB upload through the local signed upload URL and samples the serving worker's
RSS to show memory does not grow with the file. Needs `wrk` (Debian package) and a PostgreSQL
and Redis on loopback (DATABASE_URL / REDIS_URL, defaults below).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PORT = 8811
BASE = f"http://127.0.0.1:{PORT}"


def server_env(media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "ECG_TESTING": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ecg_bench"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(media / "static"),
        "UPLOAD_MAX_BYTES": str(2 * 1024**3),
        "DB_CONN_MAX_AGE": "60",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wrk(path: str, seconds: int, connections: int, token: str | None) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", BASE + path]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def latency(label: str) -> float:
        match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out)
        return float(match.group(1)) * units[match.group(2)] if match else float("nan")

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": float(non2xx.group(1)) if non2xx else 0.0,
    }


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


class ZeroStream:
    """`size` zero bytes read in blocks: a body with a length that is never held in memory."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.size = size

    def __len__(self) -> int:
        return self.size

    def read(self, amount: int = -1) -> bytes:
        amount = self.left if amount < 0 else min(amount, self.left)
        self.left -= amount
        return bytes(amount)


def upload_gib(token: str, master: int) -> tuple[float, float]:
    size = 1024**3
    headers = {"Authorization": f"Bearer {token}"}
    created = requests.post(
        f"{BASE}/api/v1/videos",
        json={"filename": "big.mp4", "size": size, "content_type": "video/mp4"},
        headers=headers,
        timeout=30,
    ).json()
    workers = children(master)
    before = {pid: rss_kib(pid) for pid in workers}
    peak = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            for pid in workers:
                peak[pid] = max(peak[pid], rss_kib(pid))

    body = ZeroStream(size)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    response = requests.put(
        created["upload"]["url"], data=body, timeout=600, headers={"Content-Type": "video/mp4"}
    )
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    assert response.status_code == 201, response.text
    growth = max(peak[pid] - before[pid] for pid in workers) / 1024
    return growth, size / elapsed / 1024**2


def keep_jobs_running(stop: threading.Event) -> None:
    """Report progress on the seeded jobs every second, as their workers would while the
    polls run (a poll reads the state that the last report left)."""
    from django.db import connection

    from ecg.jobs.services import job_progress
    from media.models import TranscriptionJob
    from rendering.models import RenderJob

    jobs = [
        *TranscriptionJob.objects.filter(status="running"),
        *RenderJob.objects.filter(status="running"),
    ]
    progress = 0
    while not stop.wait(1.0):
        progress = (progress + 1) % 100
        for job in jobs:
            job_progress(job=job, phase=job.phase, progress=progress)
    connection.close()


def seed(env: dict[str, str]) -> tuple[str, str, str]:
    """A creator with 40 videos whose transcription is running and a running render;
    returns a JWT, a video id and the render's id."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecg.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from accounts.models import User
    from accounts.services import tokens_issue
    from media.models import TranscriptionJob, Video
    from rendering.models import RenderJob

    user, _ = User.objects.get_or_create(email="load@example.com")
    Video.objects.filter(owner=user).delete()
    videos = [
        Video.objects.create(
            owner=user,
            original_filename=f"v{i}.mp4",
            size=1000,
            storage_key=f"videos/load-{i}/source.mp4",
            status="ready",
            content_type="video/mp4",
            duration=60,
        )
        for i in range(40)
    ]
    for video in videos:
        TranscriptionJob.objects.create(
            video=video, status="running", phase="transcribing", progress=42
        )
    render = RenderJob.objects.create(
        owner=user,
        video=videos[0],
        transcript_snapshot={},
        scenario={"style": {}, "output": {}},
        status="running",
        phase="painting",
        progress=37,
    )
    return tokens_issue(user=user).access, str(videos[0].pk), str(render.pk)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    media = Path(tempfile.mkdtemp(prefix="ecg-bench-load-"))
    env = server_env(media)
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", "ecg_bench"],
        capture_output=True,
        check=False,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    token, video_id, render_id = seed(env)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ecg.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    stop = threading.Event()
    threading.Thread(target=keep_jobs_running, args=(stop,), daemon=True).start()
    try:
        for _ in range(100):
            try:
                requests.get(f"{BASE}/healthz/live", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        results = {
            "bare liveness view (no DB)": wrk(
                "/healthz/live", args.seconds, args.connections, None
            ),
            "job status poll GET /api/v1/videos/{id}": wrk(
                f"/api/v1/videos/{video_id}", args.seconds, args.connections, token
            ),
            "render status poll GET /api/v1/renders/{id}": wrk(
                f"/api/v1/renders/{render_id}", args.seconds, args.connections, token
            ),
            "video listing GET /api/v1/videos (page of 20)": wrk(
                "/api/v1/videos", args.seconds, args.connections, token
            ),
        }
        growth, speed = upload_gib(token, server.pid)
    finally:
        stop.set()
        server.terminate()
        server.wait(20)
    bare = results["bare liveness view (no DB)"]["rps"]
    print(
        f"gunicorn {args.workers} sync workers, wrk 2 threads {args.connections} connections "
        f"{args.seconds} s each, {os.cpu_count()} cores"
    )
    for name, r in results.items():
        print(
            f"{name:48} {r['rps']:8.0f} req/s ({r['rps'] / bare:4.0%} of bare)  "
            f"p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  non-2xx {r['errors']:.0f}"
        )
    print(
        f"1 GiB upload through the signed local URL: {speed:.0f} MiB/s, "
        f"peak worker RSS growth {growth:.1f} MiB"
    )


if __name__ == "__main__":
    main()
