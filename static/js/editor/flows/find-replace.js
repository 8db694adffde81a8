// Replacing found words: the edits are planned on the transcript as found, the words that
// become more or fewer are timed by the sound of what they replace (one request each, side by
// side), and the whole replacement is built as one operation (one undo step) on the transcript
// as it is when the times arrive: words edited meanwhile are left alone.
import { api } from "../../api.js";
import { needsTimes, replacementEdits, replacementOperation, timesKey } from "../find.js";
import { soundTimes, spanOf } from "../retype.js";

/** @import { Model, NewId, Operation } from "../types.js" */
/** @import { Match } from "../find.js" */
/** @typedef {import("../retype.js").Span} Span */

/**
 * @param {() => Model} currentModel the editor's model now
 * @param {Match[]} matches what to replace
 * @param {string} replacement as typed (each match gets it in its own case)
 * @param {{ videoId: string, newId: NewId, request?: typeof api }} options
 * @returns {Promise<Operation | null>}
 */
export async function replaceMatches(currentModel, matches, replacement, { videoId, newId, request = api }) {
  /** @type {Map<string, Span[]>} */
  const times = new Map();
  const timed = replacementEdits(currentModel(), matches, replacement).filter(needsTimes);
  await Promise.all(timed.map(async (edit) => {
    const found = await soundTimes(videoId, spanOf(edit.words), edit.texts, request);
    if (found) times.set(timesKey(edit), found);
  }));
  return replacementOperation(replacementEdits(currentModel(), matches, replacement), times, newId);
}

/** The creator's vocabulary (their account's terms), suggested as replacements.
 * @returns {Promise<string[]>} */
export async function vocabularyTerms() {
  const { data } = await api("/api/v1/me/vocabulary");
  return /** @type {{ terms: string[] }} */ (data).terms;
}
