// The editor's transcript model: every operation's inverse restores the model exactly, ids stay
// with their words through splits and merges, and what is saved follows the contract.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  addSpeaker, allWords, apply, clearEmphasis, deleteWord, editText, idSource, lastAtOrBefore, load,
  locate, mergeSpeakers, mergeWithNext, moveSegmentToSpeaker, moveWordToSpeaker, renameSpeaker,
  moveLine, moveWord, retime, serialize, setEmphasis, setSpeakerColor, splitBefore, tagSlug, tagWord, untagWord,
} from "../editor/model.js";
import { sampleTranscript as transcript } from "./sample-transcript.js";

function setup() {
  const newId = idSource();
  return { newId, model: load(transcript(), newId) };
}

/** Apply an operation, check that its inverse gives back the very same model, return the result. */
function roundTrip(model, op) {
  assert.ok(op, "an operation was produced");
  const { model: changed, inverse } = apply(model, op);
  assert.deepEqual(apply(changed, inverse).model, model);
  return changed;
}

const texts = (model) => model.segments.map((s) => s.words.map((w) => w.text).join(" "));

describe("loading and saving", () => {
  it("gives every word and segment a distinct id and round-trips the document", () => {
    const { model } = setup();
    const ids = [...model.segments.map((s) => s.id), ...allWords(model).map((w) => w.id)];
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(serialize(model), transcript());
  });

  it("recomputes segment times and text from the words and drops empty segments", () => {
    const { model } = setup();
    let changed = model;
    for (const word of model.segments[1].words) changed = apply(changed, deleteWord(changed, word.id)).model;
    changed = apply(changed, editText(changed, model.segments[0].words[0].id, "Hello")).model;
    const saved = serialize(changed);
    assert.equal(saved.segments.length, 1);
    assert.equal(saved.segments[0].text, "Hello back everyone");
    assert.deepEqual([saved.segments[0].start, saved.segments[0].end], [0.5, 2.0]);
    assert.ok(!("id" in saved.segments[0].words[0]));
  });
});

describe("editing words", () => {
  it("edits text in place, keeping the word's id", () => {
    const { model } = setup();
    const id = model.segments[0].words[1].id;
    const changed = roundTrip(model, editText(model, id, "  forward "));
    assert.equal(locate(changed, id).word.text, "forward");
  });

  it("turns text with spaces into several words sharing the time", () => {
    const { model, newId } = setup();
    const id = model.segments[0].words[2].id; // everyone 1.5-2.0
    const changed = roundTrip(model, editText(model, id, "every single one", newId));
    const words = changed.segments[0].words.slice(2);
    assert.deepEqual(words.map((w) => w.text), ["every", "single", "one"]);
    assert.equal(words[0].id, id);
    assert.deepEqual(words.map((w) => [w.start, w.end]), [[1.5, 1.667], [1.667, 1.833], [1.833, 2.0]]);
  });

  it("deletes a word when its text is emptied, and does nothing for unchanged text", () => {
    const { model } = setup();
    const id = model.segments[0].words[0].id;
    const changed = roundTrip(model, editText(model, id, "   "));
    assert.deepEqual(texts(changed), ["back everyone", "Thanks Sam"]);
    assert.equal(editText(model, id, "Welcome"), null);
  });

  it("retimes within the neighbours and the media, never reversing a word", () => {
    const { model } = setup();
    const [first, second] = model.segments[0].words;
    let changed = roundTrip(model, retime(model, second.id, { start: 0.2 }));
    assert.equal(locate(changed, second.id).word.start, 0.9); // the previous word's end
    changed = roundTrip(model, retime(model, second.id, { end: 3.2 }));
    assert.equal(locate(changed, second.id).word.end, 1.5); // the next word's start
    changed = roundTrip(model, retime(model, first.id, { start: 2 }));
    assert.deepEqual([locate(changed, first.id).word.start, locate(changed, first.id).word.end], [0.9, 0.9]);
    const last = model.segments[1].words[1];
    assert.equal(locate(roundTrip(model, retime(model, last.id, { end: 99 })), last.id).word.end, 10);
    assert.equal(retime(model, first.id, { start: 0.5 }), null);
  });
});

