"""HMAC-SHA256 request signatures between the app and remote workers (both directions).

The signature covers the timestamp and the exact body: `v1=hex(HMAC(secret, f"{ts}." + body))`.
Several secrets can be active at once, so a secret is rotated by adding the new one first (it
signs) while the old one still verifies. Requests outside the tolerance window are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping, Sequence

from ecg.errors import DomainError, ErrorCode

TIMESTAMP_HEADER = "X-ECG-Timestamp"
SIGNATURE_HEADER = "X-ECG-Signature"


def _digest(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time() if timestamp is None else timestamp))
    return {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: _digest(secret, stamp, body)}


def verify(
    body: bytes,
    headers: Mapping[str, str],
    secrets: Sequence[str],
    tolerance: int,
    now: float | None = None,
) -> None:
    stamp = headers.get(TIMESTAMP_HEADER, "") or ""
    signature = headers.get(SIGNATURE_HEADER, "") or ""
    if not stamp.isdigit() or not signature:
        raise DomainError(ErrorCode.SIGNATURE_INVALID, "The request is not signed.")
    if abs((time.time() if now is None else now) - int(stamp)) > tolerance:
        raise DomainError(
            ErrorCode.SIGNATURE_EXPIRED,
            "The request's timestamp is outside the accepted window.",
            details={"tolerance_seconds": tolerance},
        )
    if not any(hmac.compare_digest(_digest(s, stamp, body), signature) for s in secrets if s):
        raise DomainError(ErrorCode.SIGNATURE_INVALID, "The request's signature is wrong.")
