// The playhead and the selected word: selecting seeks, arrows step from word to word, nudges
// move the selected word's start, end, whole word or line by 50 ms as one undoable step.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { NUDGE_SECONDS, Playhead } from "../editor/flows/playhead.js";
import { allWords } from "../editor/model.js";
import { EditorStore } from "../editor/store.js";
import { sampleTranscript } from "./sample-transcript.js";

function setup() {
  const store = new EditorStore({ style: { preset: "classic" } });
  store.loadTranscript(sampleTranscript());
  /** A player as the page's <video> is one: a playhead, paused or playing. */
  const video = { currentTime: 0, paused: true, play() { this.paused = false; }, pause() { this.paused = true; } };
  const words = () => allWords(store.model);
  return { store, video, playhead: new Playhead({ store, video }), words };
}

const close = (/** @type {number} */ a, /** @type {number} */ b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

describe("playhead", () => {
  it("selects a word, seeking to it only when asked", () => {
    const { store, video, playhead, words } = setup();
    playhead.select(words()[1].id, false);
    assert.equal(store.selected, words()[1].id);
    assert.equal(video.currentTime, 0);
    playhead.select(words()[3].id, true);
    close(video.currentTime, 3.001);
  });

  it("steps to the next and previous word from the playhead, staying within the words", () => {
    const { store, video, playhead, words } = setup();
    video.currentTime = 1.2; // inside "back"
    playhead.step(1);
    assert.equal(store.selected, words()[2].id);
    close(video.currentTime, 1.501);
    playhead.step(-1);
    playhead.step(-1);
    playhead.step(-1);
    assert.equal(store.selected, words()[0].id);
    video.currentTime = 9;
    playhead.step(1);
    assert.equal(store.selected, words()[4].id);
  });

  it("nudges the selected word's start or end, the word, or its line, each undoable", () => {
    const { store, playhead, words } = setup();
    playhead.nudge(1, "start"); // nothing selected: nothing to do
    assert.equal(store.history.canUndo, false);
    playhead.select(words()[1].id, false);
    playhead.nudge(1, "start");
    close(words()[1].start, 1.0 + NUDGE_SECONDS);
    playhead.nudge(-1, "end");
    close(words()[1].end, 1.4 - NUDGE_SECONDS);
    playhead.nudge(1, "word");
    close(words()[1].start, 1.0 + 2 * NUDGE_SECONDS);
    close(words()[1].end, 1.4);
    playhead.nudge(-1, "line");
    close(words()[0].start, 0.5 - NUDGE_SECONDS);
    close(words()[2].end, 2.0 - NUDGE_SECONDS);
    close(words()[3].start, 3.0); // the next line stays
    for (let i = 0; i < 4; i += 1) store.undo();
    assert.deepEqual(store.transcript(), sampleTranscript());
  });

  it("plays and pauses", () => {
    const { video, playhead } = setup();
    playhead.togglePlay();
    assert.equal(video.paused, false);
    playhead.togglePlay();
    assert.equal(video.paused, true);
  });
});
