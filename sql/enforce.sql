--
-- enforce: the profcheck.enforce() trigger and CHECK (profcheck.passes(...)).
--
-- The suites share one database: work in a schema of our own.
CREATE SCHEMA enforce_test;
SET search_path = enforce_test;
\set ECHO none
\i test/fixtures/fixtures.sql
\set ECHO all

-- Print what an error carries, without the source line numbers that
-- VERBOSITY verbose would add.
CREATE FUNCTION try_sql(stmt text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    state text; msg text; detail text; tab text; con text;
BEGIN
    EXECUTE stmt;
    RAISE NOTICE 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
        detail = PG_EXCEPTION_DETAIL, tab = TABLE_NAME, con = CONSTRAINT_NAME;
    RAISE NOTICE E'SQLSTATE %\nmessage: %\ndetail: %\ntable: %, constraint: %',
        state, msg, detail, tab, con;
END $$;

CREATE TABLE issued (
    id serial PRIMARY KEY,
    name text,
    der bytea,
    revoked_at timestamptz
);
CREATE TRIGGER issued_lint BEFORE INSERT OR UPDATE ON issued
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der');

-- The incident 1 precertificate is refused, every reason in the DETAIL.
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name = 'incident_ivcp_precert_1';
-- SQLSTATE 23514 (check_violation), with the table and the trigger as constraint.
SELECT try_sql($$INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name = 'incident_ivcp_precert_1'$$);
DO $$
BEGIN
    INSERT INTO issued (name, der) SELECT name, der FROM fixture WHERE name = 'incident_vpn_1';
EXCEPTION WHEN check_violation THEN
    RAISE NOTICE 'check_violation caught: %', SQLERRM;
END $$;

-- Clean certificates are stored, bytes untouched.
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture
     WHERE name IN ('good_dv_2021', 'good_ov_2024', 'good_tls_ca', 'tbs_dv_2021')
     ORDER BY name;
SELECT i.name, i.der = f.der AS untouched
  FROM issued i JOIN fixture f USING (name) ORDER BY i.name;
-- A NULL certificate is not the trigger's business (use NOT NULL).
INSERT INTO issued (name, der) VALUES ('no certificate yet', NULL);

-- One bad row in a multi-row INSERT refuses the whole statement.
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name IN ('good_dv_2024', 'bad_rsa_1024_2021');
-- Bytes that are not a certificate are refused with the fatal finding.
INSERT INTO issued (name, der) VALUES ('garbage', '\x3003020101');
SELECT count(*) AS stored FROM issued;

-- UPDATE that changes the certificate is checked ...
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'bad_sha1_2017')
 WHERE name = 'good_dv_2021';
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'good_dv_2024')
 WHERE name = 'good_dv_2021';
-- ... and filling in a NULL certificate too.
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'incident_vpn_2')
 WHERE name = 'no certificate yet';

-- A row stored before the trigger existed (history) can still be updated in
-- its other columns: recording a revocation must not be blocked.
ALTER TABLE issued DISABLE TRIGGER issued_lint;
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name = 'incident_vpn_1';
ALTER TABLE issued ENABLE TRIGGER issued_lint;
UPDATE issued SET revoked_at = '2020-11-20 12:00:00+00' WHERE name = 'incident_vpn_1';
-- Writing the same certificate back is no change either.
UPDATE issued SET der = der, revoked_at = '2020-11-21 12:00:00+00' WHERE name = 'incident_vpn_1';
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'incident_vpn_1')
 WHERE name = 'incident_vpn_1';
-- Replacing it with another bad certificate is checked.
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'incident_vpn_2')
 WHERE name = 'incident_vpn_1';
SELECT name, revoked_at, profcheck.passes(der) AS passes FROM issued ORDER BY id;

