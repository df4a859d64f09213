#!/usr/bin/env bash
# Sourced by ./neuroracle and by the release archive's bin/neuroracle (copied there as libexec/java-launch.sh):
# `run_jvm JAVA ARG...` starts the CLI's JVM and does not return.
#
# The cpu backend's explicit-SIMD path (snn-core/MEASUREMENTS.md, "LifVectorKernel") needs the incubating module
# jdk.incubator.vector resolved at boot, and such a JVM prints
#   WARNING: Using incubator modules: jdk.incubator.vector
# on stderr at every start; no option silences it (JDK 25: jdk.internal.module.ModuleBootstrap.checkIncubatingStatus
# calls warn(), a plain System.err.println). So, by default, run_jvm adds the module and drops the first stderr line
# that is exactly that text; every other stderr byte passes unchanged and unbuffered (cat once that line is gone,
# so a progress line without its newline still shows at once), stdout is the JVM's own (a terminal stays one),
# and the JVM's exit status is the launcher's. The launcher stays the JVM's parent, so that it can wait for the
# filter's last bytes before it exits; it passes INT, TERM and HUP on to the JVM (whose shutdown hooks run as
# before); the filter ignores INT, TERM, HUP and QUIT, so the shutdown lines still get through after a Ctrl-C.
# NEURORACLE_VECTOR=1 (the default since session 8): the module is added and the cpu backend picks its kernels per
# run (snn-core's KernelChoice): the Vector API kernels only for runs of at least 2^28 neuron updates (float;
# COBA: 6.7 s simulated) or 2^31 (fixed point; cuba-fixed: 54 s), which repay their JIT warm-up (until C2 has
# compiled a kernel, every vector operation is a boxed call), the scalar path for shorter runs and the service's
# reservoirs; same bits either way. 100 s of COBA: 3.35-3.43 s
# of CPU against 4.31-4.67 s scalar (session 8, load 3.8-4.1; snn-core/MEASUREMENTS.md, "Session 8"). The cost where the
# kernels are not taken: ~0.04 s of CPU per JVM start (CDS turns its archived module graph off for an added module).
# NEURORACLE_VECTOR=0: no module, the auto-vectorised scalar path, and the JVM exec'd as it always was. Where the
# runtime lacks the module the scalar path runs too. Where bash is older than 5.1 or cat is missing, the module is
# added without the filter, and the warning shows.
NEURORACLE_INCUBATOR_WARNING='WARNING: Using incubator modules: jdk.incubator.vector'
# With the module: the kernel classes (update kernels, Philox) compiled by C2 after a few calls (thresholds x 0.001) and in the
# foreground (the calling thread waits for C2 instead of running boxed vector code meanwhile). In a long COBA run
# this cut the kernels' warm-up from ~1.2 s to ~0.3 s of CPU (snn-core/MEASUREMENTS.md, "KernelChoice"). `quiet` first:
# otherwise every CompileCommand is echoed on stdout. Not PoissonCountVectorKernel (session 14): its threshold loop carries
# a vector across iterations, and compiled that early (an OSR entry, no type profile yet; session 16 saw the same for a
# per-vector method with no OSR entry, so the thin profile is the likelier cause) C2 left the vector calls
# virtual, to the API's boxed fallback, for the rest of the run: Brunel ran 4-5x slower. A kernel added here must be
# checked for that (snn-core/MEASUREMENTS.md, "Session 14"). Session 16 moved its per-vector work into a method of
# its own, which shortened its natural warm-up, but compiled this early it still stays boxed all run ("Session 16").
# The Philox pattern below covers its per-vector method drawVector too (session 16), compiled early with it.
# Both paths: cuba-fixed's scalar two-channel update compiled by C2 after a few calls (its C1 code runs ~2.2x float
# cuba's; snn-core/MEASUREMENTS.md, "Seventh pass (fixed point)"), in the background: the step thread runs C1 code for the
# ~40 ms the compile takes instead of waiting for it. Waiting (BackgroundCompilation false, session 8's launcher) cost
# bench cuba-fixed --bio-seconds 10 ~0.04 s of wall (0.44-0.51 s against 0.41-0.46 s, quiet, 4 runs each; the
# background compile costs ~0.07 s more process CPU on the other core) ("second round" in that README section).
NEURORACLE_JIT_JVM=(-XX:CompileCommand=quiet
  "-XX:CompileCommand=CompileThresholdScaling,org.neuroracle.snn.cpu.FixedLifState::stepTwoChannels,0.01")
