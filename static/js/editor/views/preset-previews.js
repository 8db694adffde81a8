// Preset previews drawn by the shared caption renderer on a frame of the creator's own video:
// each preset's look of the caption at the playhead (or the first one), laid out at the
// export's size, then framed on the caption (zoomed so it is readable, with the frame of the
// video behind it), so a creator sees what a preset does to their video before picking it.
import { CaptionRenderer } from "../../../captions/renderer.js";

/** @import { CaptionModel, Style } from "../../../captions/types.js" */

export class PresetPreviewsView {
  /**
   * @param {HTMLElement[]} buttons the preset buttons (data-preset: the preset's name)
   * @param {object} options
   * @param {{ width: number, height: number }} options.size the export's size
   * @param {string | null | undefined} options.poster a frame of the video
   * @param {(name: string) => Style} options.presetStyle the style a preset draws
   * @param {string} options.safeArea
   */
  constructor(buttons, { size, poster, presetStyle, safeArea }) {
    this.size = size;
    this.items = buttons.map((button) => {
      const frame = document.createElement("div");
      frame.className = "preset-frame";
      frame.setAttribute("aria-hidden", "true"); // a picture of the look: the button's text names it
      if (poster) frame.style.backgroundImage = `url("${poster}")`;
      const stage = document.createElement("div");
      frame.append(stage);
      const renderer = new CaptionRenderer(stage, { ...size, safeArea });
      return { button, frame, stage, renderer, name: button.dataset.preset ?? "" };
    });
    this.presetStyle = presetStyle;
    const list = buttons[0]?.parentElement;
    if (list) new ResizeObserver(() => this.fit()).observe(list);
  }

  /** Each stage zoomed onto its caption: the caption fills most of the button (never
   * enlarged past the export's size), centred, with the video's frame moved along behind it. */
  fit() {
    for (const { frame, stage } of this.items) {
      const width = frame.clientWidth;
      const height = frame.clientHeight;
      stage.style.transform = "none"; // measure the drawn words at the export's size
      const origin = stage.getBoundingClientRect();
      const rects = [...stage.querySelectorAll(".ecg-line")].flatMap((line) => [...line.children])
        .map((word) => word.getBoundingClientRect());
      if (!rects.length || !width) continue;
      const left = Math.min(...rects.map((r) => r.left)) - origin.left;
      const top = Math.min(...rects.map((r) => r.top)) - origin.top;
      const bw = Math.max(...rects.map((r) => r.right)) - origin.left - left;
      const bh = Math.max(...rects.map((r) => r.bottom)) - origin.top - top;
      const scale = Math.min(1, width / (bw * 1.12), height / (bh * 1.25));
      const tx = width / 2 - (left + bw / 2) * scale;
      const ty = height / 2 - (top + bh / 2) * scale;
      stage.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
      frame.style.backgroundSize = `${this.size.width * scale}px ${this.size.height * scale}px`;
      frame.style.backgroundPosition = `${tx}px ${ty}px`;
    }
  }

  /** @param {string} name */
  setSafeArea(name) {
    for (const { renderer } of this.items) renderer.setSafeArea(name);
  }

  /** Draw the caption shown at t (else the first) in every preset.
   * @param {CaptionModel} model @param {number} t */
  async show(model, t) {
    const captions = model.captions || [];
    if (!captions.length) return;
    const caption = captions.find((c) => c.start <= t && t < c.end) || captions[0];
    const one = { ...model, captions: [caption] };
    const at = caption.start + 0.75 * (caption.end - caption.start); // entry animations done
    for (const item of this.items) {
      if (!item.frame.isConnected) item.button.querySelector("img")?.replaceWith(item.frame);
      item.renderer.setStyle(this.presetStyle(item.name));
      item.renderer.setModel(one);
    }
    await Promise.all(this.items.map(({ renderer }) => renderer.loadFonts()));
    for (const { renderer } of this.items) renderer.render(at);
    this.fit();
  }
}
