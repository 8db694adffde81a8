// The style in the editor: the controls show the creator's choice over its preset's fields;
// speakers' colours come from the style the server resolved; a style kept in the browser is
// used only while it names a preset of the page's; a font the creator no longer has is replaced.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { fontUsers, keepKnownFont, knownFamily, styleAfterFontChange } from "../editor/flows/fonts.js";
import { chosenStyle, savedStyle, speakerColorOf } from "../editor/style.js";
import { partialStyle } from "./fixtures.js";

const PRESETS = [
  { name: "classic", label: "Classic", thumbnail: "", style: partialStyle({ font_family: "Inter", font_size: 64, text_color: "#FFFFFF" }) },
  { name: "pop", label: "Pop", thumbnail: "", style: partialStyle({ font_family: "Anton", font_size: 90, text_color: "#FFFF00" }) },
];
const FAMILIES = [
  { family: "Inter", weights: [400, 700, 900] },
  { family: "Anton", weights: [400] },
  { family: "Brand Display", weights: [300, 500] },
];

/** @param {Record<string, string>} items */
const storage = (items) => ({ getItem: (/** @type {string} */ key) => items[key] ?? null });

describe("the style the controls show", () => {
  it("is the preset's fields under the creator's overrides", () => {
    assert.deepEqual(chosenStyle(PRESETS, { preset: "pop", font_size: 70 }),
      { font_family: "Anton", font_size: 70, text_color: "#FFFF00" });
    assert.deepEqual(chosenStyle(PRESETS, { preset: "classic" }), PRESETS[0].style);
  });

  it("comes back from the browser only while it names one of the page's presets", () => {
    const keep = (/** @type {any} */ style) => ({ ...style, kept: true });
    assert.deepEqual(savedStyle(storage({ k: '{"preset":"pop","font_size":70}' }), "k", PRESETS, keep),
      { preset: "pop", font_size: 70, kept: true });
    assert.deepEqual(savedStyle(storage({ k: '{"preset":"gone"}' }), "k", PRESETS, keep), { preset: "classic" });
    assert.deepEqual(savedStyle(storage({}), "k", PRESETS, keep), { preset: "classic" });
  });
});

describe("speakers' colours", () => {
  it("are the resolved style's, else the fallback, else its text colour", () => {
    const colorOf = speakerColorOf(partialStyle({ text_color: "#EEEEEE", speaker_colors: { SPEAKER_01: "#FF3366" } }), "#FFFFFF");
    assert.equal(colorOf("SPEAKER_01"), "#FF3366");
    assert.equal(colorOf("SPEAKER_00"), "#EEEEEE");
    assert.equal(colorOf("SPEAKER_00", "#123456"), "#123456");
  });

  it("fall back on the chosen text colour before the server's first answer", () => {
    assert.equal(speakerColorOf(null, "#FFFFFF")("SPEAKER_00"), "#FFFFFF");
  });
});

describe("fonts the creator no longer has", () => {
  it("are found in any case, as the font list spells them", () => {
    assert.equal(knownFamily(FAMILIES, "brand display")?.family, "Brand Display");
    assert.equal(knownFamily(FAMILIES, "Gone Sans"), null);
  });

  it("give way to the default font at its nearest weight, saying so", () => {
    /** @type {string[]} */
    const said = [];
    const style = { preset: "classic", font_family: "Gone Sans", font_weight: 800 };
    assert.deepEqual(keepKnownFont(style, FAMILIES, (text) => said.push(text)),
      { preset: "classic", font_family: "Inter", font_weight: 900 });
    assert.deepEqual(said, ['"Gone Sans" is no longer in your fonts: Inter is used instead.']);
    const known = { preset: "classic", font_family: "brand display" };
    assert.deepEqual(keepKnownFont(known, FAMILIES), { preset: "classic", font_family: "Brand Display" });
    const own = { preset: "pop" }; // the preset's own family: always bundled
    assert.equal(keepKnownFont(own, FAMILIES), own);
  });

  it("are named with what uses them before a delete", () => {
    const presets = [{ name: "Brand look", style: { font_family: "Brand Display" } }, { name: "Plain", style: {} }];
    assert.deepEqual(fontUsers("brand display", { captionFamily: "Brand Display", presets }),
      ["this video's captions", 'your preset "Brand look"']);
    assert.deepEqual(fontUsers("Anton", { captionFamily: "Inter", presets }), []);
  });
});

describe("the style after the creator's fonts changed", () => {
  const say = () => {};
  it("takes an uploaded font at once, at the nearest weight it has", () => {
    const next = styleAfterFontChange({ uploaded: { family: "Brand Display" } },
      { style: { preset: "classic" }, shown: { font_family: "Inter", font_weight: 700 }, families: FAMILIES, say });
    assert.deepEqual(next, { preset: "classic", font_family: "Brand Display", font_weight: 500 });
  });

  it("falls back to the default font when the last file of its family went", () => {
    const style = { preset: "classic", font_family: "Gone Sans", font_weight: 400 };
    const shown = { font_family: "Gone Sans", font_weight: 400 };
    assert.deepEqual(styleAfterFontChange({ deleted: { family: "gone sans" }, lastOfFamily: true },
      { style, shown, families: FAMILIES, say }), { preset: "classic", font_family: "Inter", font_weight: 400 });
    assert.equal(styleAfterFontChange({ deleted: { family: "Gone Sans" }, lastOfFamily: false },
      { style, shown, families: FAMILIES, say }), null, "the family has other files");
    assert.equal(styleAfterFontChange({ deleted: { family: "Other" }, lastOfFamily: true },
      { style, shown, families: FAMILIES, say }), null, "not the caption's family");
  });
});
