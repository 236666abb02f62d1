#!/usr/bin/env bash
# cli.sh: tests of the command-line linter build/profcheck-lint on the fixtures.
#
#   bash test/cli.sh          (builds the CLI with 'make cli' when missing)
#
# Every fixture listed in a MANIFEST.tsv under test/fixtures (the main set and
# each rule family's) must report exactly the rules of its 'fires' column among
# the rules that manifest names (a rule of another family that also fires on
# the fixture is not a failure here; its own fixtures test it), exit 1 exactly
# when some finding is an error (or fatal), and the main set's good_*
# certificates must have no finding at error or above.  Then: JSON output,
# multi-block PEM, --at, --threshold, --weak-keys, garbage input, usage errors.
# Ends with "N passed, N failed"; exits 1 when anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

LINT=${PROFCHECK_LINT:-build/profcheck-lint}
FIX=test/fixtures
if [ ! -x "$LINT" ]; then
	make -s cli >/dev/null || { echo "cannot build $LINT"; echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -f "$FIX/MANIFEST.tsv" ]; then
	echo "no $FIX/MANIFEST.tsv"
	echo "0 passed, 1 failed"
	exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/profcheck-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

npass=0 nfail=0
pass() { npass=$((npass + 1)); printf 'ok    %s\n' "$1"; }
fail() { nfail=$((nfail + 1)); printf 'FAIL  %s\n' "$1"; shift; [ $# -gt 0 ] && printf '      %s\n' "$@"; }

# Run the linter: sets out (stdout+stderr) and rc.
run() { out=$("$LINT" "$@" 2>&1); rc=$?; }
run_stdin() { local in=$1; shift; out=$("$LINT" "$@" <"$in" 2>&1); rc=$?; }

# Rule names reported in text output, sorted, comma-separated.
reported() { sed -nE 's/^  [a-z]+ +([a-z0-9_]+): .*/\1/p' <<<"$out" | sort -u | paste -sd, -; }

# A crash is an exit status above 2 (128+signal, or a sanitizer's own code).
no_crash() { [ "$rc" -le 2 ]; }

# Severity of each rule, from the catalogue.
declare -A SEV
while IFS=$'\t' read -r name sev _; do
	SEV[$name]=$sev
done < <("$LINT" --rules)

fixture_file() { # dir name
	if [ -f "$1/$2.pem" ]; then echo "$1/$2.pem"
	elif [ -f "$1/$2.der" ]; then echo "$1/$2.der"
	fi
}

# ---------------------------------------------------------------- each fixture

check_manifest() { # directory holding MANIFEST.tsv
	local dir=$1 name fires f want got worst want_rc r
	# The rules this manifest names: the ones whose firing its fixtures pin down.
	local -A KNOWN=()
	while IFS= read -r r; do
		KNOWN[$r]=1
	done < <(awk -F'\t' 'NR > 1 && $2 != "-" { print $2 }' "$dir/MANIFEST.tsv" |
			tr , '\n' | sed '/^$/d' | sort -u)
	while IFS=$'\t' read -r name fires _; do
		[ "$name" = name ] && continue
		f=$(fixture_file "$dir" "$name")
		[ -n "$f" ] || continue            # SQL-only fixtures (e.g. the empty input)
		[ "$fires" = - ] && fires=
		want=$(tr , '\n' <<<"$fires" | sed '/^$/d' | sort -u | paste -sd, -)
		for r in ${fires//,/ }; do
			[ -n "${SEV[$r]:-}" ] || fail "$name: manifest names unknown rule $r"
		done
		run "$f"
		got=$(for r in ${out:+$(reported | tr , ' ')}; do [ -n "${KNOWN[$r]:-}" ] && echo "$r"; done |
			sort -u | paste -sd, -)
		worst=$(sed -nE 's/^  (error|fatal) .*/x/p' <<<"$out" | head -n 1)
		want_rc=0
		[ -n "$worst" ] && want_rc=1
		if ! no_crash; then
			fail "$f: crashed (exit $rc)" "$out"
		elif [ "$got" != "$want" ]; then
			fail "$f: rules differ" "want: ${want:-none}" "got:  ${got:-none}" "$out"
		elif [ "$rc" != "$want_rc" ]; then
			fail "$f: exit $rc, want $want_rc" "$out"
		elif [ "$dir" = "$FIX" ] && [[ $name == good_* ]] && [ -n "$worst" ]; then
			fail "$f: a good certificate has an error finding" "$out"
		else
			pass "$f: ${want:-clean}, exit $rc"
		fi
	done <"$dir/MANIFEST.tsv"
}

while IFS= read -r m; do
	check_manifest "$(dirname "$m")"
done < <(find "$FIX" -name MANIFEST.tsv | sort)

# ---------------------------------------------------------------- threshold

run --threshold warn "$FIX/bad_validity_398_days_2021.pem"
[ "$rc" = 1 ] && pass "--threshold warn: a warning-only fixture exits 1" ||
	fail "--threshold warn: exit $rc, want 1" "$out"
run --threshold fatal "$FIX/bad_validity_399_days_2021.pem"
[ "$rc" = 0 ] && pass "--threshold fatal: an error-level fixture exits 0" ||
	fail "--threshold fatal: exit $rc, want 0" "$out"
run --threshold fatal "$FIX/malformed_truncated.der"
[ "$rc" = 1 ] && pass "--threshold fatal: unparseable input exits 1" ||
	fail "--threshold fatal on garbage: exit $rc, want 1" "$out"

# ---------------------------------------------------------------- JSON

"$LINT" --format json "$FIX/good_dv_2021.pem" "$FIX/incident_vpn_1.pem" "$FIX/malformed_random.der" \
	>"$TMP/out.json" 2>"$TMP/err"
rc=$?
if [ "$rc" = 1 ] && python3 -m json.tool "$TMP/out.json" >/dev/null 2>"$TMP/json.err"; then
	pass "JSON output parses (python3 -m json.tool), exit 1"
else
	fail "JSON output: exit $rc or does not parse" "$(cat "$TMP/json.err" "$TMP/err" 2>/dev/null)"
fi
check=$(python3 - "$TMP/out.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
# the error findings (warnings and notices are other families' business)
want = [("#1", set()),
        ("#1", {"e_sub_cert_valid_time_longer_than_398_days",
                "e_tls_server_cert_valid_time_longer_than_398_days"}),
        ("malformed_random.der", {"f_certificate_unparseable"})]
problems = []
if len(doc) != 3:
    problems.append("%d entries, want 3" % len(doc))
for entry, (suffix, rules) in zip(doc, want):
    got = {f["rule"] for f in entry["findings"] if f["severity"] in ("error", "fatal")}
    if not entry["input"].endswith(suffix) or got != rules:
        problems.append("%s: %s" % (entry["input"], sorted(got)))
    for f in entry["findings"]:
        if set(f) != {"rule", "severity", "source", "citation", "detail"}:
            problems.append("keys %s" % sorted(f))
        if f["severity"] not in ("info", "notice", "warn", "error", "fatal"):
            problems.append("severity %r" % f["severity"])
print("; ".join(problems))
EOF
)
[ -z "$check" ] && pass "JSON: one entry per input, the expected rules, five keys per finding" ||
	fail "JSON content" "$check"

detail=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[2]["findings"][0]["detail"])' "$TMP/out.json" 2>&1)
grep -q 'offset [0-9]' <<<"$detail" && pass "JSON: unparseable input names a byte offset ($detail)" ||
	fail "JSON: fatal detail has no offset" "$detail"

"$LINT" --rules --format json >"$TMP/rules.json" 2>&1
nrules=$("$LINT" --rules | wc -l)
njson=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/rules.json" 2>&1)
[ "$njson" = "$nrules" ] && [ "$nrules" -gt 1 ] && pass "--rules --format json parses: $njson rules, as many as --rules lines" ||
	fail "--rules JSON: $njson entries vs $nrules lines"

# ---------------------------------------------------------------- multi-block PEM

{
	echo "A bundle as a CA keeps it: chain first, with text between blocks."
	cat "$FIX/good_tls_ca.pem"
	echo "subject=CN = something"
	cat "$FIX/incident_ivcp_precert_1.pem" "$FIX/good_dv_2021.pem"
} >"$TMP/bundle.pem"
run "$TMP/bundle.pem"
blocks=$(grep -cE '^[^ ].*#[0-9]+: [0-9]+ findings?$' <<<"$out")
# errors per block, in order: the CA and the good leaf have none, the precertificate two
errs=$(awk '/^[^ ].*#[0-9]+: [0-9]+ findings?$/ { n++; e[n] = 0 }
	/^  error / { e[n]++ }
	END { for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? " " : ""), e[i] }' <<<"$out")
if [ "$blocks" = 3 ] && [ "$errs" = "0 2 0" ] && [ "$rc" = 1 ]; then
	pass "multi-block PEM: 3 blocks linted separately, exit 1 for the bad middle one"
else
	fail "multi-block PEM: $blocks blocks, errors per block $errs, exit $rc" "$out"
fi
run_stdin "$TMP/bundle.pem" --format json
n=$(python3 -c 'import json,sys; print(len(json.loads(sys.stdin.read())))' <<<"$out" 2>&1)
[ "$n" = 3 ] && pass "multi-block PEM on stdin, JSON: 3 entries" || fail "multi-block PEM JSON on stdin: $n" "$out"

# ---------------------------------------------------------------- --at

run "$FIX/bad_validity_399_days_2021.pem"
grep -q e_sub_cert_valid_time_longer_than_398_days <<<"$out" && [ "$rc" = 1 ] &&
	pass "399-day 2021 certificate at its notBefore: 398-day rule fires" ||
	fail "399-day certificate at notBefore" "$out"
run --at 2019-01-01 "$FIX/bad_validity_399_days_2021.pem"
if [ "$rc" = 0 ] && ! grep -qE '_398_days|_397_days' <<<"$out"; then
	pass "--at 2019-01-01: the 398/397-day rules are not yet in force, exit 0"
else
	fail "--at 2019-01-01 still applies the 398-day rules (exit $rc)" "$out"
fi
run --at 2026-06-01T00:00:00Z "$FIX/bad_validity_399_days_2021.pem"
if grep -q e_server_cert_valid_time_longer_than_200_days <<<"$out" &&
	! grep -q e_sub_cert_valid_time_longer_than_398_days <<<"$out"; then
	pass "--at 2026-06-01: the 200-day rule replaces the BR 398-day rule"
else
	fail "--at 2026-06-01" "$out"
fi
run --at 2019-01-01 "$FIX/bad_validity_826_days_2019.pem"
grep -q e_sub_cert_valid_time_longer_than_825_days <<<"$out" &&
	pass "--at 2019-01-01: the 825-day rule is in force" || fail "--at 2019-01-01 on the 826-day fixture" "$out"
run --at yesterday "$FIX/good_dv_2021.pem"
[ "$rc" = 2 ] && pass "--at with an invalid date: usage error, exit 2" || fail "--at yesterday: exit $rc, want 2" "$out"

# ---------------------------------------------------------------- garbage

garbage_case() { # label file
	run "$2"
	if ! no_crash; then
		fail "$1: crashed (exit $rc)" "$out"
	elif [ "$rc" = 1 ] && grep -q 'fatal  f_certificate_unparseable' <<<"$out" &&
		[ "$(grep -c '^  ' <<<"$out")" = 1 ]; then
		pass "$1: one fatal finding, exit 1"
	else
		fail "$1: want one fatal finding and exit 1, got exit $rc" "$out"
	fi
}
for f in "$FIX"/malformed_*.der; do
	garbage_case "garbage $(basename "$f")" "$f"
done
: >"$TMP/empty"
garbage_case "garbage: empty file" "$TMP/empty"
echo "hello, this is not a certificate" >"$TMP/text"
garbage_case "garbage: plain text" "$TMP/text"
python3 -c '
import random, sys
r = random.Random(20240101)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(4096)))' >"$TMP/random"
garbage_case "garbage: 4 KiB of random bytes" "$TMP/random"
head -c 700 "$FIX/good_dv_2021.pem" >"$TMP/cut.pem"
echo "-----END CERTIFICATE-----" >>"$TMP/cut.pem"
garbage_case "garbage: PEM block cut short" "$TMP/cut.pem"

