// The editor's keyboard: undo/redo/save everywhere; play, word steps and nudges only when the
// creator is not typing in a field.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { bindKeys, keyAction } from "../editor/keys.js";

/**
 * @param {string} key
 * @param {{ctrl?: boolean, meta?: boolean, shift?: boolean, alt?: boolean, in?: string}} [mods]
 */
const press = (key, mods = {}) => ({
  key, ctrlKey: Boolean(mods.ctrl), metaKey: Boolean(mods.meta), shiftKey: Boolean(mods.shift),
  altKey: Boolean(mods.alt), target: /** @type {any} */ ({ tagName: mods.in || "BODY" }),
});

describe("key bindings", () => {
  it("undo, redo and save work with Ctrl or ⌘, also while typing", () => {
    for (const where of ["BODY", "INPUT", "TEXTAREA"]) {
      assert.deepEqual(keyAction(press("z", { ctrl: true, in: where })), { name: "undo" });
      assert.deepEqual(keyAction(press("Z", { meta: true, shift: true, in: where })), { name: "redo" });
      assert.deepEqual(keyAction(press("y", { ctrl: true, in: where })), { name: "redo" });
      assert.deepEqual(keyAction(press("s", { meta: true, in: where })), { name: "save" });
    }
  });

  it("space plays, arrows step from word to word, outside fields only", () => {
    assert.deepEqual(keyAction(press(" ")), { name: "togglePlay" });
    assert.deepEqual(keyAction(press("ArrowLeft")), { name: "step", direction: -1 });
    assert.deepEqual(keyAction(press("ArrowRight")), { name: "step", direction: 1 });
    for (const where of ["INPUT", "SELECT", "TEXTAREA"]) {
      assert.equal(keyAction(press(" ", { in: where })), null);
      assert.equal(keyAction(press("ArrowRight", { in: where })), null);
      assert.equal(keyAction(press("ArrowRight", { alt: true, in: where })), null);
    }
    assert.equal(keyAction(press("a")), null);
    assert.equal(keyAction(press("z")), null);
  });

  it("Alt+arrows nudge the start; Shift the end; Ctrl the word; Ctrl+Shift the line", () => {
    assert.deepEqual(keyAction(press("ArrowLeft", { alt: true })), { name: "nudge", direction: -1, part: "start" });
    assert.deepEqual(keyAction(press("ArrowRight", { alt: true, shift: true })), { name: "nudge", direction: 1, part: "end" });
    assert.deepEqual(keyAction(press("ArrowRight", { alt: true, ctrl: true })), { name: "nudge", direction: 1, part: "word" });
    assert.deepEqual(keyAction(press("ArrowLeft", { alt: true, meta: true, shift: true })), { name: "nudge", direction: -1, part: "line" });
  });

  it("runs the action a key asks for and keeps the browser from using the key too", () => {
    const target = new EventTarget();
    /** @type {unknown[][]} */
    const calls = [];
    bindKeys(target, {
      undo: () => calls.push(["undo"]), redo: () => calls.push(["redo"]), save: () => calls.push(["save"]),
      togglePlay: () => calls.push(["togglePlay"]),
      step: (direction) => calls.push(["step", direction]),
      nudge: (direction, part) => calls.push(["nudge", direction, part]),
    });
    /** @param {ReturnType<typeof press>} fields */
    const dispatch = (fields) => {
      const event = new Event("keydown", { cancelable: true });
      for (const [name, value] of Object.entries(fields)) Object.defineProperty(event, name, { value });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    assert.equal(dispatch(press("s", { ctrl: true })), true);
    assert.equal(dispatch(press("ArrowRight", { alt: true, shift: true })), true);
    assert.equal(dispatch(press("ArrowLeft")), true);
    assert.equal(dispatch(press("x")), false, "a key of no binding is left to the browser");
    assert.equal(dispatch(press(" ", { in: "INPUT" })), false, "typing a space in a field");
    assert.deepEqual(calls, [["save"], ["nudge", 1, "end"], ["step", -1]]);
  });
});
