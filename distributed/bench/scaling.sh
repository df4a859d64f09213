#!/usr/bin/env bash
# Strong and weak scaling of the distributed cpu backend on this machine: Brunel and the Potjans-Diesmann
# microcircuit on 1, 2 and 4 ranks (more ranks than cores are oversubscribed: said in the table).
# Prints a Markdown table: the run's wall time on rank 0, the exchange time (max over ranks; includes waiting for
# slower ranks), compute = run - exchange (max over ranks), the job's wall and user+sys CPU (/usr/bin/time over
# mpirun, so network building on every rank is included), the step loop's CPU seconds outside the exchange
# (max over ranks / sum over ranks: on a loaded machine this shows the work split better than wall time), and
# the exchange volume per rank and exchange.
# Usage: distributed/bench/scaling.sh [STEPS]   (default 2000 steps = 0.2 s simulated)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STEPS=${1:-2000}
CORES=$(nproc)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
MPIRUN=(mpirun --allow-run-as-root --mca btl self,vader --mca pml ob1)
"$ROOT/neuroracle" --help >/dev/null   # build once, before N ranks start
export NEURORACLE_NO_BUILD=1          # and run that build throughout, even if sources change meanwhile

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $CORES cores; $STEPS steps"
echo
echo "| scaling | network | neurons | ranks | run wall s (rank 0) | exchange s (max; CPU) | compute s (max) | compute CPU s (max / sum) | job wall s | job user+sys s | B sent/rank/exchange |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
row() {   # kind label ranks args...
  local kind=$1 label=$2 ranks=$3; shift 3
  local out="$TMP/out" tim="$TMP/time"
  local neurons run exch comp cmax csum sent wall user sys over=""
  local extra=()
  # --oversubscribe only past the core count: it also makes Open MPI yield the CPU while it waits in a collective
  # (mpi_yield_when_idle), which on a loaded machine turns every exchange into a lost time slice.
  [ "$ranks" -gt "$CORES" ] && { over=" (oversubscribed)"; extra=(--oversubscribe); }
  /usr/bin/time -f '%e %U %S' -o "$tim" "${MPIRUN[@]}" "${extra[@]}" -np "$ranks" "$ROOT/neuroracle" simulate --steps "$STEPS" "$@" >"$out" 2>&1 \
    || { echo "scaling.sh: run failed: $*" >&2; cat "$out" >&2; exit 1; }
  neurons=$(sed -n 's/^network [^:]*: \([0-9]*\) neurons.*/\1/p' "$out")
  run=$(sed -n 's/.*; run \([0-9.]*\) s wall.*/\1/p' "$out" | head -1)
  exch=$(sed -n 's/.*exchange \([0-9.]*\) s max (.*, CPU \([0-9.]*\) s max.*/\1; \2/p' "$out")
  comp=$(sed -n 's/.*compute \([0-9.]*\) s max.*/\1/p' "$out")
  cmax=$(sed -n 's/.*compute CPU \([0-9.]*\) s max.*/\1/p' "$out")
  csum=$(sed -n 's/.*compute CPU [0-9.]* s max (\([0-9.]*\) sum.*/\1/p' "$out")
  sent=$(sed -n 's/.*; \([0-9]*\) B sent.*/\1/p' "$out")
  read -r wall user sys <"$tim"
  printf '| %s | %s | %s | %s%s | %s | %s | %s | %s / %s | %s | %.1f | %s |\n' "$kind" "$label" "$neurons" "$ranks" "$over" "$run" "$exch" "$comp" "$cmax" "$csum" "$wall" "$(echo "$user + $sys" | bc)" "$sent"
}
for n in 1 2 4; do row strong brunel "$n" --network brunel; done
for n in 1 2 4; do row strong "microcircuit 0.1" "$n" --network microcircuit --scale 0.1; done
# Weak: 5,000 Brunel neurons per rank (in-degree fixed, so work per rank is constant).
for n in 1 2 4; do
  python3 "$ROOT/distributed/bench/brunel-network.py" $((5000 * n)) >"$TMP/brunel-$n.json"
  row weak "brunel $((5000 * n))" "$n" --network "$TMP/brunel-$n.json"
done
# Weak: microcircuit neurons per rank fixed (scale 0.05 per rank); in-degrees scale too, so synapses per rank grow with the rank count.
for n in 1 2 4; do s=$(printf "%.2f" "$(echo "0.05 * $n" | bc)"); row weak "microcircuit $s" "$n" --network microcircuit --scale "$s"; done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
