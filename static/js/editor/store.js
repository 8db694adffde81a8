// The one place the editor's mutable state lives: the transcript model, the style (as chosen,
// and as the server last resolved it), the selection and the undo history. Views read it and
// call its methods; they are told what changed through `subscribe`, and redraw only that.
import { applyStyleDiff, History, styleDiff } from "./history.js";
import { apply, idSource, load, serialize } from "./model.js";

/** @import { Model, Operation, Step, StyleChoice, Transcript } from "./types.js" */
/** @import { Style } from "../../captions/types.js" */
/** @typedef {"transcript" | "style" | "resolved" | "selection" | "history"} ChangeKind */

export class EditorStore {
  /** @param {{ style: StyleChoice }} options */
  constructor({ style }) {
    this.newId = idSource();
    /** @type {Model | null} null until a transcript is loaded */
    this.model = null;
    this.style = style; // {preset, ...overrides}: what an export request sends
    /** @type {Style | null} the style as the server resolved it for the preview: what is drawn */
    this.resolved = null;
    /** @type {string | null} a word id */
    this.selected = null;
    /** @type {History<Step>} */
    this.history = new History();
    /** @type {Set<(change: { kind: ChangeKind }) => void>} */
    this.listeners = new Set();
  }

  /** The transcript model (once loaded: the views are set up after it). @returns {Model} */
  loadedModel() {
    if (!this.model) throw new Error("No transcript loaded");
    return this.model;
  }

  /** listener({kind}) with kind "transcript", "style", "resolved", "selection" or "history".
   * @param {(change: { kind: ChangeKind }) => void} listener */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {ChangeKind} kind */
  emit(kind) {
    for (const listener of this.listeners) listener({ kind });
  }

  /** A transcript from the server. `replace`: it supersedes the one being edited (speakers found
   * again), so transcript steps of the undo history no longer apply and are dropped.
   * @param {Transcript} transcript @param {{ replace?: boolean }} [options] */
  loadTranscript(transcript, { replace = false } = {}) {
    this.model = load(transcript, this.newId);
    if (replace) {
      this.history.dropKind("transcript");
      this.emit("history");
    }
    this.emit("transcript");
  }

  transcript() {
    return serialize(this.loadedModel());
  }

  /** Apply a transcript operation (null: nothing to do) as one undoable step.
   * @param {Operation | null} op */
  dispatch(op) {
    if (!op) return;
    const { model, inverse } = apply(this.loadedModel(), op);
    this.model = model;
    this.history.record({ kind: "transcript", forward: op, backward: inverse });
    this.emit("transcript");
    this.emit("history");
  }

  /** Change the style (a new preset, or overrides) as one undoable step.
   * @param {StyleChoice} next */
  setStyle(next) {
    const diff = styleDiff(this.style, next);
    if (!Object.keys(diff.after).length) return;
    this.style = next;
    this.history.record({ kind: "style", forward: diff.after, backward: diff.before });
    this.emit("style");
    this.emit("history");
  }

  /** The style the server resolved from `style` (the preset's fields, speaker colours, a brand
   * font's files): not an edit, so no undo step.
   * @param {Style} resolved */
  setResolved(resolved) {
    this.resolved = resolved;
    this.emit("resolved");
  }

  undo() {
    this.replay(this.history.undo(), "backward");
  }

  redo() {
    this.replay(this.history.redo(), "forward");
  }

  /** @param {Step | null} step @param {"forward" | "backward"} direction */
  replay(step, direction) {
    if (!step) return;
    if (step.kind === "style") {
      this.style = applyStyleDiff(this.style, step[direction]);
    } else {
      this.model = apply(this.loadedModel(), step[direction]).model;
    }
    this.emit(step.kind);
    this.emit("history");
  }

  /** @param {string | null} wordId */
  select(wordId) {
    this.selected = wordId;
    this.emit("selection");
  }
}
