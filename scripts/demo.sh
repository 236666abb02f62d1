#!/usr/bin/env bash
# demo.sh: profcheck in five minutes, on a throwaway PostgreSQL cluster.
#
#   bash scripts/demo.sh           run the demo, then stop and remove the cluster
#   bash scripts/demo.sh --keep    leave the cluster running and print how to connect
#
# Builds and installs profcheck (scripts/setup.sh), starts a private cluster,
# creates a small sample CA database from the test fixtures and shows:
#   1. a trigger refusing the incident-1 precertificate, with every reason;
#   2. a CHECK constraint refusing the incident-2 VPN certificate;
#   3. a historic scan: findings per rule with first and last issuance;
#   4. the rule catalogue;
#   5. the incident's certificate profile kept as versioned data, and audited;
#   6. the incident summary and CCADB appendix, from a resumable scan;
#   7. an HTML compliance report (and its screenshot, when Chromium is installed).
# Exits non-zero if anything does not behave as shown.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

keep=false
for arg in "$@"; do
	case $arg in
		--keep) keep=true ;;
		-h | --help) sed -n '2,16p' "$0"; exit 0 ;;
		*) echo "usage: bash scripts/demo.sh [--keep]" >&2; exit 2 ;;
	esac
done

FIX=test/fixtures
# Fixtures the demo shows, by name (see test/fixtures/MANIFEST.tsv).
INCIDENT1=incident_ivcp_precert_1
INCIDENT2=incident_vpn_1
GOOD=good_ov_2021

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
heading() {
	printf '\n%s==== %s%s\n' "$bold" "$1" "$plain"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@"
	echo
}

# Run SQL from stdin with the statements echoed.  Errors are shown, not fatal:
# some steps are about statements the database refuses.
show() { psql -X -q -a -v ON_ERROR_STOP=0 2>&1; }
# Run SQL that must succeed, quietly; print the single result.
value() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

failed=0
expect() { # description actual wanted
	if [ "$2" != "$3" ]; then
		echo "demo: UNEXPECTED: $1: got '$2', wanted '$3'" >&2
		failed=1
	fi
}

# ---------------------------------------------------------------- build, cluster

heading "Build and install profcheck" "bash scripts/setup.sh: packages, make, make install, make cli"
bash scripts/setup.sh

# The fixture generator writes these; wait a little if they are still coming.
for i in $(seq 1 60); do
	[ -s "$FIX/fixtures.sql" ] && [ -s "$FIX/MANIFEST.tsv" ] && break
	[ "$i" = 1 ] && echo "waiting for $FIX/fixtures.sql and $FIX/MANIFEST.tsv ..."
	sleep 2
done
if ! [ -s "$FIX/fixtures.sql" ] || ! [ -s "$FIX/MANIFEST.tsv" ]; then
	echo "demo: $FIX/fixtures.sql or $FIX/MANIFEST.tsv is missing" >&2
	exit 1
fi
for name in "$INCIDENT1" "$INCIDENT2" "$GOOD"; do
	if ! cut -f1 "$FIX/MANIFEST.tsv" | grep -qx "$name"; then
		echo "demo: fixture $name is not in $FIX/MANIFEST.tsv" >&2
		exit 1
	fi
done

# shellcheck source=scripts/pgtmp.sh
. scripts/pgtmp.sh
trap pgtmp_stop EXIT
trap 'exit 130' INT TERM HUP
PGTMP_DB=demo
heading "Start a throwaway PostgreSQL cluster" "private unix socket, no TCP; database 'demo'"
pgtmp_start

# ---------------------------------------------------------------- sample CA database

heading "A sample CA database" \
	"Table certificate(id, issuer, der, issued_at, revoked_at), filled from the test fixtures:" \
	"good certificates of every era, the two incidents, a few defects and one corrupted row."
