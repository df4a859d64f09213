#!/usr/bin/env bash
# Issue 15 (threads), the whole check in one command (snn-core/MEASUREMENTS.md, "Sixth pass (threads)"): main against this
# worktree in one JVM at 2 and 1 threads, the row-part touch off/on, 1 vs 2 threads in one JVM with THP off/on/off/on,
# then whole simulate runs alternating threads 1/2 and THP off/on (threads-thp.sh). About 15 minutes on a quiet machine.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
date -u
echo "### A/B main (A) vs worktree (B), same JVM, 2 threads every step threaded"
scripts/cpu-ab/ab.sh main brunel 2 threaded 3000 12 1000 2>&1 | grep -v '^WARN'
echo "### A/B main vs worktree, 1 thread"
scripts/cpu-ab/ab.sh main brunel 1 threaded 3000 12 1000 2>&1 | grep -v '^WARN'
echo "### worktree, touch off (A) vs on (B), 2 threads"
AB_JAVA_OPTS="-Dab.propsA=neuroracle.cpu.touchRows=false -Dab.propsB=neuroracle.cpu.touchRows=true" scripts/cpu-ab/ab.sh HEAD brunel 2 threaded 3000 12 1000 2>&1 | grep -v '^WARN'
echo "### 1 vs 2 threads in one JVM, THP off / on / off / on (phases: cpu clock)"
for thp in "" -XX:+UseTransparentHugePages "" -XX:+UseTransparentHugePages; do
  echo "thp='$thp'"
  PS_JAVA_OPTS="$thp -Dneuroracle.cpu.phases=cpu" scripts/cpu-ab/phase-split.sh brunel 2 3000 8 1000 2>&1 | grep -v '^WARN\|cpu phases\|^  partition'
done
echo "### whole process, threads 1/2 x THP 0/1 alternated"
scripts/cpu-ab/threads-thp.sh 20000 100000 3
date -u
