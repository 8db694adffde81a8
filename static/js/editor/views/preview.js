// The video with the shared caption renderer drawn over it: the export's own layout and the
// style as the export draws it, both asked of the server when the words, the style or the
// fonts change, fitted and drawn at the export's size by the export's own code, then scaled to
// the player, so lines break exactly as in the export.
import { CaptionRenderer } from "../../../captions/renderer.js";
import { api, friendly } from "../../api.js";

const LAYOUT_DELAY_MS = 200; // typing: lay out once it pauses

export class PreviewView {
  constructor({ video, stage, guide, size, safeArea, store, onError, onPlace, onResolved, onModel }) {
    this.video = video;
    this.stage = stage;
    this.guide = guide;
    this.size = size;
    this.store = store;
    this.onError = onError;
    this.renderer = new CaptionRenderer(stage, { ...size, safeArea });
    this.resolved = null; // the style as the server last resolved it: what is drawn
    this.timer = null;
    this.laidOut = null; // the transcript model of the last layout asked for
    this.request = 0;
    this.onPlace = onPlace;
    this.onResolved = onResolved; // the resolved style, each time the server answers
    this.onModel = onModel; // the export's layout, each time it is made
    // The player takes the export's shape (set here: the page's policy allows no style attribute).
    video.parentElement.style.setProperty("--aspect", `${size.width} / ${size.height}`);
    this.bindDrag(video.parentElement);
    new ResizeObserver(() => this.fit()).observe(video);
    video.addEventListener("loadedmetadata", () => this.fit());
    document.fonts.addEventListener("loadingdone", () => this.renderer.fontsChanged());
  }

  /** The stage (the export's frame size) scaled onto the picture inside the player. */
  fit() {
    const rect = this.video.getBoundingClientRect();
    if (!rect.width) return;
    const aspect = this.size.width / this.size.height;
    let width = rect.width;
    let height = width / aspect;
    if (height > rect.height) { height = rect.height; width = height * aspect; }
    this.view = { left: (rect.width - width) / 2, top: (rect.height - height) / 2, scale: width / this.size.width };
    this.stage.style.left = `${this.view.left}px`;
    this.stage.style.top = `${this.view.top}px`;
    this.stage.style.transform = `scale(${this.view.scale})`;
    this.drawGuide();
  }

  /** Drag the caption to place it freely: previewed while dragging, one style step on release
   * (its centre, in percent of the safe area; the renderer keeps it inside). */
  bindDrag(player) {
    let drag = null;
    const point = (event) => {
      const rect = this.stage.getBoundingClientRect();
      const scale = this.view?.scale || 1;
      return { x: (event.clientX - rect.left) / scale, y: (event.clientY - rect.top) / scale };
    };
    const percent = (p) => {
      const { x, y, width, height } = this.renderer.safe;
      const clamp = (v) => Math.round(Math.max(0, Math.min(100, v)));
      return { position_x: clamp(((p.x - drag.dx - x) / width) * 100), position_y: clamp(((p.y - drag.dy - y) / height) * 100) };
    };
    player.addEventListener("pointerdown", (event) => {
      const box = this.renderer.box?.isConnected ? this.renderer.box.getBoundingClientRect() : null;
      if (!box || event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom) return;
      event.preventDefault();
      const p = point(event);
      const scale = this.view?.scale || 1;
      const center = { x: (box.left + box.width / 2 - this.stage.getBoundingClientRect().left) / scale,
        y: (box.top + box.height / 2 - this.stage.getBoundingClientRect().top) / scale };
      drag = { dx: p.x - center.x, dy: p.y - center.y, place: null };
      player.setPointerCapture(event.pointerId);
      player.classList.add("placing");
    });
    player.addEventListener("pointermove", (event) => {
      if (!drag) return;
      drag.place = percent(point(event));
      this.renderer.setStyle({ ...this.resolved, position: "custom", ...drag.place });
      this.renderer.shown = null;
      this.draw(this.video.currentTime);
    });
    const end = () => {
      const place = drag?.place;
      drag = null;
      player.classList.remove("placing");
      if (place) this.onPlace(place);
    };
    player.addEventListener("pointerup", end);
    player.addEventListener("pointercancel", () => {
      drag = null;
      player.classList.remove("placing");
      if (this.resolved) this.renderer.setStyle(this.resolved);
    });
  }

  setSafeArea(name) {
    this.renderer.setSafeArea(name);
    this.drawGuide();
  }

  /** The active safe area, outlined over the picture (when the guide is shown). */
  drawGuide() {
    if (!this.view) return;
    const { x, y, width, height } = this.renderer.safe;
    const { left, top, scale } = this.view;
    Object.assign(this.guide.style, {
      left: `${left + x * scale}px`, top: `${top + y * scale}px`,
      width: `${width * scale}px`, height: `${height * scale}px`,
    });
  }

  /** After a change of the words, the style or the fonts: the server resolves the style and
   * lays the words out again. */
  update() {
    if (!this.store.model) return; // nothing to lay out before the transcript
    const wordsChanged = this.laidOut !== this.store.model;
    this.laidOut = this.store.model;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.layout(), wordsChanged ? LAYOUT_DELAY_MS : 0);
  }

  async layout() {
    const request = ++this.request;
    try {
      const { data } = await api("/api/v1/captions/layout", {
        method: "POST", body: { transcript: this.store.transcript(), style: this.store.style },
      });
      if (request !== this.request) return;
      this.model = { language: data.language, weights: data.weights, captions: data.captions };
      this.resolved = data.style;
      this.renderer.setStyle(data.style);
      this.renderer.setModel(this.model);
      this.onResolved(data.style);
      await this.renderer.loadFonts();
      this.onModel?.(this.model);
    } catch (error) {
      this.onError(`Preview not updated: ${friendly(error)}`);
    }
  }

  draw(t) {
    this.renderer.render(t);
  }
}
