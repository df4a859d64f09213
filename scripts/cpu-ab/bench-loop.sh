#!/usr/bin/env bash
# The bench runner's timed loop alone, per 100 ms chunk (BenchLoop.java), on this worktree's distribution, in the
# launcher's JVM settings (ParallelGC). Usage: scripts/cpu-ab/bench-loop.sh [network bioSeconds threads]
# Extra JVM options in BL_JAVA_OPTS (e.g. -Xlog:gc, -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
find_jdk || exit 1
OUT=$ROOT/target/cpu-ab/bench-loop && mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -cp "$ROOT/cli/target/dist/lib/*" -d "$OUT" "$ROOT/scripts/cpu-ab/BenchLoop.java"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC ${BL_JAVA_OPTS:-} -cp "$ROOT/cli/target/dist/lib/*:$OUT" BenchLoop "${1:-coba}" "${2:-100}" "${3:-1}"
