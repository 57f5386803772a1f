#!/usr/bin/env bash
# Installs what RoundTable needs on a fresh Debian machine: GLPK's headers and library.
# Safe to run again: it does nothing when GLPK is already there.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (swift) is not on PATH; install Swift 6 from swift.org first." >&2
  exit 1
fi

if [ ! -f /usr/include/glpk.h ] || ! ls /usr/lib/*/libglpk.so >/dev/null 2>&1; then
  echo "Installing GLPK (Debian package libglpk-dev)..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libglpk-dev >/dev/null
fi
