"""The server as deployed (ecg.serve: what `make serve` and the Docker image start), on
PostgreSQL and Redis with DEBUG off: event streams hold no database connection while they wait
and hear a change at once, connections stay under the pool's ceiling, a pool that runs dry is a
503 that /healthz reports, and a body without a length is refused before it is read."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
import redis
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.services import tokens_issue
from conftest import ROOT, free_port, requires_redis, subprocess_env, wait_for_http
from ecg.jobs.services import job_progress, job_start
from ecg.serve import gunicorn_argv
from ecg.serving import STREAM_PATH, without_underscored_headers
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = [pytest.mark.slow, pytest.mark.postgres, requires_redis]
SERVER_SECRET = "serving-test-secret-key-0123456789abcdefghij"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = str(tmp_path_factory.mktemp("static"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=subprocess_env(DEBUG="false", SECRET_KEY="x" * 40, STATIC_ROOT=root),
        check=True,
        capture_output=True,
    )
    return root


@pytest.fixture
def serve(static_root: str) -> Iterator:
    """Start the deployed server with some settings of its environment changed."""
    started: list[subprocess.Popen] = []

    def start(workers: int = 1, **env: str) -> str:
        port = free_port()
        server_env = subprocess_env(
            DEBUG="false",
            SECRET_KEY=SERVER_SECRET,
            JWT_SIGNING_KEY=settings.SIMPLE_JWT["SIGNING_KEY"],  # tokens issued by this test
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=static_root,
            LOG_LEVEL="WARNING",
            **env,
        )
        server_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests', not production's
        argv = gunicorn_argv(bind=f"127.0.0.1:{port}", workers=workers, access_log="/dev/null")
        started.append(subprocess.Popen(argv, cwd=ROOT, env=server_env))
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/healthz/live", timeout=60)
        return base

    yield start
    for server in started:
        server.terminate()
        server.wait(20)


def server_connections() -> int:
    """Connections to the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return int(cursor.fetchone()[0])


def jwt(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens_issue(user=user).access}"}


def session_cookie(user) -> str:
    """A signed-in session as the server reads it (signed with the server's secret)."""
    with override_settings(SECRET_KEY=SERVER_SECRET):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
    return session.session_key


@pytest.fixture
def render_job(user, media_root, sample_video) -> RenderJob:
    video = ready_video(user, media_root, sample_video, duration=10.0)
    job = RenderJob.objects.create(
        owner=user,
        video=video,
        transcript_snapshot=sample_transcript(),
        scenario=validate_scenario(None, None, source_height=video.height),
    )
    job_start(job=job, phase="painting")
    return job


class Streams:
    """`count` event streams held open on raw sockets, each event's arrival time kept."""

    def __init__(self, base: str, path: str, cookie: str, count: int) -> None:
        self.port = int(base.rsplit(":", 1)[1])
        self.request = (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={cookie}\r\n"
            "Accept: text/event-stream\r\n\r\n"
        ).encode()
        self.count = count
        self.events: list[tuple[float, bytes]] = []
        self.opened = 0
        self.statuses: list[bytes] = []
        self.ended: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _one(self) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(self.request)
        status = await reader.readline()
        self.statuses.append(status)
        if b" 200 " in status:
            self.opened += 1
        while not self.stop.is_set():
            try:
                chunk = await asyncio.wait_for(reader.read(65536), 0.2)
            except TimeoutError:
                continue
            if not chunk:
                break
            self.events.extend((time.monotonic(), b) for b in chunk.split(b"\n\n") if b"data:" in b)
            if chunk.endswith(b"0\r\n\r\n"):  # the last chunk of the response: it ended
                break
        self.ended.append(time.monotonic())
        writer.close()

    async def _run(self) -> None:
        await asyncio.gather(*(self._one() for _ in range(self.count)), return_exceptions=True)

    def __enter__(self) -> Streams:
        self.thread.start()
        deadline = time.monotonic() + 30
        while len(self.events) < self.count and time.monotonic() < deadline:
            time.sleep(0.05)  # every stream sent its first event
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)


@pytest.mark.django_db(transaction=True)
def test_waiting_streams_hold_no_database_connection_and_others_are_served(
    serve, user, other_user, render_job
):
    base = serve(DB_POOL_MAX_SIZE="4")
    path = f"/api/v1/renders/{render_job.pk}/events"
    with Streams(base, path, session_cookie(user), 40) as streams:
        assert streams.opened == 40, streams.statuses[:3]
        time.sleep(1)  # every first read long finished: what is left is what waiting holds
        assert server_connections() <= 4  # the pool's ceiling (the pool keeps some idle)
        pubsub = redis.Redis.from_url(settings.REDIS_URL).client_list(_type="pubsub")
        assert len(pubsub) == 1  # the one worker process's subscription, shared by 40 streams
        other = requests.Session()
        answers = [
            other.get(f"{base}/api/v1/videos", headers=jwt(other_user), timeout=10).status_code
            for _ in range(30)
        ]
        assert answers == [200] * 30
        assert server_connections() <= 4


@pytest.mark.django_db(transaction=True)
def test_a_stream_hears_a_change_as_soon_as_it_commits(serve, user, render_job):
    """Streams wake on change notices (Redis pub/sub), not on a timer: the event arrives well
    before the stream's own slow re-read (ecg.events.RECHECK_SECONDS)."""
    base = serve()
    path = f"/api/v1/renders/{render_job.pk}/events"
    with Streams(base, path, session_cookie(user), 1) as stream:
        assert len(stream.events) == 1
        time.sleep(0.5)
        changed = time.monotonic()
        job_progress(job=render_job, phase="painting", progress=61)
        deadline = changed + 5
        while len(stream.events) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        arrived, event = stream.events[1]
        assert b'"progress": 61' in event
        assert arrived - changed < 2.0


