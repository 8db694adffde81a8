"""Where stored bytes live: upload targets, object checks, download links, deletion.

Two backends behind one set of functions: S3 (django-storages; presigned POST and GET) when a
bucket is configured, else local files under MEDIA_ROOT with signed, expiring URLs of our own.
"""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any
from urllib.parse import quote, urlsplit

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from ecg.errors import DomainError, ErrorCode

UPLOAD_SALT = "ecg.media.upload"
DOWNLOAD_SALT = "ecg.media.download"
CHUNK_SIZE = 1024 * 1024


def storage_unavailable(exc: Exception | None = None) -> DomainError:
    return DomainError(
        ErrorCode.STORAGE_UNAVAILABLE,
        "File storage is unavailable right now; nothing was lost, try again shortly.",
        details={"reason": type(exc).__name__} if exc else {},
    )


@dataclass(frozen=True)
class UploadTarget:
    method: str
    url: str
    expires_at: datetime
    fields: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def _s3_client() -> Any:
    return default_storage.connection.meta.client  # type: ignore[attr-defined]


def _presigned_post(
    key: str, content_type: str, sizes: tuple[int, int], ttl: int, expires_at: datetime
) -> UploadTarget:
    """An S3 POST policy that pins the key, the content type and the size range."""
    try:
        post = _s3_client().generate_presigned_post(
            Bucket=settings.AWS_STORAGE_BUCKET_NAME,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", *sizes]],
            ExpiresIn=ttl,
        )
    except (BotoCoreError, ClientError) as exc:
        raise storage_unavailable(exc) from exc
    return UploadTarget("POST", post["url"], expires_at, fields=post["fields"])


def upload_target(
    *, video_id: Any, key: str, content_type: str, size: int, nonce: str
) -> UploadTarget:
    ttl = settings.UPLOAD_URL_TTL_SECONDS
    expires_at = timezone.now() + timedelta(seconds=ttl)
    if settings.USE_S3:
        return _presigned_post(key, content_type, (size, size), ttl, expires_at)
    token = signing.dumps({"v": str(video_id), "n": nonce}, salt=UPLOAD_SALT)
    url = reverse("upload-receive", kwargs={"token": token})
    return UploadTarget("PUT", url, expires_at, headers={"Content-Type": content_type})


OUTPUT_SALT = "ecg.media.output"


def output_upload_target(*, key: str, content_type: str, max_size: int, ttl: int) -> UploadTarget:
    """Where a remote worker puts a result (S3 presigned POST, else our signed PUT URL)."""
    expires_at = timezone.now() + timedelta(seconds=ttl)
    if settings.USE_S3:
        return _presigned_post(key, content_type, (1, max_size), ttl, expires_at)
    token = signing.dumps({"k": key, "m": max_size, "e": time.time() + ttl}, salt=OUTPUT_SALT)
    url = reverse("output-receive", kwargs={"token": token})
    return UploadTarget("PUT", url, expires_at, headers={"Content-Type": content_type})


def read_output_token(token: str) -> tuple[str, int]:
    try:
        data = signing.loads(token, salt=OUTPUT_SALT)
    except signing.BadSignature as exc:
        raise DomainError(ErrorCode.UPLOAD_URL_INVALID, "This upload link is not valid.") from exc
    if time.time() > float(data.get("e", 0)):
        raise DomainError(ErrorCode.UPLOAD_URL_EXPIRED, "This upload link has expired.")
    return str(data["k"]), int(data["m"])


def read_upload_token(token: str) -> tuple[str, str]:
    """(video id, nonce) from a local upload URL, or a clear error."""
    try:
        data = signing.loads(token, salt=UPLOAD_SALT, max_age=settings.UPLOAD_URL_TTL_SECONDS)
    except signing.SignatureExpired as exc:
        raise DomainError(ErrorCode.UPLOAD_URL_EXPIRED, "This upload link has expired.") from exc
    except signing.BadSignature as exc:
        raise DomainError(ErrorCode.UPLOAD_URL_INVALID, "This upload link is not valid.") from exc
    return str(data["v"]), str(data["n"])


class UploadStreamError(Exception):
    """The request body did not match the declared size."""


