// Fixtures that set only the fields the code under test reads: the rest could not change the
// result, and spelling them out would hide what each test is about.

/** @import { Look, Style } from "../../captions/types.js" */

/** @param {Partial<Style>} fields @returns {Style} */
export const partialStyle = (fields) => /** @type {Style} */ (fields);

/** @param {Partial<Look>} fields @returns {Look} */
export const partialLook = (fields) => /** @type {Look} */ (fields);
