#!/usr/bin/env bash
# Issue 15 (threads): whole-process `simulate` runs alternating --threads 1/2 and transparent huge pages off/on
# (JDK_JAVA_OPTIONS=-XX:+UseTransparentHugePages; the kernel's THP mode must be madvise or always), Brunel then COBA.
# Usage: scripts/cpu-ab/threads-thp.sh [brunelSteps cobaSteps reps]   e.g. threads-thp.sh 20000 100000 3
# Per run: the load average before it, the run line (s per simulated second) and /usr/bin/time's wall and CPU.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BSTEPS=${1:-20000}; CSTEPS=${2:-100000}; REPS=${3:-3}
"$ROOT/neuroracle" --help >/dev/null 2>&1 || true   # builds the distribution first if stale
echo "THP mode: $(cat /sys/kernel/mm/transparent_hugepage/enabled)"
one() { # network steps threads thp(0|1)
  local load out run wall user sys opts=""
  [ "$4" = 1 ] && opts=-XX:+UseTransparentHugePages
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(JDK_JAVA_OPTIONS=$opts /usr/bin/time -f "TIME %e %U %S" "$ROOT/neuroracle" simulate --network "$1" --threads "$3" --steps "$2" 2>&1)
  run=$(grep -o 'run [0-9.]* s wall ([0-9.]* s CPU) = [0-9.]* s per simulated second' <<<"$out")
  read -r _ wall user sys < <(grep '^TIME' <<<"$out")
  printf '%s threads=%s thp=%s load %s | %s | process %s s wall, %.2f s CPU\n' "$1" "$3" "$4" "$load" "$run" "$wall" "$(echo "$user + $sys" | bc)"
}
for net in brunel coba; do
  steps=$BSTEPS; [ "$net" = coba ] && steps=$CSTEPS
  for rep in $(seq "$REPS"); do for t in 1 2; do for thp in 0 1; do one "$net" "$steps" "$t" "$thp"; done; done; done
done