class _ExactStream(File):
    """A request body read in chunks that must hold exactly `size` bytes (memory stays flat)."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        super().__init__(stream)
        self.expected = size

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        assert self.file is not None
        received = 0
        while True:
            chunk = self.file.read(CHUNK_SIZE)
            if not chunk:
                break
            received += len(chunk)
            if received > self.expected:
                raise UploadStreamError("more bytes than declared")
            yield chunk
        if received != self.expected:
            raise UploadStreamError(f"received {received} of {self.expected} bytes")


def write_stream(*, key: str, stream: IO[bytes], size: int) -> None:
    """Stream an upload body to local storage; a short or long body leaves nothing behind."""
    delete_objects(key)
    try:
        saved = default_storage.save(key, _ExactStream(stream, size))
    except UploadStreamError:
        delete_objects(key)
        raise
    except OSError as exc:
        delete_objects(key)
        raise storage_unavailable(exc) from exc
    if saved != key:  # FileSystemStorage renames on a clash; ours are unique per video
        delete_objects(saved)
        raise storage_unavailable()


@dataclass(frozen=True)
class ObjectStat:
    size: int
    content_type: str


def object_stat(key: str) -> ObjectStat | None:
    if settings.USE_S3:
        try:
            head = _s3_client().head_object(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise storage_unavailable(exc) from exc
        except BotoCoreError as exc:
            raise storage_unavailable(exc) from exc
        return ObjectStat(int(head["ContentLength"]), str(head.get("ContentType", "")))
    try:
        if not default_storage.exists(key):
            return None
        size = default_storage.size(key)
    except OSError as exc:
        raise storage_unavailable(exc) from exc
    return ObjectStat(size, mimetypes.guess_type(key)[0] or "application/octet-stream")


def read_small(key: str, *, max_size: int) -> bytes | None:
    """A small object's bytes (None when it does not exist); refuses one over `max_size`."""
    stat = object_stat(key)
    if stat is None:
        return None
    if stat.size > max_size:
        raise storage_unavailable()
    try:
        with default_storage.open(key, "rb") as handle:
            return bytes(handle.read(max_size))
    except (OSError, BotoCoreError, ClientError) as exc:
        raise storage_unavailable(exc) from exc


def delete_objects(*keys: str) -> None:
    for key in filter(None, keys):
        try:
            default_storage.delete(key)
        except (OSError, BotoCoreError, ClientError) as exc:
            raise storage_unavailable(exc) from exc


def save_bytes(*, key: str, data: bytes) -> None:
    """Store a small object under exactly `key` (keys are unique: uuids)."""
    try:
        saved = default_storage.save(key, ContentFile(data))
    except (OSError, BotoCoreError, ClientError) as exc:
        raise storage_unavailable(exc) from exc
    if saved != key:
        delete_objects(saved)
        raise storage_unavailable()


def save_file(*, key: str, path: Any) -> None:
    try:
        with open(path, "rb") as handle:
            default_storage.save(key, File(handle))
    except (OSError, BotoCoreError, ClientError) as exc:
        raise storage_unavailable(exc) from exc


def download_url(key: str, *, filename: str | None = None, ttl: int | None = None) -> str:
    """A short-lived link to one stored object: presigned GET on S3, a signed path locally.

    Local links are site-relative; API views make them absolute for their caller.
    """
    ttl = ttl or settings.DOWNLOAD_URL_TTL_SECONDS
    if settings.USE_S3:
        parameters = {}
        if filename:
            parameters["ResponseContentDisposition"] = content_disposition(filename)
        return str(default_storage.url(key, parameters=parameters, expire=ttl))  # type: ignore[call-arg]
    expires = time.time() + ttl
    token = signing.dumps({"k": key, "f": filename or "", "e": expires}, salt=DOWNLOAD_SALT)
    return reverse("file-download", kwargs={"token": token})


def storage_origins() -> list[str]:
    """The origins a browser reaches stored objects at (S3's POST target and GET links), for
    the Content-Security-Policy; none locally, where files are served by the app itself.

    Asked of the same client that signs the links, so the bucket's addressing style and region
    are boto's, not a copy of its rules; signing is local, no request is made.
    """
    if not settings.USE_S3:
        return []
    links = (
        _presigned_post("csp-origin", "application/octet-stream", (1, 1), 60, timezone.now()).url,
        download_url("csp-origin", ttl=60),
    )
    return sorted({f"{part.scheme}://{part.netloc}" for part in map(urlsplit, links)})


def read_download_token(token: str) -> tuple[str, str]:
    """(key, filename) of a local download link, or a 404-style error."""
    try:
        data = signing.loads(token, salt=DOWNLOAD_SALT)
    except signing.BadSignature as exc:
        raise _link_invalid() from exc
    if time.time() > float(data.get("e", 0)):
        raise _link_invalid()
    return str(data["k"]), str(data.get("f") or "")


def _link_invalid() -> DomainError:
    return DomainError(ErrorCode.NOT_FOUND, "This download link is not valid or has expired.")


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def require_source(key: str) -> str:
    """media_source() of an object that must exist; storage being down is a transient error."""
    if object_stat(key) is None:
        raise DomainError(ErrorCode.SOURCE_MISSING, "The input file is no longer in storage.")
    return media_source(key)


def media_source(key: str) -> str:
    """What ffmpeg can read for a stored object: a local path or a presigned URL."""
    if settings.USE_S3:
        return download_url(key, ttl=3600)
    return str(default_storage.path(key))
