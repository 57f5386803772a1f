#!/usr/bin/env bash
# Installs what the browser tests of RoundTableReports need on a Debian machine:
# headless Chromium (prints, screenshots and dumps the plan page), poppler-utils
# (pdftotext and pdfinfo read the printed PDF back) and a font with accents (DejaVu).
# Safe to run again: it does nothing when all three are already there.
set -euo pipefail

have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_poppler() { command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; }
have_font() { [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; }

packages=()
have_chromium || packages+=(chromium)
have_poppler || packages+=(poppler-utils)
have_font || packages+=(fonts-dejavu-core)
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "error: installing ${packages[*]} needs root, and sudo is not available. Fix: run scripts/setup-browser.sh as root." >&2
    exit 1
  fi
  SUDO="sudo"
fi

echo "Installing ${packages[*]} (Debian packages, for the browser tests)..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
