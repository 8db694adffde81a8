// Typography that follows the voice: a word's look from its emphasis, pitch, stretch and tags.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  EMPHASIS_FLOOR, lineGrowth, MAX_GROWTH, nearestWeight, SHIFT_PER_OCTAVE_EM, snapWeight, strength,
  tagAnimationScale, tagLook, wordLook,
} from "../../captions/expression.js";
import { fitCaptions, lineGeometry } from "../../captions/fit.js";
import { safeRect } from "../../captions/safe-areas.js";
import { partialLook, partialStyle } from "./fixtures.js";

const STYLE = partialStyle({
  font_weight: 600, emphasis_size: 100, emphasis_weight: 100, pitch_shift: 100, stretch_spacing: 100,
  emphasis_threshold: 60, emphasis_caps: true, emphasis_color: "#FFD84D", tag_styles: {},
});
const POPPINS = [600, 800];
const plain = { text: "word", emphasis: 0.1, pitch: 0.5, stretch: 1.05 };
const shouted = { text: "never", emphasis: 0.95, pitch: 9, stretch: 1.9 };

describe("wordLook", () => {
  it("leaves an ordinary word as the style draws it", () => {
    const look = wordLook(plain, STYLE, POPPINS);
    assert.deepEqual(look, {
      scale: 1, weight: 600, shift: 0, spacing: 0, caps: false, color: null, emoji: "", animation: "none",
    });
  });

  it("draws a shouted word larger, heavier, higher, wider spaced, in capitals and colour", () => {
    const look = wordLook(shouted, STYLE, POPPINS);
    assert.ok(look.scale > 1.4 && look.scale <= 1 + MAX_GROWTH, String(look.scale));
    assert.equal(look.weight, 800);
    assert.ok(look.shift > 0);
    assert.ok(look.spacing > 0.1);
    assert.equal(look.caps, true);
    assert.equal(look.color, "#FFD84D");
  });

  it("does nothing at intensity 0, whatever the voice did", () => {
    const off = { ...STYLE, emphasis_size: 0, emphasis_weight: 0, pitch_shift: 0, stretch_spacing: 0, emphasis_caps: false, emphasis_color: null };
    const look = wordLook(shouted, off, POPPINS);
    assert.equal(look.scale, 1);
    assert.equal(look.weight, 600);
    assert.equal(look.shift, 0);
    assert.equal(look.spacing, 0);
    assert.equal(look.caps, false);
    assert.equal(look.color, null);
  });

  it("reads a version 1 word (no emphasis, no prosody) as an ordinary one", () => {
    const look = wordLook({ text: "hello" }, STYLE, POPPINS);
    assert.equal(look.scale, 1);
    assert.equal(look.caps, false);
  });

  it("grows with emphasis only above the floor", () => {
    assert.equal(strength(EMPHASIS_FLOOR), 0);
    assert.equal(strength(1), 1);
    assert.equal(strength(null), 0);
    const half = wordLook({ text: "a", emphasis: (1 + EMPHASIS_FLOOR) / 2 }, STYLE, POPPINS);
    assert.equal(half.scale, 1 + MAX_GROWTH / 2);
  });

  it("moves the baseline up for a high word and down for a low one, at most the octave's shift", () => {
    const up = wordLook({ text: "a", pitch: 30 }, STYLE, POPPINS);
    const down = wordLook({ text: "a", pitch: -30 }, STYLE, POPPINS);
    assert.equal(up.shift, SHIFT_PER_OCTAVE_EM);
    assert.equal(down.shift, -SHIFT_PER_OCTAVE_EM);
    assert.equal(wordLook({ text: "a", pitch: 1.5 }, STYLE, POPPINS).shift, 0); // ordinary melody
  });

  it("gives letter spacing to drawn-out words only", () => {
    assert.equal(wordLook({ text: "a", stretch: 0.6 }, STYLE, POPPINS).spacing, 0);
    assert.ok(wordLook({ text: "a", stretch: 3 }, STYLE, POPPINS).spacing > 0.1);
  });
});

