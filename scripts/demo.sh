#!/usr/bin/env bash
# The README flow end to end on the embedded localnet: for each example that
# works locally, on a temp copy: validate, plan, apply --auto-approve, then
# plan --detailed-exitcode (exit 0: "No changes"). Runs scripts/setup.sh first
# (dependencies + build) unless PSYCHE_RECONCILE names an already built binary.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PSYCHE_RECONCILE:-}" ]; then
  echo "=== setup: dependencies and build (scripts/setup.sh)"
  bash scripts/setup.sh
fi
bin=${PSYCHE_RECONCILE:-build/reconciler/cli/psyche-reconcile}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# treasurer-run's collateral mint (and the payer's tokens) are seeded into the
# fresh local ledger from examples/treasurer-run/local-accounts/.
for example in public-run private-run treasurer-run; do
  dir="$work/$example"
  cp -R "examples/$example" "$dir"
  chmod 600 "$dir"/keys/*.json
  echo
  echo "=== $example (temp copy in $dir)"
  echo "--- psyche-reconcile validate $dir"
  "$bin" validate "$dir"
  echo "--- psyche-reconcile plan $dir"
  "$bin" plan --no-color "$dir"
  echo "--- psyche-reconcile apply --auto-approve $dir"
  "$bin" apply --auto-approve --no-color "$dir"
  echo "--- psyche-reconcile plan --detailed-exitcode $dir"
  "$bin" plan --detailed-exitcode --no-color "$dir"
  echo "exit code 0: the chain matches the manifests"
done
