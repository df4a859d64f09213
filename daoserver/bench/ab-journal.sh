#!/bin/bash
# Usage: daoserver/bench/ab-journal.sh OLD_CHECKOUT [ROUNDS]   (OLD_CHECKOUT: a built copy of main, e.g. from git archive)
# The seventh round's A/B, alternated ROUNDS (2) times: the old checkout's service; this checkout's default (compact
# request key, 4 kB pages, wal_autocheckpoint 1000); with AUTOCHECKPOINT_PAGES=250; with JOURNAL_PAGE_SIZE=2048.
# Each: measure-wrk.sh with RUNS (3) runs of WRK_SECONDS (20) s, no flood, one fresh journal per service.
cd "$(dirname "$0")/../.."
OLD=$1; ROUNDS=${2:-2}
export RUNS=${RUNS:-3} WRK_SECONDS=${WRK_SECONDS:-20} FLOOD=0
for r in $(seq 1 $ROUNDS); do
  echo "=== round $r: old ($OLD) $(date -u +%T)"; bash daoserver/bench/measure-wrk.sh "$OLD" | grep -v '^{'
  echo "=== round $r: new $(date -u +%T)"; bash daoserver/bench/measure-wrk.sh | grep -v '^{'
  echo "=== round $r: new, AUTOCHECKPOINT_PAGES=250 $(date -u +%T)"; AUTOCHECKPOINT_PAGES=250 bash daoserver/bench/measure-wrk.sh | grep -v '^{'
  echo "=== round $r: new, JOURNAL_PAGE_SIZE=2048 $(date -u +%T)"; JOURNAL_PAGE_SIZE=2048 bash daoserver/bench/measure-wrk.sh | grep -v '^{'
done
