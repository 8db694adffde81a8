// What a dashboard card's badges say of a video's jobs (the server draws the same at load).

/**
 * @typedef {{ status: string, progress?: number }} JobState
 */

/** The transcription badge's text. @param {JobState} job */
export function transcriptionText(job) {
  switch (job.status) {
    case "succeeded": return "Transcribed";
    case "running": return `Transcribing ${job.progress ?? 0}%`;
    case "queued": return "Queued";
    default: return `Transcription ${job.status}`;
  }
}

/** The export badge's text. @param {JobState} job */
export function exportText(job) {
  return job.status === "running" ? `Export running ${job.progress ?? 0}%` : `Export ${job.status}`;
}

/** Whether a job has ended (succeeded, failed, canceled). @param {JobState} job */
export function hasEnded(job) {
  return !["queued", "running"].includes(job.status);
}
