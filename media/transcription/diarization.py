"""Who spoke when, offline: resemblyzer's speaker encoder (weights ship in its wheel).

1. Speech frames are the recognized words' frames (10 ms, as the mel spectrogram) that are not
   silent by the energy envelope: a window of silence would sound like a speaker of its own.
2. Overlapping windows of speech (WINDOW seconds of speech each, every STEP) are embedded in
   one batch, the speech brought to SPEECH_LEVEL_DBFS first (the count must not depend on how
   loud the recording is); silence is left out so a window is all voice.
3. The windows are clustered with Ward's hierarchy, cut where a merge would join two voices
   (MIN_SPLIT, SPLIT_PER_ROOT_WINDOW) or at the count the creator gave; tiny clusters (the
   mixed windows at a change) join their nearest, and clusters as alike as one person's
   sentences (SAME_VOICE) join each other.
4. Every speech frame is scored against each speaker's centroid (mean similarity of the
   windows covering it), and a Viterbi pass with a price per speaker change labels the frames:
   a change inside a speech region is found, a single odd window is not a new turn.
5. Each change is moved to the pause between two words that best separates the voices.
6. Runs of one label become turns; a word takes the speaker who covers most of it
   (`turns.py`), as with pyannote's table.
Tuned on espeak-ng voice pairs, checked on real voices (figures in docs/benchmarks.md).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from media.transcription.timing import Envelope, envelope
from media.transcription.turns import Turn

RATE = 16_000
FRAME = 0.01  # resemblyzer's mel hop
WINDOW = 1.0  # seconds of speech per embedding
STEP = 0.25  # longer for long videos: at most MAX_WINDOWS (Ward's hierarchy is quadratic)
MAX_WINDOWS = 3000
CHUNK = 256  # windows per encoder batch
# Two clusters are two voices when Ward's merge cost (on unit embeddings) is at least
# MIN_SPLIT and at least SPLIT_PER_ROOT_WINDOW * sqrt(windows merged): the cost of splitting one
# voice grows like the square root of its windows, so a fixed cut would split long monologues.
MIN_SPLIT = 2.2
SPLIT_PER_ROOT_WINDOW = 0.28
SAME_VOICE = 0.87  # cosine of two clusters' centroids above which they are one voice
# A cluster with fewer windows than MIN_SHARE of them, or than MIN_WINDOWS (5 s of speech at the
# shortest step), is merged into its nearest: in a long recording a voice with a sixteenth of
# the speech is a voice, not the mixed windows at changes of speaker.
MIN_SHARE = 0.04
MIN_WINDOWS = 20
SIDE = 0.8  # seconds of speech on each side of a candidate change
REACH = 150  # frames of speech a change may move
CHANGE_COST = 4.0  # Viterbi price of a speaker change, in summed frame similarity
SPEECH_LEVEL_DBFS = -20.0  # the encoder's input, whatever the recording's level
MAX_GAIN_DB = 50.0
NAME = "resemblyzer"


@dataclass(frozen=True)
class SpeakerCount:
    exact: int | None = None
    minimum: int | None = None
    maximum: int | None = None

    def clamp(self, found: int, windows: int) -> int:
        if self.exact:
            return min(self.exact, windows)
        low, high = self.minimum or 1, self.maximum or windows
        return max(1, min(max(found, low), high, windows))


_encoder: Any = None
_encoder_lock = threading.Lock()


def encoder() -> Any:
    """The voice encoder, loaded once per process (about 17 MB of weights, CPU)."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            from resemblyzer import VoiceEncoder

            _encoder = VoiceEncoder(device="cpu", verbose=False)
        return _encoder


def speech_gain_db(db: np.ndarray, speech: np.ndarray) -> float:
    """The gain that brings the speech (its frames' mean power) to SPEECH_LEVEL_DBFS.

    The encoder reads a linear (not log) mel spectrogram, so its embeddings move with the
    level: the same voice recorded 20 dB quieter lands elsewhere and splits into speakers of
    its own. Measured on speech frames only, so long pauses do not raise the gain.
    """
    if not speech.any():
        return 0.0
    level = 10 * np.log10(np.mean(10 ** (db[speech] / 10)) + 1e-12)
    return float(np.clip(SPEECH_LEVEL_DBFS - level, -MAX_GAIN_DB, MAX_GAIN_DB))


def speech_frames(spans: list[tuple[float, float]], frames: int) -> np.ndarray:
    mask = np.zeros(frames, dtype=bool)
    for start, end in spans:
        mask[int(start / FRAME) : int(np.ceil(end / FRAME))] = True
    return mask


