#!/bin/sh
# The README main flow against the embedded localnet, on a temp copy of one
# example: apply --auto-approve creates everything, a plan in a new process
# (same persisted ledger) finds no changes, and a second apply sends nothing.
# Usage: apply_flow_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"

echo "== apply --auto-approve (first)"
"$bin" apply --auto-approve --no-color "$dir" </dev/null

echo "== plan --detailed-exitcode (fresh process, same ledger)"
set +e
"$bin" plan --detailed-exitcode --no-color "$dir" >"$work/plan.txt"
code=$?
set -e
cat "$work/plan.txt"
if [ "$code" -ne 0 ]; then echo "FAIL: plan exit $code, want 0"; exit 1; fi
grep -q "No changes" "$work/plan.txt" || { echo "FAIL: plan does not say No changes"; exit 1; }

echo "== apply --auto-approve (second: nothing to send)"
"$bin" apply --auto-approve --no-color "$dir" </dev/null >"$work/apply2.txt"
cat "$work/apply2.txt"
grep -q "Nothing to apply" "$work/apply2.txt" || { echo "FAIL: second apply had work"; exit 1; }

echo "== apply of a saved plan file with no changes sends nothing"
"$bin" plan --no-color --out "$work/saved-plan.json" "$dir" >/dev/null
"$bin" apply --auto-approve --no-color "$work/saved-plan.json" >"$work/apply3.txt"
grep -q "Nothing to apply" "$work/apply3.txt" || { cat "$work/apply3.txt"; exit 1; }

if command -v flock >/dev/null 2>&1; then
  echo "== a second process on the same local ledger is refused"
  if flock "$dir/.psyche-reconcile/localnet/ledger.lock" \
      "$bin" plan --no-color "$dir" >/dev/null 2>"$work/err.txt"; then
    echo "FAIL: plan ran while the ledger was locked"; exit 1
  fi
  grep -q "in use by another" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
fi

echo "== --state-dir selects another ledger (a fresh one: everything to create, exit 2)"
set +e
"$bin" plan --detailed-exitcode --no-color --state-dir "$work/other-state" "$dir" >/dev/null
code=$?
set -e
if [ "$code" -ne 2 ]; then echo "FAIL: plan on a fresh --state-dir exit $code, want 2"; exit 1; fi
[ -d "$work/other-state/localnet" ] || { echo "FAIL: no ledger under --state-dir"; exit 1; }

echo "== --target: an unknown address is refused, naming the known ones"
if "$bin" plan --no-color --target run.nope "$dir" >/dev/null 2>"$work/err.txt"; then
  echo "FAIL: plan --target run.nope succeeded"; exit 1
fi
grep -q "no such resource" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }

echo "== apply without a terminal and without --auto-approve is refused"
rm -rf "$dir/.psyche-reconcile"
if "$bin" apply --no-color "$dir" </dev/null >/dev/null 2>"$work/err.txt"; then
  echo "FAIL: apply without --auto-approve and no TTY succeeded"; exit 1
fi
grep -q "auto-approve" "$work/err.txt" || { cat "$work/err.txt"; echo "FAIL: no hint"; exit 1; }
echo "PASS"
