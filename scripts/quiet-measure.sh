#!/bin/bash
# The quiet-window measurement behind the README figures (session 8): bench table, COBA 100 s vs Brian2 (default and
# scalar, alternated), cuba vs cuba-fixed in both orders, Brunel and COBA at 1/2 threads, three wrk sets. ~14 min.
# Run it with nothing else on the machine.
# ./neuroracle finds a JDK >= 25 itself; JAVA_HOME (if set) gives measure-wrk.sh its jstat.
cd "$(dirname "$0")/.."
stamp() { echo "== $1 $(date -u +%T) $(uptime | sed 's/.*load/load/')"; }
stamp "commit $(git rev-parse --short HEAD)"
stamp "bench table"
./neuroracle bench coba,cuba,cuba-fixed,brunel --backend cpu,opencl --threads 1 --bio-seconds 10 --compare brian2 --out /tmp/m8-table 2>&1 | grep -E "done:|timed region|faster|^\|"
for i in 1 2; do
  stamp "COBA 100 s vs Brian2, default, pair $i"
  ./neuroracle bench coba --backend cpu --threads 1 --bio-seconds 100 --compare brian2 --out /tmp/m8-coba-$i 2>&1 | grep -E "done:|timed region|speed-up"
  stamp "COBA 100 s vs Brian2, NEURORACLE_VECTOR=0 (scalar), pair $i"
  NEURORACLE_VECTOR=0 ./neuroracle bench coba --backend cpu --threads 1 --bio-seconds 100 --compare brian2 --out /tmp/m8-cobav-$i 2>&1 | grep -E "done:|timed region|speed-up"
done
stamp "cuba vs cuba-fixed, both orders, twice"
for o in cuba,cuba-fixed cuba-fixed,cuba cuba,cuba-fixed cuba-fixed,cuba; do
  ./neuroracle bench $o --backend cpu --threads 1 --bio-seconds 10 --out /tmp/m8-$o 2>&1 | grep -E "done:|timed region"
done
stamp "Brunel simulate 20000 steps, threads 1/2 x3"
for t in 1 2 1 2 1 2; do echo "threads=$t"; ./neuroracle simulate --network brunel --steps 20000 --threads $t 2>&1 | grep "run "; done
stamp "Brunel bench 10 s, threads 1 then 2, twice"
for t in 1 2 1 2; do ./neuroracle bench brunel --backend cpu --threads $t --bio-seconds 10 --out /tmp/m8-brunel-t$t 2>&1 | grep -E "done:"; done
stamp "COBA simulate 20000 steps, threads 1/2 x2"
for t in 1 2 1 2; do echo "threads=$t"; ./neuroracle simulate --network coba --steps 20000 --threads $t 2>&1 | grep "run "; done
for s in 1 2 3; do
  stamp "wrk set $s"
  bash daoserver/bench/measure-wrk.sh 2>&1 | grep -E "^run|serve-bench|service CPU per|journal commits|young GCs|flood"
done
stamp "done"
