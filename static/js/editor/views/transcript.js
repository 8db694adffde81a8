// The transcript as lines of word chips. Redraws only the lines whose data changed (the model
// copies what an operation touches, so an unchanged line is the very same object), and follows
// playback by binary search over word starts, touching the DOM only when the spoken word changes.
import { formatTime } from "../../api.js";
import { strength as emphasisStrength } from "../../../captions/expression.js";
import { closest, find } from "../../dom.js";
import { allWords, lastAtOrBefore } from "../model.js";

/** @import { EditorStore } from "../store.js" */
/** @import { Segment, Speaker, Word } from "../types.js" */

export class TranscriptView {
  /**
   * @param {HTMLElement} root
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {number} [options.lowConfidence] words the recognizer scored under this are marked
   * @param {HTMLElement | null} [options.counter] where the count of those words is shown
   * @param {(wordId: string) => void} options.onSeek
   * @param {(wordId: string, text: string) => void} options.onEdit
   * @param {(segmentId: string, speakerId: string) => void} options.onMoveSegment
   * @param {(segmentId: string) => void} options.onMerge
   */
  constructor(root, { store, lowConfidence = 0, counter = null, onSeek, onEdit, onMoveSegment, onMerge }) {
    this.root = root;
    this.store = store;
    this.lowConfidence = lowConfidence;
    this.counter = counter;
    this.handlers = { onSeek, onEdit, onMoveSegment, onMerge };
    /** @type {Map<string, { segment: Segment, element: HTMLElement, isLast: boolean }>} by segment id */
    this.rows = new Map();
    /** @type {Speaker[] | null} */
    this.speakers = null;
    /** @type {number[]} */
    this.starts = [];
    /** @type {string[]} */
    this.ids = [];
    /** @type {string | null} the word being spoken */
    this.active = null;
    /** @type {HTMLElement | null} the selected word's chip */
    this.marked = null;
    this.bind();
  }

  bind() {
    this.root.addEventListener("click", (event) => {
      const chip = closest(event, "button.word");
      if (chip?.dataset.id) this.handlers.onSeek(chip.dataset.id);
      const merge = closest(event, "button.merge");
      const segment = closest(event, ".segment");
      if (merge && segment?.dataset.id) this.handlers.onMerge(segment.dataset.id);
    });
    this.root.addEventListener("dblclick", (event) => {
      const chip = closest(event, "button.word");
      if (chip) this.editInPlace(chip);
    });
    this.root.addEventListener("keydown", (event) => {
      const chip = closest(event, "button.word");
      if (chip && (event.key === "Enter" || event.key === "F2")) {
        event.preventDefault();
        this.editInPlace(chip);
      }
    });
    this.root.addEventListener("change", (event) => {
      const select = event.target;
      const segment = closest(event, ".segment");
      if (select instanceof HTMLSelectElement && select.matches("select.segment-speaker") && segment?.dataset.id) {
        this.handlers.onMoveSegment(segment.dataset.id, select.value);
      }
    });
  }

  /** Bring the DOM up to date with the model: only changed lines are rebuilt. */
  render() {
    const model = this.store.loadedModel();
    const speakersChanged = model.speakers !== this.speakers;
    this.speakers = model.speakers;
    const seen = new Set();
    /** @type {HTMLElement | null} */
    let previous = null;
    model.segments.forEach((segment, index) => {
      seen.add(segment.id);
      let row = this.rows.get(segment.id);
      const isLast = index === model.segments.length - 1;
      if (!row || row.segment !== segment || speakersChanged || row.isLast !== isLast) {
        const element = this.line(segment, index, isLast);
        if (row) row.element.replaceWith(element);
        row = { segment, element, isLast };
        this.rows.set(segment.id, row);
      }
      const expectedNext = previous ? previous.nextSibling : this.root.firstChild;
      if (row.element !== expectedNext) this.root.insertBefore(row.element, expectedNext);
      previous = row.element;
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) { row.element.remove(); this.rows.delete(id); }
    }
    const words = allWords(model);
    const unsure = words.filter((word) => this.isUnsure(word)).length;
    if (this.counter) {
      this.counter.hidden = unsure === 0;
      this.counter.textContent = `${unsure} word${unsure === 1 ? "" : "s"} the recognizer was unsure of `
        + "(underlined): check them first. Editing a word marks it checked.";
    }
    this.starts = words.map((word) => word.start);
    this.ids = words.map((word) => word.id);
    this.active = null;
    this.markSelection();
  }

