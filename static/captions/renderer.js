/**
 * ECG caption renderer: draws the caption visible at time t from a caption model (the server's
 * layout: captions -> lines -> words with times, fitted to the frame here by measured width)
 * and a style. Everything it draws is a pure function of (fitted model, style, t) through
 * `visualState`, which both the export painter and the editor preview use, so the preview
 * matches the export frame for frame.
 */
import {
  lineGrowth, lookKey, popScale, tagAnimationScale, tagOvershoot, wordLook,
} from "./expression.js";
import { cssFamily, loadFaces } from "./faces.js";
import { fitCaptions, frameScale } from "./fit.js";
import { placeBox, safeRect } from "./safe-areas.js";

/** @import { CaptionModel, CaptionWord, FittedModel, Look, Rect, Style, VisualState, WordState } from "./types.js" */

const clamp01 = (/** @type {number} */ x) => Math.max(0, Math.min(1, x));
const round = (/** @type {number} */ x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Which caption is on screen at t (index, or -1), by binary search over starts.
 * @param {{ start: number, end: number }[]} captions @param {number} t */
export function captionAt(captions, t) {
  let lo = 0;
  let hi = captions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (captions[mid].start <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
  }
  return found >= 0 && t < captions[found].end ? found : -1;
}

/**
 * Everything visible at time t, as plain data. Two times with equal states draw identical
 * pixels, so the export paints each distinct state once.
 * @param {FittedModel} model @param {Style} style @param {number} t @returns {VisualState}
 */
export function visualState(model, style, t) {
  const index = captionAt(model.captions, t);
  if (index < 0) return { caption: -1 };
  const caption = model.captions[index];
  const duration = style.animation_ms / 1000;
  const sinceStart = t - caption.start;
  const words = caption.lines.flat();
  let active = -1;
  words.forEach((word, i) => { if (word.start <= t) active = i; });
  /** @type {VisualState & { words: WordState[] }} */
  const state = { caption: index, active, opacity: 1, shift: 0, words: [] };
  if (style.animation === "fade") state.opacity = round(clamp01(sinceStart / duration));
  if (style.animation === "slide") {
    const e = clamp01(sinceStart / duration);
    state.opacity = round(e);
    state.shift = round(1 - e * (2 - e)); // ease-out
  }
  state.words = words.map((word, i) => {
    const spoken = word.start <= t;
    const entry = { hidden: false, scale: 1, fill: spoken ? 1 : 0, highlight: false };
    if (style.highlight_active && i === active) entry.highlight = true;
    if (style.animation === "pop") {
      if (!spoken) entry.hidden = true;
      else entry.scale = round(popScale(clamp01((t - word.start) / duration)));
    }
    if (style.animation === "karaoke") {
      const span = Math.max(word.end - word.start, 0.05);
      entry.fill = spoken ? round(clamp01((t - word.start) / span), 2) : 0;
    }
    const own = word.look?.animation; // a tag's bounce or swell, on top of the style's
    if (own === "pop" || own === "pulse") entry.scale = round(entry.scale * tagAnimationScale(own, word, t, duration));
    return entry;
  });
  return state;
}

/** @param {FittedModel} model @param {Style} style @param {number} t */
export function signature(model, style, t) {
  return JSON.stringify(visualState(model, style, t));
}

/** @param {HTMLElement} stage @param {Style} style @param {number} scale */
function setVariables(stage, style, scale) {
  const px = (/** @type {number} */ value) => value * scale;
  const vars = {
    "--ecg-font-family": `"${cssFamily(style)}"`,
    "--ecg-font-weight": String(style.font_weight),
    "--ecg-font-size": String(px(style.font_size)),
    "--ecg-transform": style.uppercase ? "uppercase" : "none",
    "--ecg-text-color": style.text_color,
    "--ecg-stroke-color": style.stroke_color,
    "--ecg-stroke-width": String(px(style.stroke_width)),
    "--ecg-shadow": style.shadow_blur > 0 || style.shadow_offset > 0
      ? `${px(style.shadow_offset)}px ${px(style.shadow_offset)}px ${px(style.shadow_blur)}px ${style.shadow_color}`
      : "none",
    "--ecg-box-color": style.box_color || "transparent",
    "--ecg-box-padding": String(style.box_color ? px(style.box_padding) : 0),
    "--ecg-box-radius": String(px(style.box_radius)),
    "--ecg-line-gap": String(px(style.box_color ? 6 : 0)),
  };
  for (const [name, value] of Object.entries(vars)) stage.style.setProperty(name, value);
}

/** Every character a caption model shows (for loading the fonts that draw them).
 * @param {CaptionModel} model */
export function modelText(model) {
  const chars = new Set();
  for (const caption of model.captions) {
    for (const word of caption.lines.flat()) for (const char of word.text) chars.add(char);
  }
  return [...chars].join("");
}

/** The model with each word's look (expression.js) under this style.
 * @param {CaptionModel} model @param {Style} style @returns {CaptionModel} */
function withLooks(model, style) {
  const weights = model.weights;
  return {
    ...model,
    captions: model.captions.map((caption) => ({
      ...caption,
      lines: caption.lines.map((line) => line.map((word) => ({ ...word, look: wordLook(word, style, weights) }))),
    })),
  };
}

/** A word as drawn: its look's size (times the fitter's shrink), weight, capitals, spacing,
 * baseline and emoji. Measured and drawn alike, so widths are exact.
 * @param {string} text @param {Look | undefined} look @param {number} fit */
function wordSpan(text, look, fit) {
  const span = document.createElement("span");
  span.className = "ecg-word";
  span.textContent = text;
  const size = (look?.scale ?? 1) * fit;
  if (size !== 1) span.style.fontSize = `${round(size, 4)}em`;
  if (!look) return span;
  span.style.fontWeight = String(look.weight);
  if (look.caps) span.style.textTransform = "uppercase";
  if (look.spacing) span.style.letterSpacing = `${look.spacing}em`;
  if (look.shift) span.style.verticalAlign = `${look.shift}em`;
  if (look.emoji) {
    const emoji = document.createElement("span");
    emoji.className = "ecg-emoji";
    emoji.textContent = look.emoji;
    span.append(emoji);
  }
  return span;
}

/**
 * A renderer bound to a stage element of the output's size. The editor shows it scaled down
 * (a CSS transform), so that lines break exactly as in the export.
 */
export class CaptionRenderer {
  /** @param {HTMLElement} stage @param {{ width: number, height: number, safeArea?: string }} size */
  constructor(stage, { width, height, safeArea = "auto" }) {
    this.stage = stage;
    this.stage.classList.add("ecg-stage");
    /** @type {CaptionModel} the server's layout, before fitting */
    this.source = { language: null, weights: [], captions: [] };
    /** @type {FittedModel} */
    this.model = { language: null, weights: [], captions: [] };
    /** @type {Style | null} */
    this.style = null;
    this.safeArea = safeArea;
    /** @type {Map<string, number>} measured widths by text and look */
    this.widths = new Map();
    /** @type {number | null} the caption drawn on the stage (-1: none; null: to build) */
    this.shown = null;
    /** @type {{ span: HTMLSpanElement, word: CaptionWord }[]} the words of the caption drawn */
    this.spans = [];
    /** @type {HTMLDivElement | null} */
    this.box = null;
    /** @type {HTMLDivElement | null} */
    this.measureLine = null;
    this.width = width;
    this.height = height;
    this.scale = frameScale(width, height);
    this.safe = safeRect(this.safeArea, width, height);
    this.resize(width, height);
  }

  /** The style drawing needs (set with setStyle first). @returns {Style} */
  drawingStyle() {
    if (!this.style) throw new Error("CaptionRenderer: setStyle() before drawing");
    return this.style;
  }

  /** @param {number} width @param {number} height */
  resize(width, height) {
    this.width = width;
    this.height = height;
    this.scale = frameScale(width, height);
    this.safe = safeRect(this.safeArea, width, height);
    this.stage.style.width = `${width}px`;
    this.stage.style.height = `${height}px`;
    if (this.style) setVariables(this.stage, this.style, this.scale);
    this.refit();
  }

  /** @param {string} name */
  setSafeArea(name) {
    this.safeArea = name;
    this.resize(this.width, this.height);
  }

  /** @param {CaptionModel} model */
  setModel(model) {
    this.source = model;
    this.stage.lang = model.language || "";
    this.refit();
  }

  /** Use a model already fitted to this frame (the export's bands share the measurer's).
   * @param {FittedModel} model */
  useFitted(model) {
    this.model = model;
    this.stage.lang = model.language || "";
    this.shown = null;
  }

  /** @param {Style} style */
  setStyle(style) {
    this.style = style;
    setVariables(this.stage, style, this.scale);
    this.refit();
  }

  /** Load the fonts that the model's text needs (the creator's own files, and only the
   * bundled subsets that cover it); when that brought new faces, measure and lay out again. */
  async loadFonts() {
    let text = modelText(this.source);
    const style = this.style;
    if (!text || !style) return;
    const loaded = () => [...document.fonts].filter((face) => face.status === "loaded").length;
    const before = loaded();
    await loadFaces(style);
    if (style.uppercase || style.emphasis_caps) text += text.toUpperCase();
    const words = this.model.captions.flatMap((caption) => caption.lines.flat());
    text += words.map((word) => word.look?.emoji || "").join("");
    const weights = new Set([style.font_weight, ...words.map((word) => word.look?.weight ?? style.font_weight)]);
    const line = this.measurer();
    const { fontFamily, fontSize } = getComputedStyle(line);
    await Promise.all([...weights].map((weight) => document.fonts.load(`${weight} ${fontSize} ${fontFamily}`, text)));
    await document.fonts.ready;
    if (loaded() !== before) this.fontsChanged();
  }

  /** Fonts finished loading: widths measured with fallbacks are stale. */
  fontsChanged() {
    this.widths.clear();
    this.refit();
  }

  measurer() {
    let line = this.measureLine;
    if (!line?.isConnected) {
      line = document.createElement("div");
      line.className = "ecg-line ecg-measure";
      line.setAttribute("aria-hidden", "true");
      this.measureLine = line;
    }
    this.stage.append(line);
    return line;
  }

  /** Widths of words as drawn (text and look) in the caption font, measured together (one
   * layout pass). `items` are {text, look}.
   * @param {{ text: string, look?: Look }[]} items @returns {(text: string, word?: CaptionWord) => number} */
  measureAll(items) {
    const style = this.drawingStyle();
    const { font_weight: weight, font_size: size, uppercase } = style;
    const family = cssFamily(style);
    // The language picks the fallback fonts (:lang() in fonts.css), so it is part of the key.
    const base = `${family}|${weight}|${size}|${uppercase}|${this.scale}|${this.stage.lang}`;
    const key = (/** @type {string} */ text, /** @type {Look | undefined} */ look) => `${base}|${lookKey(look)}|${text}`;
    /** @type {Map<string, { text: string, look?: Look }>} */
    const missing = new Map();
    for (const { text, look } of items) {
      const k = key(text, look);
      if (!this.widths.has(k)) missing.set(k, { text, look });
    }
    if (missing.size) {
      const line = this.measurer();
      const spans = [...missing.values()].map(({ text, look }) => wordSpan(text, look, 1));
      line.replaceChildren(...spans);
      const shown = this.stage.getBoundingClientRect().width;
      const ratio = shown > 0 ? this.stage.offsetWidth / shown : 1; // undo a preview's scaling
      [...missing.keys()].forEach((k, i) => this.widths.set(k, spans[i].getBoundingClientRect().width * ratio));
      line.replaceChildren();
    }
    return (text, word) => {
      const k = key(text, word?.look);
      if (!this.widths.has(k)) this.measureAll([{ text, look: word?.look }]);
      return this.widths.get(k) ?? 0;
    };
  }

  refit() {
    this.shown = null;
    if (!this.style || !this.stage.isConnected) {
      this.model = { language: null, weights: [], captions: [] };
      return;
    }
    const source = withLooks(this.source, this.style);
    const measure = this.measureAll(source.captions.flatMap((c) => c.lines.flat()));
    this.model = fitCaptions(source, this.style, {
      width: this.width, height: this.height, safe: this.safe, measure,
    });
  }

  /** @param {CaptionWord} word @param {boolean} highlight */
  wordColor(word, highlight) {
    const style = this.drawingStyle();
    if (highlight) return style.highlight_color;
    return word.look?.color || style.speaker_colors?.[word.speaker] || style.text_color;
  }

  /** Put caption `index` (-1: none) on the stage, fully shown. @param {number} index */
  build(index) {
    this.stage.replaceChildren();
    this.spans = [];
    this.box = null;
    if (index < 0) return null;
    const style = this.drawingStyle();
    const caption = this.model.captions[index];
    const box = document.createElement("div");
    box.className = "ecg-caption";
    box.dir = caption.dir;
    if (caption.unspaced) box.classList.add("ecg-unspaced");
    const { x, y, width, height } = this.safe;
    const margin = (style.margin_v / 100) * height;
    box.style.left = `${x}px`;
    box.style.width = `${width}px`;
    if (style.position === "top") box.style.top = `${y + margin}px`;
    else if (style.position === "middle") { box.style.top = `${y + height / 2}px`; box.style.translate = "0 -50%"; }
    else if (style.position === "custom") box.style.maxWidth = `${width}px`; // placed below
    else box.style.bottom = `${this.height - y - height + margin}px`;
    for (const line of caption.lines) {
      const lineEl = document.createElement("div");
      lineEl.className = "ecg-line";
      for (const word of line) {
        const span = wordSpan(word.text, word.look, word.fit ?? 1);
        lineEl.append(span);
        this.spans.push({ span, word });
      }
      box.append(lineEl);
    }
    this.stage.append(box);
    this.box = box;
    if (style.position === "custom") this.place(box, style);
    return box;
  }

  /** A freely placed caption: as wide as its longest line, centred where the creator put it,
   * kept inside the safe area.
   * @param {HTMLElement} box @param {Style} style */
  place(box, style) {
    box.style.width = "max-content";
    const size = { width: box.offsetWidth, height: box.offsetHeight };
    const { left, top } = placeBox(this.safe, size, style.position_x, style.position_y);
    box.style.left = `${left}px`;
    box.style.top = `${top}px`;
  }

  /** Draw the caption visible at time t. @param {number} t */
  render(t) {
    const style = this.drawingStyle();
    const state = visualState(this.model, style, t);
    if (this.shown !== state.caption) {
      this.build(state.caption);
      this.shown = state.caption;
    }
    const box = this.box;
    if (state.caption < 0 || !state.words || !box) return state;
    box.style.opacity = String(state.opacity);
    box.style.transform = state.shift ? `translateY(${state.shift * 40 * this.scale}px)` : "";
    state.words.forEach((entry, i) => {
      const { span, word } = this.spans[i];
      span.style.visibility = entry.hidden ? "hidden" : "visible";
      span.style.transform = entry.scale !== 1 ? `scale(${entry.scale})` : "";
      span.style.color = this.wordColor(word, entry.highlight);
      if (style.animation === "karaoke") {
        span.classList.add("ecg-karaoke");
        span.dataset.text = word.text;
        span.style.setProperty("--ecg-fill-color", style.highlight_color);
        span.style.setProperty("--ecg-fill", `${round(entry.fill * 100, 1)}%`);
      }
    });
    return state;
  }

  /** The union of every caption's box (fully shown), padded for strokes, shadows and pops. */
  bounds() {
    let left = Infinity; let top = Infinity; let right = -Infinity; let bottom = -Infinity;
    const stageRect = this.stage.getBoundingClientRect();
    this.model.captions.forEach((_caption, index) => {
      const box = this.build(index);
      if (!box) return;
      const rect = box.getBoundingClientRect();
      const lines = [...box.children].map((el) => el.getBoundingClientRect());
      for (const r of [rect, ...lines]) {
        if (r.width === 0) continue;
        left = Math.min(left, r.left - stageRect.left);
        right = Math.max(right, r.right - stageRect.left);
        top = Math.min(top, r.top - stageRect.top);
        bottom = Math.max(bottom, r.bottom - stageRect.top);
      }
    });
    this.shown = null;
    this.stage.replaceChildren();
    if (left === Infinity) return null;
    const s = this.drawingStyle();
    // Room for what the boxes do not include: a pop's overshoot, stroke, shadow, slide-in.
    const overshoot = s.font_size * lineGrowth(s).scale * ((s.animation === "pop" ? 1.12 : 1) * (1 + tagOvershoot(s)) - 1);
    const pad = (overshoot + s.stroke_width + s.shadow_blur + s.shadow_offset + 4) * this.scale
      + (s.animation === "slide" ? 40 * this.scale : 0);
    const even = (/** @type {number} */ x) => 2 * Math.round(x / 2);
    const x = even(Math.max(0, left - pad));
    const y = even(Math.max(0, top - pad));
    const w = even(Math.min(this.width, right + pad) - x);
    const h = even(Math.min(this.height, bottom + pad) - y);
    return { x, y, width: Math.min(w, this.width - x), height: Math.min(h, this.height - y) };
  }
}
