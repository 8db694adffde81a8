// The timeline's arithmetic, pure (no DOM): time <-> pixels in a scrolled, zoomed view, which
// words are in view (binary search: an hour of words costs nothing per frame), what a pointer
// is over, and where a dragged edge, word or line may go (neighbours, snapping).

import { wordBounds } from "./model.js";

/** @import { Speaker } from "./types.js" */
/** A timed thing on the timeline. @typedef {{ start: number, end: number }} Span */
/** What a pointer holds of a word. @typedef {"start" | "end" | "body"} Part */
/** @typedef {{ peaksPerSecond: number, peaks: Uint8Array }} Waveform */
/**
 * How far a drag may go: the media's duration, the zoom, and the edges of the sound.
 * @typedef {{ duration: number, pxPerSecond: number, silences?: number[] }} DragOptions
 */

export const MIN_PX_PER_SECOND = 2; // zoomed out: an hour fits in 7,200 px
export const MAX_PX_PER_SECOND = 2000; // zoomed in: 0.5 ms a pixel
export const EDGE_GRAB_PX = 6; // this close to a word's edge, the pointer takes the edge
export const SNAP_PX = 8; // an edge this close to a neighbour or a silence snaps to it
export const MIN_WORD_SECONDS = 0.02;

/** @type {(x: number, low: number, high: number) => number} */
const clamp = (x, low, high) => Math.max(low, Math.min(high, x));
const round3 = (/** @type {number} */ x) => Math.round(x * 1000) / 1000;

/** A horizontal view of the media: `start` seconds at the left edge, `pxPerSecond` zoom. */
export class TimeAxis {
  /** @param {{ duration: number, width: number, pxPerSecond?: number, start?: number }} options */
  constructor({ duration, width, pxPerSecond = 100, start = 0 }) {
    this.duration = duration;
    this.width = width;
    this.pxPerSecond = clamp(pxPerSecond, MIN_PX_PER_SECOND, MAX_PX_PER_SECOND);
    this.start = 0;
    this.scrollTo(start);
  }

  get end() {
    return this.start + this.width / this.pxPerSecond;
  }

  /** @param {number} t */
  x(t) {
    return (t - this.start) * this.pxPerSecond;
  }

  /** @param {number} x */
  time(x) {
    return this.start + x / this.pxPerSecond;
  }

  /** Left edge at t, kept within the media (a view wider than the media starts at 0).
   * @param {number} t */
  scrollTo(t) {
    const span = this.width / this.pxPerSecond;
    this.start = clamp(t, 0, Math.max(0, this.duration - span));
  }

  /** @param {number} px */
  scrollBy(px) {
    this.scrollTo(this.start + px / this.pxPerSecond);
  }

  /** Zoom by `factor` keeping the time under pixel `anchorX` where it is.
   * @param {number} factor @param {number} [anchorX] */
  zoom(factor, anchorX = this.width / 2) {
    const anchor = this.time(anchorX);
    this.pxPerSecond = clamp(this.pxPerSecond * factor, MIN_PX_PER_SECOND, MAX_PX_PER_SECOND);
    this.scrollTo(anchor - anchorX / this.pxPerSecond);
  }

  /** Scroll as little as needed to show t (with a margin), as a playhead is followed.
   * @param {number} t @param {number} [margin] share of the view */
  follow(t, margin = 0.1) {
    const span = this.width / this.pxPerSecond;
    if (t < this.start || t > this.end - span * margin) this.scrollTo(t - span * margin);
  }
}

/** Index of the first word ending after t (words sorted, not overlapping).
 * @param {Span[]} words @param {number} t */
export function firstEndingAfter(words, t) {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].end <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** [from, to) indices of the words that overlap [start, end].
 * @param {Span[]} words @param {number} start @param {number} end @returns {[number, number]} */
export function visibleRange(words, start, end) {
  const from = firstEndingAfter(words, start);
  let to = from;
  while (to < words.length && words[to].start <= end) to += 1;
  return [from, to];
}

