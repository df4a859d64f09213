#!/usr/bin/env bash
# Packs what the opencl-vs-cpu measurement needs on a machine without a JDK or Maven (e.g. the GPU machine of
# the device tool): a jlink'ed Java runtime, the distribution's jars, the OpenCL ICD loader and gpu-measure.sh,
# into kernels/target/gpu-bundle (ignored by git; about 45 MiB). Then, on the other machine, from the repo root:
#   STEPS=10000 bash kernels/target/gpu-bundle/gpu-measure.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
find_jdk
./mvnw -q -B -DskipTests -Dmaven.test.skip=true package -pl cli -am
B=kernels/target/gpu-bundle
rm -rf "$B"
mkdir -p "$B/lib" "$B/ocl"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6 --output "$B/jre"
cp cli/target/dist/lib/*.jar "$B/lib/"
# The ICD loader, in case the other machine has only the vendor driver (copies, not links: links may not travel).
LOADER=$(readlink -f /usr/lib/x86_64-linux-gnu/libOpenCL.so.1)
cp "$LOADER" "$B/ocl/libOpenCL.so.1"
cp "$LOADER" "$B/ocl/libOpenCL.so"
cp kernels/scripts/gpu-measure.sh "$B/"
du -sh "$B"
