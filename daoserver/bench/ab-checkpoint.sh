#!/bin/bash
# Usage: daoserver/bench/ab-checkpoint.sh OLD_CHECKOUT [ROUNDS]   (OLD_CHECKOUT: a built copy of main, e.g. from git archive)
# Alternates, ROUNDS (2) times: the old checkout's service, this checkout's with JOURNAL_CHECKPOINT=thread (background
# checkpointer), this checkout's default (SQLite's in-commit checkpoints, instrumented). Each: measure-wrk.sh with RUNS (3)
# runs of WRK_SECONDS (60) s, no flood. One journal per service, so each grows over its runs.
cd "$(dirname "$0")/../.."
OLD=$1; ROUNDS=${2:-2}
export RUNS=${RUNS:-3} WRK_SECONDS=${WRK_SECONDS:-60} FLOOD=0
for r in $(seq 1 $ROUNDS); do
  echo "=== round $r: old ($OLD) $(date -u +%T)"; bash daoserver/bench/measure-wrk.sh "$OLD" | grep -v '^{'
  echo "=== round $r: new, JOURNAL_CHECKPOINT=thread $(date -u +%T)"; JOURNAL_CHECKPOINT=thread bash daoserver/bench/measure-wrk.sh | grep -v '^{'
  echo "=== round $r: new, JOURNAL_CHECKPOINT=writer $(date -u +%T)"; JOURNAL_CHECKPOINT=writer bash daoserver/bench/measure-wrk.sh | grep -v '^{'
done
