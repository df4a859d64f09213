#!/usr/bin/env bash
# The README's first command as a newcomer runs it: `./neuroracle serve` from a clean clone (the launcher builds
# the distribution first), /health within the limit, one vote forecast with curl, then stop; a second launcher
# command must start without rebuilding. Fails on any of these.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LIMIT_S=${FIRST_COMMAND_LIMIT_S:-300}
LOG=$(mktemp)
start=$(date +%s)
./neuroracle serve >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$LOG"' EXIT
until curl -sf localhost:8080/health >/dev/null 2>&1; do
  if ! kill -0 $pid 2>/dev/null; then
    echo "first-command: ./neuroracle serve exited before answering /health:"; cat "$LOG"; exit 1
  fi
  if [ $(( $(date +%s) - start )) -gt "$LIMIT_S" ]; then
    echo "first-command: no /health after $LIMIT_S s:"; tail -30 "$LOG"; exit 1
  fi
  sleep 1
done
echo "first-command: /health answered $(( $(date +%s) - start )) s after ./neuroracle serve (build included)"
sed 's/^/first-command:   | /' "$LOG"
code=$(curl -s -o /tmp/first-forecast.json -w '%{http_code}' -H 'content-type: application/json' \
  -d @daoserver/examples/vote.json localhost:8080/v1/forecasts/vote)
[ "$code" = 200 ] && grep -q '"pPass"' /tmp/first-forecast.json \
  || { echo "first-command: the vote forecast answered $code: $(head -c 400 /tmp/first-forecast.json)"; exit 1; }
echo "first-command: vote forecast 200: $(grep -o '"pPass":{[^}]*}' /tmp/first-forecast.json)"
kill $pid; wait $pid 2>/dev/null || true

again=$(./neuroracle --version 2>&1)
if grep -q 'building the distribution' <<<"$again"; then
  echo "first-command: the second launcher command rebuilt the distribution (a program output counted as a build input?)"; exit 1
fi
echo "first-command: a second launcher command started without rebuilding: $(head -1 <<<"$again")"
