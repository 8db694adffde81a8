"""Speech to a word-timed Transcript: engine protocol, WhisperX engine, schema, subtitles."""
