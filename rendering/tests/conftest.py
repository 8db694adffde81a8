import pytest

from conftest import make_clip


@pytest.fixture(scope="session")
def long_clip(media_dir):
    """40 s of 720p30 with a tone: long enough to interrupt a render half-way."""
    return make_clip(
        media_dir / "long-720p.mp4",
        picture="testsrc2=size=1280x720:rate=30",
        audio="sine=frequency=330",
        seconds=40,
    )
