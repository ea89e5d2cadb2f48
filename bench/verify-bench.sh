#!/usr/bin/env bash
# Benchmark of `testigo verify` on the full V2 bundle (payloads only): import the 25,073 tables of
# resultadosconvzla.com's V2 CSV into a fresh embedded store, export the open-data bundle, verify it.
# Usage: bench/verify-bench.sh [WORK_DIR]   (default: a new temporary folder; needs /work/shared/data or $TESTIGO_DATA)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${TESTIGO_DATA:-/work/shared/data}
WORK=${1:-$(mktemp -d)}
CSV="$DATA/resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

./testigo election import-resultados --data "$WORK/data" "$CSV"
[ -f "$WORK/data/log-signing.key" ] || ./testigo keys init --data "$WORK/data"
/usr/bin/time -f "export-data: %e s, %M KB max RSS" ./testigo export-data --data "$WORK/data" "$WORK/bundle" | tee "$WORK/export.txt"
KEY=$(sed -n 's/^Log key: //p' "$WORK/export.txt")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: ./testigo verify --key $KEY $WORK/bundle"
/usr/bin/time -f "verify: %e s wall, %U s user, %M KB max RSS" ./testigo verify --key "$KEY" "$WORK/bundle"
