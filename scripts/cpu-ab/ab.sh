#!/usr/bin/env bash
# Same-JVM A/B of the cpu backend: snn-core of git revision REV (A) against this worktree's (B, built first).
# Usage: scripts/cpu-ab/ab.sh REV [network threads auto|threaded warmSteps rounds stepsPerRound]
# e.g.   scripts/cpu-ab/ab.sh main brunel 2 threaded 3000 16 1000
# Extra JVM options (-Dab.propsA=..., -Dab.threadsA=1, -Dneuroracle.cpu.phases=cpu) go in AB_JAVA_OPTS.
# Everything is built under target/cpu-ab/ (ignored by git).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
find_jdk || exit 1
REV=${1:?usage: ab.sh REV [network threads auto|threaded warmSteps rounds stepsPerRound]}; shift
OUT=$ROOT/target/cpu-ab
A=$OUT/a-$(git -C "$ROOT" rev-parse --short "$REV")
if [ ! -d "$A/classes" ]; then
  rm -rf "$A" && mkdir -p "$A/src" "$A/classes"
  git -C "$ROOT" archive "$REV" snn-core/src/main | tar -x -C "$A/src"
  "$JAVA_HOME/bin/javac" -nowarn --add-modules jdk.incubator.vector -d "$A/classes" $(find "$A/src" -name '*.java') 2>&1 | grep -v '^Note:' || true
  cp -r "$A/src/snn-core/src/main/resources/." "$A/classes/" 2>/dev/null || true
fi
(cd "$ROOT" && ./mvnw -q -B -pl snn-core compile)
B=$OUT/b && rm -rf "$B" && mkdir -p "$B" && cp -r "$ROOT/snn-core/target/classes" "$B/classes"
for side in "$A" "$B"; do
  rm -rf "$side/helper" && "$JAVA_HOME/bin/javac" -cp "$side/classes" -d "$side/helper" "$ROOT/scripts/cpu-ab/AbProbe.java"
done
mkdir -p "$OUT/harness" && "$JAVA_HOME/bin/javac" -d "$OUT/harness" "$ROOT/scripts/cpu-ab/Ab.java"
# Ab finds each side's helper under ab.helper/A and ab.helper/B
rm -rf "$OUT/helpers" && mkdir -p "$OUT/helpers" && ln -s "$A/helper" "$OUT/helpers/A" && ln -s "$B/helper" "$OUT/helpers/B"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); A = $REV, B = worktree" >&2
exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC ${AB_JAVA_OPTS:-} -Dab.helper="$OUT/helpers" -cp "$OUT/harness" Ab \
  "$A/classes" "$B/classes" "${1:-brunel}" "${2:-2}" "${3:-threaded}" "${4:-3000}" "${5:-16}" "${6:-1000}"
