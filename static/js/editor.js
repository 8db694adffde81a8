// The editor: video with the shared caption renderer drawn over it live, the transcript as
// editable words, the style panel, undo/redo, autosave, export.
import { CaptionRenderer } from "../captions/renderer.js";
import { api, formatEta, formatTime, friendly, PHASES, sleep } from "./api.js";

const config = JSON.parse(document.getElementById("ecg-config").textContent);
const $ = (id) => document.getElementById(id);
const videoEl = $("video");
const videoId = config.video.id;
const STYLE_FIELDS = ["font_family", "font_size", "font_weight", "text_color", "highlight_color",
  "stroke_width", "position", "animation", "max_words_per_line", "lines_per_caption", "uppercase",
  "highlight_active"];
const LAYOUT_FIELDS = ["max_words_per_line", "max_chars_per_line", "lines_per_caption"];
const NUDGE = 0.05;

const state = {
  transcript: null, etag: null, history: [], future: [], dirty: false, saving: false,
  saveTimer: null, layoutTimer: null, preset: "classic", overrides: {}, selected: null,
  model: { captions: [] },
};

// --- style -------------------------------------------------------------------------------------
const presetStyle = (name) => config.presets.find((p) => p.name === name).style;
const currentStyle = () => ({ ...presetStyle(state.preset), ...state.overrides });
const styleRequest = () => ({ preset: state.preset, ...state.overrides });

const renderer = new CaptionRenderer($("stage"), { width: 640, height: 360 });
renderer.setStyle(currentStyle());

function fitStage() {
  const rect = videoEl.getBoundingClientRect();
  if (!rect.width) return;
  const ratio = (config.video.width || 16) / (config.video.height || 9);
  let width = rect.width;
  let height = width / ratio;
  if (height > rect.height) { height = rect.height; width = height * ratio; }
  const stage = $("stage");
  stage.style.left = `${(rect.width - width) / 2}px`;
  stage.style.top = `${(rect.height - height) / 2}px`;
  renderer.resize(width, height);
}
new ResizeObserver(fitStage).observe(videoEl);

function buildStylePanel() {
  const presets = $("presets");
  config.presets.forEach((preset) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "preset";
    button.setAttribute("role", "radio");
    button.dataset.preset = preset.name;
    button.innerHTML = `<img src="/static/captions/presets/${preset.name}.png" alt=""><span>${preset.label}</span>`;
    button.addEventListener("click", () => choosePreset(preset.name));
    presets.append(button);
  });
  const fonts = $("s-font_family");
  config.fonts.forEach((font) => fonts.append(new Option(font, font)));
  STYLE_FIELDS.forEach((field) => {
    const el = $(`s-${field}`);
    el.addEventListener("input", () => {
      let value = el.type === "checkbox" ? el.checked : el.value;
      if (["font_size", "font_weight", "stroke_width", "max_words_per_line", "lines_per_caption"].includes(field)) {
        value = Number(value);
      }
      if (el.type === "color") value = value.toUpperCase();
      state.overrides[field] = value;
      applyStyle(LAYOUT_FIELDS.includes(field));
    });
  });
}

function syncStylePanel() {
  const style = currentStyle();
  document.querySelectorAll(".preset").forEach((b) => {
    b.setAttribute("aria-checked", String(b.dataset.preset === state.preset));
  });
  STYLE_FIELDS.forEach((field) => {
    const el = $(`s-${field}`);
    if (el.type === "checkbox") el.checked = Boolean(style[field]);
    else if (el.type === "color") el.value = String(style[field]).slice(0, 7).toLowerCase();
    else el.value = String(style[field]);
  });
}

function choosePreset(name) {
  state.preset = name;
  state.overrides = {};
  syncStylePanel();
  applyStyle(true);
}

function applyStyle(relayout) {
  renderer.setStyle(currentStyle());
  localStorage.setItem(`ecg-style-${videoId}`, JSON.stringify(styleRequest()));
  if (relayout) scheduleLayout(0);
}

