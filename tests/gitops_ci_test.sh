#!/bin/sh
# scripts/gitops-ci.sh against the embedded localnet on a temp copy of one
# example: the pr stage plans (exit 0 with changes), posts the Markdown and
# saves plan.json; after the manifests are applied, drift is 0; after a
# manifest edit that nobody applied, drift exits 2 and posts the report.
# (The apply stage runs `apply PLANFILE`; it is covered where plan files apply.)
# Usage: gitops_ci_test.sh PSYCHE_RECONCILE EXAMPLE_DIR SCRIPT
set -eu
bin=$1
example=$2
script=$3
. "$(dirname "$0")/example_copy.sh"
export PSYCHE_RECONCILE="$bin" GITOPS_OUT="$work/out" GITOPS_STATE_DIR="$work/state"
printf '#!/bin/sh\ncp "$1" "%s/posted.md"\n' "$work" >"$work/post.sh"
chmod +x "$work/post.sh"
export GITOPS_POST="$work/post.sh"
fail() { echo "FAIL: $*"; exit 1; }

echo "== pr stage on a fresh ledger: changes planned, exit 0"
"$script" pr "$dir" 2>"$work/err.txt" || { cat "$work/err.txt"; fail "pr stage exit $?"; }
grep -q "to add" "$work/out/plan.md" || fail "plan.md has no summary"
cmp -s "$work/out/plan.md" "$work/posted.md" || fail "the Markdown plan was not posted"
grep -q '"format_version"' "$work/out/plan.json" || fail "no saved plan"
grep -q '"component":"rpc"' "$work/out/plan-log.jsonl" || fail "no JSON log"

echo "== apply the manifests, then drift: in sync"
"$bin" apply --auto-approve --no-color --quiet --state-dir "$work/state" "$dir" </dev/null >/dev/null
rm -f "$work/posted.md"
"$script" drift "$dir" || fail "drift after apply exit $?"
grep -q '"drifted": false' "$work/out/drift.json" || { cat "$work/out/drift.json"; fail "drifted"; }
[ ! -e "$work/posted.md" ] || fail "posted although in sync"

echo "== a manifest edit nobody applied: drift exits 2 and posts"
sed 's/^    description: .*/    description: Edited in git, not applied./' "$dir/run.yaml" >"$work/run.yaml"
mv "$work/run.yaml" "$dir/run.yaml"
set +e
"$script" drift "$dir" 2>/dev/null
code=$?
set -e
[ "$code" -eq 2 ] || fail "drift exit $code, want 2"
grep -q '"drifted": true' "$work/out/drift.json" || fail "drift.json does not say drifted"
grep -q "metadata" "$work/posted.md" || fail "the drift report was not posted"

echo "== the pr stage fails (exit 1) on invalid manifests"
printf 'apiVersion: psyche-reconcile/v1\nkind: Run\n' >"$dir/broken.yaml"
if "$script" pr "$dir" >/dev/null 2>&1; then fail "pr stage passed invalid manifests"; fi
echo "PASS"
