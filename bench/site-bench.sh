#!/usr/bin/env bash
# The public site's benchmark (docs/BENCHMARKS.md, "Public site"), in one run on one machine:
#  A. `testigo export-site` of the full V2 import (25,073 tables, the states' outlines for the map), timed;
#  B. wrk at 1,000 open connections against the live server and against nginx serving the exported mirror:
#     the home page, a table page, and an ID lookup (POST /api/v1/lookup on the live server, the roll shard
#     a mirror's browser fetches on nginx), over a 5,000-table synthetic election with its voter roll;
#  C. the live home page under the same load while a fresh election's 5,000 actas arrive, then after.
# Usage: bench/site-bench.sh [WORK_DIR]   (default /tmp/site-bench; reuses an import already there)
# Needs /work/shared/data (or $TESTIGO_DATA), nginx, wrk, python3. DURATION (default 30s) per wrk run;
# SKIP_V2=1 skips part A; REUSE_SITE=1 serves the synthetic mirror already exported (re-runs of part B);
# SKIP_READS=1 skips part B, SKIP_WRITES=1 part C (reads while results arrive; RATE actas per second, default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${TESTIGO_DATA:-/work/shared/data}
W=$(realpath -m "${1:-/tmp/site-bench}")
DURATION=${DURATION:-30s}
LIVE_PORT=${LIVE_PORT:-18480}
NGINX_PORT=${NGINX_PORT:-18481}
mkdir -p "$W"
ulimit -n 20000
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"; }
machine | tee "$W/machine.txt"

# ---- A. export-site of the V2 import
if [ -z "${SKIP_V2:-}" ]; then
if [ ! -f "$W/v2/data/log-signing.key" ]; then
  ./testigo election import-resultados --data "$W/v2/data" --geometry "$DATA/ve_states_adm1_ine_ocha.geojson" \
    "$DATA/resultadosconvzla_RESULTADOS_2024_CSV_V2.csv" > "$W/v2-import.txt"
  ./testigo keys init --data "$W/v2/data" > /dev/null
fi
echo "command: ./testigo export-site --data $W/v2/data $W/v2/site"
machine
/usr/bin/time -f "export-site V2: %e s wall, %U s user, %S s sys, %M KB max RSS" ./testigo export-site --data "$W/v2/data" "$W/v2/site" 2>&1 | grep -v '^WARNING'
echo "files: $(find "$W/v2/site" -type f | wc -l), bytes: $(du -sb "$W/v2/site" | cut -f1) ($(du -sh "$W/v2/site" | cut -f1) on disk)"
fi

# ---- B. wrk, live server against nginx
warm() { wrk -t2 -c200 -d"${WARMUP:-15s}" -H 'Accept-Encoding: gzip' ${2:+-s "$2"} "$1" > /dev/null; }
run() { # name url [script]
  local name=$1 url=$2 script=${3:-}
  curl -sf -o /dev/null -H 'Accept-Encoding: gzip' "$url" || [ -n "$script" ] || { echo "$name: $url does not answer 200" >&2; exit 1; }
  echo "== $name: wrk -t2 -c1000 -d$DURATION --latency -H 'Accept-Encoding: gzip' ${script:+-s $script }$url"
  wrk -t2 -c1000 -d"$DURATION" --latency -H 'Accept-Encoding: gzip' ${script:+-s "$script"} "$url" | grep -E 'Requests/sec|Transfer/sec|^ +(50|90|99)%|Non-2xx|Socket errors|requests in'
}
LIVE=""; NGINX=""
trap 'kill $LIVE $NGINX 2>/dev/null || true' EXIT
if [ -z "${SKIP_READS:-}" ]; then
S="$W/synth"
if [ ! -f "$S/data/log-signing.key" ]; then
  ./testigo election synth --tables 5000 --seed 7 --roll --load --data "$S/data" --out "$S/pkg" > /dev/null
  ./testigo keys init --data "$S/data" > /dev/null
  TOKEN=$(./testigo token create --role witness --name bench --data "$S/data" 2>/dev/null)
  ./testigo serve --data "$S/data" --port "$LIVE_PORT" --host 127.0.0.1 --rate-limit submissions=off > "$S/serve0.txt" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$LIVE_PORT/health" > /dev/null; do sleep 0.5; done
  ./testigo submit --server "http://127.0.0.1:$LIVE_PORT" --token "$TOKEN" --concurrency 8 "$S/pkg/payloads.txt" > /dev/null
  kill "$pid"; wait "$pid" || true
fi
[ -n "${REUSE_SITE:-}" ] && [ -f "$S/site/SHA256SUMS" ] || ./testigo export-site --with-roll --data "$S/data" "$S/site" 2>&1 | grep -v '^WARNING'

