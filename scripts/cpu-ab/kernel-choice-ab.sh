#!/usr/bin/env bash
# Whole-process A/B for the per-run kernel choice (issue 15): the default launcher (NEURORACLE_VECTOR=1, module
# added, KernelChoice) against NEURORACLE_VECTOR=0 (no module, scalar: the old default), alternated, COBA and CUBA
# at 3,000 / 10,000 / 100,000 steps. Prints the CLI's run line, the process's wall and CPU, and the load average.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROUNDS=${ROUNDS:-2}
for round in $(seq "$ROUNDS"); do
  for net in coba cuba; do
    for steps in 3000 10000 100000; do
      for vec in 1 0; do
        out=$(NEURORACLE_NO_BUILD=1 NEURORACLE_VECTOR=$vec /usr/bin/time -f "TIME %e %U %S" "$ROOT/neuroracle" simulate --network "$net" --threads 1 --steps "$steps" 2>&1)
        run=$(grep -o 'run [0-9.]* s wall ([0-9.]* s CPU)' <<<"$out")
        read -r _ e u s < <(grep '^TIME' <<<"$out")
        printf '%s %-5s %6s VECTOR=%s: %s; process %s s wall, %.2f s CPU; load %s\n' "$round" "$net" "$steps" "$vec" "$run" "$e" "$(echo "$u + $s" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
      done
    done
  done
done
