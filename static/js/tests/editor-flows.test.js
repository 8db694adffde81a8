// The transcript and speaker flows' rules: what the transcription's state says while there is
// no transcript, the emphasis "auto" goes back to, which job is a search for speakers under way,
// and a speaker's colour set in the transcript (the style's own for them dropped).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { findingUnderWay, recolorSpeaker } from "../editor/flows/speakers.js";
import { computedEmphasis, transcriptionState } from "../editor/flows/transcript.js";
import { load } from "../editor/model.js";
import { EditorStore } from "../editor/store.js";
import { sampleTranscript } from "./sample-transcript.js";

describe("waiting for the transcript", () => {
  it("shows the phase and progress, or that it is queued or waiting", () => {
    assert.deepEqual(transcriptionState({ status: "running", phase: "aligning", progress: 40 }),
      { text: "Aligning words · 40%", progress: 40, ended: false });
    assert.equal(transcriptionState({ status: "queued", progress: 0 }).text, "Queued · 0%");
    assert.deepEqual(transcriptionState(null), { text: "Waiting for the transcript…", progress: 0, ended: false });
  });

  it("ends for good when the transcription failed or was canceled", () => {
    for (const status of ["failed", "canceled"]) {
      const state = transcriptionState({ status, progress: 30 });
      assert.equal(state.ended, true);
      assert.equal(state.text, `Transcription ${status}. Try again from the API or ask support.`);
    }
  });

  it("remembers the emphasis the voice gave, not the one the creator set", () => {
    const transcript = sampleTranscript();
    const [first, second, third] = transcript.segments[0].words;
    Object.assign(first, { emphasis: 0.4, emphasis_set: false });
    Object.assign(second, { emphasis: 0.9, emphasis_set: true });
    Object.assign(third, { emphasis: 0 });
    const model = load(transcript);
    const [a, , c] = model.segments[0].words;
    assert.deepEqual([...computedEmphasis(model)], [[a.id, 0.4], [c.id, 0]]);
  });
});

describe("speakers", () => {
  it("follows only a search for speakers still under way", () => {
    assert.equal(findingUnderWay({ id: "j", status: "running", options: { speakers_only: true } }), true);
    assert.equal(findingUnderWay({ id: "j", status: "queued", options: { speakers_only: true } }), true);
    assert.equal(findingUnderWay({ id: "j", status: "succeeded", options: { speakers_only: true } }), false);
    assert.equal(findingUnderWay({ id: "j", status: "running", options: {} }), false);
    assert.equal(findingUnderWay(null), false);
  });

  it("sets a speaker's colour in the transcript, dropping the style's own for them first", () => {
    const store = new EditorStore({ style: { preset: "classic", speaker_colors: { SPEAKER_00: "#00FF00", SPEAKER_01: "#0000FF" } } });
    store.loadTranscript(sampleTranscript());
    recolorSpeaker(store, "SPEAKER_00", "#FF3366");
    assert.deepEqual(store.style.speaker_colors, { SPEAKER_01: "#0000FF" });
    assert.equal(store.transcript().speakers[0].color, "#FF3366");
    store.undo();
    store.undo();
    assert.deepEqual(store.style.speaker_colors, { SPEAKER_00: "#00FF00", SPEAKER_01: "#0000FF" });
    const plain = new EditorStore({ style: { preset: "classic" } });
    plain.loadTranscript(sampleTranscript());
    recolorSpeaker(plain, "SPEAKER_01", "#123456");
    plain.undo();
    assert.equal(plain.history.canUndo, false, "one step when the style had no colour for them");
    assert.deepEqual(plain.transcript(), sampleTranscript());
  });
});
