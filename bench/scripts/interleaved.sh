#!/usr/bin/env bash
# Caller-cost figures robust to fork-to-fork noise: ROUNDS rounds, each running one JMH fork per
# variant (floor, sentry-java, sentry4j) in turn, so that a slow spell of the machine hits every
# variant of a round alike; then the pooled medians of cpu.caller.norm and the ratio.
# On a 2-core VM one fork's floor can differ from the next one's by 30 % or more (see
# RESULTS-notes.md, sixth landing): a single -f 2 run can move a ratio by ±0.15.
# Usage (from the repo root, after `mvn -B -q package -pl bench -am -DskipTests`):
#   bench/scripts/interleaved.sh 5 'Log4j2Bench.breadcrumbInfo' [out-dir]
set -euo pipefail
rounds=$1; bench=$2; out=${3:-$(mktemp -d)}
jar=bench/target/benchmarks.jar
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  for v in none sentry-java sentry4j; do
    java -jar "$jar" -f 1 -wi 3 -w 2s -i 5 -r 2s -p variant="$v" -prof gc \
      -prof dev.sentry4j.bench.profile.CpuTimeProfiler -rf json -rff "$out/$r-$v.json" "$bench" \
      > "$out/$r-$v.log" 2>&1
  done
done
java -cp "$jar" dev.sentry4j.bench.report.Interleaved "$out"
