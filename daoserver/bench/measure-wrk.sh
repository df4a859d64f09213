#!/bin/bash
# Usage: daoserver/bench/measure-wrk.sh [OTHER_CHECKOUT]   (needs wrk: apt-get install wrk; PORT=... to change the port)
# Measures ./neuroracle serve with wrk (1 thread, 32 connections, distinct bodies); then again under a simulation flood.
# With OTHER_CHECKOUT (a built copy of another commit, e.g. from `git archive`), the service measured is that
# checkout's ./neuroracle serve, driven by this checkout's serve-bench: two commits compared with one script.
# RUNS (4) runs of WRK_SECONDS (20) s each; FLOOD=0 skips the flood run; JOURNAL_CHECKPOINT=thread serves with the journal's
# background checkpointer (WAL_CAP_MIB=N: its WAL cap) instead of SQLite's default in-commit checkpoints (A/B, this
# checkout's code only); AUTOCHECKPOINT_PAGES=N: SQLite's in-commit checkpoint threshold (wal_autocheckpoint, 1000) and
# JOURNAL_PAGE_SIZE=N: a new journal's page size (4096), both this checkout's code only. After each run: the
# journal's commits (count, histogram deltas, in-commit checkpoints, the running max) when the service reports them.
cd "$(dirname "$0")/../.."   # the repository root
SERVE_ROOT=${1:-.}
echo "measuring $(cd "$SERVE_ROOT" && pwd)"
PORT=${PORT:-18091}
D=$(mktemp -d /tmp/nr-measure.XXXX)
RUNS=${RUNS:-4}; SECONDS_PER_RUN=${WRK_SECONDS:-20}
SERVE_OPTS="${JOURNAL_CHECKPOINT:+-Dneuroracle.journal.checkpoint=$JOURNAL_CHECKPOINT} ${WAL_CAP_MIB:+-Dneuroracle.journal.walCapMiB=$WAL_CAP_MIB}"
SERVE_OPTS="$SERVE_OPTS ${AUTOCHECKPOINT_PAGES:+-Dneuroracle.journal.autocheckpointPages=$AUTOCHECKPOINT_PAGES} ${JOURNAL_PAGE_SIZE:+-Dneuroracle.journal.pageSize=$JOURNAL_PAGE_SIZE}"
echo "service options:" $SERVE_OPTS   # unquoted: the empty ones drop out
JAVA_TOOL_OPTIONS=$SERVE_OPTS NEURORACLE_INDEX_DIR=$D/index "$SERVE_ROOT"/neuroracle serve --port $PORT --data-dir $D > $D/serve.log 2>&1 &
SPID=$!
for i in $(seq 1 60); do curl -sf localhost:$PORT/health >/dev/null && break; sleep 1; done
echo "health: $(curl -s localhost:$PORT/health | head -c 300)"
# By default (NEURORACLE_VECTOR=1) the launcher stays the JVM's parent (scripts/java-launch.sh filters its stderr), so the
# service's CPU, threads and GC are read from that child; otherwise the launcher exec'd the JVM and it is $SPID.
JPID=$(pgrep -P "$SPID" -x java | head -1); JPID=${JPID:-$SPID}
cpu() { awk '{print $14+$15}' /proc/$JPID/stat; }
rows() { curl -s localhost:$PORT/health | grep -o '"rowsCommitted":[0-9]*' | cut -d: -f2; }
# Service CPU ticks per thread kind (utime + stime from /proc/PID/task/*/stat, digits stripped from the names).
threads() { for f in /proc/$JPID/task/*/stat; do sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1|\2/' "$f" 2>/dev/null; done |
  awk -F'|' '{split($2, a, " "); n = $1; gsub(/[-#]?[0-9]+$/, "", n); t[n] += a[12] + a[13]} END {for (k in t) print k "|" t[k]}' | sort; }
# Busy and total jiffies of the whole machine (all cores): what wrk, the bench client and anything else used too.
# Young collections of the service and their summed pause (jstat; ParallelGC stops every request for each one).
JSTAT=$( [ -x "${JAVA_HOME:-}/bin/jstat" ] && echo "$JAVA_HOME/bin/jstat" || echo jstat)
gc() { "$JSTAT" -gc $JPID 2>/dev/null | tail -1 | awk '{print $13, $14}'; }
# The journal's commits: count, histogram buckets, in-commit checkpoints, max ms (empty when not reported).
wal() { curl -s localhost:$PORT/health | jq -r '.journal.wal // empty | [.commits.count, (.commits.histogram | join(",")), .commits.withCheckpoint, .commits.maxMs, (.checkpointer.quietPasses // "-"), (.checkpointer.maxWriterWaitMs // "-"), (.checkpointer.maxWalBytes // .walBytes)] | join(" ")'; }
machine() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
for run in $(seq 1 $RUNS); do
  echo "run $run: uptime $(uptime | sed 's/.*load/load/')"
  c0=$(cpu); r0=$(rows); threads > $D/t0; m0=$(machine); g0=$(gc); w0=$(wal)
  ./neuroracle serve-bench --wrk --url http://127.0.0.1:$PORT --connections 32 --seconds $SECONDS_PER_RUN --warmup $([ $run = 1 ] && echo 10 || echo 3) 2>&1 | tail -1
  c1=$(cpu); r1=$(rows); threads > $D/t1; m1=$(machine); g1=$(gc); w1=$(wal)
  echo "  service CPU per answered forecast (warm-up included): $(echo "scale=3; ($c1-$c0)*10/($r1-$r0)" | bc) ms over $((r1-r0)) forecasts"
  echo "  machine busy $(echo "$m0 $m1" | awk '{printf "%.0f", 100 * ($3 - $1) / ($4 - $2)}')% of all cores; service CPU by thread, us per forecast:" \
    "$(join -t'|' $D/t0 $D/t1 | awk -F'|' -v n=$((r1-r0)) '$3 > $2 {printf "%s %.0f, ", $1, ($3 - $2) * 10000 / n}')"
  [ -n "$w1" ] && echo "$w0|$w1" | awk -F'|' '{split($1, a, " "); split($2, b, " "); split(a[2], ha, ","); split(b[2], hb, ",");
    n = split("1 2 4 8 16 32 64 128 256 512 1024", bd, " "); h = ""; for (i = 1; i <= n + 1; i++) { d = hb[i] - ha[i]; if (d > 0) h = h (i <= n ? "<" bd[i] : ">=1024") "ms:" d " " }
    printf "  journal commits %d (%s), in-commit checkpoints %d, max so far %s ms; quiet passes %s (writer waited at most %s ms), WAL peak %.1f MiB\n",
      b[1] - a[1], h, b[3] - a[3], b[4], b[5], b[6], b[7] / 1048576}'
  echo "  journal: $r1 rows committed, journal.db $(du -m $D/journal.db | cut -f1) MiB, WAL $(du -m $D/journal.db-wal 2>/dev/null | cut -f1) MiB"
  echo "  young GCs: $(echo "$g0 $g1" | awk 'NF == 4 {printf "%d, paused %.0f ms in all", $3 - $1, 1000 * ($4 - $2)} NF != 4 {print "n/a (no jstat)"}')"
done
if [ "${FLOOD:-1}" = 1 ]; then
echo "simulation flood: 4 clients posting cuba-fixed 1000 steps in a loop"
for k in 1 2 3 4; do (while true; do curl -s -o /dev/null -w '%{http_code}\n' -H 'content-type: application/json' -d '{"builtin":"cuba-fixed","steps":1000,"seed":'$k'}' localhost:$PORT/v1/simulations; done > $D/flood$k.txt) & done
sleep 2
echo "flood run: uptime $(uptime | sed 's/.*load/load/')"
./neuroracle serve-bench --wrk --url http://127.0.0.1:$PORT --connections 32 --seconds 20 --warmup 3 2>&1 | tail -1
for j in $(jobs -p); do [ "$j" != "$SPID" ] && kill $j 2>/dev/null; done
sleep 1
echo "simulation answers during the flood: $(cat $D/flood*.txt | sort | uniq -c | tr '\n' ' ')"
fi
curl -s localhost:$PORT/health | head -c 600; echo
kill $SPID
wait $SPID 2>/dev/null
rm -rf $D
