# Sourced by the CLI tests: a private temporary copy of the example in
# $example, so tests never touch examples/ or each other's ledgers. Sets $work
# (removed on exit) and $dir (the copy). Key files lose 0600 in git; the copy
# gets it back so the CLI does not warn.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$example" "$work/example"
chmod 600 "$work"/example/keys/*.json 2>/dev/null || true
dir="$work/example"
