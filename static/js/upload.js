// Upload: pick or drop a file, send it straight to storage with a real progress bar, complete,
// then follow the transcription until the editor can open.
import { api, ApiError, asApiError, formatBytes, formatEta, friendly, PHASES, sleep } from "./api.js";
import { byId, pageData } from "./dom.js";
import { jobNews, pageNotifier, untilVisible } from "./notify.js";
import { splitTerms } from "./terms.js";

/**
 * Where a file goes (the API's `upload`): a presigned POST with form fields, or a PUT of our own.
 * @typedef {{ method: string, url: string, fields: Record<string, string>, headers: Record<string, string> }} UploadTarget
 */

/** @type {{ extensions: string[], maxBytes: number, editorUrl: string }} */
const config = pageData("ecg-config");
const $ = byId;
const dropzone = $("dropzone");
const input = byId("file", HTMLInputElement);
/** @typedef {{ xhr: XMLHttpRequest | null, videoId: string | null }} Upload */
/** @type {Upload | null} the upload under way */
let current = null;
const notifier = pageNotifier();

/** @param {string} message */
function showError(message) {
  $("upload-error").textContent = message;
  $("upload-error").hidden = !message;
}

/** @param {number} percent @param {string} [text] */
function setProgress(percent, text) {
  $("upload-bar").style.width = `${percent}%`;
  $("upload-bar").parentElement?.setAttribute("aria-valuenow", String(Math.round(percent)));
  if (text !== undefined) $("upload-status").textContent = text;
}

/** Why the file cannot be uploaded, or null. @param {File} file */
function check(file) {
  const ext = `.${(file.name.split(".").pop() ?? "").toLowerCase()}`;
  if (!config.extensions.includes(ext) || (file.type && !file.type.startsWith("video/"))) {
    return `“${file.name}” is not a video file we can use (${config.extensions.join(", ")}).`;
  }
  if (file.size > config.maxBytes) {
    return `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(config.maxBytes)}.`;
  }
  if (file.size === 0) return "This file is empty.";
  return null;
}

/** Send the file's bytes; `upload` keeps the request, so that Cancel can abort it.
 * @param {UploadTarget} target @param {File} file @param {Upload} upload @returns {Promise<void>} */
function send(target, file, upload) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    upload.xhr = xhr;
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      const percent = (event.loaded / event.total) * 100;
      setProgress(percent, `${formatBytes(event.loaded)} of ${formatBytes(event.total)} · ${percent.toFixed(0)}%`);
    };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(uploadError(xhr)));
    xhr.onerror = () => reject(new ApiError(0, { message: "The upload failed; check your connection." }));
    xhr.onabort = () => reject(new ApiError(0, { code: "CANCELED", message: "Upload canceled." }));
    xhr.open(target.method, target.url);
    if (target.method === "POST") {
      const form = new FormData();
      Object.entries(target.fields).forEach(([key, value]) => form.append(key, value));
      form.append("file", file);
      xhr.send(form);
    } else {
      Object.entries(target.headers).forEach(([key, value]) => xhr.setRequestHeader(key, value));
      xhr.send(file);
    }
  });
}

/** @param {XMLHttpRequest} xhr */
function uploadError(xhr) {
  try { return new ApiError(xhr.status, JSON.parse(xhr.responseText).error); }
  catch { return new ApiError(xhr.status, { message: `Storage refused the upload (${xhr.status}).` }); }
}

/** @param {string} videoId */
async function follow(videoId) {
  for (;;) {
    const { data: video } = await api(`/api/v1/videos/${videoId}`);
    const job = video.transcription;
    if (!job) return;
    if (job.status === "succeeded") {
      setProgress(100, "Transcript ready. Opening the editor…");
      notifier.tell(jobNews("transcription", job, video.filename));
      await untilVisible(document); // the news stays in the tab's title until it is seen
      break;
    }
    if (job.status === "failed" || job.status === "canceled") {
      notifier.tell(jobNews("transcription", job, video.filename));
      throw new ApiError(0, { message: `Transcription ${job.status}: ${job.error?.message || ""}` });
    }
    const eta = job.eta_seconds != null ? ` · ${formatEta(job.eta_seconds)}` : "";
    setProgress(job.progress, `${PHASES[job.phase] || "Queued"} · ${job.progress}%${eta}`);
    await sleep(1000);
  }
  window.location.assign(config.editorUrl.replace("00000000-0000-0000-0000-000000000000", videoId));
}

/** @param {File} file */
async function start(file) {
  showError("");
  const problem = check(file);
  if (problem) { showError(problem); return; }
  /** @type {Upload} */
  const upload = { xhr: null, videoId: null };
  current = upload;
  $("upload-panel").hidden = false;
  $("upload-name").textContent = file.name;
  $("upload-size").textContent = formatBytes(file.size);
  $("upload-cancel").hidden = false;
  setProgress(0, "Preparing…");
  try {
    const { data } = await api("/api/v1/videos", {
      method: "POST", body: { filename: file.name, size: file.size, content_type: file.type || "video/mp4" },
    });
    const videoId = data.video.id;
    upload.videoId = videoId;
    await send(data.upload, file, upload);
    $("upload-cancel").hidden = true;
    setProgress(100, "Checking the video…");
    const language = byId("upload-language", HTMLSelectElement).value;
    const vocabulary = splitTerms(byId("upload-vocabulary", HTMLInputElement).value);
    await api(`/api/v1/videos/${videoId}/complete`, { method: "POST", body: { language, vocabulary } });
    setProgress(0, "Queued for transcription…");
    await follow(videoId);
  } catch (caught) {
    const error = asApiError(caught);
    if (error.code === "CANCELED") setProgress(0, "Upload canceled.");
    else showError(friendly(error));
    $("upload-cancel").hidden = true;
  }
}

$("upload-cancel").addEventListener("click", async () => {
  if (!current) return;
  current.xhr?.abort();
  if (current.videoId) await api(`/api/v1/videos/${current.videoId}`, { method: "DELETE" }).catch(() => {});
});
input.addEventListener("change", () => input.files?.[0] && start(input.files[0]));
dropzone.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
});
dropzone.addEventListener("click", (event) => { if (event.target === dropzone) input.click(); });
["dragenter", "dragover"].forEach((type) => dropzone.addEventListener(type, (event) => {
  event.preventDefault(); dropzone.classList.add("over");
}));
["dragleave", "drop"].forEach((type) => dropzone.addEventListener(type, (event) => {
  event.preventDefault(); dropzone.classList.remove("over");
}));
dropzone.addEventListener("drop", (event) => event.dataTransfer?.files[0] && start(event.dataTransfer.files[0]));
