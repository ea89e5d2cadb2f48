#!/usr/bin/env bash
# The HTTP ingest benchmark of docs/BENCHMARKS.md: all 25,073 tables of the published V2 results sent as
# ve-2024 QR payloads over real HTTP by 16 concurrent clients (one process) to a Testigo server (another
# process) on the embedded, durable PostgreSQL; then PostgreSQL COPY of the same rows (the ceiling).
# Two passes: a first witness sends every table to a server that has just started (cold: the JIT is
# still compiling), then a second witness sends every table again (new evidence, each confirming its
# table) to the warmed server — the figure that holds for the rest of an election night.
# Usage: bench/submit-bench.sh [CLIENTS]        (needs ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
clients="${1:-16}"
csv="$root/../shared/data/resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"
. "$root/bench/v2-setup.sh"
first="$(./testigo token create --role witness --name bench-first --data "$tmp/data" 2>/dev/null)"
second="$(./testigo token create --role witness --name bench-second --data "$tmp/data" 2>/dev/null)"
"$java" -cp "$cp" org.testigo.bench.load.V2Payloads "$csv" "$tmp/payloads.txt"

port=18080
./testigo serve --data "$tmp/data" --port "$port" --host 127.0.0.1 --rate-limit submissions=off >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -srm)"
echo "== HTTP, cold server: first witness, $clients clients, durable acknowledgements"
"$java" -cp "$cp" org.testigo.bench.load.SubmitLoad "http://127.0.0.1:$port" "$first" "$tmp/payloads.txt" "$clients"
echo "== HTTP, warm server: second witness, $clients clients, durable acknowledgements"
"$java" -cp "$cp" org.testigo.bench.load.SubmitLoad "http://127.0.0.1:$port" "$second" "$tmp/payloads.txt" "$clients" | tee "$tmp/load.txt"
pgport="$(sed -n 4p "$tmp/data/postgres/postmaster.pid")"
echo "== PostgreSQL COPY of the same rows"
"$java" -cp "$cp" org.testigo.bench.load.CopyCeiling "jdbc:postgresql://localhost:$pgport/testigo?user=postgres" "$tmp/payloads.txt" | tee "$tmp/copy.txt"
api="$(sed -n 's/^throughput: \([0-9]*\).*/\1/p' "$tmp/load.txt")"
ceiling="$(sed -n 's/.*= \([0-9]*\) rows\/s/\1/p' "$tmp/copy.txt")"
awk -v a="$api" -v c="$ceiling" 'BEGIN {printf "== ratio: HTTP %d/s is %.1f%% of COPY %d/s\n", a, 100*a/c, c}'
