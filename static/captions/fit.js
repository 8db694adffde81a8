/**
 * Fitting captions to the frame by measured width: pure, given a `measure(text)` that returns
 * a word's width in pixels at the caption's font size (the renderer measures in the real font).
 *
 * Words may carry a `look` (expression.js): their scale widens their margins and their
 * tag's animation its overshoot; `measure(text, word)` measures the text as that word is drawn.
 *
 * The server's layout (words -> lines -> captions by words, characters, pauses and speakers)
 * gives upper bounds; here a line that is too wide for the safe area is broken again, a word
 * too wide for any line is shrunk (down to MIN_FIT) or, past that, cut at legal break points
 * with its time shared by length, and a caption with more lines than fit is split over time.
 * Every word keeps its times and its speaker.
 */

import { lineGrowth } from "./expression.js";
import { REFERENCE_SIDE, TAG_OVERSHOOT } from "./shared.js";

/** @import { CaptionModel, CaptionWord, FittedCaption, FittedModel, Measure, Rect, Style } from "./types.js" */
/**
 * A frame to fit captions to: its size, its safe rectangle (pixels) and the measurer.
 * @typedef {{ width: number, height: number, safe: Rect, measure: Measure }} Frame
 */
/**
 * What breaking one caption's lines needs: the geometry and the text's script.
 * @typedef {ReturnType<typeof lineGeometry>
 *   & { unspaced: boolean, language: string | null, measure: Measure, margin: number }} LineLayout
 */
/** A word being placed on a line, with its drawn width in pixels. @typedef {CaptionWord & { width: number }} PlacedWord */

export const LINE_HEIGHT = 1.18;
export const WORD_MARGIN_EM = 0.12; // each side of a word in scripts written with spaces
export const POP_OVERSHOOT = 0.12; // a popping word grows to 112 % before it settles
export const MIN_FIT = 0.45; // a long word is never drawn smaller than this share of the size

const RTL_LANGUAGES = new Set(["ar", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi", "dv"]);
const UNSPACED_LANGUAGES = new Set(["ja", "zh", "th", "lo", "km", "my", "bo", "yue"]);
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;
const UNSPACED_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
// Characters a line must not start with (closing punctuation, small kana, prolonged sound mark).
const NO_LINE_START = /^[、。，．・：；？！）」』】〕〉》〙〗｝］!?,.:;)\]}ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー…‥%％]/u;

/** The frame's scale: sizes mean the same on 16:9, 9:16, 1:1 and 4:5 frames. */
export const frameScale = (/** @type {number} */ width, /** @type {number} */ height) => Math.min(width, height) / REFERENCE_SIDE;

const baseLanguage = (/** @type {string | null | undefined} */ language) => (language || "").toLowerCase().split(/[-_]/)[0];

/** "rtl" when the language is written right to left or, with no language, the first letter is.
 * @param {string} text @param {string | null | undefined} language @returns {"ltr" | "rtl"} */
export function textDirection(text, language) {
  if (language) return RTL_LANGUAGES.has(baseLanguage(language)) ? "rtl" : "ltr";
  for (const char of text) {
    if (RTL_LETTER.test(char)) return "rtl";
    if (LETTER.test(char)) return "ltr";
  }
  return "ltr";
}

/** Whether the text is written without spaces between words (Japanese, Chinese, Thai...).
 * @param {string} text @param {string | null | undefined} language */
export function isUnspaced(text, language) {
  if (language) return UNSPACED_LANGUAGES.has(baseLanguage(language));
  let unspaced = 0;
  let letters = 0;
  for (const char of text) {
    if (LETTER.test(char)) letters += 1;
    if (UNSPACED_LETTER.test(char)) unspaced += 1;
  }
  return letters > 0 && unspaced * 2 >= letters;
}

/** @param {string} text @param {string | null | undefined} language
 * @param {"grapheme" | "word"} granularity */
function segments(text, language, granularity) {
  try {
    const segmenter = new Intl.Segmenter(language || undefined, { granularity });
    return [...segmenter.segment(text)].map((part) => part.segment);
  } catch {
    return [...text];
  }
}

const graphemeCount = (/** @type {string} */ text) => segments(text, undefined, "grapheme").length;

/** Geometry of a style on a frame: what a line may hold and how tall it is.
 * @param {Style} style @param {{ width: number, height: number, safe: Rect }} frame */
export function lineGeometry(style, { width, height, safe }) {
  const scale = frameScale(width, height);
  const size = style.font_size * scale;
  const padX = style.box_color ? style.box_padding * 1.4 * scale : 0;
  const padY = style.box_color ? style.box_padding * scale : 0;
  const ink = (style.stroke_width / 2 + style.shadow_blur + style.shadow_offset) * scale;
  const pop = style.animation === "pop" ? POP_OVERSHOOT : 0;
  const gap = style.box_color ? 6 * scale : 0;
  const growth = lineGrowth(style); // emphasized words are larger and may sit off the baseline
  const margin = (style.margin_v / 100) * (["middle", "custom"].includes(style.position) ? 0 : safe.height);
  return {
    scale,
    size,
    pop,
    lineWidth: safe.width - 2 * padX - 2 * ink,
    lineHeight: size * (LINE_HEIGHT * growth.scale * (1 + pop) + growth.shift) + 2 * padY + gap,
    height: safe.height - margin - 2 * ink - (style.animation === "slide" ? 40 * scale : 0),
  };
}

/**
 * The caption model fitted to the frame. `frame` is {width, height, safe, measure}; `safe` the
 * safe rectangle in pixels; `measure(text)` a word's width at the caption's font size.
 * @param {CaptionModel} model @param {Style} style @param {Frame} frame @returns {FittedModel}
 */
