#!/usr/bin/env bash
# Whole-process runs alternating --threads 1/2/1/2 (issue 15, threads), with and without NEURORACLE_VECTOR=1.
# Usage: scripts/cpu-ab/threads-table.sh [network steps]   e.g. threads-table.sh brunel 20000
# Prints per run: the load average before it, the run line (s per simulated second) and /usr/bin/time's wall and CPU.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NET=${1:-brunel}; STEPS=${2:-20000}
"$ROOT/neuroracle" --help >/dev/null 2>&1 || true   # builds the distribution first if stale
for vec in 0 1; do
  for t in 1 2 1 2; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    out=$(NEURORACLE_VECTOR=$vec /usr/bin/time -f "TIME %e %U %S" "$ROOT/neuroracle" simulate --network "$NET" --threads $t --steps "$STEPS" 2>&1)
    run=$(grep -o 'run [0-9.]* s wall ([0-9.]* s CPU) = [0-9.]* s per simulated second' <<<"$out")
    read -r _ wall user sys < <(grep '^TIME' <<<"$out")
    printf '%s vector=%s threads=%s load %s | %s | process %s s wall, %.2f s CPU\n' "$NET" $vec $t "$load" "$run" "$wall" "$(echo "$user + $sys" | bc)"
  done
done
