#!/usr/bin/env bash
# Builds (if needed) and runs every test: GoogleTest suites and the LiteSVM
# conformance test, all registered with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
