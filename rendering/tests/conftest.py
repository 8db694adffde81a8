import pytest

from conftest import ffmpeg


@pytest.fixture(scope="session")
def long_clip(media_dir):
    """40 s of 720p30 with a tone: long enough to interrupt a render half-way."""
    path = media_dir / "long-720p.mp4"
    if not path.exists():
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=330",
            "-t",
            "40",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            str(path),
        )
    return path