# Every prefix of a good DER certificate: never a crash, always exactly one fatal finding.
python3 - "$FIX/tbs_dv_2021.der" "$TMP/prefix" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
for i, n in enumerate(range(0, len(data), 37)):
    open("%s.%04d" % (sys.argv[2], i), "wb").write(data[:n])
EOF
bad=0 nprefix=0
for f in "$TMP"/prefix.*; do
	nprefix=$((nprefix + 1))
	out=$("$LINT" "$f" 2>&1)
	rc=$?
	if ! no_crash || [ "$rc" != 1 ] || ! grep -q f_certificate_unparseable <<<"$out"; then
		bad=$((bad + 1))
		[ "$bad" -le 3 ] && printf '      %s: exit %s: %s\n' "$f" "$rc" "$out"
	fi
done
[ "$bad" = 0 ] && pass "truncated TBSCertificate: $nprefix prefixes, each one fatal finding, no crash" ||
	fail "truncated TBSCertificate: $bad of $nprefix prefixes misbehaved"

# ---------------------------------------------------------------- weak keys

# e_debian_weak_key with --weak-keys: a list in openssl-blacklist format made
# here from a fixture's modulus exactly as openssl-vulnkey(1) says (the last 20
# hex digits of the SHA-1 of openssl's "Modulus=..." line), so the fingerprint
# is computed independently of profcheck.
WK_CERT=$FIX/br_profile/good_tls_2025.pem
WK_2023=$FIX/br_profile/bad_aia_no_ocsp_2023.pem    # the same key, issued before 2024-11-15
wk_fp=$(openssl x509 -noout -modulus -in "$WK_CERT" | sha1sum | cut -c21-40)
mkdir -p "$TMP/wk"
printf '# test list\n00005890bc78bcbee3ca\n%s\n' "$wk_fp" >"$TMP/wk/blacklist.RSA-2048"
printf '# test list without the key\n00005890bc78bcbee3ca\n0000d80c186767f2473a\n' >"$TMP/wk/other.RSA-2048"
cp "$TMP/wk/blacklist.RSA-2048" "$TMP/wk/list.txt"
wk_fires() { grep -qE "^  error +e_debian_weak_key: .*$wk_fp" <<<"$out"; }

