#!/usr/bin/env bash
# Quickstart, command 2: installs the pinned Azurite (and re2-wasm and rregex, for the masking-pattern tests) if needed, then
# builds and tests Functions.sln — every project, the Azure Functions app included (its contract tests call its
# functions in process).
# The tests start their own Azurite on free ports, in memory, so nothing else needs to run; scripts/run.sh may be
# running (or still installing Azurite) in another terminal: the install step waits for it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/npm-install.sh

dotnet test Functions.sln "$@"
