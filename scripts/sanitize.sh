#!/usr/bin/env bash
# Builds everything with GCC + AddressSanitizer + UBSan (-DPSYCHE_SANITIZE=ON) in
# ./build-asan and runs the whole ctest suite there, except the Node-based
# LiteSVM test (its native runtime is not instrumented). Any sanitizer report
# aborts the test that triggered it, so the run fails.
# Usage: scripts/sanitize.sh [extra ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=g++ -DPSYCHE_SANITIZE=ON -DPSYCHE_BUILD_BENCH=OFF >/dev/null
fi
cmake --build build-asan
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -E litesvm "$@"
