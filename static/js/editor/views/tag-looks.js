// How tagged words look (the style's tag_styles): a row per tag in use, with its colour, emoji
// and animation. Each change is one style step (undoable) through `onChange(tagStyles)`.
import { byId, closest } from "../../dom.js";
import { allWords } from "../model.js";

/** @import { Style, TagAnimation, TagStyle } from "../../../captions/types.js" */
/** @import { EditorStore } from "../store.js" */

const BUILT_IN = ["keyword", "number", "money"];
/** @type {[TagAnimation, string][]} */
const ANIMATIONS = [["none", "None"], ["pop", "Pop in"], ["pulse", "Pulse"]];

export class TagLooksView {
  /**
   * @param {HTMLElement} body the table's body
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {() => Style} options.chosenStyle
   * @param {(tagStyles: Record<string, TagStyle>) => void} options.onChange
   */
  constructor(body, { store, chosenStyle, onChange }) {
    this.body = body;
    this.store = store;
    this.chosenStyle = chosenStyle;
    this.onChange = onChange;
    this.shown = "";
    body.addEventListener("change", (event) => {
      const row = closest(event, "tr[data-tag]");
      const control = event.target;
      if (!row?.dataset.tag) return;
      if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
        this.changed(row.dataset.tag, control.name, control.value);
      }
    });
    body.addEventListener("click", (event) => {
      const row = closest(event, "tr[data-tag]");
      const clear = closest(event, "button[name=clear]");
      if (row?.dataset.tag && clear) this.changed(row.dataset.tag, "clear");
    });
  }

  tags() {
    const used = new Set(BUILT_IN);
    for (const tag of Object.keys(this.chosenStyle().tag_styles || {})) used.add(tag);
    if (this.store.model) for (const word of allWords(this.store.model)) for (const tag of word.tags || []) used.add(tag);
    return [...used];
  }

  /** @param {string} tag @param {string} field @param {string} [value] */
  changed(tag, field, value = "") {
    const styles = { ...(this.chosenStyle().tag_styles || {}) };
    /** @type {TagStyle} */
    const look = { ...(styles[tag] || {}) };
    if (field === "clear") delete styles[tag];
    else {
      if (field === "emoji") { if (value.trim()) look.emoji = value.trim(); else delete look.emoji; }
      if (field === "color") look.color = value.toUpperCase();
      if (field === "animation") { if (value === "none") delete look.animation; else look.animation = /** @type {TagAnimation} */ (value); } // one of ANIMATIONS
      styles[tag] = look;
    }
    this.onChange(styles);
  }

  render() {
    const styles = this.chosenStyle().tag_styles || {};
    const tags = this.tags();
    const key = JSON.stringify([tags, styles]);
    if (key === this.shown) return; // typing in a row is not interrupted by its own echo
    this.shown = key;
    const list = byId("tag-list");
    list.replaceChildren(...tags.map((tag) => new Option(tag)));
    this.body.replaceChildren(...tags.map((tag) => {
      /** @type {TagStyle} */
      const look = styles[tag] || {};
      const row = document.createElement("tr");
      row.dataset.tag = tag;
      const name = document.createElement("td");
      name.textContent = `#${tag}`;
      const color = input("color", "color", (look.color || "#FFFFFF").slice(0, 7).toLowerCase(), `Colour of #${tag}`);
      if (!look.color) color.classList.add("unset");
      const emoji = input("text", "emoji", look.emoji || "", `Emoji after #${tag} words`);
      emoji.maxLength = 16;
      emoji.placeholder = "—";
      const animation = document.createElement("select");
      animation.name = "animation";
      animation.setAttribute("aria-label", `Animation of #${tag}`);
      for (const [value, label] of ANIMATIONS) animation.append(new Option(label, value, false, (look.animation || "none") === value));
      const clear = document.createElement("button");
      clear.type = "button";
      clear.name = "clear";
      clear.className = "ghost small";
      clear.textContent = "×";
      clear.title = `Reset the look of #${tag}`;
      clear.setAttribute("aria-label", clear.title);
      clear.disabled = !styles[tag];
      row.append(name, cell(color), cell(emoji), cell(animation), cell(clear));
      return row;
    }));
  }
}

/** @param {string} type @param {string} name @param {string} value @param {string} label */
function input(type, name, value, label) {
  const el = document.createElement("input");
  el.type = type;
  el.name = name;
  el.value = value;
  el.setAttribute("aria-label", label);
  return el;
}

/** @param {HTMLElement} child */
function cell(child) {
  const td = document.createElement("td");
  td.append(child);
  return td;
}
