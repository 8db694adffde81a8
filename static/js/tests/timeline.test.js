// The timeline's arithmetic: time <-> pixels under scroll and zoom, words in view, what the
// pointer grabs, and where a dragged edge or word may go.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  dragLineTo, dragTo, hitTest, MAX_PX_PER_SECOND, MIN_WORD_SECONDS, moveSpan, parseWaveform,
  peakBetween, silenceEdges, snap, speakerBar, tickStep, TimeAxis, visibleRange,
} from "../editor/timeline-math.js";

const words = [
  { start: 0.5, end: 0.9 },
  { start: 1.0, end: 1.4 },
  { start: 1.4, end: 2.0 }, // touches the previous word
  { start: 3.0, end: 3.5 },
];

describe("TimeAxis", () => {
  it("maps time to pixels and back under scroll and zoom", () => {
    const view = new TimeAxis({ duration: 60, width: 1000, pxPerSecond: 100 });
    assert.equal(view.x(2.5), 250);
    view.scrollTo(10);
    assert.equal(view.x(12), 200);
    assert.equal(view.time(200), 12);
    assert.equal(view.end, 20);
  });

  it("keeps the time under the pointer in place when zooming", () => {
    const view = new TimeAxis({ duration: 60, width: 1000, pxPerSecond: 100, start: 10 });
    const before = view.time(300);
    view.zoom(4, 300);
    assert.equal(view.pxPerSecond, 400);
    assert.ok(Math.abs(view.time(300) - before) < 1e-9);
    view.zoom(1e9);
    assert.equal(view.pxPerSecond, MAX_PX_PER_SECOND);
  });

  it("never scrolls before the start or past the end of the media", () => {
    const view = new TimeAxis({ duration: 30, width: 1000, pxPerSecond: 100 });
    view.scrollTo(-5);
    assert.equal(view.start, 0);
    view.scrollTo(100);
    assert.equal(view.start, 20);
    view.follow(29);
    assert.ok(view.x(29) <= view.width);
  });
});

describe("visible words", () => {
  it("finds the words in view by binary search", () => {
    assert.deepEqual(visibleRange(words, 0.95, 1.2), [1, 2]);
    assert.deepEqual(visibleRange(words, 0, 10), [0, 4]);
    assert.deepEqual(visibleRange(words, 2.1, 2.9), [3, 3]);
  });

  it("stays cheap for an hour of words", () => {
    const hour = Array.from({ length: 9000 }, (_, i) => ({ start: i * 0.4, end: i * 0.4 + 0.3 }));
    const started = performance.now();
    for (let k = 0; k < 10000; k += 1) visibleRange(hour, 1800 + k * 0.01, 1810 + k * 0.01);
    assert.ok(performance.now() - started < 200);
    assert.deepEqual(visibleRange(hour, 1800, 1801), [4500, 4503]);
  });
});

describe("hitTest", () => {
  const view = new TimeAxis({ duration: 10, width: 1000, pxPerSecond: 100 });

  it("grabs an edge near it and the body inside", () => {
    assert.deepEqual(hitTest(words, view, 52), { index: 0, part: "start" });
    assert.deepEqual(hitTest(words, view, 88), { index: 0, part: "end" });
    assert.deepEqual(hitTest(words, view, 70), { index: 0, part: "body" });
    assert.equal(hitTest(words, view, 250), null);
  });

  it("between two touching words, takes the edge on the pointer's side", () => {
    assert.deepEqual(hitTest(words, view, 138), { index: 1, part: "end" });
    assert.deepEqual(hitTest(words, view, 142), { index: 2, part: "start" });
  });
});

describe("dragging", () => {
  const options = { duration: 10, pxPerSecond: 100 };

  it("keeps an edge between the neighbours and the word at least its minimum long", () => {
    assert.deepEqual(dragTo(words, 1, "start", 0.2, options), { start: 0.9, end: 1.4 });
    assert.deepEqual(dragTo(words, 1, "start", 1.5, options), { start: 1.4 - MIN_WORD_SECONDS, end: 1.4 });
    assert.deepEqual(dragTo(words, 3, "end", 20, options), { start: 3.0, end: 10 });
    assert.deepEqual(dragTo(words, 0, "start", -1, options), { start: 0, end: 0.9 });
  });

  it("snaps an edge to a neighbour or a silence within a few pixels", () => {
    assert.deepEqual(dragTo(words, 3, "start", 2.04, options), { start: 2.0, end: 3.5 });
    assert.deepEqual(dragTo(words, 3, "start", 2.5, { ...options, silences: [2.53] }), { start: 2.53, end: 3.5 });
    assert.deepEqual(dragTo(words, 3, "start", 2.5, { ...options, silences: [2.7] }), { start: 2.5, end: 3.5 });
    assert.equal(snap(1.0, [1.1], 1000), 1.0); // zoomed in, 100 px away: no snap
  });

  it("moves a whole word keeping its length, within its neighbours", () => {
    assert.deepEqual(dragTo(words, 3, "body", 2.5, options), { start: 2.5, end: 3.0 });
    assert.deepEqual(dragTo(words, 3, "body", 1.0, options), { start: 2.0, end: 2.5 });
    assert.deepEqual(dragTo(words, 3, "body", 9.9, options), { start: 9.5, end: 10 });
  });
});

