#!/usr/bin/env bash
# Sourced by ./neuroracle (and the release script): decides whether cli/target/dist is stale and rebuilds it,
# one progress line per module and the total time. Needs JAVA_HOME set (scripts/find-jdk.sh).

# Build inputs only: pom files, the Maven wrapper's settings, main sources and resources, and the non-Java
# inputs the poms read (board ABI and emulator C, profile YAML, Solidity). Never what the program writes
# (data/, out/, keystores), never tests or docs: those cannot change the distribution.
# Extra find(1) tests after the root, e.g. -newer FILE.
dist_inputs() {
  local root=$1; shift
  (cd "$root" && find pom.xml .mvn */pom.xml */src/main \
      adapters/board-abi adapters/board-emulator hardware-profiles/profiles \
      daoserver/chain/contracts daoserver/chain/compile.js daoserver/chain/package-lock.json \
      -type f "$@" -print 2>/dev/null || true)
}

dist_stale() {
  local root=$1 stamp="$1/cli/target/dist/.built"
  [ -f "$stamp" ] || return 0
  [ -n "$(dist_inputs "$root" -newer "$stamp" | head -1)" ]
}

# Maven in batch mode with its per-module banner turned into one line per module; the whole log goes to
# target/build.log and its tail is shown when the build fails.
build_dist() {
  local root=$1 log="$1/target/build.log" start rc
  mkdir -p "$root/target"
  start=$(date +%s)
  echo "neuroracle: building the distribution (first use or a build input changed); log: target/build.log" >&2
  set +e
  (cd "$root" && ./mvnw -B --no-transfer-progress -DskipTests package -pl cli -am 2>&1) | tee "$log" | \
    sed -un 's/^\[INFO\] Building \(.*\) [0-9][^ ]* *\[\([0-9]*\/[0-9]*\)\]$/neuroracle:   [\2] \1/p' >&2
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" != 0 ]; then
    echo "neuroracle: build failed after $(( $(date +%s) - start )) s; the end of target/build.log:" >&2
    grep -E '^\[ERROR\] .' "$log" | sed '/-> \[Help/,$d' | tail -20 >&2
    return 1
  fi
  touch "$root/cli/target/dist/.built"
  echo "neuroracle: built in $(( $(date +%s) - start )) s" >&2
}

# build_dist under a lock: N processes launched at once (mpirun -np N ./neuroracle ...) share one tree, so the first
# builds and the others wait for it, then find the distribution fresh instead of running N builds into one target/.
build_dist_once() {
  local root=$1 rc=0
  command -v flock >/dev/null || { build_dist "$root"; return; }
  mkdir -p "$root/target"
  exec 9>"$root/target/.build.lock"
  flock 9
  if dist_stale "$root"; then build_dist "$root" || rc=1; fi
  flock -u 9
  exec 9>&-
  return $rc
}
