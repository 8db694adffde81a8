// The vocabulary page: the creator's own words for the recognizer, one term a line.
import { api, asApiError, friendly } from "./api.js";
import { byId, pageData } from "./dom.js";
import { splitTerms } from "./terms.js";

/** @type {{ terms: string[], maxTerms: number }} */
const config = pageData("ecg-config");
const $ = byId;
const field = byId("vocabulary-terms", HTMLTextAreaElement);

/** @param {string[]} terms */
function show(terms) {
  field.value = terms.join("\n");
  count();
}

function count() {
  const n = splitTerms(field.value).length;
  $("vocabulary-count").textContent = `${n} of ${config.maxTerms} terms`;
}

$("vocabulary-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("vocabulary-error").hidden = true;
  $("vocabulary-status").textContent = "Saving…";
  try {
    const { data } = await api("/api/v1/me/vocabulary", { method: "PUT", body: { terms: splitTerms(field.value) } });
    show(data.terms);
    $("vocabulary-status").textContent = `Saved: ${data.terms.length} terms. They apply to your next transcriptions.`;
  } catch (caught) {
    const error = asApiError(caught);
    $("vocabulary-status").textContent = "";
    /** @type {[string, string[]][]} */
    const fields = error.code === "VOCABULARY_INVALID" ? Object.entries(error.details?.fields || {}) : [];
    const terms = splitTerms(field.value);
    const which = fields.map(([path, [why]]) => {
      const index = Number(path.split(".")[1]);
      return Number.isInteger(index) ? `“${terms[index]}”: ${why}` : why;
    });
    $("vocabulary-error").textContent = [friendly(error), ...which].join(" ");
    $("vocabulary-error").hidden = false;
  }
});
field.addEventListener("input", count);
show(config.terms);
