#!/usr/bin/env bash
# bin/neuroracle of the release archive: runs the CLI on the archive's own runtime; no JDK needed.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# train and eval get a bounded heap, as in ./neuroracle (override with NEURORACLE_FIT_HEAP).
HEAP_OPTS=()
case "${1:-}" in train|eval) HEAP_OPTS=("-Xmx${NEURORACLE_FIT_HEAP:-640m}");; esac
# As in ./neuroracle (libexec/java-launch.sh, a copy of scripts/java-launch.sh): by default the Vector API module is
# added (the runtime has it; the cpu backend takes its kernels for long runs) and its incubator warning dropped;
# NEURORACLE_VECTOR=0: no module, the scalar path only.
. "$HOME_DIR/libexec/java-launch.sh"
run_jvm "$HOME_DIR/runtime/bin/java" "${HEAP_OPTS[@]}" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${NEURORACLE_LOG_LEVEL:-warn}" -Dorg.slf4j.simpleLogger.logFile=System.err \
  -Dneuroracle.home="$HOME_DIR" -cp "$HOME_DIR/lib/*" org.neuroracle.cli.Main "$@"
