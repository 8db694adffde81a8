// The one place the editor's mutable state lives: the transcript model, the style (as chosen,
// and as the server last resolved it), the selection and the undo history. Views read it and call its methods; they are told what
// changed through `subscribe`, and redraw only that.
import { applyStyleDiff, History, styleDiff } from "./history.js";
import { apply, idSource, load, serialize } from "./model.js";

export class EditorStore {
  constructor({ style }) {
    this.newId = idSource();
    this.model = null;
    this.style = style; // {preset, ...overrides}: what an export request sends
    this.resolved = null; // the style as the server resolved it for the preview: what is drawn
    this.selected = null; // a word id
    this.history = new History();
    this.listeners = new Set();
  }

  /** listener({kind}) with kind "transcript", "style", "resolved", "selection" or "history". */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(kind) {
    for (const listener of this.listeners) listener({ kind });
  }

  /** A transcript from the server. `replace`: it supersedes the one being edited (speakers found
   * again), so transcript steps of the undo history no longer apply and are dropped. */
  loadTranscript(transcript, { replace = false } = {}) {
    this.model = load(transcript, this.newId);
    if (replace) {
      this.history.dropKind("transcript");
      this.emit("history");
    }
    this.emit("transcript");
  }

  transcript() {
    return serialize(this.model);
  }

  /** Apply a transcript operation (null: nothing to do) as one undoable step. */
  dispatch(op) {
    if (!op) return;
    const { model, inverse } = apply(this.model, op);
    this.model = model;
    this.history.record({ kind: "transcript", forward: op, backward: inverse });
    this.emit("transcript");
    this.emit("history");
  }

  /** Change the style (a new preset, or overrides) as one undoable step. */
  setStyle(next) {
    const diff = styleDiff(this.style, next);
    if (!Object.keys(diff.after).length) return;
    this.style = next;
    this.history.record({ kind: "style", forward: diff.after, backward: diff.before });
    this.emit("style");
    this.emit("history");
  }

  /** The style the server resolved from `style` (the preset's fields, speaker colours, a brand
   * font's files): not an edit, so no undo step. */
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

  replay(step, direction) {
    if (!step) return;
    if (step.kind === "style") {
      this.style = applyStyleDiff(this.style, step[direction]);
    } else {
      this.model = apply(this.model, step[direction]).model;
    }
    this.emit(step.kind);
    this.emit("history");
  }

  select(wordId) {
    this.selected = wordId;
    this.emit("selection");
  }
}