-- Threshold: 'warn' refuses a certificate whose only findings are warnings;
-- the default 'error' accepts it.
CREATE TABLE issued_strict (der bytea);
CREATE TRIGGER strict_lint BEFORE INSERT OR UPDATE ON issued_strict
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'warn');
INSERT INTO issued_strict
    SELECT der FROM fixture WHERE name = 'bad_validity_398_days_2021';
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name = 'bad_validity_398_days_2021';
SELECT name, profcheck.passes(der, 'warn') AS passes_warn FROM issued
 WHERE name = 'bad_validity_398_days_2021';
INSERT INTO issued_strict SELECT der FROM fixture WHERE name = 'good_dv_2021';
SELECT count(*) AS strict_stored FROM issued_strict;
-- 'fatal' refuses only what is not a certificate.
CREATE TABLE issued_lax (der bytea);
CREATE TRIGGER lax_lint BEFORE INSERT ON issued_lax
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'fatal');
INSERT INTO issued_lax SELECT der FROM fixture WHERE name = 'incident_vpn_1';
INSERT INTO issued_lax SELECT der FROM fixture WHERE name = 'malformed_truncated';
SELECT count(*) AS lax_stored FROM issued_lax;

-- Mistakes in the trigger definition: a clear error at the first row.
CREATE TABLE misdefined (id int, note text, der bytea);
CREATE TRIGGER wrong_column BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('certificate');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER wrong_column ON misdefined;
CREATE TRIGGER not_bytea BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('note');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER not_bytea ON misdefined;
CREATE TRIGGER no_args BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce();
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER no_args ON misdefined;
CREATE TRIGGER bad_threshold BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'severe');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER bad_threshold ON misdefined;
CREATE TRIGGER too_many BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'p', 'extra');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER too_many ON misdefined;
CREATE TRIGGER after_row AFTER INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER after_row ON misdefined;
CREATE TRIGGER per_statement BEFORE INSERT ON misdefined
    FOR EACH STATEMENT EXECUTE FUNCTION profcheck.enforce('der');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER per_statement ON misdefined;
SELECT profcheck.enforce();
SELECT count(*) AS misdefined_rows FROM misdefined;

-- A quoted, mixed-case column name is found as written.
CREATE TABLE quoted ("Cert DER" bytea);
CREATE TRIGGER quoted_lint BEFORE INSERT ON quoted
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('Cert DER');
INSERT INTO quoted SELECT der FROM fixture WHERE name = 'bad_rsa_1024_2021';
INSERT INTO quoted SELECT der FROM fixture WHERE name = 'good_dv_2021';

-- The same policy as a CHECK constraint.
CREATE TABLE checked (
    name text,
    der bytea CONSTRAINT der_passes CHECK (profcheck.passes(der))
);
\set VERBOSITY terse
INSERT INTO checked SELECT name, der FROM fixture WHERE name = 'incident_vpn_1';
INSERT INTO checked SELECT name, der FROM fixture WHERE name = 'malformed_random';
\set VERBOSITY default
DO $$
DECLARE con text;
BEGIN
    INSERT INTO checked SELECT name, der FROM fixture WHERE name = 'incident_vpn_2';
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS con = CONSTRAINT_NAME;
    RAISE NOTICE 'check_violation (SQLSTATE %) on constraint %', SQLSTATE, con;
END $$;
INSERT INTO checked SELECT name, der FROM fixture
 WHERE name IN ('good_dv_2021', 'bad_validity_398_days_2021');
INSERT INTO checked VALUES ('null', NULL);
ALTER TABLE checked ADD CONSTRAINT der_passes_warn CHECK (profcheck.passes(der, 'warn')) NOT VALID;
\set VERBOSITY terse
ALTER TABLE checked VALIDATE CONSTRAINT der_passes_warn;
\set VERBOSITY default
SELECT name, profcheck.passes(der) AS passes, profcheck.passes(der, 'warn') AS passes_warn
  FROM checked ORDER BY name;

DROP TABLE issued, issued_strict, issued_lax, misdefined, quoted, checked, fixture;
DROP FUNCTION try_sql(text);
RESET search_path;
DROP SCHEMA enforce_test;