psql -X -q -v ON_ERROR_STOP=1 <<-EOF
	CREATE EXTENSION profcheck;
	\set ECHO none
	\i $FIX/fixtures.sql
	CREATE TABLE certificate (
	    id         bigserial PRIMARY KEY,
	    issuer     text NOT NULL,
	    der        bytea NOT NULL,
	    issued_at  timestamptz,
	    revoked_at timestamptz
	);
	INSERT INTO certificate (issuer, der, issued_at, revoked_at)
	SELECT coalesce(profcheck.issuer(der), '(unreadable)'), der, profcheck.not_before(der),
	       CASE name WHEN 'incident_vpn_1' THEN timestamptz '2020-11-06 08:17:23+00'
	                 WHEN 'incident_vpn_2' THEN timestamptz '2020-11-06 08:16:35+00' END
	  FROM fixture
	 WHERE (name NOT LIKE 'malformed%' AND name NOT LIKE 'tbs%' AND name <> 'incident_ivcp_precert_3')
	    OR name = 'malformed_truncated'
	 ORDER BY profcheck.not_before(der) NULLS LAST, name;
EOF
show <<-'EOF'
	SELECT issuer, count(*) AS certificates, min(issued_at)::date AS first, max(issued_at)::date AS last
	  FROM certificate GROUP BY issuer ORDER BY issuer;
EOF

# ---------------------------------------------------------------- 1. trigger

heading "1. A trigger refuses the incident-1 precertificate" \
	"profcheck.enforce('der') lints every inserted or changed certificate before it is stored." \
	"By default it judges by the rules in force now (what is issued now must meet today's rules);" \
	"the sample certificates were issued in 2019-2021, so this trigger loads them as history with" \
	"'at=notbefore': each is judged by the rules in force at its notBefore." \
	"The IV precertificate of 2019-10-02 has only C and CN in its subject: the error names every" \
	"violated rule, and the DETAIL gives one line per finding (SQLSTATE 23514, check_violation)."
show <<-EOF
	CREATE TABLE issuance (
	    id     bigserial PRIMARY KEY,
	    der    bytea NOT NULL,
	    signed timestamptz NOT NULL DEFAULT now()
	);
	CREATE TRIGGER issuance_lint BEFORE INSERT OR UPDATE ON issuance
	    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore');

	-- The incident-1 precertificate: refused (VERBOSITY verbose shows the SQLSTATE too).
	\set VERBOSITY verbose
	INSERT INTO issuance (der) SELECT der FROM fixture WHERE name = '$INCIDENT1';
	\set VERBOSITY default

	-- A good OV certificate of 2021 (397 days): accepted by the rules of 2021.
	INSERT INTO issuance (der) SELECT der FROM fixture WHERE name = '$GOOD';
	SELECT id, profcheck.subject(der) AS subject FROM issuance;

	-- The default trigger judges at now(): the same certificate issued today breaks
	-- today's validity limit (200 days from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15).
	CREATE TABLE issuance_today (der bytea NOT NULL);
	CREATE TRIGGER issuance_today_lint BEFORE INSERT ON issuance_today
	    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der');
	INSERT INTO issuance_today SELECT der FROM fixture WHERE name = '$GOOD';
EOF
expect "rows in issuance" "$(value "SELECT count(*) FROM issuance")" 1
expect "incident 1 stored" \
	"$(value "SELECT count(*) FROM issuance i JOIN fixture f USING (der) WHERE f.name = '$INCIDENT1'")" 0
expect "the 2021 certificate stored by the default trigger today" \
	"$(value "SELECT count(*) FROM issuance_today")" 0

# ---------------------------------------------------------------- 2. CHECK

heading "2. A CHECK constraint refuses the incident-2 VPN certificate" \
	"CHECK (profcheck.passes(der)) is the one-line alternative to the trigger. The VPN server" \
	"certificate of 2020-11-05 is valid for two years, but from 2020-09-01 the limit is 398 days."
show <<-EOF
	CREATE TABLE vpn_certificate (
	    id  bigserial PRIMARY KEY,
	    der bytea NOT NULL CHECK (profcheck.passes(der))
	);
	\set VERBOSITY terse
	INSERT INTO vpn_certificate (der) SELECT der FROM fixture WHERE name = '$INCIDENT2';
	\set VERBOSITY default

	-- Why: what lint() finds in it.
	SELECT rule, severity, detail
	  FROM fixture f, LATERAL profcheck.lint(f.der)
	 WHERE f.name = '$INCIDENT2'
	 ORDER BY severity DESC, rule;