describe("lines", () => {
  it("splits a line before a word and merges it back, ids kept", () => {
    const { model, newId } = setup();
    const back = model.segments[0].words[1];
    const split = roundTrip(model, splitBefore(model, back.id, newId));
    assert.deepEqual(texts(split), ["Welcome", "back everyone", "Thanks Sam"]);
    assert.equal(locate(split, back.id).segmentIndex, 1);
    assert.equal(split.segments[1].speaker, "SPEAKER_00");
    const merged = roundTrip(split, mergeWithNext(split, split.segments[0].id));
    assert.deepEqual(texts(merged), texts(model));
    assert.equal(splitBefore(model, model.segments[0].words[0].id, newId), null);
  });

  it("merging lines of two speakers keeps each word's speaker, and undo restores both lines", () => {
    const { model } = setup();
    const merged = roundTrip(model, mergeWithNext(model, model.segments[0].id));
    assert.equal(merged.segments.length, 1);
    assert.deepEqual(merged.segments[0].words.map((w) => w.speaker).slice(-2), ["SPEAKER_01", "SPEAKER_01"]);
    assert.equal(mergeWithNext(merged, merged.segments[0].id), null);
  });
});

describe("speakers", () => {
  it("moves a line with its words to another speaker", () => {
    const { model } = setup();
    const changed = roundTrip(model, moveSegmentToSpeaker(model, model.segments[0].id, "SPEAKER_01"));
    assert.equal(changed.segments[0].speaker, "SPEAKER_01");
    assert.ok(changed.segments[0].words.every((w) => w.speaker === "SPEAKER_01"));
    assert.equal(moveSegmentToSpeaker(changed, changed.segments[0].id, "SPEAKER_01"), null);
  });

  it("moves one word to another speaker", () => {
    const { model } = setup();
    const id = model.segments[0].words[2].id;
    assert.equal(locate(roundTrip(model, moveWordToSpeaker(model, id, "SPEAKER_01")), id).word.speaker, "SPEAKER_01");
  });

  it("adds a speaker with a free id, renames one, and merges one into another", () => {
    const { model } = setup();
    const added = roundTrip(model, addSpeaker(model));
    assert.deepEqual(added.speakers.at(-1), { id: "SPEAKER_02", label: "Speaker 3" });
    const renamed = roundTrip(added, renameSpeaker(added, "SPEAKER_02", " Sam "));
    assert.equal(renamed.speakers.at(-1).label, "Sam");
    assert.equal(renameSpeaker(renamed, "SPEAKER_02", "  "), null);
    const merged = roundTrip(renamed, mergeSpeakers(renamed, "SPEAKER_01", "SPEAKER_00"));
    assert.deepEqual(merged.speakers.map((s) => s.id), ["SPEAKER_00", "SPEAKER_02"]);
    assert.ok(allWords(merged).every((w) => w.speaker === "SPEAKER_00"));
    assert.ok(merged.segments.every((s) => s.speaker === "SPEAKER_00"));
  });

  it("keeps a speaker's colour in the transcript, undoably", () => {
    const { model } = setup();
    const colored = roundTrip(model, setSpeakerColor(model, "SPEAKER_01", "#ffd84d"));
    assert.equal(colored.speakers[1].color, "#FFD84D");
    assert.equal(serialize(colored).speakers[1].color, "#FFD84D");
    assert.equal(setSpeakerColor(colored, "SPEAKER_01", "#FFD84D"), null);
    assert.equal(setSpeakerColor(colored, "SPEAKER_01", "red; x"), null);
  });

  it("refuses to remove a speaker who still speaks", () => {
    const { model } = setup();
    assert.throws(() => apply(model, { type: "removeSpeaker", speaker: "SPEAKER_01" }), /still speaks/);
  });
});

describe("finding the spoken word", () => {
  it("finds the last start at or before t by binary search", () => {
    const starts = [0.5, 1.0, 1.5, 3.0];
    assert.equal(lastAtOrBefore(starts, 0.2), -1);
    assert.equal(lastAtOrBefore(starts, 1.0), 1);
    assert.equal(lastAtOrBefore(starts, 2.9), 2);
    assert.equal(lastAtOrBefore(starts, 99), 3);
  });
});

