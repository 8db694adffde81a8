// "Find speakers again": the server listens again for who speaks when (the saved words stay),
// the editor follows the job, also after a reload, and loads the result. And a speaker's colour.
import { api, followEvents, friendly, sleep } from "../../api.js";
import { setSpeakerColor } from "../model.js";
import { POLL_MS } from "./transcript.js";

/**
 * @typedef {import("../store.js").EditorStore} EditorStore
 * @typedef {import("../sync.js").Autosave} Autosave
 * @typedef {import("../sync.js").OnSaveState} OnSaveState
 * @typedef {import("./transcript.js").TranscriptFlow} TranscriptFlow
 * @typedef {{id: string, status: string, error?: {message?: string}, options?: {speakers_only?: boolean}}} Job
 * @typedef {{whileFinding(work: () => Promise<void>): Promise<void>}} FindingView
 */

const UNDER_WAY = ["queued", "running"];

/**
 * @param {Job | null | undefined} job
 * @returns {boolean} true for a "find speakers again" job still queued or running
 */
export const findingUnderWay = (job) => Boolean(job?.options?.speakers_only && UNDER_WAY.includes(job.status));

/**
 * The speakers' own colour set in the transcript; a colour the style set for that speaker is
 * dropped first (the transcript's wins from now on). Two undoable steps, as two edits.
 * @param {EditorStore} store
 * @param {string} speakerId
 * @param {string} color
 */
export function recolorSpeaker(store, speakerId, color) {
  const { [speakerId]: old, ...others } = store.style.speaker_colors || {};
  if (old) store.setStyle({ ...store.style, speaker_colors: others });
  store.dispatch(setSpeakerColor(store.loadedModel(), speakerId, color));
}

export class SpeakersFlow {
  /**
   * @param {{videoId: string, autosave: Autosave, transcript: TranscriptFlow, view: FindingView,
   *   onState: OnSaveState}} deps
   */
  constructor({ videoId, autosave, transcript, view, onState }) {
    this.url = `/api/v1/videos/${videoId}`;
    this.autosave = autosave;
    this.transcript = transcript;
    this.view = view;
    this.onState = onState;
  }

  /**
   * Start a search (`count` speakers, or null: found automatically) and load its result.
   * @param {number | null} count
   */
  async findAgain(count) {
    try {
      await this.autosave.flush();
      const body = { speakers_only: true, ...(count ? { num_speakers: count } : {}) };
      const { data: job } = await api(`${this.url}/retranscribe`, { method: "POST", body });
      await this.watch(job.id);
    } catch (error) {
      this.onState(friendly(/** @type {any} */ (error)), "error");
    }
  }

  /** After a reload: a search still under way is shown and followed. */
  async resume() {
    const { data } = await api(this.url);
    const job = data.transcription;
    if (findingUnderWay(job)) await this.view.whileFinding(() => this.watch(job.id));
  }

  /**
   * Wait for the job to end (pushed, else polled), then load its result.
   * @param {string} jobId
   */
  async watch(jobId) {
    this.onState("Finding speakers…", "pending");
    const ended = (/** @type {Job | null} */ job) => job?.id === jobId && !UNDER_WAY.includes(job.status);
    /** @type {Job | null} */
    let state = null;
    const pushed = await followEvents(`${this.url}/events`, "video", (/** @type {any} */ data) => {
      state = data.transcription;
      return ended(state);
    });
    while (!pushed && !ended(state)) {
      await sleep(POLL_MS);
      state = (await api(this.url)).data.transcription;
    }
    const job = /** @type {Job} */ (/** @type {unknown} */ (state));
    if (job.status !== "succeeded") {
      this.onState(`Finding speakers ${job.status}: ${job.error?.message || "try again"}`, "error");
      return;
    }
    const transcript = await this.transcript.reload();
    const n = transcript.speakers.length;
    this.onState(`${n} speaker${n > 1 ? "s" : ""} found`, "");
  }
}
