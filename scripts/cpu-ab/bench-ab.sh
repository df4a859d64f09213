#!/usr/bin/env bash
# Whole-process A/B of `neuroracle bench`: the worktree's distribution (B) against the same distribution with
# another snn-core jar (A, e.g. main's: `git archive main | tar -x -C /tmp/a && (cd /tmp/a && ./mvnw -o -q -pl
# snn-core package -DskipTests)`), alternated A B B A ... in the launcher's JVM settings. Prints each run's timed
# region (wall, process CPU) and the load average. The JVM gets the launcher's options (scripts/java-launch.sh):
# with NEURORACLE_VECTOR=1, the default, the Vector API module and its compile directives, so that long runs take
# the kernels `./neuroracle bench` takes (before session 12 this script ran without the module, so its A/Bs measured
# the scalar path unless BA_JAVA_OPTS added it); NEURORACLE_VECTOR=0 for the scalar path. Usage:
#   scripts/cpu-ab/bench-ab.sh A_SNN_CORE_JAR PAIRS -- bench arguments (e.g. coba --backend cpu --threads 1 --bio-seconds 100)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
find_jdk || exit 1
. "$ROOT/scripts/java-launch.sh"
case "${NEURORACLE_VECTOR:-1}" in
  0) JVM_OPTS=("${NEURORACLE_JIT_JVM[@]}") ;;
  1) JVM_OPTS=("${NEURORACLE_VECTOR_JVM[@]}") ;;
  *) echo "bench-ab.sh: NEURORACLE_VECTOR: 1 or 0, got '$NEURORACLE_VECTOR'" >&2; exit 2 ;;
esac
AJAR=${1:?A snn-core jar}; PAIRS=${2:?pairs}; shift 2; [ "${1:-}" = "--" ] && shift
OUT=$ROOT/target/cpu-ab/bench-ab && rm -rf "$OUT" && mkdir -p "$OUT/A" "$OUT/B"
cp "$ROOT"/cli/target/dist/lib/*.jar "$OUT/B/"
cp "$ROOT"/cli/target/dist/lib/*.jar "$OUT/A/" && cp "$AJAR" "$OUT/A/$(basename "$(ls "$ROOT"/cli/target/dist/lib/snn-core-*.jar)")"
run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC "${JVM_OPTS[@]}" ${BA_JAVA_OPTS:-} \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err -Dneuroracle.home="$ROOT" \
    -cp "$OUT/$1/*" org.neuroracle.cli.Main bench "${@:2}" --out "$OUT/out-$1" 2>&1 | grep "timed region" | sed "s/^/$1 load $(cut -d' ' -f1 \/proc\/loadavg): /"
}
for ((i = 0; i < PAIRS; i++)); do
  if ((i % 2 == 0)); then run A "$@"; run B "$@"; else run B "$@"; run A "$@"; fi
done
