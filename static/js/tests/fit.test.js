// Fitting captions to the frame: lines never exceed the safe width, long words shrink or are cut
// at legal break points, extra lines become later captions, every word keeps time and speaker.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  fitCaptions, frameScale, isUnspaced, lineGeometry, MIN_FIT, textDirection, WORD_MARGIN_EM,
} from "../../captions/fit.js";
import { placeBox, safeInsets, safeRect } from "../../captions/safe-areas.js";
import { SAFE_AREAS } from "../../captions/shared.js";
import { partialStyle } from "./fixtures.js";

const STYLE = partialStyle({
  font_size: 60, box_color: null, box_padding: 0, stroke_width: 0, shadow_blur: 0,
  shadow_offset: 0, animation: "none", margin_v: 0, position: "bottom", lines_per_caption: 2,
});
const PORTRAIT = { width: 1080, height: 1920 };
// Every character is 0.6 em wide: a monospace stand-in for the browser's measurement.
const measure = (text) => [...text].length * 0.6 * STYLE.font_size;

function frame(size = PORTRAIT, area = "auto") {
  return { ...size, safe: safeRect(area, size.width, size.height), measure };
}

function model(texts, { language = "en", speaker = "A", perLine = texts.length } = {}) {
  const words = texts.map((text, i) => ({ text, start: i, end: i + 0.8, speaker }));
  const lines = [];
  for (let i = 0; i < words.length; i += perLine) lines.push(words.slice(i, i + perLine));
  return { language, weights: [], captions: [{ start: 0, end: texts.length, speaker, lines }] };
}

function lineWidth(line, style = STYLE) {
  const margin = 2 * WORD_MARGIN_EM * style.font_size;
  return line.reduce((sum, word) => sum + (measure(word.text) + margin) * (word.fit ?? 1), 0);
}

describe("fitCaptions", () => {
  it("breaks a line wider than the safe area into lines that fit", () => {
    const fitted = fitCaptions(model("we are building captions for every video today".split(" ")), STYLE, frame());
    const room = lineGeometry(STYLE, frame()).lineWidth;
    const lines = fitted.captions.flatMap((caption) => caption.lines);
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(lineWidth(line) <= room, `${lineWidth(line)} > ${room}`);
  });

  it("shrinks a word too long for any line, alone on its line, never below MIN_FIT", () => {
    const fitted = fitCaptions(model(["a", "electroencephalographically", "b"]), STYLE, frame());
    const [long] = fitted.captions.flatMap((c) => c.lines.flat()).filter((w) => w.text === "electroencephalographically");
    assert.ok(long.fit < 1 && long.fit >= MIN_FIT);
    const line = fitted.captions.flatMap((c) => c.lines).find((l) => l.includes(long));
    assert.equal(line.length, 1);
  });

  it("cuts a word too long even at the minimum size, sharing its time and keeping its speaker", () => {
    const word = "x".repeat(80);
    const fitted = fitCaptions(model([word], { speaker: "B" }), STYLE, frame());
    const pieces = fitted.captions.flatMap((c) => c.lines.flat());
    assert.ok(pieces.length > 1);
    assert.equal(pieces.map((p) => p.text).join(""), word);
    assert.equal(pieces[0].start, 0);
    assert.equal(pieces.at(-1).end, 0.8);
    pieces.slice(1).forEach((piece, i) => assert.equal(piece.start, pieces[i].end));
    assert.ok(pieces.every((piece) => piece.speaker === "B"));
  });

  it("splits a caption with more lines than allowed into captions that follow each other", () => {
    const texts = "one two three four five six seven eight nine ten eleven twelve".split(" ");
    const fitted = fitCaptions(model(texts, { perLine: 2 }), { ...STYLE, lines_per_caption: 2 }, frame());
    assert.equal(fitted.captions.length, 3);
    fitted.captions.forEach((caption, i) => {
      assert.ok(caption.lines.length <= 2);
      if (i > 0) assert.equal(caption.start, fitted.captions[i - 1].end);
      assert.equal(caption.start, i === 0 ? 0 : caption.lines[0][0].start);
    });
    const words = fitted.captions.flatMap((c) => c.lines.flat());
    assert.deepEqual(words.map((w) => w.text), texts);
  });

  it("keeps the server's lines as upper bounds: it only breaks them further", () => {
    const fitted = fitCaptions(model(["a", "b", "c", "d"], { perLine: 1 }), { ...STYLE, lines_per_caption: 4 }, frame());
    assert.deepEqual(fitted.captions[0].lines.map((l) => l.map((w) => w.text)), [["a"], ["b"], ["c"], ["d"]]);
  });

  it("lays Japanese out without spaces, breaking between words but not before closing marks", () => {
    const words = ["今日は", "いい", "天気", "ですね", "。", "東京タワーに", "行きましょう", "、", "そして", "美味しい", "ラーメンを", "食べましょう"];
    const fitted = fitCaptions(model(words, { language: "ja" }), { ...STYLE, font_size: 90, lines_per_caption: 3 }, frame());
    const lines = fitted.captions.flatMap((c) => c.lines);
    assert.ok(fitted.captions.every((c) => c.unspaced));
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(!/^[、。]/.test(line[0].text), `line starts with ${line[0].text}`);
  });

  it("cuts a long unspaced run at word boundaries rather than shrinking it", () => {
    const fitted = fitCaptions(model(["今日はいい天気ですね東京タワーに行きましょうそして美味しいラーメンを食べましょう"], { language: "ja" }), { ...STYLE, font_size: 90 }, frame());
    const pieces = fitted.captions.flatMap((c) => c.lines.flat());
    assert.ok(pieces.length > 1);
    assert.ok(pieces.every((piece) => !piece.fit));
  });

  it("marks right-to-left captions", () => {
    const fitted = fitCaptions(model(["مرحبا", "بكم"], { language: "ar" }), STYLE, frame());
    assert.equal(fitted.captions[0].dir, "rtl");
  });
});

