#!/bin/sh
# Installs the Debian/Ubuntu packages that ECG needs and the machine lacks: as root directly,
# else with sudo (without a password prompt); otherwise stops and prints the command to run.
# Usage: scripts/system-packages.sh run|test
set -eu

missing=""
need() {  # need COMMAND PACKAGE: the package, unless the command is already there
  command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() {  # need_file PATH PACKAGE: the package, unless the file is already there
  [ -e "$1" ] || missing="$missing $2"
}

need ffmpeg ffmpeg
need ffprobe ffmpeg
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$missing python3-venv"
if [ -z "${CHROMIUM_EXECUTABLE:-}" ] && ! command -v chromium-browser >/dev/null 2>&1; then
  need chromium chromium
fi
need node nodejs
need npm npm
if [ "${1:-run}" = test ]; then
  need espeak-ng espeak-ng
  # Real human speech for the speaker tests and benchmarks (media/tests/real_speech.py)
  need_file /usr/share/pocketsphinx/test/data/librivox/transcription pocketsphinx-testdata
  need_file /usr/share/codec2/raw/speech_orig_16k.wav codec2-examples
fi
missing=$(echo "$missing" | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/^ *//; s/ *$//')
[ -z "$missing" ] && exit 0

install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ECG needs: $missing. Install them with your system's package manager, then run make again." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  echo "Installing system packages: $missing" >&2
  sh -c "$install"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Installing system packages (sudo): $missing" >&2
  sudo sh -c "$install"
else
  echo "ECG needs these system packages: $missing" >&2
  echo "Run this once, then run make again:" >&2
  echo "  sudo sh -c '$install'" >&2
  exit 1
fi