EOF
expect "rows in vpn_certificate" "$(value "SELECT count(*) FROM vpn_certificate")" 0

# ---------------------------------------------------------------- 3. history

heading "3. What went wrong in the past, per rule" \
	"A scan of everything issued, each certificate judged by the rules in force when it was issued" \
	"(its notBefore). A corrupted row is a fatal finding, not an error that stops the scan."
show <<-'EOF'
	SELECT l.rule, l.severity,
	       count(*)                   AS certificates,
	       count(c.revoked_at)        AS revoked,
	       min(c.issued_at)::date     AS first_issued,
	       max(c.issued_at)::date     AS last_issued
	  FROM certificate c, LATERAL profcheck.lint(c.der) l
	 WHERE l.severity >= 'error'
	 GROUP BY l.rule, l.severity
	 ORDER BY l.severity DESC, certificates DESC, l.rule;

	-- The incident certificates themselves, for the incident report.
	SELECT c.id, profcheck.subject(c.der) AS subject, c.issued_at, c.revoked_at,
	       string_agg(l.rule, ', ' ORDER BY l.rule) AS rules
	  FROM certificate c, LATERAL profcheck.lint(c.der) l
	 WHERE l.severity >= 'error' AND c.issued_at >= '2019-10-01' AND c.issued_at < '2020-12-01'
	 GROUP BY c.id
	 ORDER BY c.issued_at, c.id;
EOF
expect "incident certificates the scan finds" \
	"$(value "SELECT count(DISTINCT c.id) FROM certificate c JOIN fixture f USING (der),
	                 LATERAL profcheck.lint(c.der) l
	           WHERE f.name LIKE 'incident%' AND l.severity >= 'error'")" \
	"$(value "SELECT count(*) FROM fixture WHERE name LIKE 'incident%' AND name <> 'incident_ivcp_precert_3'")"

# ---------------------------------------------------------------- 4. rules

heading "4. The rule catalogue" \
	"profcheck.rules: one row per built-in rule. The validity limits show how rules carry dates:" \
	"each applies to certificates issued inside its window [effective_from, effective_until)."
show <<-'EOF'
	SELECT source, count(*) AS rules FROM profcheck.rules GROUP BY source ORDER BY source;

	SELECT rule, severity, source, effective_from, effective_until
	  FROM profcheck.rules
	 WHERE rule LIKE '%valid_time_longer_than%'
	 ORDER BY effective_from, severity DESC, rule;
EOF

# ---------------------------------------------------------------- 5. profiles

heading "5. The certificate profile as versioned data, audited before issuance" \
	"Incident 2 happened because one component of the Cisco VPN profile sat outside version" \
	"control and still allowed two years after 2020-09-01. Here the profile is rows: v1 is that" \
	"profile; audit_profile() flags it against the rules in force, before anything is issued."
show <<-'EOF'
	SELECT profcheck.define_profile('Cisco VPN', '{
	    "kind": "tls_server", "effective_from": "2020-01-01", "validity_max_days": 730,
	    "key_types": ["rsa2048", "rsa3072"], "eku": {"required": ["serverAuth"]},
	    "policies": {"required": ["2.23.140.1.2.2"]}, "san": {"types": ["dns"], "required": true},
	    "subject": {"required": ["C", "O", "L", "CN"], "allowed": ["ST"]}
	  }', 'as configured in 2019') AS version;

	-- The audit at the first issuance after 2020-09-01: 730 days is over the 398-day limit.
	SELECT rule, severity, detail FROM profcheck.audit_profile('Cisco VPN', '2020-11-05 10:20:06+00');

	-- The fix is a new version, never an edit; history stays as it was.
	SELECT profcheck.define_profile('Cisco VPN', '{
	    "kind": "tls_server", "effective_from": "2020-11-06", "validity_max_days": 397,
	    "key_types": ["rsa2048", "rsa3072"], "eku": {"required": ["serverAuth"]},
	    "policies": {"required": ["2.23.140.1.2.2"]}, "san": {"types": ["dns"], "required": true},
	    "subject": {"required": ["C", "O", "L", "CN"], "allowed": ["ST"]}
	  }', 'incident fix: 397 days') AS version;
	SELECT name, version, definition->>'validity_max_days' AS max_days, note FROM profcheck.profile;
	SELECT count(*) AS audit_errors_v2 FROM profcheck.audit_profile('Cisco VPN', '2020-11-07 00:00:00+00')
	 WHERE severity >= 'error';
	\set VERBOSITY terse
	UPDATE profcheck.profile SET definition = '{}';
	\set VERBOSITY default