/** What is under pixel x: {index, part: "start" | "end" | "body"} or null. An edge within
 * EDGE_GRAB_PX wins over a body; of two touching words, the edge on the pointer's side.
 * @param {Span[]} words @param {TimeAxis} view @param {number} x
 * @returns {{ index: number, part: Part } | null} */
export function hitTest(words, view, x) {
  const t = view.time(x);
  const grab = EDGE_GRAB_PX / view.pxPerSecond;
  const first = Math.max(0, firstEndingAfter(words, t - grab) - 1);
  /** @type {{ index: number, part: Part, distance: number } | null} */
  let best = null;
  /** @type {{ index: number, part: Part } | null} */
  let body = null;
  for (let k = first; k < Math.min(words.length, first + 3); k += 1) {
    const word = words[k];
    /** @type {[Part, number][]} */
    const edges = [["start", word.start], ["end", word.end]];
    for (const [part, edge] of edges) {
      const distance = Math.abs(t - edge);
      const onItsSide = part === "start" ? t >= edge : t < edge;
      if (distance <= grab && (!best || distance < best.distance || (distance === best.distance && onItsSide))) {
        best = { index: k, part, distance };
      }
    }
    if (t > word.start && t < word.end) body = { index: k, part: "body" };
  }
  return best ? { index: best.index, part: best.part } : body;
}

/** The candidate nearest to t within SNAP_PX as {value, distance}, or null.
 * @param {number} t @param {number[]} candidates @param {number} pxPerSecond */
function nearest(t, candidates, pxPerSecond) {
  /** @type {number | null} */
  let best = null;
  let distance = SNAP_PX / pxPerSecond;
  for (const c of candidates) {
    const d = Math.abs(c - t);
    if (d <= distance) { best = c; distance = d; }
  }
  return best === null ? null : { value: best, distance };
}

/** The candidate nearest to t within SNAP_PX, else t.
 * @param {number} t @param {number[]} candidates @param {number} pxPerSecond */
export function snap(t, candidates, pxPerSecond) {
  return nearest(t, candidates, pxPerSecond)?.value ?? t;
}

/**
 * A span (a word, or a line of words) moved whole to start near t: it keeps its length, stays
 * within [floor, ceiling], and its start or its end, whichever is nearer, snaps to the bounds
 * and to `silences`.
 * @param {Span} span @param {number} t
 * @param {{ floor: number, ceiling: number, pxPerSecond: number, silences?: number[] }} bounds
 * @returns {Span}
 */
export function moveSpan({ start, end }, t, { floor, ceiling, pxPerSecond, silences = [] }) {
  const length = end - start;
  const byStart = nearest(t, [floor, ...silences], pxPerSecond);
  const byEnd = nearest(t + length, [ceiling, ...silences], pxPerSecond);
  let moved = t;
  if (byStart && (!byEnd || byStart.distance <= byEnd.distance)) moved = byStart.value;
  else if (byEnd) moved = byEnd.value - length;
  moved = clamp(moved, floor, Math.max(floor, ceiling - length));
  return { start: round3(moved), end: round3(moved + length) };
}

/**
 * New {start, end} for word `index` when its `part` is dragged to time t: an edge stays
 * between the neighbours and at least MIN_WORD_SECONDS from the other edge, snapping to the
 * neighbours' edges and to `silences` (times where the sound starts or stops); the body moves
 * whole, keeping its duration.
 * @param {Span[]} words @param {number} index @param {Part} part @param {number} t
 * @param {DragOptions} options @returns {Span}
 */
export function dragTo(words, index, part, t, { duration, pxPerSecond, silences = [] }) {
  const word = words[index];
  const { floor, ceiling } = wordBounds(words, index, duration);
  if (part === "body") return moveSpan(word, t, { floor, ceiling, pxPerSecond, silences });
  const candidates = [floor, ceiling, ...silences];
  if (part === "start") {
    const start = clamp(snap(t, candidates, pxPerSecond), floor, word.end - MIN_WORD_SECONDS);
    return { start: round3(start), end: word.end };
  }
  const end = clamp(snap(t, candidates, pxPerSecond), word.start + MIN_WORD_SECONDS, ceiling);
  return { start: word.start, end: round3(end) };
}

