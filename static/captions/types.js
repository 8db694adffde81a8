/**
 * The renderer's types (JSDoc only; nothing runs). What the server defines, the caption model
 * and the style, comes from shared.js (generated from rendering/shared.py) and is named here
 * too; what only the renderer adds (a word's look, a fitted caption, the visual state) is here.
 */

/** @import * as Shared from "./shared.js" */

/** @typedef {Shared.Animation} Animation */
/** @typedef {Shared.TagAnimation} TagAnimation */
/** @typedef {Shared.Position} Position */
/** @typedef {Shared.SafeAreaName} SafeAreaName */
/** @typedef {Shared.Insets} Insets */
/** @typedef {Shared.TagStyle} TagStyle */
/** @typedef {Shared.FontFace} FontFaceFile */
/** @typedef {Shared.Style} Style */

/**
 * How a word is drawn (expression.js `wordLook`).
 * @typedef {object} Look
 * @property {number} scale
 * @property {number} weight
 * @property {number} shift em, up is positive
 * @property {number} spacing em
 * @property {boolean} caps
 * @property {string | null} color null: the usual colour
 * @property {string} emoji
 * @property {TagAnimation} animation
 */

/**
 * A word of the caption model (shared.js, as the server's layout gives it), with what the
 * renderer adds: its `look`, and `fit` (the share of its size it is drawn at when shrunk to fit
 * a line).
 * @typedef {Shared.CaptionWord & { look?: Look, fit?: number }} CaptionWord
 */

/** A caption of the model, its words as the renderer holds them.
 * @typedef {Omit<Shared.Caption, "lines"> & { lines: CaptionWord[][] }} Caption */

/** The server's layout (`/captions/layout`, `caption_model`), its words as the renderer holds them.
 * @typedef {Omit<Shared.CaptionModel, "captions"> & { captions: Caption[] }} CaptionModel */

/**
 * A caption fitted to a frame by measured width (fit.js).
 * @typedef {Caption & { dir: "ltr" | "rtl", unspaced: boolean }} FittedCaption
 */

/** The caption model fitted to a frame (fit.js).
 * @typedef {Omit<CaptionModel, "captions"> & { captions: FittedCaption[] }} FittedModel */

/** @typedef {{ x: number, y: number, width: number, height: number }} Rect */

/**
 * A word's width in pixels at the caption's font size, as `word` is drawn (its look).
 * @typedef {(text: string, word?: CaptionWord) => number} Measure
 */

/**
 * @typedef {object} WordState
 * @property {boolean} hidden
 * @property {number} scale
 * @property {number} fill 0-1 (karaoke)
 * @property {boolean} highlight
 */

/**
 * Everything visible at a time (renderer.js `visualState`); `caption` -1: nothing.
 * @typedef {{ caption: number, active?: undefined, opacity?: undefined, shift?: undefined, words?: undefined }
 *   | { caption: number, active: number, opacity: number, shift: number, words: WordState[] }} VisualState
 */

export {};
