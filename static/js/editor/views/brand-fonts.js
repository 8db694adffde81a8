// The creator's brand fonts: upload one (checked on the server, which answers with the family
// and weights it read from the file), see each drawn in its own face, delete one. The files are
// served to their owner only; the preview draws them through the shared renderer, the export
// painter gets them with the job.
import { api, asApiError, formatBytes, friendly } from "../../api.js";
import { byId, closest } from "../../dom.js";

/** @import { FontFaceFile } from "../../../captions/types.js" */
/**
 * A font file of the creator's (/api/v1/fonts).
 * @typedef {object} BrandFont
 * @property {string} id
 * @property {string} family
 * @property {number[]} weights
 * @property {number} weight_min
 * @property {number} weight_max
 * @property {string} url
 * @property {string} format
 * @property {number} size bytes
 * @property {string} file_name
 */
/** @typedef {{ uploaded?: BrandFont, deleted?: BrandFont, lastOfFamily?: boolean }} FontChange */

const $ = byId;
/** @type {Map<string, Promise<string>>} font id -> the CSS family its list entry is drawn in */
const sampleFaces = new Map();

export class BrandFontsView {
  /**
   * @param {HTMLElement} root
   * @param {object} options
   * @param {BrandFont[]} options.fonts
   * @param {(family: string) => string[]} options.usedBy names of what uses a family (the current style, presets)
   * @param {(fonts: BrandFont[], change: FontChange) => void} options.onChange after each change
   */
  constructor(root, { fonts, usedBy, onChange }) {
    this.root = root;
    this.fonts = fonts;
    this.usedBy = usedBy;
    this.onChange = onChange;
    const fileInput = byId("font-file", HTMLInputElement);
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      fileInput.value = "";
      if (file) this.upload(file);
    });
    $("font-list").addEventListener("click", (event) => {
      const button = closest(event, "button[data-action=delete]");
      const row = closest(event, "[data-id]");
      const font = button && row ? this.fonts.find((f) => f.id === row.dataset.id) : undefined;
      if (font) this.remove(font);
    });
    this.render();
  }

  /** The families, each with every weight its files offer. */
  families() {
    /** @type {Map<string, { family: string, weights: Set<number> }>} */
    const families = new Map();
    for (const font of this.fonts) {
      const family = families.get(font.family.toLowerCase()) || { family: font.family, weights: new Set() };
      font.weights.forEach((weight) => family.weights.add(weight));
      families.set(font.family.toLowerCase(), family);
    }
    return [...families.values()].map(({ family, weights }) => ({ family, weights: [...weights].sort((a, b) => a - b) }));
  }

  /** The faces the renderer loads for a family of the creator's (none for a bundled one).
   * @param {string} family @returns {FontFaceFile[]} */
  faces(family) {
    const key = String(family).toLowerCase();
    return this.fonts
      .filter((font) => font.family.toLowerCase() === key)
      .map((font) => ({ weight: `${font.weight_min} ${font.weight_max}`, src: font.url }));
  }

  /** @param {string} text @param {boolean} [isError] */
  message(text, isError = false) {
    $("font-message").textContent = text;
    $("font-message").dataset.kind = isError ? "error" : "";
  }

  /** @param {File} file */
  async upload(file) {
    this.message(`Checking ${file.name}…`);
    const body = new FormData();
    body.append("file", file);
    try {
      const { data } = await api("/api/v1/fonts", { method: "POST", body });
      this.fonts = [...this.fonts, data];
      this.message(`${data.family} ${weightText(data)} is ready: it is selected for your captions.`);
      this.render();
      this.onChange(this.fonts, { uploaded: data });
    } catch (error) {
      this.message(friendly(asApiError(error)), true);
    }
  }

  /** @param {BrandFont} font */
  async remove(font) {
    const lastOfFamily = this.faces(font.family).length === 1;
    const users = lastOfFamily ? this.usedBy(font.family) : [];
    if (users.length && !window.confirm(
      `${font.family} is used by ${users.join(", ")}. Delete it anyway? They will need another font.`)) return;
    try {
      await api(`/api/v1/fonts/${font.id}`, { method: "DELETE" });
      this.fonts = this.fonts.filter((f) => f.id !== font.id);
      this.message(`${font.family} ${weightText(font)} deleted.`);
      this.render();
      this.onChange(this.fonts, { deleted: font, lastOfFamily });
    } catch (error) {
      this.message(friendly(asApiError(error)), true);
    }
  }

  /** A file's own face for its list entry, made once (the name is drawn in the font itself).
   * @param {BrandFont} font @returns {Promise<string>} */
  sampleFace(font) {
    let family = sampleFaces.get(font.id);
    if (!family) {
      const name = `ecg-list-${font.id}`;
      const face = new FontFace(name, `url("${font.url}")`, { weight: `${font.weight_min} ${font.weight_max}` });
      document.fonts.add(face);
      family = face.load().then(() => name);
      sampleFaces.set(font.id, family);
    }
    return family;
  }

  render() {
    const list = $("font-list");
    list.replaceChildren(...this.fonts.map((font) => {
      const row = document.createElement("li");
      row.dataset.id = font.id;
      const sample = document.createElement("span");
      sample.className = "font-sample";
      sample.textContent = font.family;
      sample.style.fontWeight = String(font.weight_min);
      this.sampleFace(font).then((family) => { sample.style.fontFamily = `"${family}", sans-serif`; }, () => {});
      const meta = document.createElement("span");
      meta.className = "font-meta";
      meta.textContent = `${weightText(font)} · ${font.format.toUpperCase()} · ${formatBytes(font.size)}`;
      meta.title = font.file_name;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "ghost small";
      remove.dataset.action = "delete";
      remove.textContent = "Delete";
      remove.setAttribute("aria-label", `Delete ${font.family} ${weightText(font)}`);
      row.append(sample, meta, remove);
      return row;
    }));
    list.hidden = !this.fonts.length;
  }
}

/** @param {BrandFont} font */
function weightText(font) {
  return font.weight_min === font.weight_max ? String(font.weight_min) : `${font.weight_min}–${font.weight_max}`;
}