/**
 * New {start, end} of a caption line (words `first` to `last`) when its `part` is dragged to
 * t: its start edge is its first word's start, its end edge its last word's end; its body
 * moves all its words together, between the words around it.
 * @param {Span[]} words @param {{ first: number, last: number }} line @param {Part} part
 * @param {number} t @param {DragOptions} options @returns {Span}
 */
export function dragLineTo(words, { first, last }, part, t, options) {
  if (part === "start") return { start: dragTo(words, first, "start", t, options).start, end: words[last].end };
  if (part === "end") return { start: words[first].start, end: dragTo(words, last, "end", t, options).end };
  const { floor } = wordBounds(words, first, options.duration);
  const { ceiling } = wordBounds(words, last, options.duration);
  return moveSpan({ start: words[first].start, end: words[last].end }, t, { ...options, floor, ceiling });
}

// A speaker's bar where their captions have no colour of their own: turns show all the same.
const SPEAKER_BARS = ["#7c9cff", "#ff9f5a", "#5ad1a0", "#e07ce0", "#5ac8e0", "#c9d36a"];

/** The colour that marks a speaker on the timeline when their captions have none: by their
 * place in the list, so it stays put as lines change hands.
 * @param {Pick<Speaker, "id">[]} speakers @param {string | undefined} speakerId */
export function speakerBar(speakers, speakerId) {
  const index = Math.max(0, speakers.findIndex((speaker) => speaker.id === speakerId));
  return SPEAKER_BARS[index % SPEAKER_BARS.length];
}

/** Spacing of ruler ticks (seconds) so that labels sit at least `minPx` apart.
 * @param {number} pxPerSecond @param {number} [minPx] */
export function tickStep(pxPerSecond, minPx = 70) {
  const steps = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
  return steps.find((step) => step * pxPerSecond >= minPx) ?? 3600;
}

// --- the waveform ---------------------------------------------------------------------------

const WAVEFORM_MAGIC = "ECGW";

/** The server's waveform file (media/transcription/waveform.py): {peaksPerSecond, peaks}, with
 * peaks as bytes on a square-root scale; null if the buffer is not one.
 * @param {ArrayBuffer} buffer @returns {Waveform | null} */
export function parseWaveform(buffer) {
  if (buffer.byteLength < 8) return null;
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== WAVEFORM_MAGIC || view.getUint8(4) !== 1) return null;
  return { peaksPerSecond: view.getUint16(5, true), peaks: new Uint8Array(buffer, 8) };
}

/** The loudest peak in [t0, t1) (0-255), for one column of pixels.
 * @param {Waveform} waveform @param {number} t0 @param {number} t1 */
export function peakBetween(waveform, t0, t1) {
  const { peaks, peaksPerSecond } = waveform;
  const from = Math.max(0, Math.floor(t0 * peaksPerSecond));
  const to = Math.min(peaks.length, Math.max(from + 1, Math.ceil(t1 * peaksPerSecond)));
  let peak = 0;
  for (let i = from; i < to; i += 1) if (peaks[i] > peak) peak = peaks[i];
  return peak;
}

/** Times where sound starts or stops (a silence is at least `minSeconds` under `level`):
 * what a dragged edge snaps to.
 * @param {Waveform} waveform @param {{ level?: number, minSeconds?: number }} [options] */
export function silenceEdges(waveform, { level = 40, minSeconds = 0.08 } = {}) {
  const { peaks, peaksPerSecond } = waveform;
  /** @type {number[]} */
  const edges = [];
  const minRun = Math.max(1, Math.round(minSeconds * peaksPerSecond));
  let quietFrom = 0;
  for (let i = 0; i <= peaks.length; i += 1) {
    const quiet = i < peaks.length && peaks[i] < level;
    if (quiet) continue;
    if (i - quietFrom >= minRun) {
      if (quietFrom > 0) edges.push(quietFrom / peaksPerSecond); // the sound stops
      if (i < peaks.length) edges.push(i / peaksPerSecond); // and starts again
    }
    quietFrom = i + 1;
  }
  return edges;
}
