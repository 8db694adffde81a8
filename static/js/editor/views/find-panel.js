// The find and replace panel: Ctrl/⌘+F (or its button) opens it, typing finds (all matches
// marked in the transcript, the current one selected and the video sought to it), Enter and
// Shift+Enter step through them, Escape closes; replace one or all. The creator's vocabulary is
// offered for the replacement.
import { asApiError, friendly } from "../../api.js";
import { byId } from "../../dom.js";
import { countText, findMatches, isFindKey, matchFrom } from "../find.js";
import { locate } from "../model.js";

/** @import { EditorStore } from "../store.js" */
/** @import { Match } from "../find.js" */

const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);
const button = (/** @type {string} */ id) => byId(id, HTMLButtonElement);
const OUTER_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

export class FindPanelView {
  /**
   * @param {HTMLElement} root the panel
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {HTMLElement} options.transcript where the word chips are
   * @param {(wordId: string) => void} options.onReveal select a word and seek the video to it
   * @param {(matches: Match[], replacement: string) => Promise<void>} options.onReplace
   * @param {() => Promise<string[]>} options.vocabulary the creator's terms
   */
  constructor(root, { store, transcript, onReveal, onReplace, vocabulary }) {
    this.root = root;
    this.store = store;
    this.transcript = transcript;
    this.handlers = { onReveal, onReplace, vocabulary };
    this.query = input("find-text");
    this.replacement = input("replace-text");
    this.whole = input("find-whole");
    this.opener = button("find-open");
    /** @type {Match[]} */
    this.matches = [];
    this.current = -1;
    /** @type {Element[]} */
    this.marked = [];
    /** @type {Element | null} */
    this.returnFocus = null;
    this.suggested = false;
    this.busy = false; // a replacement is waiting for its words' times
    this.bind();
  }

  bind() {
    document.addEventListener("keydown", (event) => {
      if (!isFindKey(event)) return;
      event.preventDefault();
      this.open();
    });
    this.opener.addEventListener("click", () => (this.root.hidden ? this.open() : this.close()));
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); this.close(); }
      if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type === "text") {
        event.preventDefault();
        this.step(event.shiftKey ? -1 : 1);
      }
    });
    this.query.addEventListener("input", () => this.search(true));
    this.whole.addEventListener("change", () => this.search(true));
    button("find-prev").addEventListener("click", () => this.step(-1));
    button("find-next").addEventListener("click", () => this.step(1));
    button("find-close").addEventListener("click", () => this.close());
    button("replace-one").addEventListener("click", () => this.replace(false));
    button("replace-all").addEventListener("click", () => this.replace(true));
    // After the transcript is redrawn (its listener may come after this one): the matches again.
    this.store.subscribe(({ kind }) => {
      if (kind === "transcript" && !this.root.hidden) queueMicrotask(() => this.search(false));
    });
  }

  open() {
    if (this.root.hidden) this.returnFocus = document.activeElement;
    this.root.hidden = false;
    this.opener.setAttribute("aria-expanded", "true");
    const selected = this.store.model && this.store.selected && locate(this.store.model, this.store.selected);
    if (!this.query.value && selected) this.query.value = selected.word.text.replace(OUTER_PUNCTUATION, "");
    this.query.focus();
    this.query.select();
    this.search(true);
    this.suggest();
  }

  close() {
    this.root.hidden = true;
    this.opener.setAttribute("aria-expanded", "false");
    this.matches = [];
    this.current = -1;
    this.mark();
    const back = this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected ? this.returnFocus : this.opener;
    back.focus();
  }

  /** The matches of the query in the transcript now; the current one is the first at or after
   * the selected word, selected and sought to when `reveal`. @param {boolean} reveal */
  search(reveal) {
    const model = this.store.model;
    this.matches = model ? findMatches(model, this.query.value, { wholeWords: this.whole.checked }) : [];
    const selected = model && this.store.selected ? locate(model, this.store.selected) : null;
    this.current = matchFrom(this.matches, selected ? { line: selected.segmentIndex, index: selected.index } : { line: 0, index: 0 });
    this.show(reveal);
  }

  /** @param {number} direction 1: the next match, -1: the previous (round the end) */
  step(direction) {
    const count = this.matches.length;
    if (!count) return;
    this.current = ((this.current < 0 ? 0 : this.current + direction) % count + count) % count;
    this.show(true);
  }

  /** The count, the marks, and the current match selected (when `reveal`). @param {boolean} reveal */
  show(reveal) {
    const count = this.matches.length;
    byId("find-count").textContent = countText(this.current, count, this.query.value);
    for (const id of ["find-prev", "find-next"]) button(id).disabled = !count;
    for (const id of ["replace-one", "replace-all"]) button(id).disabled = !count || this.busy;
    this.mark();
    const match = this.matches[this.current];
    if (!reveal || !match) return;
    this.handlers.onReveal(match.ids[0]);
    this.transcript.querySelector(".found-current")?.scrollIntoView({ block: "nearest" });
  }

  /** Every match's words marked ("found"), the current match's more ("found-current"). */
  mark() {
    for (const chip of this.marked) chip.classList.remove("found", "found-current");
    const current = new Set(this.matches[this.current]?.ids);
    const found = new Set(this.matches.flatMap((match) => match.ids));
    this.marked = [...this.transcript.querySelectorAll("button.word")].filter((chip) => {
      const id = chip instanceof HTMLElement ? chip.dataset.id ?? "" : "";
      chip.classList.toggle("found", found.has(id));
      chip.classList.toggle("found-current", current.has(id));
      return found.has(id);
    });
  }

  /** Replace the current match (then go to the one after it) or all of them, as one undo step.
   * @param {boolean} all */
  async replace(all) {
    const current = this.matches[this.current];
    if (!current) return;
    const targets = all ? this.matches : [current];
    const after = all ? null : this.matches[this.current + 1];
    const message = byId("find-message");
    this.busy = true;
    this.show(false);
    message.textContent = "Replacing…";
    try {
      await this.handlers.onReplace(targets, this.replacement.value);
      const n = targets.length;
      message.textContent = all ? `Replaced ${n}. Undo (Ctrl+Z) puts ${n === 1 ? "it" : "them all"} back.` : "";
    } catch (error) {
      message.textContent = `Nothing was replaced: ${friendly(asApiError(error))}`;
    } finally {
      this.busy = false;
    }
    this.search(false);
    const next = after ? this.matches.findIndex((match) => match.ids[0] === after.ids[0]) : -1;
    if (next >= 0) this.current = next;
    this.show(!all && this.current >= 0);
    const focused = document.activeElement;
    if (!this.root.contains(focused) || (focused instanceof HTMLButtonElement && focused.disabled)) this.query.focus();
  }

  /** The creator's vocabulary as suggestions for the replacement (once; none if unavailable). */
  suggest() {
    if (this.suggested) return;
    this.suggested = true;
    this.handlers.vocabulary().then((terms) => {
      byId("replace-suggestions").replaceChildren(...terms.map((term) => new Option(term, term)));
    }).catch(() => { this.suggested = false; });
  }
}
