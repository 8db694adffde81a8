// The selected word: its times, a new line from it, its speaker, delete, its emphasis and its
// tags; a hint without one (the panel keeps its place, so selecting a word never moves the
// transcript under the pointer).
import { locate, tagSlug } from "../model.js";

const $ = (id) => document.getElementById(id);

export class WordToolsView {
  constructor({ store, onRetime, onSplit, onDelete, onSpeaker, onEmphasis, onAutoEmphasis, onTag, onUntag }) {
    this.store = store;
    this.controls = $("word-tools-controls");
    this.hint = $("word-tools-hint");
    const selected = () => this.store.selected;
    $("word-start").addEventListener("change", (e) => onRetime(selected(), { start: Number(e.target.value) }));
    $("word-end").addEventListener("change", (e) => onRetime(selected(), { end: Number(e.target.value) }));
    $("word-split").addEventListener("click", () => onSplit(selected()));
    $("word-delete").addEventListener("click", () => onDelete(selected()));
    $("word-speaker").addEventListener("change", (e) => onSpeaker(selected(), e.target.value));
    $("word-emphasis").addEventListener("input", (e) => { $("word-emphasis-value").textContent = `${e.target.value} %`; });
    $("word-emphasis").addEventListener("change", (e) => onEmphasis(selected(), Number(e.target.value) / 100));
    $("word-emphasis-auto").addEventListener("click", () => onAutoEmphasis(selected()));
    const addTag = () => {
      const tag = tagSlug($("word-tag").value);
      if (tag) onTag(selected(), tag);
      $("word-tag").value = "";
    };
    $("word-tag-add").addEventListener("click", addTag);
    $("word-tag").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addTag(); } });
    $("word-tags").addEventListener("click", (e) => {
      const remove = e.target.closest("button[data-tag]");
      if (remove) onUntag(selected(), remove.dataset.tag);
    });
  }

  render() {
    const found = this.store.selected && this.store.model ? locate(this.store.model, this.store.selected) : null;
    // Both keep their place (see .word-tools in app.css); the idle one is invisible and inert.
    this.controls.classList.toggle("idle", !found);
    this.controls.inert = !found;
    this.hint.classList.toggle("idle", Boolean(found));
    if (!found) return;
    const { word } = found;
    $("word-label").textContent = word.text;
    $("word-start").value = word.start.toFixed(2);
    $("word-end").value = word.end.toFixed(2);
    const select = $("word-speaker");
    select.replaceChildren(...this.store.model.speakers.map(
      (speaker) => new Option(speaker.label, speaker.id, false, speaker.id === word.speaker)));
    const emphasis = Math.round((word.emphasis ?? 0) * 100);
    $("word-emphasis").value = String(emphasis);
    $("word-emphasis-value").textContent = word.emphasis == null
      ? "none" : `${emphasis} %${word.emphasis_set ? " (yours)" : " (from the voice)"}`;
    $("word-emphasis-auto").disabled = !word.emphasis_set;
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
