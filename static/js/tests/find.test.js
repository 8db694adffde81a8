// Find and replace: what is found (whole words or part, any case, across words of a line), the
// case a replacement takes, and the replacement as one operation that one undo takes back.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  caseLike, caseOf, countText, editOperation, findMatches, isFindKey, matchFrom, needsTimes,
  replacementEdits, replacementOperation, timesKey,
} from "../editor/find.js";
import { apply, idSource, load, serialize } from "../editor/model.js";

/** A transcript of lines of words, each word 0.5 s long with 0.1 s between them. */
function transcript(...lines) {
  let t = 0;
  const segments = lines.map((line) => {
    const words = line.split(" ").map((text) => {
      const word = { text, start: Math.round(t * 10) / 10, end: Math.round((t + 0.5) * 10) / 10, score: 0.8, speaker: "SPEAKER_00" };
      t += 0.6;
      return word;
    });
    return { start: words[0].start, end: words[words.length - 1].end, speaker: "SPEAKER_00", text: line, words };
  });
  const newId = idSource();
  return { model: load({ version: 2, language: "en", duration: t + 1, speakers: [{ id: "SPEAKER_00", label: "Diane" }], segments }, newId), newId };
}

const texts = (model) => model.segments.map((segment) => segment.words.map((word) => word.text).join(" "));
const found = (model, query, wholeWords = true) => findMatches(model, query, { wholeWords }).map((m) => m.text);

/** Replace every match of `query` by `replacement`, times by length (no server here). */
function replaceAll(model, newId, query, replacement, { wholeWords = true, times = new Map() } = {}) {
  const edits = replacementEdits(model, findMatches(model, query, { wholeWords }), replacement);
  return replacementOperation(edits, times, newId);
}

describe("finding", () => {
  const { model } = transcript("And then Sheila went to new jersey.", "Band practice and more, AND MORE", "Sheila's dog; sheila!");

  it("finds whole words in any case, punctuation around them aside", () => {
    assert.deepEqual(found(model, "and"), ["And", "and", "AND"]);
    assert.deepEqual(found(model, "sheila"), ["Sheila", "sheila"]); // not inside "Sheila's"
    assert.deepEqual(found(model, "more"), ["more", "MORE"]); // "more," is the word "more"
  });

  it("finds a part of a word when asked", () => {
    assert.deepEqual(found(model, "and", false), ["And", "and", "and", "AND"]); // the second in "Band"
    assert.deepEqual(found(model, "sheila", false), ["Sheila", "Sheila", "sheila"]);
  });

  it("finds several words in a row, however the query is spaced", () => {
    const [match] = findMatches(model, "  new   JERSEY ", { wholeWords: true });
    assert.equal(match.text, "new jersey");
    assert.deepEqual([match.first, match.last], [5, 6]);
    assert.deepEqual(match.ids, model.segments[0].words.slice(5, 7).map((w) => w.id));
  });

  it("does not find words split across two lines, nor an empty query", () => {
    assert.deepEqual(found(model, "more sheila's"), []);
    assert.deepEqual(found(model, "  "), []);
  });

  it("takes the query's characters literally", () => {
    assert.deepEqual(found(model, "jersey."), ["jersey."]);
    assert.deepEqual(found(model, "d.g", false), []);
  });

  it("finds words of scripts without case and without spaces between words", () => {
    const { model: thai } = transcript("สวัสดี ครับ", "ขอบคุณ ครับ");
    assert.deepEqual(found(thai, "ครับ"), ["ครับ", "ครับ"]);
  });
});

describe("the replacement's case", () => {
  it("reads how the matched text is cased", () => {
    assert.equal(caseOf("AND"), "upper");
    assert.equal(caseOf("I"), "capital"); // one capital letter is not shouting
    assert.equal(caseOf("And"), "capital");
    assert.equal(caseOf("New Jersey"), "title");
    assert.equal(caseOf("new Jersey"), "lower");
    assert.equal(caseOf("“and"), "lower");
    assert.equal(caseOf("ครับ"), "lower");
  });

  it("keeps a capital at a sentence start and capitals that shout", () => {
    assert.equal(caseLike("And", "in"), "In");
    assert.equal(caseLike("and", "in"), "in");
    assert.equal(caseLike("AND", "in"), "IN");
    assert.equal(caseLike("New Jersey", "new york"), "New York");
  });

  it("keeps the case the creator typed when it has capitals of its own", () => {
    assert.equal(caseLike("new jersey", "New Jersey"), "New Jersey");
    assert.equal(caseLike("Iphone", "iPhone"), "iPhone");
    assert.equal(caseLike("IPHONE", "iPhone"), "IPHONE");
  });
});

