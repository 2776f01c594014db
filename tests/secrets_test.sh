#!/bin/sh
# Issue #8 secrets: every CLI command runs with the examples' keys loaded
# (key files, and a key passed in an environment variable), and stdout,
# stderr, the state directory (journals, locks, ledger, logs) and saved plan
# files are scanned for any secret key byte in raw, hex, base58, base64 and
# JSON-array form (tests/secret_grep.py, which first proves on a planted leak
# that it finds every form). A key file readable by others must warn.
# Usage: secrets_test.sh PSYCHE_RECONCILE EXAMPLES_DIR FIXTURES_DIR
set -eu
bin=$1
examples=$2
fixtures=$3
here=$(cd "$(dirname "$0")" && pwd)
grep_secrets="python3 $here/secret_grep.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out"   # every output of every command lands here
mkdir -p "$out"
n=0

run() {  # run ARGS...: any exit code; stdout/stderr kept for the scan
  n=$((n + 1))
  set +e
  "$@" >"$out/$n.stdout" 2>"$out/$n.stderr" </dev/null
  echo "$?" >"$out/$n.code"
  set -e
  echo "ran ($(cat "$out/$n.code")): $*" | sed "s|$work|WORK|g"
}

secrets=""
for example in public-run private-run treasurer-run; do
  cp -R "$examples/$example" "$work/$example"
  chmod 600 "$work/$example"/keys/*.json
  rm -rf "$work/$example/.psyche-reconcile"
  for k in "$work/$example"/keys/*.json; do secrets="$secrets --secret $k"; done
done
first_key=$(ls "$work"/public-run/keys/*.json | head -n 1)

echo "== negative control: the scanner finds a planted secret in every form"
$grep_secrets --secret "$first_key" --self-check
cp "$first_key" "$work/planted.txt"
# shellcheck disable=SC2086
if $grep_secrets $secrets --scan "$work/planted.txt" >/dev/null; then
  echo "FAIL: the scanner missed a planted key file"; exit 1
fi

for example in public-run private-run treasurer-run; do
  dir="$work/$example"
  echo "== $example"
  run "$bin" version
  run "$bin" validate "$dir"
  run "$bin" plan --no-color "$dir"
  run "$bin" plan -o json "$dir"
  run "$bin" plan -o markdown "$dir"
  run "$bin" plan --detailed-exitcode --out "$out/$example-plan.json" "$dir"
  run "$bin" drift "$dir"
  run "$bin" drift -o text "$dir"
  run "$bin" drift -o markdown "$dir"
  run "$bin" apply --auto-approve --no-color "$dir"
  [ "$(cat "$out/$n.code")" = 0 ] || { echo "FAIL: apply of $example failed"; cat "$out/$n.stderr"; exit 1; }
  run "$bin" plan --detailed-exitcode --no-color "$dir"
  run "$bin" apply --auto-approve --no-color "$out/$example-plan.json"
  run "$bin" drift "$dir"
  run "$bin" config check "$dir/config.toml"
  run "$bin" config encode "$dir/config.toml"
done
run "$bin" decode account "$fixtures/coordinator-account-v1.so"

echo "== error paths: a key in an environment variable, and keys that do not match"
dir="$work/public-run"
sed -i 's|keypair: file:keys/owner.json|keypair: env:PSYCHE_TEST_OWNER_KEY|' "$dir/run.yaml"
PSYCHE_TEST_OWNER_KEY=$(cat "$dir/keys/owner.json") run "$bin" plan --no-color "$dir"
PSYCHE_TEST_OWNER_KEY=$(cat "$dir/keys/owner.json") run "$bin" apply --auto-approve "$dir"
PSYCHE_TEST_OWNER_KEY=$(cat "$dir/keys/payer.json") run "$bin" validate "$dir"
grep -q "expects" "$out/$n.stderr" || { echo "FAIL: wrong key in env not reported"; cat "$out/$n.stderr"; exit 1; }
PSYCHE_TEST_OWNER_KEY="$(head -c 100 "$dir/keys/owner.json")" run "$bin" validate "$dir"
[ "$(cat "$out/$n.code")" = 1 ] || { echo "FAIL: a truncated key in env was accepted"; exit 1; }
sed -i 's|keypair: env:PSYCHE_TEST_OWNER_KEY|keypair: file:keys/owner.json|' "$dir/run.yaml"
cp "$dir/keys/payer.json" "$work/owner-backup.json"
cp "$dir/keys/owner.json" "$work/owner-real.json"
cp "$work/owner-backup.json" "$dir/keys/owner.json"
run "$bin" plan "$dir"
grep -q "expects" "$out/$n.stderr" || { echo "FAIL: wrong key file not reported"; cat "$out/$n.stderr"; exit 1; }
cp "$work/owner-real.json" "$dir/keys/owner.json"

echo "== a key file readable by others warns"
chmod 644 "$dir/keys/owner.json"
run "$bin" validate "$dir"
grep -q "warning: .*accessible by group or others" "$out/$n.stderr" ||
  { echo "FAIL: no warning for a world-readable key file"; cat "$out/$n.stderr"; exit 1; }
[ "$(cat "$out/$n.code")" = 0 ] || { echo "FAIL: the permission warning is an error"; exit 1; }
chmod 600 "$dir/keys/owner.json"

echo "== scan: $n commands' stdout/stderr, plan files, state directories"
scan="--scan $out"
for example in public-run private-run treasurer-run; do
  [ -d "$work/$example/.psyche-reconcile" ] || { echo "FAIL: no state dir for $example"; exit 1; }
  scan="$scan --scan $work/$example/.psyche-reconcile"
  # New-account keys apply keeps on purpose (0600) are a key store, not a leak.
  if [ -d "$work/$example/.psyche-reconcile/new-accounts" ]; then
    scan="$scan --skip-dir $work/$example/.psyche-reconcile/new-accounts"
    for k in "$work/$example"/.psyche-reconcile/new-accounts/*.json; do
      [ -e "$k" ] || continue
      secrets="$secrets --secret $k"
      [ "$(stat -c %a "$k")" = 600 ] || { echo "FAIL: $k is not 0600"; exit 1; }
    done
  fi
done
# shellcheck disable=SC2086
if ! $grep_secrets $secrets $scan | sed "s|$work|WORK|g"; then :; fi
# shellcheck disable=SC2086
if ! $grep_secrets $secrets $scan >/dev/null; then
  echo "FAIL: a secret key leaked (see LEAK lines above)"; exit 1
fi
echo "PASS: none of $(echo "$secrets" | grep -o -- --secret | wc -l) secret keys in $(find "$out" "$work"/*/.psyche-reconcile -type f | wc -l) files"
