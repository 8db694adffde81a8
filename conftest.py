"""Shared fixtures: users and API clients, generated media, a moto S3 server, subprocesses."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from dramatiq.brokers.redis import RedisBroker
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import tokens_issue

# Playwright's sync API keeps an event loop running in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent
PASSWORD = "Correct-Horse-Battery-9"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serializes writers and has no SELECT ... FOR UPDATE "
            "(SKIP LOCKED), so this claim would pass without being tested"
        )


@pytest.fixture(autouse=True)
def media_root(tmp_path: Path, settings) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def make_user(db) -> Callable[..., User]:  # type: ignore[no-untyped-def]
    def make(email: str = "creator@example.com", password: str = PASSWORD, **fields) -> User:  # type: ignore[no-untyped-def]
        return User.objects.create_user(email, password, **fields)

    return make


@pytest.fixture
def user(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user()


@pytest.fixture
def other_user(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("someone.else@example.com")


def bearer(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_issue(user=user).access}")
    return client


@pytest.fixture
def api(user: User) -> APIClient:
    """An API client authenticated as `user` with a JWT access token."""
    return bearer(user)


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


# --- Media generated at test time ----------------------------------------------------------


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


def make_clip(path: Path, *, picture: str, audio: str | Path, seconds: float | None = None) -> Path:
    """An H.264 + AAC mp4 (index at the front) from an ffmpeg test source and either a lavfi
    audio source or an audio file (then as long as the audio)."""
    sound = ["-i", str(audio)] if isinstance(audio, Path) else ["-f", "lavfi", "-i", audio]
    length = ["-t", str(seconds)] if seconds else ["-shortest"]
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        picture,
        *sound,
        *length,
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-movflags",
        "+faststart",
        str(path),
    )
    return path


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("generated-media")


@pytest.fixture(scope="session")
def sample_video(media_dir: Path) -> Path:
    """A 3 s 320x240 H.264 + AAC clip with the index at the front."""
    return make_clip(
        media_dir / "sample.mp4",
        picture="testsrc2=size=320x240:rate=25",
        audio="sine=frequency=440:sample_rate=16000",
        seconds=3,
    )


# --- Services run as separate processes ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """moto's standalone S3-compatible server on loopback."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(endpoint)
        yield endpoint
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def s3_storage(moto_endpoint: str, settings) -> str:  # type: ignore[no-untyped-def]
    """Switch file storage to a fresh bucket on the moto server; returns the bucket name."""
    import boto3

    bucket = f"ecg-test-{os.urandom(4).hex()}"
    boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=bucket)
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.USE_S3 = True
    settings.AWS_S3_ENDPOINT_URL = moto_endpoint
    settings.AWS_ACCESS_KEY_ID = "test"
    settings.AWS_SECRET_ACCESS_KEY = "test"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    return bucket


def database_url() -> str:
    """A DATABASE_URL for subprocesses that points at the current (test) database."""
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user = conf.get("USER") or ""
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = f"{conf.get('HOST') or '127.0.0.1'}:{conf.get('PORT') or 5432}"
    return f"postgres://{auth}{host}/{conf['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "ECG_TESTING": "0",
        "DEBUG": "true",
        "JOB_SWEEP_INTERVAL_SECONDS": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


requires_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real Redis server)"
)
requires_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")


# --- Speech generated at test time (espeak-ng), two voices -----------------------------------
# Two distinct voices: variants of one base voice (en-gb and en-gb+f3) sound the same.
UTTERANCES = (
    ("en-us+m3", "Welcome back to the channel. Today we are building captions for every video."),
    ("en-us+f3", "Thanks for having me. Let us talk about the weather in London."),
)
PAUSE_SECONDS = 0.8


