// "Transcribe again as …": the editor's language block. It says which language the words were
// transcribed as and how sure the detection was; when it was unsure, it offers the next
// likeliest languages; any language Whisper knows can be picked, with words of the video for
// the recognizer (names it misheard). A new transcription replaces the words (the creator's
// edits to them are not kept), then the editor loads it.
import { api, asApiError, friendly, PHASES, sleep } from "../../api.js";
import { byId } from "../../dom.js";
import { splitTerms } from "../../terms.js";

/** @typedef {{language: string, probability: number}} LanguageCandidate */
/** @typedef {{language: string, probability: number, candidates: LanguageCandidate[]}} LanguageDetection */
/** @typedef {{code: string, name: string}} Language */
/**
 * @typedef {object} RetranscribeOptions
 * @property {string} videoId
 * @property {Language[]} languages the languages Whisper knows, by name
 * @property {LanguageDetection | null} detection what detection found (null: the language was given)
 * @property {number} unsureBelow a detection less sure than this is questioned
 * @property {() => Promise<unknown>} beforeStart saves pending edits first
 * @property {() => void} onDone loads the new transcript
 */

const POLL_MS = 1500;
const percent = (/** @type {number} */ p) => `${Math.round(p * 100)} %`;

export class RetranscribeFlow {
  /**
   * @param {HTMLElement} root the block (#language-block) with its controls inside
   * @param {RetranscribeOptions} options
   */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    /** @type {Map<string, string>} */
    this.names = new Map(options.languages.map((language) => [language.code, language.name]));
    this.pick = byId("language-pick", HTMLSelectElement);
    this.status = byId("language-status");
    this.words = byId("language-words", HTMLInputElement);
    for (const { code, name } of options.languages) this.pick.add(new Option(name, code));
    byId("language-go").addEventListener("click", () => this.start(this.pick.value));
  }

  /** @param {string} code */
  name(code) {
    return this.names.get(code) || code;
  }

  /**
   * What detection found in the latest transcription of the words, for an editor opened
   * before it ended (the page's own copy is from when it loaded).
   * @returns {Promise<LanguageDetection | null>}
   */
  async latestDetection() {
    try {
      const job = (await api(`/api/v1/videos/${this.options.videoId}`)).data.transcription;
      return job?.status === "succeeded" && !job.options?.speakers_only ? job.language_detection : null;
    } catch {
      return null; // the block works without it
    }
  }

  /**
   * Show the block for the transcript's language.
   * @param {string} language
   */
  async show(language) {
    this.options.detection ??= await this.latestDetection();
    const detection = this.options.detection?.language === language ? this.options.detection : null;
    const how = detection ? ` (detected, ${percent(detection.probability)} sure)` : "";
    byId("language-current").textContent = `Transcribed as ${this.name(language)}${how}.`;
    const unsure = byId("language-unsure");
    unsure.replaceChildren();
    unsure.hidden = !detection || detection.probability >= this.options.unsureBelow;
    if (detection && !unsure.hidden) {
      unsure.append(`The detection was unsure. Is it `);
      detection.candidates.forEach((candidate, index) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ghost small";
        button.dataset.language = candidate.language;
        button.textContent = this.name(candidate.language);
        button.title = `Transcribe again as ${this.name(candidate.language)} (${percent(candidate.probability)} likely)`;
        button.addEventListener("click", () => this.start(candidate.language));
        unsure.append(index ? " or " : "", button);
      });
      unsure.append("?");
    }
    this.pick.value = language;
    this.root.hidden = false;
  }

  /**
   * Transcribe the video again in `code`, follow the job, then load its transcript.
   * @param {string} code
   */
  async start(code) {
    const buttons = [...this.root.querySelectorAll("button")];
    buttons.forEach((button) => { button.disabled = true; });
    try {
      await this.options.beforeStart();
      const url = `/api/v1/videos/${this.options.videoId}`;
      const body = { language: code, vocabulary: splitTerms(this.words.value) };
      const { data: job } = await api(`${url}/retranscribe`, { method: "POST", body });
      for (let state = job; ; await sleep(POLL_MS)) {
        state = (await api(url)).data.transcription;
        if (state?.id !== job.id) continue;
        if (state.status === "succeeded") break;
        if (!["queued", "running"].includes(state.status)) throw new Error(`Transcription ${state.status}: ${state.error?.message || "try again"}`);
        this.status.textContent = `Transcribing as ${this.name(code)}: ${PHASES[state.phase] || "queued"} · ${state.progress}%`;
      }
      this.status.textContent = `Transcribed as ${this.name(code)}. Loading…`;
      this.options.onDone();
    } catch (error) {
      this.status.textContent = friendly(asApiError(error));
      buttons.forEach((button) => { button.disabled = false; });
    }
  }
}
