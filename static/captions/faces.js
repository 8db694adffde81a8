// A creator's own fonts (style.font_faces: [{weight, src}], added to the style by whoever hands
// it to the renderer: the editor from the creator's font list, the export painter from the
// job's files). Each set of files is loaded under a name of its own, so two creators' "Brand"
// fonts, or a family whose files changed, never mix on a page that is kept warm.

/** @import { Style } from "./types.js" */

/** @type {Map<string, FontFace>} */
const loaded = new Map(); // `${family}|${src}` -> FontFace

/** A stable 32-bit FNV-1a hash, as 8 hex digits.
 * @param {string} text */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The CSS family a set of faces is drawn under (null when the style uses a bundled family).
 * @param {Partial<Pick<Style, "font_family" | "font_faces">> | null | undefined} style */
export function faceFamily(style) {
  const faces = style?.font_faces;
  if (!faces?.length) return null;
  return `ecg-face-${hash(faces.map((face) => `${face.weight}@${face.src}`).join(" "))}`;
}

/** The family the caption text is set in: the creator's files, or the bundled family.
 * @param {Pick<Style, "font_family" | "font_faces">} style */
export function cssFamily(style) {
  const own = faceFamily(style);
  return own || String(style.font_family).replace(/["\\]/g, "");
}

/** Load the style's own faces (once per page); rejects naming the family if a file fails.
 * @param {Pick<Style, "font_family" | "font_faces">} style */
export async function loadFaces(style) {
  const family = faceFamily(style);
  if (!family) return;
  const faces = (style.font_faces ?? []).map((face) => {
    const key = `${family}|${face.src}`;
    let fontFace = loaded.get(key);
    if (!fontFace) {
      fontFace = new FontFace(family, `url("${encodeURI(face.src)}")`, { weight: String(face.weight) });
      document.fonts.add(fontFace);
      loaded.set(key, fontFace);
    }
    return fontFace;
  });
  try {
    await Promise.all(faces.map((face) => face.load()));
  } catch {
    throw new Error(`The font "${style.font_family}" could not be loaded.`);
  }
}
