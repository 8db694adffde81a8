"""Small builders shared by the media tests."""

import shutil
from pathlib import Path

from media.models import Video, VideoStatus
from media.transcription.schema import build_transcript


def ready_video(owner, media_root: Path, source: Path, duration: float = 3.0, **fields) -> Video:
    """A video in the `ready` state whose file is in local storage (as after completion)."""
    fields = {"audio_codec": "aac", **fields}
    video = Video(
        owner=owner,
        original_filename=source.name,
        size=source.stat().st_size,
        content_type="video/mp4",
        status=VideoStatus.READY,
        duration=duration,
        **fields,
    )
    video.storage_key = f"videos/{video.id}/source{source.suffix}"
    target = media_root / video.storage_key
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    video.save()
    return video


def sample_transcript(duration: float = 10.0, speakers: int = 1) -> dict:
    """Two sentences of timed words, the second by another speaker when `speakers` is 2."""
    first = [
        ("Welcome", 0.5, 0.9),
        ("back", 0.95, 1.2),
        ("to", 1.25, 1.35),
        ("the", 1.4, 1.5),
        ("channel.", 1.55, 2.1),
    ]
    second = [("Thanks", 3.0, 3.3), ("for", 3.35, 3.5), ("having", 3.55, 3.9), ("me.", 3.95, 4.3)]
    second_speaker = "SPEAKER_01" if speakers == 2 else "SPEAKER_00"
    segments = [
        {
            "speaker": "SPEAKER_00",
            "words": [{"text": t, "start": s, "end": e, "score": 0.9} for t, s, e in first],
        },
        {
            "speaker": second_speaker,
            "words": [{"text": t, "start": s, "end": e, "score": 0.8} for t, s, e in second],
        },
    ]
    return build_transcript(
        language="en",
        duration=duration,
        engine={
            "name": "whisperx",
            "model": "tiny.en",
            "alignment": "whisper",
            "diarization": "none",
        },
        segments=segments,
    )


def steady_transcript(*, duration: float, count: int, step: float = 0.4) -> dict:
    """`count` short words, one every `step` seconds from 0.2 s."""
    words = [
        {"text": f"word{i}", "start": round(0.2 + i * step, 3), "end": round(0.5 + i * step, 3)}
        for i in range(count)
    ]
    return build_transcript(
        language="en",
        duration=duration,
        segments=[{"words": words}],
        engine={"name": "whisperx", "model": "m", "alignment": "whisper", "diarization": "none"},
    )


# A detection that is not sure (Korean speech heard as Thai, as a creator's clip was).
UNSURE_DETECTION = {
    "language": "th",
    "probability": 0.41,
    "candidates": [
        {"language": "ko", "probability": 0.33},
        {"language": "ja", "probability": 0.12},
    ],
}
