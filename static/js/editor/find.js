// Find and replace over the transcript: pure functions, no DOM, no requests.
//
// A match lies within one line (a replacement is one line's words replaced, as a retyping is)
// and may span several words ("new jersey"); it is found case-insensitively, either anywhere
// ("part") or only over whole words, punctuation around them aside ("and" is not found in
// "band" nor in "and'll", but is in "and,"). The replacement takes the case the match had
// ("And" -> "In", "AND" -> "IN"). Replacing words by as many words keeps their times; by more
// or fewer, the new words take the times the sound gives them (retype.js asks the server).
import { byLength, replaceRun, spanOf, typedWords } from "./retype.js";

/** @import { Model, NewId, Operation, Word } from "./types.js" */
/** @typedef {import("./retype.js").Span} Span */

/**
 * One place the query was found: words `first` to `last` of a line, and where in the line's text
 * (its words joined by single spaces) the match starts and ends.
 * @typedef {object} Match
 * @property {string} segment the line's id
 * @property {number} line the line's index in the transcript
 * @property {number} first
 * @property {number} last
 * @property {string[]} ids the ids of words first..last
 * @property {number} start
 * @property {number} end
 * @property {string} text the matched text, as the transcript has it
 * @property {string} lineText the line's text it was found in
 */

/**
 * Words of a line replaced by new texts (as many or not): retype.js's run, with its texts.
 * @typedef {{ segment: { id: string }, index: number, words: Word[], texts: string[] }} Edit
 */

const OUTER_PUNCTUATION = /^[\p{P}\p{S}]*$/u;
const escaped = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every match of `query` in the transcript, in reading order.
 * @param {Model} model @param {string} query @param {{ wholeWords: boolean }} options
 * @returns {Match[]}
 */
export function findMatches(model, query, { wholeWords }) {
  const parts = typedWords(query);
  if (!parts.length) return [];
  const pattern = new RegExp(parts.map(escaped).join(" "), "giu");
  /** @type {Match[]} */
  const matches = [];
  model.segments.forEach((segment, line) => {
    const texts = segment.words.map((word) => word.text);
    const offsets = wordOffsets(texts);
    const wordAt = (/** @type {number} */ offset) => offsets.findLastIndex((start) => start <= offset);
    const lineText = texts.join(" ");
    for (const found of lineText.matchAll(pattern)) {
      const start = found.index;
      const end = start + found[0].length;
      const first = wordAt(start);
      const last = wordAt(end - 1);
      const before = texts[first].slice(0, start - offsets[first]);
      const after = texts[last].slice(end - offsets[last]);
      if (wholeWords && !(OUTER_PUNCTUATION.test(before) && OUTER_PUNCTUATION.test(after))) continue;
      const ids = segment.words.slice(first, last + 1).map((word) => word.id);
      matches.push({ segment: segment.id, line, first, last, ids, start, end, text: found[0], lineText });
    }
  });
  return matches;
}

/** Where each text starts in the texts joined by single spaces. @param {string[]} texts */
function wordOffsets(texts) {
  let at = 0;
  return texts.map((text) => {
    const start = at;
    at += text.length + 1;
    return start;
  });
}

const cased = (/** @type {string} */ ch) => ch.toLowerCase() !== ch.toUpperCase();
const isUpper = (/** @type {string} */ ch) => cased(ch) && ch === ch.toUpperCase();
/** Its first letter that has a case upper-cased. @param {string} text */
const capitalized = (text) => text.replace(/\p{L}/u, (ch) => ch.toUpperCase());

/**
 * How a matched text is cased: "upper" (two letters or more, all capitals), "title" (several
 * words, each starting with a capital), "capital" (its first letter), else "lower" (or none).
 * @param {string} text @returns {"upper" | "title" | "capital" | "lower"}
 */
export function caseOf(text) {
  const letters = [...text].filter(cased);
  if (letters.length > 1 && letters.every(isUpper)) return "upper";
  const initials = text.split(" ").map((word) => [...word].find(cased)).filter((ch) => ch !== undefined);
  if (!initials.length || !isUpper(initials[0])) return "lower";
  return initials.length > 1 && initials.every(isUpper) ? "title" : "capital";
}

/**
 * The replacement in the case of what it replaces: capitals stay capitals ("AND" -> "IN"), a
 * capital at a sentence start stays ("And" -> "In"), a title stays a title ("New Jersey" ->
 * "New York"). A replacement typed with capitals of its own ("new jersey" -> "New Jersey",
 * "iPhone") is kept as typed, except over all-capitals text.
 * @param {string} matched @param {string} replacement @returns {string}
 */
export function caseLike(matched, replacement) {
  const kind = caseOf(matched);
  if (kind === "upper") return replacement.toUpperCase();
  if (replacement !== replacement.toLowerCase()) return replacement;
  if (kind === "title") return replacement.split(" ").map(capitalized).join(" ");
  return kind === "capital" ? capitalized(replacement) : replacement;
}

