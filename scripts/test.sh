#!/usr/bin/env bash
# Quickstart, command 2: installs the pinned Azurite (and re2-wasm and rregex, for the masking-pattern tests) if needed, then
# builds and tests Functions.sln — every project, the Azure Functions app included (its contract tests call its
# functions in process).
# The tests start their own Azurite on free ports, in memory, so nothing else needs to run; scripts/run.sh may be
# running (or still installing Azurite) in another terminal: the install step waits for it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/npm-install.sh

# Progress while it runs: one line per test as it finishes ("  Passed RenderHooks.Tests.… [1 s]"), from the console
# logger at normal verbosity, which ends with a "Total tests: … Passed: …"
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