run "$WK_CERT"
[ "$rc" = 0 ] && ! grep -q e_debian_weak_key <<<"$out" && pass "weak keys: no list, quiet (exit 0)" ||
	fail "weak keys: no list: exit $rc" "$out"
run --weak-keys "$TMP/wk/blacklist.RSA-2048" "$WK_CERT"
[ "$rc" = 1 ] && wk_fires && pass "weak keys: listed key fires e_debian_weak_key (size from the name RSA-2048)" ||
	fail "weak keys: listed key: exit $rc" "$out"
run --weak-keys "2048:$TMP/wk/list.txt" "$WK_CERT"
[ "$rc" = 1 ] && wk_fires && pass "weak keys: 2048:FILE form fires" || fail "weak keys: 2048:FILE: exit $rc" "$out"
run --weak-keys "$TMP/wk/other.RSA-2048" "$WK_CERT"
[ "$rc" = 0 ] && ! grep -q e_debian_weak_key <<<"$out" && pass "weak keys: list without the key, quiet" ||
	fail "weak keys: list without the key: exit $rc" "$out"
run --weak-keys "4096:$TMP/wk/list.txt" "$WK_CERT"
[ "$rc" = 0 ] && ! grep -q e_debian_weak_key <<<"$out" && pass "weak keys: key listed under another size, quiet" ||
	fail "weak keys: other size: exit $rc" "$out"
