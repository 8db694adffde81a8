// The transcript as the editor edits it: pure data and pure functions, no DOM.
//
// Words and segments get ids when a transcript is loaded; the ids stay with them through
// edits, splits and merges (positions do not), and are dropped again when it is saved.
// Every change is an operation: `apply(model, op)` returns the new model and the operation
// that undoes it, so the undo history stores small operations, never whole transcripts.

/** @import { Applied, Model, NewId, Operation, Segment, Speaker, Transcript, Word } from "./types.js" */

const EPSILON = 1e-6;
const round3 = (/** @type {number} */ x) => Math.round(x * 1000) / 1000;

/** A source of fresh ids ("w1", "w2", ... / "s1", ...), one per editor session.
 * @returns {NewId} */
export function idSource() {
  let next = 0;
  return (prefix) => `${prefix}${++next}`;
}

/** A model from a transcript document (API JSON).
 * @param {Transcript} transcript @param {NewId} [newId] @returns {Model} */
export function load(transcript, newId = idSource()) {
  const { segments, speakers, ...meta } = transcript;
  return {
    meta,
    speakers: speakers.map((speaker) => ({ ...speaker })),
    segments: segments.map(({ words, start, end, text, ...rest }) => ({
      ...rest,
      id: newId("s"),
      words: words.map((word) => ({ ...word, id: newId("w") })),
    })),
  };
}

/** The transcript document for the API: times and text of segments follow their words.
 * @param {Model} model @returns {Transcript} */
export function serialize(model) {
  return {
    ...model.meta,
    speakers: model.speakers.map((speaker) => ({ ...speaker })),
    segments: model.segments
      .filter((segment) => segment.words.length)
      .map(({ id, words, ...rest }) => ({
        ...rest,
        start: words[0].start,
        end: words[words.length - 1].end,
        text: words.map((word) => word.text).join(" "),
        words: words.map(({ id: _id, ...word }) => word),
      })),
  };
}

// --- reading ----------------------------------------------------------------------------------

/** @param {Model} model */
export function allWords(model) {
  return model.segments.flatMap((segment) => segment.words);
}

/** Where a word is: {segment, segmentIndex, index, word}, or null.
 * @param {Model} model @param {string | null} wordId */
export function locate(model, wordId) {
  for (let s = 0; s < model.segments.length; s += 1) {
    const index = model.segments[s].words.findIndex((word) => word.id === wordId);
    if (index >= 0) {
      const segment = model.segments[s];
      return { segment, segmentIndex: s, index, word: segment.words[index] };
    }
  }
  return null;
}

/** @param {Model} model @param {string} segmentId */
export function segmentIndex(model, segmentId) {
  return model.segments.findIndex((segment) => segment.id === segmentId);
}

/** Index in `starts` (sorted) of the last start <= t, or -1: which word is being spoken.
 * @param {number[]} starts @param {number} t */
export function lastAtOrBefore(starts, t) {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
  }
  return found;
}

// --- operations -------------------------------------------------------------------------------
// Each returns { model, inverse }. Models are never mutated: changed parts are copied.

/** @param {Model} model @param {number} index @param {Segment | null} segment @returns {Model} */
function replaceSegment(model, index, segment) {
  const segments = model.segments.slice();
  if (segment) segments[index] = segment; else segments.splice(index, 1);
  return { ...model, segments };
}

/** @param {Model} model @param {string} segmentId */
function segmentAt(model, segmentId) {
  const index = segmentIndex(model, segmentId);
  if (index < 0) throw new Error(`No segment ${segmentId}`);
  return { index, segment: model.segments[index] };
}

/** The values `fields` would replace in `object` (what undoes setting them).
 * @template {object} T @param {T} object @param {Partial<T>} fields @returns {Partial<T>} */
function previousValues(object, fields) {
  const values = /** @type {Record<string, unknown>} */ (object);
  return /** @type {Partial<T>} */ (Object.fromEntries(Object.keys(fields).map((key) => [key, values[key]])));
}

/** `object` with `fields` set; a field set to undefined is removed (unset).
 * @template {object} T @param {T} object @param {Partial<T>} fields @returns {T} */
function withFields(object, fields) {
  const changed = Object.assign({}, object, fields);
  const values = /** @type {Record<string, unknown>} */ (changed);
  for (const key of Object.keys(fields)) if (values[key] === undefined) delete values[key];
  return changed;
}

