#!/bin/sh
# The global flags pipelines use, on a temp copy of one example against the
# embedded localnet: --log-format json makes every stderr line one JSON object
# with level, message and fields; --quiet leaves only errors (and the result on
# stdout); --no-color is accepted by every command that renders a plan.
# Usage: log_flags_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"

check_json_lines() {  # FILE: every line one JSON object with the three keys
  [ -s "$1" ] || { echo "FAIL: $1 is empty"; exit 1; }
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'PY'
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    o = json.loads(line)
    assert isinstance(o, dict), f"line {n} is not an object"
    assert o["level"] in ("info", "warn", "error"), f"line {n}: level {o['level']!r}"
    assert isinstance(o["message"], str) and isinstance(o["fields"], dict), f"line {n}"
PY
  else
    if grep -v '^{"level":"[a-z]*","message":".*","fields":{.*}}$' "$1"; then
      echo "FAIL: lines above are not JSON log records"; exit 1
    fi
  fi
}

echo "== --no-color on every command that renders"
for cmd in plan drift apply; do
  "$bin" "$cmd" --help | grep -q -- "--no-color" || { echo "FAIL: $cmd has no --no-color"; exit 1; }
done

echo "== apply --quiet: no progress or localnet lines on stderr, the result on stdout"
"$bin" apply --auto-approve --no-color --quiet "$dir" </dev/null >"$work/out.txt" 2>"$work/err.txt"
if [ -s "$work/err.txt" ]; then echo "FAIL: stderr not empty with --quiet:"; cat "$work/err.txt"; exit 1; fi
grep -q "Apply complete\|applied\|Applied" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: no result"; exit 1; }

echo "== the same plan without --quiet writes its rpc line on stderr"
"$bin" plan --no-color "$dir" >/dev/null 2>"$work/err.txt"
grep -q "^rpc: " "$work/err.txt" || { cat "$work/err.txt"; echo "FAIL: no rpc line"; exit 1; }

echo "== --log-format json (flag before or after the command)"
"$bin" --log-format json plan --no-color "$dir" >/dev/null 2>"$work/err.json"
cat "$work/err.json"
check_json_lines "$work/err.json"
grep -q '"component":"rpc"' "$work/err.json" || { echo "FAIL: no rpc record"; exit 1; }

echo "== errors are JSON too, with exit 1"
set +e
"$bin" plan --log-format json --no-color "$work/missing" >/dev/null 2>"$work/err.json"
code=$?
set -e
cat "$work/err.json"
[ "$code" -eq 1 ] || { echo "FAIL: exit $code, want 1"; exit 1; }
check_json_lines "$work/err.json"
grep -q '"level":"error"' "$work/err.json" || { echo "FAIL: no error record"; exit 1; }

echo "== apply progress as JSON records on a fresh ledger"
"$bin" apply --auto-approve --no-color --log-format json --state-dir "$work/fresh" "$dir" \
  </dev/null >/dev/null 2>"$work/apply.json"
cat "$work/apply.json"
check_json_lines "$work/apply.json"
grep -q '"component":"apply"' "$work/apply.json" || { echo "FAIL: no progress record"; exit 1; }

echo "== an unknown --log-format is refused"
if "$bin" plan --log-format yaml "$dir" >/dev/null 2>&1; then echo "FAIL: yaml accepted"; exit 1; fi
echo "== a usage error exits 1 (pipelines read 0/1/2), --help exits 0"
set +e
"$bin" plan --no-such-flag "$dir" >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { echo "FAIL: usage error exit $code, want 1"; exit 1; }
"$bin" --help >/dev/null
echo "PASS"
