import { test } from "node:test";
import assert from "node:assert/strict";

import { exportText, hasEnded, transcriptionText } from "../badges.js";
import { DoneNotifier, jobNews, shouldNotify, titleWithNews, WANTED_KEY } from "../notify.js";

/** A document as far as the notifier reads it: title, visibility, the icon link, events. */
function fakeDocument(visibility = "hidden") {
  const listeners = [];
  const icon = { href: "/static/img/logo.svg" };
  return {
    title: "Editor · ECG",
    visibilityState: visibility,
    querySelector: () => icon,
    addEventListener: (_type, listener) => listeners.push(listener),
    removeEventListener: () => {},
    icon,
    show(state) { this.visibilityState = state; listeners.forEach((listener) => listener()); },
  };
}

function fakeStorage(wanted) {
  const items = new Map(wanted ? [[WANTED_KEY, "1"]] : []);
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => items.set(key, value) };
}

function fakeNotification(permission, answer = permission) {
  class Shown {
    static permission = permission;
    static shown = [];
    static asked = 0;
    static async requestPermission() { Shown.asked += 1; Shown.permission = answer; return answer; }
    constructor(title, options) { Shown.shown.push({ title, ...options }); }
    close() {}
  }
  return Shown;
}

/** The fakes stand for the browser's objects as far as the notifier uses them. */
const notifierOf = (deps) => new DoneNotifier(/** @type {any} */ (deps));

const ready = { id: "r1", status: "succeeded" };

test("a job that ends out of sight marks the title and icon until the creator looks", () => {
  const doc = fakeDocument("hidden");
  const notifier = notifierOf({ doc, storage: fakeStorage(false), notification: undefined, doneIcon: "/done.svg" });
  notifier.tell(jobNews("export", ready, "talk.mp4"));
  assert.equal(doc.title, "✓ Export ready · Editor · ECG");
  assert.equal(doc.icon.href, "/done.svg");
  notifier.tell(jobNews("transcription", { id: "t1", status: "failed" }, "talk.mp4"));
  assert.equal(doc.title, "✓ Transcription failed · Editor · ECG"); // one mark, the latest news
  doc.show("visible");
  assert.equal(doc.title, "Editor · ECG");
  assert.equal(doc.icon.href, "/static/img/logo.svg");
});

test("a page in sight is not told: it shows the end itself", () => {
  const doc = fakeDocument("visible");
  const Notification = fakeNotification("granted");
  const notifier = notifierOf({ doc, storage: fakeStorage(true), notification: Notification, doneIcon: "/d.svg" });
  notifier.tell(jobNews("export", ready, "talk.mp4"));
  assert.equal(doc.title, "Editor · ECG");
  assert.deepEqual(Notification.shown, []);
});

test("a system notification only when asked for and allowed, tagged by job", () => {
  const Notification = fakeNotification("granted");
  notifierOf({ doc: fakeDocument(), storage: fakeStorage(false), notification: Notification, doneIcon: "/d.svg" })
    .tell(jobNews("export", ready, "talk.mp4"));
  assert.deepEqual(Notification.shown, []); // not asked for
  notifierOf({ doc: fakeDocument(), storage: fakeStorage(true), notification: Notification, doneIcon: "/d.svg" })
    .tell(jobNews("export", ready, "talk.mp4"));
  assert.deepEqual(Notification.shown, [{ title: "Export ready", body: "talk.mp4", tag: "export-r1", icon: "/d.svg" }]);
  assert.equal(shouldNotify({ wanted: true, permission: "denied", visibility: "hidden" }), false);
  assert.equal(shouldNotify({ wanted: true, permission: "granted", visibility: "visible" }), false);
});

test("turning Notify me on asks permission once, and a refusal leaves it off", async () => {
  const allowed = fakeNotification("default", "granted");
  const storage = fakeStorage(false);
  const notifier = notifierOf({ doc: fakeDocument(), storage, notification: allowed, doneIcon: "" });
  assert.equal(await notifier.choose(true), true);
  assert.equal(await notifier.choose(true), true);
  assert.equal(allowed.asked, 1);
  assert.equal(notifier.wanted, true);
  assert.equal(await notifier.choose(false), false);
  assert.equal(notifier.wanted, false);

  const refused = fakeNotification("default", "denied");
  const other = notifierOf({ doc: fakeDocument(), storage: fakeStorage(false), notification: refused, doneIcon: "" });
  assert.equal(await other.choose(true), false);
  assert.equal(other.wanted, false);
});

test("the dashboard's badges say what the server draws", () => {
  assert.equal(transcriptionText({ status: "running", progress: 40 }), "Transcribing 40%");
  assert.equal(transcriptionText({ status: "succeeded" }), "Transcribed");
  assert.equal(transcriptionText({ status: "failed" }), "Transcription failed");
  assert.equal(exportText({ status: "succeeded" }), "Export succeeded");
  assert.equal(exportText({ status: "running", progress: 5 }), "Export running 5%");
  assert.equal(hasEnded({ status: "queued" }), false);
  assert.equal(hasEnded({ status: "canceled" }), true);
  assert.equal(titleWithNews("Videos", "Export ready"), "✓ Export ready · Videos");
});
