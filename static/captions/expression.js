/**
 * Typography that follows the voice: how one word is drawn from its emphasis, pitch, stretch
 * and tags under a style. Pure (no DOM), so the renderer, the fitter and the tests share it.
 *
 * A word's `look` is constant while its caption is on screen; what changes over time (a tag's
 * pop or pulse) is in `tagAnimationScale`, which `visualState` calls.
 */
import { TAG_OVERSHOOT, TAG_POP_SPANS } from "./shared.js";

/** @import { CaptionWord, Look, Style, TagStyle } from "./types.js" */

// At intensity 100 and full emphasis: +50 % size; +400 weight (snapped to the family's own
// weights); the baseline moves 0.2 em per octave beyond the dead zone; a word said twice as
// slowly as usual gets 0.15 em letter spacing.
export const MAX_GROWTH = 0.5;
export const MAX_WEIGHT_STEP = 400;
export const SHIFT_PER_OCTAVE_EM = 0.2;
export const MAX_SPACING_EM = 0.15;
// Ordinary words score up to about 0.3 (the analyser's logistic is centred two deviations up):
// below that nothing changes, so only the words that stand out move.
export const EMPHASIS_FLOOR = 0.3;
// Ordinary speech moves a couple of semitones and runs a little fast or slow: within these,
// words stay on one baseline with their usual spacing.
export const PITCH_DEADZONE_ST = 2;
export const STRETCH_DEADZONE = 1.2;
// A tag's animation never hides its word: "pop" bounces it when it is said (over TAG_POP_SPANS
// of the style's animation spans, which rendering/layout.py samples), "pulse" swells it while it
// is said, by up to TAG_OVERSHOOT (both in shared.js, from rendering/shared.py).

/** @type {(x: number, low: number, high: number) => number} */
const clamp = (x, low, high) => Math.max(low, Math.min(high, x));
/** @type {(x: number, digits?: number) => number} */
const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Emphasis above the floor, rescaled to [0, 1].
 * @param {number | null | undefined} emphasis */
export function strength(emphasis) {
  return clamp(((emphasis ?? 0) - EMPHASIS_FLOOR) / (1 - EMPHASIS_FLOOR), 0, 1);
}

/** The heaviest of the family's weights not above `target`, never lighter than `base`.
 * @param {number} target @param {number} base @param {number[] | undefined} weights */
export function snapWeight(target, base, weights) {
  const heavier = (weights || []).filter((w) => w > base && w <= target);
  return heavier.length ? Math.max(...heavier) : base;
}

/** The family's weight nearest to `weight` (the heavier on a tie), so none is faked.
 * @param {number} weight @param {number[] | undefined} weights */
export function nearestWeight(weight, weights) {
  if (!weights?.length) return weight;
  return weights.reduce((best, w) => {
    const d = Math.abs(w - weight) - Math.abs(best - weight);
    return d < 0 || (d === 0 && w > best) ? w : best;
  });
}

/** A pop: grow past full size, then settle (0.55 -> 1.12 at 60 % -> 1.0).
 * @param {number} p progress, 0-1 */
export function popScale(p) {
  return p < 0.6 ? 0.55 + (1.12 - 0.55) * (p / 0.6) : 1.12 - 0.12 * ((p - 0.6) / 0.4);
}

/** The look of a word's tags: for each property, the first tag (in the style's order) that
 * sets it. rendering/tags.py picks a word's animation the same way.
 * @param {string[] | null | undefined} tags @param {Style} style @returns {TagStyle} */
export function tagLook(tags, style) {
  /** @type {TagStyle} */
  const look = {};
  if (!tags?.length) return look;
  for (const [tag, props] of Object.entries(style.tag_styles || {})) {
    if (!tags.includes(tag)) continue;
    if (props.color != null && look.color == null) look.color = props.color;
    if (props.weight != null && look.weight == null) look.weight = props.weight;
    if (props.emoji != null && look.emoji == null) look.emoji = props.emoji;
    if (props.animation && props.animation !== "none" && !look.animation) look.animation = props.animation;
  }
  return look;
}

