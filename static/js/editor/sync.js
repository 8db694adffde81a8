// Autosave: the transcript is saved a moment after the last edit, with If-Match so an edit
// made elsewhere is never overwritten. `flush()` waits for a save under way and saves what is
// left, so an export starts from what the creator sees.
import { api, asApiError, friendly } from "../api.js";

/**
 * @typedef {(transcript: object, etag: string | null) => Promise<string | null>} PutTranscript
 *   Stores the transcript if it is still at `etag` (null: no revision yet) and resolves its new
 *   ETag; rejects with an ApiError (code "TRANSCRIPT_CONFLICT" when it changed elsewhere).
 * @typedef {"ok" | "pending" | "error" | ""} SaveKind "": neutral
 * @typedef {(text: string, kind: SaveKind) => void} OnSaveState
 * @typedef {{model: object | null, transcript(): object}} SavedStore
 */

export const SAVE_DELAY_MS = 1200;
export const RETRY_DELAY_MS = 5000;

/**
 * The video's transcript endpoint as a PutTranscript.
 * @param {string} videoId
 * @returns {PutTranscript}
 */
export function transcriptSaver(videoId) {
  return async (transcript, etag) => {
    const { response } = await api(`/api/v1/videos/${videoId}/transcript`, {
      method: "PUT",
      body: transcript,
      headers: etag ? { "If-Match": etag } : {},
    });
    return response.headers.get("ETag");
  };
}

export class Autosave {
  /**
   * @param {{store: SavedStore, put: PutTranscript, onState: OnSaveState,
   *   delays?: {save: number, retry: number}}} options
   */
  constructor({ store, put, onState, delays = { save: SAVE_DELAY_MS, retry: RETRY_DELAY_MS } }) {
    this.store = store;
    this.put = put;
    this.onState = onState;
    this.delays = delays;
    /** @type {string | null} */
    this.etag = null;
    this.dirty = false;
    this.conflict = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {Promise<void> | null} the save under way */
    this.saving = null;
  }

  /**
   * The transcript as loaded, with its ETag.
   * @param {string | null} etag
   */
  loaded(etag) {
    clearTimeout(this.timer);
    this.etag = etag;
    this.dirty = false;
    this.onState("All changes saved", "ok");
  }

  changed() {
    this.dirty = true;
    if (this.conflict) return;
    this.onState("Unsaved changes", "pending");
    this.schedule(this.delays.save);
  }

  /** @param {number} delay */
  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), delay);
  }

  /**
   * Save now (or join the save under way).
   * @returns {Promise<boolean>} true when everything is saved
   */
  async flush() {
    clearTimeout(this.timer);
    while (this.saving) await this.saving;
    if (this.dirty && !this.conflict) await this.save();
    return !this.dirty;
  }

  /** @returns {Promise<void>} */
  save() {
    if (this.saving) return this.saving;
    if (!this.dirty || this.conflict) return Promise.resolve();
    this.saving = this.send().finally(() => { this.saving = null; });
    return this.saving;
  }

  async send() {
    clearTimeout(this.timer);
    const model = this.store.model;
    this.onState("Saving…", "pending");
    try {
      this.etag = await this.put(this.store.transcript(), this.etag);
      this.dirty = this.store.model !== model; // edited while saving: save again
      this.onState(this.dirty ? "Unsaved changes" : "All changes saved", this.dirty ? "pending" : "ok");
      if (this.dirty) this.schedule(this.delays.save);
    } catch (error) {
      const failure = asApiError(error);
      this.conflict = failure.code === "TRANSCRIPT_CONFLICT";
      this.onState(this.conflict ? "Changed elsewhere: reload to see the latest version"
        : `Not saved: ${friendly(failure)}`, "error");
      if (!this.conflict) this.schedule(this.delays.retry);
    }
  }

  get pending() {
    return this.dirty || Boolean(this.saving);
  }
}