@pytest.fixture(scope="session")
def speech(media_dir: Path) -> dict:
    """A 16 kHz WAV of two speakers, with where the second one starts."""
    parts = []
    for index, (voice, text) in enumerate(UTTERANCES):
        part = media_dir / f"utterance-{index}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(part), text], check=True)
        parts.append(part)
    first = float(
        subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                str(parts[0]),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    path = media_dir / "speech.wav"
    ffmpeg(
        "-i",
        str(parts[0]),
        "-i",
        str(parts[1]),
        "-filter_complex",
        f"[0:a]apad=pad_dur={PAUSE_SECONDS}[a0];[a0][1:a]concat=n=2:v=0:a=1",
        "-ar",
        "16000",
        "-ac",
        "1",
        str(path),
    )
    return {"path": path, "second_starts": first + PAUSE_SECONDS}


@pytest.fixture(scope="session")
def speech_video(media_dir: Path, speech: dict) -> Path:
    """A 320x240 H.264 + AAC video whose soundtrack is the speech."""
    return make_clip(
        media_dir / "speech.mp4", picture="testsrc2=size=320x240:rate=25", audio=speech["path"]
    )


@pytest.fixture(scope="session")
def tiny_align_model(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A tiny, randomly initialised Wav2Vec2ForCTC directory: runs WhisperX's alignment code
    path offline in under a second (its timings mean nothing)."""
    import json

    import torch
    from transformers import (
        Wav2Vec2Config,
        Wav2Vec2CTCTokenizer,
        Wav2Vec2FeatureExtractor,
        Wav2Vec2ForCTC,
        Wav2Vec2Processor,
    )

    directory = tmp_path_factory.mktemp("wav2vec2-tiny")
    vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3, "|": 4, "'": 5}
    vocab.update({letter: 6 + i for i, letter in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")})
    (directory / "vocab.json").write_text(json.dumps(vocab))
    tokenizer = Wav2Vec2CTCTokenizer(
        str(directory / "vocab.json"),
        unk_token="<unk>",
        pad_token="<pad>",
        word_delimiter_token="|",
    )
    extractor = Wav2Vec2FeatureExtractor(
        feature_size=1,
        sampling_rate=16000,
        padding_value=0.0,
        do_normalize=True,
        return_attention_mask=False,
    )
    config = Wav2Vec2Config(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=37,
        conv_dim=(32, 32, 32),
        conv_stride=(5, 4, 4),
        conv_kernel=(10, 4, 4),
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        pad_token_id=0,
    )
    torch.manual_seed(0)
    Wav2Vec2ForCTC(config).save_pretrained(directory)
    Wav2Vec2Processor(feature_extractor=extractor, tokenizer=tokenizer).save_pretrained(directory)
    return directory


@pytest.fixture
def stub_worker() -> Iterator:  # type: ignore[type-arg]
    """An in-process Dramatiq worker on the (stub) broker the actors are bound to."""
    import dramatiq

    broker = dramatiq.get_broker()
    broker.flush_all()
    worker = dramatiq.Worker(broker, worker_timeout=50, worker_threads=1)
    worker.start()
    try:
        yield broker
    finally:
        worker.stop()
        broker.flush_all()


def drain(broker, *queues: str, timeout_ms: int = 180_000) -> None:  # type: ignore[no-untyped-def]
    for queue in queues:
        broker.join(queue, timeout=timeout_ms)


@contextmanager
def redis_worker(
    *queues: str, extra_env: dict[str, str] | None = None, redis_url: str | None = None
):
    """A `manage.py rundramatiq` process on a private Redis namespace, and a broker to it."""
    namespace = f"ecg-test-{uuid.uuid4().hex[:8]}"
    redis_url = redis_url or os.environ["REDIS_URL"]
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "rundramatiq",
            "--processes",
            "1",
            "--threads",
            "1",
            "--queues",
            *queues,
        ],
        cwd=ROOT,
        env=subprocess_env(
            REDIS_URL=redis_url,
            BROKER_URL=redis_url,
            BROKER_NAMESPACE=namespace,
            JOB_HEARTBEAT_SECONDS="1",
            **(extra_env or {}),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    broker = RedisBroker(url=redis_url, namespace=namespace)
    for queue in queues:
        broker.declare_queue(queue)
    try:
        yield worker, broker
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.output, _ = worker.communicate()
        broker.flush_all()
        broker.close()


class AwayBroker:
    """A RedisBroker on a port where no server listens yet (every send is refused, as when the
    broker is away), which the actors are bound to; `back()` starts a redis-server there."""

    namespace = "ecg-away"

    def __init__(self) -> None:
        self.port = free_port()
        self.broker = RedisBroker(url=f"redis://127.0.0.1:{self.port}/0", namespace=self.namespace)
        self.server: subprocess.Popen[bytes] | None = None

    def back(self) -> None:
        self.server = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10)

    def _answers(self) -> bool:
        try:
            return bool(self.broker.client.ping())
        except Exception:
            return False

    def messages(self, queue: str) -> list:  # type: ignore[type-arg]
        """The messages waiting in a queue, decoded."""
        import dramatiq

        raw = self.broker.client.hvals(f"{self.namespace}:{queue}.msgs")
        return [dramatiq.Message.decode(data) for data in raw]

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(10)
        self.broker.close()


@pytest.fixture
def broker_away() -> Iterator[AwayBroker]:
    import dramatiq

    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    previous = dramatiq.get_broker()
    away = AwayBroker()
    for actor in previous.actors.values():
        actor.broker = away.broker
        away.broker.declare_actor(actor)
    dramatiq.set_broker(away.broker)
    try:
        yield away
    finally:
        for actor in previous.actors.values():
            actor.broker = previous
        dramatiq.set_broker(previous)
        away.stop()


def wait_until(predicate, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise TimeoutError
