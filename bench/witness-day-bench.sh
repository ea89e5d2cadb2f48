#!/usr/bin/env bash
# The election-day load of docs/BENCHMARKS.md: 500 witnesses (each assigned one table of the quick-count
# sample) each send an acta — one in ten as a photo no software can read — and three turnout check-ins
# within five minutes, while 20 volunteers work the transcription desk and 1,000 readers load the public
# documents; server (its own JVM, embedded durable PostgreSQL) and load generator on the same machine.
# Usage: bench/witness-day-bench.sh [SECONDS [WITNESSES VOLUNTEERS READERS]]   (needs ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-300}"
shift || true
data="${TESTIGO_SHARED_DATA:-$root/../shared/data}"
[ -d "$data" ] || data=/work/shared/data        # a git worktree sits deeper than the main checkout
csv="$data/resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"
. "$root/bench/v2-setup.sh"
admin="$(./testigo token create --role admin --name bench-admin --data "$tmp/data" 2>/dev/null)"
# The witnesses watch sampled tables, so their turnout check-ins count (a table outside the sample is refused).
./testigo sample draw --data "$tmp/data" --size 1000 --strata nation --seed "witness-day-bench-$(date +%s%N)" --out "$tmp/sample.txt" >/dev/null
"$java" -cp "$cp" org.testigo.bench.load.V2Payloads "$csv" "$tmp/payloads.txt" >/dev/null

port=18081
./testigo serve --data "$tmp/data" --port "$port" --host 127.0.0.1 --rate-limit submissions=off >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -srm)"
"$java" -cp "$cp" org.testigo.bench.load.WitnessDayLoad "http://127.0.0.1:$port" "$admin" "$tmp/sample.txt" "$tmp/payloads.txt" "$seconds" "$@"
