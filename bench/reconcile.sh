#!/usr/bin/env bash
# Benchmark: one reconciliation run over 10,000 jobs of which 100 are due (arguments: total and due counts).
# Starts its own in-memory Azurite on ports 10100-10102 and prints reads, status calls and wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/npm-install.sh

log=$(mktemp)
node_modules/.bin/azurite --silent --disableTelemetry --inMemoryPersistence \
  --blobHost 127.0.0.1 --blobPort 10100 --queueHost 127.0.0.1 --queuePort 10101 --tableHost 127.0.0.1 --tablePort 10102 \
  > "$log" 2>&1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true; rm -f "$log"' EXIT INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 100); do
  if listening 10101 && listening 10102; then break; fi
  sleep 0.2
done
listening 10102 || { echo "Azurite did not start:" >&2; cat "$log" >&2; exit 1; }

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=http://127.0.0.1:10100/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10101/devstoreaccount1;TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;"
dotnet run -c Release --project bench/ReconcileBench -- "$connection" "${1:-10000}" "${2:-100}"
