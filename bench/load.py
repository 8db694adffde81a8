"""Load benchmark of the server as deployed: `ecg.serve` (what `make serve` and the Docker image
start), beside plain sync WSGI workers for comparison, on PostgreSQL and Redis, DEBUG=false.

    .venv/bin/python bench/load.py [--seconds 15] [--connections 16] [--streams 200]

For each server, in one run: wrk against (a) the bare liveness view (no database), (b) status
polls of a video being transcribed (`GET /api/v1/videos/{id}`) and of a render
(`GET /api/v1/renders/{id}`), whose jobs report progress every second as workers do, and (c) the
video listing, with a JWT. Then, on the deployed server only: `--streams` event streams held open
by one user (a session) while another user's render polls are measured again, the database
connections counted during and after; and a 1 GiB upload through the local signed upload URL
with the serving worker's RSS sampled. Needs `wrk` (Debian package) and a PostgreSQL and Redis on
loopback (DATABASE_URL / REDIS_URL, defaults below).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

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
        "DB_POOL_MAX_SIZE": "8",
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


def seed(env: dict[str, str]) -> dict[str, str]:
    """A creator with 40 videos whose transcription is running and a running render (polled by
    JWT), and a second creator with a running render followed by event streams (a session)."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecg.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User
    from accounts.services import tokens_issue
    from media.models import TranscriptionJob, Video
    from rendering.models import RenderJob

    def creator(email: str, videos: int) -> tuple[User, list[Video], RenderJob]:
        user, _ = User.objects.get_or_create(email=email)
        Video.objects.filter(owner=user).delete()
        made = [
            Video.objects.create(
                owner=user,
                original_filename=f"v{i}.mp4",
                size=1000,
                storage_key=f"videos/{email}-{i}/source.mp4",
                status="ready",
                content_type="video/mp4",
                duration=60,
            )
            for i in range(videos)
        ]
        for video in made:
            TranscriptionJob.objects.create(
                video=video, status="running", phase="transcribing", progress=42
            )
        render = RenderJob.objects.create(
            owner=user,
            video=made[0],
            transcript_snapshot={},
            scenario={"style": {}, "output": {}},
            status="running",
            phase="painting",
            progress=37,
        )
        return user, made, render

    poller, videos, render = creator("load@example.com", 40)
    streamer, _, followed = creator("streams@example.com", 1)
    session = SessionStore()
    session[SESSION_KEY] = str(streamer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = streamer.get_session_auth_hash()
    session.create()
    return {
        "token": tokens_issue(user=poller).access,
        "video": str(videos[0].pk),
        "render": str(render.pk),
        "session": session.session_key or "",
        "followed": str(followed.pk),
    }


def database_connections(env: dict[str, str]) -> int:
    """The server's connections to the bench database (this process's own not counted)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        (count,) = cursor.fetchone()
    return int(count)


async def _hold_streams(path: str, session: str, count: int, opened: list[int], stop: Any) -> None:
    async def one() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={session}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        status = await reader.readline()
        if b" 200 " in status:
            opened.append(1)
        while not stop.is_set():  # read what arrives, as a browser would
            try:
                if not await asyncio.wait_for(reader.read(65536), 0.5):
                    break
            except TimeoutError:
                continue
        writer.close()

    await asyncio.gather(*(one() for _ in range(count)), return_exceptions=True)


def with_streams(
    env: dict[str, str], ids: dict[str, str], args: argparse.Namespace
) -> dict[str, float]:
    """Another user's render polls while `args.streams` event streams are open, and the
    database connections at their peak and a few seconds after the streams closed."""
    stop, peak = threading.Event(), [0]
    opened: list[int] = []
    path = f"/api/v1/renders/{ids['followed']}/events"
    streams = threading.Thread(
        target=lambda: asyncio.run(_hold_streams(path, ids["session"], args.streams, opened, stop))
    )
    streams.start()

    def sample() -> None:
        while not stop.wait(0.2):
            peak[0] = max(peak[0], database_connections(env))

    sampler = threading.Thread(target=sample)
    sampler.start()
    time.sleep(3)  # every stream open and waiting
    polls = wrk(f"/api/v1/renders/{ids['render']}", args.seconds, args.connections, ids["token"])
    held = len(opened)
    stop.set()
    streams.join()
    sampler.join()
    time.sleep(3)
    return {**polls, "streams": held, "peak_db": peak[0], "after_db": database_connections(env)}


def start_server(kind: str, env: dict[str, str], workers: int) -> subprocess.Popen[bytes]:
    """`deployed`: exactly what `make serve` starts; `sync`: gunicorn's sync WSGI workers."""
    from ecg.serve import gunicorn_argv

    bind = f"127.0.0.1:{PORT}"
    if kind == "deployed":
        argv = gunicorn_argv(bind=bind, workers=workers, access_log="/dev/null")
    else:
        argv = [sys.executable, "-m", "gunicorn", "ecg.wsgi", "-b", bind, "-w", str(workers)]
    server = subprocess.Popen(argv, cwd=ROOT, env=env)
    for _ in range(200):
        try:
            requests.get(f"{BASE}/healthz/live", timeout=1)
            return server
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"the {kind} server did not start")