/**
 * The edits that replace `matches` by `replacement` (each in the case of the text it replaces):
 * matches sharing a word make one edit of that word. Matches in a line edited since they were
 * found are left out (their places in it may have moved).
 * @param {Model} model @param {Match[]} matches @param {string} replacement @returns {Edit[]}
 */
export function replacementEdits(model, matches, replacement) {
  /** @type {{ match: Match, group: Match[] }[]} */
  const groups = [];
  for (const match of matches.filter((m) => stillThere(model, m))) {
    const open = groups[groups.length - 1];
    if (open && open.match.segment === match.segment && match.first <= open.match.last) {
      open.group.push(match);
      open.match = { ...open.match, last: Math.max(open.match.last, match.last) };
    } else {
      groups.push({ match, group: [match] });
    }
  }
  return groups.map(({ match: { line, first, last }, group }) => {
    const segment = model.segments[line];
    const words = segment.words.slice(first, last + 1);
    const base = wordOffsets(segment.words.map((word) => word.text))[first];
    let text = words.map((word) => word.text).join(" ");
    for (const match of [...group].reverse()) {
      text = text.slice(0, match.start - base) + caseLike(match.text, replacement) + text.slice(match.end - base);
    }
    return { segment, index: first, words, texts: typedWords(text) };
  });
}

/** Whether the words a match was found in are still as they were.
 * @param {Model} model @param {Match} match */
function stillThere(model, match) {
  const segment = model.segments[match.line];
  return segment?.id === match.segment
    && segment.words.map((word) => word.text).join(" ") === match.lineText
    && match.ids.every((id, i) => segment.words[match.first + i]?.id === id);
}

/** Whether an edit's new words need times: as many words as it replaces keep theirs.
 * @param {Edit} edit */
export const needsTimes = (edit) => edit.texts.length > 0 && edit.texts.length !== edit.words.length;

/** A key for the times of an edit's new words (what they are, over which span).
 * @param {Edit} edit */
export function timesKey(edit) {
  const { start, end } = spanOf(edit.words);
  return `${start}|${end}|${edit.texts.join(" ")}`;
}

/**
 * The operation making `edit`: words retexted in place (checked words, their times kept), or
 * replaced by words at `times` (by their lengths without them); null when nothing changes.
 * @param {Edit} edit @param {Span[] | null | undefined} times @param {NewId} newId
 * @returns {Operation | null}
 */
export function editOperation(edit, times, newId) {
  if (edit.texts.length === edit.words.length) {
    const changed = edit.words.filter((word, i) => word.text !== edit.texts[i]);
    if (!changed.length) return null;
    const text = new Map(edit.words.map((word, i) => [word.id, edit.texts[i]]));
    return { type: "setWords", changes: Object.fromEntries(changed.map((w) => [w.id, { text: text.get(w.id), score: null }])) };
  }
  const timed = edit.texts.length ? times ?? byLength(spanOf(edit.words), edit.texts) : [];
  return replaceRun(edit, edit.texts, timed, newId);
}

/**
 * All `edits` as one operation (one undo step), or null when none changes anything. Words
 * replaced by as many are retexted together (one pass over the transcript, however many); the
 * others are spliced from the last to the first, so each one's word positions are still as found.
 * @param {Edit[]} edits @param {Map<string, Span[]>} times by timesKey
 * @param {NewId} newId @returns {Operation | null}
 */
export function replacementOperation(edits, times, newId) {
  /** @type {Record<string, Partial<Word>>} */
  const changes = {};
  /** @type {Operation[]} */
  const ops = [];
  for (const edit of [...edits].reverse()) {
    const op = editOperation(edit, times.get(timesKey(edit)), newId);
    if (op?.type === "setWords") Object.assign(changes, op.changes);
    else if (op) ops.push(op);
  }
  if (Object.keys(changes).length) ops.push({ type: "setWords", changes });
  return ops.length < 2 ? ops[0] ?? null : { type: "batch", ops };
}

/**
 * Index of the first match at or after word `index` of line `line` (reading order), wrapping
 * to the first match; -1 when there is none.
 * @param {Match[]} matches @param {{ line: number, index: number }} position
 */
export function matchFrom(matches, { line, index }) {
  if (!matches.length) return -1;
  const at = matches.findIndex((m) => m.line > line || (m.line === line && m.last >= index));
  return at < 0 ? 0 : at;
}

/** "3 of 7", "No matches", or "" with nothing to find.
 * @param {number} current @param {number} count @param {string} query */
export function countText(current, count, query) {
  if (!query.trim()) return "";
  if (!count) return "No matches";
  return current < 0 ? `${count} matches` : `${current + 1} of ${count}`;
}

/** Ctrl+F (⌘F on a Mac): the editor's own find, not the browser's.
 * @param {{ key: string, ctrlKey: boolean, metaKey: boolean, altKey: boolean, shiftKey: boolean }} event */
export const isFindKey = (event) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "f";
