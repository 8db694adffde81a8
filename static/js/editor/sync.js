// Autosave: the transcript is saved a moment after the last edit, with If-Match so an edit
// made elsewhere is never overwritten. `flush()` waits for a save under way and saves what is
// left, so an export starts from what the creator sees.
import { api, asApiError, friendly } from "../api.js";

/** @import { EditorStore } from "./store.js" */
/** @typedef {"ok" | "pending" | "error"} SaveState */

const SAVE_DELAY_MS = 1200;
const RETRY_DELAY_MS = 5000;

export class Autosave {
  /** @param {{ videoId: string, store: EditorStore, onState: (text: string, kind: SaveState) => void }} options */
  constructor({ videoId, store, onState }) {
    this.url = `/api/v1/videos/${videoId}/transcript`;
    this.store = store;
    this.onState = onState; // (text, kind) with kind "ok", "pending" or "error"
    /** @type {string | null} */
    this.etag = null;
    this.dirty = false;
    this.conflict = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {Promise<void> | null} the save under way */
    this.saving = null;
  }

  /** The transcript as loaded, with its ETag. @param {string | null} etag */
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
    this.schedule(SAVE_DELAY_MS);
  }

  /** @param {number} delay ms */
  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), delay);
  }

  /** Save now (or join the save under way). Resolves true when everything is saved. */
  async flush() {
    clearTimeout(this.timer);
    while (this.saving) await this.saving;
    if (this.dirty && !this.conflict) await this.save();
    return !this.dirty;
  }

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
      const { response } = await api(this.url, {
        method: "PUT",
        body: this.store.transcript(),
        headers: this.etag ? { "If-Match": this.etag } : {},
      });
      this.etag = response.headers.get("ETag");
      this.dirty = this.store.model !== model; // edited while saving: save again
      this.onState(this.dirty ? "Unsaved changes" : "All changes saved", this.dirty ? "pending" : "ok");
      if (this.dirty) this.schedule(SAVE_DELAY_MS);
    } catch (error) {
      const failure = asApiError(error);
      this.conflict = failure.code === "TRANSCRIPT_CONFLICT";
      this.onState(this.conflict ? "Changed elsewhere: reload to see the latest version"
        : `Not saved: ${friendly(failure)}`, "error");
      if (!this.conflict) this.schedule(RETRY_DELAY_MS);
    }
  }

  get pending() {
    return this.dirty || Boolean(this.saving);
  }
}
