"""The production start path: a server with DEBUG off either serves its pages or refuses to
start with the command that fixes it; it never answers every page with a 500."""

import subprocess
import sys

import pytest
import requests

from conftest import ROOT, free_port, subprocess_env, wait_for_http
from ecg.serve import gunicorn_argv

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def production_env(static_root):
    env = subprocess_env(
        DEBUG="false",
        SECRET_KEY="production-test-secret-key-0123456789abcdefgh",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' setting, never production's
    return env


def gunicorn(port, env):
    """The server as deployed (ecg.serve: `make serve` and the Docker image)."""
    return subprocess.Popen(
        gunicorn_argv(bind=f"127.0.0.1:{port}", workers=1),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_without_collected_static_files_the_server_refuses_to_start(tmp_path):
    server = gunicorn(free_port(), production_env(tmp_path / "static"))
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "collectstatic --noinput" in output


def test_with_collected_static_files_pages_and_docs_are_served(tmp_path):
    env = production_env(tmp_path / "static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = gunicorn(port, env)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz/live")
        for path in ("/", "/accounts/login/", "/docs"):
            response = requests.get(f"http://127.0.0.1:{port}{path}", timeout=20)
            assert response.status_code == 200, path
    finally:
        server.terminate()
        server.wait(10)


def test_the_deploy_checks_pass_without_a_single_warning(tmp_path):
    """Includes the OpenAPI schema: a generated client gets named enums, not `Status614Enum`."""
    env = production_env(tmp_path / "static")
    env["SECRET_KEY"] = "a-production-secret-key-with-plenty-of-entropy-0123456789-ABCDEFG"
    env["SECURE_SSL_REDIRECT"] = "true"
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
