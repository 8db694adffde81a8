// The timeline under the player: a ruler, the audio's waveform, the caption lines, the words
// as blocks and the playhead, on one canvas. Only what is in view is drawn (binary search over the words), and
// only when something changed, so an hour of words scrolls and drags as smoothly as a minute.
// Dragging a word's edge retimes it, dragging its body moves it; the change is applied once,
// on release, as one undoable step. Wheel scrolls, Ctrl+wheel zooms; +/- zoom from the keyboard.
import { formatTime } from "../../api.js";
import { allWords, locate } from "../model.js";
import {
  dragTo, hitTest, parseWaveform, peakBetween, silenceEdges, tickStep, TimeAxis, visibleRange,
} from "../timeline-math.js";

const HEIGHT = 112;
const RULER = 18;
const WAVE = { top: 20, height: 40 };
const LINES = { top: 62, height: 8 };
const WORDS = { top: 74, height: 32 };
const ZOOM_STEP = 1.5;
const COLORS = {
  background: "#181b24", ruler: "#9aa1b5", tick: "#33384a", line: "#2b3145", lineAlt: "#343b54",
  wave: "#4b5578", word: "#2f3650cc", wordText: "#e9ebf2", selected: "#7c7cff", active: "#ffd84d", playhead: "#ff5c7a",
};

export class TimelineView {
  constructor(canvas, { store, video, duration, onSelect, onRetime }) {
    this.canvas = canvas;
    this.store = store;
    this.video = video;
    this.onSelect = onSelect;
    this.onRetime = onRetime;
    this.view = new TimeAxis({ duration, width: canvas.clientWidth || 800, pxPerSecond: 120 });
    this.words = [];
    this.segments = [];
    this.source = null;
    this.drag = null; // {index, part, offset, times}
    this.waveform = null; // {peaksPerSecond, peaks}, once loaded
    this.silences = []; // where sound starts or stops: dragged edges snap there
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
      this.segments = model.segments.filter((s) => s.words.length).map((s) => ({
        start: s.words[0].start, end: s.words.at(-1).end,
      }));
    }
    return this.words;
  }

  /** The waveform the server made with the transcript (absent for older videos: no band). */
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

  /** Called every animation frame: redraws only when the playhead moved a pixel. */
  tick(t, playing) {
    if (playing) this.view.follow(t);
    if (Math.round(this.view.x(t)) !== Math.round(this.view.x(this.lastPlayhead))) this.invalidate();
  }

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

  /** Bring the selected word into view. */
  reveal(wordId) {
    const found = wordId && locate(this.store.model, wordId);
    if (found && (found.word.end < this.view.start || found.word.start > this.view.end)) {
      this.view.scrollTo(found.word.start - (this.view.end - this.view.start) / 3);
    }
    this.invalidate();
  }

  pointerX(event) {
    return event.clientX - this.canvas.getBoundingClientRect().left;
  }

  bind() {
    const canvas = this.canvas;
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      const words = this.data();
      const x = this.pointerX(event);
      const hit = event.offsetY >= WORDS.top - 4 ? hitTest(words, this.view, x) : null;
      if (!hit) {
        this.video.currentTime = Math.max(0, this.view.time(x));
        return;
      }
      const word = words[hit.index];
      this.onSelect(word.id);
      this.drag = { index: hit.index, id: word.id, part: hit.part, offset: this.view.time(x) - word.start, times: null };
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", (event) => {
      const x = this.pointerX(event);
      if (!this.drag) {
        const hit = event.offsetY >= WORDS.top - 4 ? hitTest(this.data(), this.view, x) : null;
        canvas.style.cursor = !hit ? "text" : hit.part === "body" ? "grab" : "ew-resize";
        return;
      }
      const t = this.view.time(x) - (this.drag.part === "body" ? this.drag.offset : 0);
      this.drag.times = dragTo(this.words, this.drag.index, this.drag.part, t, {
        duration: this.view.duration, pxPerSecond: this.view.pxPerSecond, silences: this.silences,
      });
      this.invalidate();
    });
    const finish = () => {
      const drag = this.drag;
      this.drag = null;
      if (drag?.times) this.onRetime(drag.id, drag.times);
      this.invalidate();
    };
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", () => { this.drag = null; this.invalidate(); });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) this.zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, this.pointerX(event));
      else { this.view.scrollBy(event.deltaX || event.deltaY); this.invalidate(); }
    }, { passive: false });
    canvas.addEventListener("keydown", (event) => {
      if (event.key === "+" || event.key === "=") { event.preventDefault(); this.zoom(ZOOM_STEP); }
      if (event.key === "-") { event.preventDefault(); this.zoom(1 / ZOOM_STEP); }
    });
  }

  draw() {
    const ctx = this.canvas.getContext("2d");
    const ratio = this.canvas.width / Math.max(this.view.width, 1);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = COLORS.background;
    ctx.fillRect(0, 0, this.view.width, HEIGHT);
    this.drawRuler(ctx);
    if (this.waveform) this.drawWave(ctx);
    const words = this.data();
    this.drawLines(ctx);
    const [from, to] = visibleRange(words, this.view.start, this.view.end);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const t = this.video.currentTime;
    for (let i = from; i < to; i += 1) {
      const word = words[i];
      const times = this.drag?.index === i && this.drag.times ? this.drag.times : word;
      this.drawWord(ctx, word, times, word.id === this.store.selected, t >= times.start && t < times.end);
    }
    const x = this.view.x(t);
    ctx.fillStyle = COLORS.playhead;
    ctx.fillRect(Math.round(x) - 1, 0, 2, HEIGHT);
    this.lastPlayhead = t;
  }

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

  /** One bar per pixel column: the loudest peak under it, mirrored around the band's middle. */
  drawWave(ctx) {
    const middle = WAVE.top + WAVE.height / 2;
    const perPx = 1 / this.view.pxPerSecond;
    ctx.fillStyle = COLORS.wave;
    for (let x = 0; x < this.view.width; x += 1) {
      const t = this.view.time(x);
      if (t >= this.view.duration) break;
      const half = (peakBetween(this.waveform, t, t + perPx) / 255) * (WAVE.height / 2);
      if (half >= 0.5) ctx.fillRect(x, middle - half, 1, 2 * half);
    }
  }

  drawLines(ctx) {
    const [from, to] = visibleRange(this.segments, this.view.start, this.view.end);
    for (let i = from; i < to; i += 1) {
      const { start, end } = this.segments[i];
      ctx.fillStyle = i % 2 ? COLORS.lineAlt : COLORS.line;
      const x = this.view.x(start);
      ctx.fillRect(x, LINES.top, Math.max(1, this.view.x(end) - x), LINES.height);
    }
  }

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
