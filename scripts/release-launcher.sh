#!/usr/bin/env bash
# bin/neuroracle of the release archive: runs the CLI on the archive's own runtime; no JDK needed.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
exec "$HOME_DIR/runtime/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${NEURORACLE_LOG_LEVEL:-warn}" -Dorg.slf4j.simpleLogger.logFile=System.err \
  -Dneuroracle.home="$HOME_DIR" -cp "$HOME_DIR/lib/*" org.neuroracle.cli.Main "$@"
