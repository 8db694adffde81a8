// The style as the editor's controls show it. What is drawn (the preview, the speakers'
// colours) is the server's resolution of the creator's choice: POST /captions/layout answers it
// and the store keeps it as `resolved`. The controls follow a click at once, so they show the
// choice over its preset's fields as the server listed them (the page's `presets`).

/**
 * @typedef {import("../../captions/types.js").Style} Style
 * @typedef {import("./types.js").StyleChoice} StyleChoice the creator's choice: a preset and overrides
 * @typedef {{name: string, label: string, style: Style, thumbnail: string}} Preset
 * @typedef {(speakerId: string, fallback?: string) => string} ColorOf
 */

export const DEFAULT_PRESET = "classic";

/**
 * The preset's fields under the creator's overrides.
 * @param {Preset[]} presets
 * @param {StyleChoice} style
 * @returns {Style}
 */
export function chosenStyle(presets, style) {
  const { preset, ...overrides } = style;
  return /** @type {Style} */ ({ ...presets.find((known) => known.name === preset)?.style, ...overrides });
}

/**
 * The colour a speaker's captions are drawn in, from the style the server resolved (the
 * speaker's own colour, else `fallback`, else the text colour).
 * @param {Style | null} resolved null before the server's first answer
 * @param {string} textColor the text colour to fall back on meanwhile
 * @returns {ColorOf}
 */
export function speakerColorOf(resolved, textColor) {
  const text = resolved?.text_color ?? textColor;
  return (speakerId, fallback = text) => resolved?.speaker_colors?.[speakerId] || fallback;
}

/**
 * The style kept in the browser for this video, if it still names a preset of the page's
 * (else the default preset), passed through `keep` (which fixes a font the creator no longer has).
 * @param {{getItem(key: string): string | null}} storage
 * @param {string} key
 * @param {Preset[]} presets
 * @param {(style: StyleChoice) => StyleChoice} keep
 * @returns {StyleChoice}
 */
export function savedStyle(storage, key, presets, keep) {
  const saved = JSON.parse(storage.getItem(key) || "null");
  return saved && presets.some((preset) => preset.name === saved.preset) ? keep(saved) : { preset: DEFAULT_PRESET };
}
