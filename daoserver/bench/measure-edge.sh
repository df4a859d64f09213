#!/bin/bash
# Usage: daoserver/bench/measure-edge.sh OTHER_CHECKOUT [WARM_S] [MEASURE_S]   (needs wrk; both checkouts built with
# ./mvnw -pl cli -am package -DskipTests, and this one's test classes: ./mvnw -pl daoserver -am test-compile)
# The HTTP edge and the journal of this checkout and OTHER_CHECKOUT side by side, both at once (the same load for both):
# each runs EdgeBenchServer (the service with the forecast replaced by one precomputed outcome, from this checkout's test
# classes) under its own wrk (1 thread, 32 connections, distinct bodies); prints service CPU per journaled row by thread.
cd "$(dirname "$0")/../.."   # the repository root
OTHER=$1; WARM=${2:-60}; MEAS=${3:-30}
[ -d "$OTHER/cli/target/dist/lib" ] || { echo "usage: $0 OTHER_CHECKOUT (built) [WARM_S] [MEASURE_S]" >&2; exit 2; }
. scripts/find-jdk.sh; find_jdk || exit 1
LUA=daoserver/src/main/resources/org/neuroracle/daoserver/bench/distinct-votes.lua
TC=$(pwd)/daoserver/target/test-classes
D=$(mktemp -d /tmp/nr-edge.XXXX)
start() { # root port tag
  mkdir -p $D/$3
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$1/cli/target/dist/lib/*:$TC" org.neuroracle.daoserver.EdgeBenchServer $2 $D/$3 > $D/$3.log 2>&1 &
  echo $!
}
PA=$(start . 18097 this); PB=$(start "$OTHER" 18098 other)
for p in 18097 18098; do for i in $(seq 1 120); do curl -sf localhost:$p/health >/dev/null && break; sleep 1; done; done
echo "this: $(pwd) (pid $PA); other: $(cd "$OTHER" && pwd) (pid $PB); uptime $(uptime | sed 's/.*load/load/')"
wrk -t1 -c32 -d${WARM}s -s $LUA http://127.0.0.1:18097/v1/forecasts/vote > /dev/null & w1=$!
wrk -t1 -c32 -d${WARM}s -s $LUA http://127.0.0.1:18098/v1/forecasts/vote > /dev/null & w2=$!
wait $w1 $w2
rows() { curl -s localhost:$1/metrics | grep -o '^neuroracle_journal_rows_committed_total [0-9]*' | cut -d' ' -f2; }
# CPU ticks per thread kind (utime + stime, digits stripped from the names).
threads() { for f in /proc/$1/task/*/stat; do sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1|\2/' "$f" 2>/dev/null; done |
  awk -F'|' '{split($2, a, " "); n = $1; gsub(/[-#]?[0-9]+$/, "", n); t[n] += a[12] + a[13]} END {for (k in t) print k "|" t[k]}' | sort; }
ra0=$(rows 18097); rb0=$(rows 18098); threads $PA > $D/a0; threads $PB > $D/b0
echo "measured run: uptime $(uptime | sed 's/.*load/load/')"
wrk -t1 -c32 -d${MEAS}s --latency -s $LUA http://127.0.0.1:18097/v1/forecasts/vote | tail -1 > $D/a.wrk & w1=$!
wrk -t1 -c32 -d${MEAS}s --latency -s $LUA http://127.0.0.1:18098/v1/forecasts/vote | tail -1 > $D/b.wrk & w2=$!
wait $w1 $w2
ra1=$(rows 18097); rb1=$(rows 18098); threads $PA > $D/a1; threads $PB > $D/b1
echo "after: uptime $(uptime | sed 's/.*load/load/')"
for s in a b; do
  [ $s = a ] && { n=$((ra1-ra0)); echo "this:  $(cat $D/a.wrk)"; } || { n=$((rb1-rb0)); echo "other: $(cat $D/b.wrk)"; }
  echo "  service CPU by thread, us per journaled row ($n rows): $(join -t'|' $D/${s}0 $D/${s}1 | awk -F'|' -v n=$n '$3 > $2 {printf "%s %.0f, ", $1, ($3 - $2) * 10000 / n; t += $3 - $2} END {printf "total %.0f", t * 10000 / n}')"
done
kill $PA $PB; wait $PA $PB 2>/dev/null
rm -rf $D
