"""Test transcripts in the scripts creators write: long words, Korean, Japanese, Arabic,
Russian, emoji (one word every half second from 0.2 s)."""

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


def script_transcript(name: str, duration: float = 8.0) -> dict:
    language, text = SCRIPTS[name]
    words = [
        {"text": word, "start": round(0.2 + i * STEP, 3), "end": round(0.6 + i * STEP, 3)}
        for i, word in enumerate(text.split())
    ]
    return build_transcript(
        language=language,
        duration=max(duration, words[-1]["end"] + 0.5),
        engine={"name": "whisperx", "model": "m", "alignment": "whisper", "diarization": "none"},
        segments=[{"words": words}],
    )
