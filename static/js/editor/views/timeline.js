// The timeline under the player: a ruler, the audio's waveform, the caption lines, the words
// as blocks and the playhead, on one canvas. Only what is in view is drawn (binary search over the words), and
// only when something changed, so an hour of words scrolls and drags as smoothly as a minute.
// Dragging a word's edge retimes it, dragging its body moves it; a caption line's edges are its
// first word's start and last word's end, and dragging its bar moves all its words. The change
// is applied once, on release, as one undoable step. Wheel scrolls, Ctrl+wheel zooms; from the
// keyboard +/- zoom, 0 fits the whole media, Page Up/Down scroll a screen.
import { formatTime } from "../../api.js";
import { allWords, locate } from "../model.js";
import {
  dragLineTo, dragTo, hitTest, parseWaveform, peakBetween, silenceEdges, speakerBar, tickStep, TimeAxis,
  visibleRange,
} from "../timeline-math.js";

/** @import { EditorStore } from "../store.js" */
/** @import { Part, Span } from "../timeline-math.js" */
/** @import { Word } from "../types.js" */
/** @import { ColorOf } from "./speakers.js" */
/**
 * A caption line on the timeline: its words (`first` to `last`, indices in the words) and span.
 * @typedef {{ id: string, speaker: string | undefined, first: number, last: number, start: number, end: number }} LineSpan
 */
/**
 * A drag under way: of a word or a line, by an edge or its body; `times` where it is now.
 * @typedef {{ kind: "word" | "line", index: number, part: Part, id: string, offset: number, times: Span | null }} Drag
 */

const HEIGHT = 112;
const RULER = 18;
const WAVE = { top: 20, height: 40 };
const LINES = { top: 62, height: 10 };
const WORDS = { top: 76, height: 30 };
const ZOOM_STEP = 1.5;
const COLORS = {
  background: "#181b24", ruler: "#9aa1b5", tick: "#33384a",
  wave: "#4b5578", word: "#2f3650cc", wordText: "#e9ebf2", selected: "#7c7cff", active: "#ffd84d", playhead: "#ff5c7a",
};

