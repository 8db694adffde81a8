"""Video rules: create with an upload target, receive local uploads, complete, delete."""

from __future__ import annotations

import secrets
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from ecg import storage
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.dispatch import message_send_on_commit
from media.models import Video, VideoStatus
from media.probe import MediaError, MediaInfo, check_decodes_to_end, grab_frame, probe
from media.transcription.engine import TranscribeOptions
from media.transcription.services import transcription_request
from media.video_status import video_status_forget

VIDEO_EXTENSIONS = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".webm",
        ".mkv",
        ".avi",
        ".mpg",
        ".mpeg",
        ".ts",
        ".flv",
        ".ogv",
        ".wmv",
        ".3gp",
    }
)


def source_key(video_id: Any, extension: str) -> str:
    return f"videos/{video_id}/source{extension}"


def thumbnail_key(video_id: Any) -> str:
    return f"videos/{video_id}/thumbnail.jpg"


def clean_filename(filename: str) -> str:
    """A display name only: no directories, no control characters. Never a storage path."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:255] or "video"


def video_create(
    *, owner: User, filename: str, size: int, content_type: str
) -> tuple[Video, storage.UploadTarget]:
    name = clean_filename(filename)
    extension = Path(name).suffix.lower()
    content_type = content_type.strip().lower()
    if extension not in VIDEO_EXTENSIONS or not content_type.startswith("video/"):
        raise DomainError(
            ErrorCode.UNSUPPORTED_FILE_TYPE,
            "Only video files can be uploaded (mp4, mov, webm, mkv, ...).",
            status=415,
            details={
                "filename": name,
                "content_type": content_type,
                "allowed_extensions": sorted(VIDEO_EXTENSIONS),
            },
        )
    if size > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            ErrorCode.FILE_TOO_LARGE,
            "The file is larger than uploads allow.",
            status=413,
            details={"size": size, "limit": settings.UPLOAD_MAX_BYTES},
        )
    video = Video(owner=owner, original_filename=name, size=size, content_type=content_type)
    video.storage_key = source_key(video.id, extension)
    video.upload_nonce = secrets.token_urlsafe(24)
    target = storage.upload_target(
        video_id=video.id,
        key=video.storage_key,
        content_type=content_type,
        size=size,
        nonce=video.upload_nonce,
    )
    video.save()
    return video, target


def video_receive_upload(*, token: str, stream: IO[bytes], content_length: int | None) -> Video:
    """Store the body of a local upload URL. The URL works once; a failed try can be repeated."""
    video_id, nonce = storage.read_upload_token(token)
    claimed = Video.objects.filter(
        pk=video_id, upload_nonce=nonce, status=VideoStatus.AWAITING_UPLOAD
    ).update(upload_nonce="")
    if not claimed:
        raise DomainError(
            ErrorCode.UPLOAD_URL_INVALID,
            "This upload link was already used or is no longer valid.",
            status=403,
        )
    video = Video.objects.get(pk=video_id)
    try:
        if content_length != video.size:
            raise DomainError(
                ErrorCode.UPLOAD_SIZE_MISMATCH,
                "The upload's length differs from the size declared when it was created.",
                details={"declared": video.size, "received": content_length},
            )
        try:
            storage.write_stream(key=video.storage_key, stream=stream, size=video.size)
        except storage.UploadStreamError as exc:
            raise DomainError(
                ErrorCode.UPLOAD_INCOMPLETE,
                "The upload ended before all bytes arrived; send it again.",
                details={"reason": str(exc)},
            ) from exc
    except DomainError:
        Video.objects.filter(pk=video_id, upload_nonce="").update(upload_nonce=nonce)
        raise
    return video


def video_complete(*, video: Video, options: TranscribeOptions | None = None) -> Video:
    """Check the stored object and probe it; reject (and delete) what is not a usable video.
    A usable one is queued for transcription with `options` (the language, the job's words).

    Storage calls and ffprobe (seconds, over S3) run before the row lock is taken; under the
    lock the status is checked again, so a concurrent completion changes nothing twice.
    """
    video = Video.objects.get(pk=video.pk)
    if _already_complete(video):
        return video  # completing twice is harmless
    stat = storage.object_stat(video.storage_key)
    if stat is None:
        raise DomainError(
            ErrorCode.UPLOAD_NOT_FOUND,
            "Nothing was uploaded yet; upload the file first.",
            status=409,
        )
    found = _inspect(video, stat)
    if isinstance(found, _Rejection):
        storage.delete_objects(video.storage_key)  # storage down: 503, nothing changed
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=video.pk)
        if _already_complete(video):
            return video
        video.upload_nonce = ""
        if isinstance(found, MediaInfo):
            info = found
            video.status = VideoStatus.READY
            video.uploaded_at = timezone.now()
            video.size = stat.size
            video.container = info.container
            video.duration = info.duration
            video.width, video.height, video.fps = info.width, info.height, info.fps
            video.video_codec, video.audio_codec = info.video_codec, info.audio_codec
            video.save()
            message_send_on_commit("make_thumbnail", str(video.pk))
            transcription_request(video=video, options=options)
            return video
        video.status = VideoStatus.FAILED
        video.error_code, video.error_message = found.code, found.message
        video.save()
    raise DomainError(found.code, found.message, status=422, details=found.details)


def _already_complete(video: Video) -> bool:
    """True for a ready video; a video that failed its checks cannot be completed again."""
    if video.status not in (VideoStatus.AWAITING_UPLOAD, VideoStatus.READY):
        raise DomainError(
            ErrorCode.VIDEO_NOT_AWAITING_UPLOAD,
            f"This video is {video.get_status_display().lower()}; it cannot be completed.",
            status=409,
        )
    return video.status == VideoStatus.READY


class _Rejection:
    def __init__(self, code: ErrorCode, message: str, **details: Any) -> None:
        self.code, self.message, self.details = code, message, details


def _inspect(video: Video, stat: storage.ObjectStat) -> MediaInfo | _Rejection:
    """What ffprobe finds in the stored object, or why it is not a usable video."""
    if stat.size > settings.UPLOAD_MAX_BYTES:
        return _Rejection(
            ErrorCode.FILE_TOO_LARGE,
            "The file is larger than uploads allow.",
            size=stat.size,
            limit=settings.UPLOAD_MAX_BYTES,
        )
    if stat.size != video.size:
        return _Rejection(
            ErrorCode.UPLOAD_SIZE_MISMATCH,
            "The stored file's size differs from the size declared when it was created.",
            declared=video.size,
            stored=stat.size,
        )
    source = storage.media_source(video.storage_key)
    try:
        info = probe(source)
        if max(info.width, info.height) > settings.VIDEO_MAX_DIMENSION:
            return _Rejection(
                ErrorCode.MEDIA_DIMENSIONS_TOO_LARGE,
                "The picture is larger than uploads allow.",
                width=info.width,
                height=info.height,
                limit=settings.VIDEO_MAX_DIMENSION,
            )
        if info.duration > settings.VIDEO_MAX_DURATION_SECONDS:
            return _Rejection(
                ErrorCode.MEDIA_TOO_LONG,
                "The video is longer than uploads allow.",
                duration=info.duration,
                limit=settings.VIDEO_MAX_DURATION_SECONDS,
            )
        check_decodes_to_end(source, info.duration)
    except MediaError as exc:
        return _Rejection(exc.code, exc.message)
    return info


def video_make_thumbnail(*, video: Video) -> None:
    """Grab a frame for the dashboard card (idempotent)."""
    if video.status != VideoStatus.READY or video.thumbnail_key:
        return
    at = min(1.0, (video.duration or 0) / 10)
    key = thumbnail_key(video.pk)
    with tempfile.TemporaryDirectory(prefix="ecg-thumb-") as workdir:
        target = Path(workdir) / "thumbnail.jpg"
        grab_frame(storage.media_source(video.storage_key), at, target)
        storage.delete_objects(key)
        storage.save_file(key=key, path=target)
    Video.objects.filter(pk=video.pk).update(thumbnail_key=key)
    video_status_forget(video.pk)


def video_delete(*, video: Video) -> None:
    """Remove the stored objects first: if storage fails, the video stays and can be retried."""
    storage.delete_objects(video.storage_key, video.thumbnail_key)
    video.delete()
