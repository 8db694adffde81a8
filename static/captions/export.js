// The export painter's page (export.html): bands stacked vertically, each one the caption canvas
// of the output frame at one time, so that one capture paints many states. rendering/painter.py
// calls `window.ECG` once `window.ECG_READY` is true.
import { CaptionRenderer, signature } from "./renderer.js";

/** @import { CaptionModel, FittedModel, Style } from "./types.js" */

/** @type {FittedModel} */
let model = { language: null, weights: [], captions: [] };
/** @type {Style} */
let style;
/** @type {CaptionRenderer[]} */
let renderers = [];

const ECG = {
  /** Lay the captions out on a width x height frame (fonts loaded first), and stack `batch`
   * bands of the area they cover. Returns that area, the fitted model and the safe area.
   * @param {CaptionModel} captionModel @param {Style} captionStyle @param {number} width
   * @param {number} height @param {string} safeArea @param {number} batch */
  async setup(captionModel, captionStyle, width, height, safeArea, batch) {
    style = captionStyle;
    document.body.replaceChildren();
    const probe = document.createElement("div");
    document.body.append(probe);
    const measurer = new CaptionRenderer(probe, { width, height, safeArea });
    measurer.setStyle(style);
    measurer.setModel(captionModel);
    await measurer.loadFonts();
    model = measurer.model;
    const safe = measurer.safe;
    const canvas = measurer.bounds();
    probe.remove();
    renderers = [];
    if (!canvas) return { canvas, model, safe };
    for (let k = 0; k < batch; k++) {
      const band = document.createElement("div");
      band.className = "band";
      band.style.top = `${k * canvas.height}px`;
      band.style.width = `${canvas.width}px`;
      band.style.height = `${canvas.height}px`;
      const stage = document.createElement("div");
      stage.style.left = `${-canvas.x}px`;
      stage.style.top = `${-canvas.y}px`;
      band.append(stage);
      document.body.append(band);
      const renderer = new CaptionRenderer(stage, { width, height, safeArea });
      renderer.setStyle(style);
      renderer.useFitted(model);
      renderers.push(renderer);
    }
    return { canvas, model, safe };
  },
  /** @param {number[]} times */
  signatures(times) {
    return times.map((t) => signature(model, style, t));
  },
  /** @param {number[]} times */
  paint(times) {
    renderers.forEach((renderer, k) => renderer.render(k < times.length ? times[k] : -1));
  },
};
Object.assign(window, { ECG, ECG_READY: true });
