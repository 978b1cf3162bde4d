#!/usr/bin/env bash
# Quickstart, command 2: installs the pinned Azurite (and re2-wasm, for the masking-pattern tests) if needed and runs
# every test.
# The tests start their own Azurite on free ports, in memory, so nothing else needs to run.
# RenderHooks.slnf is Functions.sln without the Functions app, whose packages not every NuGet source serves;
# .ci/run builds the app wherever they restore.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/re2-wasm ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet test RenderHooks.slnf "$@"
