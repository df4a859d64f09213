#!/usr/bin/env bash
# Sourced by ./neuroracle and ./run-tests: sets JAVA_HOME to a JDK >= 25 or exits with what is missing.
NEURORACLE_MIN_JDK=25

_jdk_major() { # prints the major version of the JDK at $1, or nothing
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  echo "$v"
}

_try_jdk() {
  local home=$1 v
  v=$(_jdk_major "$home")
  [ -n "$v" ] && [ "$v" -ge "$NEURORACLE_MIN_JDK" ] 2>/dev/null
}

find_jdk() {
  local candidates=() seen="" c j
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if j=$(command -v java 2>/dev/null); then
    j=$(readlink -f "$j"); candidates+=("$(dirname "$(dirname "$j")")")
  fi
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if _try_jdk "$c"; then export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
    seen="$seen $c($(_jdk_major "$c" || true))"
  done
  echo "neuroracle: no JDK >= $NEURORACLE_MIN_JDK found. Looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*:${seen:- nothing there}." >&2
  echo "neuroracle: install one (e.g. Temurin 25: apt-get install temurin-25-jdk) or set JAVA_HOME to it." >&2
  return 1
}