describe("weights", () => {
  it("only offers the family's own weights, never a faked bold", () => {
    assert.equal(snapWeight(950, 600, POPPINS), 800);
    assert.equal(snapWeight(750, 600, POPPINS), 600);
    assert.equal(snapWeight(1000, 400, [400]), 400); // Anton has one weight
    assert.equal(nearestWeight(900, [400, 700]), 700);
    assert.equal(nearestWeight(550, [400, 700]), 700);
    assert.equal(nearestWeight(500, []), 500);
  });
});

describe("tags", () => {
  const style = partialStyle({
    ...STYLE,
    tag_styles: {
      money: { color: "#00FF00", animation: "pop", emoji: "💰" },
      number: { color: "#FF0000", weight: 900 },
    },
  });

  it("takes each property from the first tag, in the style's order, that sets it", () => {
    assert.deepEqual(tagLook(["number", "money"], style), { color: "#00FF00", emoji: "💰", animation: "pop", weight: 900 });
    assert.deepEqual(tagLook(["other"], style), {});
  });

  it("colours a tagged word above its emphasis colour and adds its emoji", () => {
    const look = wordLook({ ...shouted, tags: ["money"] }, style, POPPINS);
    assert.equal(look.color, "#00FF00");
    assert.equal(look.emoji, "💰");
    assert.equal(look.animation, "pop");
    assert.equal(wordLook({ text: "5", tags: ["number"] }, style, POPPINS).weight, 800);
  });

  it("swells a word while it is said and bounces it at its start, never hiding it", () => {
    const word = { start: 1, end: 2 };
    assert.equal(tagAnimationScale("pulse", word, 0.9, 0.15), 1);
    assert.equal(tagAnimationScale("pulse", word, 1.5, 0.15), 1.15);
    assert.equal(tagAnimationScale("pulse", word, 2, 0.15), 1);
    assert.equal(tagAnimationScale("pop", word, 0.99, 0.15), 1);
    assert.equal(tagAnimationScale("pop", word, 1.15, 0.15), 1.2);
    assert.equal(tagAnimationScale("pop", word, 1.3, 0.15), 1);
    assert.equal(tagAnimationScale("none", word, 1.5, 0.15), 1);
  });
});

describe("fitting expressive words", () => {
  const style = partialStyle({
    ...STYLE, font_size: 60, box_color: null, box_padding: 0, stroke_width: 0, shadow_blur: 0,
    shadow_offset: 0, animation: "none", margin_v: 0, position: "bottom", lines_per_caption: 3,
  });
  const size = { width: 1080, height: 1920 };
  // A monospace stand-in for the browser: 0.6 em a character, times the word's scale.
  const measure = (text, word) => [...text].length * 0.6 * style.font_size * (word?.look?.scale ?? 1);
  const frame = { ...size, safe: safeRect("auto", size.width, size.height), measure };

  it("leaves room on every line for the larger words", () => {
    const words = "we said this never ever again today friends".split(" ").map((text, i) => ({
      text, start: i, end: i + 0.8, speaker: "A", look: partialLook({ scale: i % 2 ? 1.5 : 1, animation: "none" }),
    }));
    const model = { language: "en", weights: [], captions: [{ start: 0, end: 8, speaker: "A", lines: [words] }] };
    const fitted = fitCaptions(model, style, frame);
    const room = lineGeometry(style, frame).lineWidth;
    const margin = 2 * 0.12 * style.font_size;
    for (const line of fitted.captions.flatMap((c) => c.lines)) {
      const width = line.reduce((sum, w) => sum + measure(w.text, w) + margin * w.look.scale, 0);
      assert.ok(width <= room, `${width} > ${room}`);
    }
  });

  it("makes lines taller by what the style's expression can add", () => {
    const calm = { ...style, emphasis_size: 0, pitch_shift: 0 };
    assert.ok(lineGeometry(style, frame).lineHeight > 1.5 * lineGeometry(calm, frame).lineHeight);
    assert.deepEqual(lineGrowth(calm), { scale: 1, shift: 0 });
  });
});
