#!/usr/bin/env bash
# Delivery against a Sentry a round trip away: for each answer latency (ms) and each SDK variant,
# a burst of N ERROR lines through Logback, a normal LoggerContext.stop(), then a wait until the
# sink has been quiet for 2 s (at most 20 s). Prints one LATENCY line per run and a table.
# The sink is a small HTTP/1.1 server with TCP_NODELAY (dev.sentry4j.bench.sink.LatencyServer).
#
#   bench/latency.sh                      N=10000, latencies 0 10 50 200, sentry4j and sentry-java
#   BENCH_N=2000 BENCH_LATENCIES="50" bench/latency.sh
#
# Needs bench/target/benchmarks.jar (mvn -B -o -q -pl bench -am package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=bench/target/benchmarks.jar
n="${BENCH_N:-10000}"
read -r -a latencies <<< "${BENCH_LATENCIES:-0 10 50 200}"
read -r -a variants <<< "${BENCH_VARIANTS:-sentry4j sentry-java}"
out=bench/target/latency.txt
: > "$out"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" | tee -a "$out"
for latency in "${latencies[@]}"; do
  for variant in "${variants[@]}"; do
    timeout 300 "$java" -Xmx512m -cp "$jar" dev.sentry4j.bench.DeliveryBench "$variant" "$n" "$latency" \
      | grep -E '^(LATENCY|DELIVERY|threads)' | tee -a "$out"
  done
done
echo
echo "| latency | variant | delivered in run (of $n) | delivered/s | reported dropped | spooled | connections |"
echo "|---|---|---|---|---|---|---|"
grep '^LATENCY' "$out" | sed 's/^LATENCY //' | awk '{
  for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "| %s ms | %s | %s | %s | %s | %s | %s |\n", v["latency_ms"], v["variant"], v["delivered"], v["delivered_per_s"], v["reported_dropped"], v["spooled"], v["connections"]
}'
