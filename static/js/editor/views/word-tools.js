// The selected word: its times, a new line from it, its speaker, delete, its emphasis and its
// tags; a hint without one (the panel keeps its place, so selecting a word never moves the
// transcript under the pointer).
import { byId, closest } from "../../dom.js";
import { locate, tagSlug } from "../model.js";

/** @import { EditorStore } from "../store.js" */
/** @typedef {(wordId: string | null) => void} WordAction */

const $ = byId;
const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);

export class WordToolsView {
  /**
   * The actions act on the selected word (null only in theory: the controls are inert while
   * no word is selected).
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {(wordId: string | null, times: { start?: number, end?: number }) => void} options.onRetime
   * @param {WordAction} options.onSplit
   * @param {WordAction} options.onDelete
   * @param {(wordId: string | null, speakerId: string) => void} options.onSpeaker
   * @param {(wordId: string | null, emphasis: number) => void} options.onEmphasis
   * @param {WordAction} options.onAutoEmphasis
   * @param {(wordId: string | null, tag: string) => void} options.onTag
   * @param {(wordId: string | null, tag: string) => void} options.onUntag
   */
  constructor({ store, onRetime, onSplit, onDelete, onSpeaker, onEmphasis, onAutoEmphasis, onTag, onUntag }) {
    this.store = store;
    this.controls = $("word-tools-controls");
    this.hint = $("word-tools-hint");
    const selected = () => this.store.selected;
    const start = input("word-start");
    const end = input("word-end");
    const speaker = byId("word-speaker", HTMLSelectElement);
    const emphasis = input("word-emphasis");
    const tagInput = input("word-tag");
    start.addEventListener("change", () => onRetime(selected(), { start: Number(start.value) }));
    end.addEventListener("change", () => onRetime(selected(), { end: Number(end.value) }));
    $("word-split").addEventListener("click", () => onSplit(selected()));
    $("word-delete").addEventListener("click", () => onDelete(selected()));
    speaker.addEventListener("change", () => onSpeaker(selected(), speaker.value));
    emphasis.addEventListener("input", () => { $("word-emphasis-value").textContent = `${emphasis.value} %`; });
    emphasis.addEventListener("change", () => onEmphasis(selected(), Number(emphasis.value) / 100));
    $("word-emphasis-auto").addEventListener("click", () => onAutoEmphasis(selected()));
    const addTag = () => {
      const tag = tagSlug(tagInput.value);
      if (tag) onTag(selected(), tag);
      tagInput.value = "";
    };
    $("word-tag-add").addEventListener("click", addTag);
    tagInput.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addTag(); } });
    $("word-tags").addEventListener("click", (e) => {
      const remove = closest(e, "button[data-tag]");
      if (remove?.dataset.tag) onUntag(selected(), remove.dataset.tag);
    });
  }

  render() {
    const model = this.store.model;
    const found = this.store.selected && model ? locate(model, this.store.selected) : null;
    // Both keep their place (see .word-tools in app.css); the idle one is invisible and inert.
    this.controls.classList.toggle("idle", !found);
    this.controls.inert = !found;
    this.hint.classList.toggle("idle", Boolean(found));
    if (!found) return;
    const { word } = found;
    $("word-label").textContent = word.text;
    input("word-start").value = word.start.toFixed(2);
    input("word-end").value = word.end.toFixed(2);
    const select = byId("word-speaker", HTMLSelectElement);
    select.replaceChildren(...this.store.loadedModel().speakers.map(
      (speaker) => new Option(speaker.label, speaker.id, false, speaker.id === word.speaker)));
    const emphasis = Math.round((word.emphasis ?? 0) * 100);
    input("word-emphasis").value = String(emphasis);
    $("word-emphasis-value").textContent = word.emphasis == null
      ? "none" : `${emphasis} %${word.emphasis_set ? " (yours)" : " (from the voice)"}`;
    byId("word-emphasis-auto", HTMLButtonElement).disabled = !word.emphasis_set;
    $("word-tags").replaceChildren(...(word.tags || []).map((tag) => {
      const chip = document.createElement("span");
      chip.className = "tag-chip";
      chip.textContent = `#${tag}`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "ghost small";
      remove.dataset.tag = tag;
      remove.textContent = "×";
      remove.setAttribute("aria-label", `Remove tag ${tag}`);
      chip.append(remove);
      return chip;
    }));
  }
}