// --- preview -----------------------------------------------------------------------------------
function scheduleLayout(delay = 200) {
  clearTimeout(state.layoutTimer);
  state.layoutTimer = setTimeout(async () => {
    if (!state.transcript) return;
    try {
      const { data } = await api("/api/v1/captions/layout", {
        method: "POST", body: { transcript: state.transcript, style: styleRequest() },
      });
      state.model = { captions: data.captions };
      renderer.setModel(state.model);
    } catch (error) {
      setSave(`Preview not updated: ${friendly(error)}`, "error");
    }
  }, delay);
}

function frame() {
  const t = videoEl.currentTime;
  renderer.render(t);
  $("clock").textContent = formatTime(t);
  followPlayback(t);
  requestAnimationFrame(frame);
}

// --- transcript --------------------------------------------------------------------------------
const words = () => state.transcript.segments.flatMap((segment, s) =>
  segment.words.map((word, w) => ({ word, s, w })));

function recompute() {
  const segments = state.transcript.segments.filter((segment) => segment.words.length);
  segments.forEach((segment) => {
    segment.start = segment.words[0].start;
    segment.end = segment.words[segment.words.length - 1].end;
    segment.text = segment.words.map((w) => w.text).join(" ");
  });
  state.transcript.segments = segments;
}

function change(mutate) {
  state.history.push(JSON.stringify(state.transcript));
  if (state.history.length > 200) state.history.shift();
  state.future = [];
  mutate();
  recompute();
  afterChange();
}

function afterChange() {
  state.dirty = true;
  $("undo").disabled = !state.history.length;
  $("redo").disabled = !state.future.length;
  drawTranscript();
  scheduleLayout();
  scheduleSave();
}

function undo() {
  if (!state.history.length) return;
  state.future.push(JSON.stringify(state.transcript));
  state.transcript = JSON.parse(state.history.pop());
  afterChange();
}

function redo() {
  if (!state.future.length) return;
  state.history.push(JSON.stringify(state.transcript));
  state.transcript = JSON.parse(state.future.pop());
  afterChange();
}

function speakerLabel(id) {
  return state.transcript.speakers.find((s) => s.id === id)?.label || id;
}

function drawTranscript() {
  const root = $("transcript");
  root.replaceChildren();
  state.transcript.segments.forEach((segment, s) => {
    const row = document.createElement("div");
    row.className = "segment";
    const select = document.createElement("select");
    select.setAttribute("aria-label", `Speaker of line ${s + 1}`);
    state.transcript.speakers.forEach((sp) => select.append(new Option(sp.label, sp.id, false, sp.id === segment.speaker)));
    select.addEventListener("change", () => change(() => {
      segment.speaker = select.value;
      segment.words.forEach((w) => { w.speaker = select.value; });
    }));
    const text = document.createElement("div");
    text.className = "words";
    segment.words.forEach((word, w) => {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "word";
      chip.textContent = word.text;
      chip.dataset.s = s;
      chip.dataset.w = w;
      chip.dataset.start = String(word.start);
      chip.title = `${formatTime(word.start)} – ${formatTime(word.end)} · double-click to edit`;
      chip.addEventListener("click", () => select_(s, w, true));
      chip.addEventListener("dblclick", () => editWord(chip, s, w));
      chip.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === "F2") { event.preventDefault(); editWord(chip, s, w); }
      });
      text.append(chip);
    });
    const merge = document.createElement("button");
    merge.type = "button";
    merge.className = "ghost small merge";
    merge.textContent = "Merge with next";
    merge.disabled = s === state.transcript.segments.length - 1;
    merge.addEventListener("click", () => change(() => {
      const next = state.transcript.segments[s + 1];
      segment.words.push(...next.words);
      state.transcript.segments.splice(s + 1, 1);
    }));
    row.append(select, text, merge);
    root.append(row);
  });
  drawSpeakers();
  markSelection();
}

