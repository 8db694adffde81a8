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
   * @param {(wordId: string, text: string, lastId: string) => void} options.onEdit the text typed over words wordId..lastId of one line
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
    /** @type {HTMLElement[]} the selected word's chips (a run's, while one is chosen) */
    this.marked = [];
    /** @type {{ first: string, last: string } | null} a run of one line's words, by Shift+click from the selected word */
    this.run = null;
    this.bind();
  }

  bind() {
    this.root.addEventListener("click", (event) => {
      const chip = closest(event, "button.word");
      if (chip && event instanceof MouseEvent && event.shiftKey && this.extendRun(chip)) return;
      if (chip && this.runChips(chip).length === 1) this.run = null; // a click inside keeps it
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
      chip.title = `${formatTime(word.start)} – ${formatTime(word.end)} · double-click to edit; Shift+click selects the words up to here, to retype them together`;
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

  /** The ids of the words in `chip`'s line, in order. @param {HTMLElement} chip */
  lineChips(chip) {
    const words = chip.closest(".words");
    return words ? [...words.querySelectorAll("button.word")].filter((c) => c instanceof HTMLElement) : [chip];
  }

  /** Shift+click: the words from the selected one to `chip`, in its line, become the run that
   * the next edit replaces. False when there is no selected word in that line.
   * @param {HTMLElement} chip */
  extendRun(chip) {
    const line = this.lineChips(chip).map((c) => c.dataset.id ?? "");
    const from = this.store.selected ? line.indexOf(this.store.selected) : -1;
    const to = line.indexOf(chip.dataset.id ?? "");
    if (from < 0) return false;
    this.run = { first: line[Math.min(from, to)], last: line[Math.max(from, to)] };
    this.markSelection();
    return true;
  }

  /** The chips the edit of `chip` replaces: the run when `chip` is in it, else `chip`.
   * @param {HTMLElement} chip @returns {HTMLElement[]} */
  runChips(chip) {
    const line = this.lineChips(chip);
    const ids = line.map((c) => c.dataset.id);
    const [first, last] = this.run ? [ids.indexOf(this.run.first), ids.indexOf(this.run.last)] : [-1, -1];
    const at = line.indexOf(chip);
    return first >= 0 && first <= at && at <= last ? line.slice(first, last + 1) : [chip];
  }

  /** @param {HTMLElement} chip */
  editInPlace(chip) {
    const chips = this.runChips(chip);
    const first = chips[0].dataset.id ?? "";
    const last = chips[chips.length - 1].dataset.id ?? "";
    const input = document.createElement("input");
    input.className = "word-input";
    input.value = chips.map((c) => c.textContent ?? "").join(" ");
    input.setAttribute("aria-label", chips.length > 1 ? "Text of the selected words" : "Word text");
    chips[0].replaceWith(input);
    for (const c of chips.slice(1)) c.hidden = true;
    input.focus();
    input.select();
    let done = false;
    const finish = (/** @type {boolean} */ commit) => {
      if (done) return;
      done = true;
      input.replaceWith(chips[0]);
      for (const c of chips.slice(1)) c.hidden = false;
      this.run = null;
      this.markSelection();
      if (commit) this.handlers.onEdit(first, input.value, last);
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); finish(true); }
      if (event.key === "Escape") { event.preventDefault(); finish(false); }
    });
    input.addEventListener("blur", () => finish(true));
  }

  markSelection() {
    for (const chip of this.marked) chip.classList.remove("selected");
    const selected = this.chip(this.store.selected);
    this.marked = selected ? (this.run ? this.runChips(selected) : [selected]) : [];
    const run = this.run;
    if (run && !this.marked.some((chip) => chip.dataset.id === run.first)) {
      this.run = null; // edited away, or the selection moved out of it
      this.marked = selected ? [selected] : [];
    }
    for (const chip of this.marked) chip.classList.add("selected");
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
