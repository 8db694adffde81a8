// Export: waits for a pending save, starts the render, follows its progress to the download.
// After a reload it finds this video's latest export and follows it too. Every open tab of the
// editor follows an export started in another: the tab that starts it tells the others of the
// same browser (BroadcastChannel), and a tab coming back into view looks again (an export
// started on another device).
import { api, asApiError, followEvents, formatEta, friendly, PHASES, sleep } from "../../api.js";
import { byId } from "../../dom.js";

/** @import { EditorStore } from "../store.js" */
/** @import { Autosave } from "../sync.js" */
/**
 * A render job as the API shows it (GET /api/v1/renders/{id}).
 * @typedef {object} RenderJob
 * @property {string} id
 * @property {string} status
 * @property {number} progress
 * @property {string} [phase]
 * @property {number | null} [eta_seconds]
 * @property {string | null} [download_url]
 * @property {{ message: string }[]} [warnings]
 * @property {{ code: string, message: string } | null} [error]
 */

const $ = byId;
const exportButton = () => byId("export", HTMLButtonElement);
const download = () => byId("export-download", HTMLAnchorElement);
const POLL_MS = 1000;

export class ExportPanelView {
  /**
   * @param {object} options
   * @param {string} options.videoId
   * @param {EditorStore} options.store
   * @param {Autosave} options.autosave
   * @param {() => object} options.output the output options (size, safe area...) an export sends
   * @param {(job: RenderJob) => void} [options.onEnded] an export followed here ended (succeeded,
   *   failed or canceled)
   */
  constructor({ videoId, store, autosave, output, onEnded = () => {} }) {
    this.videoId = videoId;
    this.onEnded = onEnded;
    this.output = output;
    this.store = store;
    this.autosave = autosave;
    /** @type {string | null} the job being followed */
    this.following = null;
    $("export").addEventListener("click", () => this.start());
    this.tabs = "BroadcastChannel" in window ? new BroadcastChannel(`ecg-exports-${videoId}`) : null;
    this.tabs?.addEventListener("message", ({ data }) => {
      if (data?.render) this.watch(data.render).catch(() => {});
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.resume({ finished: false }).catch(() => {});
    });
  }

  /** @param {string} text @param {boolean} [isError] */
  message(text, isError = false) {
    $("export-error").hidden = !isError;
    if (isError) $("export-error").textContent = text;
    else $("export-status").textContent = text;
  }

  async start() {
    exportButton().disabled = true;
    $("export-error").hidden = true;
    try {
      if (!(await this.autosave.flush())) throw new Error("Your changes could not be saved; export stopped.");
      const { data: job } = await api("/api/v1/renders", {
        method: "POST", body: { video: this.videoId, style: this.store.style, output: this.output() },
      });
      this.tabs?.postMessage({ render: job.id });
      await this.follow(job.id);
    } catch (error) {
      this.message(friendly(asApiError(error)), true);
    } finally {
      exportButton().disabled = false;
    }
  }

  /** The video's latest export: followed if it is under way, its download shown if it is done
   * (unless `finished` is false: a tab coming back keeps what it shows).
   * @param {{ finished?: boolean }} [options] */
  async resume({ finished = true } = {}) {
    const { data } = await api(`/api/v1/renders?video=${this.videoId}`);
    const latest = data.results?.[0];
    if (!latest || this.following) return;
    if (["queued", "running"].includes(latest.status)) {
      await this.watch(latest.id);
    } else if (finished && latest.status === "succeeded" && latest.download_url) {
      $("export-panel").hidden = false;
      $("export-bar").style.width = "100%";
      $("export-cancel").hidden = true;
      this.message("Your last export is ready.");
      download().href = latest.download_url;
      download().hidden = false;
    }
  }

  /** Follow an export started elsewhere (before a reload, in another tab); one at a time.
   * @param {string} jobId */
  async watch(jobId) {
    if (this.following) return;
    exportButton().disabled = true;
    try { await this.follow(jobId); } finally { exportButton().disabled = false; }
  }

  /** @param {string} jobId */
  async follow(jobId) {
    this.following = jobId;
    try {
      await this.poll(jobId);
    } finally {
      this.following = null;
    }
  }

  /** Follow the job: pushed events when the browser and server can (EventSource), else
   * polling; a stream that breaks before the end falls back to polling.
   * @param {string} jobId */
  async poll(jobId) {
    $("export-panel").hidden = false;
    $("export-download").hidden = true;
    $("export-cancel").hidden = false;
    $("export-cancel").onclick = () => api(`/api/v1/renders/${jobId}/cancel`, { method: "POST" }).catch(() => {});
    if (await followEvents(`/api/v1/renders/${jobId}/events`, "render", (job) => this.show(job))) return;
    for (;;) {
      const { data: job } = await api(`/api/v1/renders/${jobId}`);
      if (this.show(job)) return;
      await sleep(POLL_MS);
    }
  }

  /** Show a job's state; true when it has ended. @param {RenderJob} job */
  show(job) {
    const ended = this.draw(job);
    if (ended) this.onEnded(job);
    return ended;
  }

  /** @param {RenderJob} job */
  draw(job) {
    $("export-bar").style.width = `${job.progress}%`;
    $("export-bar").parentElement?.setAttribute("aria-valuenow", String(job.progress));
    if (job.status === "succeeded") {
      const notes = (job.warnings || []).map((warning) => warning.message).join(" ");
      this.message(notes ? `Your video is ready. ${notes}` : "Your video is ready.");
      $("export-cancel").hidden = true;
      download().href = job.download_url ?? "";
      download().hidden = false;
      return true;
    }
    if (job.status === "failed" || job.status === "canceled") {
      $("export-cancel").hidden = true;
      const failed = job.status === "failed";
      this.message(failed ? `Export failed: ${job.error?.message}` : "Export canceled.", failed);
      return true;
    }
    const eta = job.eta_seconds != null ? ` · ${formatEta(job.eta_seconds)}` : "";
    this.message(`${(job.phase && PHASES[job.phase]) || "Queued"} · ${job.progress}%${eta}`);
    return false;
  }
}
