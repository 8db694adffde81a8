// The video's waveform for the timeline, made by its transcription.

/**
 * Fetches the waveform file; resolves null while the video has none yet (409).
 * @param {string} videoId
 * @returns {() => Promise<ArrayBuffer | null>}
 */
export function waveformLoader(videoId) {
  return async () => {
    const response = await fetch(`/api/v1/videos/${videoId}/waveform`, { credentials: "same-origin" });
    return response.ok ? response.arrayBuffer() : null;
  };
}
