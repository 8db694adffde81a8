// Presets and style controls. Every change goes through the store, so it can be undone.
import { nearestWeight } from "../../../captions/expression.js";

const $ = (id) => document.getElementById(id);

const STYLE_FIELDS = ["font_family", "font_size", "font_weight", "text_color",
  "highlight_color", "stroke_width", "position", "animation", "max_words_per_line",
  "lines_per_caption", "uppercase", "highlight_active", "emphasis_size", "emphasis_weight",
  "pitch_shift", "stretch_spacing", "emphasis_threshold", "emphasis_caps", "position_x", "position_y"];
const NUMBER_FIELDS = new Set(["font_size", "font_weight", "stroke_width", "max_words_per_line",
  "lines_per_caption", "emphasis_size", "emphasis_weight", "pitch_shift", "stretch_spacing",
  "emphasis_threshold", "position_x", "position_y"]);

const WEIGHT_NAMES = { 100: "Thin", 200: "Extra light", 300: "Light", 400: "Regular", 500: "Medium",
  600: "Semibold", 700: "Bold", 800: "Extra bold", 900: "Black" };

/** "a, b c,, d" -> ["a", "b c", "d"] */
const keywordList = (text) => text.split(",").map((k) => k.trim()).filter(Boolean);

export class StylePanelView {
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
    this.setOwnFonts(ownFonts);
    const fontSelect = $("s-font_family");
    // A family offers only the weights it has (no faked bold); changing the family keeps the
    // nearest of its weights, in the same undo step.
    fontSelect.addEventListener("change", () => {
      const weights = this.fonts.get(fontSelect.value) || [];
      const weight = nearestWeight(this.chosenStyle().font_weight, weights);
      onFields({ font_family: fontSelect.value, font_weight: weight });
    });
    for (const field of STYLE_FIELDS.filter((name) => name !== "font_family")) {
      const el = $(`s-${field}`);
      // Sliders and colour wells report every move as `input`: one undo step per release.
      const event = el.type === "range" || el.type === "color" ? "change" : "input";
      el.addEventListener(event, () => {
        const value = this.read(el, field);
        if (field === "position_x" || field === "position_y") onFields({ position: "custom", [field]: value });
        else onField(field, value);
      });
    }
    // The emphasis colour may be none: a checkbox says whether the colour well counts.
    const emphasisColor = () => onField("emphasis_color", $("s-emphasis_color_on").checked
      ? $("s-emphasis_color").value.toUpperCase() : null);
    $("s-emphasis_color").addEventListener("change", () => { $("s-emphasis_color_on").checked = true; emphasisColor(); });
    $("s-emphasis_color_on").addEventListener("change", emphasisColor);
    $("s-keywords").addEventListener("change", (e) => onField("keywords", keywordList(e.target.value)));
  }

  /** The font list: the bundled families, then the creator's own (uploaded) ones. */
  setOwnFonts(own) {
    this.fonts = new Map([...this.bundled, ...own].map((font) => [font.family, font.weights]));
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

  read(el, field) {
    if (el.type === "checkbox") return el.checked;
    if (el.type === "color") return el.value.toUpperCase();
    return NUMBER_FIELDS.has(field) ? Number(el.value) : el.value;
  }

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
      const el = $(`s-${field}`);
      if (el.type === "checkbox") el.checked = Boolean(style[field]);
      else if (el.type === "color") el.value = String(style[field]).slice(0, 7).toLowerCase();
      else el.value = String(field === "font_weight" ? shownWeight : style[field]);
    }
    $("s-emphasis_color_on").checked = Boolean(style.emphasis_color);
    if (style.emphasis_color) $("s-emphasis_color").value = style.emphasis_color.slice(0, 7).toLowerCase();
    if (document.activeElement !== $("s-keywords")) $("s-keywords").value = (style.keywords || []).join(", ");
  }
}
