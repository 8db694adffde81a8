"""A creator's own presets: saved with a validated style, listed, renamed, restyled and deleted
by their owner only; names unique per creator whatever the case; usable by id in a render and
a layout request, with a clear error once deleted."""

import json

import pytest

from conftest import bearer
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.models import RenderJob

pytestmark = pytest.mark.django_db
URL = "/api/v1/presets/mine"


def create(api, name="Brand", **style):
    return api.post(
        URL, {"name": name, "style": {"preset": "pop", "font_size": 90, **style}}, format="json"
    )


def test_a_preset_is_saved_with_its_whole_style_and_listed(api):
    response = create(api)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Brand"
    assert body["style"]["preset"] == "pop"
    assert body["style"]["font_size"] == 90
    assert body["style"]["font_family"] == "Poppins"  # the whole look, not just the overrides
    assert [p["name"] for p in api.get(URL).json()] == ["Brand"]


def test_names_are_unique_per_creator_whatever_the_case(api, other_user):
    create(api, "Brand")
    response = create(api, "  bRAND ")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "PRESET_NAME_TAKEN"
    assert create(api, "Classic").json()["error"]["code"] == "PRESET_NAME_TAKEN"  # a built-in
    assert create(bearer(other_user), "Brand").status_code == 201  # another creator's own


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "style": {}}, "name"),
        ({"name": "x" * 61, "style": {}}, "name"),
        ({"name": "a\u0007b", "style": {}}, "name"),
        ({"name": "ok", "style": {"font_size": 1000}}, "style.font_size"),
        (
            {"name": "ok", "style": {"tag_rules": [{"tag": "x", "pattern": "("}]}},
            "style.tag_rules.0.pattern",
        ),
        ({"name": "ok", "style": {"preset": ["pop"]}}, "style.preset"),
        ({"name": "ok", "style": {"preset": {"name": "pop"}}}, "style.preset"),
        ({"name": "ok", "style": {"font_weight": None}}, "style.font_weight"),
    ],
)
def test_a_bad_name_or_style_is_refused_naming_it(api, body, field):
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]["fields"]
    assert api.get(URL).json() == []


def test_a_preset_is_renamed_restyled_and_deleted_by_its_owner_only(api, other_user):
    preset = create(api).json()
    create(api, "Other")
    url = f"{URL}/{preset['id']}"
    assert api.patch(url, {"name": "Other"}, format="json").status_code == 409
    renamed = api.patch(url, {"name": "Loud", "style": {"preset": "boxed"}}, format="json").json()
    assert (renamed["name"], renamed["style"]["preset"], renamed["style"]["font_size"]) == (
        "Loud",
        "boxed",
        54,
    )
    stranger = bearer(other_user)
    assert stranger.patch(url, {"name": "Mine"}, format="json").status_code == 404
    assert stranger.delete(url).status_code == 404
    assert api.delete(url).status_code == 204
    assert [p["name"] for p in api.get(URL).json()] == ["Other"]


def test_at_most_fifty_presets(api):
    for i in range(50):
        assert create(api, f"P{i}").status_code == 201
    response = create(api, "One more")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "PRESET_LIMIT_REACHED")


def test_a_render_uses_a_preset_by_id_and_a_deleted_one_is_named(
    api, user, media_root, sample_video
):
    video = ready_video(user, media_root, sample_video, duration=10.0)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    preset = create(api).json()
    style = {"preset": preset["id"], "highlight_color": "#00FF00"}
    response = api.post("/api/v1/renders", {"video": str(video.pk), "style": style}, format="json")
    assert response.status_code == 202, response.json()
    frozen = RenderJob.objects.get().scenario["style"]
    assert (frozen["preset"], frozen["font_size"], frozen["highlight_color"]) == (
        "pop",
        90,
        "#00FF00",
    )

    layout = api.post(
        "/api/v1/captions/layout",
        {"transcript": sample_transcript(), "style": style},
        format="json",
    )
    assert layout.status_code == 200
    assert layout.json()["style"]["font_size"] == 90

    api.delete(f"{URL}/{preset['id']}")
    response = api.post("/api/v1/renders", {"video": str(video.pk), "style": style}, format="json")
    assert response.status_code == 400
    assert "deleted" in response.json()["error"]["message"]
    assert "style.preset" in response.json()["error"]["details"]["fields"]


def test_a_preset_cannot_be_built_on_another(api):
    base = create(api).json()
    response = api.post(URL, {"name": "Stacked", "style": {"preset": base["id"]}}, format="json")
    assert response.status_code == 400
    assert "style.preset" in response.json()["error"]["details"]["fields"]


@pytest.mark.parametrize(
    ("style", "path"),
    [
        ({"keywords": ["brand\u0000"]}, "style.keywords.0"),
        ({"keywords": ["\ud800"]}, "style.keywords.0"),
        ({"tag_styles": {"x\u0000": {}}}, "style.tag_styles.x\\u0000"),
    ],
)
def test_a_style_postgresql_cannot_store_is_refused_and_the_saved_one_kept(api, style, path):
    saved = create(api).json()
    ascii_json = "application/json"  # json.dumps escapes the surrogate the test client cannot send
    for response in (
        api.patch(f"{URL}/{saved['id']}", json.dumps({"style": style}), content_type=ascii_json),
        api.post(URL, json.dumps({"name": "Other", "style": style}), content_type=ascii_json),
    ):
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["code"], error["details"]["path"]) == ("VALUE_NOT_STORABLE", path)
    assert api.get(URL).json() == [saved]
