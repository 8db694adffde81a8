// The editor's store: transcript edits and style changes are undoable steps, listeners hear
// what changed, a transcript from the server replacing the edited one drops its stale steps,
// and the style the server resolved is kept without being an edit.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { editText, renameSpeaker } from "../editor/model.js";
import { EditorStore } from "../editor/store.js";
import { partialStyle } from "./fixtures.js";
import { sampleTranscript } from "./sample-transcript.js";

function setup() {
  const store = new EditorStore({ style: { preset: "classic" } });
  /** @type {string[]} */
  const heard = [];
  store.subscribe(({ kind }) => heard.push(kind));
  store.loadTranscript(sampleTranscript());
  heard.length = 0;
  const words = () => store.model.segments.flatMap((/** @type {any} */ s) => s.words.map((/** @type {any} */ w) => w.text));
  /** @param {string} text */
  const edit = (text) => store.dispatch(editText(store.model, store.model.segments[0].words[0].id, text, store.newId));
  return { store, heard, words, edit };
}

describe("editor store", () => {
  it("makes each transcript edit one undoable step and says what changed", () => {
    const { store, heard, words, edit } = setup();
    const loaded = store.model;
    edit("Hello");
    assert.equal(words()[0], "Hello");
    assert.deepEqual(heard, ["transcript", "history"]);
    assert.ok(store.history.canUndo);
    store.undo();
    assert.deepEqual(store.model, loaded);
    assert.deepEqual(store.transcript(), sampleTranscript(), "undone, it saves as it was loaded");
    store.redo();
    assert.equal(words()[0], "Hello");
  });

  it("ignores an operation that has nothing to do", () => {
    const { store, heard } = setup();
    const model = store.model;
    store.dispatch(null);
    assert.equal(store.model, model);
    assert.deepEqual(heard, []);
    assert.equal(store.history.canUndo, false);
  });

  it("keeps a style change as the fields that changed, undone back to the preset", () => {
    const { store, heard } = setup();
    store.setStyle({ preset: "classic", font_size: 90 });
    store.setStyle({ preset: "classic", font_size: 90 }); // the same: no step
    assert.deepEqual(heard, ["style", "history"]);
    store.setStyle({ preset: "pop" });
    store.undo();
    assert.deepEqual(store.style, { preset: "classic", font_size: 90 });
    store.undo();
    assert.deepEqual(store.style, { preset: "classic" }, "the override is gone, not set to undefined");
    assert.ok(!("font_size" in store.style));
  });

  it("interleaves transcript and style steps in the order they were made", () => {
    const { store, words, edit } = setup();
    edit("One");
    store.setStyle({ preset: "boxed" });
    edit("Two");
    store.undo();
    assert.equal(words()[0], "One");
    assert.equal(store.style.preset, "boxed");
    store.undo();
    assert.equal(store.style.preset, "classic");
    assert.equal(words()[0], "One");
  });

  it("drops the transcript's steps, not the style's, when a new transcript replaces it", () => {
    const { store, heard, words, edit } = setup();
    edit("Old");
    store.setStyle({ preset: "boxed" });
    const found = sampleTranscript();
    found.speakers[0].label = "Sam";
    heard.length = 0;
    store.loadTranscript(found, { replace: true });
    assert.deepEqual(heard, ["history", "transcript"]);
    assert.equal(words()[0], "Welcome");
    store.undo(); // the style step
    assert.equal(store.style.preset, "classic");
    assert.equal(store.history.canUndo, false, "the edit of the old transcript is gone");
    assert.equal(store.model.speakers[0].label, "Sam");
  });

  it("keeps the style the server resolved, as no edit", () => {
    const { store, heard } = setup();
    store.setResolved(partialStyle({ font_family: "Inter", speaker_colors: {} }));
    assert.deepEqual(heard, ["resolved"]);
    assert.equal(store.resolved.font_family, "Inter");
    assert.equal(store.history.canUndo, false);
    assert.deepEqual(store.style, { preset: "classic" });
  });

  it("tells listeners the selection, until they unsubscribe", () => {
    const { store, heard } = setup();
    /** @type {string[]} */
    const other = [];
    const stop = store.subscribe(({ kind }) => other.push(kind));
    store.select("w2");
    stop();
    store.dispatch(renameSpeaker(store.model, "SPEAKER_00", "Host"));
    assert.equal(store.selected, "w2");
    assert.deepEqual(heard, ["selection", "transcript", "history"]);
    assert.deepEqual(other, ["selection"]);
  });
});
