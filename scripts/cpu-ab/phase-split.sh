#!/usr/bin/env bash
# One thread against T threads on one network in one JVM, rounds alternated (PhaseSplit.java), on this worktree's snn-core.
# Usage: scripts/cpu-ab/phase-split.sh [network threads warmSteps rounds stepsPerRound]   e.g. phase-split.sh brunel 2 4000 12 1000
# Extra JVM options (-Dneuroracle.cpu.phases=cpu, -XX:+UseTransparentHugePages) in PS_JAVA_OPTS.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
find_jdk || exit 1
OUT=$ROOT/target/cpu-ab/phase-split
(cd "$ROOT" && ./mvnw -q -B -pl snn-core compile)
rm -rf "$OUT" && mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -cp "$ROOT/snn-core/target/classes" -d "$OUT" "$ROOT/scripts/cpu-ab/PhaseSplit.java"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$JAVA_HOME/bin/java" -XX:+UseParallelGC ${PS_JAVA_OPTS:-} -cp "$OUT:$ROOT/snn-core/target/classes" org.neuroracle.snn.cpu.PhaseSplit \
  "${1:-brunel}" "${2:-2}" "${3:-4000}" "${4:-12}" "${5:-1000}"
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)" >&2
