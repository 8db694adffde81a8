"""A creator's brand fonts: upload (checked and rebuilt), delete, and the families a style of
theirs may use. The files are served only to their owner and carried to the export painter
with the job (`rendering.kind`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction

from accounts.models import User
from ecg import storage
from ecg.errors import DomainError, ErrorCode
from ecg.ratelimit import rate_limit_enforce
from rendering import selectors
from rendering.font_check import FontRejected, check_font
from rendering.fonts import font_config
from rendering.models import UserFont

MAX_FILE_NAME = 255


def _reserved() -> dict[str, str]:
    config = font_config()
    return {f["family"].lower(): f["family"] for f in [*config["display"], *config["fallback"]]}


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.0f} MB"


def too_large() -> DomainError:
    limit = settings.FONT_MAX_BYTES
    return DomainError(
        ErrorCode.FONT_TOO_LARGE,
        f"A font file may be {_megabytes(limit)} at most.",
        status=413,
        details={"max_bytes": limit},
    )


def font_upload(*, owner: User, file_name: str, data: bytes) -> UserFont:
    """Check, rebuild and store one font file of the owner's; nothing is stored on refusal."""
    rate_limit_enforce(
        group="font-upload",
        key=str(owner.pk),
        rate=settings.FONT_RATE_LIMIT,
        message="Too many font uploads; try again later.",
    )
    if len(data) > settings.FONT_MAX_BYTES:
        raise too_large()
    try:
        font = check_font(data)
    except FontRejected as exc:
        raise DomainError(
            ErrorCode.FONT_INVALID,
            f"This file cannot be used as a font: {exc.reason}.",
            details={"fields": {"file": exc.reason}},
        ) from exc
    reserved = _reserved().get(font.family.lower())
    if reserved:
        raise DomainError(
            ErrorCode.FONT_TAKEN,
            f"{reserved} is one of the fonts every creator has: choose it in the font list "
            "(or rename the family inside your font file).",
            status=409,
            details={"family": font.family},
        )
    name = "".join(c for c in file_name if c.isprintable())[-MAX_FILE_NAME:] or "font"
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=owner.pk).first()  # one upload at a time
        family = _admit(owner, font.family, font.weight_min, font.weight_max, len(font.woff))
        key = f"fonts/{owner.pk}/{uuid.uuid4()}.woff"
        storage.save_bytes(key=key, data=font.woff)
        try:
            return UserFont.objects.create(
                owner=owner,
                family=family,
                weight_min=font.weight_min,
                weight_max=font.weight_max,
                file_name=name,
                source_format=font.source_format,
                storage_key=key,
                size=len(font.woff),
            )
        except BaseException:
            storage.delete_objects(key)
            raise


def _admit(owner: User, family: str, low: int, high: int, size: int) -> str:
    """The family as the owner's files already spell it, if the file may join them."""
    fonts = list(selectors.user_fonts(owner=owner))
    if len(fonts) >= settings.FONT_LIMIT:
        raise DomainError(
            ErrorCode.FONT_LIMIT_REACHED,
            f"You have {settings.FONT_LIMIT} font files, the most there can be: delete one first.",
            status=409,
        )
    same = [f for f in fonts if f.family.lower() == family.lower()]
    for other in same:
        if other.weight_min <= high and low <= other.weight_max:
            raise DomainError(
                ErrorCode.FONT_TAKEN,
                f"You already have {other.family} {_weight_text(other)} ({other.file_name}): "
                "delete it first to replace it.",
                status=409,
                details={"font": str(other.pk)},
            )
    if sum(f.size for f in same) + size > settings.FONT_FAMILY_MAX_BYTES:
        raise DomainError(
            ErrorCode.FONT_TOO_LARGE,
            f"The files of one family may hold {_megabytes(settings.FONT_FAMILY_MAX_BYTES)} "
            "at most: delete a weight you do not use.",
            status=413,
            details={"max_bytes": settings.FONT_FAMILY_MAX_BYTES},
        )
    return min(same, key=lambda f: f.created_at).family if same else family


def _weight_text(font: UserFont) -> str:
    if font.weight_min == font.weight_max:
        return str(font.weight_min)
    return f"{font.weight_min}-{font.weight_max}"


def font_delete(*, font: UserFont) -> None:
    """The file goes first (storage down: nothing changed), then the record."""
    storage.delete_objects(font.storage_key)
    font.delete()