describe("scripts and directions", () => {
  it("tells direction by language, else by the first letter", () => {
    assert.equal(textDirection("hello", "he"), "rtl");
    assert.equal(textDirection("שלום world", null), "rtl");
    assert.equal(textDirection("123 hello שלום", null), "ltr");
  });

  it("knows which scripts are written without spaces", () => {
    assert.ok(isUnspaced("anything", "th"));
    assert.ok(!isUnspaced("안녕하세요 여러분", null));
    assert.ok(isUnspaced("今日はいい天気", null));
  });
});

describe("frames and safe areas", () => {
  it("gives a size the same weight on 16:9, 9:16, 1:1 and 4:5 frames", () => {
    for (const [w, h] of [[1920, 1080], [1080, 1920], [1080, 1080], [1080, 1350]]) {
      assert.equal(frameScale(w, h), 1);
    }
    assert.equal(frameScale(1280, 720), frameScale(720, 1280));
  });

  it("keeps a portrait frame clear of every vertical platform's overlay", () => {
    const auto = safeInsets("auto", 1080, 1920);
    for (const name of ["tiktok", "reels", "shorts"]) {
      for (const side of ["top", "bottom", "left", "right"]) assert.ok(auto[side] >= SAFE_AREAS[name][side]);
    }
  });

  it("keeps a title-safe margin on landscape and square frames", () => {
    assert.deepEqual(safeInsets("auto", 1920, 1080), safeInsets("auto", 1080, 1080));
    const rect = safeRect("auto", 1920, 1080);
    assert.ok(rect.x > 0 && rect.y > 0 && rect.x + rect.width < 1920 && rect.y + rect.height < 1080);
  });
});

describe("placeBox", () => {
  const safe = { x: 100, y: 200, width: 800, height: 1400 };

  it("centres a freely placed caption where the creator put it", () => {
    assert.deepEqual(placeBox(safe, { width: 200, height: 100 }, 50, 50), { left: 400, top: 850 });
    assert.deepEqual(placeBox(safe, { width: 200, height: 100 }, 25, 10), { left: 200, top: 290 });
  });

  it("keeps it wholly inside the safe area, even dragged to a corner or past it", () => {
    assert.deepEqual(placeBox(safe, { width: 200, height: 100 }, 0, 0), { left: 100, top: 200 });
    assert.deepEqual(placeBox(safe, { width: 200, height: 100 }, 100, 100), { left: 700, top: 1500 });
    assert.deepEqual(placeBox(safe, { width: 900, height: 100 }, 80, 50), { left: 100, top: 850 });
  });
});