@pytest.mark.django_db(transaction=True)
def test_a_deactivated_users_streams_end_at_once(serve, user, render_job):
    base = serve()
    path = f"/api/v1/renders/{render_job.pk}/events"
    with Streams(base, path, session_cookie(user), 1) as stream:
        assert len(stream.events) == 1
        changed = time.monotonic()
        user.is_active = False
        user.save(update_fields=["is_active"])
        deadline = changed + 5
        while not stream.ended and time.monotonic() < deadline:
            time.sleep(0.02)
        assert stream.ended
        assert stream.ended[0] - changed < 2.0  # told, not found at the next slow re-read
        assert len(stream.events) == 1  # nothing more was sent to them


@pytest.mark.django_db(transaction=True)
def test_a_pool_that_stays_dry_is_a_503_and_healthz_reports_it(serve, user):
    """One pooled connection, held by a request waiting on a lock: the next request waits
    for the pool's timeout and is told to retry; nothing answers 500."""
    base = serve(DB_POOL_MAX_SIZE="1", DB_POOL_MIN_SIZE="1", DB_POOL_TIMEOUT="1")
    headers = jwt(user)
    assert requests.get(f"{base}/api/v1/renders", headers=headers, timeout=10).status_code == 200
    healthy = requests.get(f"{base}/healthz", timeout=10).json()["components"]["database"]
    assert healthy["pool"]["pool_max"] == 1
    conninfo = connection.get_connection_params()
    with psycopg.connect(**conninfo) as locker:
        locker.execute("LOCK TABLE rendering_renderjob IN ACCESS EXCLUSIVE MODE")
        held = threading.Thread(
            target=requests.get,
            args=(f"{base}/api/v1/renders",),
            kwargs={"headers": headers, "timeout": 30},
        )
        held.start()
        time.sleep(0.5)  # that request has the only connection and waits on the lock
        busy = requests.get(f"{base}/api/v1/videos", headers=headers, timeout=10)
        assert busy.status_code == 503
        assert busy.json()["error"]["code"] == "DATABASE_BUSY"
        assert busy.headers["Retry-After"]
        health = requests.get(f"{base}/healthz", timeout=10)
        assert health.status_code == 503
        assert health.json()["components"]["database"]["ok"] is False
        locker.rollback()
    held.join(30)
    assert requests.get(f"{base}/healthz", timeout=10).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_body_without_a_length_is_refused_before_it_is_read(serve):
    base = serve()
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"100000\r\n"
            + bytes(1024)  # the start of a chunk announced as 1 MiB, never finished
        )
        answer = b""
        while chunk := sock.recv(4096):  # the server closes the connection after its answer
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 411")
    assert b'"LENGTH_REQUIRED"' in answer


def test_a_header_spelled_with_underscores_cannot_pass_for_a_proxys():
    """X_Forwarded_For and X-Forwarded-For are one name in a WSGI environ: the first is dropped
    before the app sees it (as gunicorn and runserver do), the second kept."""
    headers = [(b"x-forwarded-for", b"10.0.0.1"), (b"x_forwarded_for", b"6.6.6.6"), (b"host", b"a")]
    assert without_underscored_headers(headers) == [
        (b"x-forwarded-for", b"10.0.0.1"),
        (b"host", b"a"),
    ]


def stream_views() -> list[str]:
    """The route of every view that is a coroutine (the only async views are streams)."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and asyncio.iscoroutinefunction(pattern.callback):
                found.append(pattern.name or "")

    walk(get_resolver().url_patterns, "")
    return found


def test_every_async_view_is_served_on_the_async_path():
    """A coroutine view on the threaded path would hold a thread while it streams."""
    names = stream_views()
    assert names  # the event streams exist
    some_id = "0b5e4a56-6d1e-4c39-9a3e-5f0d7c1c2b3a"
    for name in names:
        route = reverse(name, args=[some_id])
        assert STREAM_PATH.match(route), route


@pytest.mark.django_db(transaction=True)
def test_uploads_and_downloads_stream_through_the_transfer_path(serve, user, sample_video):
    """The signed local transfer URLs take and give whole files (a2wsgi, both ways streamed);
    the JSON around them takes the one hand-off path."""
    base = serve(MEDIA_ROOT=str(settings.MEDIA_ROOT))
    api = requests.Session()
    api.headers.update(jwt(user))
    created = api.post(
        f"{base}/api/v1/videos",
        json={
            "filename": sample_video.name,
            "size": sample_video.stat().st_size,
            "content_type": "video/mp4",
        },
        timeout=10,
    )
    assert created.status_code == 201, created.text
    with sample_video.open("rb") as body:
        put = requests.put(
            created.json()["upload"]["url"],
            data=body,
            headers={"Content-Type": "video/mp4"},
            timeout=30,
        )
    assert put.status_code == 201
    video_id = created.json()["video"]["id"]
    done = api.post(f"{base}/api/v1/videos/{video_id}/complete", timeout=30)
    assert done.status_code == 200, done.text
    source = api.get(done.json()["source_url"], headers={"Range": "bytes=10-19"}, timeout=30)
    assert (source.status_code, source.content) == (206, sample_video.read_bytes()[10:20])