./testigo serve --data "$S/data" --port "$LIVE_PORT" --host 127.0.0.1 --rate-limit lookup=off > "$S/serve.txt" 2>&1 &
LIVE=$!
sed -e "s#@ROOT@#$S/site#" -e "s#@WORK@#$S#" -e "s#@PORT@#$NGINX_PORT#" -e "s#@BENCH@#$PWD/bench#" bench/nginx-mirror.conf > "$S/nginx.conf"
/usr/sbin/nginx -c "$S/nginx.conf" -p "$S" &
NGINX=$!
until curl -sf "http://127.0.0.1:$LIVE_PORT/health" > /dev/null && curl -sf "http://127.0.0.1:$NGINX_PORT/index.html" > /dev/null; do sleep 0.5; done

TABLE=$(sed -n 2p "$S/pkg/tables.csv" | cut -d, -f1)
tail -n +2 "$S/pkg/voters/roll.csv" | shuf -n 2000 --random-source=<(yes) | cut -d, -f1 > "$S/ids.txt"
python3 - "$S/site/roll/roll.json" "$S/ids.txt" > "$S/shards.txt" <<'PY'
import hashlib, json, sys
meta = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    key = hashlib.sha256((meta["election"] + "\n" + line.strip()).encode()).hexdigest()
    print("/roll/" + key[:meta["prefix_hex"]] + ".txt")
PY

echo "home page on the wire: $(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$LIVE_PORT/" | wc -c) B br, $(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$LIVE_PORT/" | wc -c) B gzip, $(curl -s "http://127.0.0.1:$LIVE_PORT/" | wc -c) B plain; requests to other hosts: $(curl -s "http://127.0.0.1:$LIVE_PORT/" | grep -Eo '(src|href)="(https?:)?//[^"]*"' | wc -l)"
# The JVM compiles its hot paths during the first seconds under load; nginx has nothing to warm. Each live
# URL gets WARMUP (default 15s) of the same load first, unmeasured, so the runs compare steady states.
warm "http://127.0.0.1:$LIVE_PORT/index.html"
warm "http://127.0.0.1:$LIVE_PORT/table/$TABLE.html"
IDS="$S/ids.txt" warm "http://127.0.0.1:$LIVE_PORT/api/v1/lookup" bench/lookup.lua
machine
run "live home" "http://127.0.0.1:$LIVE_PORT/index.html"
run "nginx home" "http://127.0.0.1:$NGINX_PORT/index.html"
run "live table" "http://127.0.0.1:$LIVE_PORT/table/$TABLE.html"
run "nginx table" "http://127.0.0.1:$NGINX_PORT/table/$TABLE.html"
IDS="$S/ids.txt" run "live lookup" "http://127.0.0.1:$LIVE_PORT/api/v1/lookup" bench/lookup.lua
SHARDS="$S/shards.txt" run "nginx shard" "http://127.0.0.1:$NGINX_PORT/" bench/shard.lua
machine
fi

# ---- C. reads while results arrive (issue 4: "writes never slow reads down noticeably")
# A fresh 5,000-table election with nothing submitted; its home page under wrk while the 5,000 actas arrive at
# RATE per second (each one moves the state, so every page is rendered again), then the same load once all are in.
if [ -z "${SKIP_WRITES:-}" ]; then
  [ -z "$LIVE$NGINX" ] || { kill $LIVE $NGINX 2>/dev/null || true; wait $LIVE $NGINX 2>/dev/null || true; }
  R="$W/writes"
  rm -rf "$R"
  ./testigo election synth --tables 5000 --seed 7 --load --data "$R/data" --out "$R/pkg" > /dev/null
  ./testigo keys init --data "$R/data" > /dev/null
  TOKEN=$(./testigo token create --role witness --name bench --data "$R/data" 2>/dev/null)
  ./testigo serve --data "$R/data" --port "$LIVE_PORT" --host 127.0.0.1 --rate-limit submissions=off > "$R/serve.txt" 2>&1 &
  LIVE=$!
  until curl -sf "http://127.0.0.1:$LIVE_PORT/health" > /dev/null; do sleep 0.5; done
  warm "http://127.0.0.1:$LIVE_PORT/index.html"
  RATE=${RATE:-200}
  echo "== while 5,000 actas arrive at $RATE/s (testigo submit --concurrency 4, paced):"
  python3 - "$R/pkg/payloads.txt" "$RATE" <<'PY' | ./testigo submit --server "http://127.0.0.1:$LIVE_PORT" --token "$TOKEN" --concurrency 4 - > "$R/receipts.txt" &
import sys, time
lines = open(sys.argv[1]).read().splitlines()
gap, start = 1.0 / float(sys.argv[2]), time.monotonic()
for i, line in enumerate(lines):
    time.sleep(max(0.0, start + i * gap - time.monotonic()))
    print(line, flush=True)
PY
  WRITER=$!
  sleep 2
  run "live home, results arriving" "http://127.0.0.1:$LIVE_PORT/index.html"
  wait $WRITER
  echo "receipts: $(grep -c '"evidence"' "$R/receipts.txt") of $(wc -l < "$R/pkg/payloads.txt")"
  run "live home, all results in" "http://127.0.0.1:$LIVE_PORT/index.html"
fi
