#!/usr/bin/env bash
# The acta-image benchmark of docs/BENCHMARKS.md: synthetic actas in every category (phone photos at
# 12 MP), read by ZXing alone, BoofCV alone, Testigo's cascade (2 threads each) and zbarimg (2 processes).
# Usage: bench/scan-bench.sh [PER_CATEGORY=24] [PHOTO_LONG_SIDE=4000] [SEED=2024] [OPTIONS...]
#        (17 categories × 24 = 408 images; needs /usr/bin/zbarimg; ../shared/data adds Brazilian BUs)
# SCAN_DIR=/tmp/scanset keeps the generated images (and their manifest.tsv) there; with --reuse they are
# read back instead of generated (generating 408 12 MP images takes ~15 min). Other options, passed on:
#   --generate-only   --decoders=cascade,boofcv,zxing,zbarimg   --categories=hard-curled,...   --verbose
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(mvn -q -B -o -DskipTests -pl bench -am package || mvn -q -B -DskipTests -pl bench -am package) >&2
cp="$root/bench/target/classes:$root/bench/target/lib/*"
dir="${SCAN_DIR:-}"
if [[ -z "$dir" ]]; then
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
fi
"$JAVA_HOME/bin/java" -Xmx3g ${SCAN_JAVA_OPTS:-} -cp "$cp" org.testigo.bench.scan.ScanBenchmark "${1:-24}" "${2:-4000}" "${3:-2024}" "$dir" "${@:4}"
