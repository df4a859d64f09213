#!/usr/bin/env bash
# Installs the real parts the tests use, only when missing: PoCL (OpenCL on CPU), a C compiler check,
# Brian2 and h5py (side-by-side checks), Chromium (dashboard test), libsecp256k1, Valgrind, wrk, Open MPI, and the pinned
# npm tools (anvil, solc, OpenZeppelin).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

need=()
[ -e /etc/OpenCL/vendors/pocl.icd ] || need+=(pocl-opencl-icd)
[ -e /usr/lib/x86_64-linux-gnu/libOpenCL.so ] || need+=(ocl-icd-opencl-dev)
command -v clinfo >/dev/null || need+=(clinfo)
command -v cc >/dev/null || need+=(gcc)
# Debian's python3-brian and python3-h5py install into the system interpreter, which the tests call.
/usr/bin/python3 -c 'import brian2' 2>/dev/null || need+=(python3-brian)
/usr/bin/python3 -c 'import h5py' 2>/dev/null || need+=(python3-h5py)
command -v chromium >/dev/null || need+=(chromium chromium-driver)
# libsecp256k1 (constant-time signing through FFM), Valgrind (the board kit's leak check), wrk (serve-bench).
ls /usr/lib/x86_64-linux-gnu/libsecp256k1.so.* >/dev/null 2>&1 || need+=(libsecp256k1-1)
command -v valgrind >/dev/null || need+=(valgrind)
command -v wrk >/dev/null || need+=(wrk)
# Open MPI (the distributed module's mpirun tests; libmpi.so.40 is bound through FFM).
command -v mpirun >/dev/null || need+=(openmpi-bin)
ls /usr/lib/x86_64-linux-gnu/libmpi.so.40 >/dev/null 2>&1 || need+=(libopenmpi-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-deps: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Pinned npm tools (package-lock.json) for the oracle tests.
if [ -f "$ROOT/daoserver/chain/package-lock.json" ]; then
  if [ ! -d "$ROOT/daoserver/chain/node_modules" ] || [ "$ROOT/daoserver/chain/package-lock.json" -nt "$ROOT/daoserver/chain/node_modules/.package-lock.json" ]; then
    echo "install-test-deps: npm ci in daoserver/chain"
    (cd "$ROOT/daoserver/chain" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
echo "install-test-deps: ready"
