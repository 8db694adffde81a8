// Terms a creator types for the recognizer: one a line or separated by commas.

/**
 * The terms of `text`, trimmed, in order, without empty ones (the server drops repeats).
 * @param {string} text
 * @returns {string[]}
 */
export function splitTerms(text) {
  return text.split(/[\n,]/).map((term) => term.trim()).filter(Boolean);
}