export class TimelineView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {HTMLVideoElement} options.video
   * @param {number} options.duration seconds
   * @param {() => ColorOf} options.speakerColors
   * @param {(wordId: string) => void} options.onSelect
   * @param {(wordId: string, times: { start?: number, end?: number }) => void} options.onRetime
   * @param {(segmentId: string, delta: number) => void} options.onMoveLine
   */
  constructor(canvas, { store, video, duration, speakerColors, onSelect, onRetime, onMoveLine }) {
    this.canvas = canvas;
    this.store = store;
    this.video = video;
    this.speakerColors = speakerColors;
    this.onSelect = onSelect;
    this.onRetime = onRetime;
    this.onMoveLine = onMoveLine;
    this.view = new TimeAxis({ duration, width: canvas.clientWidth || 800, pxPerSecond: 120 });
    /** @type {Word[]} */
    this.words = [];
    /** @type {LineSpan[]} */
    this.segments = [];
    /** @type {import("../types.js").Model | null} the model the words were read from */
    this.source = null;
    /** @type {Drag | null} */
    this.drag = null;
    /** @type {import("../timeline-math.js").Waveform | null} once loaded */
    this.waveform = null;
    /** @type {number[]} where sound starts or stops: dragged edges snap there */
    this.silences = [];
    this.pending = false;
    this.lastPlayhead = -1;
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.bind();
    this.resize();
  }

  /** Words and line spans of the current model (recomputed when the model changes). */
  data() {
    const model = this.store.model;
    if (model && model !== this.source) {
      this.source = model;
      this.words = allWords(model);
      const firstIndex = new Map(this.words.map((word, i) => [word.id, i]));
      this.segments = model.segments.filter((s) => s.words.length).map((s) => {
        const first = firstIndex.get(s.words[0].id) ?? 0;
        const span = { start: s.words[0].start, end: s.words[s.words.length - 1].end };
        return { id: s.id, speaker: s.speaker, first, last: first + s.words.length - 1, ...span };
      });
    }
    return this.words;
  }

  /** The waveform the server made with the transcript (absent for older videos: no band).
   * @param {() => Promise<ArrayBuffer | null>} load */
  async loadWaveform(load) {
    const buffer = await load();
    this.waveform = buffer ? parseWaveform(buffer) : null;
    this.silences = this.waveform ? silenceEdges(this.waveform) : [];
    this.invalidate();
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth || 800;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(HEIGHT * ratio);
    this.view.width = width;
    this.view.scrollTo(this.view.start);
    this.invalidate();
  }

  invalidate() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /** Called every animation frame: redraws only when the playhead moved a pixel.
   * @param {number} t @param {boolean} playing */
  tick(t, playing) {
    if (playing) this.view.follow(t);
    if (Math.round(this.view.x(t)) !== Math.round(this.view.x(this.lastPlayhead))) this.invalidate();
  }

  /** @param {number} factor @param {number} [anchorX] */
  zoom(factor, anchorX) {
    this.view.zoom(factor, anchorX ?? this.view.x(this.video.currentTime));
    this.invalidate();
  }

  /** Show the whole media. */
  fit() {
    this.view.zoom(this.view.width / Math.max(this.view.duration, 1) / this.view.pxPerSecond, 0);
    this.view.scrollTo(0);
    this.invalidate();
  }

  /** Bring the selected word into view. @param {string | null} wordId */
  reveal(wordId) {
    const model = this.store.model;
    const found = wordId && model ? locate(model, wordId) : null;
    if (found && (found.word.end < this.view.start || found.word.start > this.view.end)) {
      this.view.scrollTo(found.word.start - (this.view.end - this.view.start) / 3);
    }
    this.invalidate();
  }

  /** @param {MouseEvent} event */
  pointerX(event) {
    return event.clientX - this.canvas.getBoundingClientRect().left;
  }

  /** What the pointer is over: a word's edge or body, a line's edge or bar, or nothing.
   * @param {MouseEvent} event @returns {{ kind: "word" | "line", index: number, part: Part } | null} */
  hit(event) {
    const words = this.data(); // and this.segments, for the model as it is now
    const y = event.offsetY;
    const x = this.pointerX(event);
    if (y >= WORDS.top - 4) {
      const hit = hitTest(words, this.view, x);
      return hit && { kind: "word", index: hit.index, part: hit.part };
    }
    if (y >= LINES.top - 4) {
      const hit = hitTest(this.segments, this.view, x);
      return hit && { kind: "line", index: hit.index, part: hit.part };
    }
    return null;
  }

  /** Where the dragged word or line goes for a pointer at time t.
   * @param {Drag} drag @param {number} t */
  dragged(drag, t) {
    const options = { duration: this.view.duration, pxPerSecond: this.view.pxPerSecond, silences: this.silences };
    const at = t - (drag.part === "body" ? drag.offset : 0);
    return drag.kind === "word"
      ? dragTo(this.words, drag.index, drag.part, at, options)
      : dragLineTo(this.words, this.segments[drag.index], drag.part, at, options);
  }

  /** On release: one edit, a word's or a line's. @param {Drag & { times: Span }} drag */
  commit(drag) {
    if (drag.kind === "word") {
      this.onRetime(drag.id, drag.times);
      return;
    }
    const line = this.segments[drag.index];
    if (drag.part === "start") this.onRetime(this.words[line.first].id, { start: drag.times.start });
    else if (drag.part === "end") this.onRetime(this.words[line.last].id, { end: drag.times.end });
    else this.onMoveLine(line.id, drag.times.start - line.start);
  }

  /** The times word `i` is drawn at: its own, or where the drag under way puts it.
   * @param {number} i @param {Span} word @returns {Span} */
  shown(i, word) {
    const drag = this.drag;
    const times = drag?.times;
    if (!drag || !times) return word;
    if (drag.kind === "word") return drag.index === i ? times : word;
    const line = this.segments[drag.index];
    if (i < line.first || i > line.last) return word;
    if (drag.part === "body") {
      const delta = times.start - line.start;
      return { start: word.start + delta, end: word.end + delta };
    }
    if (drag.part === "start" && i === line.first) return { start: times.start, end: word.end };
    if (drag.part === "end" && i === line.last) return { start: word.start, end: times.end };
    return word;
  }

  bind() {
    const canvas = this.canvas;
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      const x = this.pointerX(event);
      const hit = this.hit(event);
      if (!hit) {
        this.video.currentTime = Math.max(0, this.view.time(x));
        return;
      }
      const item = hit.kind === "word" ? this.words[hit.index] : this.segments[hit.index];
      this.onSelect("first" in item ? this.words[item.first].id : item.id);
      this.drag = { ...hit, id: item.id, offset: this.view.time(x) - item.start, times: null };
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!this.drag) {
        const hit = this.hit(event);
        canvas.style.cursor = !hit ? "text" : hit.part === "body" ? "grab" : "ew-resize";
        return;
      }
      this.drag.times = this.dragged(this.drag, this.view.time(this.pointerX(event)));
      this.invalidate();
    });
    const finish = () => {
      const drag = this.drag;
      this.drag = null;
      if (drag?.times) this.commit({ ...drag, times: drag.times });
      this.invalidate();
    };
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", () => { this.drag = null; this.invalidate(); });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) this.zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, this.pointerX(event));
      else { this.view.scrollBy(event.deltaX || event.deltaY); this.invalidate(); }
    }, { passive: false });
    /** @type {Record<string, () => void>} */
    const keys = {
      "+": () => this.zoom(ZOOM_STEP),
      "=": () => this.zoom(ZOOM_STEP),
      "-": () => this.zoom(1 / ZOOM_STEP),
      0: () => this.fit(),
      PageDown: () => { this.view.scrollBy(this.view.width * 0.9); this.invalidate(); },
      PageUp: () => { this.view.scrollBy(-this.view.width * 0.9); this.invalidate(); },
    };
    canvas.addEventListener("keydown", (event) => {
      const action = !event.ctrlKey && !event.metaKey && !event.altKey && keys[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
  }

  draw() {
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    const ratio = this.canvas.width / Math.max(this.view.width, 1);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = COLORS.background;
    ctx.fillRect(0, 0, this.view.width, HEIGHT);
    this.drawRuler(ctx);
    if (this.waveform) this.drawWave(ctx, this.waveform);
    const words = this.data();
    this.drawLines(ctx);
    const [from, to] = visibleRange(words, this.view.start, this.view.end);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const t = this.video.currentTime;
    for (let i = from; i < to; i += 1) {
      const word = words[i];
      const times = this.shown(i, word);
      this.drawWord(ctx, word, times, word.id === this.store.selected, t >= times.start && t < times.end);
    }
    const x = this.view.x(t);
    ctx.fillStyle = COLORS.playhead;
    ctx.fillRect(Math.round(x) - 1, 0, 2, HEIGHT);
    this.lastPlayhead = t;
  }

  /** @param {CanvasRenderingContext2D} ctx */
  drawRuler(ctx) {
    const step = tickStep(this.view.pxPerSecond);
    ctx.font = "10px system-ui, sans-serif";
    ctx.textBaseline = "top";
    for (let s = Math.floor(this.view.start / step) * step; s <= this.view.end; s += step) {
      const x = Math.round(this.view.x(s));
      ctx.fillStyle = COLORS.tick;
      ctx.fillRect(x, 0, 1, RULER - 6);
      ctx.fillStyle = COLORS.ruler;
      ctx.fillText(formatTime(s), x + 3, 2);
    }
  }

  /** One bar per pixel column: the loudest peak under it, mirrored around the band's middle.
   * @param {CanvasRenderingContext2D} ctx @param {import("../timeline-math.js").Waveform} waveform */
  drawWave(ctx, waveform) {
    const middle = WAVE.top + WAVE.height / 2;
    const perPx = 1 / this.view.pxPerSecond;
    ctx.fillStyle = COLORS.wave;
    for (let x = 0; x < this.view.width; x += 1) {
      const t = this.view.time(x);
      if (t >= this.view.duration) break;
      const half = (peakBetween(waveform, t, t + perPx) / 255) * (WAVE.height / 2);
      if (half >= 0.5) ctx.fillRect(x, middle - half, 1, 2 * half);
    }
  }

  /** Each line's bar in its speaker's caption colour (else their speakerBar), so turns show
   * at a glance.
   * @param {CanvasRenderingContext2D} ctx */
  drawLines(ctx) {
    const [from, to] = visibleRange(this.segments, this.view.start, this.view.end);
    const draggedTimes = this.drag?.kind === "line" ? this.drag.times : null;
    const dragged = this.drag && draggedTimes ? this.drag.index : -1;
    const colorOf = this.speakerColors();
    const speakers = this.store.model?.speakers || [];
    for (let i = from; i < to; i += 1) {
      const { start, end } = i === dragged && draggedTimes ? draggedTimes : this.segments[i];
      const speaker = this.segments[i].speaker;
      ctx.fillStyle = i === dragged ? COLORS.selected : colorOf(speaker ?? "", speakerBar(speakers, speaker));
      ctx.globalAlpha = i === dragged ? 1 : 0.55;
      const x = this.view.x(start);
      const width = Math.max(1, this.view.x(end) - x);
      ctx.fillRect(x, LINES.top, width, LINES.height);
      ctx.globalAlpha = 1;
      ctx.fillStyle = COLORS.tick; // edges: what a drag takes
      ctx.fillRect(x, LINES.top, 2, LINES.height);
      ctx.fillRect(x + width - 2, LINES.top, 2, LINES.height);
    }
  }

  /** @param {CanvasRenderingContext2D} ctx @param {Word} word @param {Span} times
   * @param {boolean} selected @param {boolean} active */
  drawWord(ctx, word, times, selected, active) {
    const x = this.view.x(times.start);
    const width = Math.max(1, this.view.x(times.end) - x);
    ctx.fillStyle = COLORS.word;
    ctx.fillRect(x, WORDS.top, width, WORDS.height);
    ctx.fillStyle = selected ? COLORS.selected : active ? COLORS.active : COLORS.tick;
    ctx.fillRect(x, WORDS.top, 2, WORDS.height); // edges: what a drag takes
    ctx.fillRect(x + width - 2, WORDS.top, 2, WORDS.height);
    if (selected) {
      ctx.strokeStyle = COLORS.selected;
      ctx.strokeRect(x + 0.5, WORDS.top + 0.5, width - 1, WORDS.height - 1);
    }
    if (width > 14) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x + 3, WORDS.top, width - 6, WORDS.height);
      ctx.clip();
      ctx.fillStyle = active ? COLORS.active : COLORS.wordText;
      ctx.fillText(word.text, x + 5, WORDS.top + WORDS.height / 2);
      ctx.restore();
    }
  }
}
