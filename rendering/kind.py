"""Rendering (export) as a kind of job for the one runner (`ecg.jobs.runner`)."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from django.conf import settings

from ecg import storage
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.kinds import KindSettings, Report, WorkDone
from ecg.jobs.runner import job_run
from media.transcription.schema import TranscriptInvalid, validate_transcript
from rendering.fonts import offered_weights
from rendering.models import RenderJob
from rendering.painter import FontFile
from rendering.renderer import SourceInfo, render_video
from rendering.scenario import FONTS, ScenarioInvalid, validate_scenario
from rendering.selectors import family_fonts
from rendering.services import render_output_key, render_save_result

PHASES = {
    "fetching": (0.0, 2.0),
    "layout": (2.0, 4.0),
    "painting": (4.0, 95.0),
    "encoding": (4.0, 95.0),
    "uploading": (95.0, 100.0),
}
WEIGHTS = range(100, 1000, 100)
_SOURCE_FIELDS = {"width": int, "height": int, "fps": float, "duration": float}


class RenderKind(KindSettings):
    name = "render"
    model = RenderJob
    actor_name = "render_video"
    what = "Rendering"
    failure_code = ErrorCode.RENDER_FAILED
    phases = PHASES
    url_setting = "REMOTE_RENDER_URL"
    secrets_setting = "REMOTE_RENDER_SECRETS"
    time_limit_setting = "RENDER_TIME_LIMIT_SECONDS"

    def input_key(self, job: RenderJob) -> str:
        return job.video.storage_key

    def output_key(self, job: RenderJob) -> str | None:
        return render_output_key(job)

    def estimate_seconds(self, job: RenderJob) -> float:
        return (job.video.duration or 0) * 0.5 + 5

    def remote_payload(self, job: RenderJob) -> dict[str, Any]:
        video = job.video
        return {
            "transcript": job.transcript_snapshot,
            "scenario": job.scenario,
            "fonts": _own_fonts(job),
            "source": {
                "width": video.width or 0,
                "height": video.height or 0,
                "fps": video.fps or 0.0,
                "duration": video.duration or 0.0,
                "audio_codec": video.audio_codec,
            },
        }

    def parse_payload(self, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            raise DomainError(ErrorCode.VALIDATION_ERROR, "The payload is a JSON object.")
        errors: dict[str, Any] = {}
        source: dict[str, Any] = (
            payload["source"] if isinstance(payload.get("source"), dict) else {}
        )
        for name, kind in _SOURCE_FIELDS.items():
            value = source.get(name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                errors[f"payload.source.{name}"] = [f"A non-negative {kind.__name__}."]
        if not isinstance(source.get("audio_codec", ""), str):
            errors["payload.source.audio_codec"] = ["A codec name."]
        scenario: dict[str, Any] = (
            payload["scenario"] if isinstance(payload.get("scenario"), dict) else {}
        )
        try:
            transcript = validate_transcript(payload.get("transcript"))
        except TranscriptInvalid as exc:
            errors.update({f"payload.transcript.{k}": v for k, v in exc.errors.items()})
        fonts = _parse_fonts(payload.get("fonts", []), errors)
        try:
            scenario = validate_scenario(
                scenario.get("style"),
                scenario.get("output"),
                source_height=int(source.get("height") or 0) or None,
                source_width=int(source.get("width") or 0) or None,
                fonts={**FONTS, **_families(fonts)},
            )
        except ScenarioInvalid as exc:
            errors.update({f"payload.scenario.{k}": v for k, v in exc.errors.items()})
        if errors:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR, "The payload is invalid.", details={"fields": errors}
            )
        return {
            "transcript": dict(transcript),
            "scenario": scenario,
            "source": source,
            "fonts": payload.get("fonts", []),
        }

    def work(self, payload: dict[str, Any], source: str, workdir: Path, report: Report) -> WorkDone:
        info = payload["source"]
        output = workdir / "output.mp4"
        result = render_video(
            source=source,
            info=SourceInfo(
                int(info["width"]),
                int(info["height"]),
                float(info["fps"]),
                float(info["duration"]),
                str(info.get("audio_codec") or ""),
            ),
            transcript=payload["transcript"],
            style=payload["scenario"]["style"],
            output_height=payload["scenario"]["output"]["height"],
            safe_area=payload["scenario"]["output"].get("safe_area", "auto"),
            output=output,
            on_progress=report,
            fonts=[_font_file(f) for f in payload.get("fonts", [])],
        )
        return WorkDone(
            {
                "output_size": output.stat().st_size,
                "width": result.width,
                "height": result.height,
                "timings": {k: round(v, 3) for k, v in result.timings.items()},
                "warnings": result.warnings,
                "stats": {
                    "frames": result.frames,
                    "samples": result.samples,
                    "states_painted": result.states_painted,
                },
            },
            output=output,
        )

    def save_result(self, job: RenderJob, result: dict[str, Any]) -> None:
        render_save_result(job=job, result=result)


def _own_fonts(job: RenderJob) -> list[dict[str, Any]]:
    """The files of the creator's family that the style uses (none for a bundled family), as
    the painter needs them; a family deleted since the request fails the job, saying so."""
    family = job.scenario["style"]["font_family"]
    if family in FONTS:
        return []
    fonts = []
    for face in family_fonts(owner=job.owner, family=family):
        data = storage.read_small(face.storage_key, max_size=settings.FONT_FAMILY_MAX_BYTES)
        if data is None:
            continue
        fonts.append(
            {
                "family": face.family,
                "weight_min": face.weight_min,
                "weight_max": face.weight_max,
                "data": base64.b64encode(data).decode(),
            }
        )
    if not fonts:
        raise DomainError(
            ErrorCode.FONT_NOT_FOUND,
            f"The font {family!r} was deleted before this export started: "
            "choose another font (or upload it again) and export again.",
        )
    return fonts


def _parse_fonts(value: Any, errors: dict[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > settings.FONT_LIMIT:
        errors["payload.fonts"] = [f"A list of at most {settings.FONT_LIMIT} font files."]
        return []
    fonts = []
    for index, font in enumerate(value):
        path = f"payload.fonts.{index}"
        if not isinstance(font, dict):
            errors[path] = ["A font file."]
            continue
        low, high = (
            w if isinstance(w, int) and w in WEIGHTS else None
            for w in (font.get("weight_min"), font.get("weight_max"))
        )
        if low is None or high is None or low > high:
            errors[f"{path}.weight_min"] = ["Weights from 100 to 900, in hundreds, min <= max."]
        family = font.get("family")
        if not isinstance(family, str) or not 0 < len(family) <= 64:
            errors[f"{path}.family"] = ["A family name of 1 to 64 characters."]
        try:
            base64.b64decode(str(font.get("data", "")), validate=True)
        except binascii.Error:
            errors[f"{path}.data"] = ["The file, in base64."]
        fonts.append(font)
    if len({f.get("family") for f in fonts}) > 1:
        errors["payload.fonts"] = ["The files of one family."]
    return [] if any(key.startswith("payload.fonts") for key in errors) else fonts


def _families(fonts: list[dict[str, Any]]) -> dict[str, tuple[int, ...]]:
    weights = offered_weights((f["weight_min"], f["weight_max"]) for f in fonts)
    return {fonts[0]["family"]: weights} if fonts else {}


def _font_file(font: dict[str, Any]) -> FontFile:
    return FontFile(
        font["family"], font["weight_min"], font["weight_max"], base64.b64decode(font["data"])
    )


def render_run(*, job_id: str) -> None:
    """The worker side of an export; safe to call twice for one job."""
    job_run(kind=RenderKind(), job_id=job_id)