/**
 * Each operation type's implementation, given an operation of that type.
 * @type {{ [K in Operation["type"]]: (model: Model, op: Extract<Operation, { type: K }>) => Applied }}
 */
const OPERATIONS = {
  /** Replace `count` words of a segment from `index` by `insert` (edit, split a word, delete). */
  spliceWords(model, { segment: segmentId, index, count, insert }) {
    const { index: s, segment } = segmentAt(model, segmentId);
    const words = segment.words.slice();
    const removed = words.splice(index, count, ...insert);
    return {
      model: replaceSegment(model, s, { ...segment, words }),
      inverse: { type: "spliceWords", segment: segmentId, index, count: insert.length, insert: removed },
    };
  },

  /** Set fields of one word (text, start, end, speaker, ...). */
  setWord(model, { word: wordId, fields }) {
    const found = locate(model, wordId);
    if (!found) throw new Error(`No word ${wordId}`);
    const previous = previousValues(found.word, fields);
    const words = found.segment.words.slice();
    words[found.index] = withFields(found.word, fields);
    return {
      model: replaceSegment(model, found.segmentIndex, { ...found.segment, words }),
      inverse: { type: "setWord", word: wordId, fields: previous },
    };
  },

  /** Set fields of many words in one pass: `changes` maps word id -> fields. */
  setWords(model, { changes }) {
    /** @type {Record<string, Partial<Word>>} */
    const previous = {};
    const segments = model.segments.map((segment) => {
      if (!segment.words.some((word) => changes[word.id])) return segment;
      const words = segment.words.map((word) => {
        const fields = changes[word.id];
        if (!fields) return word;
        previous[word.id] = previousValues(word, fields);
        return { ...word, ...fields };
      });
      return { ...segment, words };
    });
    return { model: { ...model, segments }, inverse: { type: "setWords", changes: previous } };
  },

  /** A new segment from the words of `segment` at and after `at`; it keeps the speaker. */
  splitSegment(model, { segment: segmentId, at, newSegment }) {
    const { index: s, segment } = segmentAt(model, segmentId);
    if (at <= 0 || at >= segment.words.length) throw new Error("Nothing to split off");
    const segments = model.segments.slice();
    segments.splice(s, 1,
      { ...segment, words: segment.words.slice(0, at) },
      { ...segment, id: newSegment, words: segment.words.slice(at) });
    return { model: { ...model, segments }, inverse: { type: "mergeSegments", segment: segmentId } };
  },

  /** Append the next segment's words to `segment` (they keep their own speakers). */
  mergeSegments(model, { segment: segmentId }) {
    const { index: s, segment } = segmentAt(model, segmentId);
    const next = model.segments[s + 1];
    if (!next) throw new Error("No next segment to merge");
    const segments = model.segments.slice();
    segments.splice(s, 2, { ...segment, words: [...segment.words, ...next.words] });
    const { words: _words, ...nextFields } = next;
    return {
      model: { ...model, segments },
      inverse: {
        type: "batch",
        ops: [
          { type: "splitSegment", segment: segmentId, at: segment.words.length, newSegment: next.id },
          { type: "setSegment", segment: next.id, fields: nextFields },
        ],
      },
    };
  },

  /** Set fields of a segment other than its words (its speaker, ...). */
  setSegment(model, { segment: segmentId, fields }) {
    const { index: s, segment } = segmentAt(model, segmentId);
    const previous = previousValues(segment, fields);
    return {
      model: replaceSegment(model, s, { ...segment, ...fields }),
      inverse: { type: "setSegment", segment: segmentId, fields: previous },
    };
  },

  /** Insert a speaker at `index` (default: at the end). */
  addSpeaker(model, { speaker, index = model.speakers.length }) {
    if (model.speakers.some((existing) => existing.id === speaker.id)) {
      throw new Error(`Speaker ${speaker.id} exists`);
    }
    const speakers = model.speakers.slice();
    speakers.splice(index, 0, { ...speaker });
    return { model: { ...model, speakers }, inverse: { type: "removeSpeaker", speaker: speaker.id } };
  },

  /** Remove a speaker nobody speaks as any more. */
  removeSpeaker(model, { speaker: speakerId }) {
    const index = model.speakers.findIndex((speaker) => speaker.id === speakerId);
    if (index < 0) throw new Error(`No speaker ${speakerId}`);
    if (model.segments.some((s) => s.speaker === speakerId || s.words.some((w) => w.speaker === speakerId))) {
      throw new Error(`Speaker ${speakerId} still speaks`);
    }
    const speakers = model.speakers.slice();
    const [removed] = speakers.splice(index, 1);
    return { model: { ...model, speakers }, inverse: { type: "addSpeaker", speaker: removed, index } };
  },

  setSpeaker(model, { speaker: speakerId, fields }) {
    const index = model.speakers.findIndex((speaker) => speaker.id === speakerId);
    if (index < 0) throw new Error(`No speaker ${speakerId}`);
    const previous = previousValues(model.speakers[index], fields);
    const speakers = model.speakers.slice();
    speakers[index] = withFields(speakers[index], fields);
    return { model: { ...model, speakers }, inverse: { type: "setSpeaker", speaker: speakerId, fields: previous } };
  },

  /** Several operations as one step (one undo). */
  batch(model, { ops }) {
    let current = model;
    /** @type {Operation[]} */
    const inverses = [];
    for (const op of ops) {
      const result = apply(current, op);
      current = result.model;
      inverses.unshift(result.inverse);
    }
    return { model: current, inverse: { type: "batch", ops: inverses } };
  },
};

