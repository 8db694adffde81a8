// The playhead and the selected word: select (and seek to) a word, step from word to word,
// nudge the selected word's times, play and pause.
import { allWords, lastAtOrBefore, locate, moveLine, moveWord, retime } from "../model.js";

export const NUDGE_SECONDS = 0.05;

/**
 * @typedef {"start" | "end" | "word" | "line"} NudgePart
 * @typedef {{currentTime: number, paused: boolean, play(): unknown, pause(): void}} Player
 * @typedef {import("../store.js").EditorStore} EditorStore
 */

export class Playhead {
  /** @param {{store: EditorStore, video: Player}} deps */
  constructor({ store, video }) {
    this.store = store;
    this.video = video;
  }

  /**
   * Select a word (null: none), seeking the video to it when `seek`.
   * @param {string | null} wordId
   * @param {boolean} seek
   */
  select(wordId, seek) {
    this.store.select(wordId);
    const found = wordId && locate(this.store.loadedModel(), wordId);
    if (found && seek) this.video.currentTime = found.word.start + 0.001;
  }

  /**
   * Select the previous (-1) or next (1) word from the playhead, and go there.
   * @param {number} direction
   */
  step(direction) {
    const words = allWords(this.store.loadedModel());
    if (!words.length) return;
    const current = lastAtOrBefore(words.map((word) => word.start), this.video.currentTime + 0.01);
    const index = Math.max(0, Math.min(words.length - 1, current + direction));
    this.select(words[index].id, true);
  }

  /**
   * Move the selected word's start (or `part` "end"), the whole word ("word") or its whole
   * line ("line") by NUDGE_SECONDS, one undoable step.
   * @param {number} direction -1 or 1
   * @param {NudgePart} part
   */
  nudge(direction, part) {
    const model = this.store.loadedModel();
    const found = this.store.selected && locate(model, this.store.selected);
    if (!found) return;
    const delta = direction * NUDGE_SECONDS;
    const { id, start, end } = found.word;
    if (part === "line") this.store.dispatch(moveLine(model, found.segment.id, delta));
    else if (part === "word") this.store.dispatch(moveWord(model, id, delta));
    else this.store.dispatch(retime(model, id, part === "end" ? { end: end + delta } : { start: start + delta }));
  }

  togglePlay() {
    if (this.video.paused) this.video.play(); else this.video.pause();
  }
}