  /** @param {Segment} segment @param {number} index @param {boolean} isLast */
  line(segment, index, isLast) {
    const row = document.createElement("div");
    row.className = "segment";
    row.dataset.id = segment.id;
    const select = document.createElement("select");
    select.className = "segment-speaker";
    select.setAttribute("aria-label", `Speaker of line ${index + 1}`);
    for (const speaker of this.store.loadedModel().speakers) {
      select.append(new Option(speaker.label, speaker.id, false, speaker.id === segment.speaker));
    }
    const words = document.createElement("div");
    words.className = "words";
    for (const word of segment.words) {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "word";
      chip.textContent = word.text;
      chip.dataset.id = word.id;
      chip.dataset.start = String(word.start);
      chip.title = `${formatTime(word.start)} – ${formatTime(word.end)} · double-click to edit`;
      const strength = emphasisStrength(word.emphasis);
      if (word.emphasis_set) chip.classList.add("emphasis-set");
      else if (strength > 0) { chip.classList.add("emphasized"); chip.style.setProperty("--emphasis", strength.toFixed(2)); }
      if (word.emphasis != null) chip.title += ` · emphasis ${Math.round(word.emphasis * 100)} %${word.emphasis_set ? " (yours)" : ""}`;
      if (word.tags?.length) chip.dataset.tags = word.tags.map((tag) => `#${tag}`).join(" ");
      if (this.isUnsure(word)) {
        chip.classList.add("unsure");
        chip.title += ` · recognizer unsure (${Math.round((word.score ?? 0) * 100)} %)`;
      }
      words.append(chip);
    }
    const merge = document.createElement("button");
    merge.type = "button";
    merge.className = "ghost small merge";
    merge.textContent = "Merge with next";
    merge.disabled = isLast;
    row.append(select, words, merge);
    return row;
  }

  /** @param {Word} word */
  isUnsure(word) {
    return typeof word.score === "number" && word.score < this.lowConfidence;
  }

  /** @param {string | null} wordId */
  chip(wordId) {
    return wordId ? find(this.root, `button.word[data-id="${wordId}"]`) : null;
  }

  /** @param {HTMLElement} chip */
  editInPlace(chip) {
    const id = chip.dataset.id ?? "";
    const input = document.createElement("input");
    input.className = "word-input";
    input.value = chip.textContent ?? "";
    input.setAttribute("aria-label", "Word text");
    chip.replaceWith(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (/** @type {boolean} */ commit) => {
      if (done) return;
      done = true;
      input.replaceWith(chip);
      if (commit) this.handlers.onEdit(id, input.value);
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); finish(true); }
      if (event.key === "Escape") { event.preventDefault(); finish(false); }
    });
    input.addEventListener("blur", () => finish(true));
  }

  markSelection() {
    this.marked?.classList.remove("selected");
    this.marked = this.chip(this.store.selected);
    this.marked?.classList.add("selected");
  }

  /** The word spoken at t gets the `active` class; scrolled into view while playing.
   * @param {number} t @param {boolean} playing */
  follow(t, playing) {
    const index = lastAtOrBefore(this.starts, t);
    const id = index >= 0 ? this.ids[index] : null;
    if (id === this.active) return;
    this.chip(this.active)?.classList.remove("active");
    const chip = this.chip(id);
    chip?.classList.add("active");
    if (chip && playing) chip.scrollIntoView({ block: "nearest" });
    this.active = id;
  }
}
