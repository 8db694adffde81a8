// The editor page's composition root: makes the store, the views and the flows, and wires them
// together. The rules live in the modules it wires; what is drawn is the style the server
// resolved (store.resolved), what the controls show is the creator's choice (style.js).
import { formatTime, friendly } from "../api.js";
import { byId, controlById, pageData } from "../dom.js";
import { pageTeller } from "../notify.js";
import { bindControls } from "./controls.js";
import { replaceMatches, vocabularyTerms } from "./flows/find-replace.js";
import { keepKnownFont, fontUsers, styleAfterFontChange } from "./flows/fonts.js";
import { Playhead } from "./flows/playhead.js";
import { recolorSpeaker, SpeakersFlow } from "./flows/speakers.js";
import { TranscriptFlow } from "./flows/transcript.js";
import { waveformLoader } from "./flows/waveform.js";
import * as ops from "./model.js";
import { retypeWords } from "./retype.js";
import { EditorStore } from "./store.js";
import { chosenStyle, savedStyle, speakerColorOf } from "./style.js";
import { Autosave, transcriptSaver } from "./sync.js";
import { RetranscribeFlow } from "./flows/retranscribe.js";
import { BrandFontsView } from "./views/brand-fonts.js";
import { ExportPanelView } from "./views/export-panel.js";
import { FindPanelView } from "./views/find-panel.js";
import { PresetPreviewsView } from "./views/preset-previews.js";
import { PreviewView } from "./views/preview.js";
import { SpeakersView } from "./views/speakers.js";
import { StylePanelView } from "./views/style-panel.js";
import { TagLooksView } from "./views/tag-looks.js";
import { TimelineView } from "./views/timeline.js";
import { UserPresetsView } from "./views/user-presets.js";
import { TranscriptView } from "./views/transcript.js";
import { WordToolsView } from "./views/word-tools.js";

/** @type {import("./types.js").EditorConfig} */
const config = pageData("ecg-config");
const $ = (/** @type {string} */ id) => byId(id);
const videoEl = byId("video", HTMLVideoElement);
const videoId = config.video.id;
const size = { width: config.video.width || 1920, height: config.video.height || 1080 };
const styleKey = `ecg-style-${videoId}`;
const safeAreaKey = `ecg-safe-area-${videoId}`;

/** The creator's brand fonts: made first, since the font list comes from them. */
/** @type {BrandFontsView} */
const brandFonts = new BrandFontsView($("brand-fonts"), {
  fonts: config.user_fonts,
  usedBy: (family) => fontUsers(family, { captionFamily: shown().font_family, presets: userPresets.presets }),
  onChange: (_fonts, change) => fontsChanged(change),
});
/** @returns {import("./flows/fonts.js").Family[]} the bundled families, then the creator's */
const families = () => [...config.fonts, ...brandFonts.families()];

/** @type {EditorStore} */
const store = new EditorStore({ style: savedStyle(localStorage, styleKey, config.presets, (style) => keepKnownFont(style, families())) });
/** @returns {import("./style.js").Style} what the controls show */
const shown = () => chosenStyle(config.presets, store.style);
const speakerColors = () => speakerColorOf(store.resolved, shown().text_color);

/** @type {import("./sync.js").OnSaveState} */
function setSave(text, kind = "") {
  $("save-state").textContent = text;
  $("save-state").dataset.kind = kind;
}

const autosave = new Autosave({ store, put: transcriptSaver(videoId), onState: setSave });
const run = (/** @type {import("./types.js").Operation | null} */ op) => store.dispatch(op);
const model = () => store.loadedModel();
const playhead = new Playhead({ store, video: videoEl });
const transcript = new TranscriptFlow({
  videoId, store, autosave, onState: setSave,
  status: { box: $("transcription-status"), text: $("transcription-text"), bar: $("transcription-bar") },
});

const safeAreaSelect = controlById("safe-area");
const safeArea = () => safeAreaSelect.value;
safeAreaSelect.value = localStorage.getItem(safeAreaKey) || "auto";
if (!safeAreaSelect.value) safeAreaSelect.value = "auto";

/** @type {PresetPreviewsView | null} made once the style panel's preset buttons exist */
let presetPreviews = null;
const preview = new PreviewView({
  video: videoEl,
  stage: $("stage"),
  guide: $("safe-guide"),
  size,
  safeArea: safeArea(),
  store,
  onError: (text) => setSave(text, "error"),
  onPlace: (place) => store.setStyle({ ...store.style, position: "custom", ...place }),
  onResolved: (style) => store.setResolved(style),
  onModel: (captionModel) => presetPreviews?.show(captionModel, videoEl.currentTime),
});

const transcriptView = new TranscriptView($("transcript"), {
  store,
  lowConfidence: config.low_confidence,
  counter: $("unsure-count"),
  onSeek: (wordId) => playhead.select(wordId, true),
  onEdit: (wordId, text, lastId) =>
    retypeWords(model, wordId, text, { videoId, newId: store.newId, lastId }).then(run),
  onMoveSegment: (segmentId, speakerId) => run(ops.moveSegmentToSpeaker(model(), segmentId, speakerId)),
  onMerge: (segmentId) => run(ops.mergeWithNext(model(), segmentId)),
});

new FindPanelView($("find-panel"), {
  store, transcript: $("transcript"), onReveal: (wordId) => playhead.select(wordId, true), vocabulary: vocabularyTerms,
  onReplace: (matches, text) => replaceMatches(model, matches, text, { videoId, newId: store.newId }).then(run),
});

