// A word retyped as several: the typed words take the times they are given (the server's, timed
// by the sound), and without them share the span by their lengths, never leaving it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { apply, editText, idSource, load, locate } from "../editor/model.js";
import { byLength, typedWords } from "../editor/retype.js";

function model() {
  const word = (text, start, end) => ({ text, start, end, score: 0.9, speaker: "SPEAKER_00" });
  const newId = idSource();
  const loaded = load({
    version: 2, language: "en", duration: 10,
    engine: { name: "whisperx", model: "base", alignment: "whisper", diarization: "none" },
    speakers: [{ id: "SPEAKER_00", label: "Speaker 1" }],
    segments: [{ start: 0.4, end: 2.7, speaker: "SPEAKER_00", text: "So Needs Right.",
      words: [word("So", 0.4, 0.7), word("Needs", 1.0, 2.0), word("Right.", 2.3, 2.7)] }],
  }, newId);
  return { model: loaded, newId, id: loaded.segments[0].words[1].id };
}

describe("retyping a word as several", () => {
  it("reads the typed words as the creator spaced them", () => {
    assert.deepEqual(typedWords("  Neither  did\tI. "), ["Neither", "did", "I."]);
    assert.deepEqual(typedWords("   "), []);
  });

  it("shares the span by the words' lengths when the sound cannot be asked", () => {
    assert.deepEqual(byLength({ start: 1, end: 2.5 }, ["a", "longer", "three"]),
      [{ start: 1, end: 1.2 }, { start: 1.2, end: 1.9 }, { start: 1.9, end: 2.5 }]);
  });

  it("gives the typed words the sound's times and leaves the neighbours alone", () => {
    const { model: before, newId, id } = model();
    const times = [{ start: 1.0, end: 1.42 }, { start: 1.52, end: 1.76 }, { start: 1.86, end: 2.0 }];
    const { model: after, inverse } = apply(before, editText(before, id, "Neither did I.", newId, times));
    const words = after.segments[0].words;
    assert.deepEqual(words.map((w) => [w.text, w.start, w.end]), [
      ["So", 0.4, 0.7], ["Neither", 1.0, 1.42], ["did", 1.52, 1.76], ["I.", 1.86, 2.0], ["Right.", 2.3, 2.7],
    ]);
    assert.equal(locate(after, id).word.text, "Neither"); // the first keeps the word's id
    assert.deepEqual(apply(after, inverse).model, before); // one undo step
  });
});
