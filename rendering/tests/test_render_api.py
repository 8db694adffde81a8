"""The render API: creation (rate limited), listing, detail, cancel, presets, access."""

import time

import pytest
from django.core.cache import cache

from conftest import bearer
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def video(user, media_root, sample_video):
    video = ready_video(user, media_root, sample_video, duration=3.0, width=320, height=240)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript(duration=3.0)
    )
    return video


def create(api, video, **body):
    return api.post("/api/v1/renders", {"video": str(video.pk), **body}, format="json")


def test_a_render_is_queued_with_a_frozen_scenario_and_transcript(api, video):
    response = create(api, video, style={"preset": "pop", "font_size": 80}, output={"height": None})
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["download_url"]) == ("queued", None)
    assert body["scenario"]["style"]["font_size"] == 80
    job = RenderJob.objects.get(pk=body["id"])
    assert job.transcript_snapshot == video.transcripts.get().data


def test_a_custom_transcript_is_validated(api, video):
    broken = sample_transcript(duration=3.0)
    broken["segments"][0]["words"][1]["start"] = 0.0
    response = create(api, video, transcript=broken)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "TRANSCRIPT_INVALID"
    assert "transcript.segments.0.words.1.start" in error["details"]["fields"]


def test_a_custom_transcript_postgresql_cannot_store_is_refused_naming_the_path(api, video):
    hostile = sample_transcript(duration=3.0)
    hostile["segments"][0]["words"][1]["text"] = "back\u0000"
    response = create(api, video, transcript=hostile)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALUE_NOT_STORABLE"
    assert error["details"]["path"] == "transcript.segments.0.words.1.text"
    assert not RenderJob.objects.exists()


@pytest.mark.parametrize("preset", [["pop"], {"name": "pop"}, 7])
def test_a_preset_that_is_not_a_string_is_refused_naming_it(api, video, preset):
    response = create(api, video, style={"preset": preset})
    assert response.status_code == 400
    assert "style.preset" in response.json()["error"]["details"]["fields"]
    layout = api.post(
        "/api/v1/captions/layout",
        {"transcript": sample_transcript(duration=3.0), "style": {"preset": preset}},
        format="json",
    )
    assert layout.status_code == 400
    assert "style.preset" in layout.json()["error"]["details"]["fields"]
    assert not RenderJob.objects.exists()


def test_the_layout_answers_the_style_as_the_export_draws_it(api):
    transcript = sample_transcript(speakers=2)
    transcript["speakers"] = [
        {"id": "SPEAKER_00", "label": "Host", "color": "#FFD84D"},
        {"id": "SPEAKER_01", "label": "Guest", "color": "#33CCFF"},
    ]
    style = {"preset": "boxed", "font_family": "inter", "speaker_colors": {"SPEAKER_01": "#FF3366"}}
    layout = api.post(
        "/api/v1/captions/layout", {"transcript": transcript, "style": style}, format="json"
    )
    assert layout.status_code == 200, layout.json()
    drawn = layout.json()["style"]
    assert drawn["font_family"] == "Inter"  # as the font list spells it
    assert drawn["box_color"] == "#000000B3"  # the preset's own fields under the overrides
    # The transcript's colours, a colour the style sets winning (the export's rule).
    assert drawn["speaker_colors"] == {"SPEAKER_00": "#FFD84D", "SPEAKER_01": "#FF3366"}


def test_scenario_errors_name_the_field(api, video):
    response = create(api, video, style={"font_size": 1000, "animation": "spin"})
    assert response.status_code == 400
    assert {"style.font_size", "style.animation"} <= set(
        response.json()["error"]["details"]["fields"]
    )
    assert not RenderJob.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"output": {"safe_area": "snapchat"}}, "output.safe_area", "tiktok"),
        # 16 px on a 1080-line frame is 3.6 px on this 320x240 source: unreadable.
        ({"style": {"font_size": 16}}, "style.font_size", "at least 45"),
    ],
)
def test_an_option_that_cannot_work_is_refused_naming_the_field(api, video, body, field, says):
    response = create(api, video, **body)
    assert response.status_code == 400
    fields = response.json()["error"]["details"]["fields"]
    assert says in fields[field]
    assert not RenderJob.objects.exists()


def test_a_safe_area_is_an_output_option(api, video):
    response = create(api, video, output={"safe_area": "reels"})
    assert response.status_code == 202
    assert response.json()["scenario"]["output"]["safe_area"] == "reels"


def test_a_video_without_transcript_cannot_be_exported_yet(api, video):
    video.transcripts.all().delete()
    response = create(api, video)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "TRANSCRIPT_NOT_READY"


def test_the_21st_request_in_a_minute_is_rate_limited(api, video, settings):
    settings.QUOTA_CONCURRENT_RENDERS = 100
    settings.QUOTA_DAILY_RENDERS = 100
    left = 60 - time.time() % 60
    if left < 10:  # the limit counts per clock minute: all 21 requests in one
        time.sleep(left + 0.1)
    statuses = [create(api, video).status_code for _ in range(20)]
    assert statuses == [202] * 20
    response = create(api, video)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "RATE_LIMITED"
    assert 0 < int(response["Retry-After"]) <= 60
    assert error["details"]["retry_after"] == int(response["Retry-After"])
    assert RenderJob.objects.count() == 20


def test_the_rate_limit_is_per_user(api, video, other_user, settings):
    settings.RENDER_RATE_LIMIT = "1/m"
    assert create(api, video).status_code == 202
    assert create(api, video).status_code == 429
    other = bearer(other_user)
    assert (
        other.post("/api/v1/renders", {"video": str(video.pk)}, format="json").status_code == 404
    )  # not rate limited: just not theirs


def test_list_and_detail(api, video):
    first = create(api, video).json()["id"]
    listing = api.get(f"/api/v1/renders?video={video.pk}").json()
    assert [r["id"] for r in listing["results"]] == [first]
    assert api.get(f"/api/v1/renders/{first}").json()["status"] == "queued"
    assert api.get("/api/v1/renders?video=nope").json()["error"]["code"] == "VALIDATION_ERROR"


@pytest.mark.parametrize(("method", "suffix"), [("get", ""), ("post", "/cancel")])
def test_another_users_render_is_not_found(api, video, other_user, method, suffix):
    render_id = create(api, video).json()["id"]
    response = getattr(bearer(other_user), method)(f"/api/v1/renders/{render_id}{suffix}")
    assert response.status_code == 404
    assert RenderJob.objects.get(pk=render_id).status == "queued"


def test_presets_are_listed_with_their_style_and_thumbnail(api):
    presets = api.get("/api/v1/presets").json()
    assert len(presets) >= 5
    assert all(
        p["thumbnail_url"].endswith(f"/static/captions/presets/{p['name']}.png") for p in presets
    )
    assert {"font_family", "animation"} <= set(presets[0]["style"])
