#!/bin/bash
# Usage: daoserver/bench/measure-wal-frames.sh [SERVE_ROOT] [SECONDS]   (needs wrk, python3; PORT=... to change the port)
# WAL frames per journaled forecast, by table/index and page type, from a real ./neuroracle serve under wrk (1 thread,
# 32 connections, every body distinct). The service runs with the journal's checkpointer and a 16 GiB WAL cap, so no
# checkpoint restarts the WAL while wrk runs (the passes copy frames but, under load, never let it restart): the WAL
# then holds every frame the run wrote, which daoserver/bench/wal-frames.py counts. Counters, not wall time: they do
# not depend on the machine's load (only the rows per commit do, and the script prints those).
# JOURNAL_PAGE_SIZE=N: the page size of the new journal (-Dneuroracle.journal.pageSize, this checkout's code only).
cd "$(dirname "$0")/../.."
SERVE_ROOT=${1:-.}; SECS=${2:-20}
PORT=${PORT:-18093}
D=$(mktemp -d /tmp/nr-walframes.XXXX)
JAVA_TOOL_OPTIONS="-Dneuroracle.journal.checkpoint=thread -Dneuroracle.journal.walCapMiB=16384 ${JOURNAL_PAGE_SIZE:+-Dneuroracle.journal.pageSize=$JOURNAL_PAGE_SIZE}" \
  NEURORACLE_INDEX_DIR=$D/index "$SERVE_ROOT"/neuroracle serve --port $PORT --data-dir $D > $D/serve.log 2>&1 &
SPID=$!
for i in $(seq 1 120); do curl -sf localhost:$PORT/health >/dev/null && break; sleep 1; done
echo "measuring $(cd "$SERVE_ROOT" && git log --oneline -1 2>/dev/null || pwd); uptime $(uptime | sed 's/.*load/load/')"
wrk -t1 -c32 -d${SECS}s --latency -s daoserver/src/main/resources/org/neuroracle/daoserver/bench/distinct-votes.lua \
  http://127.0.0.1:$PORT/v1/forecasts/vote | grep -E "Requests/sec|99%" | tr -s ' ' | tr '\n' ' '; echo
sleep 1
cp $D/journal.db-wal $D/copy.wal; cp $D/journal.db $D/copy.db
curl -s localhost:$PORT/health | jq -c '.journal | {rowsCommitted, commits: .wal.commits.count}'
python3 daoserver/bench/wal-frames.py $D/copy.db $D/copy.wal
kill $SPID; wait $SPID 2>/dev/null
rm -rf $D
