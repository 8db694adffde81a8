/**
 * The caption model and the style as the renderer reads them (JSDoc types only; nothing runs).
 * The server builds both (rendering/layout.py `caption_model`, rendering/scenario.py); these
 * typedefs say the same shape for the type check until it is generated from the Python side
 * (issue 21), when they become re-exports of that.
 */

/** @typedef {"none" | "fade" | "pop" | "slide" | "karaoke"} Animation */
/** @typedef {"none" | "pop" | "pulse"} TagAnimation */
/** @typedef {"bottom" | "middle" | "top" | "custom"} Position */

/**
 * How a tagged word looks; each property is set by the first of the style's tags that has it.
 * @typedef {object} TagStyle
 * @property {string | null} [color]
 * @property {number | null} [weight]
 * @property {string | null} [emoji]
 * @property {TagAnimation | string} [animation]
 */

/**
 * One file of a creator's own family (`weight` may be a CSS range such as "100 900").
 * @typedef {object} FontFaceFile
 * @property {number | string} weight
 * @property {string} src
 */

/**
 * A resolved caption style (rendering/scenario.py BASE_STYLE and a preset, with overrides).
 * @typedef {object} Style
 * @property {string} font_family
 * @property {number} font_weight
 * @property {number} font_size pixels on a frame whose short side is 1080
 * @property {string} text_color
 * @property {boolean} highlight_active
 * @property {string} highlight_color
 * @property {string} stroke_color
 * @property {number} stroke_width
 * @property {string} shadow_color
 * @property {number} shadow_blur
 * @property {number} shadow_offset
 * @property {string | null} box_color
 * @property {number} box_padding
 * @property {number} box_radius
 * @property {Position | string} position
 * @property {number} margin_v percent of the safe area's height
 * @property {number} position_x percent of the safe area (position "custom")
 * @property {number} position_y
 * @property {number} max_words_per_line
 * @property {number} max_chars_per_line
 * @property {number} lines_per_caption
 * @property {boolean} uppercase
 * @property {Animation | string} animation
 * @property {number} animation_ms
 * @property {Record<string, string>} [speaker_colors]
 * @property {number} [emphasis_size] intensities 0-100, 0 = off
 * @property {number} [emphasis_weight]
 * @property {number} [pitch_shift]
 * @property {number} [stretch_spacing]
 * @property {number} emphasis_threshold percent
 * @property {boolean} [emphasis_caps]
 * @property {string | null} [emphasis_color]
 * @property {string[]} [keywords]
 * @property {object[]} [tag_rules]
 * @property {Record<string, TagStyle>} [tag_styles]
 * @property {FontFaceFile[]} [font_faces] the creator's own files, added by whoever hands the style over
 */

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
 * @property {TagAnimation | string} animation
 */

/**
 * A word of the caption model (LayoutWord.drawn() on the server), with what the renderer adds:
 * its `look`, and `fit` (the share of its size it is drawn at when shrunk to fit a line).
 * @typedef {object} CaptionWord
 * @property {string} text
 * @property {number} start seconds
 * @property {number} end
 * @property {string} speaker
 * @property {number | null} [emphasis] 0-1
 * @property {number | null} [pitch] semitones from the speaker's median
 * @property {number | null} [stretch] 1 = usual duration
 * @property {string[] | null} [tags]
 * @property {Look} [look]
 * @property {number} [fit]
 */

/**
 * @typedef {object} Caption
 * @property {number} start
 * @property {number} end
 * @property {string} speaker
 * @property {CaptionWord[][]} lines
 */

/**
 * The server's layout of a transcript under a style (`/captions/layout`, `caption_model`).
 * @typedef {object} CaptionModel
 * @property {string | null} [language]
 * @property {number[]} [weights] the family's bundled weights
 * @property {Caption[]} captions
 */

/**
 * A caption fitted to a frame by measured width (fit.js).
 * @typedef {Caption & { dir: "ltr" | "rtl", unspaced: boolean }} FittedCaption
 */

/**
 * @typedef {object} FittedModel
 * @property {string | null} [language]
 * @property {number[]} [weights]
 * @property {FittedCaption[]} captions
 */

/** @typedef {{ top: number, bottom: number, left: number, right: number }} Insets */
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
