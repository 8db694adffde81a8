"""The remote worker's front door: a job is checked field by field, with each kind's own rules,
before any work starts; nothing unsigned gets in."""

import io
import json
import uuid

import pytest

from ecg.hmac_auth import sign
from ecg.jobs.remote_worker import application
from media.tests.factories import sample_transcript

SECRET = "render-secret-0123456789abcdefghijkl"


@pytest.fixture(autouse=True)
def secrets(settings):
    settings.REMOTE_RENDER_SECRETS = [SECRET]
    settings.REMOTE_TRANSCRIBE_SECRETS = ["transcribe-secret-0123456789abcdefghij"]


def call(method, path, body=b"", headers=None):
    answer = {}

    def start_response(status, response_headers):
        answer["status"] = int(status.split()[0])

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    data = b"".join(application(environ, start_response))
    return answer["status"], json.loads(data)


def post_job(job, secret=SECRET):
    body = json.dumps(job).encode()
    return call("POST", "/jobs", body, sign(body, secret))


def render_job(**changes):
    return {
        "kind": "render",
        "job": str(uuid.uuid4()),
        "input_url": "http://127.0.0.1:9/input",
        "callback_url": "http://127.0.0.1:9/api/v1/callbacks/render",
        "output_upload": {"method": "PUT", "url": "http://127.0.0.1:9/out", "headers": {}},
        "payload": {
            "transcript": sample_transcript(),
            "scenario": {"style": {"preset": "pop"}, "output": {"height": None}},
            "source": {"width": 320, "height": 240, "fps": 25.0, "duration": 10.0},
        },
        **changes,
    }


def test_it_answers_that_it_is_up():
    assert call("GET", "/") == (200, {"status": "ok"})


def test_an_unsigned_or_wrongly_signed_job_is_refused():
    body = json.dumps(render_job()).encode()
    status, answer = call("POST", "/jobs", body)
    assert (status, answer["error"]["code"]) == (401, "SIGNATURE_INVALID")
    status, _ = post_job(render_job(), secret="not-the-secret-0123456789abcdefghij")
    assert status == 401


@pytest.mark.parametrize(
    ("job", "field"),
    [
        (render_job(kind="paint"), "kind"),
        (render_job(job="not-a-uuid"), "job"),
        (render_job(callback_url="nowhere"), "callback_url"),
        (
            render_job(payload={**render_job()["payload"], "transcript": {"version": 1}}),
            "payload.transcript.language",
        ),
        (
            render_job(
                payload={**render_job()["payload"], "scenario": {"style": {"font_size": 5}}}
            ),
            "payload.scenario.style.font_size",
        ),
        (
            render_job(payload={**render_job()["payload"], "source": {"width": -1}}),
            "payload.source.width",
        ),
    ],
)
def test_a_malformed_job_names_the_field_and_starts_nothing(job, field):
    status, answer = post_job(job)
    assert status == 400
    assert field in answer["error"]["details"]["fields"]


def test_a_transcription_job_is_checked_with_the_transcription_options():
    job = render_job(
        kind="transcription",
        payload={"options": {"language": "english!", "diarize": "yes"}, "duration": 3.0},
    )
    body = json.dumps(job).encode()
    status, answer = call(
        "POST", "/jobs", body, sign(body, "transcribe-secret-0123456789abcdefghij")
    )
    assert status == 400
    assert {"language", "diarize"} <= set(answer["error"]["details"]["fields"])


def test_speech_spans_that_are_not_spans_are_a_refused_field_not_a_crash():
    job = render_job(
        kind="transcription",
        payload={
            "options": {"diarize": True, "speakers_only": True},
            "duration": 3.0,
            "speech": [[0, "soon"]],
        },
    )
    body = json.dumps(job).encode()
    status, answer = call(
        "POST", "/jobs", body, sign(body, "transcribe-secret-0123456789abcdefghij")
    )
    assert (status, answer["error"]["code"]) == (400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("GET", "/elsewhere", b"", (404, "NOT_FOUND")),
        ("GET", "/jobs", b"", (405, "METHOD_NOT_ALLOWED")),
    ],
)
def test_other_requests_are_refused_in_the_one_error_shape(method, path, body, expected):
    status, answer = call(method, path, body)
    assert (status, answer["error"]["code"]) == expected
