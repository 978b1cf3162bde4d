#!/usr/bin/env bash
# Quickstart, command 1: starts Azurite (unless one already listens on 10000-10002) and the RenderHooks server
# on http://localhost:7071 with the Development settings. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing the pinned Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
cleanup() { [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if listening 10001 && listening 10002; then
  echo "Using the Azurite already listening on 127.0.0.1:10000-10002."
else
  mkdir -p .azurite
  echo "Starting Azurite (data in .azurite/, log in .azurite/azurite.log)..."
  node_modules/.bin/azurite --silent --disableTelemetry \
    --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    > .azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 100); do
    if listening 10000 && listening 10001 && listening 10002; then break; fi
    sleep 0.2
  done
  listening 10001 || { echo "Azurite did not start; see .azurite/azurite.log" >&2; exit 1; }
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Starting RenderHooks on http://localhost:7071 ..."
dotnet run --project src/RenderHooks.Server --no-launch-profile
