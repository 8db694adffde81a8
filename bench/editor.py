"""Benchmark: the editor on a one-hour transcript, in headless Chromium.

    .venv/bin/python bench/editor.py [--words 9000] [--moves 120]

A page that loads the editor's own modules (static/js/editor/) with a synthetic transcript of
--words words (2.5 a second, lines of 12, two speakers, emphasis on some) measures with the
Performance API: the initial render (model loaded, transcript drawn, timeline drawn); a drag of
a word's edge in the middle of the hour on the timeline, per pointer move (the move's handler
and the timeline's redraw, as one frame); the drop (the edit applied, the transcript's
changed line and the timeline redrawn); the same for a caption line's bar dragged (its twelve
words move together); and a redraw with the whole hour and a waveform in view. No server:
files are served from disk to the page.
"""

from __future__ import annotations

import argparse
import mimetypes
import os
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")
ORIGIN = "http://bench.ecg.invalid"

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/static/css/app.css"></head><body>
<div class="timeline"><canvas id="timeline" style="width: 1200px; height: 112px"></canvas></div>
<div id="transcript" class="transcript"></div>
<script type="module">
import { EditorStore } from "/static/js/editor/store.js";
import { moveLine, retime } from "/static/js/editor/model.js";
import { TranscriptView } from "/static/js/editor/views/transcript.js";
import { TimelineView } from "/static/js/editor/views/timeline.js";

