# Sourced by the HTTP benchmarks that run over the real 2024 election (submit-bench.sh, witness-day-bench.sh).
# Needs $root (the repository) and $csv (the V2 results CSV). Leaves: $java, $cp (the bench classpath), $tmp
# (removed at exit, after killing $server_pid if set) holding the package in $tmp/pkg and the loaded
# deployment in $tmp/data.
[ -f "$csv" ] || { echo "needs $csv" >&2; exit 3; }

./testigo --version >/dev/null               # finds the JDK and builds the CLI when needed
java="$(./testigo --print-java)"
export JAVA_HOME="$(dirname "$(dirname "$java")")"
(mvn -q -B -o -DskipTests -pl bench -am package || mvn -q -B -DskipTests -pl bench -am package) >&2
cp="$root/bench/target/classes:$root/bench/target/lib/*"

tmp="$(mktemp -d)"
trap 'kill "${server_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT
./testigo election import-resultados "$csv" --package-only --out "$tmp/pkg" >/dev/null
./testigo election load "$tmp/pkg" --data "$tmp/data"