def measure(ids: dict[str, str], args: argparse.Namespace) -> dict[str, dict[str, float]]:
    token = ids["token"]
    return {
        "bare liveness view (no DB)": wrk("/healthz/live", args.seconds, args.connections, None),
        "video status poll GET /api/v1/videos/{id}": wrk(
            f"/api/v1/videos/{ids['video']}", args.seconds, args.connections, token
        ),
        "render status poll GET /api/v1/renders/{id}": wrk(
            f"/api/v1/renders/{ids['render']}", args.seconds, args.connections, token
        ),
        "video listing GET /api/v1/videos (page of 20)": wrk(
            "/api/v1/videos", args.seconds, args.connections, token
        ),
    }


def report(kind: str, results: dict[str, dict[str, float]]) -> None:
    bare = results["bare liveness view (no DB)"]["rps"]
    print(f"-- {kind}")
    for name, r in results.items():
        print(
            f"{name:48} {r['rps']:8.0f} req/s ({r['rps'] / bare:4.0%} of bare)  "
            f"p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  non-2xx {r['errors']:.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--no-upload", action="store_true", help="skip the 1 GiB upload")
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
    ids = seed(env)
    from ecg.serving import web_threads  # the project is importable once seed() set it up

    stop = threading.Event()
    threading.Thread(target=keep_jobs_running, args=(stop,), daemon=True).start()
    results: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for kind in ("sync", "deployed"):
            server = start_server(kind, env, args.workers)
            try:
                results[kind] = measure(ids, args)
                if kind == "deployed":
                    streamed = with_streams(env, ids, args)
                    upload = None if args.no_upload else upload_gib(ids["token"], server.pid)
            finally:
                server.terminate()
                server.wait(20)
    finally:
        stop.set()
    print(
        f"{args.workers} worker processes each, wrk 2 threads {args.connections} connections "
        f"{args.seconds} s each, {os.cpu_count()} cores; deployed = ecg.serve "
        f"(uvicorn workers, WEB_THREADS={web_threads()}, "
        f"DB_POOL_MAX_SIZE={env['DB_POOL_MAX_SIZE']}), sync = gunicorn sync WSGI workers"
    )
    for kind, measured in results.items():
        report(kind, measured)
    quiet = results["deployed"]["render status poll GET /api/v1/renders/{id}"]
    print(
        f"render polls with {streamed['streams']:.0f} of {args.streams} event streams open: "
        f"{streamed['rps']:.0f} req/s, p99 {streamed['p99']:.2f} ms "
        f"({streamed['p99'] / quiet['p99']:.2f}x the p99 without streams), "
        f"non-2xx {streamed['errors']:.0f}; database connections: peak {streamed['peak_db']:.0f} "
        f"(ceiling {args.workers * int(env['DB_POOL_MAX_SIZE'])}), "
        f"3 s after {streamed['after_db']:.0f}"
    )
    if upload is not None:
        growth, speed = upload
        print(
            f"1 GiB upload through the signed local URL: {speed:.0f} MiB/s, "
            f"peak worker RSS growth {growth:.1f} MiB"
        )


if __name__ == "__main__":
    main()
