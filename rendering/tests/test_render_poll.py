"""A render's status poll: answered from the job's snapshot without touching the database,
and the snapshot follows every transition, is dropped with the job, and serves only its owner."""

import pytest

from conftest import bearer
from ecg.jobs.services import job_progress, job_start, job_succeed
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def render(user, media_root, sample_video, django_capture_on_commit_callbacks):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    with django_capture_on_commit_callbacks(execute=True):
        return RenderJob.objects.create(
            owner=user,
            video=video,
            transcript_snapshot=sample_transcript(),
            scenario=validate_scenario(None, None, source_height=video.height),
        )


def poll(api, render):
    response = api.get(f"/api/v1/renders/{render.pk}")
    return response.status_code, response.json()


def test_a_poll_follows_each_transition_without_a_query(
    api, render, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        job_start(job=render, phase="painting")
        job_progress(job=render, phase="painting", progress=42)
    with django_assert_num_queries(0):  # the token is checked, the snapshot answers
        status, body = poll(api, render)
    assert (status, body["status"], body["progress"]) == (200, "running", 42)
    assert "transcript_snapshot" not in body
    with django_capture_on_commit_callbacks(execute=True):
        job_succeed(job=render, output_key="renders/x/output.mp4", output_size=10)
    assert poll(api, render)[1]["status"] == "succeeded"


def test_a_deleted_render_is_gone_at_once(api, render, django_capture_on_commit_callbacks):
    assert poll(api, render)[0] == 200
    with django_capture_on_commit_callbacks(execute=True):
        RenderJob.objects.filter(pk=render.pk).delete()
    assert poll(api, render)[0] == 404


def test_another_users_snapshot_is_not_found(other_user, render):
    assert poll(bearer(other_user), render)[0] == 404