/**
 * How a word is drawn: {scale, weight, shift (em, up is positive), spacing (em), caps, color
 * (null: the usual), emoji, animation}. `weights` are the family's bundled weights.
 * @param {Pick<CaptionWord, "text" | "emphasis" | "pitch" | "stretch" | "tags">} word @param {Style} style
 * @param {number[] | undefined} weights
 * @returns {Look}
 */
export function wordLook(word, style, weights) {
  const e = strength(word.emphasis);
  const tags = tagLook(word.tags, style);
  const base = style.font_weight;
  const emphasized = word.emphasis != null && word.emphasis * 100 >= style.emphasis_threshold;
  const look = {
    scale: round(1 + MAX_GROWTH * ((style.emphasis_size || 0) / 100) * e),
    weight: snapWeight(base + MAX_WEIGHT_STEP * ((style.emphasis_weight || 0) / 100) * e, base, weights),
    shift: 0,
    spacing: 0,
    caps: Boolean(style.emphasis_caps && emphasized),
    color: emphasized && style.emphasis_color ? style.emphasis_color : null,
    emoji: tags.emoji || "",
    animation: tags.animation || "none",
  };
  if (word.pitch != null && style.pitch_shift && Math.abs(word.pitch) > PITCH_DEADZONE_ST) {
    const beyond = word.pitch - Math.sign(word.pitch) * PITCH_DEADZONE_ST;
    const octaves = clamp(beyond / 12, -1, 1);
    look.shift = round(SHIFT_PER_OCTAVE_EM * (style.pitch_shift / 100) * octaves);
  }
  if (word.stretch != null && style.stretch_spacing) {
    const slower = clamp((word.stretch - STRETCH_DEADZONE) / (2 - STRETCH_DEADZONE), 0, 1);
    look.spacing = round(MAX_SPACING_EM * (style.stretch_spacing / 100) * slower);
  }
  if (tags.weight) look.weight = nearestWeight(tags.weight, weights);
  if (tags.color) look.color = tags.color;
  return look;
}

/** A key that is equal for words drawn the same (for caching measured widths).
 * @param {Look | undefined} look */
export function lookKey(look) {
  if (!look) return "";
  return `${look.scale}|${look.weight}|${look.spacing}|${look.caps}|${look.emoji}`;
}

/** The most any of the style's tag animations grows a word past its size.
 * @param {Style} style */
export function tagOvershoot(style) {
  return Math.max(0, ...Object.values(style.tag_styles || {}).map((p) => TAG_OVERSHOOT[p.animation ?? "none"] || 0));
}

/** The most a style's expression can grow a line: size, a tag's animation, baseline shifts.
 * @param {Style} style */
export function lineGrowth(style) {
  const scale = 1 + MAX_GROWTH * ((style.emphasis_size || 0) / 100);
  const overshoot = tagOvershoot(style);
  const shift = 2 * SHIFT_PER_OCTAVE_EM * ((style.pitch_shift || 0) / 100);
  return { scale: scale * (1 + overshoot), shift };
}

/** A tag's animation at time t: a bounce at the word's start, or a swell while it is said.
 * @param {string} animation @param {{ start: number, end: number }} word @param {number} t
 * @param {number} durationS the style's animation span, seconds */
export function tagAnimationScale(animation, word, t, durationS) {
  let span;
  if (animation === "pulse") span = [word.start, Math.max(word.end - word.start, 0.05)];
  else if (animation === "pop") span = [word.start, TAG_POP_SPANS * durationS];
  else return 1;
  const p = (t - span[0]) / span[1];
  if (p < 0 || p >= 1) return 1;
  return round(1 + TAG_OVERSHOOT[animation] * Math.sin(Math.PI * p));
}