export function fitCaptions(model, style, frame) {
  const geometry = lineGeometry(style, frame);
  const language = model.language || null;
  const maxLines = Math.max(
    1, Math.min(style.lines_per_caption, Math.floor(geometry.height / geometry.lineHeight)),
  );
  /** @type {FittedCaption[]} */
  const captions = [];
  for (const caption of model.captions) {
    const text = caption.lines.flat().map((word) => word.text).join(" ");
    const unspaced = isUnspaced(text, language);
    const dir = textDirection(text, language);
    const margin = unspaced ? 0 : 2 * WORD_MARGIN_EM * geometry.size;
    const layout = { ...geometry, unspaced, language, measure: frame.measure, margin };
    const lines = caption.lines.flatMap((line) => breakLine(line, layout));
    for (let first = 0; first < lines.length; first += maxLines) {
      const group = lines.slice(first, first + maxLines);
      const next = lines[first + maxLines];
      captions.push({
        start: first === 0 ? caption.start : group[0][0].start,
        end: next ? next[0].start : caption.end,
        speaker: caption.speaker,
        dir,
        unspaced,
        lines: group,
      });
    }
  }
  return {
    language, weights: model.weights, captions: captions.filter((caption) => caption.end > caption.start),
  };
}

const lookScale = (/** @type {CaptionWord} */ word) => word.look?.scale ?? 1;
/** How far a word grows past its size while animated (the style's pop times its tag's).
 * @type {(word: CaptionWord, layout: LineLayout) => number} */
const overshoot = (word, layout) => (1 + layout.pop) * (1 + (TAG_OVERSHOOT[word.look?.animation ?? "none"] || 0)) - 1;

/** Width a run of words takes on a line, with room for a pop's overshoot.
 * @param {PlacedWord[]} words @param {LineLayout} layout */
function runWidth(words, layout) {
  let sum = 0;
  let grow = 0;
  for (const word of words) {
    sum += word.width + layout.margin * lookScale(word) * (word.fit ?? 1);
    grow = Math.max(grow, overshoot(word, layout) * word.width);
  }
  return sum + grow;
}

/** Width a word's text needs on a line, margins and overshoot included.
 * @type {(natural: number, word: CaptionWord, layout: LineLayout) => number} */
const needed = (natural, word, layout) => (natural + layout.margin * lookScale(word)) * (1 + overshoot(word, layout));

/** @param {CaptionWord[]} line @param {LineLayout} layout @returns {CaptionWord[][]} */
function breakLine(line, layout) {
  const words = line.flatMap((word) => fitWord(word, layout));
  /** @type {PlacedWord[][]} */
  const lines = [];
  /** @type {PlacedWord[]} */
  let current = [];
  for (const word of words) {
    if (current.length && runWidth([...current, word], layout) > layout.lineWidth) {
      const carried = layout.unspaced && current.length > 1 && NO_LINE_START.test(word.text)
        ? current.splice(-1) : [];
      lines.push(current);
      current = carried;
    }
    current.push(word);
  }
  if (current.length) lines.push(current);
  return lines.map((words) => words.map(({ width, ...word }) => word));
}

/** A word as it can be placed: itself, itself shrunk, or its pieces. Adds `width` (pixels).
 * @param {CaptionWord} word @param {LineLayout} layout @returns {PlacedWord[]} */
function fitWord(word, layout) {
  const natural = layout.measure(word.text, word);
  const room = layout.lineWidth;
  const width = needed(natural, word, layout);
  if (width <= room) return [{ ...word, width: natural }];
  if (room / width >= MIN_FIT && !(layout.unspaced && graphemeCount(word.text) > 1)) {
    return [shrunk(word, word.text, natural, layout)];
  }
  return splitWord(word, layout);
}

/** A word (or a piece of one) drawn small enough to fill a line exactly.
 * @param {CaptionWord} word @param {string} text @param {number} natural @param {LineLayout} layout
 * @returns {PlacedWord} */
function shrunk(word, text, natural, layout) {
  const fit = layout.lineWidth / needed(natural, word, layout);
  const floored = Math.floor(fit * 1000) / 1000;
  return { ...word, text, fit: floored, width: natural * floored };
}

/** Cut a word at legal break points (words of an unspaced script, else characters) into runs
 * that fit a line, sharing its time by length.
 * @param {CaptionWord} word @param {LineLayout} layout @returns {PlacedWord[]} */
function splitWord(word, layout) {
  const granularity = layout.unspaced ? "word" : "grapheme";
  let pieces = segments(word.text, layout.language, granularity);
  const fits = (/** @type {string} */ text) => needed(layout.measure(text, word), word, layout) <= layout.lineWidth;
  pieces = pieces.flatMap((piece) => (fits(piece) ? [piece] : segments(piece, null, "grapheme")));
  /** @type {string[]} */
  const runs = [];
  for (const piece of pieces) {
    const last = runs.length - 1;
    if (last >= 0 && (fits(runs[last] + piece) || NO_LINE_START.test(piece))) {
      runs[last] += piece; // closing punctuation stays with what it closes, even if tight
    } else {
      runs.push(piece);
    }
  }
  if (runs.length === 1) return [shrunk(word, word.text, layout.measure(word.text, word), layout)];
  const total = runs.reduce((sum, run) => sum + graphemeCount(run), 0);
  const span = word.end - word.start;
  let done = 0;
  return runs.map((run) => {
    const start = word.start + (span * done) / total;
    done += graphemeCount(run);
    const end = word.start + (span * done) / total;
    const natural = layout.measure(run, word);
    const timed = { ...word, start: round(start), end: round(end) };
    return fits(run) ? { ...timed, text: run, width: natural } : shrunk(timed, run, natural, layout);
  });
}

const round = (/** @type {number} */ x) => Math.round(x * 1000) / 1000;
