// The creator's own presets: save the current look under a name, apply one (an undoable style
// step), rename it in place, update it with the current look, delete it. Kept on the server
// (/api/v1/presets/mine), so they follow the creator to every video and to the API.
import { api, asApiError, friendly } from "../../api.js";
import { byId, closest, find } from "../../dom.js";

/** @import { StyleChoice } from "../types.js" */
/** A preset of the creator's (/api/v1/presets/mine). @typedef {{ id: string, name: string, style: StyleChoice }} UserPreset */

const $ = byId;
const nameInput = () => byId("save-preset-name", HTMLInputElement);

export class UserPresetsView {
  /**
   * @param {HTMLElement} root
   * @param {object} options
   * @param {UserPreset[]} options.presets
   * @param {() => StyleChoice} options.currentStyle
   * @param {(style: StyleChoice) => void} options.onApply
   */
  constructor(root, { presets, currentStyle, onApply }) {
    this.root = root;
    this.presets = presets;
    this.currentStyle = currentStyle;
    this.onApply = onApply;
    $("save-preset").addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(nameInput().value);
    });
    root.addEventListener("click", (event) => {
      const button = closest(event, "button[data-action]");
      const row = closest(event, "[data-id]");
      if (!button || !row) return;
      const preset = this.presets.find((p) => p.id === row.dataset.id);
      if (!preset) return;
      if (button.dataset.action === "apply") this.onApply(preset.style);
      if (button.dataset.action === "update") this.request(preset, "PATCH", { style: this.currentStyle() }, `"${preset.name}" now has this look.`);
      if (button.dataset.action === "delete") this.request(preset, "DELETE", undefined, `"${preset.name}" deleted.`);
      if (button.dataset.action === "rename") this.rename(preset, row);
    });
    this.render();
  }

  /** @param {string} text @param {boolean} [isError] */
  message(text, isError = false) {
    $("preset-message").textContent = text;
    $("preset-message").dataset.kind = isError ? "error" : "";
  }

  /** @param {string} name */
  async save(name) {
    try {
      const { data } = await api("/api/v1/presets/mine", { method: "POST", body: { name, style: this.currentStyle() } });
      this.presets = [...this.presets, data].sort((a, b) => a.name.localeCompare(b.name));
      nameInput().value = "";
      this.message(`Saved as "${data.name}".`);
      this.render();
    } catch (error) {
      this.message(friendly(asApiError(error)), true);
    }
  }

  /** @param {UserPreset} preset @param {string} method @param {object | undefined} body
   * @param {string} done what to say when it worked */
  async request(preset, method, body, done) {
    try {
      const { data } = await api(`/api/v1/presets/mine/${preset.id}`, { method, body });
      this.presets = method === "DELETE"
        ? this.presets.filter((p) => p.id !== preset.id)
        : this.presets.map((p) => (p.id === preset.id ? data : p)).sort((a, b) => a.name.localeCompare(b.name));
      this.message(done);
      this.render();
    } catch (error) {
      this.message(friendly(asApiError(error)), true);
    }
  }

  /** The name becomes a field: Enter saves, Escape (or leaving it unchanged) keeps it.
   * @param {UserPreset} preset @param {HTMLElement} row */
  rename(preset, row) {
    const input = document.createElement("input");
    input.value = preset.name;
    input.maxLength = 60;
    input.setAttribute("aria-label", `New name for ${preset.name}`);
    find(row, "[data-action=apply]")?.replaceWith(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (/** @type {boolean} */ commit) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      if (commit && name && name !== preset.name) this.request(preset, "PATCH", { name }, `Renamed to "${name}".`);
      else this.render();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); finish(true); }
      if (event.key === "Escape") { event.preventDefault(); finish(false); }
    });
    input.addEventListener("blur", () => finish(true));
  }

  render() {
    this.root.replaceChildren(...this.presets.map((preset) => {
      const row = document.createElement("div");
      row.className = "user-preset";
      row.dataset.id = preset.id;
      /** @type {(action: string, text: string, label: string) => HTMLButtonElement} */
      const button = (action, text, label) => {
        const el = document.createElement("button");
        el.type = "button";
        el.dataset.action = action;
        el.className = action === "apply" ? "user-preset-name" : "ghost small";
        el.textContent = text;
        el.title = label;
        el.setAttribute("aria-label", label);
        return el;
      };
      row.append(
        button("apply", preset.name, `Use ${preset.name}`),
        button("update", "⟳", `Update ${preset.name} with the current look`),
        button("rename", "✎", `Rename ${preset.name}`),
        button("delete", "×", `Delete ${preset.name}`),
      );
      return row;
    }));
    this.root.hidden = this.presets.length === 0;
  }
}
