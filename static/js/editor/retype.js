// Words retyped over a word or a run of words ("Needs" -> "Neither did I."): the typed words are
// timed by the sound of the span they replace, as the engine times words (the server's
// placing.py, asked through POST .../transcript/word-times), instead of splitting the span
// evenly or squeezing them into the first word's slot; neighbours keep their times.
import { api } from "../api.js";
import { editText, locate } from "./model.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Word} Word */
/** @typedef {import("./types.js").Operation} Operation */
/** @typedef {import("./types.js").NewId} NewId */
/** @typedef {{start: number, end: number}} Span */
/** @typedef {{segment: {id: string}, index: number, words: Word[]}} Run */

/** The words of what the creator typed. @param {string} text @returns {string[]} */
export function typedWords(text) {
  return text.trim().split(/\s+/).filter(Boolean);
}

/**
 * Each word's share of `span` in proportion to its length (characters and a gap): the
 * server's rule when it has no sound, used here when the server cannot be asked.
 * @param {Span} span @param {string[]} texts @returns {Span[]}
 */
export function byLength(span, texts) {
  const weights = texts.map((text) => text.length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const at = (/** @type {number} */ share) => Math.round((span.start + (span.end - span.start) * share) * 1000) / 1000;
  let sum = 0;
  return weights.map((weight) => {
    const start = at(sum / total);
    sum += weight;
    return { start, end: at(sum / total) };
  });
}

/**
 * Words `firstId` to `lastId` of one line, or null when they are not (any more).
 * @param {Model} model @param {string} firstId @param {string} lastId @returns {Run | null}
 */
export function wordRun(model, firstId, lastId = firstId) {
  const found = locate(model, firstId);
  const last = found?.segment.words.findIndex((word) => word.id === lastId) ?? -1;
  if (!found || last < found.index) return null;
  return { segment: found.segment, index: found.index, words: found.segment.words.slice(found.index, last + 1) };
}

/**
 * The operation putting `texts` at `times` in place of `run` (one undo step): the first keeps
 * the first replaced word's id and fields, the others are new; typed words are checked words.
 * @param {Run} run @param {string[]} texts @param {Span[]} times
 * @param {NewId} newId @returns {Operation}
 */
export function replaceRun(run, texts, times, newId) {
  const [first] = run.words;
  const insert = texts.map((text, i) => ({
    ...first, id: i === 0 ? first.id : newId("w"), text, score: null, ...times[i],
  }));
  return { type: "spliceWords", segment: run.segment.id, index: run.index, count: run.words.length, insert };
}

/** From the first word's start to the last word's end. @param {Word[]} words @returns {Span} */
export function spanOf(words) {
  return { start: words[0].start, end: words[words.length - 1].end };
}

/**
 * Times for `texts` said over `span` of the video, by its sound (the server's placing), or null
 * when the server cannot be asked (offline, refused): the caller then shares it by length.
 * @param {string} videoId @param {Span} span @param {string[]} texts @param {typeof api} [request]
 * @returns {Promise<Span[] | null>}
 */
export async function soundTimes(videoId, span, texts, request = api) {
  try {
    const { data } = await request(`/api/v1/videos/${videoId}/transcript/word-times`, {
      method: "POST",
      body: { ...span, words: texts },
    });
    return /** @type {{ words: Span[] }} */ (data).words.map(({ start, end }) => ({ start, end }));
  } catch {
    return null;
  }
}

/**
 * The operation for `text` typed over words `firstId` to `lastId` (one word by default), its
 * words timed by the sound of their span (by their lengths when the server cannot say). Built
 * on the model as it is when the times arrive; a run changed meanwhile gets its words by length.
 * @param {() => Model} currentModel the editor's model now
 * @param {string} firstId
 * @param {string} text
 * @param {{videoId: string, newId: NewId, lastId?: string, request?: typeof api}} options
 * @returns {Promise<Operation | null>}
 */
export async function retypeWords(currentModel, firstId, text, { videoId, newId, lastId = firstId, request = api }) {
  const run = wordRun(currentModel(), firstId, lastId);
  const texts = typedWords(text);
  if (!run) return null;
  if (run.words.length === 1 && texts.length < 2) return editText(currentModel(), firstId, text, newId);
  if (!texts.length) return replaceRun(run, [], [], newId); // deleted: nobody takes their time
  const span = spanOf(run.words);
  const times = await soundTimes(videoId, span, texts, request);
  const now = wordRun(currentModel(), firstId, lastId);
  if (!now) return null;
  const nowSpan = spanOf(now.words);
  const same = now.words.length === run.words.length && nowSpan.start === span.start && nowSpan.end === span.end;
  return replaceRun(now, texts, same && times ? times : byLength(nowSpan, texts), newId);
}
