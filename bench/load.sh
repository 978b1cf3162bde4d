#!/usr/bin/env bash
# Benchmark: the raw queue ceiling and intake through the server at several concurrencies, large bodies (256 KiB
# JSON2Video webhooks at 1, 8 and 32 connections; the server's peak memory with 32 concurrent 1 MiB webhooks), a
# backlog drained by processing, end-to-end latency and the server's peak memory, in one run of about 4 minutes;
# prints Markdown tables.
# Builds Release; the benchmark (bench/LoadBench) starts its own in-memory Azurite on ports 10110-10112 (a fresh one
# per measurement) and the Release server as a separate process on 10113. Where a Functions host is available
# (RENDERHOOKS_FUNCTIONS_HOST, the path of Microsoft.Azure.WebJobs.Script.WebHost.dll, or Core Tools' func on PATH),
# intake through it is measured too, on 10114, in the same rounds and against the same ceiling, with the host's queue
# trigger and timer disabled by app setting (AzureWebJobs_<function>_Disabled), as the server's processing is off.
# Options pass through to bench/LoadBench (e.g. --concurrency 1,8,32,64 --duration 8 --backlog 2000 --e2e-rate 40
# --large-concurrency 1,8,32 --large-bytes 262144 --burst-connections 32 --burst-bytes 1048576);
# environment variables pass through to the server (e.g. Logging__LogLevel__Default=Warning). LOADBENCH_KEEP_LOGS=1
# keeps the server's and Azurite's logs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/npm-install.sh

functions_host=()
if [ -n "${RENDERHOOKS_FUNCTIONS_HOST:-}" ]; then
  functions_host=(--functions-host "$RENDERHOOKS_FUNCTIONS_HOST" --functions-app src/RenderHooks.Functions/bin/Release/net10.0)
elif command -v func > /dev/null; then
  functions_host=(--functions-host "$(command -v func)" --functions-app src/RenderHooks.Functions/bin/Release/net10.0)
else
  echo "No Functions host (RENDERHOOKS_FUNCTIONS_HOST or func on PATH): intake through the host is left out."
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 10110 10111 10112 10113 10114; do
  if listening "$port"; then
    echo "Port $port is in use (another bench/load.sh still running?); the benchmark needs 10110-10114." >&2
    exit 1
  fi
done

echo "Building Release..."
dotnet build -c Release --nologo -v quiet src/RenderHooks.Server/RenderHooks.Server.csproj > /dev/null
dotnet build -c Release --nologo -v quiet bench/LoadBench/LoadBench.csproj > /dev/null
if [ ${#functions_host[@]} -gt 0 ]; then
  dotnet build -c Release --nologo -v quiet src/RenderHooks.Functions/RenderHooks.Functions.csproj > /dev/null
fi

work=$(mktemp -d)
bench_pid=""
# A process and everything it started (the Functions host's worker), children first.
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  if [ -n "$bench_pid" ]; then kill -KILL "$bench_pid" 2>/dev/null || true; fi
  # What the benchmark started and did not stop (it writes their pids here). Azurite is in memory: nothing to keep,
  # and a loaded one can take minutes over a graceful stop.
  for pid_file in "$work"/*.pid; do
    [ -s "$pid_file" ] && kill_tree "$(cat "$pid_file")"
  done
  if [ -n "${LOADBENCH_KEEP_LOGS:-}" ]; then echo "Logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

azurite_version=$(node -p 'require("./node_modules/azurite/package.json").version')
dotnet bench/LoadBench/bin/Release/net10.0/LoadBench.dll \
  --azurite node_modules/.bin/azurite --azurite-version "$azurite_version" \
  --server src/RenderHooks.Server/bin/Release/net10.0/RenderHooks.Server --work "$work" "${functions_host[@]}" "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
if [ "$status" -ne 0 ] && [ -s "$work/server.log" ]; then
  echo "The benchmark failed (exit $status); the end of the server's log:" >&2
  tail -n 20 "$work/server.log" >&2
fi
exit "$status"