const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
window.bench = async (transcript, moves) => {
  const video = { currentTime: transcript.duration / 2, paused: true };
  const started = performance.now();
  const store = new EditorStore({ style: { preset: "classic" } });
  store.loadTranscript(transcript);
  const transcriptView = new TranscriptView(document.getElementById("transcript"), {
    store, onSeek() {}, onEdit() {}, onMoveSegment() {}, onMerge() {},
  });
  transcriptView.render();
  const canvas = document.getElementById("timeline");
  const timeline = new TimelineView(canvas, {
    store, video, duration: transcript.duration,
    speakerColors: () => (id, fallback) => fallback,
    onSelect: (id) => store.select(id),
    onRetime: (id, times) => store.dispatch(retime(store.model, id, times)),
    onMoveLine: (id, delta) => store.dispatch(moveLine(store.model, id, delta)),
  });
  timeline.view.scrollTo(video.currentTime - 5);
  timeline.draw();
  await frame();
  const initial = performance.now() - started;

  // Drag the end of the word under the playhead, a pixel at a time, one frame per move.
  const words = timeline.data();
  const index = words.findIndex((word) => word.start >= video.currentTime);
  const rect = canvas.getBoundingClientRect();
  const x = (t) => rect.left + timeline.view.x(t);
  const y = rect.top + 90;
  const at = (t) => ({ clientX: x(t), clientY: y, bubbles: true, pointerId: 1, button: 0 });
  canvas.dispatchEvent(new PointerEvent("pointerdown", at(words[index].end)));
  const perMove = [];
  for (let k = 1; k <= moves; k += 1) {
    const t0 = performance.now();
    canvas.dispatchEvent(new PointerEvent("pointermove", at(words[index].end - k * 0.0005)));
    timeline.draw();
    perMove.push(performance.now() - t0);
  }
  const dropStarted = performance.now();
  store.subscribe(({ kind }) => {
    if (kind === "transcript") { transcriptView.render(); timeline.draw(); }
  });
  canvas.dispatchEvent(new PointerEvent("pointerup", at(words[index].end - moves * 0.0005)));
  const drop = performance.now() - dropStarted;
  await frame();

  // Drag the bar of the line after it: all its words move together on every move.
  const line = timeline.segments.find((segment) => segment.start > words[index].end);
  const atLine = (t) => ({ ...at(t), clientY: rect.top + 67 });
  const middle = (line.start + line.end) / 2;
  canvas.dispatchEvent(new PointerEvent("pointerdown", atLine(middle)));
  const perLineMove = [];
  for (let k = 1; k <= moves; k += 1) {
    const t0 = performance.now();
    canvas.dispatchEvent(new PointerEvent("pointermove", atLine(middle + k * 0.0005)));
    timeline.draw();
    perLineMove.push(performance.now() - t0);
  }
  const lineDropStarted = performance.now();
  canvas.dispatchEvent(new PointerEvent("pointerup", atLine(middle + moves * 0.0005)));
  const lineDrop = performance.now() - lineDropStarted;
  await frame();

  // The whole hour in view with its waveform (100 peaks a second): the heaviest redraw.
  const peaks = new Uint8Array(Math.ceil(transcript.duration * 100)).map((_, i) => (i * 37) % 256);
  timeline.waveform = { peaksPerSecond: 100, peaks };
  timeline.fit();
  const whole = [];
  for (let k = 0; k < 20; k += 1) {
    const t0 = performance.now();
    timeline.draw();
    whole.push(performance.now() - t0);
  }
  return {
    initial, perMove, drop, perLineMove, lineDrop, whole,
    chips: document.querySelectorAll("button.word").length,
  };
};
window.ready = true;
</script></body></html>"""


def transcript(count: int) -> dict:
    words: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    t = 0.5
    for i in range(count):
        speaker = f"SPEAKER_0{(i // 60) % 2}"
        words.append(
            {
                "text": f"word{i % 97}",
                "start": round(t, 3),
                "end": round(t + 0.3, 3),
                "score": 0.9,
                "speaker": speaker,
                "emphasis": 0.9 if i % 17 == 0 else 0.1,
            }
        )
        t += 0.4
        if len(words) == 12:
            segments.append(
                {
                    "speaker": speaker,
                    "start": words[0]["start"],
                    "end": words[-1]["end"],
                    "text": " ".join(w["text"] for w in words),
                    "words": words,
                }
            )
            words = []
    if words:
        segments.append(
            {
                "speaker": words[0]["speaker"],
                "start": words[0]["start"],
                "end": words[-1]["end"],
                "text": "",
                "words": words,
            }
        )
    return {
        "version": 2,
        "language": "en",
        "duration": round(t + 1, 3),
        "engine": {
            "name": "whisperx",
            "model": "base",
            "alignment": "whisper",
            "diarization": "none",
        },
        "speakers": [
            {"id": "SPEAKER_00", "label": "Speaker 1"},
            {"id": "SPEAKER_01", "label": "Speaker 2"},
        ],
        "segments": segments,
    }


def serve(route) -> None:  # type: ignore[no-untyped-def]
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if path == "/bench.html":
        route.fulfill(status=200, body=PAGE, content_type="text/html")
        return
    file = ROOT / path.lstrip("/")
    if not file.is_file() or not file.resolve().is_relative_to(ROOT / "static"):
        route.fulfill(status=404, body="")
        return
    route.fulfill(
        status=200,
        body=file.read_bytes(),
        content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=9000)
    parser.add_argument("--moves", type=int, default=120)
    args = parser.parse_args()

    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from rendering.painter import LAUNCH_ARGS, chromium_executable

    data = transcript(args.words)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(playwright), args=LAUNCH_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(f"{ORIGIN}/**", serve)
        page.goto(f"{ORIGIN}/bench.html")
        page.wait_for_function("window.ready === true")
        result = page.evaluate("([t, m]) => window.bench(t, m)", [data, args.moves])
        browser.close()
    if errors:
        raise SystemExit(f"page errors: {errors}")
    moves = sorted(result["perMove"])
    print(
        f"transcript: {args.words} words, {data['duration'] / 60:.0f} min, "
        f"{len(data['segments'])} lines; {result['chips']} word chips drawn"
    )
    print(f"initial render: {result['initial']:.0f} ms")
    print(
        f"drag, per move (handler + timeline redraw), {len(moves)} moves: median "
        f"{statistics.median(moves):.2f} ms, p95 {moves[int(0.95 * len(moves)) - 1]:.2f} ms, "
        f"max {moves[-1]:.2f} ms"
    )
    print(f"drop (edit applied, transcript line and timeline redrawn): {result['drop']:.1f} ms")
    lines = sorted(result["perLineMove"])
    print(
        f"drag a line's bar, per move: median {statistics.median(lines):.2f} ms, "
        f"p95 {lines[int(0.95 * len(lines)) - 1]:.2f} ms, max {lines[-1]:.2f} ms; "
        f"drop {result['lineDrop']:.1f} ms"
    )
    whole = sorted(result["whole"])
    print(
        f"redraw with the whole hour and its waveform in view: median "
        f"{statistics.median(whole):.2f} ms, max {whole[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