/** @param {Model} model @param {Operation} op @returns {Applied} */
export function apply(model, op) {
  // Each entry takes its own type of operation: TypeScript cannot relate the lookup to `op`.
  const operation = /** @type {((model: Model, op: Operation) => Applied) | undefined} */ (OPERATIONS[op.type]);
  if (!operation) throw new Error(`Unknown operation ${op.type}`);
  return operation(model, op);
}

// --- what a creator does, as operations ---------------------------------------------------------
// These read the model and return the operation (or null when there is nothing to do).

/** New text for a word; several words split its time evenly; empty text deletes it.
 * @param {Model} model @param {string} wordId @param {string} text
 * @param {NewId} [newId] ids for the words a split adds (needed only then)
 * @returns {Operation | null} */
export function editText(model, wordId, text, newId) {
  const found = locate(model, wordId);
  if (!found) return null;
  const parts = text.trim().split(/\s+/).filter(Boolean);
  const { word } = found;
  if (parts.length === 1) {
    // A word the creator typed is checked: it is no longer the recognizer's guess.
    return parts[0] === word.text ? null : { type: "setWord", word: wordId, fields: { text: parts[0], score: null } };
  }
  if (parts.length > 1 && !newId) throw new Error("Splitting a word needs new ids");
  const span = (word.end - word.start) / Math.max(parts.length, 1);
  const insert = parts.map((part, i) => ({
    ...word,
    id: i === 0 || !newId ? word.id : newId("w"),
    text: part,
    score: null,
    start: round3(word.start + i * span),
    end: i === parts.length - 1 ? word.end : round3(word.start + (i + 1) * span),
  }));
  return { type: "spliceWords", segment: found.segment.id, index: found.index, count: 1, insert };
}

/** @param {Model} model @param {string} wordId @returns {Operation | null} */
export function deleteWord(model, wordId) {
  const found = locate(model, wordId);
  if (!found) return null;
  return { type: "spliceWords", segment: found.segment.id, index: found.index, count: 1, insert: [] };
}

/** Times word `index` may take: after the previous word, before the next, within the media.
 * @param {{ start: number, end: number }[]} words @param {number} index @param {number} duration */
export function wordBounds(words, index, duration) {
  return {
    floor: index > 0 ? words[index - 1].end : 0,
    ceiling: index < words.length - 1 ? words[index + 1].start : duration,
  };
}

/** New start and/or end, kept inside the word's neighbours, the segment order and the media.
 * @param {Model} model @param {string} wordId @param {{ start?: number, end?: number }} times
 * @returns {Operation | null} */
export function retime(model, wordId, { start, end }) {
  const words = allWords(model);
  const i = words.findIndex((word) => word.id === wordId);
  if (i < 0) return null;
  const word = words[i];
  const { floor, ceiling } = wordBounds(words, i, model.meta.duration);
  let newStart = start === undefined ? word.start : round3(Math.max(floor, start));
  let newEnd = end === undefined ? word.end : round3(Math.min(ceiling, end));
  newStart = Math.min(newStart, newEnd);
  newEnd = Math.max(newEnd, newStart);
  if (Math.abs(newStart - word.start) < EPSILON && Math.abs(newEnd - word.end) < EPSILON) return null;
  return { type: "setWord", word: wordId, fields: { start: newStart, end: newEnd } };
}

