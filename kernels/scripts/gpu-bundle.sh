#!/usr/bin/env bash
# Packs what the opencl-vs-cpu measurement needs on a machine without a JDK or Maven (e.g. the GPU machine of
# the device tool): a jlink'ed Java runtime, the distribution's jars, the OpenCL ICD loader and gpu-measure.sh,
# into kernels/target/gpu-bundle (ignored by git; about 63 MiB, under the device tool's 64 MiB). Then, on the other machine, from the repo root:
#   STEPS=10000 bash kernels/target/gpu-bundle/gpu-measure.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
find_jdk
# -DskipTests, not -Dmaven.test.skip: kernels resolves snn-core's test-jar (shared test networks), which the latter would not build.
./mvnw -q -B -DskipTests package -pl cli -am
B=kernels/target/gpu-bundle
rm -rf "$B"
mkdir -p "$B/lib" "$B/ocl"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6 --output "$B/jre"
# Only what simulate, kernels and bench --jmh load: the ML (ND4J, OpenBLAS), chain (web3j's crypto and HTTP),
# cloud (AWS) and PDF libraries would take the bundle past the device tool's 64 MiB carry limit.
for f in cli/target/dist/lib/*.jar; do
  case "$(basename "$f")" in
    nd4j-*|openblas-*|javacpp-*|sqlite-jdbc-*|pdfbox-3*|fontbox-*|protobuf-1.0.0-M2.1*|jackson-1.0.0-M2.1*|guava-1.0.0-M2.1*|\
    bcprov-*|kms-*|sdk-core-*|regions-*|jna-platform-*|jffi-*|jnr-*|kotlin-*|okhttp-*|okio-*|rxjava-*|commons-compress-*|\
    lz4-*|netty-codec-http2-*|third-party-jackson-*|aws-*|auth-*|http-client-spi-*|apache-client-*|netty-nio-client-*|\
    flatbuffers-*|commons-collections4-*|threetenbp-*|jc-kzg-*) ;;
    *) cp "$f" "$B/lib/" ;;
  esac
done
strip --strip-unneeded "$B/jre/lib/server/libjvm.so" 2>/dev/null || true
# The ICD loader, in case the other machine has only the vendor driver (copies, not links: links may not travel).
LOADER=$(readlink -f /usr/lib/x86_64-linux-gnu/libOpenCL.so.1)
cp "$LOADER" "$B/ocl/libOpenCL.so.1"
cp "$LOADER" "$B/ocl/libOpenCL.so"
cp kernels/scripts/gpu-measure.sh "$B/"
du -sh "$B"
BYTES=$(du -sb "$B" | cut -f1)
[ "$BYTES" -lt $((64 * 1024 * 1024)) ] || { echo "gpu-bundle: $BYTES bytes, over the 64 MiB carry limit" >&2; exit 1; }
