#!/bin/sh
# The pipeline of docs/gitops.md for any CI system, one stage per call:
#   gitops-ci.sh pr    DIR   validate, plan (Markdown for review + saved plan.json)
#   gitops-ci.sh apply DIR   apply the saved plan.json, then check nothing is left
#   gitops-ci.sh drift DIR   the drift report; exit 2 (and post) when the chain drifted
# Environment:
#   PSYCHE_RECONCILE  the binary (default: psyche-reconcile on PATH)
#   GITOPS_OUT        where plan.md, plan.json, drift.json and *.jsonl logs go (default ./gitops-out);
#                     keep it between the pr and apply stages (a CI artifact)
#   GITOPS_POST       a command run with a Markdown file as its only argument: pr posts the plan
#                     (a PR/MR comment), drift the drift report (an alert); default: none
#   GITOPS_STATE_DIR  --state-dir for `rpcUrl: local` (tests, demos)
# Exit codes: pr 0 (with or without changes), apply 0, drift 0 in sync / 2 drift; 1 on any error.
set -eu
bin=${PSYCHE_RECONCILE:-psyche-reconcile}
out=${GITOPS_OUT:-gitops-out}
post=${GITOPS_POST:-}
stage=${1:?usage: gitops-ci.sh pr|apply|drift DIR}
dir=${2:?usage: gitops-ci.sh pr|apply|drift DIR}
export NO_COLOR=1
mkdir -p "$out"
set --
[ -n "${GITOPS_STATE_DIR:-}" ] && set -- --state-dir "$GITOPS_STATE_DIR"

run() {  # run CMD...: its exit code in $code, never stopping the script
  set +e
  "$@"
  code=$?
  set -e
}

case $stage in
  pr)
    "$bin" validate --quiet "$dir" >/dev/null
    run "$bin" plan --detailed-exitcode --no-color --log-format json -o markdown \
      --out "$out/plan.json" "$@" "$dir" >"$out/plan.md" 2>"$out/plan-log.jsonl"
    cat "$out/plan-log.jsonl" >&2
    case $code in
      0) echo "pr: no changes" ;;
      2) echo "pr: changes planned; they are applied on merge" ;;
      *) echo "pr: plan failed (exit $code)" >&2; exit 1 ;;
    esac
    [ -z "$post" ] || $post "$out/plan.md"
    ;;
  apply)
    [ -f "$out/plan.json" ] || { echo "apply: no $out/plan.json (run the pr stage)" >&2; exit 1; }
    run "$bin" apply --auto-approve --no-color --log-format json "$@" "$out/plan.json" \
      2>"$out/apply-log.jsonl"
    cat "$out/apply-log.jsonl" >&2
    [ "$code" -eq 0 ] || { echo "apply: failed or stale plan (exit $code)" >&2; exit 1; }
    run "$bin" plan --detailed-exitcode --no-color --quiet "$@" "$dir" >/dev/null
    [ "$code" -eq 0 ] || { echo "apply: changes remain after apply (exit $code)" >&2; exit 1; }
    echo "apply: done, no changes left"
    ;;
  drift)
    run "$bin" drift --quiet -o json "$@" "$dir" >"$out/drift.json"
    case $code in
      0) echo "drift: in sync" ;;
      2)
        echo "drift: the chain differs from the manifests" >&2
        "$bin" drift --quiet -o markdown "$@" "$dir" >"$out/drift.md" || true
        [ -z "$post" ] || $post "$out/drift.md"
        exit 2 ;;
      *) echo "drift: failed (exit $code)" >&2; exit 1 ;;
    esac
    ;;
  *) echo "unknown stage $stage: pr, apply or drift" >&2; exit 1 ;;
esac
