#!/usr/bin/env bash
# Quickstart, command 2: installs the pinned Azurite (and re2-wasm and rregex, for the masking-pattern tests) if needed, then
# builds and tests Functions.sln — every project, the Azure Functions app included (its contract tests call its
# functions in process).
# The tests start their own Azurite on free ports, in memory, so nothing else needs to run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/re2-wasm ] || [ ! -d node_modules/rregex ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet test Functions.sln "$@"
