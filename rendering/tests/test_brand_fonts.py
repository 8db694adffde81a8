"""Brand fonts over the API: a real font is checked, rebuilt, stored per creator and served to
its owner only; anything else gets a coded 4xx and leaves nothing behind; styles, presets and
exports use the family, and one that was deleted is named in a clear error."""

import base64

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from conftest import bearer
from ecg.errors import DomainError
from ecg.jobs.models import JobStatus
from media.models import TranscriptRevision, TranscriptSource
from media.tests.factories import ready_video, sample_transcript
from rendering.kind import RenderKind, render_run
from rendering.models import RenderJob, UserFont
from rendering.tests.fontfiles import block_font, renamed

pytestmark = pytest.mark.django_db
URL = "/api/v1/fonts"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The upload rate limit counts on the shared cache."""
    cache.clear()
    yield
    cache.clear()


def upload(api, data, name="brand.ttf"):
    return api.post(URL, {"file": SimpleUploadedFile(name, data)}, format="multipart")


def stored_files(media_root):
    return sorted(p.name for p in (media_root / "fonts").rglob("*") if p.is_file())


def test_a_font_is_checked_stored_and_served_to_its_owner_only(api, anon, other_user, media_root):
    response = upload(api, block_font("Block Brand", 700), "Block-Bold.ttf")
    assert response.status_code == 201, response.json()
    font = response.json()
    assert (font["family"], font["weights"], font["format"], font["file_name"]) == (
        "Block Brand",
        [700],
        "ttf",
        "Block-Bold.ttf",
    )
    assert [f["id"] for f in api.get(URL).json()] == [font["id"]]
    served = api.get(font["url"])
    assert served.status_code == 200
    assert served["Content-Type"] == "font/woff"
    assert b"".join(served.streaming_content if served.streaming else [served.content]).startswith(
        b"wOFF"
    )
    assert bearer(other_user).get(font["url"]).status_code == 404
    assert bearer(other_user).get(URL).json() == []
    assert anon.get(font["url"]).status_code == 401
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "empty.ttf"),
        (b"<html><script>alert(document.cookie)</script></html>", "evil.ttf"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.woff2"),
        (b"PK\x03\x04" + b"\x00" * 100, "fonts.zip"),
        (bytes(range(256)) * 8, "random.otf"),
        (block_font()[:400], "truncated.ttf"),
    ],
)
def test_what_is_not_a_font_gets_a_coded_400_and_nothing_is_stored(api, media_root, data, name):
    response = upload(api, data, name)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "FONT_INVALID"
    assert error["message"].startswith("This file cannot be used as a font:")
    assert "file" in error["details"]["fields"]
    assert not UserFont.objects.exists()
    assert not (media_root / "fonts").exists() or stored_files(media_root) == []


def test_a_font_over_the_size_limit_is_refused_before_it_is_read(api, media_root, settings):
    settings.FONT_MAX_BYTES = 1000
    response = upload(api, block_font() + b"\x00" * 200_000)  # refused on Content-Length
    assert (response.status_code, response.json()["error"]["code"]) == (413, "FONT_TOO_LARGE")
    response = upload(api, block_font())  # 3 KB: over the limit once read
    assert (response.status_code, response.json()["error"]["code"]) == (413, "FONT_TOO_LARGE")
    assert response.json()["error"]["details"]["max_bytes"] == 1000
    assert not UserFont.objects.exists()


def test_a_request_without_a_file_is_a_validation_error(api):
    response = api.post(URL, {"font": "x"}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["fields"] == {"file": "is required"}


def test_families_gather_weights_and_clashes_are_explained(api, media_root):
    assert upload(api, block_font("Block Brand", 400)).status_code == 201
    assert upload(api, block_font("block brand", 700)).status_code == 201  # the same family
    again = upload(api, block_font("Block Brand", 700), "other-bold.ttf")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "FONT_TAKEN"
    assert "You already have Block Brand 700 (brand.ttf)" in again.json()["error"]["message"]
    bundled = upload(api, renamed("anton-latin-400-normal.woff2", "Inter"))
    assert (bundled.status_code, bundled.json()["error"]["code"]) == (409, "FONT_TAKEN")
    assert "Inter is one of the fonts every creator has" in bundled.json()["error"]["message"]
    families = {(f["family"], tuple(f["weights"])) for f in api.get(URL).json()}
    assert families == {("Block Brand", (400,)), ("Block Brand", (700,))}
    assert len(stored_files(media_root)) == 2


def test_at_most_the_configured_number_of_files(api, settings):
    settings.FONT_LIMIT = 2
    for weight in (400, 700):
        assert upload(api, block_font("Block Brand", weight)).status_code == 201
    response = upload(api, block_font("Block Brand", 900))
    assert (response.status_code, response.json()["error"]["code"]) == (409, "FONT_LIMIT_REACHED")


def test_uploads_are_rate_limited(api, settings):
    settings.FONT_RATE_LIMIT = "1/h"
    assert upload(api, block_font("A Brand")).status_code == 201
    response = upload(api, block_font("B Brand"))
    assert (response.status_code, response.json()["error"]["code"]) == (429, "RATE_LIMITED")


def test_a_deleted_font_leaves_storage_and_its_link_stops_working(api, other_user, media_root):
    font = upload(api, block_font()).json()
    assert bearer(other_user).delete(f"{URL}/{font['id']}").status_code == 404
    assert api.delete(f"{URL}/{font['id']}").status_code == 204
    assert stored_files(media_root) == []
    assert api.get(font["url"]).status_code == 404


def test_a_style_may_use_the_creators_family_until_it_is_deleted(
    api, user, media_root, sample_video
):
    upload(api, block_font("Block Brand", 400))
    upload(api, block_font("Block Brand", 800))
    style = {"preset": "classic", "font_family": "block brand", "font_weight": 800}
    layout = api.post(
        "/api/v1/captions/layout",
        {"transcript": sample_transcript(), "style": style},
        format="json",
    )
    assert layout.status_code == 200, layout.json()
    assert layout.json()["style"]["font_family"] == "Block Brand"  # as the font list spells it
    assert layout.json()["weights"] == [400, 800]
    # The faces the preview loads: one per file, at the file's own address (the editor draws
    # the style as the server resolved it).
    files = {f["weight_min"]: f["url"] for f in api.get(URL).json()}
    assert layout.json()["style"]["font_faces"] == [
        {"weight": "400 400", "src": files[400]},
        {"weight": "800 800", "src": files[800]},
    ]
    bundled = {"transcript": sample_transcript(), "style": {"font_family": "Inter"}}
    assert (
        "font_faces"
        not in api.post("/api/v1/captions/layout", bundled, format="json").json()["style"]
    )
    preset = api.post("/api/v1/presets/mine", {"name": "Brand", "style": style}, format="json")
    assert preset.status_code == 201

    video = ready_video(user, media_root, sample_video, duration=10.0)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    render = api.post("/api/v1/renders", {"video": str(video.pk), "style": style}, format="json")
    assert render.status_code == 202, render.json()

    for font in api.get(URL).json():
        api.delete(f"{URL}/{font['id']}")
    by_preset = {"preset": preset.json()["id"]}
    for body in (
        {"transcript": sample_transcript(), "style": style},
        {"transcript": sample_transcript(), "style": by_preset},
    ):
        response = api.post("/api/v1/captions/layout", body, format="json")
        assert response.status_code == 400
        message = response.json()["error"]["details"]["fields"]["style.font_family"]
        assert "brand' may have been deleted (upload it again" in message.lower()


def test_an_export_whose_font_was_deleted_meanwhile_fails_saying_so(
    api, user, media_root, sample_video
):
    font = upload(api, block_font("Block Brand", 700)).json()
    video = ready_video(user, media_root, sample_video, duration=10.0)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    style = {"font_family": "Block Brand", "font_weight": 700}
    job_id = api.post("/api/v1/renders", {"video": str(video.pk), "style": style}, format="json")
    api.delete(f"{URL}/{font['id']}")
    render_run(job_id=job_id.json()["id"])
    job = RenderJob.objects.get()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "FONT_NOT_FOUND")
    assert "'Block Brand' was deleted before this export started" in job.error_message


def test_the_job_carries_the_familys_files_to_the_painter_and_checks_them(
    api, user, media_root, sample_video
):
    upload(api, block_font("Block Brand", 400))
    upload(api, block_font("Block Brand", 700))
    upload(api, block_font("Other Brand", 400))
    video = ready_video(user, media_root, sample_video, duration=10.0, width=720, height=1280)
    TranscriptRevision.objects.create(
        video=video, source=TranscriptSource.MACHINE, data=sample_transcript()
    )
    style = {"font_family": "Block Brand", "font_weight": 700}
    api.post("/api/v1/renders", {"video": str(video.pk), "style": style}, format="json")
    kind = RenderKind()
    payload = kind.remote_payload(RenderJob.objects.get())
    assert [(f["family"], f["weight_min"]) for f in payload["fonts"]] == [
        ("Block Brand", 400),
        ("Block Brand", 700),
    ]
    assert base64.b64decode(payload["fonts"][0]["data"]).startswith(b"wOFF")
    assert kind.parse_payload(payload)["scenario"]["style"]["font_family"] == "Block Brand"

    bad = [
        [{**payload["fonts"][0], "weight_min": 150}],
        [{**payload["fonts"][0], "data": "not base64!"}],
        [payload["fonts"][0], {**payload["fonts"][1], "family": "Other"}],
        "fonts",
    ]
    for fonts in bad:
        with pytest.raises(DomainError) as refused:
            kind.parse_payload({**payload, "fonts": fonts})
        assert any(k.startswith("payload.fonts") for k in refused.value.details["fields"])
    without = {**payload, "fonts": []}
    with pytest.raises(DomainError) as refused:
        kind.parse_payload(without)
    assert "payload.scenario.style.font_family" in refused.value.details["fields"]


def test_fonts_live_in_s3_when_storage_is_s3(api, s3_storage):
    font = upload(api, block_font()).json()
    assert api.get(font["url"]).status_code == 200
    assert api.delete(f"{URL}/{font['id']}").status_code == 204
    assert api.get(URL).json() == []


def test_staff_see_fonts_and_delete_them_with_their_files(api, client, media_root):
    font = upload(api, block_font("Block Brand", 700)).json()
    staff = User.objects.create_superuser("staff@example.com", "staff-password-123")
    client.force_login(staff)
    listing = client.get(reverse("admin:rendering_userfont_changelist"), {"q": "block"})
    assert listing.status_code == 200
    assert "Block Brand" in listing.text
    page = client.get(reverse("admin:rendering_userfont_change", args=[font["id"]]))
    assert page.status_code == 200
    assert client.get(reverse("admin:rendering_userfont_add")).status_code == 403
    client.post(
        reverse("admin:rendering_userfont_changelist"),
        {"action": "delete_fonts", "_selected_action": [font["id"]]},
    )
    assert not UserFont.objects.exists()
    assert stored_files(media_root) == []
