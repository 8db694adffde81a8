// Speakers: rename, caption colour, add one, merge one into another.
export class SpeakersView {
  constructor(root, { store, effectiveStyle, onRename, onColor, onAdd, onMerge }) {
    this.root = root;
    this.store = store;
    this.effectiveStyle = effectiveStyle;
    this.handlers = { onRename, onColor, onAdd, onMerge };
    this.drawn = null;
  }

  /** Redrawn when the speakers or the style (their colours) changed. */
  render(force = false) {
    const { speakers } = this.store.model;
    const key = [speakers, this.store.style];
    if (!force && this.drawn && key.every((part, i) => part === this.drawn[i])) return;
    this.drawn = key;
    const title = document.createElement("h3");
    title.textContent = "Speakers";
    const rows = speakers.map((speaker) => this.row(speaker, speakers));
    const add = document.createElement("button");
    add.type = "button";
    add.className = "ghost small";
    add.id = "speaker-add";
    add.textContent = "Add speaker";
    add.addEventListener("click", () => this.handlers.onAdd());
    this.root.replaceChildren(title, ...rows, add);
  }

  row(speaker, speakers) {
    const line = document.createElement("div");
    line.className = "speaker-row";
    const name = document.createElement("input");
    name.value = speaker.label;
    name.setAttribute("aria-label", `Name of ${speaker.id}`);
    name.addEventListener("change", () => this.handlers.onRename(speaker.id, name.value));
    const color = document.createElement("input");
    color.type = "color";
    color.setAttribute("aria-label", `Caption color of ${speaker.label}`);
    color.value = this.colorOf(speaker.id).slice(0, 7).toLowerCase();
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

  colorOf(speakerId) {
    const style = this.effectiveStyle();
    return style.speaker_colors?.[speakerId] || style.text_color;
  }
}
