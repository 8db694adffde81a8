"""The timeline's waveform: one byte per 10 ms (the loudest sample, square-root scale) behind
a short header, and the API that serves it to the video's owner only."""

import struct
import wave

import numpy as np
import pytest

from ecg import storage
from media import selectors
from media.tests.factories import ready_video
from media.transcription.waveform import HEADER, PEAKS_PER_SECOND, write_peaks

pytestmark = pytest.mark.django_db


def wav_file(path, samples, rate=16_000):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return path


def test_peaks_follow_the_loudness_of_each_10_ms(tmp_path):
    t = np.arange(16_000) / 16_000
    tone = 0.5 * np.sin(2 * np.pi * 220 * t)
    quiet = 0.05 * np.sin(2 * np.pi * 220 * t[:165])  # one 10 ms slice and 5 samples more
    samples = np.concatenate([tone, np.zeros(8_000), quiet])
    target = tmp_path / "waveform.bin"
    count = write_peaks(wav_file(tmp_path / "a.wav", samples), target)
    data = target.read_bytes()
    magic, version, per_second, scale = HEADER.unpack(data[: HEADER.size])
    assert (magic, version, per_second, scale) == (b"ECGW", 1, PEAKS_PER_SECOND, 1)
    peaks = np.frombuffer(data[HEADER.size :], np.uint8)
    assert count == len(peaks) == 152  # the last, short slice counts too
    assert peaks[:100] == pytest.approx(round(np.sqrt(0.5) * 255), abs=2)
    assert peaks[100:150].max() == 0
    assert peaks[150] == pytest.approx(round(np.sqrt(0.05) * 255), abs=3)


def test_an_hour_is_read_a_minute_at_a_time(tmp_path):
    """Long audio in several chunks gives the same peaks as in one."""
    rng = np.random.default_rng(1)
    samples = rng.uniform(-1, 1, 16_000 * 130).astype(np.float32) * np.repeat(
        rng.uniform(0, 1, 1300), 1600
    )
    target = tmp_path / "waveform.bin"
    write_peaks(wav_file(tmp_path / "long.wav", samples), target)
    peaks = np.frombuffer(target.read_bytes()[HEADER.size :], np.uint8)
    pcm = np.abs((np.clip(samples, -1, 1) * 32767).astype(np.int16).astype(np.int32))
    expected = np.round(np.sqrt(pcm.reshape(-1, 160).max(axis=1) / 32768) * 255)
    assert np.array_equal(peaks, expected.astype(np.uint8))


def test_the_api_serves_the_waveform_to_its_owner(api, user, other_user, media_root, sample_video):
    from conftest import bearer

    video = ready_video(user, media_root, sample_video, duration=10.0)
    url = f"/api/v1/videos/{video.pk}/waveform"
    response = api.get(url)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "WAVEFORM_NOT_READY"

    body = struct.pack("<4sBHB", b"ECGW", 1, 100, 1) + bytes(range(100))
    path = media_root / "wave.bin"
    path.write_bytes(body)
    storage.save_file(key=selectors.waveform_key(video.pk), path=path)
    response = api.get(url)
    assert response.status_code == 200
    assert response.content == body
    assert response["Content-Type"] == "application/octet-stream"
    assert bearer(other_user).get(url).status_code == 404