describe("tags and emphasis", () => {
  it("tags a word with a slug, at most five, and untags it; both undo exactly", () => {
    const { model } = setup();
    const id = allWords(model)[1].id;
    assert.equal(tagSlug("  #Big Deal! "), "big-deal");
    assert.equal(tagSlug("!!!"), null);
    let changed = roundTrip(model, tagWord(model, id, "hype"));
    assert.deepEqual(locate(changed, id).word.tags, ["hype"]);
    assert.equal(tagWord(changed, id, "hype"), null); // already there
    assert.equal(tagWord(changed, id, "Not A Slug"), null);
    for (const tag of ["a", "b", "c", "d"]) changed = apply(changed, tagWord(changed, id, tag)).model;
    assert.equal(tagWord(changed, id, "sixth"), null);
    const untagged = roundTrip(changed, untagWord(changed, id, "a"));
    assert.deepEqual(locate(untagged, id).word.tags, ["hype", "b", "c", "d"]);
    const single = apply(model, tagWord(model, id, "hype")).model;
    const none = apply(single, untagWord(single, id, "hype")).model;
    assert.equal("tags" in locate(none, id).word, false); // no empty list is saved
  });

  it("sets emphasis by hand and goes back to the computed one", () => {
    const { model } = setup();
    const id = allWords(model)[0].id;
    const computed = apply(model, { type: "setWord", word: id, fields: { emphasis: 0.2, emphasis_set: false } }).model;
    const set = roundTrip(computed, setEmphasis(computed, id, 1.4));
    assert.deepEqual([locate(set, id).word.emphasis, locate(set, id).word.emphasis_set], [1, true]);
    assert.equal(setEmphasis(set, id, 1), null); // nothing changes
    const back = roundTrip(set, clearEmphasis(set, id, 0.2));
    assert.deepEqual([locate(back, id).word.emphasis, locate(back, id).word.emphasis_set], [0.2, false]);
    assert.equal(clearEmphasis(back, id, 0.2), null); // not set by hand
    const unknown = apply(set, clearEmphasis(set, id, undefined)).model;
    assert.equal(locate(unknown, id).word.emphasis, undefined); // no prosody: nothing to compute from
    assert.equal(serialize(unknown).segments[0].words[0].emphasis_set, false);
  });
});

describe("moving a whole word", () => {
  it("keeps its length and stops at a neighbour", () => {
    const { model } = setup();
    const id = allWords(model)[1].id; // "back" 1.0-1.4, between 0.9 and 1.5
    const moved = roundTrip(model, moveWord(model, id, 0.05));
    assert.deepEqual([locate(moved, id).word.start, locate(moved, id).word.end], [1.05, 1.45]);
    assert.equal(moveWord(model, id, 0.2), null);
    assert.equal(moveWord(model, id, -0.2), null);
  });
});

describe("moving a whole line", () => {
  it("moves every word of the line together, as one undoable step", () => {
    const { model } = setup();
    const line = model.segments[1]; // "Thanks Sam" 3.0-4.0, after "everyone" ending at 2.0
    const op = moveLine(model, line.id, -0.5);
    const { model: moved, inverse } = apply(model, op);
    assert.deepEqual(moved.segments[1].words.map((w) => [w.start, w.end]), [[2.5, 3.0], [3.1, 3.5]]);
    assert.deepEqual(moved.segments[0], model.segments[0]);
    assert.deepEqual(serialize(apply(moved, inverse).model), serialize(model));
  });

  it("stops at the words around it and at the media's edges", () => {
    const { model } = setup();
    assert.equal(moveLine(model, model.segments[1].id, -1.1), null); // would overlap "everyone"
    assert.equal(moveLine(model, model.segments[1].id, 6.1), null); // past the 10 s media
    assert.equal(moveLine(model, model.segments[0].id, -0.6), null); // before 0
    assert.equal(moveLine(model, model.segments[0].id, 0), null); // nothing to do
    assert.equal(moveLine(model, "no-such-line", 0.1), null);
  });
});
