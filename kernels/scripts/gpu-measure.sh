#!/usr/bin/env bash
# Runs the opencl-vs-cpu measurement from a bundle made by gpu-bundle.sh (no JDK or Maven needed): prints the
# OpenCL vendors and loader it finds, then simulate runs of cuba, coba, brunel and the cuba-fixed digest.
B=$(cd "$(dirname "$0")" && pwd)
echo "== vendors"; ls -l /etc/OpenCL/vendors 2>&1; cat /etc/OpenCL/vendors/*.icd 2>/dev/null; echo
echo "== loader"; ldconfig -p | grep -i -E "opencl" ; nvidia-smi -L 2>&1 | head -2
NV=$(ldconfig -p | awk '/libnvidia-opencl.so.1/ {print $NF; exit}')
[ -z "$NV" ] && NV=$(find /usr /lib /lib64 -name 'libnvidia-opencl.so.1*' 2>/dev/null | head -1)
echo "nvidia opencl: ${NV:-none}"
# Register NVIDIA's driver beside whatever is registered already (machines may list only PoCL).
if [ -n "$NV" ] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  mkdir -p /tmp/icd && cp /etc/OpenCL/vendors/*.icd /tmp/icd/ 2>/dev/null; echo "$NV" > /tmp/icd/nvidia.icd
  export OCL_ICD_VENDORS=/tmp/icd
fi
ldconfig -p | grep -q 'libOpenCL.so.1 ' || export LD_LIBRARY_PATH="$B/ocl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
nr() { "$B/jre/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Dneuroracle.opencl.cache=/tmp/oclcache \
  -cp "$B/lib/*" org.neuroracle.cli.Main "$@"; }
nr kernels
lscpu | grep -E "Model name|^CPU\(s\)"
STEPS=${STEPS:-10000}
# Both launch modes on the GPU: two launches per step (update_all + propagate), and the persistent one-work-group
# step loop (one launch per batch of steps), which may win on small networks (COBA's target: < 5 us per step).
for net in cuba coba brunel; do
  for be in "opencl --device NVIDIA --option launch=per-step" "opencl --device NVIDIA --option launch=persistent" \
            "opencl --device cpu-" "cpu --threads 1" "cpu --threads 2"; do
    echo "== $net $be $STEPS steps"
    nr simulate --network $net --backend $be --steps $STEPS 2>&1 | grep -E "^network|mean rate|neuroracle:|Exception"
  done
done
for be in "opencl --device NVIDIA --option launch=per-step" "opencl --device NVIDIA --option launch=persistent" "cpu"; do
  echo "== cuba-fixed $be 20000 steps digest"
  nr simulate --network cuba-fixed --backend $be --steps 20000 --digest 2>&1 | grep -E "^network|mean rate|digest|neuroracle:|Exception"
done
# The Potjans-Diesmann microcircuit at full scale (77k neurons, 0.3 G synapses): microseconds per step from JMH
# (100 us per step = real time at dt 0.1 ms), per-step launch mode on the GPU (the persistent one is one work-group).
echo "== microcircuit full scale, opencl on NVIDIA (JMH FullStepBenchmark)"
NEURORACLE_OPENCL_DEVICE=NVIDIA nr bench --jmh --jmh-args '-p size=microcircuit@1.0 -p backend=opencl -f 0 -wi 1 -i 3 -r 5 FullStep' 2>&1 | tail -3
echo "== JMH OpenClStepBenchmark on NVIDIA (us per step by launch mode)"
nr bench --jmh --jmh-args '-p device=NVIDIA -f 0 -wi 1 -i 3 -r 2 OpenClStep' 2>&1 | tail -8
