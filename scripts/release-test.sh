#!/usr/bin/env bash
# Proves the release archive is self-contained: unpacks it into a fresh folder and runs `bin/neuroracle serve`
# with every JDK hidden (JAVA_HOME unset, PATH without any java, /usr/lib/jvm covered by an empty tmpfs in a
# private mount namespace), then asks /health and one vote forecast. Usage: scripts/release-test.sh [ARCHIVE]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARCHIVE=${1:-$(ls "$ROOT"/target/release/neuroracle-*-linux-x64.tar.gz 2>/dev/null | head -1)}
[ -f "$ARCHIVE" ] || { echo "release-test: no archive; build it with scripts/release.sh" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xzf "$ARCHIVE"
APP=$(ls -d "$WORK"/neuroracle-*/)
PORT=${RELEASE_TEST_PORT:-18089}
cp "$ROOT/daoserver/examples/vote.json" "$WORK/vote.json"

# What runs inside the namespace: no JDK anywhere it could look.
cat > "$WORK/inside.sh" <<INSIDE
set -euo pipefail
mount -t tmpfs none /usr/lib/jvm
unset JAVA_HOME
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1; then echo "release-test: a java is still reachable: \$(command -v java)" >&2; exit 1; fi
cd "$WORK"
"$APP/bin/neuroracle" --version 2> "$WORK/version.err"
# By default the runtime resolves the Vector API module and its incubator warning is dropped; NEURORACLE_VECTOR=0 does not.
[ ! -s "$WORK/version.err" ] || { echo "release-test: --version wrote to stderr: \$(cat "$WORK/version.err")" >&2; exit 1; }
JDK_JAVA_OPTIONS=--show-module-resolution "$APP/bin/neuroracle" --version 2>/dev/null | grep -q '^root jdk.incubator.vector ' \
  || { echo "release-test: by default the archive's runtime did not resolve jdk.incubator.vector" >&2; exit 1; }
NEURORACLE_VECTOR=0 JDK_JAVA_OPTIONS=--show-module-resolution "$APP/bin/neuroracle" --version 2>/dev/null | grep -q 'jdk.incubator.vector' \
  && { echo "release-test: NEURORACLE_VECTOR=0 resolved jdk.incubator.vector" >&2; exit 1; }
"$APP/bin/neuroracle" serve --port $PORT --data-dir "$WORK/data" > "$WORK/serve.log" 2>&1 &
pid=\$!
for i in \$(seq 1 120); do
  curl -sf localhost:$PORT/health > "$WORK/health.json" && break
  kill -0 \$pid 2>/dev/null || { echo "release-test: serve exited:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  sleep 1
done
[ -s "$WORK/health.json" ] || { echo "release-test: no /health after 120 s" >&2; cat "$WORK/serve.log" >&2; kill \$pid; exit 1; }
code=\$(curl -s -o "$WORK/forecast.json" -w '%{http_code}' -H 'content-type: application/json' -d @vote.json localhost:$PORT/v1/forecasts/vote)
kill \$pid; wait \$pid 2>/dev/null || true
[ "\$code" = 200 ] || { echo "release-test: forecast answered \$code: \$(cat "$WORK/forecast.json")" >&2; exit 1; }
grep -q '"pPass"' "$WORK/forecast.json" || { echo "release-test: no pPass in the answer" >&2; exit 1; }
echo "release-test: ok: serve ran from the archive with no JDK on the machine; /health and a vote forecast answered"
INSIDE
if ! unshare --mount true 2>/dev/null; then
  echo "release-test: cannot create a mount namespace here (needs root or user namespaces)" >&2; exit 1
fi
unshare --mount bash "$WORK/inside.sh"
