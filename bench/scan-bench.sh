#!/usr/bin/env bash
# The acta-image benchmark of docs/BENCHMARKS.md: synthetic actas in every category (phone photos at
# 12 MP), read by ZXing alone, BoofCV alone, Testigo's cascade (2 threads each) and zbarimg (2 processes).
# Usage: bench/scan-bench.sh [PER_CATEGORY=24] [PHOTO_LONG_SIDE=4000] [SEED=2024]
#        (17 categories × 24 = 408 images; needs /usr/bin/zbarimg; ../shared/data adds Brazilian BUs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(mvn -q -B -o -DskipTests -pl bench -am package || mvn -q -B -DskipTests -pl bench -am package) >&2
cp="$root/bench/target/classes:$root/bench/target/lib/*"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" org.testigo.bench.scan.ScanBenchmark "${1:-24}" "${2:-4000}" "${3:-2024}" "$tmp"
