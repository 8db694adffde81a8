/**
 * ECG caption renderer: draws the caption visible at time t from a caption model (the Python
 * layout: captions -> lines -> words with times) and a style. Everything it draws is a pure
 * function of (model, style, t) through `visualState`, which both the export painter and the
 * editor preview use, so the preview matches the export frame for frame.
 */

const REFERENCE_HEIGHT = 1080; // style sizes are pixels on a 1080-line frame

const clamp01 = (x) => Math.max(0, Math.min(1, x));
const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Which caption is on screen at t (index, or -1), by binary search over starts. */
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

function popScale(p) {
  // grow past full size, then settle: 0.55 -> 1.12 (at 60 %) -> 1.0
  return p < 0.6 ? 0.55 + (1.12 - 0.55) * (p / 0.6) : 1.12 - 0.12 * ((p - 0.6) / 0.4);
}

/**
 * Everything visible at time t, as plain data. Two times with equal states draw identical
 * pixels, so the export paints each distinct state once.
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
    return entry;
  });
  return state;
}

export function signature(model, style, t) {
  return JSON.stringify(visualState(model, style, t));
}

function setVariables(stage, style, scale) {
  const px = (value) => value * scale;
  const vars = {
    "--ecg-font-family": `"${style.font_family}"`,
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

/** A renderer bound to a stage element of the output's size (or the preview's). */
export class CaptionRenderer {
  constructor(stage, { width, height }) {
    this.stage = stage;
    this.stage.classList.add("ecg-stage");
    this.model = { captions: [] };
    this.style = null;
    this.resize(width, height);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.scale = height / REFERENCE_HEIGHT;
    this.stage.style.width = `${width}px`;
    this.stage.style.height = `${height}px`;
    if (this.style) setVariables(this.stage, this.style, this.scale);
    this.shown = null;
  }

  setModel(model) { this.model = model; this.shown = null; }

  setStyle(style) {
    this.style = style;
    setVariables(this.stage, style, this.scale);
    this.shown = null;
  }

  wordColor(word, highlight) {
    const speaker = this.style.speaker_colors?.[word.speaker];
    return highlight ? this.style.highlight_color : speaker || this.style.text_color;
  }

  build(index) {
    this.stage.replaceChildren();
    this.spans = [];
    if (index < 0) return;
    const caption = this.model.captions[index];
    const box = document.createElement("div");
    box.className = "ecg-caption";
    const margin = `${this.style.margin_v}%`;
    if (this.style.position === "top") box.style.top = margin;
    else if (this.style.position === "middle") { box.style.top = "50%"; box.style.translate = "0 -50%"; }
    else box.style.bottom = margin;
    for (const line of caption.lines) {
      const lineEl = document.createElement("div");
      lineEl.className = "ecg-line";
      for (const word of line) {
        const span = document.createElement("span");
        span.className = "ecg-word";
        span.textContent = word.text;
        lineEl.append(span);
        this.spans.push({ span, word });
      }
      box.append(lineEl);
    }
    this.stage.append(box);
    this.box = box;
  }

  /** Draw the caption visible at time t. */
  render(t) {
    const state = visualState(this.model, this.style, t);
    if (this.shown !== state.caption) {
      this.build(state.caption);
      this.shown = state.caption;
    }
    if (state.caption < 0) return state;
    this.box.style.opacity = String(state.opacity);
    this.box.style.transform = state.shift ? `translateY(${state.shift * 40 * this.scale}px)` : "";
    state.words.forEach((entry, i) => {
      const { span, word } = this.spans[i];
      span.style.visibility = entry.hidden ? "hidden" : "visible";
      span.style.transform = entry.scale !== 1 ? `scale(${entry.scale})` : "";
      span.style.color = this.wordColor(word, entry.highlight);
      if (this.style.animation === "karaoke") {
        span.classList.add("ecg-karaoke");
        span.dataset.text = span.textContent;
        span.style.setProperty("--ecg-fill-color", this.style.highlight_color);
        span.style.setProperty("--ecg-fill", `${round(entry.fill * 100, 1)}%`);
      }
    });
    return state;
  }

  /** The union of every caption's box (fully shown), padded for strokes, shadows and pops. */
  bounds() {
    let left = Infinity; let top = Infinity; let right = -Infinity; let bottom = -Infinity;
    const stageRect = this.stage.getBoundingClientRect();
    this.model.captions.forEach((caption, index) => {
      this.build(index);
      const rect = this.box.getBoundingClientRect();
      const lines = [...this.box.children].map((el) => el.getBoundingClientRect());
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
    const s = this.style;
    // Room for what the boxes do not include: a pop's overshoot, stroke, shadow, slide-in.
    const overshoot = s.animation === "pop" ? s.font_size * 0.12 : 0;
    const pad = (overshoot + s.stroke_width + s.shadow_blur + s.shadow_offset + 4) * this.scale
      + (s.animation === "slide" ? 40 * this.scale : 0);
    const even = (x) => 2 * Math.round(x / 2);
    const x = even(Math.max(0, left - pad));
    const y = even(Math.max(0, top - pad));
    const w = even(Math.min(this.width, right + pad) - x);
    const h = even(Math.min(this.height, bottom + pad) - y);
    return { x, y, width: Math.min(w, this.width - x), height: Math.min(h, this.height - y) };
  }
}
