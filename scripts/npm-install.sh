#!/usr/bin/env bash
# Installs the pinned npm packages of package-lock.json (Azurite, and re2-wasm and rregex for the masking-pattern tests) into
# node_modules, once. scripts/run.sh, scripts/test.sh and bench/*.sh all call it, and may do so at the same moment
# (the quickstart's two commands in two terminals): one process installs while the others wait for it, then find
# the packages installed and go on. Installed means node_modules/.installed holds the hash of package-lock.json:
# written (by a rename, so never half) only after npm ci succeeded, so a failed or interrupted install, or a changed
# package-lock.json, is installed again by the next call.
set -euo pipefail
cd "$(dirname "$0")/.."

marker=node_modules/.installed
lock=.npm-install.lock

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }
installed() { [ -f "$marker" ] && [ "$(cat "$marker")" = "$(lock_hash)" ] && [ -x node_modules/.bin/azurite ]; }

if installed; then
  exit 0
fi

if ! command -v flock > /dev/null; then
  echo "scripts/npm-install.sh needs flock (util-linux; on macOS: brew install flock) to install node_modules safely." >&2
  exit 1
fi
if ! command -v npm > /dev/null; then
  echo "npm was not found: install Node.js with npm (Azurite 3.37 declares Node 22), then run this again." >&2
  exit 1
fi

# The lock is held until this script exits; flock(2) releases it if the process dies, so nothing is left to clean up.
exec 9> "$lock"
if ! flock -n 9; then
  echo "Waiting for another install of node_modules (npm ci) to finish..."
  flock 9
fi

if installed; then
  exit 0 # the other install finished while this one waited
fi

echo "Installing the pinned Azurite, re2-wasm and rregex (npm ci)..."
npm ci --no-audit --no-fund --loglevel=error
lock_hash > "$marker.tmp"
mv -f "$marker.tmp" "$marker"
