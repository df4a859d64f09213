#!/usr/bin/env bash
# Where a whole cpu run's time goes, chunk by chunk (Timeline.java), on this worktree's snn-core in a fresh JVM.
# Usage: scripts/cpu-ab/timeline.sh [network threads chunks stepsPerChunk]   e.g. timeline.sh brunel 2 20 1000
# Extra JVM options (-XX:..., -Dneuroracle.cpu.schedule=threads, --add-modules jdk.incubator.vector) in TL_JAVA_OPTS.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
find_jdk || exit 1
OUT=$ROOT/target/cpu-ab/timeline
(cd "$ROOT" && ./mvnw -q -B -pl snn-core compile)
rm -rf "$OUT" && mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -cp "$ROOT/snn-core/target/classes" -d "$OUT" "$ROOT/scripts/cpu-ab/Timeline.java"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC ${TL_JAVA_OPTS:-} -cp "$OUT:$ROOT/snn-core/target/classes" org.neuroracle.snn.cpu.Timeline \
  "${1:-brunel}" "${2:-2}" "${3:-20}" "${4:-1000}"
