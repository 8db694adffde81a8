// A creator's own fonts are drawn under a name of their own, one per set of files.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { cssFamily, faceFamily, hash } from "../../captions/faces.js";

const BRAND = { font_family: "Brand Sans", font_faces: [{ weight: 700, src: "/api/v1/fonts/a/file" }] };

describe("own font faces", () => {
  it("hashes text stably to 8 hex digits", () => {
    assert.equal(hash("abc"), hash("abc"));
    assert.match(hash("abc"), /^[0-9a-f]{8}$/);
    assert.notEqual(hash("abc"), hash("abd"));
  });

  it("uses the bundled family when the style has no files of its own", () => {
    assert.equal(faceFamily({ font_family: "Inter" }), null);
    assert.equal(faceFamily({ font_family: "Inter", font_faces: [] }), null);
    assert.equal(cssFamily({ font_family: "Inter" }), "Inter");
  });

  it("names a set of files by the files, not by the family the creator sees", () => {
    const family = faceFamily(BRAND);
    assert.match(family, /^ecg-face-[0-9a-f]{8}$/);
    assert.equal(cssFamily(BRAND), family);
    const otherCreator = { ...BRAND, font_faces: [{ weight: 700, src: "/api/v1/fonts/b/file" }] };
    assert.notEqual(faceFamily(otherCreator), family);
    const anotherWeight = { ...BRAND, font_faces: [...BRAND.font_faces, { weight: 400, src: "/api/v1/fonts/c/file" }] };
    assert.notEqual(faceFamily(anotherWeight), family);
  });

  it("never lets a family name break out of its CSS string", () => {
    assert.equal(cssFamily({ font_family: 'Evil"; color: red; "' }), "Evil; color: red; ");
    assert.equal(cssFamily({ font_family: "Back\\slash" }), "Backslash");
  });
});
