#!/bin/sh
# Exit codes of `plan --detailed-exitcode` and `drift` through the real CLI on
# the embedded localnet (0 no changes, 2 changes/drift, 1 error), and drift's
# JSON naming each drifted field with its expected and observed values.
# Usage: exit_codes_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$example" "$work/m"
chmod 600 "$work"/m/keys/*.json
rm -rf "$work/m/.psyche-reconcile"
dir="$work/m"
failures=0

# expect CODE ARGS...: the command exits CODE; its stdout is kept in $work/out.
expect() {
  want=$1
  shift
  set +e
  "$bin" "$@" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then
    echo "FAIL: psyche-reconcile $* exited $code, want $want"; cat "$work/err"
    failures=$((failures + 1))
  else
    echo "ok   exit $code: $1 ${2:-}"
  fi
}

expect 2 plan --detailed-exitcode --no-color "$dir"
expect 0 plan --no-color "$dir"
expect 2 drift "$dir"
grep -q '"drifted": true' "$work/out" || { echo "FAIL: empty chain not drifted"; failures=$((failures + 1)); }

expect 0 apply --auto-approve --no-color "$dir"
expect 0 plan --detailed-exitcode --no-color "$dir"
expect 0 drift "$dir"
grep -q '"drifted": false' "$work/out" || { echo "FAIL: drift after apply"; failures=$((failures + 1)); }

# The manifests move away from the chain: drift names the field, both values.
sed -i 's/^    description: .*/    description: Edited in git./' "$dir/run.yaml"
expect 2 plan --detailed-exitcode --no-color "$dir"
expect 2 drift "$dir"
cp "$work/out" "$work/drift.json"
grep -q '"path": "metadata.description"' "$work/drift.json" &&
  grep -q '"expected": "Edited in git."' "$work/drift.json" &&
  grep -q '"observed": "A permissionless example run on the local test cluster."' "$work/drift.json" ||
  { echo "FAIL: drift JSON lacks expected/observed:"; cat "$work/drift.json"; failures=$((failures + 1)); }
expect 2 drift -o text "$dir"
expect 2 drift -o markdown "$dir"

# Errors are 1 for both, even with changes pending.
echo "not: [valid" >"$dir/broken.yaml"
expect 1 plan --detailed-exitcode --no-color "$dir"
expect 1 drift "$dir"
expect 1 plan --no-color "$dir"

if [ "$failures" -ne 0 ]; then echo "FAIL: $failures"; exit 1; fi
echo PASS
