// A small transcript document (API JSON) for the editor's tests: two segments, two speakers.

/** @returns {any} a fresh copy each call */
export function sampleTranscript() {
  /** @type {(text: string, start: number, end: number, speaker?: string) => object} */
  const word = (text, start, end, speaker = "SPEAKER_00") => ({ text, start, end, score: 0.9, speaker });
  return {
    version: 1,
    language: "en",
    duration: 10,
    engine: { name: "whisperx", model: "tiny.en", alignment: "whisper", diarization: "none" },
    speakers: [{ id: "SPEAKER_00", label: "Speaker 1" }, { id: "SPEAKER_01", label: "Speaker 2" }],
    segments: [
      { start: 0.5, end: 2.0, speaker: "SPEAKER_00", text: "Welcome back everyone",
        words: [word("Welcome", 0.5, 0.9), word("back", 1.0, 1.4), word("everyone", 1.5, 2.0)] },
      { start: 3.0, end: 4.0, speaker: "SPEAKER_01", text: "Thanks Sam",
        words: [word("Thanks", 3.0, 3.5, "SPEAKER_01"), word("Sam", 3.6, 4.0, "SPEAKER_01")] },
    ],
  };
}
