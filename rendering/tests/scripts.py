"""Test transcripts in the scripts creators write: long words, Korean, Japanese, Arabic,
Russian, emoji (one word every half second from 0.2 s). Every third word is shouted (louder,
an octave higher, twice as slow), so expressive styles draw it at their largest."""

from media.transcription.emphasis import score
from media.transcription.schema import build_transcript

SCRIPTS = {
    "long-words": (
        "en",
        "Responsibilities overcharacterize extraordinarily internationalization "
        "counterrevolutionaries electroencephalographically today",
    ),
    "korean": ("ko", "안녕하세요 여러분 오늘은 세로 영상에 자막을 넣는 방법을 알아보겠습니다"),
    "japanese": (
        "ja",
        "今日は いい 天気 ですね。 東京タワーに 行きましょう、 そして ラーメンを 食べましょう。",
    ),
    "arabic": ("ar", "مرحبا بكم في قناتنا اليوم سنتعلم كيفية إضافة الترجمة إلى الفيديو"),
    "russian": ("ru", "Привет друзья сегодня мы научимся добавлять субтитры к вертикальному видео"),
    "emoji": ("en", "This is 🔥 amazing 😀 right 👍🏽 yes 🎉"),
}
STEP = 0.5
SHOUTED = {"loudness_db": 12.0, "pitch_st": 12.0, "stretch": 2.5}
CALM = {"loudness_db": 0.0, "pitch_st": -1.0, "stretch": 1.0}


def script_transcript(name: str, duration: float = 8.0) -> dict:
    language, text = SCRIPTS[name]
    words = [
        {
            "text": word,
            "start": round(0.2 + i * STEP, 3),
            "end": round(0.6 + i * STEP, 3),
            "prosody": SHOUTED if i % 3 == 1 else CALM,
            "emphasis": 0.97 if i % 3 == 1 else 0.1,
        }
        for i, word in enumerate(text.split())
    ]
    return build_transcript(
        language=language,
        duration=max(duration, words[-1]["end"] + 0.5),
        engine={"name": "whisperx", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": words}],
    )


def shouted_transcript(text: str, shouted: str) -> dict:
    """Every word calm but one, said louder, higher and slower, scored as the engine does."""
    words = []
    for i, word in enumerate(text.split()):
        loud = word == shouted
        words.append(
            {
                "text": word,
                "start": round(0.2 + 0.4 * i, 3),
                "end": round(0.55 + 0.4 * i, 3),
                "prosody": {"loudness_db": 10.0, "pitch_st": 7.0, "stretch": 1.9}
                if loud
                else {"loudness_db": 0.2 * (i % 3), "pitch_st": -0.5 * (i % 2), "stretch": 1.0},
            }
        )
    score(words)  # as the analyser does
    return build_transcript(
        language="en",
        duration=words[-1]["end"] + 1.0,
        engine={"name": "whisperx", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": words}],
    )
