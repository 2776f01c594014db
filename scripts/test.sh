#!/usr/bin/env bash
# Installs what is missing and builds (scripts/setup.sh), then runs every test:
# the GoogleTest suites, the CLI end-to-end checks and the LiteSVM conformance
# tests, all registered with ctest. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
