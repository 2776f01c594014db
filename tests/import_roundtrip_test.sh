#!/bin/sh
# Import round trip against the embedded localnet, on a temp copy of one
# example: apply it, import the live run into an empty directory, and plan the
# imported manifests (same ledger) -> "No changes", exit 0 with
# --detailed-exitcode. Also: a non-empty --out is refused without --force.
# Usage: import_roundtrip_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"
state="$dir/.psyche-reconcile"
run_id=$(sed -n 's/^  runId: *//p' "$dir/run.yaml" | head -n 1)

echo "== apply the example ($run_id)"
"$bin" apply --auto-approve --no-color "$dir" </dev/null >/dev/null

echo "== import into a non-empty directory is refused"
mkdir "$work/busy" && touch "$work/busy/keep"
if "$bin" import --cluster "$dir/cluster.yaml" --run "$run_id" --out "$work/busy" 2>"$work/err.txt"; then
  echo "FAIL: import into a non-empty directory succeeded"; exit 1
fi
grep -q "not empty" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
[ ! -e "$work/busy/run.yaml" ] || { echo "FAIL: files written despite the refusal"; exit 1; }

echo "== import into an empty directory"
"$bin" import --cluster "$dir/cluster.yaml" --run "$run_id" --out "$work/imported"
for f in "$work"/imported/*; do echo "---- $f"; cat "$f"; done
grep -q "# replace with file:" "$work/imported/run.yaml" || { echo "FAIL: no key-file comment"; exit 1; }
if grep -Eq '"[0-9.]+ [A-Za-z]+"' "$work/imported/run.yaml"; then
  echo "FAIL: amounts must be integers"; exit 1
fi

echo "== plan of the imported manifests: no changes"
set +e
"$bin" plan --detailed-exitcode --no-color --state-dir "$state" "$work/imported" >"$work/plan.txt"
code=$?
set -e
cat "$work/plan.txt"
if [ "$code" -ne 0 ]; then echo "FAIL: plan exit $code, want 0"; exit 1; fi
grep -q "No changes" "$work/plan.txt" || { echo "FAIL: plan does not say No changes"; exit 1; }

echo "== --force imports again over the same directory"
"$bin" import --cluster "$dir/cluster.yaml" --run "$run_id" --out "$work/imported" --force >/dev/null

echo "== a run that does not exist is an error"
if "$bin" import --cluster "$dir/cluster.yaml" --run no-such-run --out "$work/none" 2>"$work/err.txt"; then
  echo "FAIL: import of a missing run succeeded"; exit 1
fi
grep -q "does not exist" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
echo "PASS"
