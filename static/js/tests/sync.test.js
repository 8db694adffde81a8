// Autosave: a save follows the last edit with If-Match; a transcript changed elsewhere (412) is
// never overwritten; edits made while a save is under way are saved after it; `flush()` (before
// an export) resolves once everything the creator sees is saved.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import { ApiError } from "../api.js";
import { editText } from "../editor/model.js";
import { EditorStore } from "../editor/store.js";
import { Autosave } from "../editor/sync.js";
import { sampleTranscript } from "./sample-transcript.js";

const DELAYS = { save: 5, retry: 20 };

/**
 * The transcript endpoint's contract (PUT with If-Match: 412 TRANSCRIPT_CONFLICT unless the
 * revision is the current one), held in memory. `hold()` keeps the next save waiting until
 * `release()`; `fail()` makes the next one fail as a lost connection would.
 */
function transcriptServer() {
  const server = {
    revision: 1,
    /** @type {{body: any, ifMatch: string | null}[]} */
    puts: [],
    /** @type {(() => void) | null} */
    release: null,
    held: false,
    failNext: false,
    etag: () => `"r${server.revision}"`,
    hold() { server.held = true; },
    fail() { server.failNext = true; },
    /** A save made elsewhere (another tab, the API). */
    changeElsewhere() { server.revision += 1; },
    /** @type {import("../editor/sync.js").PutTranscript} */
    async put(body, ifMatch) {
      if (server.held) {
        server.held = false;
        await new Promise((resolve) => { server.release = () => resolve(undefined); });
      }
      if (server.failNext) {
        server.failNext = false;
        throw new ApiError(0, { code: "NETWORK_ERROR", message: "The server could not be reached." });
      }
      server.puts.push({ body, ifMatch });
      if (ifMatch !== server.etag()) {
        throw new ApiError(412, { code: "TRANSCRIPT_CONFLICT", message: "The transcript changed.", details: {} });
      }
      server.revision += 1;
      return server.etag();
    },
  };
  return server;
}

/** @type {Autosave[]} */
const made = [];
afterEach(() => { // a failing test leaves no save behind it (nor keeps the process alive)
  for (const autosave of made.splice(0)) {
    autosave.dirty = false;
    clearTimeout(autosave.timer);
  }
});

function setup() {
  const server = transcriptServer();
  const store = new EditorStore({ style: { preset: "classic" } });
  store.loadTranscript(sampleTranscript());
  /** @type {[string, string][]} */
  const states = [];
  const autosave = new Autosave({ store, put: server.put, onState: (text, kind) => states.push([text, kind]), delays: DELAYS });
  made.push(autosave);
  store.subscribe(({ kind }) => { if (kind === "transcript") autosave.changed(); });
  autosave.loaded(server.etag());
  /** @param {string} text */
  const edit = (text) => {
    const first = store.model.segments[0].words[0];
    store.dispatch(editText(store.model, first.id, text, store.newId));
  };
  const last = () => states[states.length - 1];
  return { server, store, autosave, edit, states, last };
}

const firstWord = (/** @type {any} */ body) => body.segments[0].words[0].text;

/**
 * @param {() => boolean} done
 * @param {number} [ms]
 */
async function until(done, ms = 2000) {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe("autosave", () => {
  it("saves a moment after the last edit, with If-Match of the revision it has", async () => {
    const { server, autosave, edit, last } = setup();
    edit("Hello");
    edit("Hi");
    assert.deepEqual(last(), ["Unsaved changes", "pending"]);
    assert.equal(autosave.pending, true);
    await until(() => last()[0] === "All changes saved");
    assert.equal(server.puts.length, 1, "two quick edits make one save");
    assert.equal(server.puts[0].ifMatch, '"r1"');
    assert.equal(firstWord(server.puts[0].body), "Hi");
    assert.equal(autosave.etag, '"r2"');
    assert.equal(autosave.pending, false);

    edit("Hey");
    await until(() => server.puts.length === 2 && last()[0] === "All changes saved");
    assert.equal(server.puts[1].ifMatch, '"r2"', "the next save names the revision the last one made");
  });

  it("stops at a 412 conflict, says so, and never sends the creator's copy over it", async () => {
    const { server, autosave, edit, last } = setup();
    server.changeElsewhere();
    edit("Mine");
    await until(() => last()[1] === "error");
    assert.deepEqual(last(), ["Changed elsewhere: reload to see the latest version", "error"]);
    assert.equal(server.revision, 2, "the other revision is kept");

    edit("Mine again");
    await pause(DELAYS.retry * 3);
    assert.equal(server.puts.length, 1, "no save after the conflict, not even a retry");
    assert.equal(await autosave.flush(), false, "an export is told the edits are not saved");
    assert.equal(server.puts.length, 1);
    assert.equal(autosave.pending, true);
  });

  it("saves again the edits made while a save was under way", async () => {
    const { server, store, autosave, edit, last } = setup();
    server.hold();
    edit("First");
    await until(() => server.release !== null);
    edit("Second"); // while the first save waits for the server
    assert.equal(last()[0], "Unsaved changes");
    server.release?.();
    await until(() => server.puts.length === 2 && last()[0] === "All changes saved");
    assert.deepEqual(server.puts.map((put) => firstWord(put.body)), ["First", "Second"]);
    assert.deepEqual(server.puts.map((put) => put.ifMatch), ['"r1"', '"r2"']);
    assert.equal(firstWord(store.transcript()), "Second");
    assert.equal(autosave.pending, false);
  });

  it("flush (before an export) waits for the save under way, then saves what is left", async () => {
    const { server, autosave, edit, last } = setup();
    server.hold();
    edit("First");
    await until(() => server.release !== null);
    edit("Second");
    const flushed = autosave.flush();
    let done = false;
    flushed.then(() => { done = true; });
    await pause(DELAYS.save * 3);
    assert.equal(done, false, "not before the save under way is answered");
    server.release?.();
    assert.equal(await flushed, true);
    assert.deepEqual(server.puts.map((put) => firstWord(put.body)), ["First", "Second"]);
    assert.deepEqual(last(), ["All changes saved", "ok"]);
  });

  it("flush saves at once, without waiting for the delay, and with nothing to save sends nothing", async () => {
    const { server, autosave, edit } = setup();
    assert.equal(await autosave.flush(), true);
    assert.equal(server.puts.length, 0);
    autosave.delays = { save: 60_000, retry: 60_000 };
    edit("Now");
    assert.equal(await autosave.flush(), true);
    assert.equal(firstWord(server.puts[0].body), "Now");
  });

  it("retries a save that failed for another reason, saying it is not saved meanwhile", async () => {
    const { server, autosave, edit, states, last } = setup();
    server.fail();
    edit("Again");
    await until(() => last()[1] === "error");
    assert.deepEqual(last(), ["Not saved: The server could not be reached.", "error"]);
    assert.equal(autosave.pending, true);
    await until(() => last()[0] === "All changes saved");
    assert.equal(firstWord(server.puts[0].body), "Again");
    assert.ok(states.some(([text]) => text === "Saving…"));
  });
});
