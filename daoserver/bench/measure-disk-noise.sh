#!/bin/bash
# The checkpoints' fsyncs against another process's writes: each mode 30 s of wrk while dd writes 512 MiB blocks with fdatasync.
cd "$(dirname "$0")/../.."   # the repository root
for mode in writer background writer background; do
  (while true; do dd if=/dev/zero of=/tmp/wal-noise.bin bs=1M count=512 conv=fdatasync status=none; done) &
  DD=$!
  echo "=== $mode with disk noise $(date -u +%T)"
  if [ $mode = writer ]; then JOURNAL_CHECKPOINT=writer RUNS=1 WRK_SECONDS=30 FLOOD=0 bash daoserver/bench/measure-wrk.sh; else JOURNAL_CHECKPOINT=thread RUNS=1 WRK_SECONDS=30 FLOOD=0 bash daoserver/bench/measure-wrk.sh; fi | grep -E "^run|serve-bench|journal commits|CPU per"
  kill $DD; wait $DD 2>/dev/null; rm -f /tmp/wal-noise.bin
done