function drawSpeakers() {
  const root = $("speakers");
  root.replaceChildren();
  const title = document.createElement("h3");
  title.textContent = "Speakers";
  root.append(title);
  state.transcript.speakers.forEach((speaker) => {
    const line = document.createElement("div");
    line.className = "speaker-row";
    const name = document.createElement("input");
    name.value = speaker.label;
    name.setAttribute("aria-label", `Name of ${speaker.id}`);
    name.addEventListener("change", () => change(() => { speaker.label = name.value.trim() || speaker.id; }));
    const color = document.createElement("input");
    color.type = "color";
    color.setAttribute("aria-label", `Caption color of ${speaker.label}`);
    color.value = (state.overrides.speaker_colors?.[speaker.id] || currentStyle().text_color).slice(0, 7).toLowerCase();
    color.addEventListener("input", () => {
      state.overrides.speaker_colors = { ...(state.overrides.speaker_colors || {}), [speaker.id]: color.value.toUpperCase() };
      applyStyle(false);
    });
    line.append(name, color);
    root.append(line);
  });
}

function editWord(chip, s, w) {
  const word = state.transcript.segments[s].words[w];
  const input = document.createElement("input");
  input.className = "word-input";
  input.value = word.text;
  input.setAttribute("aria-label", "Word text");
  chip.replaceWith(input);
  input.focus();
  input.select();
  let done = false;
  const finish = (commit) => {
    if (done) return;
    done = true;
    const value = input.value.trim();
    if (!commit || value === word.text) { drawTranscript(); return; }
    change(() => {
      const segment = state.transcript.segments[s];
      const parts = value.split(/\s+/).filter(Boolean);
      if (!parts.length) { segment.words.splice(w, 1); return; }
      const span = (word.end - word.start) / parts.length;
      const replacement = parts.map((text, i) => ({
        ...word, text, start: +(word.start + i * span).toFixed(3), end: +(word.start + (i + 1) * span).toFixed(3),
      }));
      replacement[replacement.length - 1].end = word.end;
      segment.words.splice(w, 1, ...replacement);
    });
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); finish(true); }
    if (event.key === "Escape") { event.preventDefault(); finish(false); }
  });
  input.addEventListener("blur", () => finish(true));
}

function select_(s, w, seek) {
  state.selected = { s, w };
  const word = state.transcript.segments[s].words[w];
  if (seek) videoEl.currentTime = word.start + 0.001;
  $("word-tools").hidden = false;
  $("word-label").textContent = word.text;
  $("word-start").value = word.start.toFixed(2);
  $("word-end").value = word.end.toFixed(2);
  markSelection();
}

function markSelection() {
  document.querySelectorAll(".word.selected").forEach((el) => el.classList.remove("selected"));
  if (!state.selected) return;
  const { s, w } = state.selected;
  const word = state.transcript.segments[s]?.words[w];
  if (!word) { state.selected = null; $("word-tools").hidden = true; return; }
  $("word-label").textContent = word.text;
  document.querySelector(`.word[data-s="${s}"][data-w="${w}"]`)?.classList.add("selected");
}

function setTime(which, value) {
  if (!state.selected) return;
  const { s, w } = state.selected;
  const list = words();
  const index = list.findIndex((x) => x.s === s && x.w === w);
  const word = list[index].word;
  const before = list[index - 1]?.word;
  const after = list[index + 1]?.word;
  const duration = state.transcript.duration;
  change(() => {
    if (which === "start") word.start = +Math.min(Math.max(value, before ? before.end : 0), word.end).toFixed(3);
    else word.end = +Math.max(Math.min(value, after ? after.start : duration), word.start).toFixed(3);
  });
  select_(s, w, false);
}

let lastActive = null;
function followPlayback(t) {
  if (!state.transcript) return;
  let active = null;
  for (const chip of document.querySelectorAll(".word")) {
    const word = state.transcript.segments[chip.dataset.s]?.words[chip.dataset.w];
    if (word && word.start <= t) active = chip; else if (word) break;
  }
  if (active === lastActive) return;
  lastActive?.classList.remove("active");
  active?.classList.add("active");
  if (active && !videoEl.paused) active.scrollIntoView({ block: "nearest" });
  lastActive = active;
}