run --weak-keys "$TMP/wk/other.RSA-2048" --weak-keys "$TMP/wk/blacklist.RSA-2048" "$WK_CERT"
[ "$rc" = 1 ] && wk_fires && pass "weak keys: --weak-keys repeated, the second list counts" ||
	fail "weak keys: repeated: exit $rc" "$out"
run --weak-keys "$TMP/wk/blacklist.RSA-2048" "$WK_2023"
! grep -q e_debian_weak_key <<<"$out" && pass "weak keys: same key issued in 2023 (before the rule), quiet" ||
	fail "weak keys: 2023 certificate" "$out"
run --weak-keys "$TMP/wk/blacklist.RSA-2048" --at 2025-06-01 "$WK_2023"
wk_fires && pass "weak keys: same key judged at 2025-06-01, fires" || fail "weak keys: 2023 at 2025" "$out"
printf '# bad\n%s\nnot-a-key\n' "$wk_fp" >"$TMP/wk/bad.RSA-2048"
run --weak-keys "$TMP/wk/bad.RSA-2048" "$WK_CERT"
[ "$rc" = 2 ] && grep -q "bad.RSA-2048:3: expected 20 hexadecimal digits" <<<"$out" &&
	pass "weak keys: malformed list, exit 2 naming file and line" || fail "weak keys: malformed list: exit $rc" "$out"
run --weak-keys "$TMP/wk/list.txt" "$WK_CERT"
[ "$rc" = 2 ] && grep -q "cannot tell the key size" <<<"$out" &&
	pass "weak keys: no size in the name and none given, exit 2" || fail "weak keys: no size: exit $rc" "$out"
run --weak-keys "$TMP/wk/missing.RSA-2048" "$WK_CERT"
[ "$rc" = 2 ] && grep -q "missing.RSA-2048" <<<"$out" && pass "weak keys: missing list, exit 2" ||
	fail "weak keys: missing list: exit $rc" "$out"
run --help
grep -q -- "--weak-keys" <<<"$out" && pass "weak keys: --help documents --weak-keys" || fail "weak keys: --help" "$out"

# ---------------------------------------------------------------- usage

run --no-such-option
[ "$rc" = 2 ] && pass "unknown option: exit 2" || fail "unknown option: exit $rc, want 2" "$out"
run "$TMP/does-not-exist.pem"
[ "$rc" = 2 ] && grep -q 'does-not-exist' <<<"$out" && pass "missing file: exit 2 naming the file" ||
	fail "missing file: exit $rc" "$out"
run_stdin "$FIX/tbs_dv_2021.der" -
[ "$rc" = 0 ] && grep -q '^-: [0-9]* findings\?$' <<<"$out" && ! grep -qE '^  (error|fatal) ' <<<"$out" &&
	pass "DER TBSCertificate on stdin: decoded, no error" ||
	fail "DER TBSCertificate on stdin: exit $rc" "$out"

echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