describe("replacing", () => {
  it("replaces a word by a word in its case, keeping its times, as checked words", () => {
    const { model: before, newId } = transcript("And we went and came back.", "AND then");
    const op = replaceAll(before, newId, "and", "in");
    assert.equal(op.type, "setWords"); // all of them in one pass over the transcript
    assert.equal(Object.keys(op.changes).length, 3);
    const { model: after, inverse } = apply(before, op);
    assert.deepEqual(texts(after), ["In we went in came back.", "IN then"]);
    const words = after.segments[0].words;
    assert.deepEqual([words[3].start, words[3].end, words[3].score], [1.8, 2.3, null]);
    assert.deepEqual(serialize(apply(after, inverse).model), serialize(before)); // one undo
  });

  it("corrects several words at once, each keeping its times", () => {
    const { model: before, newId } = transcript("We drove to new jersey.");
    const { model: after } = apply(before, replaceAll(before, newId, "new jersey", "New Jersey"));
    assert.deepEqual(texts(after), ["We drove to New Jersey."]); // the full stop stays
    assert.deepEqual(after.segments[0].words.map((w) => w.start), before.segments[0].words.map((w) => w.start));
  });

  it("replaces a word by several, at the times given for them", () => {
    const { model: before, newId } = transcript("I'm gonna go, gonna stay");
    const edits = replacementEdits(before, findMatches(before, "gonna", { wholeWords: true }), "going to");
    assert.ok(edits.every(needsTimes));
    const sound = [{ start: 0.6, end: 0.8 }, { start: 0.9, end: 1.1 }];
    const op = replacementOperation(edits, new Map([[timesKey(edits[0]), sound]]), newId);
    assert.equal(op.type, "batch");
    assert.deepEqual(op.ops.map((o) => o.type === "spliceWords" && o.index), [3, 1]); // the last first
    const { model: after, inverse } = apply(before, op);
    assert.deepEqual(texts(after), ["I'm going to go, going to stay"]);
    const words = after.segments[0].words;
    assert.deepEqual(words.slice(1, 3).map((w) => [w.start, w.end]), [[0.6, 0.8], [0.9, 1.1]]); // by the sound
    assert.deepEqual(words.slice(4, 6).map((w) => [w.start, w.end]), [[1.8, 2.133], [2.133, 2.3]]); // by length
    assert.deepEqual(words.at(-1).start, before.segments[0].words.at(-1).start);
    assert.deepEqual(serialize(apply(after, inverse).model), serialize(before));
  });

  it("deletes the words replaced by nothing", () => {
    const { model: before, newId } = transcript("so um we um left");
    const { model: after } = apply(before, replaceAll(before, newId, "um", ""));
    assert.deepEqual(texts(after), ["so we left"]);
  });

  it("replaces a part of a word and several parts of one word together", () => {
    const { model: before, newId } = transcript("banana Bandana");
    const { model: after } = apply(before, replaceAll(before, newId, "an", "o", { wholeWords: false }));
    assert.deepEqual(texts(after), ["booa Bodoa"]);
  });

  it("does nothing when the replacement is what is there", () => {
    const { model, newId } = transcript("and so");
    assert.equal(replaceAll(model, newId, "AND", "and"), null);
  });

  it("leaves alone the lines edited since their matches were found", () => {
    const { model: before, newId } = transcript("and and", "and so");
    const matches = findMatches(before, "and", { wholeWords: true });
    const edited = apply(before, { type: "setWord", word: matches[0].ids[0], fields: { text: "or" } }).model;
    const { model: after } = apply(edited, replacementOperation(replacementEdits(edited, matches, "in"), new Map(), newId));
    assert.deepEqual(texts(after), ["or and", "in so"]);
  });

  it("edits one match alone", () => {
    const { model: before, newId } = transcript("and and");
    const [, second] = findMatches(before, "and", { wholeWords: true });
    const [edit] = replacementEdits(before, [second], "in");
    assert.deepEqual(texts(apply(before, editOperation(edit, null, newId)).model), ["and in"]);
  });
});

describe("stepping", () => {
  const { model } = transcript("a b a", "c a");
  const matches = findMatches(model, "a", { wholeWords: true });

  it("starts from the first match at or after a word, round the end", () => {
    assert.equal(matchFrom(matches, { line: 0, index: 0 }), 0);
    assert.equal(matchFrom(matches, { line: 0, index: 1 }), 1);
    assert.equal(matchFrom(matches, { line: 1, index: 0 }), 2);
    assert.equal(matchFrom(matches, { line: 2, index: 0 }), 0);
    assert.equal(matchFrom([], { line: 0, index: 0 }), -1);
  });

  it("counts as the creator reads it", () => {
    assert.equal(countText(2, 7, "and"), "3 of 7");
    assert.equal(countText(-1, 7, "and"), "7 matches");
    assert.equal(countText(-1, 0, "and"), "No matches");
    assert.equal(countText(-1, 0, " "), "");
  });

  it("opens on Ctrl+F or Cmd+F only", () => {
    const key = (fields) => ({ key: "f", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...fields });
    assert.ok(isFindKey(key({ ctrlKey: true })));
    assert.ok(isFindKey(key({ metaKey: true, key: "F" })));
    assert.ok(!isFindKey(key({})));
    assert.ok(!isFindKey(key({ ctrlKey: true, shiftKey: true })));
  });
});