NEURORACLE_VECTOR_JVM=(--add-modules jdk.incubator.vector "${NEURORACLE_JIT_JVM[@]}")
for _nr_k in LifVectorKernel FixedLifVectorKernel PhiloxVectorKernel; do
  NEURORACLE_VECTOR_JVM+=("-XX:CompileCommand=CompileThresholdScaling,org.neuroracle.snn.cpu.$_nr_k::*,0.001"
                          "-XX:CompileCommand=BackgroundCompilation,org.neuroracle.snn.cpu.$_nr_k::*,false")
done
unset _nr_k

# stdin to stdout, less the first line that is exactly the warning; the bytes after it are copied by cat.
_nr_drop_incubator_warning() {
  local line
  while IFS= read -r line; do
    [ "$line" = "$NEURORACLE_INCUBATOR_WARNING" ] && exec cat
    printf '%s\n' "$line"
  done
  [ -z "$line" ] || printf '%s' "$line"   # a last line without its newline
}

# Whether the runtime at $1 (a JDK or a jlink image) holds jdk.incubator.vector: its release file lists its modules.
_nr_has_vector_module() {
  [ -f "$1/release" ] && [[ $(<"$1/release") == *jdk.incubator.vector* ]]
}

run_jvm() {
  local java=$1; shift
  case "${NEURORACLE_VECTOR:-1}" in
    0) exec "$java" "${NEURORACLE_JIT_JVM[@]}" "$@" ;;
    1) ;;
    *) echo "neuroracle: NEURORACLE_VECTOR: 1 (the default: the cpu backend's Vector API path for long runs) or 0 (the scalar path only), got '$NEURORACLE_VECTOR'" >&2
       exit 2 ;;
  esac
  _nr_has_vector_module "$(dirname "$(dirname "$java")")" || exec "$java" "${NEURORACLE_JIT_JVM[@]}" "$@"
  if (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 501 )) || ! command -v cat >/dev/null 2>&1; then
    exec "$java" "${NEURORACLE_VECTOR_JVM[@]}" "$@"
  fi
  local efd
  exec {efd}> >(trap '' INT TERM HUP QUIT; _nr_drop_incubator_warning >&2)
  _NR_FILTER_PID=$!
  # A subshell that execs, so that the JVM gets INT and QUIT at their defaults (bash ignores them for a background
  # simple command) and the launcher's stdin (not /dev/null).
  ( trap - INT QUIT; exec "$java" "${NEURORACLE_VECTOR_JVM[@]}" "$@" 2>&$efd {efd}>&- ) 0<&0 &
  _NR_JVM_PID=$!
  exec {efd}>&-
  trap 'kill -INT "$_NR_JVM_PID" 2>/dev/null || true' INT
  trap 'kill -TERM "$_NR_JVM_PID" 2>/dev/null || true' TERM
  trap 'kill -HUP "$_NR_JVM_PID" 2>/dev/null || true' HUP
  trap '' QUIT   # a Ctrl-\ reaches the JVM itself (thread dump); the launcher must not die of it
  local rc done_pid
  while :; do
    rc=0
    # 2>/dev/null: bash's own "Killed" notice for a JVM that died of a signal is not the JVM's output.
    wait -p done_pid "$_NR_JVM_PID" 2>/dev/null || rc=$?
    # A trapped signal ends wait early with 128+n and done_pid unset: wait again for the JVM's own status.
    [ -z "${done_pid:-}" ] && [ "$rc" -gt 128 ] || break
  done
  wait "$_NR_FILTER_PID" 2>/dev/null || true
  exit "$rc"
}