EOF
expect "audit of v1 finds the 398-day problem" \
	"$(value "SELECT count(*) > 0 FROM profcheck.audit_profile('Cisco VPN', '2020-11-05 10:20:06+00', 1) WHERE severity >= 'error'")" t

# ---------------------------------------------------------------- 6. incident summary

heading "6. The incident report's summary, from a resumable scan" \
	"profcheck.scan() lints the table in committed batches into a findings store (a re-run lints" \
	"only new rows); incident_summary() answers the report's section 4 per problem, and" \
	"ccadb_appendix() gives the appendix rows in CCADB's column order."
show <<-'EOF'
	CALL profcheck.scan('certificate', 'der', 'id');
	SELECT rule, certificates, first_issued::date, last_issued::date, unrevoked, revoked_late
	  FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at')
	 WHERE rule IN ('e_cab_iv_requires_personal_name', 'e_sub_cert_valid_time_longer_than_398_days');
	SELECT "Certificate SHA-256", "Subject", "Serial (hex)", "Is revoked?", "Revocation date"
	  FROM profcheck.ccadb_appendix('certificate', 'e_sub_cert_valid_time_longer_than_398_days',
	                                'der', 'revoked_at')
	 WHERE "Not before" < '2021-01-01';
EOF
expect "incident 1: two IV precertificates on one day" \
	"$(value "SELECT certificates || ' ' || (first_issued::date = last_issued::date)
	            FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at')
	           WHERE rule = 'e_cab_iv_requires_personal_name'")" "2 true"
expect "incident 2: two VPN certificates over 398 days, revoked within a day" \
	"$(value "SELECT count(*) FROM profcheck.ccadb_appendix('certificate',
	              'e_sub_cert_valid_time_longer_than_398_days', 'der', 'revoked_at') a
	           WHERE a.\"Not before\" < '2021-01-01'
	             AND a.\"Revocation date\" - a.\"Not before\" < interval '1 day'")" 2

# ---------------------------------------------------------------- 7. report

heading "7. A report people read" \
	"scripts/report.py writes one self-contained HTML page (tables and inline SVG charts)."
report=${PROFCHECK_REPORT:-$PWD/build/demo-report.html}
mkdir -p "$(dirname "$report")"
python3 scripts/report.py --table certificate --issued issued_at --revoked revoked_at --out "$report"
if command -v chromium >/dev/null 2>&1; then
	profile_dir=$(mktemp -d)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile_dir" --window-size=1200,1600 \
		--screenshot="${report%.html}.png" "file://$report" >/dev/null 2>&1 &&
		echo "screenshot: ${report%.html}.png"
	rm -rf "$profile_dir"
else
	echo "(install chromium to get a screenshot of the report)"
fi

# ---------------------------------------------------------------- end

if [ "$failed" != 0 ]; then
	echo "demo: something did not behave as shown above" >&2
	exit 1
fi

if $keep; then
	dir=$PGTMP_DIR
	if [ "$(id -u)" = 0 ]; then
		stop="runuser -u postgres -- $(pg_config --bindir)/pg_ctl -D $PGTMP_DATA stop && rm -rf $dir"
	else
		stop="$(pg_config --bindir)/pg_ctl -D $PGTMP_DATA stop && rm -rf $dir"
	fi
	heading "The cluster is still running" \
		"Connect:  psql -h $PGTMP_SOCK -p $PGTMP_PORT -U postgres demo" \
		"Stop:     $stop"
	pgtmp_detach
else
	heading "Done" "Cluster stopped and removed. Run with --keep to explore the demo database yourself."
fi