/** Words `first` to `last` (indices in `words`) all `delta` seconds later (earlier if
 * negative), keeping their lengths; null when a neighbour or the media's edge is in the way.
 * @param {Model} model @param {Word[]} words @param {number} first @param {number} last
 * @param {number} delta @returns {Operation | null} */
function shiftWords(model, words, first, last, delta) {
  if (first < 0 || Math.abs(delta) < EPSILON) return null;
  const { floor } = wordBounds(words, first, model.meta.duration);
  const { ceiling } = wordBounds(words, last, model.meta.duration);
  const moved = words.slice(first, last + 1).map((word) => ({
    id: word.id, start: round3(word.start + delta), end: round3(word.end + delta),
  }));
  if (moved[0].start < floor - EPSILON || moved[moved.length - 1].end > ceiling + EPSILON) return null;
  return { type: "setWords", changes: Object.fromEntries(moved.map(({ id, start, end }) => [id, { start, end }])) };
}

/** The whole word `delta` seconds later (earlier if negative), keeping its length; null when
 * a neighbour or the media's edge is in the way.
 * @param {Model} model @param {string} wordId @param {number} delta */
export function moveWord(model, wordId, delta) {
  const words = allWords(model);
  const i = words.findIndex((word) => word.id === wordId);
  return shiftWords(model, words, i, i, delta);
}

/** Every word of the line `segmentId` moved by `delta` together, as one step.
 * @param {Model} model @param {string} segmentId @param {number} delta */
export function moveLine(model, segmentId, delta) {
  const segment = model.segments[segmentIndex(model, segmentId)];
  if (!segment?.words.length) return null;
  const words = allWords(model);
  const first = words.findIndex((word) => word.id === segment.words[0].id);
  return shiftWords(model, words, first, first + segment.words.length - 1, delta);
}

/** Start a new line at this word (the first word of a line cannot start one).
 * @param {Model} model @param {string} wordId @param {NewId} newId @returns {Operation | null} */
export function splitBefore(model, wordId, newId) {
  const found = locate(model, wordId);
  if (!found || found.index === 0) return null;
  return { type: "splitSegment", segment: found.segment.id, at: found.index, newSegment: newId("s") };
}

/** @param {Model} model @param {string} segmentId @returns {Operation | null} */
export function mergeWithNext(model, segmentId) {
  const index = segmentIndex(model, segmentId);
  if (index < 0 || index >= model.segments.length - 1) return null;
  return { type: "mergeSegments", segment: segmentId };
}

/** A line and all its words to another speaker.
 * @param {Model} model @param {string} segmentId @param {string} speakerId @returns {Operation | null} */
export function moveSegmentToSpeaker(model, segmentId, speakerId) {
  const index = segmentIndex(model, segmentId);
  if (index < 0) return null;
  const segment = model.segments[index];
  const changes = Object.fromEntries(segment.words
    .filter((word) => word.speaker !== speakerId)
    .map((word) => [word.id, { speaker: speakerId }]));
  /** @type {Operation[]} */
  const ops = Object.keys(changes).length ? [{ type: "setWords", changes }] : [];
  if (segment.speaker !== speakerId) {
    ops.push({ type: "setSegment", segment: segmentId, fields: { speaker: speakerId } });
  }
  return ops.length ? { type: "batch", ops } : null;
}

/** @param {Model} model @param {string} wordId @param {string} speakerId @returns {Operation | null} */
export function moveWordToSpeaker(model, wordId, speakerId) {
  const found = locate(model, wordId);
  if (!found || found.word.speaker === speakerId) return null;
  return { type: "setWord", word: wordId, fields: { speaker: speakerId } };
}

/** A speaker's caption colour, kept in the transcript ("#RRGGBB").
 * @param {Model} model @param {string} speakerId @param {string} color @returns {Operation | null} */
