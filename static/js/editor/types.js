/**
 * The transcript as the editor holds and edits it (JSDoc types only; nothing runs). The document
 * is the API's transcript, version 2 (docs/architecture.md, media/transcription/schema.py).
 */

/**
 * @typedef {object} Prosody
 * @property {number} [loudness_db]
 * @property {number | null} [pitch_st]
 * @property {number} [stretch]
 */

/**
 * @typedef {object} TranscriptWord
 * @property {string} text
 * @property {number} start
 * @property {number} end
 * @property {number | null} [score]
 * @property {string} [speaker]
 * @property {Prosody} [prosody]
 * @property {number} [emphasis]
 * @property {boolean} [emphasis_set]
 * @property {string[]} [tags]
 */

/**
 * @typedef {object} Speaker
 * @property {string} id
 * @property {string} label
 * @property {string} [color] "#RRGGBB"
 */

/**
 * @typedef {object} TranscriptSegment
 * @property {number} start
 * @property {number} end
 * @property {string} [speaker]
 * @property {string} text
 * @property {TranscriptWord[]} words
 */

/**
 * The API's transcript document.
 * @typedef {object} Transcript
 * @property {number} [version]
 * @property {string} [language]
 * @property {number} duration
 * @property {object} [engine]
 * @property {Speaker[]} speakers
 * @property {TranscriptSegment[]} segments
 * @property {object[]} [events]
 */

/** A word being edited: the document's word with an id of the session. @typedef {TranscriptWord & { id: string }} Word */

/**
 * A segment (a line) being edited: its words carry the times and text.
 * @typedef {object} Segment
 * @property {string} id
 * @property {string} [speaker]
 * @property {Word[]} words
 */

/**
 * @typedef {object} Model
 * @property {Omit<Transcript, "speakers" | "segments">} meta
 * @property {Speaker[]} speakers
 * @property {Segment[]} segments
 */

/**
 * One change to the model; `apply` returns the operation that undoes it. Fields set to
 * undefined are removed.
 * @typedef {{ type: "spliceWords", segment: string, index: number, count: number, insert: Word[] }
 *   | { type: "setWord", word: string, fields: Partial<Word> }
 *   | { type: "setWords", changes: Record<string, Partial<Word>> }
 *   | { type: "splitSegment", segment: string, at: number, newSegment: string }
 *   | { type: "mergeSegments", segment: string }
 *   | { type: "setSegment", segment: string, fields: Partial<Omit<Segment, "words">> }
 *   | { type: "addSpeaker", speaker: Speaker, index?: number }
 *   | { type: "removeSpeaker", speaker: string }
 *   | { type: "setSpeaker", speaker: string, fields: Partial<Speaker> }
 *   | { type: "batch", ops: Operation[] }} Operation
 */

/** @typedef {{ model: Model, inverse: Operation }} Applied */
/** A source of fresh ids for a prefix ("w", "s"). @typedef {(prefix: string) => string} NewId */

/**
 * The style a creator chose: a preset and the fields they changed (what an export sends).
 * @typedef {{ preset?: string } & Partial<import("../../captions/types.js").Style>} StyleChoice
 */

/**
 * One undoable step: the operations (or style diff halves) that redo and undo it.
 * @typedef {{ kind: "transcript", forward: Operation, backward: Operation }
 *   | { kind: "style", forward: Partial<StyleChoice>, backward: Partial<StyleChoice> }} Step
 */

/**
 * What the editor page embeds for its script as `ecg-config` (built in pages/views.py).
 * @typedef {object} EditorConfig
 * @property {{ id: string, filename: string, width?: number, height?: number, duration?: number, thumbnail?: string | null }} video
 * @property {import("./style.js").Preset[]} presets the bundled presets, with their full style
 * @property {{ family: string, weights: number[] }[]} fonts the bundled families (the default first)
 * @property {import("./views/brand-fonts.js").BrandFont[]} user_fonts the creator's font files
 * @property {import("./views/user-presets.js").UserPreset[]} user_presets
 * @property {number} low_confidence words scored under this are marked unsure
 * @property {import("./flows/retranscribe.js").Language[]} languages the languages Whisper knows, by name
 * @property {import("./flows/retranscribe.js").LanguageDetection | null} language_detection
 * @property {number} unsure_language a detection less sure than this is questioned
 */

export {};
