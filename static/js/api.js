// Calls to our API from our own pages: session cookie + CSRF header, errors in one shape.

/**
 * An API error body's `error` (`{"error": {"code", "message", "details"}}`).
 * @typedef {{ code?: string, message?: string, details?: Record<string, any> }} ErrorBody
 */

export class ApiError extends Error {
  /** @param {number} status HTTP status, 0 when the server could not be reached
   * @param {ErrorBody | undefined} error */
  constructor(status, error) {
    super(error?.message || `Request failed (${status})`);
    this.status = status;
    this.code = error?.code || "NETWORK_ERROR";
    this.details = error?.details || {};
  }
}

/** Any failure as an ApiError: a bug (a TypeError...) keeps its message, with no status.
 * @param {unknown} error @returns {ApiError} */
export function asApiError(error) {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { code: "CLIENT_ERROR", message: error instanceof Error ? error.message : String(error) });
}

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") || "";

/** A JSON call; a FormData body is sent as multipart (a file upload).
 * @param {string} path
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [options]
 * @returns {Promise<{ data: any, response: Response }>} */
export async function api(path, { method = "GET", body, headers = {} } = {}) {
  let response;
  const form = body instanceof FormData;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(body !== undefined && !form ? { "Content-Type": "application/json" } : {}),
        ...(method !== "GET" ? { "X-CSRFToken": csrf() } : {}),
        ...headers,
      },
      // (a cast: without strictNullChecks, as the node tests are checked, `unknown` does not narrow)
      body: body === undefined || body instanceof FormData ? /** @type {FormData | undefined} */ (body) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: "NETWORK_ERROR", message: "The server could not be reached." });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data?.error);
  return { data, response };
}

const when = (/** @type {string} */ iso) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

/** A sentence a creator can act on, for any API error.
 * @param {{ code?: string, message: string, details?: Record<string, any> }} error */
export function friendly(error) {
  const d = error.details || {};
  switch (error.code) {
    case "QUOTA_DAILY_EXCEEDED":
      return `You have used all ${d.limit} renders for today. More are available ${when(d.resets_at)}.`;
    case "QUOTA_MONTHLY_EXCEEDED":
      return `You have used all ${d.limit} renders this month. They reset ${when(d.resets_at)}.`;
    case "QUOTA_CONCURRENT_EXCEEDED":
      return `${d.used} renders are already running (limit ${d.limit}). Wait for one to finish.`;
    case "RATE_LIMITED":
      return `Too many requests. Try again in ${d.retry_after} seconds.`;
    case "VIDEO_TOO_LONG":
      return `This video is too long to export (limit ${Math.round(d.limit / 60)} minutes).`;
    default:
      return error.message;
  }
}

/** @param {number | null | undefined} seconds */
export function formatTime(seconds) {
  const s = Math.max(0, seconds || 0);
  const m = Math.floor(s / 60);
  return `${m}:${(s % 60).toFixed(1).padStart(4, "0")}`;
}

/** @param {number | null | undefined} seconds */
export function formatEta(seconds) {
  if (seconds == null) return "";
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** @param {number} n */
export function formatBytes(n) {
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follow a server-sent event stream (a job's progress): `onData(data)` is called with each
 * `name` event's JSON and returns true at the end. Resolves true once the end came; false if
 * the stream could not be used (no EventSource, an error answer), so that the caller polls
 * instead. A stream the server closes (it does every few minutes) is reopened by the browser.
 * @param {string} url @param {string} name @param {(data: any) => boolean} onData
 * @returns {Promise<boolean>}
 */
export function followEvents(url, name, onData) {
  if (!window.EventSource) return Promise.resolve(false);
  return new Promise((resolve) => {
    const source = new EventSource(url);
    source.addEventListener(name, (event) => {
      if (onData(JSON.parse(/** @type {MessageEvent<string>} */ (event).data))) { source.close(); resolve(true); }
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) resolve(false);
    };
  });
}

/** @type {Record<string, string>} */
export const PHASES = {
  fetching: "Fetching the video", extracting_audio: "Extracting audio", transcribing: "Transcribing",
  aligning: "Aligning words", diarizing: "Finding speakers", analyzing: "Reading the voice", saving: "Saving",
  layout: "Laying out captions", painting: "Drawing captions", encoding: "Encoding video",
  uploading: "Storing the result", retrying: "Retrying", done: "Done",
};