export function setSpeakerColor(model, speakerId, color) {
  const speaker = model.speakers.find((s) => s.id === speakerId);
  if (!speaker || !/^#[0-9A-F]{6}$/i.test(color) || color === speaker.color) return null;
  return { type: "setSpeaker", speaker: speakerId, fields: { color: color.toUpperCase() } };
}

/** @param {Model} model @param {string} speakerId @param {string} label @returns {Operation | null} */
export function renameSpeaker(model, speakerId, label) {
  const clean = label.trim();
  const speaker = model.speakers.find((s) => s.id === speakerId);
  if (!speaker || !clean || clean === speaker.label) return null;
  return { type: "setSpeaker", speaker: speakerId, fields: { label: clean } };
}

/** A new speaker with the next free SPEAKER_NN id.
 * @param {Model} model @returns {Operation} */
export function addSpeaker(model) {
  const taken = new Set(model.speakers.map((speaker) => speaker.id));
  let n = model.speakers.length;
  while (taken.has(`SPEAKER_${String(n).padStart(2, "0")}`)) n += 1;
  const id = `SPEAKER_${String(n).padStart(2, "0")}`;
  return { type: "addSpeaker", speaker: { id, label: `Speaker ${model.speakers.length + 1}` } };
}

/** Everything `from` said becomes `into`'s, and `from` goes.
 * @param {Model} model @param {string} fromId @param {string} intoId @returns {Operation | null} */
export function mergeSpeakers(model, fromId, intoId) {
  if (fromId === intoId) return null;
  if (!model.speakers.some((s) => s.id === fromId) || !model.speakers.some((s) => s.id === intoId)) return null;
  /** @type {Record<string, Partial<Word>>} */
  const changes = {};
  /** @type {Operation[]} */
  const ops = [];
  for (const segment of model.segments) {
    for (const word of segment.words) {
      if (word.speaker === fromId) changes[word.id] = { speaker: intoId };
    }
    if (segment.speaker === fromId) ops.push({ type: "setSegment", segment: segment.id, fields: { speaker: intoId } });
  }
  ops.unshift({ type: "setWords", changes });
  ops.push({ type: "removeSpeaker", speaker: fromId });
  return { type: "batch", ops };
}

// --- expression: tags and emphasis --------------------------------------------------------------

export const TAG = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const MAX_TAGS = 5;

/** A tag as typed ("Big Deal" -> "big-deal"), or null if nothing usable is left.
 * @param {string} text */
export function tagSlug(text) {
  const slug = text.trim().toLowerCase().replace(/^#/, "").replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 32);
  return TAG.test(slug) ? slug : null;
}

/** @param {Model} model @param {string} wordId @param {string} tag @returns {Operation | null} */
export function tagWord(model, wordId, tag) {
  const found = locate(model, wordId);
  const tags = found?.word.tags || [];
  if (!found || !TAG.test(tag) || tags.includes(tag) || tags.length >= MAX_TAGS) return null;
  return { type: "setWord", word: wordId, fields: { tags: [...tags, tag] } };
}

/** @param {Model} model @param {string} wordId @param {string} tag @returns {Operation | null} */
export function untagWord(model, wordId, tag) {
  const found = locate(model, wordId);
  if (!found?.word.tags?.includes(tag)) return null;
  const tags = found.word.tags.filter((t) => t !== tag);
  return { type: "setWord", word: wordId, fields: { tags: tags.length ? tags : undefined } };
}

/** The creator's emphasis for a word (0..1), overriding the computed one.
 * @param {Model} model @param {string} wordId @param {number} value @returns {Operation | null} */
export function setEmphasis(model, wordId, value) {
  const found = locate(model, wordId);
  const emphasis = Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000;
  if (!found || (found.word.emphasis_set && found.word.emphasis === emphasis)) return null;
  return { type: "setWord", word: wordId, fields: { emphasis, emphasis_set: true } };
}

/** Back to the computed emphasis: `computed` is the score the analyser gave (when the editor
 * knows it); else the server computes it again from the word's prosody when it saves.
 * @param {Model} model @param {string} wordId @param {number | null} [computed]
 * @returns {Operation | null} */
export function clearEmphasis(model, wordId, computed) {
  const found = locate(model, wordId);
  if (!found?.word.emphasis_set) return null;
  /** @type {Partial<Word>} */
  const fields = { emphasis_set: false };
  if (computed != null) fields.emphasis = computed;
  else if (!found.word.prosody) fields.emphasis = undefined; // nothing to compute it from
  return { type: "setWord", word: wordId, fields };
}
