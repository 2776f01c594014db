#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan+UBSan, ./build-fuzz) and runs each
# for SECONDS (default 30) on a temporary copy of its committed seed corpus, so
# the corpus in git never grows. Prints executions and status per target; exits
# non-zero if any target crashed. Crash inputs are kept in build-fuzz/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
if [ ! -f build-fuzz/build.ninja ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DPSYCHE_FUZZ=ON >/dev/null
fi
cmake --build build-fuzz --target fuzz_targets

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  # Written by tests/fuzz/CMakeLists.txt: every *_fuzz.cc it found.
  mapfile -t targets < <(grep -v '^$' build-fuzz/tests/fuzz/fuzz_targets.txt)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="build-fuzz/artifacts"
mkdir -p "$artifacts"

crashed=0
for name in "${targets[@]}"; do
  corpus="$work/$name"
  mkdir -p "$corpus"
  if [ -d "tests/fuzz/corpus/$name" ]; then cp -R "tests/fuzz/corpus/$name/." "$corpus/"; fi
  log="$work/$name.log"
  status="ok"
  if ! "build-fuzz/tests/fuzz/$name" -max_total_time="$seconds" -print_final_stats=1 \
      -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/$name-" \
      "$corpus" >"$log" 2>&1; then
    status="CRASHED"
    crashed=1
    tail -n 60 "$log"
  fi
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  printf 'fuzz %-32s %12s executions  %s\n' "$name" "${execs:-?}" "$status"
done

if [ "$crashed" -ne 0 ]; then
  echo "fuzz: crash inputs are in $artifacts/ (rerun: build-fuzz/tests/fuzz/<target> <file>)"
  exit 1
fi
