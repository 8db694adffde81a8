/**
 * Where captions may go: the frame minus what a platform draws over it (buttons, description,
 * top bar) or, for landscape and square frames, a title-safe margin. Insets are fractions of the
 * frame; their values are rendering/shared.py's (through the generated shared.js).
 */
import { PORTRAIT_PLATFORMS, SAFE_AREAS, TITLE_SAFE } from "./shared.js";

/** @import { Insets, Rect } from "./types.js" */

/** The insets `auto` means for a frame: clear of every vertical platform's overlay (the
 * intersection of their safe zones) when portrait, title-safe otherwise.
 * @param {string} name @param {number} width @param {number} height @returns {Insets} */
export function safeInsets(name, width, height) {
  if (name !== "auto") return /** @type {Record<string, Insets | undefined>} */ (SAFE_AREAS)[name] ?? TITLE_SAFE;
  if (height <= width) return TITLE_SAFE;
  const insets = { top: 0, bottom: 0, left: 0, right: 0 };
  for (const platform of PORTRAIT_PLATFORMS) {
    for (const side of /** @type {(keyof Insets)[]} */ (Object.keys(insets))) {
      insets[side] = Math.max(insets[side], SAFE_AREAS[platform][side]);
    }
  }
  return insets;
}

/** The safe rectangle in pixels of a width x height frame.
 * @param {string} name @param {number} width @param {number} height @returns {Rect} */
export function safeRect(name, width, height) {
  const inset = safeInsets(name, width, height);
  const x = Math.round(inset.left * width);
  const y = Math.round(inset.top * height);
  return {
    x, y,
    width: Math.round((1 - inset.right) * width) - x,
    height: Math.round((1 - inset.bottom) * height) - y,
  };
}

/** Where a caption of `size` goes when placed freely: centred on (xPercent, yPercent) of the
 * safe rectangle, moved as little as needed to stay wholly inside it.
 * @param {Rect} safe @param {{ width: number, height: number }} size
 * @param {number} xPercent @param {number} yPercent */
export function placeBox(safe, size, xPercent, yPercent) {
  /** @type {(v: number, low: number, high: number) => number} */
  const clamp = (v, low, high) => Math.max(low, Math.min(Math.max(low, high), v));
  const cx = safe.x + (safe.width * xPercent) / 100;
  const cy = safe.y + (safe.height * yPercent) / 100;
  return {
    left: clamp(cx - size.width / 2, safe.x, safe.x + safe.width - size.width),
    top: clamp(cy - size.height / 2, safe.y, safe.y + safe.height - size.height),
  };
}
