// The editor's keyboard: undo, redo and save work everywhere; play, word steps and nudges only
// when the creator is not typing in a field.

/**
 * @typedef {import("./flows/playhead.js").NudgePart} NudgePart
 * @typedef {{key: string, ctrlKey: boolean, metaKey: boolean, shiftKey: boolean, altKey: boolean,
 *   target: EventTarget | null}} KeyPress
 * @typedef {{name: "undo" | "redo" | "save" | "togglePlay"} | {name: "step", direction: number}
 *   | {name: "nudge", direction: number, part: NudgePart}} KeyAction
 * @typedef {{undo(): void, redo(): void, save(): void, togglePlay(): void,
 *   step(direction: number): void, nudge(direction: number, part: NudgePart): void}} KeyActions
 */

const FIELDS = ["INPUT", "SELECT", "TEXTAREA"];

/**
 * What a key press asks for, or null.
 * @param {KeyPress} event
 * @returns {KeyAction | null}
 */
export function keyAction(event) {
  const typing = FIELDS.includes(/** @type {{tagName?: string} | null} */ (event.target)?.tagName ?? "");
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === "z") return { name: event.shiftKey ? "redo" : "undo" };
  if (mod && key === "y") return { name: "redo" };
  if (mod && key === "s") return { name: "save" };
  if (typing) return null;
  if (event.key === " ") return { name: "togglePlay" };
  const arrow = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
  if (!arrow) return null;
  if (!event.altKey) return { name: "step", direction: arrow };
  // Alt: the start; with Shift the end; with Ctrl/⌘ the whole word, and Shift its line.
  const part = mod ? (event.shiftKey ? "line" : "word") : event.shiftKey ? "end" : "start";
  return { name: "nudge", direction: arrow, part };
}

/**
 * Run `actions` on the key presses `target` receives (the browser's own use of them prevented).
 * @param {EventTarget} target
 * @param {KeyActions} actions
 */
export function bindKeys(target, actions) {
  target.addEventListener("keydown", (event) => {
    const action = keyAction(/** @type {KeyboardEvent} */ (event));
    if (!action) return;
    event.preventDefault();
    if (action.name === "step") actions.step(action.direction);
    else if (action.name === "nudge") actions.nudge(action.direction, action.part);
    else actions[action.name]();
  });
}
