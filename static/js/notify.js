// Telling the creator that a job ended while they looked elsewhere (another tab, another app):
// the tab's title and a badge on its icon until they come back, and a system notification when
// they asked for one. Permission is asked only from the "Notify me" toggle (a user gesture),
// never on load; the choice is kept in this browser.

/** The localStorage key of the creator's "Notify me" choice. */
export const WANTED_KEY = "ecg-notify";
/** The prefix the tab's title gets while a finished job waits to be seen. */
export const DONE_MARK = "✓";

/**
 * The tab's title while a job's end waits to be seen (one mark, however many jobs ended).
 * @param {string} title the page's own title
 * @param {string} text what ended
 */
export function titleWithNews(title, text) {
  return `${DONE_MARK} ${text} · ${title}`;
}

/**
 * Whether a system notification is shown: the creator asked for them, the browser allows them,
 * and the page is not what they are looking at.
 * @param {{ wanted: boolean, permission: string, visibility: string }} state
 */
export function shouldNotify({ wanted, permission, visibility }) {
  return wanted && permission === "granted" && visibility !== "visible";
}

/** What a notification says of a job that ended.
 * @typedef {{ title: string, body: string, tag: string }} News */

/**
 * The news of an export's or a transcription's end.
 * @param {"export" | "transcription"} kind
 * @param {{ id: string, status: string }} job
 * @param {string} name the video's file name
 * @returns {News}
 */
export function jobNews(kind, job, name) {
  const done = kind === "export" ? "Export ready" : "Transcript ready";
  const label = kind === "export" ? "Export" : "Transcription";
  return { title: job.status === "succeeded" ? done : `${label} ${job.status}`, body: name, tag: `${kind}-${job.id}` };
}

/**
 * Resolves when the page is in sight (at once if it is).
 * @param {Document} doc
 * @returns {Promise<void>}
 */
export function untilVisible(doc) {
  if (doc.visibilityState === "visible") return Promise.resolve();
  return new Promise((resolve) => {
    const look = () => {
      if (doc.visibilityState !== "visible") return;
      doc.removeEventListener("visibilitychange", look);
      resolve();
    };
    doc.addEventListener("visibilitychange", look);
  });
}

/**
 * @typedef {object} NotifierDeps
 * @property {Document} doc
 * @property {Storage} storage where the "Notify me" choice is kept
 * @property {typeof Notification | undefined} notification the browser's Notification, if any
 * @property {string} doneIcon the favicon with a badge
 */

export class DoneNotifier {
  /** @param {NotifierDeps} deps */
  constructor({ doc, storage, notification, doneIcon }) {
    this.doc = doc;
    this.storage = storage;
    this.notification = notification;
    this.doneIcon = doneIcon;
    /** @type {{ title: string, icon: string } | null} what the tab showed before the news */
    this.before = null;
    doc.addEventListener("visibilitychange", () => {
      if (doc.visibilityState === "visible") this.seen();
    });
  }

  get wanted() {
    return this.storage.getItem(WANTED_KEY) === "1";
  }

  /** The icon link of the page (its favicon). */
  icon() {
    return /** @type {HTMLLinkElement | null} */ (this.doc.querySelector('link[rel="icon"]'));
  }

  /**
   * The creator turned "Notify me" on or off (a click: permission may be asked now). Resolves to
   * whether notifications will be shown.
   * @param {boolean} on
   * @returns {Promise<boolean>}
   */
  async choose(on) {
    if (!on || !this.notification) {
      this.storage.setItem(WANTED_KEY, "0");
      return false;
    }
    const permission = this.notification.permission === "default"
      ? await this.notification.requestPermission()
      : this.notification.permission;
    this.storage.setItem(WANTED_KEY, permission === "granted" ? "1" : "0");
    return permission === "granted";
  }

  /**
   * A job ended: told at once when the page is out of sight, else nothing (the page shows it).
   * @param {News} news its tag makes one notification of the same news from several tabs
   */
  tell({ title, body, tag }) {
    if (this.doc.visibilityState === "visible") return;
    if (!this.before) this.before = { title: this.doc.title, icon: this.icon()?.href ?? "" };
    this.doc.title = titleWithNews(this.before.title, title);
    const icon = this.icon();
    if (icon) icon.href = this.doneIcon;
    const permission = this.notification?.permission ?? "denied";
    if (this.notification && shouldNotify({ wanted: this.wanted, permission, visibility: this.doc.visibilityState })) {
      const shown = new this.notification(title, { body, tag, icon: this.doneIcon });
      shown.onclick = () => { window.focus(); shown.close(); };
    }
  }

  /** The creator is back: the title and icon as they were. */
  seen() {
    if (!this.before) return;
    this.doc.title = this.before.title;
    const icon = this.icon();
    if (icon) icon.href = this.before.icon;
    this.before = null;
  }

  /**
   * Wire a "Notify me" checkbox: it shows the choice (off where the browser has no
   * notifications or they are blocked) and asks permission when it is turned on.
   * @param {HTMLInputElement} toggle
   * @param {HTMLElement} note where a refusal is explained
   */
  bind(toggle, note) {
    const permission = this.notification?.permission ?? "denied";
    toggle.checked = this.wanted && permission === "granted";
    toggle.disabled = !this.notification;
    toggle.addEventListener("change", async () => {
      const on = await this.choose(toggle.checked);
      toggle.checked = on;
      note.hidden = on || this.notification?.permission !== "denied";
    });
  }
}

/**
 * The page's notifier, with its "Notify me" toggle (#notify-me) bound when the page has one.
 * @returns {DoneNotifier}
 */
export function pageNotifier() {
  const icon = /** @type {HTMLLinkElement | null} */ (document.querySelector('link[rel="icon"]'));
  const notifier = new DoneNotifier({
    doc: document,
    storage: localStorage,
    notification: "Notification" in window ? window.Notification : undefined,
    doneIcon: icon?.dataset.done ?? "",
  });
  const toggle = document.getElementById("notify-me");
  const note = document.getElementById("notify-blocked");
  if (toggle instanceof HTMLInputElement && note) notifier.bind(toggle, note);
  return notifier;
}

/**
 * The page's notifier, as what to call when a job of this kind ends.
 * @param {"export" | "transcription"} kind
 * @param {string} name the video's file name
 * @returns {(job: { id: string, status: string }) => void}
 */
export function pageTeller(kind, name) {
  const notifier = pageNotifier();
  return (job) => notifier.tell(jobNews(kind, job, name));
}
