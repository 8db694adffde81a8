// Export: waits for a pending save, starts the render, follows its progress to the download.
// After a reload it finds this video's latest export and follows it too. Every open tab of the
// editor follows an export started in another: the tab that starts it tells the others of the
// same browser (BroadcastChannel), and a tab coming back into view looks again (an export
// started on another device).
import { api, followEvents, formatEta, friendly, PHASES, sleep } from "../../api.js";

const $ = (id) => document.getElementById(id);
const POLL_MS = 1000;

export class ExportPanelView {
  constructor({ videoId, store, autosave, output }) {
    this.videoId = videoId;
    this.output = output;
    this.store = store;
    this.autosave = autosave;
    $("export").addEventListener("click", () => this.start());
    this.tabs = "BroadcastChannel" in window ? new BroadcastChannel(`ecg-exports-${videoId}`) : null;
    this.tabs?.addEventListener("message", ({ data }) => {
      if (data?.render) this.watch(data.render).catch(() => {});
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.resume({ finished: false }).catch(() => {});
    });
  }

  message(text, isError = false) {
    $("export-error").hidden = !isError;
    if (isError) $("export-error").textContent = text;
    else $("export-status").textContent = text;
  }

  async start() {
    $("export").disabled = true;
    $("export-error").hidden = true;
    try {
      if (!(await this.autosave.flush())) throw new Error("Your changes could not be saved; export stopped.");
      const { data: job } = await api("/api/v1/renders", {
        method: "POST", body: { video: this.videoId, style: this.store.style, output: this.output() },
      });
      this.tabs?.postMessage({ render: job.id });
      await this.follow(job.id);
    } catch (error) {
      this.message(error.code ? friendly(error) : error.message, true);
    } finally {
      $("export").disabled = false;
    }
  }

  /** The video's latest export: followed if it is under way, its download shown if it is done
   * (unless `finished` is false: a tab coming back keeps what it shows). */
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
      $("export-download").href = latest.download_url;
      $("export-download").hidden = false;
    }
  }

  /** Follow an export started elsewhere (before a reload, in another tab); one at a time. */
  async watch(jobId) {
    if (this.following) return;
    $("export").disabled = true;
    try { await this.follow(jobId); } finally { $("export").disabled = false; }
  }

  async follow(jobId) {
    this.following = jobId;
    try {
      await this.poll(jobId);
    } finally {
      this.following = null;
    }
  }

  /** Follow the job: pushed events when the browser and server can (EventSource), else
   * polling; a stream that breaks before the end falls back to polling. */
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

  /** Show a job's state; true when it has ended. */
  show(job) {
    $("export-bar").style.width = `${job.progress}%`;
    $("export-bar").parentElement.setAttribute("aria-valuenow", String(job.progress));
    if (job.status === "succeeded") {
      const notes = (job.warnings || []).map((warning) => warning.message).join(" ");
      this.message(notes ? `Your video is ready. ${notes}` : "Your video is ready.");
      $("export-cancel").hidden = true;
      $("export-download").href = job.download_url;
      $("export-download").hidden = false;
      return true;
    }
    if (job.status === "failed" || job.status === "canceled") {
      $("export-cancel").hidden = true;
      const failed = job.status === "failed";
      this.message(failed ? `Export failed: ${job.error?.message}` : "Export canceled.", failed);
      return true;
    }
    const eta = job.eta_seconds != null ? ` · ${formatEta(job.eta_seconds)}` : "";
    this.message(`${PHASES[job.phase] || "Queued"} · ${job.progress}%${eta}`);
    return false;
  }
}
