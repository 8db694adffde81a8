// The selected word: its times, a new line from it, its speaker, delete; a hint without one
// (the panel keeps its place, so selecting a word never moves the transcript under the pointer).
import { locate } from "../model.js";

const $ = (id) => document.getElementById(id);

export class WordToolsView {
  constructor({ store, onRetime, onSplit, onDelete, onSpeaker }) {
    this.store = store;
    this.controls = $("word-tools-controls");
    this.hint = $("word-tools-hint");
    $("word-start").addEventListener("change", (e) => onRetime(this.store.selected, { start: Number(e.target.value) }));
    $("word-end").addEventListener("change", (e) => onRetime(this.store.selected, { end: Number(e.target.value) }));
    $("word-split").addEventListener("click", () => onSplit(this.store.selected));
    $("word-delete").addEventListener("click", () => onDelete(this.store.selected));
    $("word-speaker").addEventListener("change", (e) => onSpeaker(this.store.selected, e.target.value));
  }

  render() {
    const found = this.store.selected && this.store.model ? locate(this.store.model, this.store.selected) : null;
    this.controls.hidden = !found;
    this.hint.hidden = Boolean(found);
    if (!found) return;
    const { word } = found;
    $("word-label").textContent = word.text;
    $("word-start").value = word.start.toFixed(2);
    $("word-end").value = word.end.toFixed(2);
    const select = $("word-speaker");
    select.replaceChildren(...this.store.model.speakers.map(
      (speaker) => new Option(speaker.label, speaker.id, false, speaker.id === word.speaker)));
  }
}
