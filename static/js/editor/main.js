// The editor page: wires the store, the views, autosave and the keyboard together.
import { api, followEvents, formatTime, friendly, PHASES, sleep } from "../api.js";
import { nearestWeight } from "../../captions/expression.js";
import * as ops from "./model.js";
import { EditorStore } from "./store.js";
import { Autosave } from "./sync.js";
import { RetranscribeFlow } from "./flows/retranscribe.js";
import { BrandFontsView } from "./views/brand-fonts.js";
import { ExportPanelView } from "./views/export-panel.js";
import { PresetPreviewsView } from "./views/preset-previews.js";
import { PreviewView } from "./views/preview.js";
import { SpeakersView } from "./views/speakers.js";
import { StylePanelView } from "./views/style-panel.js";
import { TagLooksView } from "./views/tag-looks.js";
import { TimelineView } from "./views/timeline.js";
import { UserPresetsView } from "./views/user-presets.js";
import { TranscriptView } from "./views/transcript.js";
import { WordToolsView } from "./views/word-tools.js";

const config = JSON.parse(document.getElementById("ecg-config").textContent);
const $ = (id) => document.getElementById(id);
const videoEl = $("video");
const videoId = config.video.id;
const NUDGE_SECONDS = 0.05;
const POLL_MS = 1500;
const styleKey = `ecg-style-${videoId}`;
const safeAreaKey = `ecg-safe-area-${videoId}`;

const presetStyle = (name) => config.presets.find((preset) => preset.name === name).style;
const DEFAULT_FAMILY = config.fonts[0].family;

/** The creator's brand fonts: made first, since the style's own faces come from it. */
const brandFonts = new BrandFontsView($("brand-fonts"), {
  fonts: config.user_fonts,
  usedBy: (family) => fontUsers(family),
  onChange: (fonts, change) => fontsChanged(change),
});

/** The family as the font list spells it, or null when it is neither bundled nor the
 * creator's (any more). */
function knownFamily(name) {
  const key = String(name).toLowerCase();
  const all = [...config.fonts, ...brandFonts.families()];
  return all.find((font) => font.family.toLowerCase() === key) || null;
}

/** A style whose font was deleted gets the default font instead, and says so. */
function withKnownFont(style, say) {
  const family = style.font_family ?? presetStyle(style.preset || "classic").font_family;
  const known = knownFamily(family);
  if (known) return known.family === style.font_family || !style.font_family ? style : { ...style, font_family: known.family };
  say?.(`"${family}" is no longer in your fonts: ${DEFAULT_FAMILY} is used instead.`);
  const weights = config.fonts[0].weights;
  return { ...style, font_family: DEFAULT_FAMILY, font_weight: nearestWeight(style.font_weight || 700, weights) };
}

function savedStyle() {
  const saved = JSON.parse(localStorage.getItem(styleKey) || "null");
  return saved && config.presets.some((preset) => preset.name === saved.preset) ? withKnownFont(saved) : { preset: "classic" };
}

const store = new EditorStore({ style: savedStyle() });
/** The preset, the creator's overrides, the speakers' colours from the transcript (a colour
 * set in the style wins, as in the export), and the files of a brand font for the renderer. */
const effectiveStyle = () => {
  const { preset, ...overrides } = store.style;
  const style = { ...presetStyle(preset), ...overrides };
  const colors = Object.fromEntries(
    (store.model?.speakers || []).filter((s) => s.color).map((s) => [s.id, s.color]));
  const faces = brandFonts.faces(style.font_family);
  return {
    ...style,
    speaker_colors: { ...colors, ...(style.speaker_colors || {}) },
    ...(faces.length ? { font_faces: faces } : {}),
  };
};

/** (speakerId, fallback) -> the colour its captions are drawn in (the export's rule: the
 * speaker's own colour, else the text colour or `fallback`), for the current style. */
const speakerColors = () => {
  const style = effectiveStyle();
  return (speakerId, fallback = style.text_color) => style.speaker_colors?.[speakerId] || fallback;
};

function setSave(text, kind = "") {
  $("save-state").textContent = text;
  $("save-state").dataset.kind = kind;
}

const autosave = new Autosave({ videoId, store, onState: setSave });
const run = (op) => store.dispatch(op);
const model = () => store.model;

const safeArea = () => $("safe-area").value;
$("safe-area").value = localStorage.getItem(safeAreaKey) || "auto";
if (!$("safe-area").value) $("safe-area").value = "auto";

const preview = new PreviewView({
  video: videoEl,
  stage: $("stage"),
  guide: $("safe-guide"),
  size: { width: config.video.width || 1920, height: config.video.height || 1080 },
  safeArea: safeArea(),
  store,
  effectiveStyle,
  onError: (text) => setSave(text, "error"),
  onPlace: (place) => store.setStyle({ ...store.style, position: "custom", ...place }),
  onModel: (captionModel) => presetPreviews?.show(captionModel, videoEl.currentTime),
});

