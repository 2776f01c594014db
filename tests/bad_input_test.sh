#!/bin/sh
# Every bad input of issue #6 through the real CLI: validate, plan, drift and
# apply --auto-approve each exit 1 with a clear message on stderr, and nothing
# is written to the chain (the embedded ledger is never even opened: no
# <state>/localnet directory appears).
# Usage: bad_input_test.sh PSYCHE_RECONCILE EXAMPLES_DIR RUN_CONFIGS_DIR
set -eu
bin=$1
examples=$2
configs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fresh() {  # fresh EXAMPLE: a clean copy in $dir
  rm -rf "$work/m"
  cp -R "$examples/$1" "$work/m"
  chmod 600 "$work"/m/keys/*.json
  rm -rf "$work/m/.psyche-reconcile"
  dir="$work/m"
}

# expect_refused NAME PATTERN: every command refuses $dir with PATTERN on stderr.
# With READS_CHAIN=1 (a check that needs the chain, e.g. the mint's decimals)
# validate is skipped and the ledger may be opened; nothing may be written.
expect_refused() {
  name=$1
  pattern=$2
  cmds="validate|plan|plan -o json|drift|apply --auto-approve"
  [ "${READS_CHAIN:-0}" = 0 ] || cmds="plan|plan -o json|drift|apply --auto-approve"
  IFS='|'
  set -f
  for cmd in $cmds; do
    unset IFS
    set +e
    # shellcheck disable=SC2086
    "$bin" $cmd "$dir" </dev/null >"$work/out.txt" 2>"$work/err.txt"
    code=$?
    set -e
    if [ "$code" -ne 1 ]; then
      echo "FAIL [$name] $cmd: exit $code, want 1"; cat "$work/err.txt"; failures=$((failures + 1))
    elif ! grep -Eq "$pattern" "$work/err.txt"; then
      echo "FAIL [$name] $cmd: stderr lacks /$pattern/:"; cat "$work/err.txt"
      failures=$((failures + 1))
    elif [ "${READS_CHAIN:-0}" = 0 ] && [ -e "$dir/.psyche-reconcile/localnet" ]; then
      echo "FAIL [$name] $cmd: the ledger was opened"; failures=$((failures + 1))
    fi
    IFS='|'
  done
  unset IFS
  set +f
  echo "ok   [$name] $(head -n 1 "$work/err.txt")"
}

# nothing_written: the ledger $dir used, if any, still needs everything created.
nothing_written() {
  [ -e "$dir/.psyche-reconcile/localnet" ] || return 0
  rm -rf "$work/pristine"
  cp -R "$examples/$1" "$work/pristine"
  chmod 600 "$work"/pristine/keys/*.json
  "$bin" plan --no-color --state-dir "$dir/.psyche-reconcile" "$work/pristine" 2>/dev/null |
    grep "^Plan:" >"$work/used.txt" || true
  "$bin" plan --no-color --state-dir "$work/fresh-state" "$work/pristine" 2>/dev/null |
    grep "^Plan:" >"$work/fresh.txt" || true
  rm -rf "$work/fresh-state"
  if [ ! -s "$work/fresh.txt" ] || ! cmp -s "$work/used.txt" "$work/fresh.txt"; then
    echo "FAIL: the chain changed: $(cat "$work/used.txt") vs fresh $(cat "$work/fresh.txt")"
    failures=$((failures + 1))
  fi
}

fresh public-run
cat >>"$dir/run.yaml" <<'Y'
---
apiVersion: psyche-reconcile/v1
kind: Banana
metadata: {name: b}
spec: {}
Y
expect_refused "unknown kind" "run.yaml:[0-9]+:[0-9]+: .*Banana"

fresh public-run
sed -i 's/^  paused: false/  paused: false\n  colour: red/' "$dir/run.yaml"
expect_refused "unknown field" "run.yaml:[0-9]+:[0-9]+: spec.colour"

fresh public-run
sed -i 's/^  paused: false/  paused: "no"/' "$dir/run.yaml"
expect_refused "wrong type" "run.yaml:[0-9]+:[0-9]+: spec.paused"

fresh public-run
cp "$dir/run.yaml" "$dir/run-copy.yaml"
expect_refused "duplicate run" "yaml:[0-9]+:[0-9]+: .*(already declared|another Run manifest)"

fresh public-run
rm "$dir/keys/owner.json"
expect_refused "missing key file" "run.yaml:[0-9]+:[0-9]+: spec.authority: cannot open"

fresh public-run
cp "$dir/keys/payer.json" "$dir/keys/owner.json"
expect_refused "key file for the wrong pubkey" "spec.authority: the keypair in .* has public key .* but the manifest expects"

fresh public-run
cp "$configs/test__state.toml" "$dir/config.toml"
expect_refused "config failing program checks" "Dummy optimizer"

fresh treasurer-run
sed -i 's/^    slashingRatePerClient: .*/    slashingRatePerClient: -5/' "$dir/run.yaml"
expect_refused "negative amount" "slashingRatePerClient"

fresh treasurer-run
sed -i 's/^    slashingRatePerClient: .*/    slashingRatePerClient: 2.5/' "$dir/run.yaml"
expect_refused "fractional amount" "slashingRatePerClient"

fresh treasurer-run
sed -i 's/^    balance: .*/    balance: "0.0000001 USDC"/' "$dir/run.yaml"
READS_CHAIN=1 expect_refused "amount finer than the mint" "treasury.balance: .* not a whole number of base units"
nothing_written treasurer-run

fresh treasurer-run
sed -i 's/^    slashingRatePerClient: .*/    slashingRatePerClient: 18446744073709551616/' "$dir/run.yaml"
expect_refused "overflowing amount" "slashingRatePerClient"

fresh public-run
{
  echo 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
  i=1
  while [ $i -lt 30 ]; do
    p=$((i - 1))
    echo "a$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
    i=$((i + 1))
  done
} >"$dir/bomb.yaml"
expect_refused "YAML alias bomb" "bomb.yaml:[0-9]+:[0-9]+: YAML aliases"

fresh public-run
truncate -s 100M "$dir/huge.yaml"
expect_refused "100 MB file" "huge.yaml.*(too large|exceeds|bytes)"

if [ "$failures" -ne 0 ]; then echo "FAIL: $failures"; exit 1; fi
echo PASS
