#!/usr/bin/env bash
# The launcher's tests (run by `./mvnw verify` in cli's integration-test phase, after the distribution is packaged;
# also by hand: bash cli/src/test/launcher/launcher-test.sh). With NEURORACLE_VECTOR=1 (the default) the JVM would
# print "WARNING: Using incubator modules: jdk.incubator.vector"; scripts/java-launch.sh drops that one line and must
# keep everything else: exit statuses (also after INT/TERM and a JVM killed by a signal), other stderr lines (also a
# progress line without its newline, while the JVM still runs), stdout, stdin, shutdown hooks' output after a
# Ctrl-C, and no process left behind. The cases run through the real ./neuroracle (NEURORACLE_NO_BUILD=1, on the
# packaged cli/target/dist) and through run_jvm with the real JVM on LauncherProbe.java.
set -uo pipefail
set -m   # every background job in its own process group, as a terminal's foreground job is: Ctrl-C = kill -INT -PGID
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
find_jdk >/dev/null || exit 1
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS NEURORACLE_VECTOR   # the JVM would announce them on stderr
export NEURORACLE_VECTOR=1   # the cases exercise the warning filter (the default; unset and 0 are checked below)
export NEURORACLE_NO_BUILD=1
ls cli/target/dist/lib/cli-*.jar >/dev/null 2>&1 || { echo "launcher-test: no distribution in cli/target/dist (./mvnw -pl cli -am package -DskipTests)" >&2; exit 1; }
WARNING='WARNING: Using incubator modules: jdk.incubator.vector'
T=$(mktemp -d /tmp/launcher-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
FAILED=0
fail() { echo "launcher-test: FAIL: $*"; FAILED=$((FAILED + 1)); }
ok() { echo "launcher-test: ok: $*"; }
# expect NAME WANT_RC WANT_STDERR_FILE CMD...: runs CMD, compares the exit status and the whole of stderr.
expect() {
  local name=$1 want_rc=$2 want_err=$3; shift 3
  local rc=0
  "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?
  if [ "$rc" != "$want_rc" ]; then fail "$name: exit $rc, expected $want_rc; stderr: $(head -c 600 "$T/err")"; return; fi
  if ! cmp -s "$T/err" "$want_err"; then fail "$name: stderr differs:"; diff "$want_err" "$T/err" | sed 's/^/    /'; return; fi
  ok "$name (exit $rc, stderr as expected)"
}
left_in_group() { ps -eo pid=,pgid=,args= | awk -v g="$1" '$2 == g'; }
# wait_for FILE TEXT [S]: until FILE holds TEXT, at most S seconds (120; a launcher that holds the text back fails here).
wait_for() { local i; for i in $(seq 1 $((${3:-120} * 10))); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# --- the real launcher
: > "$T/none"
expect "./neuroracle --version" 0 "$T/none" ./neuroracle --version
grep -q '^neuroracle ' "$T/out" || fail "--version printed no version: $(cat "$T/out")"
echo "neuroracle: unknown network 'nope'; built-in networks are [cuba, coba, cuba-fixed, brunel, microcircuit], or give a network file (.json or .nir)" > "$T/want"
expect "./neuroracle simulate --network nope" 1 "$T/want" ./neuroracle simulate --network nope
printf "neuroracle: Unknown option: '--bogus'\nTry 'neuroracle --help' for usage.\n" > "$T/want"
expect "./neuroracle --bogus" 2 "$T/want" ./neuroracle --bogus
# The module is resolved by default and with NEURORACLE_VECTOR=1, not with 0; the java launcher's own NOTE line
# comes before the warning and passes (only the warning is dropped).
echo "NOTE: Picked up JDK_JAVA_OPTIONS: --show-module-resolution" > "$T/want"
for on in unset 1; do
  if [ $on = unset ]; then set -- env -u NEURORACLE_VECTOR; else set -- env NEURORACLE_VECTOR=1; fi
  expect "NEURORACLE_VECTOR $on: --show-module-resolution" 0 "$T/want" "$@" JDK_JAVA_OPTIONS=--show-module-resolution ./neuroracle --version
  grep -q '^root jdk.incubator.vector ' "$T/out" || fail "NEURORACLE_VECTOR $on did not resolve jdk.incubator.vector"
done
expect "NEURORACLE_VECTOR=0: --show-module-resolution" 0 "$T/want" env NEURORACLE_VECTOR=0 JDK_JAVA_OPTIONS=--show-module-resolution ./neuroracle --version
grep -q 'jdk.incubator.vector' "$T/out" && fail "NEURORACLE_VECTOR=0 resolved jdk.incubator.vector"
echo "neuroracle: NEURORACLE_VECTOR: 1 (the default: the cpu backend's Vector API path for long runs) or 0 (the scalar path only), got 'yes'" > "$T/want"
expect "NEURORACLE_VECTOR=yes" 2 "$T/want" env NEURORACLE_VECTOR=yes ./neuroracle --version
# stdin reaches the JVM (the JVM runs in the background of the launcher, where bash would give it /dev/null).
out=$(printf '100\n0\n' | ./neuroracle trace --input - 2>&1)
[ "$out" = "$(printf 'step,u,v,spike\n0,6400,0,1\n1,6398,0,1')" ] && ok "stdin reaches the JVM" || fail "trace --input - gave: $out"
# Without cat the filter cannot run: the launcher still works, and the warning shows.
mkdir -p "$T/bin"
for d in /usr/local/bin /usr/bin /bin; do for f in "$d"/*; do b=${f##*/}; [ "$b" = cat ] || [ -e "$T/bin/$b" ] || ln -s "$f" "$T/bin/$b"; done; done
echo "$WARNING" > "$T/want"
expect "no cat on PATH: unfiltered" 0 "$T/want" env PATH="$T/bin" ./neuroracle --version
# Ctrl-C on serve: INT to the whole process group (launcher, JVM, filter), as a terminal sends it.
./neuroracle serve --port 0 --data-dir "$T/data" >"$T/serve.out" 2>"$T/serve.err" </dev/null &
pid=$!
if wait_for "$T/serve.out" "neuroracle: serving on" 600; then
  port=$(sed -n 's|.*serving on http://[^:]*:\([0-9]*\)/.*|\1|p' "$T/serve.out")
  curl -sf "localhost:$port/health" >/dev/null || fail "serve: no /health on port $port"
  kill -INT -- -"$pid"
  rc=0; wait "$pid" || rc=$?
  [ "$rc" = 130 ] && ok "serve after Ctrl-C: exit 130" || fail "serve after Ctrl-C: exit $rc, expected 130"
  grep -qxF "$WARNING" "$T/serve.err" && fail "serve: the warning reached stderr"
  grep -q 'the node keystore uses the default local-only password' "$T/serve.err" || fail "serve: its own stderr line is missing: $(cat "$T/serve.err")"
  sleep 0.5; [ -z "$(left_in_group "$pid")" ] && ok "serve: no process left after Ctrl-C" || fail "serve: left after Ctrl-C: $(left_in_group "$pid")"
else
  fail "serve did not start: $(cat "$T/serve.out" "$T/serve.err")"; kill -KILL -- -"$pid" 2>/dev/null
fi

# --- run_jvm on the real JVM with LauncherProbe (what ./neuroracle calls, without the distribution)
mkdir -p "$T/probe" && "$JAVA_HOME/bin/javac" -d "$T/probe" cli/src/test/launcher/LauncherProbe.java || exit 1
# A bash of its own, as ./neuroracle is (a function or subshell in the background would put a second shell in between).
PROBE=(bash -c '. scripts/java-launch.sh; run_jvm "$@"' launcher "$JAVA_HOME/bin/java" -cp "$T/probe" LauncherProbe)
printf 'probe: stderr line\n' > "$T/want"
for n in 0 1 2 3 42; do expect "probe exit $n" "$n" "$T/want" "${PROBE[@]}" exit "$n"; done
[ "$(cat "$T/out")" = "probe: stdout line" ] || fail "probe: stdout was: $(cat "$T/out")"
expect "probe killed by SIGKILL" 137 "$T/want" "${PROBE[@]}" kill9
# The launcher exits only when its filter has copied everything, here a line a child of the JVM writes after it.
printf 'probe: stderr line\nprobe: written after the JVM exited\n' > "$T/want"
expect "probe late: the launcher waits for the filter" 0 "$T/want" "${PROBE[@]}" late
# Ctrl-C (INT to the group), INT and TERM to the launcher alone: the JVM gets the signal once or twice (harmless),
# runs its shutdown hook, whose line gets through; the partial progress line shows while the JVM still runs.
# A signal ignored when this script started (nohup ignores HUP) stays ignored in every child and cannot be trapped
# (POSIX), so that case cannot be tested then: it is skipped, saying so.
ignored_at_entry() { local mask; mask=$(awk '/^SigIgn/ {print $2}' /proc/$$/status 2>/dev/null) || return 1; (( 0x${mask:-0} >> ($1 - 1) & 1 )); }
for how in "INT group 130" "INT launcher 130" "TERM launcher 143" "HUP launcher 129"; do
  set -- $how
  if ignored_at_entry "$(kill -l "$1")"; then echo "launcher-test: skip: $how: $1 was ignored when this test started (nohup?)"; continue; fi
  # Emptied here, not by the job's own redirection: that runs in the forked child, and until it has, wait_for would
  # find the previous case's progress line and signal a launcher still starting (seen once in CI: bash died of the
  # INT before its traps were set, stderr empty, a dirname left as a zombie).
  rm -f "$T/go"; : > "$T/err"
  "${PROBE[@]}" hold "$T/go" >"$T/out" 2>"$T/err" </dev/null &
  pid=$!
  if ! wait_for "$T/err" "probe: progress 50%"; then
    fail "$how: the progress line without newline did not show while the JVM ran: $(od -c "$T/err" | head -5)"
    touch "$T/go"; wait "$pid"; continue
  fi
  if [ "$2" = group ]; then kill -"$1" -- -"$pid"; else kill -"$1" "$pid"; fi
  rc=0; wait "$pid" || rc=$?
  printf 'probe: stderr line\n%s\nprobe: progress 50%%\rprobe: shutdown hook ran\n' "$WARNING" > "$T/want"
  if [ "$rc" != "$3" ]; then fail "$how: exit $rc, expected $3"
  elif ! cmp -s "$T/err" "$T/want"; then fail "$how: stderr differs:"; diff <(od -c "$T/want") <(od -c "$T/err") | sed 's/^/    /'
  else ok "$how: exit $rc; the JVM's warning dropped, the program's own copy, the progress line and the hook's line kept"; fi
  sleep 0.3; [ -z "$(left_in_group "$pid")" ] || fail "$how: left behind: $(left_in_group "$pid")"
done
# Released: everything in order (the hook runs at a normal exit too), exit 0.
rm -f "$T/go"; : > "$T/err"   # as in the loop above
"${PROBE[@]}" hold "$T/go" >"$T/out" 2>"$T/err" </dev/null &
pid=$!
wait_for "$T/err" "probe: progress 50%" && touch "$T/go"
rc=0; wait "$pid" || rc=$?
printf 'probe: stderr line\n%s\nprobe: progress 50%%\rprobe: released\nprobe: shutdown hook ran\n' "$WARNING" > "$T/want"
[ "$rc" = 0 ] && cmp -s "$T/err" "$T/want" && ok "probe hold, released: exit 0, stderr in order" || { fail "probe hold, released: exit $rc"; od -c "$T/err" | head; }

if [ "$FAILED" != 0 ]; then echo "launcher-test: $FAILED FAILED"; exit 1; fi
echo "launcher-test: all passed"
