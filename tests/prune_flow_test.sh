#!/bin/sh
# --prune, --max-destroy and the Cluster policy through the CLI, on a temp
# copy of examples/private-run against the embedded localnet: a grantee
# dropped from the manifest is reported, planned for deactivation with
# --prune, refused by --max-destroy and by a policy (nothing sent), then
# closed with --prune=close.
# Usage: prune_flow_test.sh PSYCHE_RECONCILE EXAMPLE_DIR (examples/private-run)
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"
dropped=J7XBKVk2F4qURwBKTbraQyvaZXs7g8JzKj8spnyAsu6e

# expect_exit CODE CMD...: runs CMD (stdout in $work/out, stderr in $work/err).
expect_exit() {
  want=$1
  shift
  set +e
  "$@" >"$work/out" 2>"$work/err" </dev/null
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then
    echo "FAIL: $* exited $code, want $want"
    cat "$work/out" "$work/err"
    exit 1
  fi
}
expect_in() {
  grep -q -- "$1" "$work/$2" || { echo "FAIL: '$1' not in $2"; cat "$work/out" "$work/err"; exit 1; }
}

echo "== apply, then drop one grantee from the manifest"
expect_exit 0 "$bin" apply --auto-approve --no-color "$dir"
sed -i "/$dropped/d" "$dir/authorization.yaml"

echo "== plan: reported as not managed, nothing planned"
expect_exit 0 "$bin" plan --detailed-exitcode --no-color "$dir"
expect_in "authorization.unmanaged\[$dropped\]  (read only, not managed)" out

echo "== plan --prune: one delete"
expect_exit 2 "$bin" plan --detailed-exitcode --no-color --prune "$dir"
expect_in "1 to destroy" out
expect_in "authorization_grantor_update(inactive)" out

echo "== apply --prune --max-destroy 0 is refused and sends nothing"
expect_exit 1 "$bin" apply --auto-approve --no-color --prune --max-destroy 0 "$dir"
expect_in "max-destroy 0: the plan would delete 1" err
expect_exit 2 "$bin" plan --detailed-exitcode --no-color --prune "$dir"
expect_in "- active: true" out

echo "== a policy violation refuses plan and apply"
cp "$dir/cluster.yaml" "$work/cluster.yaml"
printf '  policy:\n    allowedGrantors: [11111111111111111111111111111111]\n' >>"$dir/cluster.yaml"
expect_exit 1 "$bin" plan --no-color "$dir"
expect_in "policy.allowedGrantors: authorization.private-demo-joiners grantor" err
expect_exit 1 "$bin" apply --auto-approve --no-color --prune=close "$dir"
expect_in "policy.allowedGrantors" err
cp "$work/cluster.yaml" "$dir/cluster.yaml"
expect_exit 2 "$bin" plan --detailed-exitcode --no-color --prune "$dir"

echo "== apply --prune=close, then the plan has no changes and nothing unmanaged"
expect_exit 0 "$bin" apply --auto-approve --no-color --prune=close "$dir"
expect_in "1 applied" out
expect_exit 0 "$bin" plan --detailed-exitcode --no-color --prune=close "$dir"
expect_in "No changes" out
if grep -q "unmanaged" "$work/out"; then echo "FAIL: still on chain"; cat "$work/out"; exit 1; fi

echo "== a run whose manifest is removed: reported, then closed by apply --prune"
# Its authority's key is referenced only by managedAuthorities, so apply must
# load the signer from there.
fixtures=$(dirname "$0")/fixtures/keys
cp "$fixtures/prune-admin.json" "$dir/keys/admin.json"
chmod 600 "$dir/keys/admin.json"
printf '  managedAuthorities:\n    - file:keys/admin.json\n' >>"$dir/cluster.yaml"
cat >"$dir/extra.yaml" <<'YAML'
apiVersion: psyche-reconcile/v1
kind: Run
metadata:
  name: extra
spec:
  runId: extra-run
  authority: file:keys/admin.json
  clientVersion: latest
YAML
expect_exit 0 "$bin" apply --auto-approve --no-color "$dir"
rm "$dir/extra.yaml"
expect_exit 0 "$bin" plan --detailed-exitcode --no-color "$dir"
expect_in "run.unmanaged\[extra-run\]  (read only, not managed)" out
expect_exit 0 "$bin" apply --auto-approve --no-color --prune "$dir"
expect_in "run.unmanaged\[extra-run\]:free: applied" out
expect_exit 0 "$bin" plan --detailed-exitcode --no-color --prune "$dir"
if grep -q "extra-run" "$work/out"; then echo "FAIL: run still on chain"; cat "$work/out"; exit 1; fi
echo "PASS"