const transcriptView = new TranscriptView($("transcript"), {
  store,
  lowConfidence: config.low_confidence,
  counter: $("unsure-count"),
  onSeek: (wordId) => select(wordId, true),
  onEdit: (wordId, text) => run(ops.editText(model(), wordId, text, store.newId)),
  onMoveSegment: (segmentId, speakerId) => run(ops.moveSegmentToSpeaker(model(), segmentId, speakerId)),
  onMerge: (segmentId) => run(ops.mergeWithNext(model(), segmentId)),
});

const speakersView = new SpeakersView($("speakers"), {
  store,
  speakerColors,
  onRename: (speakerId, label) => run(ops.renameSpeaker(model(), speakerId, label)),
  onColor: (speakerId, color) => {
    const { [speakerId]: _old, ...others } = store.style.speaker_colors || {};
    if (_old) store.setStyle({ ...store.style, speaker_colors: others }); // the transcript's wins now
    run(ops.setSpeakerColor(model(), speakerId, color));
  },
  onAdd: () => run(ops.addSpeaker(model())),
  onMerge: (fromId, intoId) => run(ops.mergeSpeakers(model(), fromId, intoId)),
  onFindAgain: findSpeakersAgain,
});

const wordTools = new WordToolsView({
  store,
  onRetime: (wordId, times) => run(ops.retime(model(), wordId, times)),
  onSplit: (wordId) => run(ops.splitBefore(model(), wordId, store.newId)),
  onDelete: (wordId) => {
    run(ops.deleteWord(model(), wordId));
    store.select(null);
  },
  onSpeaker: (wordId, speakerId) => run(ops.moveWordToSpeaker(model(), wordId, speakerId)),
  onEmphasis: (wordId, value) => run(ops.setEmphasis(model(), wordId, value)),
  onAutoEmphasis: (wordId) => run(ops.clearEmphasis(model(), wordId, computedEmphasis.get(wordId))),
  onTag: (wordId, tag) => run(ops.tagWord(model(), wordId, tag)),
  onUntag: (wordId, tag) => run(ops.untagWord(model(), wordId, tag)),
});

/** The emphasis the voice gave each word as loaded (to go back to after an override). */
const computedEmphasis = new Map();
function rememberEmphasis() {
  computedEmphasis.clear();
  for (const word of ops.allWords(model())) {
    if (!word.emphasis_set && word.emphasis != null) computedEmphasis.set(word.id, word.emphasis);
  }
}

const userPresets = new UserPresetsView($("user-presets"), {
  presets: config.user_presets,
  currentStyle: () => store.style,
  onApply: (style) => store.setStyle(withKnownFont({ ...style }, (text) => userPresets.message(text, true))),
});

/** What would lose its font if `family` went: this video's captions, presets. */
function fontUsers(family) {
  const key = family.toLowerCase();
  const users = effectiveStyle().font_family.toLowerCase() === key ? ["this video's captions"] : [];
  for (const preset of userPresets.presets) {
    if (String(preset.style.font_family).toLowerCase() === key) users.push(`your preset "${preset.name}"`);
  }
  return users;
}

/** A font was uploaded (it becomes the caption's font, one undo step) or deleted (the caption
 * falls back to the default font if it was its last file). */
function fontsChanged({ uploaded, deleted, lastOfFamily }) {
  stylePanel.setOwnFonts(brandFonts.families());
  const style = effectiveStyle();
  if (uploaded) {
    const family = knownFamily(uploaded.family);
    store.setStyle({
      ...store.style,
      font_family: family.family,
      font_weight: nearestWeight(style.font_weight, family.weights),
    });
  } else if (deleted && lastOfFamily && style.font_family.toLowerCase() === deleted.family.toLowerCase()) {
    store.setStyle(withKnownFont(store.style, (text) => brandFonts.message(text)));
  } else {
    stylePanel.render(store.style.preset);
    preview.update();
  }
}

const tagLooks = new TagLooksView($("tag-looks"), {
  store,
  effectiveStyle,
  onChange: (tagStyles) => store.setStyle({ ...store.style, tag_styles: tagStyles }),
});

let presetPreviews = null; // made once the style panel's preset buttons exist
const stylePanel = new StylePanelView({
  presets: config.presets,
  fonts: config.fonts,
  ownFonts: brandFonts.families(),
  effectiveStyle,
  onPreset: (name) => store.setStyle({ preset: name }),
  onField: (field, value) => store.setStyle({ ...store.style, [field]: value }),
  onFields: (fields) => store.setStyle({ ...store.style, ...fields }),
});
presetPreviews = new PresetPreviewsView(stylePanel.buttons, {
  size: { width: config.video.width || 1920, height: config.video.height || 1080 },
  poster: config.video.thumbnail,
  presetStyle,
  safeArea: safeArea(),
});

