// A word retyped as several ("Needs" -> "Neither did I."): the typed words are timed by the
// sound of the word's span, as the engine times words (the server's placing.py, asked through
// POST .../transcript/word-times), instead of splitting the span evenly.
import { api } from "../api.js";
import { editText, locate } from "./model.js";

/** @typedef {{start: number, end: number}} Span */
/** @typedef {{type: string}} Operation */

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
  const at = (share) => Math.round((span.start + (span.end - span.start) * share) * 1000) / 1000;
  let sum = 0;
  return weights.map((weight) => {
    const start = at(sum / total);
    sum += weight;
    return { start, end: at(sum / total) };
  });
}

/**
 * The operation for `text` typed over word `wordId`, with several words timed by the sound of
 * its span (or by their lengths when the server cannot say). Built on the model as it is when
 * the times arrive; a word retimed meanwhile gets its words by length over its new span.
 * @param {() => object} currentModel the editor's model now
 * @param {string} wordId
 * @param {string} text
 * @param {{videoId: string, newId: (prefix: string) => string, request?: typeof api}} options
 * @returns {Promise<Operation | null>}
 */
export async function retypeWord(currentModel, wordId, text, { videoId, newId, request = api }) {
  const found = locate(currentModel(), wordId);
  const texts = typedWords(text);
  if (!found || texts.length < 2) return editText(currentModel(), wordId, text, newId);
  const span = { start: found.word.start, end: found.word.end };
  let times = null;
  try {
    const { data } = await request(`/api/v1/videos/${videoId}/transcript/word-times`, {
      method: "POST",
      body: { ...span, words: texts },
    });
    times = data.words.map(({ start, end }) => ({ start, end }));
  } catch {
    times = null; // offline or refused: by length below
  }
  const now = locate(currentModel(), wordId)?.word;
  if (!now) return null;
  const same = now.start === span.start && now.end === span.end;
  return editText(currentModel(), wordId, text, newId, same && times ? times : byLength(now, texts));
}
