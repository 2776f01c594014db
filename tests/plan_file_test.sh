#!/bin/sh
# Saved plans against the embedded localnet (docs/offline-signing.md):
#  1. plan --out FILE, apply FILE: everything lands; a new plan has no changes.
#  2. plan --out FILE, the chain moves (another apply), apply FILE: refused
#     as stale, exit 1, nothing sent.
# Usage: plan_file_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"
fail() { echo "FAIL: $*"; exit 1; }

echo "== plan --out, apply FILE"
"$bin" plan --no-color --out "$work/plan.json" "$dir" >/dev/null
grep -q '"format_version": "2"' "$work/plan.json" || fail "plan file is not format 2"
grep -q '"execution"' "$work/plan.json" || fail "plan file has no execution section"
"$bin" apply --auto-approve --no-color "$work/plan.json" </dev/null >"$work/apply.txt"
grep -q "0 failed, 0 not run" "$work/apply.txt" || { cat "$work/apply.txt"; fail "apply FILE"; }
set +e
"$bin" plan --detailed-exitcode --no-color "$dir" >"$work/after.txt"
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/after.txt"; fail "plan after apply FILE exit $code"; }

echo "== a stale plan file is refused, nothing sent"
rm -rf "$dir/.psyche-reconcile"
"$bin" plan --no-color --out "$work/stale.json" "$dir" >/dev/null
"$bin" apply --auto-approve --no-color "$dir" </dev/null >/dev/null 2>&1
ls "$dir"/.psyche-reconcile/*/ >"$work/journals-before.txt"
if "$bin" apply --auto-approve --no-color "$work/stale.json" </dev/null >"$work/out.txt" 2>"$work/err.txt"; then
  fail "stale plan applied"
fi
grep -q "plan is stale: account .* now exists" "$work/err.txt" || { cat "$work/err.txt"; fail "no stale message"; }
grep -q "run plan again" "$work/err.txt" || fail "no advice to run plan again"
grep -q "applied" "$work/out.txt" && fail "something was applied"
ls "$dir"/.psyche-reconcile/*/ >"$work/journals-after.txt"
cmp -s "$work/journals-before.txt" "$work/journals-after.txt" || fail "a new journal was written"

echo "== a plan file sent to another chain (a fresh local ledger) is refused"
if "$bin" apply --auto-approve --no-color --state-dir "$work/other-chain" "$work/stale.json" \
    </dev/null >/dev/null 2>"$work/err.txt"; then
  fail "plan applied to another chain"
fi
grep -q "genesis hash" "$work/err.txt" || { cat "$work/err.txt"; fail "no genesis message"; }

echo "== a damaged plan file is refused"
sed 's/"execution"/"executionX"/' "$work/plan.json" >"$work/bad.json"
if "$bin" apply --auto-approve "$work/bad.json" </dev/null >/dev/null 2>"$work/err.txt"; then
  fail "damaged plan applied"
fi
grep -q "unknown key\|missing" "$work/err.txt" || { cat "$work/err.txt"; fail "no clear error"; }
echo "PASS"
