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
if [ ! -f "$WORK/data/log-signing.key" ]; then
  if ./testigo --help 2>/dev/null | grep -qE "^ +keys "; then
    ./testigo keys init --data "$WORK/data"
  else
    # Before `testigo keys init` exists: create the key with the engine's LogKeyFile.
    cat > "$WORK/MakeKey.java" <<'JAVA'
public class MakeKey {
    public static void main(String[] a) throws Exception {
        org.testigo.transparency.LogKeyFile.create(java.nio.file.Path.of(a[0]), "testigo.bench/log");
    }
}
JAVA
    "$JAVA_HOME/bin/java" -cp "cli/target/classes:cli/target/lib/*" "$WORK/MakeKey.java" "$WORK/data/log-signing.key"
  fi
fi
/usr/bin/time -f "export-data: %e s, %M KB max RSS" ./testigo export-data --data "$WORK/data" "$WORK/bundle" | tee "$WORK/export.txt"
KEY=$(sed -n 's/^Log key: //p' "$WORK/export.txt")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: ./testigo verify --key $KEY $WORK/bundle"
/usr/bin/time -f "verify: %e s wall, %U s user, %M KB max RSS" ./testigo verify --key "$KEY" "$WORK/bundle"
