// Typed lookups of the page's elements: an element that is missing, or not of the kind the code
// expects, fails here with its id, instead of as a null dereference somewhere later.

/**
 * The element with this id, checked to be a `type` (HTMLElement when not given).
 * @template {Element} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (...args: any[]): T }} [type]
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  const expected = /** @type {{ new (...args: any[]): T }} */ (type ?? HTMLElement); // T's default
  if (!(element instanceof expected)) throw new Error(`#${id} is not a ${expected.name}`);
  return element;
}

/**
 * The first element under `root` that matches `selector`, checked to be a `type`; null if none.
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {{ new (...args: any[]): T }} [type]
 * @returns {T | null}
 */
export function find(root, selector, type) {
  const element = root.querySelector(selector);
  if (!element) return null;
  const expected = /** @type {{ new (...args: any[]): T }} */ (type ?? HTMLElement); // T's default
  if (!(element instanceof expected)) throw new Error(`${selector} is not a ${expected.name}`);
  return element;
}

/**
 * A form control by id: an input or a select (both have a `value` and a `type`).
 * @param {string} id
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
export function controlById(id) {
  const element = byId(id);
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) return element;
  throw new Error(`#${id} is not a form control`);
}

/**
 * The element matching `selector` at or above an event's target (the row a click was in), or null.
 * @param {Event} event
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
export function closest(event, selector) {
  const found = event.target instanceof Element ? event.target.closest(selector) : null;
  return found instanceof HTMLElement ? found : null;
}

/** The JSON a page embeds for its script (`<script type="application/json" id=...>`).
 * @param {string} id @returns {any} */
export function pageData(id) {
  return JSON.parse(byId(id).textContent || "null");
}