const timeline = new TimelineView($("timeline"), {
  store,
  video: videoEl,
  duration: config.video.duration || 1,
  speakerColors,
  onSelect: (wordId) => select(wordId, false),
  onRetime: (wordId, times) => run(ops.retime(model(), wordId, times)),
  onMoveLine: (segmentId, delta) => run(ops.moveLine(model(), segmentId, delta)),
});

const exportPanel = new ExportPanelView({ videoId, store, autosave, output: () => ({ safe_area: safeArea() }) });

function select(wordId, seek) {
  store.select(wordId);
  const found = wordId && ops.locate(model(), wordId);
  if (found && seek) videoEl.currentTime = found.word.start + 0.001;
}

store.subscribe(({ kind }) => {
  if (kind === "transcript") {
    timeline.invalidate();
    tagLooks.render();
    transcriptView.render();
    speakersView.render();
    wordTools.render();
    preview.update();
    autosave.changed();
  } else if (kind === "style") {
    localStorage.setItem(styleKey, JSON.stringify(store.style));
    stylePanel.render(store.style.preset);
    tagLooks.render();
    speakersView.render();
    timeline.invalidate();
    preview.update();
  } else if (kind === "selection") {
    timeline.reveal(store.selected);
    transcriptView.markSelection();
    wordTools.render();
  } else if (kind === "history") {
    $("undo").disabled = !store.history.canUndo;
    $("redo").disabled = !store.history.canRedo;
  }
});

function frame() {
  const t = videoEl.currentTime;
  preview.draw(t);
  timeline.tick(t, !videoEl.paused);
  $("clock").textContent = formatTime(t);
  if (store.model) transcriptView.follow(t, !videoEl.paused);
  requestAnimationFrame(frame);
}

/** Previous or next word from the playhead. */
function stepWord(direction) {
  const words = ops.allWords(model());
  if (!words.length) return;
  const current = ops.lastAtOrBefore(words.map((word) => word.start), videoEl.currentTime + 0.01);
  const index = Math.max(0, Math.min(words.length - 1, current + direction));
  select(words[index].id, true);
}

/** Move the selected word's start (or `part` "end"), the whole word ("word") or its whole
 * line ("line"). */
function nudge(direction, part) {
  const found = store.selected && ops.locate(model(), store.selected);
  if (!found) return;
  const delta = direction * NUDGE_SECONDS;
  const { id, start, end } = found.word;
  if (part === "line") run(ops.moveLine(model(), found.segment.id, delta));
  else if (part === "word") run(ops.moveWord(model(), id, delta));
  else run(ops.retime(model(), id, part === "end" ? { end: end + delta } : { start: start + delta }));
}

function togglePlay() {
  if (videoEl.paused) videoEl.play(); else videoEl.pause();
}

function bindKeys() {
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && key === "z") { event.preventDefault(); if (event.shiftKey) store.redo(); else store.undo(); return; }
    if (mod && key === "y") { event.preventDefault(); store.redo(); return; }
    if (mod && key === "s") { event.preventDefault(); autosave.flush(); return; }
    if (typing) return;
    if (event.key === " ") { event.preventDefault(); togglePlay(); } else if (event.altKey && ["ArrowLeft", "ArrowRight"].includes(event.key)) {
      event.preventDefault();
      const part = mod ? (event.shiftKey ? "line" : "word") : event.shiftKey ? "end" : "start";
      nudge(event.key === "ArrowRight" ? 1 : -1, part);
    } else if (event.key === "ArrowRight") { event.preventDefault(); stepWord(1); } else if (event.key === "ArrowLeft") { event.preventDefault(); stepWord(-1); }
  });
}

/** Speakers found again on the server (the saved words stay), then the result loaded. */
async function findSpeakersAgain(count) {
  try {
    await autosave.flush();
    const body = { speakers_only: true, ...(count ? { num_speakers: count } : {}) };
    const { data: job } = await api(`/api/v1/videos/${videoId}/retranscribe`, { method: "POST", body });
    await watchSpeakers(job.id);
  } catch (error) {
    setSave(friendly(error), "error");
  }
}

