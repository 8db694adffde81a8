// Undo and redo as a capped list of steps. A step holds what redoes it and what undoes it
// (small operations or style diffs, never snapshots); what they mean is the store's business.

export const HISTORY_LIMIT = 500;

/** @template S a step (what it means is the store's business) */
export class History {
  constructor(limit = HISTORY_LIMIT) {
    this.limit = limit;
    /** @type {S[]} */
    this.done = [];
    /** @type {S[]} */
    this.undone = [];
  }

  /** Record a step just taken; it clears what could be redone. @param {S} step */
  record(step) {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The step to undo (moved to the redo side), or null. */
  undo() {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return step;
  }

  /** The step to redo (moved back to the undo side), or null. */
  redo() {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return step;
  }

  /** Forget the steps of one kind (their targets are gone); the others stay in order.
   * @param {string} kind */
  dropKind(kind) {
    const other = (/** @type {S} */ step) => /** @type {{ kind?: unknown }} */ (step ?? {}).kind !== kind;
    this.done = this.done.filter(other);
    this.undone = this.undone.filter(other);
  }

  get canUndo() {
    return this.done.length > 0;
  }

  get canRedo() {
    return this.undone.length > 0;
  }
}

/** The fields of `after` that differ from `before`, as {before, after} halves of a style step.
 * @param {Record<string, unknown>} before @param {Record<string, unknown>} after */
export function styleDiff(before, after) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  /** @type {{ before: Record<string, unknown>, after: Record<string, unknown> }} */
  const diff = { before: {}, after: {} };
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      diff.before[key] = before[key];
      diff.after[key] = after[key];
    }
  }
  return diff;
}

/** A style with a diff half applied: undefined values remove the field (back to the preset).
 * @template {Record<string, unknown>} T @param {T} style @param {Record<string, unknown>} half @returns {T} */
export function applyStyleDiff(style, half) {
  /** @type {Record<string, unknown>} */
  const next = { ...style };
  for (const [key, value] of Object.entries(half)) {
    if (value === undefined) delete next[key]; else next[key] = value;
  }
  return /** @type {T} */ (next);
}
