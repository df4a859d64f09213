#!/usr/bin/env bash
# Builds the operator's archive: target/release/neuroracle-VERSION-linux-x64.tar.gz holding a jlink'ed Java
# runtime, the distribution's jars, bin/neuroracle and the compiled contracts (ABI + bytecode). Unpacked on a
# machine without any JDK, `bin/neuroracle serve` runs. Needs a JDK >= 25 and node/npm here (for solc-js).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
find_jdk || exit 1
. scripts/build-dist.sh

# The contracts are compiled by the daoserver build with the pinned solc-js; without node_modules it skips them.
if [ ! -d daoserver/chain/node_modules/solc ]; then
  echo "release: npm ci in daoserver/chain (pinned solc-js and OpenZeppelin, for the compiled contracts)" >&2
  (cd daoserver/chain && npm ci --no-audit --no-fund --loglevel=error)
  rm -f cli/target/dist/.built   # rebuild so the daoserver jar carries the contracts
fi
if dist_stale "$ROOT" || ! unzip -l cli/target/dist/lib/daoserver-*.jar 'chain/*.abi' >/dev/null 2>&1; then
  rm -f cli/target/dist/.built
  build_dist "$ROOT"
fi
unzip -l cli/target/dist/lib/daoserver-*.jar 'chain/*.abi' >/dev/null 2>&1 \
  || { echo "release: the daoserver jar has no compiled contracts (chain/*.abi); see target/build.log" >&2; exit 1; }

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
NAME="neuroracle-$VERSION-linux-x64"
OUT="$ROOT/target/release"
STAGE="$OUT/$NAME"
rm -rf "$STAGE" "$OUT/$NAME.tar.gz"
mkdir -p "$STAGE/bin" "$STAGE/lib" "$STAGE/contracts"

# jdk.incubator.vector: the cpu backend's Vector API path, added by default as in ./neuroracle (jlink warns that it
# links an incubator module; bin/neuroracle drops the runtime's warning through libexec/java-launch.sh).
echo "release: jlink runtime" >&2
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.net,jdk.incubator.vector \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$STAGE/runtime"
cp cli/target/dist/lib/*.jar "$STAGE/lib/"
(cd "$STAGE/contracts" && unzip -q -j "$STAGE"/lib/daoserver-*.jar 'chain/*')
mkdir -p "$STAGE/hardware-profiles" && cp -r hardware-profiles/profiles "$STAGE/hardware-profiles/"
cp scripts/release-launcher.sh "$STAGE/bin/neuroracle"
mkdir -p "$STAGE/libexec" && cp scripts/java-launch.sh "$STAGE/libexec/"
chmod +x "$STAGE/bin/neuroracle"
cat > "$STAGE/README.txt" <<TXT
Neuroracle $VERSION for Linux x86-64, self-contained (its own Java runtime in runtime/).
  bin/neuroracle serve          the forecast service (data/ under the current folder; --help for options)
  bin/neuroracle --help         every command
  contracts/                    the compiled Solidity contracts (ABI and bytecode) the oracle deploys
Documentation: README.md of the source repository.
TXT
tar -C "$OUT" -czf "$OUT/$NAME.tar.gz" "$NAME"
echo "release: $OUT/$NAME.tar.gz ($(du -h "$OUT/$NAME.tar.gz" | cut -f1))"
