// The page's own controls: the keyboard, the transport buttons, undo and redo, the timeline's
// zoom, the safe area and its guide, and the guard against leaving with unsaved edits.
import { bindKeys } from "./keys.js";

/**
 * @typedef {import("./store.js").EditorStore} EditorStore
 * @typedef {import("./flows/playhead.js").Playhead} Playhead
 * @typedef {{flush(): Promise<boolean>, pending: boolean}} Saver
 * @typedef {{zoom(factor: number): void, fit(): void}} Zoomable
 */

const ZOOM_STEP = 1.5;

/**
 * @param {{byId: (id: string) => HTMLElement, video: HTMLMediaElement, store: EditorStore,
 *   playhead: Playhead, autosave: Saver, timeline: Zoomable,
 *   onSafeArea: (name: string) => void}} deps `onSafeArea`: the safe area chosen
 */
export function bindControls({ byId, video, store, playhead, autosave, timeline, onSafeArea }) {
  bindKeys(document, {
    undo: () => store.undo(),
    redo: () => store.redo(),
    save: () => { autosave.flush(); },
    togglePlay: () => playhead.togglePlay(),
    step: (direction) => playhead.step(direction),
    nudge: (direction, part) => playhead.nudge(direction, part),
  });
  window.addEventListener("beforeunload", (event) => {
    if (autosave.pending) { event.preventDefault(); event.returnValue = ""; }
  });
  video.addEventListener("play", () => { byId("play").textContent = "Pause"; });
  video.addEventListener("pause", () => { byId("play").textContent = "Play"; });
  byId("play").addEventListener("click", () => playhead.togglePlay());
  byId("prev-word").addEventListener("click", () => playhead.step(-1));
  byId("next-word").addEventListener("click", () => playhead.step(1));
  const safeArea = /** @type {HTMLSelectElement} */ (byId("safe-area"));
  safeArea.addEventListener("change", () => onSafeArea(safeArea.value));
  const guideToggle = /** @type {HTMLInputElement} */ (byId("safe-guide-toggle"));
  guideToggle.addEventListener("change", () => { byId("safe-guide").hidden = !guideToggle.checked; });
  byId("zoom-in").addEventListener("click", () => timeline.zoom(ZOOM_STEP));
  byId("zoom-out").addEventListener("click", () => timeline.zoom(1 / ZOOM_STEP));
  byId("zoom-fit").addEventListener("click", () => timeline.fit());
  byId("undo").addEventListener("click", () => store.undo());
  byId("redo").addEventListener("click", () => store.redo());
}
