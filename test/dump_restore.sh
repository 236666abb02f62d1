#!/usr/bin/env bash
# dump_restore.sh: profiles, the audit log and the findings store survive
# pg_dump and restore (they are extension configuration tables).
#
# Runs against the cluster in PGHOST/PGPORT (scripts/test.sh starts one).
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

npass=0 nfail=0
check() { # description got want
	if [ "$2" = "$3" ]; then
		npass=$((npass + 1)); printf 'ok    %s\n' "$1"
	else
		nfail=$((nfail + 1)); printf 'FAIL  %s: got %s, want %s\n' "$1" "$2" "$3"
	fi
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

src=pc_dump_src dst=pc_dump_dst
dropdb --if-exists "$src" 2>/dev/null; dropdb --if-exists "$dst" 2>/dev/null
createdb "$src" && createdb "$dst" || { echo "cannot create databases"; echo "0 passed, 1 failed"; exit 1; }
trap 'dropdb --if-exists "$src" 2>/dev/null; dropdb --if-exists "$dst" 2>/dev/null' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d "$src" >/dev/null <<'SQL' || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
CREATE EXTENSION profcheck;
\i test/fixtures/fixtures.sql
CREATE TABLE certificate (id bigserial PRIMARY KEY, der bytea NOT NULL);
INSERT INTO certificate (der) SELECT der FROM fixture WHERE name LIKE 'incident%' OR name LIKE 'good_dv%' ORDER BY name;
SELECT profcheck.define_profile('Cisco VPN', '{"validity_max_days": 730, "effective_from": "2020-01-01"}', 'v1');
SELECT profcheck.define_profile('Cisco VPN', '{"validity_max_days": 397, "effective_from": "2020-11-06"}', 'v2');
CREATE TABLE issued (id bigserial PRIMARY KEY, der bytea);
CREATE TRIGGER issued_audit BEFORE INSERT ON issued
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'audit', 'Cisco VPN');
INSERT INTO issued (der) SELECT der FROM fixture WHERE name = 'incident_vpn_1';
CALL profcheck.scan('certificate', 'der', 'id');
SQL

pg_dump -d "$src" | psql -X -q -v ON_ERROR_STOP=1 -d "$dst" >/dev/null 2>"${TMPDIR:-/tmp}/pc_restore.err" ||
	{ cat "${TMPDIR:-/tmp}/pc_restore.err"; check "restore succeeds" failed ok; }

for t in profile audit_log finding scan_state; do
	a=$(q "$src" "SELECT count(*) || ':' || md5(string_agg(x::text, '|' ORDER BY x::text)) FROM profcheck.$t x")
	b=$(q "$dst" "SELECT count(*) || ':' || md5(string_agg(x::text, '|' ORDER BY x::text)) FROM profcheck.$t x")
	check "profcheck.$t restored intact (${a%%:*} rows)" "$b" "$a"
done
check "profile versions kept" "$(q "$dst" "SELECT string_agg(version::text, ',' ORDER BY version) FROM profcheck.profile")" "1,2"
check "restored profile still append-only" \
	"$(psql -X -q -At -d "$dst" -c "UPDATE profcheck.profile SET note = 'x'" 2>&1 | grep -c 'append-only')" 1
check "restored scan resumes with nothing to do" \
	"$(psql -X -q -At -d "$dst" -c "CALL profcheck.scan('certificate', 'der', 'id')" 2>&1 | grep -c 'linted 0 rows')" 1
check "lint with the restored profile" \
	"$(q "$dst" "SELECT count(*) FROM certificate c, LATERAL profcheck.lint(c.der, 'Cisco VPN') l WHERE l.source LIKE 'profile:%'")" \
	"$(q "$src" "SELECT count(*) FROM certificate c, LATERAL profcheck.lint(c.der, 'Cisco VPN') l WHERE l.source LIKE 'profile:%'")"

echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