/** Wait for a "find speakers again" job (started here, or before a reload), then load its result. */
async function watchSpeakers(jobId) {
  setSave("Finding speakers…", "pending");
  const ended = (job) => job?.id === jobId && !["queued", "running"].includes(job.status);
  let state = null;
  const pushed = await followEvents(`/api/v1/videos/${videoId}/events`, "video", (data) => {
    state = data.transcription;
    return ended(state);
  });
  while (!pushed && !ended(state)) {
    await sleep(POLL_MS);
    state = (await api(`/api/v1/videos/${videoId}`)).data.transcription;
  }
  if (state.status !== "succeeded") {
    setSave(`Finding speakers ${state.status}: ${state.error?.message || "try again"}`, "error");
    return;
  }
  await autosave.flush();
  const { data: transcript, response } = await api(`/api/v1/videos/${videoId}/transcript`);
  store.loadTranscript(transcript, { replace: true });
  rememberEmphasis();
  autosave.loaded(response.headers.get("ETag"));
  const n = transcript.speakers.length;
  setSave(`${n} speaker${n > 1 ? "s" : ""} found`, "");
}

/** The waveform file, or null when the video has none yet (made by its transcription). */
async function loadWaveform() {
  const response = await fetch(`/api/v1/videos/${videoId}/waveform`, { credentials: "same-origin" });
  return response.ok ? response.arrayBuffer() : null; // 409: none yet
}

/** After a reload: a "find speakers again" still under way is shown and followed. */
async function resumeSpeakers() {
  const { data } = await api(`/api/v1/videos/${videoId}`);
  const job = data.transcription;
  if (!job?.options?.speakers_only || !["queued", "running"].includes(job.status)) return;
  await speakersView.whileFinding(() => watchSpeakers(job.id));
}

/** The transcription's state while there is no transcript; true once it failed for good. */
function showTranscription(job) {
  $("transcription-status").hidden = false;
  if (job && (job.status === "failed" || job.status === "canceled")) {
    $("transcription-text").textContent = `Transcription ${job.status}. Try again from the API or ask support.`;
    return true;
  }
  $("transcription-text").textContent = job ? `${PHASES[job.phase] || "Queued"} · ${job.progress}%` : "Waiting for the transcript…";
  $("transcription-bar").style.width = `${job?.progress || 0}%`;
  setSave("Transcribing…", "pending");
  return false;
}

async function loadTranscript() {
  for (;;) {
    try {
      const { data, response } = await api(`/api/v1/videos/${videoId}/transcript`);
      $("transcription-status").hidden = true;
      store.loadTranscript(data);
      rememberEmphasis();
      autosave.loaded(response.headers.get("ETag"));
      return;
    } catch (error) {
      if (error.code !== "TRANSCRIPT_NOT_READY") { setSave(friendly(error), "error"); throw error; }
      if (showTranscription(error.details.transcription)) throw error;
      // Wait for the transcript: pushed progress, or a poll when the stream is not available.
      const pushed = await followEvents(`/api/v1/videos/${videoId}/events`, "video", (video) =>
        video.transcript_revision != null || showTranscription(video.transcription));
      if (!pushed) await sleep(POLL_MS);
    }
  }
}

async function main() {
  stylePanel.render(store.style.preset);
  tagLooks.render();
  bindKeys();
  window.addEventListener("beforeunload", (event) => {
    if (autosave.pending) { event.preventDefault(); event.returnValue = ""; }
  });
  videoEl.addEventListener("play", () => { $("play").textContent = "Pause"; });
  videoEl.addEventListener("pause", () => { $("play").textContent = "Play"; });
  $("play").addEventListener("click", togglePlay);
  $("prev-word").addEventListener("click", () => stepWord(-1));
  $("next-word").addEventListener("click", () => stepWord(1));
  $("safe-area").addEventListener("change", () => {
    localStorage.setItem(safeAreaKey, safeArea());
    preview.setSafeArea(safeArea());
    presetPreviews.setSafeArea(safeArea());
  });
  $("safe-guide-toggle").addEventListener("change", (event) => { $("safe-guide").hidden = !event.target.checked; });
  $("zoom-in").addEventListener("click", () => timeline.zoom(1.5));
  $("zoom-out").addEventListener("click", () => timeline.zoom(1 / 1.5));
  $("zoom-fit").addEventListener("click", () => timeline.fit());
  $("undo").addEventListener("click", () => store.undo());
  $("redo").addEventListener("click", () => store.redo());
  requestAnimationFrame(frame);
  await loadTranscript();
  new RetranscribeFlow($("language-block"), { videoId, languages: config.languages, detection: config.language_detection,
    unsureBelow: config.unsure_language, beforeStart: () => autosave.flush(), onDone: () => window.location.reload() }).show(store.model.meta.language);
  exportPanel.resume().catch((error) => setSave(friendly(error), "error"));
  timeline.loadWaveform(loadWaveform).catch(() => {}); // the timeline works without one
  await resumeSpeakers();
}

main();
