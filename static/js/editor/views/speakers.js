// Speakers: rename, caption colour, add one, merge one into another, find them again. Each
// name is marked with the colour of the speaker's lines on the timeline.
import { speakerBar } from "../timeline-math.js";

/** @import { EditorStore } from "../store.js" */
/** @import { Speaker } from "../types.js" */
/** A speaker's caption colour, or `fallback` when they have none. @typedef {(speakerId: string, fallback?: string) => string} ColorOf */

export class SpeakersView {
  /**
   * @param {HTMLElement} root
   * @param {object} options
   * @param {EditorStore} options.store
   * @param {() => ColorOf} options.speakerColors
   * @param {(speakerId: string, label: string) => void} options.onRename
   * @param {(speakerId: string, color: string) => void} options.onColor
   * @param {() => void} options.onAdd
   * @param {(fromId: string, intoId: string) => void} options.onMerge
   * @param {(count: number | null) => Promise<void>} options.onFindAgain
   */
  constructor(root, { store, speakerColors, onRename, onColor, onAdd, onMerge, onFindAgain }) {
    this.root = root;
    this.store = store;
    this.speakerColors = speakerColors;
    this.handlers = { onRename, onColor, onAdd, onMerge, onFindAgain };
    this.finding = false;
    /** @type {unknown[] | null} what the list was drawn from */
    this.drawn = null;
  }

  /** Redrawn when the speakers or their colours (in the style the server resolved) changed. @param {boolean} [force] */
  render(force = false) {
    const { speakers } = this.store.loadedModel();
    const key = [speakers, this.store.resolved];
    const drawn = this.drawn;
    if (!force && drawn && key.every((part, i) => part === drawn[i])) return;
    this.drawn = key;
    const title = document.createElement("h3");
    title.textContent = "Speakers";
    const colorOf = this.speakerColors();
    const rows = speakers.map((speaker) => this.row(speaker, speakers, colorOf));
    const add = document.createElement("button");
    add.type = "button";
    add.className = "ghost small";
    add.id = "speaker-add";
    add.textContent = "Add speaker";
    add.addEventListener("click", () => this.handlers.onAdd());
    this.root.replaceChildren(title, ...rows, add, this.findAgain());
  }

  /** The button shows the search under way (and cannot start another) while `work` runs.
   * @param {() => Promise<void>} work */
  async whileFinding(work) {
    this.finding = true;
    this.render(true);
    try {
      await work();
    } finally {
      this.finding = false;
      this.render(true);
    }
  }

  /** Diarization again with a count (or found automatically); the words and edits stay. */
  findAgain() {
    const line = document.createElement("div");
    line.className = "speaker-row find-again";
    const count = document.createElement("select");
    count.id = "speaker-count";
    count.setAttribute("aria-label", "How many people speak");
    count.append(new Option("Count: automatic", ""));
    for (let n = 1; n <= 6; n += 1) count.append(new Option(`${n} speaker${n > 1 ? "s" : ""}`, String(n)));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ghost small";
    button.id = "find-speakers";
    button.textContent = this.finding ? "Finding speakers…" : "Find speakers again";
    button.disabled = this.finding;
    button.title = "Listen again for who speaks when; your words, names and colours stay";
    button.addEventListener("click", () => this.whileFinding(
      () => this.handlers.onFindAgain(count.value ? Number(count.value) : null)));
    line.append(count, button);
    return line;
  }

  /** @param {Speaker} speaker @param {Speaker[]} speakers @param {ColorOf} colorOf */
  row(speaker, speakers, colorOf) {
    const line = document.createElement("div");
    line.className = "speaker-row";
    const name = document.createElement("input");
    name.value = speaker.label;
    name.setAttribute("aria-label", `Name of ${speaker.id}`);
    name.style.borderLeft = `4px solid ${colorOf(speaker.id, speakerBar(speakers, speaker.id))}`;
    name.addEventListener("change", () => this.handlers.onRename(speaker.id, name.value));
    const color = document.createElement("input");
    color.type = "color";
    color.setAttribute("aria-label", `Caption color of ${speaker.label}`);
    color.value = colorOf(speaker.id).slice(0, 7).toLowerCase();
    color.addEventListener("change", () => this.handlers.onColor(speaker.id, color.value.toUpperCase()));
    line.append(name, color);
    if (speakers.length > 1) {
      const merge = document.createElement("select");
      merge.setAttribute("aria-label", `Merge ${speaker.label} into`);
      merge.append(new Option("Merge into…", ""));
      for (const other of speakers) {
        if (other.id !== speaker.id) merge.append(new Option(other.label, other.id));
      }
      merge.addEventListener("change", () => {
        if (merge.value) this.handlers.onMerge(speaker.id, merge.value);
      });
      line.append(merge);
    }
    return line;
  }
}
