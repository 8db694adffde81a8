// The video with the shared caption renderer drawn over it: the export's own layout (asked
// of the server when words or line settings change) and the export's own drawing code.
import { CaptionRenderer } from "../../../captions/renderer.js";
import { api, friendly } from "../../api.js";

const LAYOUT_FIELDS = ["max_words_per_line", "max_chars_per_line", "lines_per_caption"];
const LAYOUT_DELAY_MS = 200;

export class PreviewView {
  constructor({ video, stage, aspect, store, effectiveStyle, onError }) {
    this.video = video;
    this.stage = stage;
    this.aspect = aspect;
    this.store = store;
    this.effectiveStyle = effectiveStyle;
    this.onError = onError;
    this.renderer = new CaptionRenderer(stage, { width: 640, height: 360 });
    this.renderer.setStyle(effectiveStyle());
    this.timer = null;
    this.layoutKey = null;
    this.request = 0;
    new ResizeObserver(() => this.fit()).observe(video);
    video.addEventListener("loadedmetadata", () => this.fit());
  }

  /** The stage covers the picture inside the player (letterboxed by the aspect ratio). */
  fit() {
    const rect = this.video.getBoundingClientRect();
    if (!rect.width) return;
    let width = rect.width;
    let height = width / this.aspect;
    if (height > rect.height) { height = rect.height; width = height * this.aspect; }
    this.stage.style.left = `${(rect.width - width) / 2}px`;
    this.stage.style.top = `${(rect.height - height) / 2}px`;
    this.renderer.resize(width, height);
  }

  /** After a change: restyle at once; lay out again when the words or line settings changed. */
  update() {
    const style = this.effectiveStyle();
    this.renderer.setStyle(style);
    const key = [this.store.model, ...LAYOUT_FIELDS.map((field) => style[field])];
    if (this.layoutKey && key.every((part, i) => part === this.layoutKey[i])) return;
    const wordsChanged = !this.layoutKey || this.layoutKey[0] !== key[0]; // debounce typing
    this.layoutKey = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.layout(), wordsChanged ? LAYOUT_DELAY_MS : 0);
  }

  async layout() {
    const request = ++this.request;
    try {
      const { data } = await api("/api/v1/captions/layout", {
        method: "POST", body: { transcript: this.store.transcript(), style: this.store.style },
      });
      if (request === this.request) this.renderer.setModel({ captions: data.captions });
    } catch (error) {
      this.onError(`Preview not updated: ${friendly(error)}`);
    }
  }

  draw(t) {
    this.renderer.render(t);
  }
}
