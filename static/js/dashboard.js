// The dashboard keeps each video's state live, without a reload: a transcription's progress and
// end, an export's progress, end and download, pushed (Server-Sent Events) or polled where a
// stream cannot be had. A job that ends while the tab is out of sight is told (notify.js).
import { api, followEvents, sleep } from "./api.js";
import { exportText, hasEnded, transcriptionText } from "./badges.js";
import { jobNews, pageNotifier } from "./notify.js";

const POLL_MS = 2000;
// Browsers open at most six connections to a site over HTTP/1.1: streams beyond a few would
// starve the page's other requests, so the rest of the cards poll.
const MAX_STREAMS = 3;
let streams = 0;
const notifier = pageNotifier();

/**
 * Follow one job until it ends: `onData` shows each state and says whether it ended.
 * @param {string} url the job's (or video's) API address; its stream is `${url}/events`
 * @param {string} event the stream's event name
 * @param {(data: any) => boolean} onData
 */
async function follow(url, event, onData) {
  if (streams < MAX_STREAMS) {
    streams += 1;
    const pushed = await followEvents(`${url}/events`, event, onData);
    streams -= 1;
    if (pushed) return;
  }
  for (;;) {
    await sleep(POLL_MS);
    let data;
    try { ({ data } = await api(url)); } catch { continue; }
    if (onData(data)) return;
  }
}

/** @param {HTMLElement} badge @param {{ status: string }} job @param {string} text */
function setBadge(badge, job, text) {
  badge.className = `badge ${job.status}`;
  badge.textContent = text;
}

/** @param {HTMLElement} card */
function followTranscription(card) {
  const badge = card.querySelector('[data-role="transcription"]');
  if (!(badge instanceof HTMLElement)) return;
  follow(`/api/v1/videos/${card.dataset.videoId}`, "video", (video) => {
    const job = video.transcription;
    if (!job) return true;
    setBadge(badge, job, transcriptionText(job));
    if (!hasEnded(job)) return false;
    notifier.tell(jobNews("transcription", job, card.dataset.filename ?? ""));
    return true;
  });
}

/** @param {HTMLElement} card */
function followExport(card) {
  const badge = card.querySelector('[data-role="render"]');
  if (!(badge instanceof HTMLElement)) return;
  follow(`/api/v1/renders/${card.dataset.renderId}`, "render", (job) => {
    setBadge(badge, job, exportText(job));
    if (!hasEnded(job)) return false;
    if (job.download_url) {
      const link = document.createElement("a");
      link.className = "link-download";
      link.href = job.download_url;
      link.textContent = "Download";
      badge.after(link);
    }
    notifier.tell(jobNews("export", job, card.dataset.filename ?? ""));
    return true;
  });
}

document.querySelectorAll(".card").forEach((card) => {
  if (!(card instanceof HTMLElement)) return;
  if (card.dataset.poll === "1") followTranscription(card);
  if (card.dataset.renderId) followExport(card);
});
