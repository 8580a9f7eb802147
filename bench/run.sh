#!/usr/bin/env bash
# Runs the whole bench and writes the results table. See bench/README.md.
#
#   bench/run.sh                 full run (JMH 1 fork, 3×2 s warm-up, 4×2 s measurement, -prof gc and
#                                the bench's CPU-time profiler;
#                                delivery bursts of 100, 1,000, 10,000; 12,000 paced ERROR lines
#                                at 400/s after 28,000 to warm up, most of them at 800/s; about
#                                75 s per paced run, 3 rounds of 3) → bench/RESULTS.md
#   BENCH_QUICK=1 bench/run.sh   short run to check the pipeline → bench/target/RESULTS-quick.md
#
# Environment: BENCH_OUT (report path), BENCH_INCLUDE (JMH benchmark regex, default all),
# BENCH_JMH_ITERATIONS (JMH's iteration arguments, e.g. "-wi 2 -w 2s -i 3 -r 2s"),
# BENCH_BURSTS (delivery burst sizes, e.g. "100 1000"),
# BENCH_PACED ("<N> <per second> <warm-up lines>" of the paced ERROR bench, e.g. "12000 400 28000";
# "0" skips it), BENCH_PACED_REPEAT (runs of each paced variant, interleaved; the report takes the
# median; default 3),
# BENCH_MAVEN_ARGS (extra Maven arguments, e.g. -o), JAVA_HOME (JDK to run; default: java on PATH).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
out=bench/target

if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
  mode=quick
  jmh_iterations=(-wi 1 -w 1s -i 2 -r 1s)
  bursts=(100 1000)
  paced=(1000 400 200)
  paced_repeat=1
  report="${BENCH_OUT:-$out/RESULTS-quick.md}"
else
  mode=full
  jmh_iterations=(-wi 3 -w 2s -i 4 -r 2s)
  bursts=(100 1000 10000)
  paced=(12000 400 28000)
  paced_repeat=3
  report="${BENCH_OUT:-bench/RESULTS.md}"
fi

if [[ -n "${BENCH_JMH_ITERATIONS:-}" ]]; then read -r -a jmh_iterations <<< "$BENCH_JMH_ITERATIONS"; fi
if [[ -n "${BENCH_BURSTS:-}" ]]; then read -r -a bursts <<< "$BENCH_BURSTS"; fi
if [[ -n "${BENCH_PACED:-}" ]]; then read -r -a paced <<< "$BENCH_PACED"; fi
paced_repeat="${BENCH_PACED_REPEAT:-$paced_repeat}"

echo "== build"
# shellcheck disable=SC2086 # BENCH_MAVEN_ARGS is a list of arguments
mvn -B -q ${BENCH_MAVEN_ARGS:-} -pl bench -am package -DskipTests
jar="$out/benchmarks.jar"

{
  echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine: $(uname -a)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores visible"
  echo "memory:  $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1/5/15 min averages when the run started)"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' + local changes')"
  "$java" -version 2>&1 | sed 's/^/java:    /'
} > "$out/machine.txt"
cat "$out/machine.txt"

echo "== JMH ($mode)"
include=()
if [[ -n "${BENCH_INCLUDE:-}" ]]; then include=("$BENCH_INCLUDE"); fi
"$java" -jar "$jar" -f 1 "${jmh_iterations[@]}" -prof gc -prof dev.sentry4j.bench.profile.CpuTimeProfiler \
  -rf json -rff "$out/jmh.json" "${include[@]}" | tee "$out/jmh.log"

echo "== delivery"
: > "$out/delivery.txt"
# Each variant and burst in its own JVM: the SDKs keep global state.
read -r -a variants <<< "$("$java" -cp "$jar" dev.sentry4j.bench.DeliveryBench --variants)"
for variant in "${variants[@]}"; do
  for n in "${bursts[@]}"; do
    timeout 300 "$java" -Xmx512m -cp "$jar" dev.sentry4j.bench.DeliveryBench "$variant" "$n" \
      | tee -a "$out/delivery.txt"
  done
done

echo "== paced"
: > "$out/paced.txt"
if [[ "${paced[0]}" != 0 ]]; then
  for ((run = 1; run <= paced_repeat; run++)); do for variant in none sentry-java sentry4j; do
    timeout 600 "$java" -Xmx512m -Dpaced.warmup="${paced[2]}" -cp "$jar" \
      dev.sentry4j.bench.PacedDeliveryBench "$variant" "${paced[0]}" "${paced[1]}" \
      | tee -a "$out/paced.txt"
  done; done
fi

echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1/5/15 min averages when the run ended)" \
  >> "$out/machine.txt"

echo "== report"
notes=()
if [[ -f bench/RESULTS-notes.md ]]; then notes=(--notes bench/RESULTS-notes.md); fi
"$java" -cp "$jar" dev.sentry4j.bench.report.ReportGenerator \
  --jmh "$out/jmh.json" --delivery "$out/delivery.txt" --paced "$out/paced.txt" --machine "$out/machine.txt" \
  --mode "$mode" --out "$report" "${notes[@]}"