def embed(pieces: list[np.ndarray], frames: int) -> np.ndarray:
    """Unit embeddings of mel pieces in one batch; a shorter piece is repeated to `frames`."""
    import torch

    if not pieces:
        return np.zeros((0, 256), np.float32)
    batch = np.stack(
        [
            np.resize(p, (frames, p.shape[1])) if len(p) else np.zeros((frames, 40), np.float32)
            for p in pieces
        ]
    )
    with torch.inference_mode():  # in chunks: the LSTM keeps every step's output
        return np.concatenate(
            [
                encoder()(torch.from_numpy(batch[i : i + CHUNK])).numpy()
                for i in range(0, len(batch), CHUNK)
            ]
        )


def embed_windows(mel: np.ndarray, speech: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Embeddings of windows of speech frames, and the frame indices each window covers."""
    voiced = np.flatnonzero(speech[: len(mel)])
    size = int(WINDOW / FRAME)
    step = max(int(STEP / FRAME), int(np.ceil(len(voiced) / MAX_WINDOWS)))
    if len(voiced) < size:
        starts = [0] if len(voiced) else []
        size = len(voiced)
    else:
        starts = list(range(0, len(voiced) - size + 1, step))
        if starts[-1] + size < len(voiced):
            starts.append(len(voiced) - size)
    covers = [voiced[s : s + size] for s in starts]
    return embed([mel[c] for c in covers], size), covers


def cluster(embeddings: np.ndarray, count: SpeakerCount) -> np.ndarray:
    """A label per window: Ward's hierarchy, cut where a merge joins two different voices."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(embeddings) < 2:
        return np.zeros(len(embeddings), dtype=int)
    tree = linkage(embeddings, method="ward")
    found = 1
    for height, size in tree[::-1, 2:4]:  # from the last merge down
        if not _two_voices(height, size):
            break
        found += 1
    first = fcluster(tree, found, criterion="maxclust") - 1
    labels = _merge_same_voice(embeddings, _merge_small(embeddings, first))
    wanted = count.clamp(int(labels.max()) + 1, len(embeddings))
    if wanted != int(labels.max()) + 1:
        labels = _renumber(fcluster(tree, wanted, criterion="maxclust") - 1)
    return labels


def _two_voices(height: float, size: int) -> bool:
    return height >= MIN_SPLIT and height / np.sqrt(size) >= SPLIT_PER_ROOT_WINDOW


def _merge_same_voice(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Clusters whose centroids are as alike as one person's sentences join (the closest pair
    first): a voice heard in a few distinct stretches makes a tight cluster of each."""
    while labels.max() > 0:
        centroids = centroids_of(embeddings, labels)
        similarity = centroids @ centroids.T - 2 * np.eye(len(centroids))
        first, second = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[first, second] < SAME_VOICE:
            break
        labels = _renumber(np.where(labels == max(first, second), min(first, second), labels))
    return labels


def _merge_small(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Clusters of a few windows (often the mixed ones at a change of speaker) join their
    nearest big cluster."""
    sizes = np.bincount(labels)
    least = min(MIN_SHARE * len(labels), MIN_WINDOWS)
    big = [k for k in range(len(sizes)) if sizes[k] >= least]
    if not big or len(big) == len(sizes):
        return _renumber(labels)
    centroids = np.stack([_unit(embeddings[labels == k].mean(axis=0)) for k in big])
    nearest = np.array(big)[np.argmax(embeddings @ centroids.T, axis=1)]
    merged = np.where(np.isin(labels, big), labels, nearest)
    return _renumber(merged)


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Labels 0, 1, ... in order of first appearance."""
    order = {k: i for i, k in enumerate(dict.fromkeys(labels.tolist()))}
    return np.array([order[k] for k in labels.tolist()], dtype=int)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / (np.linalg.norm(vector) + 1e-9)


def centroids_of(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return np.stack([_unit(embeddings[labels == k].mean(axis=0)) for k in range(labels.max() + 1)])


def frame_labels(
    embeddings: np.ndarray, covers: list[np.ndarray], centroids: np.ndarray, frames: int
) -> dict[int, int]:
    """A speaker per speech frame: similarity to each centroid, smoothed by Viterbi."""
    speakers = len(centroids)
    similarity = embeddings @ centroids.T  # windows x speakers
    total = np.zeros((frames, speakers))
    weight = np.zeros(frames)
    for cover, row in zip(covers, similarity, strict=True):
        total[cover] += row
        weight[cover] += 1
    voiced = np.flatnonzero(weight)
    scores = total[voiced] / weight[voiced, None]
    path = _viterbi(scores, CHANGE_COST)
    return dict(zip(voiced.tolist(), path.tolist(), strict=True))


def _viterbi(scores: np.ndarray, change_cost: float) -> np.ndarray:
    """The label sequence maximizing summed scores minus `change_cost` per change."""
    count, states = scores.shape
    best = scores[0].copy()
    back = np.zeros((count, states), dtype=int)
    for t in range(1, count):
        stay = best
        switch = best.max() - change_cost
        back[t] = np.where(stay >= switch, np.arange(states), int(best.argmax()))
        best = np.maximum(stay, switch) + scores[t]
    path = np.zeros(count, dtype=int)
    path[-1] = int(best.argmax())
    for t in range(count - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def refine_changes(
    mel: np.ndarray,
    spans: list[tuple[float, float]],
    labels: dict[int, int],
    centroids: np.ndarray,
) -> dict[int, int]:
    """Move each change of speaker to the pause between two words that best separates the
    voices: the speech just before it sounds like the first speaker, just after like the next.

    Frame scores average windows of WINDOW seconds, which blurs a change by half a window;
    SIDE seconds of speech on each side of the candidate pauses put it between the right words.
    """
    voiced = np.array(sorted(labels))
    path = np.array([labels[f] for f in voiced])
    changes = (np.flatnonzero(path[1:] != path[:-1]) + 1).tolist()  # indices into voiced
    if not changes:
        return labels
    pauses = np.unique(np.searchsorted(voiced, [int(end / FRAME) for _s, end in spans[:-1]]))
    side = int(SIDE / FRAME)
    bounds = [0, *changes, len(voiced)]
    candidates: list[tuple[int, int]] = []  # (which change, where it would be)
    pieces: list[np.ndarray] = []  # the speech before and after each candidate
    for n, change in enumerate(changes):
        low = max(bounds[n] + side // 2, change - REACH)
        high = min(bounds[n + 2] - side // 2, change + REACH)
        for position in sorted({change, *pauses[(pauses > low) & (pauses < high)].tolist()}):
            candidates.append((n, position))
            pieces += [voiced[max(0, position - side) : position], voiced[position:][:side]]
    similarity = embed([mel[p] for p in pieces], side) @ centroids.T
    best: dict[int, tuple[float, int]] = {}
    for k, (n, position) in enumerate(candidates):
        before, after = path[changes[n] - 1], path[changes[n]]
        left, right = similarity[2 * k], similarity[2 * k + 1]
        score = left[before] - left[after] + right[after] - right[before]
        if n not in best or score > best[n][0]:
            best[n] = (score, position)
    moved = path.copy()
    for n, (_score, position) in best.items():
        change = changes[n]
        if position < change:
            moved[position:change] = path[change]
        else:
            moved[change:position] = path[change - 1]
    return dict(zip(voiced.tolist(), moved.tolist(), strict=True))


def turns_from_frames(labels: dict[int, int]) -> list[Turn]:
    """Runs of one speaker; a pause between two frames of one speaker stays inside the turn."""
    turns: list[Turn] = []
    for frame in sorted(labels):
        speaker = f"SPEAKER_{labels[frame]:02d}"
        start, end = frame * FRAME, (frame + 1) * FRAME
        if turns and turns[-1].speaker == speaker:
            turns[-1] = Turn(turns[-1].start, end, speaker)
        else:
            if turns:  # a change inside a pause splits the pause between the two
                middle = (turns[-1].end + start) / 2 if start > turns[-1].end else start
                turns[-1] = Turn(turns[-1].start, middle, turns[-1].speaker)
                start = middle
            turns.append(Turn(start, end, speaker))
    return turns


def diarize(
    audio: np.ndarray,
    spans: list[tuple[float, float]],
    count: SpeakerCount,
    env: Envelope | None = None,
) -> list[Turn]:
    """Speaker turns of `audio` (16 kHz mono float32) whose speech lies in `spans` (seconds);
    `env`, the audio's envelope when the caller has it already."""
    from resemblyzer import wav_to_mel_spectrogram

    if len(audio) == 0 or not spans:
        return []
    env = env or envelope(audio)
    speech = speech_frames(spans, len(env.db))
    speech &= ~env.silent  # pauses inside or after words carry no voice
    gain = 10 ** (speech_gain_db(env.db, speech) / 20)
    mel = wav_to_mel_spectrogram((audio * gain).astype(np.float32))
    speech = np.pad(speech, (0, max(0, len(mel) - len(speech))))[: len(mel)]
    embeddings, covers = embed_windows(mel, speech)
    if len(embeddings) == 0:
        return []
    labels = cluster(embeddings, count)
    centroids = centroids_of(embeddings, labels)
    frames = frame_labels(embeddings, covers, centroids, len(mel))
    if len(centroids) > 1:
        frames = refine_changes(mel, spans, frames, centroids)
    return turns_from_frames(frames)
