#!/usr/bin/env bash
# Every benchmark of the project in one command: configures the build with
# PSYCHE_BUILD_BENCH=ON, builds each bench/*_bench.cc binary, runs them all and
# prints one table (scripts/bench_table.py).
#
# A benchmark reports rows for the table by printing lines of the form
#     BENCH <group> key=value key=value ...
# on stdout (values without spaces; the last line with the same group and
# first field wins, since Google Benchmark may call a case several times).
# Known groups: `plan` (plan_bench: time/RSS/RPC calls at 100, 1,000 and
# 10,000 authorizations) and `apply_scenario` (transactions and fees against
# run-manager's count); any other group gets its own table. Every Google
# Benchmark case is listed too, from its JSON output, and those with a
# `*_per_s` counter (localnet and apply throughput) in a throughput table.
#
# Usage: scripts/bench.sh [BENCH_NAME...]   (default: every bench/*_bench.cc)
# Env: BUILD_DIR (default build), JOBS (default 2), BENCH_FILTER (a
# --benchmark_filter regex), BENCH_KEEP=DIR keeps the raw outputs in DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
jobs=${JOBS:-2}

if [ "$#" -gt 0 ]; then
  bins=("$@")
else
  bins=()
  for src in "$root"/bench/*_bench.cc; do bins+=("$(basename "$src" .cc)"); done
fi

cmake -S "$root" -B "$build" -G Ninja -DPSYCHE_BUILD_BENCH=ON >/dev/null
ninja -C "$build" -j"$jobs" "${bins[@]}"

out=${BENCH_KEEP:-$(mktemp -d)}
mkdir -p "$out"
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
failed=0
for b in "${bins[@]}"; do
  echo "== running $b" >&2
  args=(--benchmark_out="$out/$b.json" --benchmark_out_format=json)
  [ -z "${BENCH_FILTER:-}" ] || args+=(--benchmark_filter="$BENCH_FILTER")
  if ! "$build/bench/$b" "${args[@]}" >"$out/$b.txt" 2>"$out/$b.err"; then
    echo "FAILED: $b (see $out/$b.err)" >&2
    failed=1
  fi
done
echo "Benchmarks on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), $(uname -r))"
python3 "$root/scripts/bench_table.py" "$out"
exit "$failed"
