// Keep cards of videos being transcribed up to date without reloading by hand.
import { api, sleep } from "./api.js";

/** @param {HTMLElement} card */
async function poll(card) {
  const badge = card.querySelector('[data-role="transcription"]');
  for (;;) {
    await sleep(2000);
    let video;
    try { ({ data: video } = await api(`/api/v1/videos/${card.dataset.videoId}`)); } catch { continue; }
    const job = video.transcription;
    if (!job || !["queued", "running"].includes(job.status)) { window.location.reload(); return; }
    if (badge) badge.textContent = job.status === "running" ? `Transcribing ${job.progress}%` : "Queued";
  }
}

document.querySelectorAll('[data-poll="1"]').forEach((card) => {
  if (card instanceof HTMLElement) poll(card);
});
