#!/bin/sh
# Offline signing against the embedded localnet (docs/offline-signing.md):
# nonce create, plan --out with durable nonces, sign in two processes with
# separate key files (the authority only given to one, the payer to the
# other), submit with no key at all; signing is idempotent and a key that
# signs nothing is refused; a signed plan made stale is refused by submit
# with nothing sent. Usage: offline_signing_test.sh PSYCHE_RECONCILE EXAMPLE_DIR
set -eu
bin=$1
example=$2
. "$(dirname "$0")/example_copy.sh"
fail() { echo "FAIL: $*"; exit 1; }

echo "== create everything online, then change two small things"
"$bin" apply --auto-approve --no-color "$dir" </dev/null >/dev/null 2>&1
sed -i 's/paused: false/paused: true/' "$dir/run.yaml"
sed -i 's/active: true/active: false/' "$dir/authorization.yaml"
ops=$("$bin" plan -o json "$dir" 2>/dev/null | grep -c '"depends_on"')
[ "$ops" -ge 1 ] || fail "no operations planned"

echo "== nonce create --count $ops"
nonces=$("$bin" nonce create --count "$ops" "$dir" 2>"$work/err.txt") || { cat "$work/err.txt"; fail "nonce create"; }
echo "$nonces" | grep -q '^[1-9A-HJ-NP-Za-km-z,]*$' || fail "nonce create printed '$nonces'"

echo "== plan --out with durable nonces"
"$bin" plan --no-color --out "$work/plan.json" --nonce-account "$nonces" \
  --nonce-authority "file:$dir/keys/payer.json" "$dir" >/dev/null
grep -q '"nonces": \[$' "$work/plan.json" || fail "no nonces in the plan file"
# Keys live elsewhere from now on: one file per signer, none beside the manifests.
mkdir -p "$work/reviewer" "$work/operator"
mv "$dir/keys/owner.json" "$work/reviewer/authority.json"
mv "$dir/keys/payer.json" "$work/operator/payer.json"

echo "== sign: authority (reviewer machine), then payer (operator machine)"
"$bin" sign "$work/plan.json" --key "file:$work/reviewer/authority.json" --out "$work/signed.json" >"$work/sign1.txt"
grep -q "still needs" "$work/sign1.txt" || { cat "$work/sign1.txt"; fail "authority alone completed the plan"; }
"$bin" sign "$work/signed.json" --key "file:$work/operator/payer.json" >"$work/sign2.txt"
grep -q "fully signed: ready" "$work/sign2.txt" || { cat "$work/sign2.txt"; fail "not fully signed"; }
cp "$work/signed.json" "$work/signed-again.json"
"$bin" sign "$work/signed-again.json" --key "file:$work/operator/payer.json" >/dev/null
cmp -s "$work/signed.json" "$work/signed-again.json" || fail "signing twice changed the file"
grep -qF "$(head -c 40 "$work/reviewer/authority.json")" "$work/signed.json" && fail "key bytes in the plan file"
cp "$example/../private-run/keys/join-authority.json" "$work/stranger.json"
chmod 600 "$work/stranger.json"
if "$bin" sign "$work/signed-again.json" --key "file:$work/stranger.json" >/dev/null 2>"$work/err.txt"; then
  fail "a key that signs nothing was accepted"
fi
grep -q "signs no transaction" "$work/err.txt" || { cat "$work/err.txt"; fail "no clear error"; }

echo "== explain the signed plan, and garbage"
"$bin" explain "$work/signed.json" >"$work/explain.txt"
grep -q "System Program: AdvanceNonceAccount" "$work/explain.txt" || { cat "$work/explain.txt"; fail "explain: no nonce advance"; }
grep -q "Psyche Coordinator: set_paused" "$work/explain.txt" || fail "explain: no set_paused"
grep -q "paused = true" "$work/explain.txt" || fail "explain: no decoded argument"
grep -q "not signed" "$work/explain.txt" && fail "explain: a signature is missing"
if "$bin" explain "AAAA%%%garbage" >/dev/null 2>"$work/err.txt"; then fail "explain accepted garbage"; fi
grep -q "^error: not base64" "$work/err.txt" || { cat "$work/err.txt"; fail "explain: unclear error"; }

echo "== submit (no key files reachable)"
"$bin" submit "$work/signed.json" >"$work/submit.txt" 2>"$work/err.txt" || { cat "$work/submit.txt" "$work/err.txt"; fail "submit"; }
grep -q "confirmed" "$work/submit.txt" || fail "nothing confirmed"
echo "== submit again: the journal says confirmed, nothing sent twice"
"$bin" submit "$work/signed.json" >"$work/submit2.txt" 2>"$work/err2.txt" || { cat "$work/submit2.txt" "$work/err2.txt"; fail "second submit"; }
grep -q "sending" "$work/err2.txt" && fail "second submit sent again"
grep -q "already-confirmed" "$work/submit2.txt" || { cat "$work/submit2.txt"; fail "not already-confirmed"; }

mv "$work/reviewer/authority.json" "$dir/keys/owner.json"
mv "$work/operator/payer.json" "$dir/keys/payer.json"
set +e
"$bin" plan --detailed-exitcode --no-color "$dir" >"$work/after.txt" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/after.txt"; fail "plan after submit exit $code"; }

echo "== a signed plan made stale is refused by submit, nothing sent"
sed -i 's/paused: true/paused: false/' "$dir/run.yaml"
sed -i 's/active: false/active: true/' "$dir/authorization.yaml"
ops=$("$bin" plan -o json "$dir" 2>/dev/null | grep -c '"depends_on"')
nonces=$("$bin" nonce create --count "$ops" "$dir" 2>/dev/null)
"$bin" plan --no-color --out "$work/plan2.json" --nonce-account "$nonces" \
  --nonce-authority "file:$dir/keys/payer.json" "$dir" >/dev/null
"$bin" sign "$work/plan2.json" --key "file:$dir/keys/owner.json" --key "file:$dir/keys/payer.json" >/dev/null
"$bin" apply --auto-approve --no-color "$dir" </dev/null >/dev/null 2>&1
if "$bin" submit "$work/plan2.json" >"$work/out.txt" 2>"$work/err.txt"; then fail "stale plan submitted"; fi
grep -q "plan is stale" "$work/err.txt" || { cat "$work/err.txt"; fail "no stale message"; }
grep -q "run plan again" "$work/err.txt" || fail "no advice"
grep -q "sending" "$work/err.txt" && fail "something was sent"

echo "== a plan missing a signature is refused by submit"
if "$bin" submit "$work/plan.json" >/dev/null 2>"$work/err.txt"; then fail "unsigned plan submitted"; fi
grep -q "lacks the signature of" "$work/err.txt" || { cat "$work/err.txt"; fail "no clear error"; }
echo "PASS"
