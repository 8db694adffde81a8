// Undo history: capped, redo cleared by a new step, style steps as diffs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { applyStyleDiff, History, styleDiff } from "../editor/history.js";

describe("history", () => {
  it("undoes and redoes in order, and a new step clears the redo side", () => {
    const history = new History();
    history.record("a");
    history.record("b");
    assert.equal(history.undo(), "b");
    assert.equal(history.undo(), "a");
    assert.equal(history.undo(), null);
    assert.equal(history.redo(), "a");
    assert.ok(history.canRedo);
    history.record("c");
    assert.equal(history.canRedo, false);
    assert.equal(history.redo(), null);
    assert.equal(history.undo(), "c");
  });

  it("keeps only the newest steps up to its limit", () => {
    const history = new History(3);
    for (const step of [1, 2, 3, 4, 5]) history.record(step);
    assert.deepEqual([history.undo(), history.undo(), history.undo(), history.undo()], [5, 4, 3, null]);
  });
});

describe("style steps", () => {
  it("hold only the fields that changed, and each half restores its side", () => {
    const before = { preset: "classic", font_size: 80, uppercase: true };
    const after = { preset: "pop", uppercase: true };
    const diff = styleDiff(before, after);
    assert.deepEqual(diff.before, { preset: "classic", font_size: 80 });
    assert.deepEqual(diff.after, { preset: "pop", font_size: undefined });
    assert.deepEqual(applyStyleDiff(before, diff.after), after);
    assert.deepEqual(applyStyleDiff(after, diff.before), before);
  });
});

describe("History.dropKind", () => {
  it("forgets the steps of one kind and keeps the others in order", () => {
    const history = new History();
    history.record({ kind: "transcript", forward: 1 });
    history.record({ kind: "style", forward: 2 });
    history.record({ kind: "transcript", forward: 3 });
    history.record({ kind: "style", forward: 4 });
    history.undo();
    history.dropKind("transcript");
    assert.deepEqual(history.undo(), { kind: "style", forward: 2 });
    assert.equal(history.undo(), null);
    assert.deepEqual(history.redo(), { kind: "style", forward: 2 });
    assert.deepEqual(history.redo(), { kind: "style", forward: 4 });
  });
});