describe("moving a span whole", () => {
  const bounds = { floor: 1.0, ceiling: 5.0, pxPerSecond: 100 };

  it("keeps its length and stays within its bounds", () => {
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 2.5, bounds), { start: 2.5, end: 3.5 });
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 0, bounds), { start: 1, end: 2 });
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 4.6, bounds), { start: 4, end: 5 });
  });

  it("snaps its start or its end, whichever is nearer, to a silence", () => {
    // the end (3.52 + 1) is 2 px from the silence at 4.54, the start 5 px from 3.47
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 3.52, { ...bounds, silences: [3.47, 4.54] }), { start: 3.54, end: 4.54 });
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 3.52, { ...bounds, silences: [3.5] }), { start: 3.5, end: 4.5 });
    assert.deepEqual(moveSpan({ start: 2, end: 3 }, 3.2, { ...bounds, silences: [3.5] }), { start: 3.2, end: 4.2 });
  });
});

describe("dragging a caption line", () => {
  const options = { duration: 10, pxPerSecond: 100 };
  const line = { first: 1, last: 2 }; // 1.0 to 2.0, between 0.9 and 3.0

  it("takes its first word's start and its last word's end as its edges", () => {
    assert.deepEqual(dragLineTo(words, line, "start", 0.5, options), { start: 0.9, end: 2.0 });
    assert.deepEqual(dragLineTo(words, line, "start", 1.3, options), { start: 1.3, end: 2.0 });
    assert.deepEqual(dragLineTo(words, line, "start", 1.9, options), { start: 1.4 - MIN_WORD_SECONDS, end: 2.0 });
    assert.deepEqual(dragLineTo(words, line, "end", 2.5, options), { start: 1.0, end: 2.5 });
    assert.deepEqual(dragLineTo(words, line, "end", 4.0, options), { start: 1.0, end: 3.0 });
  });

  it("moves all its words between the words around it", () => {
    assert.deepEqual(dragLineTo(words, line, "body", 1.5, options), { start: 1.5, end: 2.5 });
    assert.deepEqual(dragLineTo(words, line, "body", 2.6, options), { start: 2.0, end: 3.0 });
    assert.deepEqual(dragLineTo(words, line, "body", 0.1, options), { start: 0.9, end: 1.9 });
    assert.deepEqual(dragLineTo(words, { first: 0, last: 3 }, "body", -2, options), { start: 0, end: 3 });
  });
});

describe("speakers", () => {
  it("gives each speaker a colour of their own by their place in the list", () => {
    const speakers = ["A", "B", "C", "D", "E", "F", "G"].map((id) => ({ id }));
    const colors = speakers.map((speaker) => speakerBar(speakers, speaker.id));
    assert.equal(new Set(colors.slice(0, 6)).size, 6);
    assert.equal(colors[6], colors[0]); // then they come round again
    assert.equal(speakerBar(speakers, "unknown"), colors[0]);
  });
});

describe("ruler", () => {
  it("spaces ticks so that labels do not collide", () => {
    assert.equal(tickStep(100), 1);
    assert.equal(tickStep(2), 60);
    assert.equal(tickStep(2000), 0.05);
  });
});

describe("waveform", () => {
  function file(peaks, peaksPerSecond = 100) {
    const buffer = new ArrayBuffer(8 + peaks.length);
    new Uint8Array(buffer, 0, 4).set([..."ECGW"].map((c) => c.charCodeAt(0)));
    const view = new DataView(buffer);
    view.setUint8(4, 1);
    view.setUint16(5, peaksPerSecond, true);
    view.setUint8(7, 1);
    new Uint8Array(buffer, 8).set(peaks);
    return buffer;
  }

  it("reads the server's file and refuses anything else", () => {
    const waveform = parseWaveform(file([0, 10, 200]));
    assert.equal(waveform.peaksPerSecond, 100);
    assert.deepEqual([...waveform.peaks], [0, 10, 200]);
    assert.equal(parseWaveform(new ArrayBuffer(4)), null);
    assert.equal(parseWaveform(new TextEncoder().encode("not a waveform file").buffer), null);
  });

  it("gives the loudest peak under a column of pixels", () => {
    const waveform = parseWaveform(file([0, 10, 200, 30, 0]));
    assert.equal(peakBetween(waveform, 0, 0.02), 10);
    assert.equal(peakBetween(waveform, 0.015, 0.03), 200);
    assert.equal(peakBetween(waveform, 0.049, 0.0495), 0); // narrower than a peak: still one
  });

  it("finds where sound stops and starts again, ignoring short dips", () => {
    // 0.3 s of sound, 0.2 s of silence, 0.1 s of sound, a 0.03 s dip, 0.2 s of sound
    const peaks = [...Array(30).fill(150), ...Array(20).fill(5), ...Array(10).fill(150),
      ...Array(3).fill(5), ...Array(20).fill(150)];
    const edges = silenceEdges(parseWaveform(file(peaks)));
    assert.deepEqual(edges, [0.3, 0.5]);
  });
});
