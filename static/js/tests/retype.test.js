// Words retyped over a word or a run: the typed words take the times they are given (the
// server's, timed by the sound) in one undo step, and without them share the span by length.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { apply, idSource, load, locate } from "../editor/model.js";
import { byLength, replaceRun, typedWords, wordRun } from "../editor/retype.js";

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
  const [so, needs, right] = loaded.segments[0].words.map((word) => word.id);
  return { model: loaded, newId, so, id: needs, right };
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
    const op = replaceRun(wordRun(before, id), ["Neither", "did", "I."], times, newId);
    const { model: after, inverse } = apply(before, op);
    const words = after.segments[0].words;
    assert.deepEqual(words.map((w) => [w.text, w.start, w.end, w.score]), [
      ["So", 0.4, 0.7, 0.9], ["Neither", 1.0, 1.42, null], ["did", 1.52, 1.76, null],
      ["I.", 1.86, 2.0, null], ["Right.", 2.3, 2.7, 0.9],
    ]);
    assert.equal(locate(after, id).word.text, "Neither"); // the first keeps the word's id
    assert.deepEqual(apply(after, inverse).model, before); // one undo step
  });

  it("replaces a run of words by what was typed over it, in one step", () => {
    const { model: before, newId, so, id, right } = model();
    const run = wordRun(before, so, id);
    assert.deepEqual(run.words.map((w) => w.text), ["So", "Needs"]);
    const { model: after } = apply(before, replaceRun(run, ["Sonny"], [{ start: 0.4, end: 2.0 }], newId));
    assert.deepEqual(after.segments[0].words.map((w) => [w.text, w.start, w.end]),
      [["Sonny", 0.4, 2.0], ["Right.", 2.3, 2.7]]);
    assert.equal(wordRun(before, id, so), null); // a run runs forwards
    assert.equal(wordRun(before, right, "w999"), null);
  });

  it("deletes a run without handing its time to the words around it", () => {
    const { model: before, newId, so, id } = model();
    const { model: after } = apply(before, replaceRun(wordRun(before, so, id), [], [], newId));
    assert.deepEqual(after.segments[0].words.map((w) => [w.text, w.start, w.end]), [["Right.", 2.3, 2.7]]);
  });
});
