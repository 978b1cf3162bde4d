#!/usr/bin/env bash
# Quickstart, command 2: installs the pinned Azurite (and re2-wasm, for the masking-pattern tests) if needed, then
# builds and tests Functions.sln — every project, the Azure Functions app included (its contract tests call its
# functions in process).
# The tests start their own Azurite on free ports, in memory, so nothing else needs to run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/re2-wasm ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Progress while it runs: one line per test as it finishes ("  Passed RenderHooks.Tests.… [1 s]"), from the console
# logger at normal verbosity, which also shows the hosts' own log lines and ends with a "Total tests: … Passed: …"
# block (.ci/run reads it, or the one-line "Passed!  - Failed: …" summary of the default, quieter verbosity).
# A console logger of your own replaces this one: --logger "console;verbosity=minimal" for the quiet output.
logger=(--logger "console;verbosity=normal")
previous=
for arg in "$@"; do
  case "$previous|$arg" in
    --logger\|console* | -l\|console* | *\|--logger:console* | *\|--logger=console* | *\|-l:console*) logger=() ;;
  esac
  previous=$arg
done

dotnet test Functions.sln "${logger[@]}" "$@"
