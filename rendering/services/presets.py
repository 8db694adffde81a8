"""A creator's own presets: save the current look under a name, rename, restyle, delete; and a
style that names one (`"preset": "<its id>"`) resolved to its look for a render or a preview."""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from rendering import selectors
from rendering.models import UserPreset
from rendering.scenario import PRESETS, validate_style
from rendering.selectors import usable_fonts

MAX_PRESETS = 50
MAX_NAME = 60


def _name(value: Any) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c) == "Cc" for c in name):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "A preset needs a name.",
            details={"fields": {"name": f"must be 1 to {MAX_NAME} printable characters"}},
        )
    if name.lower() in PRESETS:
        raise _taken(name)
    return name


def _taken(name: str) -> DomainError:
    return DomainError(
        ErrorCode.PRESET_NAME_TAKEN,
        f"You already have a preset called {name!r}: choose another name or update that one.",
        status=409,
        details={"fields": {"name": "is taken"}},
    )


def _style(value: Any, owner: User) -> dict[str, Any]:
    errors: dict[str, str] = {}
    style = validate_style(value, errors, fonts=usable_fonts(owner=owner))
    if isinstance(value, dict) and _is_user_preset(value.get("preset")):
        errors["style.preset"] = "must be a built-in preset: a preset cannot be built on another"
    if errors:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, "The preset's style is invalid.", details={"fields": errors}
        )
    return style


def _save(preset: UserPreset) -> UserPreset:
    try:
        with transaction.atomic():
            preset.save()
    except IntegrityError as exc:
        raise _taken(preset.name) from exc
    return preset


def preset_create(*, owner: User, name: Any, style: Any) -> UserPreset:
    if selectors.user_presets(owner=owner).count() >= MAX_PRESETS:
        raise DomainError(
            ErrorCode.PRESET_LIMIT_REACHED,
            f"You have {MAX_PRESETS} presets, the most there can be: delete one first.",
            status=409,
        )
    return _save(UserPreset(owner=owner, name=_name(name), style=_style(style, owner)))


def preset_update(*, preset: UserPreset, name: Any = None, style: Any = None) -> UserPreset:
    if name is not None:
        preset.name = _name(name)
    if style is not None:
        preset.style = _style(style, preset.owner)
    return _save(preset)


def preset_delete(*, preset: UserPreset) -> None:
    preset.delete()


def _is_user_preset(value: Any) -> bool:
    """An own preset's id: a UUID written as a string (a number of 32 digits is not one)."""
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def resolve_style(*, owner: User, style: Any) -> Any:
    """A style naming one of the owner's presets, as that preset's look plus the style's other
    fields; any other style unchanged (validated later, with the rest of the scenario)."""
    if not isinstance(style, dict) or not _is_user_preset(style.get("preset")):
        return style
    try:
        preset = selectors.user_preset_get(owner=owner, preset_id=style["preset"])
    except DomainError as exc:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The style names a preset you do not have (it may have been deleted).",
            details={"fields": {"style.preset": "no preset of yours has this id"}},
        ) from exc
    return {**preset.style, **{k: v for k, v in style.items() if k != "preset"}}
