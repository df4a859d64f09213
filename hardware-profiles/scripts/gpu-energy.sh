#!/usr/bin/env bash
# Measures a GPU's energy per forecast with NVML's total-energy counter (hardware-profiles/README.md, "Measuring a
# GPU"). Run from the repository root on the GPU machine, with the bundle of kernels/scripts/gpu-bundle.sh beside it:
#   bash kernels/scripts/gpu-bundle.sh                 # here (no GPU needed)
#   bash hardware-profiles/scripts/gpu-energy.sh       # there; arguments go to GpuEnergyMain, e.g. --steps 448
# Defaults: cuba-fixed, 448 steps per forecast (a treasury forecast's length), opencl on the NVIDIA device,
# 20 warm-up forecasts, a 20 s idle window, 5 blocks of at least 6 s each. Prints the profile lines to paste.
set -euo pipefail
B=${GPU_BUNDLE:-kernels/target/gpu-bundle}
JAVA="$B/jre/bin/java"; CP="$B/lib/*"
if [ ! -x "$JAVA" ]; then  # no bundle: the distribution ./neuroracle builds, and a JDK 25 (checks the script without a GPU)
  . scripts/find-jdk.sh
  find_jdk
  ls cli/target/dist/lib/*.jar >/dev/null 2>&1 || { echo "gpu-energy: no bundle at $B and no distribution: run kernels/scripts/gpu-bundle.sh (or ./neuroracle once)" >&2; exit 1; }
  JAVA="$JAVA_HOME/bin/java"; CP="cli/target/dist/lib/*"
fi
# NVIDIA's OpenCL driver beside whatever is registered (device machines may list only PoCL), as gpu-measure.sh does.
NV=$(ldconfig -p | awk '/libnvidia-opencl.so.1/ {print $NF; exit}')
if [ -n "$NV" ] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  mkdir -p /tmp/icd && cp /etc/OpenCL/vendors/*.icd /tmp/icd/ 2>/dev/null || true
  echo "$NV" > /tmp/icd/nvidia.icd
  export OCL_ICD_VENDORS=/tmp/icd
fi
ldconfig -p | grep -q 'libOpenCL.so.1 ' || export LD_LIBRARY_PATH="$B/ocl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,power.draw,power.limit --format=csv | head -3 || true
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dneuroracle.opencl.cache=/tmp/oclcache -cp "$CP" org.neuroracle.hw.gpu.GpuEnergyMain "$@"
