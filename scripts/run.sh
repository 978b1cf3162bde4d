#!/usr/bin/env bash
# Quickstart, command 1: starts Azurite (unless one already listens on 10000-10002) and the RenderHooks server
# on http://localhost:7071 with the Development settings. It keeps the terminal: Ctrl+C stops both. Run the tests,
# curl and the tool from a second terminal (scripts/test.sh may start while this one is still installing Azurite).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/npm-install.sh

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The server's own port, unless another address is configured (the server then says in one line if it is taken).
if [ -z "${ASPNETCORE_URLS:-}${URLS:-}${ASPNETCORE_HTTP_PORTS:-}" ] && listening 7071; then
  echo "Port 7071 is in use (another scripts/run.sh, or func start?): stop what listens there, or run the server on another port: ASPNETCORE_URLS=http://localhost:7072 bash scripts/run.sh" >&2
  exit 1
fi

azurite_pid=""
cleanup() { [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

in_use=()
for port in 10000 10001 10002; do
  if listening "$port"; then in_use+=("$port"); fi
done
if [ ${#in_use[@]} -eq 3 ]; then
  echo "Using the Azurite already listening on 127.0.0.1:10000-10002."
elif [ ${#in_use[@]} -gt 0 ]; then
  echo "Port(s) ${in_use[*]} in use, but not all of 10000-10002 (Azurite's blob, queue and table ports): stop what listens there, or start an Azurite on all three and run this again." >&2
  exit 1
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
  if ! { listening 10000 && listening 10001 && listening 10002; }; then
    echo "Azurite did not start; see .azurite/azurite.log" >&2
    exit 1
  fi
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Starting RenderHooks on ${ASPNETCORE_URLS:-${URLS:-http://localhost:7071}} (Ctrl+C stops it; use a second terminal for the rest)..."
dotnet run --project src/RenderHooks.Server --no-launch-profile
