// Presets and style controls. Every change goes through the store, so it can be undone.
import { nearestWeight } from "../../../captions/expression.js";
import { byId, controlById } from "../../dom.js";

/** @import { Style } from "../../../captions/types.js" */
/** @typedef {{ family: string, weights: number[] }} FontChoice */
/** @typedef {{ name: string, label: string, thumbnail: string }} PresetChoice */

const $ = byId;
const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);

/** @type {(keyof Style)[]} */
const STYLE_FIELDS = ["font_family", "font_size", "font_weight", "text_color",
  "highlight_color", "stroke_width", "position", "animation", "max_words_per_line",
  "lines_per_caption", "uppercase", "highlight_active", "emphasis_size", "emphasis_weight",
  "pitch_shift", "stretch_spacing", "emphasis_threshold", "emphasis_caps", "position_x", "position_y"];
const NUMBER_FIELDS = new Set(["font_size", "font_weight", "stroke_width", "max_words_per_line",
  "lines_per_caption", "emphasis_size", "emphasis_weight", "pitch_shift", "stretch_spacing",
  "emphasis_threshold", "position_x", "position_y"]);

/** @type {Record<number, string>} */
const WEIGHT_NAMES = { 100: "Thin", 200: "Extra light", 300: "Light", 400: "Regular", 500: "Medium",
  600: "Semibold", 700: "Bold", 800: "Extra bold", 900: "Black" };

/** "a, b c,, d" -> ["a", "b c", "d"] */
const keywordList = (/** @type {string} */ text) => text.split(",").map((k) => k.trim()).filter(Boolean);

export class StylePanelView {
  /**
   * @param {object} options
   * @param {PresetChoice[]} options.presets
   * @param {FontChoice[]} options.fonts the bundled families
   * @param {FontChoice[]} options.ownFonts the creator's own families
   * @param {() => Style} options.chosenStyle the style as the controls show it (preset and overrides)
   * @param {(name: string) => void} options.onPreset
   * @param {(field: string, value: unknown) => void} options.onField
   * @param {(fields: Partial<Style>) => void} options.onFields one undo step for them all
   */
  constructor({ presets, fonts, ownFonts, chosenStyle, onPreset, onField, onFields }) {
    this.chosenStyle = chosenStyle;
    this.buttons = presets.map((preset) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "preset";
      button.setAttribute("role", "radio");
      button.dataset.preset = preset.name;
      const image = document.createElement("img");
      image.src = preset.thumbnail;
      image.alt = "";
      const label = document.createElement("span");
      label.textContent = preset.label;
      button.append(image, label);
      button.addEventListener("click", () => onPreset(preset.name));
      return button;
    });
    $("presets").append(...this.buttons);
    this.bundled = fonts;
    /** @type {Map<string, number[]>} family -> weights */
    this.fonts = new Map();
    this.setOwnFonts(ownFonts);
    const fontSelect = byId("s-font_family", HTMLSelectElement);
    // A family offers only the weights it has (no faked bold); changing the family keeps the
    // nearest of its weights, in the same undo step.
    fontSelect.addEventListener("change", () => {
      const weights = this.fonts.get(fontSelect.value) || [];
      const weight = nearestWeight(this.chosenStyle().font_weight, weights);
      onFields({ font_family: fontSelect.value, font_weight: weight });
    });
    for (const field of STYLE_FIELDS.filter((name) => name !== "font_family")) {
      const el = controlById(`s-${field}`);
      // Sliders and colour wells report every move as `input`: one undo step per release.
      const event = el.type === "range" || el.type === "color" ? "change" : "input";
      el.addEventListener(event, () => {
        const value = this.read(el, field);
        if (field === "position_x" || field === "position_y") onFields({ position: "custom", [field]: value });
        else onField(field, value);
      });
    }
    // The emphasis colour may be none: a checkbox says whether the colour well counts.
    const emphasisColor = () => onField("emphasis_color", input("s-emphasis_color_on").checked
      ? input("s-emphasis_color").value.toUpperCase() : null);
    $("s-emphasis_color").addEventListener("change", () => { input("s-emphasis_color_on").checked = true; emphasisColor(); });
    $("s-emphasis_color_on").addEventListener("change", emphasisColor);
    const keywords = input("s-keywords");
    keywords.addEventListener("change", () => onField("keywords", keywordList(keywords.value)));
  }

  /** The font list: the bundled families, then the creator's own (uploaded) ones.
   * @param {FontChoice[]} own */
  setOwnFonts(own) {
    this.fonts = new Map([...this.bundled, ...own].map((font) => [font.family, font.weights]));
    /** @type {(label: string, fonts: FontChoice[]) => HTMLOptGroupElement} */
    const group = (label, fonts) => {
      const element = document.createElement("optgroup");
      element.label = label;
      element.append(...fonts.map((font) => new Option(font.family, font.family)));
      return element;
    };
    const select = $("s-font_family");
    select.replaceChildren(group("Fonts", this.bundled), ...(own.length ? [group("Your fonts", own)] : []));
    delete $("s-font_weight").dataset.family; // its weights may have changed
  }

  /** A control's value as the style holds it.
   * @param {HTMLInputElement | HTMLSelectElement} el @param {string} field */
  read(el, field) {
    if (el instanceof HTMLInputElement && el.type === "checkbox") return el.checked;
    if (el.type === "color") return el.value.toUpperCase();
    return NUMBER_FIELDS.has(field) ? Number(el.value) : el.value;
  }

  /** @param {string | undefined} preset the preset chosen (none: no preset button is marked) */
  render(preset) {
    const style = this.chosenStyle();
    for (const button of this.buttons) {
      button.setAttribute("aria-checked", String(button.dataset.preset === preset));
    }
    const weightSelect = $("s-font_weight");
    const weights = this.fonts.get(style.font_family) || [style.font_weight];
    if (weightSelect.dataset.family !== style.font_family) {
      weightSelect.replaceChildren(...weights.map((w) => new Option(`${w} · ${WEIGHT_NAMES[w] || ""}`, String(w))));
      weightSelect.dataset.family = style.font_family;
    }
    const shownWeight = nearestWeight(style.font_weight, weights); // a weight the family has
    for (const field of STYLE_FIELDS) {
      const el = controlById(`s-${field}`);
      if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = Boolean(style[field]);
      else if (el.type === "color") el.value = String(style[field]).slice(0, 7).toLowerCase();
      else el.value = String(field === "font_weight" ? shownWeight : style[field]);
    }
    input("s-emphasis_color_on").checked = Boolean(style.emphasis_color);
    if (style.emphasis_color) input("s-emphasis_color").value = style.emphasis_color.slice(0, 7).toLowerCase();
    const keywords = input("s-keywords");
    if (document.activeElement !== keywords) keywords.value = (style.keywords || []).join(", ");
  }
}
