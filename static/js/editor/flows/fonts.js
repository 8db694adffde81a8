// The creator's fonts and the style: a font just uploaded becomes the caption's font; a font
// deleted leaves the caption (or a preset applied later) on the default font, saying so; before
// a delete the creator is told what uses the family.
import { nearestWeight } from "../../../captions/expression.js";

/**
 * @typedef {import("../types.js").StyleChoice} StyleChoice
 * @typedef {{family: string, weights: number[]}} Family
 * @typedef {{name: string, style: {font_family?: string}}} OwnPreset
 * @typedef {{family: string}} FontFile
 * @typedef {{uploaded?: FontFile, deleted?: FontFile, lastOfFamily?: boolean}} FontChange
 */

/**
 * The family as the font list spells it, or null when it is not in the list (any more).
 * @param {Family[]} families
 * @param {string} name
 * @returns {Family | null}
 */
export function knownFamily(families, name) {
  const key = String(name).toLowerCase();
  return families.find((font) => font.family.toLowerCase() === key) || null;
}

/**
 * A style naming a family the creator no longer has gets the default (the first of
 * `families`, a bundled one) at its nearest weight, and `say` tells why. A style without its
 * own family uses its preset's, which is always bundled.
 * @param {StyleChoice} style
 * @param {Family[]} families
 * @param {(text: string) => void} [say]
 * @returns {StyleChoice}
 */
export function keepKnownFont(style, families, say) {
  if (!style.font_family) return style;
  const known = knownFamily(families, style.font_family);
  if (known) return known.family === style.font_family ? style : { ...style, font_family: known.family };
  const [fallback] = families;
  say?.(`"${style.font_family}" is no longer in your fonts: ${fallback.family} is used instead.`);
  return { ...style, font_family: fallback.family, font_weight: nearestWeight(style.font_weight || 700, fallback.weights) };
}

/**
 * What would lose its font if `family` went: this video's captions, the creator's presets.
 * @param {string} family
 * @param {{captionFamily: string, presets: OwnPreset[]}} users
 * @returns {string[]}
 */
export function fontUsers(family, { captionFamily, presets }) {
  const key = family.toLowerCase();
  const users = captionFamily.toLowerCase() === key ? ["this video's captions"] : [];
  for (const preset of presets) {
    if (String(preset.style.font_family).toLowerCase() === key) users.push(`your preset "${preset.name}"`);
  }
  return users;
}

/**
 * The style after the creator's fonts changed, or null when it stays: an uploaded font becomes
 * the caption's (at the nearest weight it has); deleting the last file of the caption's family
 * falls back to the default font.
 * @param {FontChange} change
 * @param {{style: StyleChoice, shown: {font_family: string, font_weight: number},
 *   families: Family[], say: (text: string) => void}} state `shown`: the style as the controls show it
 * @returns {StyleChoice | null}
 */
export function styleAfterFontChange({ uploaded, deleted, lastOfFamily }, { style, shown, families, say }) {
  if (uploaded) {
    const family = knownFamily(families, uploaded.family);
    if (!family) return null;
    return { ...style, font_family: family.family, font_weight: nearestWeight(shown.font_weight, family.weights) };
  }
  if (deleted && lastOfFamily && shown.font_family.toLowerCase() === deleted.family.toLowerCase()) {
    return keepKnownFont(style, families, say);
  }
  return null;
}
