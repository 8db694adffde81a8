// The transcript's way into the editor: wait for the transcription (its progress shown), load
// the transcript, and load it again when the server made a new one (speakers found again).
import { api, asApiError, followEvents, friendly, PHASES, sleep } from "../../api.js";
import { allWords } from "../model.js";

export const POLL_MS = 1500;

/**
 * @typedef {import("../types.js").Model} Model
 * @typedef {import("../store.js").EditorStore} EditorStore
 * @typedef {import("../sync.js").Autosave} Autosave
 * @typedef {import("../sync.js").OnSaveState} OnSaveState
 * @typedef {{status: string, phase?: string, progress?: number}} TranscriptionJob
 * @typedef {{box: HTMLElement, text: HTMLElement, bar: HTMLElement}} TranscriptionStatus
 */

/**
 * What the transcription's state says while there is no transcript, and whether it ended for
 * good (failed or canceled).
 * @param {TranscriptionJob | null | undefined} job
 * @returns {{text: string, progress: number, ended: boolean}}
 */
export function transcriptionState(job) {
  if (job && (job.status === "failed" || job.status === "canceled")) {
    return { text: `Transcription ${job.status}. Try again from the API or ask support.`, progress: job.progress || 0, ended: true };
  }
  const text = job ? `${(job.phase && PHASES[/** @type {keyof PHASES} */ (job.phase)]) || "Queued"} · ${job.progress}%` : "Waiting for the transcript…";
  return { text, progress: job?.progress || 0, ended: false };
}

/**
 * The emphasis the voice gave each word, as loaded (what "auto" goes back to after the creator
 * set one).
 * @param {Model} model
 * @returns {Map<string, number>}
 */
export function computedEmphasis(model) {
  return new Map(allWords(model)
    .filter((word) => !word.emphasis_set && word.emphasis != null)
    .map((word) => [word.id, /** @type {number} */ (word.emphasis)]));
}

export class TranscriptFlow {
  /**
   * @param {{videoId: string, store: EditorStore, autosave: Autosave, status: TranscriptionStatus,
   *   onState: OnSaveState}} deps
   */
  constructor({ videoId, store, autosave, status, onState }) {
    this.url = `/api/v1/videos/${videoId}/transcript`;
    this.eventsUrl = `/api/v1/videos/${videoId}/events`;
    this.store = store;
    this.autosave = autosave;
    this.status = status;
    this.onState = onState;
    /** @type {Map<string, number>} */
    this.emphasis = new Map();
  }

  /** The transcript, once there is one (the transcription's progress shown meanwhile). */
  async load() {
    for (;;) {
      try {
        await this.fetch(false);
        this.status.box.hidden = true;
        return;
      } catch (error) {
        const failure = asApiError(error);
        if (failure.code !== "TRANSCRIPT_NOT_READY") { this.onState(friendly(failure), "error"); throw error; }
        if (this.show(failure.details.transcription)) throw error;
        // Wait for the transcript: pushed progress, or a poll when the stream is not available.
        const pushed = await followEvents(this.eventsUrl, "video", (/** @type {any} */ video) =>
          video.transcript_revision != null || this.show(video.transcription));
        if (!pushed) await sleep(POLL_MS);
      }
    }
  }

  /** The transcript the server holds now, replacing the one being edited (its edits saved first). */
  async reload() {
    await this.autosave.flush();
    return this.fetch(true);
  }

  /**
   * @param {boolean} replace
   * @returns {Promise<{speakers: unknown[]}>}
   */
  async fetch(replace) {
    const { data, response } = await api(this.url);
    this.store.loadTranscript(data, { replace });
    this.emphasis = computedEmphasis(this.store.loadedModel());
    this.autosave.loaded(response.headers.get("ETag"));
    return data;
  }

  /**
   * Show the transcription's state; true once it ended without a transcript.
   * @param {TranscriptionJob | null | undefined} job
   */
  show(job) {
    const state = transcriptionState(job);
    this.status.box.hidden = false;
    this.status.text.textContent = state.text;
    if (state.ended) return true;
    this.status.bar.style.width = `${state.progress}%`;
    this.onState("Transcribing…", "pending");
    return false;
  }
}
