"""A user deactivated in the admin is refused by the status polls at once, although the polls
answer from cached snapshots that outlive the deactivation (accounts.user_state)."""

import pytest
from django.urls import reverse

from accounts.models import User
from ecg.jobs.services import job_start, job_succeed
from media.models import TranscriptionJob
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob
from rendering.scenario import validate_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def render(user, media_root, sample_video, django_capture_on_commit_callbacks):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    with django_capture_on_commit_callbacks(execute=True):
        job = RenderJob.objects.create(
            owner=user,
            video=video,
            transcript_snapshot=sample_transcript(),
            scenario=validate_scenario(None, None, source_height=video.height),
        )
        TranscriptionJob.objects.create(video=video)
        job_start(job=job, phase="painting")
        job_succeed(job=job, output_key=f"renders/{job.pk}/output.mp4", output_size=10)
    return job


def deactivate_in_the_admin(client, user, django_capture_on_commit_callbacks):
    """Untick "active" on the user's change page and save it, as staff do."""
    client.force_login(User.objects.create_superuser("staff@example.com", "staff-password-1"))
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    data = {}
    for form in [page.context["adminform"].form] + [
        form for inline in page.context["inline_admin_formsets"] for form in inline.formset
    ]:
        data.update({form.add_prefix(name): value for name, value in form.initial.items() if value})
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(n): v for n, v in management.initial.items()})
    data.pop("is_active")
    data["groups"] = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    user.refresh_from_db()
    assert not user.is_active


def test_a_deactivated_user_polls_no_render_and_no_download_link(
    api, client, user, render, django_capture_on_commit_callbacks
):
    served = api.get(f"/api/v1/renders/{render.pk}")
    assert served.json()["download_url"]
    deactivate_in_the_admin(client, user, django_capture_on_commit_callbacks)
    refused = api.get(f"/api/v1/renders/{render.pk}")
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "TOKEN_INVALID")
    assert "download_url" not in refused.content.decode()


def test_a_deactivated_user_polls_no_video_and_no_source_link(
    api, client, user, render, django_capture_on_commit_callbacks
):
    url = f"/api/v1/videos/{render.video_id}"
    assert api.get(url).json()["source_url"]
    assert api.get(url).json()["source_url"]  # now from the cached video status
    deactivate_in_the_admin(client, user, django_capture_on_commit_callbacks)
    refused = api.get(url)
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "TOKEN_INVALID")
    assert "source_url" not in refused.content.decode()