/** @type {SpeakersView} */
const speakersView = new SpeakersView($("speakers"), {
  store,
  speakerColors,
  onRename: (speakerId, label) => run(ops.renameSpeaker(model(), speakerId, label)),
  onColor: (speakerId, color) => recolorSpeaker(store, speakerId, color),
  onAdd: () => run(ops.addSpeaker(model())),
  onMerge: (fromId, intoId) => run(ops.mergeSpeakers(model(), fromId, intoId)),
  onFindAgain: (count) => speakers.findAgain(count),
});
/** @type {SpeakersFlow} */
const speakers = new SpeakersFlow({ videoId, autosave, transcript, view: speakersView, onState: setSave });

/**
 * A word tool's action, taken only on a selected word.
 * @template {unknown[]} A
 * @param {(wordId: string, ...rest: A) => void} act
 * @returns {(wordId: string | null, ...rest: A) => void}
 */
const onSelected = (act) => (wordId, ...rest) => { if (wordId) act(wordId, ...rest); };
const wordTools = new WordToolsView({
  store,
  onRetime: onSelected((wordId, times) => run(ops.retime(model(), wordId, times))),
  onSplit: onSelected((wordId) => run(ops.splitBefore(model(), wordId, store.newId))),
  onDelete: onSelected((wordId) => {
    run(ops.deleteWord(model(), wordId));
    store.select(null);
  }),
  onSpeaker: onSelected((wordId, speakerId) => run(ops.moveWordToSpeaker(model(), wordId, speakerId))),
  onEmphasis: onSelected((wordId, value) => run(ops.setEmphasis(model(), wordId, value))),
  onAutoEmphasis: onSelected((wordId) => run(ops.clearEmphasis(model(), wordId, transcript.emphasis.get(wordId)))),
  onTag: onSelected((wordId, tag) => run(ops.tagWord(model(), wordId, tag))),
  onUntag: onSelected((wordId, tag) => run(ops.untagWord(model(), wordId, tag))),
});

const userPresets = new UserPresetsView($("user-presets"), {
  presets: config.user_presets,
  currentStyle: () => store.style,
  onApply: (style) => store.setStyle(keepKnownFont({ ...style }, families(), (text) => userPresets.message(text, true))),
});

/** A font uploaded becomes the caption's font (one undo step); the caption falls back to the
 * default font when the last file of its family was deleted. */
/** @param {import("./views/brand-fonts.js").FontChange} change */
function fontsChanged(change) {
  stylePanel.setOwnFonts(brandFonts.families());
  const say = (/** @type {string} */ text) => brandFonts.message(text);
  const next = styleAfterFontChange(change, { style: store.style, shown: shown(), families: families(), say });
  if (next) {
    store.setStyle(next);
  } else {
    stylePanel.render(store.style.preset);
    preview.update(); // the family's files may have changed
  }
}

const tagLooks = new TagLooksView($("tag-looks"), {
  store,
  chosenStyle: shown,
  onChange: (tagStyles) => store.setStyle({ ...store.style, tag_styles: tagStyles }),
});

const stylePanel = new StylePanelView({
  presets: config.presets,
  fonts: config.fonts,
  ownFonts: brandFonts.families(),
  chosenStyle: shown,
  onPreset: (name) => store.setStyle({ preset: name }),
  onField: (field, value) => store.setStyle({ ...store.style, [field]: value }),
  onFields: (fields) => store.setStyle({ ...store.style, ...fields }),
});
presetPreviews = new PresetPreviewsView(stylePanel.buttons, {
  size,
  poster: config.video.thumbnail,
  presetStyle: (name) => chosenStyle(config.presets, { preset: name }),
  safeArea: safeArea(),
});

const timeline = new TimelineView(byId("timeline", HTMLCanvasElement), {
  store,
  video: videoEl,
  duration: config.video.duration || 1,
  speakerColors,
  onSelect: (wordId) => playhead.select(wordId, false),
  onRetime: (wordId, times) => run(ops.retime(model(), wordId, times)),
  onMoveLine: (segmentId, delta) => run(ops.moveLine(model(), segmentId, delta)),
});

const exportPanel = new ExportPanelView({ videoId, store, autosave, output: () => ({ safe_area: safeArea() }),
  onEnded: pageTeller("export", config.video.filename) }); // an export ending out of sight is told

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
    preview.update();
  } else if (kind === "resolved") {
    if (store.model) speakersView.render();
    timeline.invalidate();
  } else if (kind === "selection") {
    timeline.reveal(store.selected);
    transcriptView.markSelection();
    wordTools.render();
  } else if (kind === "history") {
    byId("undo", HTMLButtonElement).disabled = !store.history.canUndo;
    byId("redo", HTMLButtonElement).disabled = !store.history.canRedo;
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

async function main() {
  stylePanel.render(store.style.preset);
  tagLooks.render();
  bindControls({
    byId: $, video: videoEl, store, playhead, autosave, timeline,
    onSafeArea: (name) => {
      localStorage.setItem(safeAreaKey, name);
      preview.setSafeArea(name);
      presetPreviews?.setSafeArea(name);
    },
  });
  requestAnimationFrame(frame);
  await transcript.load();
  new RetranscribeFlow($("language-block"), {
    videoId, languages: config.languages, detection: config.language_detection, unsureBelow: config.unsure_language,
    beforeStart: () => autosave.flush(), onDone: () => window.location.reload(),
  }).show(store.model?.meta.language ?? "");
  exportPanel.resume().catch((error) => setSave(friendly(error), "error"));
  timeline.loadWaveform(waveformLoader(videoId)).catch(() => {}); // the timeline works without one
  await speakers.resume();
}

main();