function stepWord(direction) {
  const list = words();
  if (!list.length) return;
  const t = videoEl.currentTime;
  let index = list.findIndex((x) => x.word.start > t + 0.01);
  if (index < 0) index = list.length;
  index = direction > 0 ? Math.min(index, list.length - 1) : Math.max(index - 2, 0);
  select_(list[index].s, list[index].w, true);
}

// --- saving ------------------------------------------------------------------------------------
function setSave(text, kind = "") {
  const el = $("save-state");
  el.textContent = text;
  el.dataset.kind = kind;
}

function scheduleSave() {
  clearTimeout(state.saveTimer);
  if (state.conflict) return;
  setSave("Unsaved changes", "pending");
  state.saveTimer = setTimeout(save, 1200);
}

async function save() {
  clearTimeout(state.saveTimer);
  if (!state.dirty || state.saving) return;
  state.saving = true;
  setSave("Saving…", "pending");
  const sent = JSON.stringify(state.transcript);
  try {
    const { data, response } = await api(`/api/v1/videos/${videoId}/transcript`, {
      method: "PUT", body: JSON.parse(sent), headers: state.etag ? { "If-Match": state.etag } : {},
    });
    state.etag = response.headers.get("ETag");
    state.dirty = JSON.stringify(state.transcript) !== sent;
    if (!state.dirty) state.transcript.speakers = data.speakers;
    setSave(state.dirty ? "Unsaved changes" : "All changes saved", state.dirty ? "pending" : "ok");
  } catch (error) {
    state.conflict = error.code === "TRANSCRIPT_CONFLICT";
    setSave(state.conflict ? "Changed elsewhere: reload to see the latest version"
      : `Not saved: ${friendly(error)}`, "error");
  } finally {
    state.saving = false;
    if (state.dirty && !state.conflict) state.saveTimer = setTimeout(save, 5000);
  }
}

window.addEventListener("beforeunload", (event) => {
  if (state.dirty || state.saving) { event.preventDefault(); event.returnValue = ""; }
});

// --- export ------------------------------------------------------------------------------------
function exportMessage(text, isError) {
  $("export-error").hidden = !isError;
  if (isError) $("export-error").textContent = text;
  else $("export-status").textContent = text;
}

async function startExport() {
  $("export").disabled = true;
  exportMessage("", true);
  $("export-error").hidden = true;
  try {
    if (state.dirty) await save();
    if (state.dirty) throw new Error("Save your changes before exporting.");
    const { data: job } = await api("/api/v1/renders", {
      method: "POST", body: { video: videoId, style: styleRequest() },
    });
    await followExport(job.id);
  } catch (error) {
    exportMessage(error.code ? friendly(error) : error.message, true);
  } finally {
    $("export").disabled = false;
  }
}

async function followExport(jobId) {
  $("export-panel").hidden = false;
  $("export-download").hidden = true;
  $("export-cancel").hidden = false;
  $("export-cancel").onclick = () => api(`/api/v1/renders/${jobId}/cancel`, { method: "POST" }).catch(() => {});
  for (;;) {
    const { data: job } = await api(`/api/v1/renders/${jobId}`);
    $("export-bar").style.width = `${job.progress}%`;
    $("export-bar").parentElement.setAttribute("aria-valuenow", String(job.progress));
    if (job.status === "succeeded") {
      exportMessage("Your video is ready.");
      $("export-cancel").hidden = true;
      const link = $("export-download");
      link.href = job.download_url;
      link.hidden = false;
      return;
    }
    if (job.status === "failed" || job.status === "canceled") {
      $("export-cancel").hidden = true;
      exportMessage(job.status === "canceled" ? "Export canceled." : `Export failed: ${job.error?.message}`, job.status === "failed");
      return;
    }
    const eta = job.eta_seconds != null ? ` · ${formatEta(job.eta_seconds)}` : "";
    exportMessage(`${PHASES[job.phase] || "Queued"} · ${job.progress}%${eta}`);
    await sleep(1000);
  }
}

