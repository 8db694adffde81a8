// Presets and style controls. Every change goes through the store, so it can be undone.
const $ = (id) => document.getElementById(id);

const STYLE_FIELDS = ["font_family", "font_size", "font_weight", "text_color",
  "highlight_color", "stroke_width", "position", "animation", "max_words_per_line",
  "lines_per_caption", "uppercase", "highlight_active", "emphasis_size", "emphasis_weight",
  "pitch_shift", "stretch_spacing", "emphasis_threshold", "emphasis_caps"];
const NUMBER_FIELDS = new Set(["font_size", "font_weight", "stroke_width", "max_words_per_line",
  "lines_per_caption", "emphasis_size", "emphasis_weight", "pitch_shift", "stretch_spacing",
  "emphasis_threshold"]);

/** "a, b c,, d" -> ["a", "b c", "d"] */
const keywordList = (text) => text.split(",").map((k) => k.trim()).filter(Boolean);

export class StylePanelView {
  constructor({ presets, fonts, effectiveStyle, onPreset, onField }) {
    this.effectiveStyle = effectiveStyle;
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
    const fontSelect = $("s-font_family");
    fonts.forEach((font) => fontSelect.append(new Option(font, font)));
    for (const field of STYLE_FIELDS) {
      const el = $(`s-${field}`);
      // Sliders and colour wells report every move as `input`: one undo step per release.
      const event = el.type === "range" || el.type === "color" ? "change" : "input";
      el.addEventListener(event, () => onField(field, this.read(el, field)));
    }
    // The emphasis colour may be none: a checkbox says whether the colour well counts.
    const emphasisColor = () => onField("emphasis_color", $("s-emphasis_color_on").checked
      ? $("s-emphasis_color").value.toUpperCase() : null);
    $("s-emphasis_color").addEventListener("change", () => { $("s-emphasis_color_on").checked = true; emphasisColor(); });
    $("s-emphasis_color_on").addEventListener("change", emphasisColor);
    $("s-keywords").addEventListener("change", (e) => onField("keywords", keywordList(e.target.value)));
  }

  read(el, field) {
    if (el.type === "checkbox") return el.checked;
    if (el.type === "color") return el.value.toUpperCase();
    return NUMBER_FIELDS.has(field) ? Number(el.value) : el.value;
  }

  render(preset) {
    const style = this.effectiveStyle();
    for (const button of this.buttons) {
      button.setAttribute("aria-checked", String(button.dataset.preset === preset));
    }
    for (const field of STYLE_FIELDS) {
      const el = $(`s-${field}`);
      if (el.type === "checkbox") el.checked = Boolean(style[field]);
      else if (el.type === "color") el.value = String(style[field]).slice(0, 7).toLowerCase();
      else el.value = String(style[field]);
    }
    $("s-emphasis_color_on").checked = Boolean(style.emphasis_color);
    if (style.emphasis_color) $("s-emphasis_color").value = style.emphasis_color.slice(0, 7).toLowerCase();
    if (document.activeElement !== $("s-keywords")) $("s-keywords").value = (style.keywords || []).join(", ");
  }
}
