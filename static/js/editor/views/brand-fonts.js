// The creator's brand fonts: upload one (checked on the server, which answers with the family
// and weights it read from the file), see each drawn in its own face, delete one. The files are
// served to their owner only; the preview draws them through the shared renderer, the export
// painter gets them with the job.
import { api, formatBytes, friendly } from "../../api.js";

const $ = (id) => document.getElementById(id);
const sampleFaces = new Map(); // font id -> promise of the CSS family its list entry is drawn in

export class BrandFontsView {
  constructor(root, { fonts, usedBy, onChange }) {
    this.root = root;
    this.fonts = fonts;
    this.usedBy = usedBy; // family -> names of what uses it (the current style, presets)
    this.onChange = onChange; // (fonts, {uploaded, deleted}) after each change
    $("font-file").addEventListener("change", (event) => {
      const [file] = event.target.files;
      event.target.value = "";
      if (file) this.upload(file);
    });
    $("font-list").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action=delete]");
      if (button) this.remove(this.fonts.find((font) => font.id === button.closest("[data-id]").dataset.id));
    });
    this.render();
  }

  /** The families, each with every weight its files offer. */
  families() {
    const families = new Map();
    for (const font of this.fonts) {
      const family = families.get(font.family.toLowerCase()) || { family: font.family, weights: new Set() };
      font.weights.forEach((weight) => family.weights.add(weight));
      families.set(font.family.toLowerCase(), family);
    }
    return [...families.values()].map(({ family, weights }) => ({ family, weights: [...weights].sort((a, b) => a - b) }));
  }

  /** The faces the renderer loads for a family of the creator's (none for a bundled one). */
  faces(family) {
    const key = String(family).toLowerCase();
    return this.fonts
      .filter((font) => font.family.toLowerCase() === key)
      .map((font) => ({ weight: `${font.weight_min} ${font.weight_max}`, src: font.url }));
  }

  message(text, isError = false) {
    $("font-message").textContent = text;
    $("font-message").dataset.kind = isError ? "error" : "";
  }

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
      this.message(friendly(error), true);
    }
  }

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
      this.message(friendly(error), true);
    }
  }

  /** A file's own face for its list entry, made once (the name is drawn in the font itself). */
  sampleFace(font) {
    if (!sampleFaces.has(font.id)) {
      const family = `ecg-list-${font.id}`;
      const face = new FontFace(family, `url("${font.url}")`, { weight: `${font.weight_min} ${font.weight_max}` });
      document.fonts.add(face);
      sampleFaces.set(font.id, face.load().then(() => family));
    }
    return sampleFaces.get(font.id);
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

function weightText(font) {
  return font.weight_min === font.weight_max ? String(font.weight_min) : `${font.weight_min}–${font.weight_max}`;
}