// --- loading -----------------------------------------------------------------------------------
async function loadTranscript() {
  for (;;) {
    try {
      const { data, response } = await api(`/api/v1/videos/${videoId}/transcript`);
      state.transcript = data;
      state.etag = response.headers.get("ETag");
      $("transcription-status").hidden = true;
      setSave("All changes saved", "ok");
      return;
    } catch (error) {
      if (error.code !== "TRANSCRIPT_NOT_READY") { setSave(friendly(error), "error"); throw error; }
      const job = error.details.transcription;
      $("transcription-status").hidden = false;
      if (job && (job.status === "failed" || job.status === "canceled")) {
        $("transcription-text").textContent = `Transcription ${job.status}. Try again from the API or ask support.`;
        throw error;
      }
      $("transcription-text").textContent = job ? `${PHASES[job.phase] || "Queued"} · ${job.progress}%` : "Waiting for the transcript…";
      $("transcription-bar").style.width = `${job?.progress || 0}%`;
      setSave("Transcribing…", "pending");
      await sleep(1500);
    }
  }
}

function bindKeys() {
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") { event.preventDefault(); (event.shiftKey ? redo : undo)(); return; }
    if (mod && event.key.toLowerCase() === "y") { event.preventDefault(); redo(); return; }
    if (mod && event.key.toLowerCase() === "s") { event.preventDefault(); save(); return; }
    if (typing) return;
    if (event.key === " ") { event.preventDefault(); togglePlay(); }
    else if (event.key === "ArrowRight" && !event.altKey) { event.preventDefault(); stepWord(1); }
    else if (event.key === "ArrowLeft" && !event.altKey) { event.preventDefault(); stepWord(-1); }
    else if (event.altKey && state.selected && ["ArrowLeft", "ArrowRight"].includes(event.key)) {
      event.preventDefault();
      const word = state.transcript.segments[state.selected.s].words[state.selected.w];
      const delta = event.key === "ArrowRight" ? NUDGE : -NUDGE;
      if (event.shiftKey) setTime("end", word.end + delta); else setTime("start", word.start + delta);
    }
  });
}

function togglePlay() {
  if (videoEl.paused) videoEl.play(); else videoEl.pause();
}

async function main() {
  buildStylePanel();
  const saved = JSON.parse(localStorage.getItem(`ecg-style-${videoId}`) || "null");
  if (saved && config.presets.some((p) => p.name === saved.preset)) {
    const { preset, ...overrides } = saved;
    state.preset = preset;
    state.overrides = overrides;
  }
  syncStylePanel();
  renderer.setStyle(currentStyle());
  bindKeys();
  videoEl.addEventListener("play", () => { $("play").textContent = "Pause"; });
  videoEl.addEventListener("pause", () => { $("play").textContent = "Play"; });
  videoEl.addEventListener("loadedmetadata", fitStage);
  $("play").addEventListener("click", togglePlay);
  $("prev-word").addEventListener("click", () => stepWord(-1));
  $("next-word").addEventListener("click", () => stepWord(1));
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("word-start").addEventListener("change", (e) => setTime("start", Number(e.target.value)));
  $("word-end").addEventListener("change", (e) => setTime("end", Number(e.target.value)));
  $("word-split").addEventListener("click", () => {
    const { s, w } = state.selected || {};
    if (s === undefined || w === 0) return;
    change(() => {
      const segment = state.transcript.segments[s];
      const tail = segment.words.splice(w);
      state.transcript.segments.splice(s + 1, 0, { ...segment, words: tail });
    });
    state.selected = { s: s + 1, w: 0 };
    markSelection();
  });
  $("word-delete").addEventListener("click", () => {
    const { s, w } = state.selected || {};
    if (s === undefined) return;
    change(() => state.transcript.segments[s].words.splice(w, 1));
    state.selected = null;
    $("word-tools").hidden = true;
  });
  $("export").addEventListener("click", startExport);
  requestAnimationFrame(frame);
  await loadTranscript();
  drawTranscript();
  scheduleLayout(0);
}

main();
