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
-- The fixtures were issued 2016 to 2029: judge each at its notBefore, as a
-- historic load does, so that the outcome does not depend on the day the
-- suite runs (the default, now(), is tested below).
CREATE TRIGGER issued_lint BEFORE INSERT OR UPDATE ON issued
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore');

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
-- the default 'error' accepts it.  The at= option may come before the
-- threshold: positions count only the other arguments.
CREATE TABLE issued_strict (der bytea);
CREATE TRIGGER strict_lint BEFORE INSERT OR UPDATE ON issued_strict
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore', 'warn');
INSERT INTO issued_strict
    SELECT der FROM fixture WHERE name = 'bad_validity_398_days_2021';
INSERT INTO issued (name, der)
    SELECT name, der FROM fixture WHERE name = 'bad_validity_398_days_2021';
SELECT name, profcheck.passes(der, 'warn') AS passes_warn FROM issued
 WHERE name = 'bad_validity_398_days_2021';
INSERT INTO issued_strict SELECT der FROM fixture WHERE name = 'good_dv_2021';
SELECT count(*) AS strict_stored FROM issued_strict;
-- 'fatal' refuses only what is not a certificate (whatever the instant: the
-- trigger judges at now() here).  The HINT says which instant it was.
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
-- at= must be now, notbefore or a timestamptz literal, given once: a bad
-- value is SQLSTATE 22023 at the first row, even one without a certificate.
CREATE TRIGGER bad_at BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=soon');
INSERT INTO misdefined VALUES (1, 'x', NULL);
SELECT try_sql($$INSERT INTO misdefined VALUES (1, 'x', NULL)$$);
DROP TRIGGER bad_at ON misdefined;
CREATE TRIGGER empty_at BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'at=');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER empty_at ON misdefined;
CREATE TRIGGER infinite_at BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=infinity');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER infinite_at ON misdefined;
CREATE TRIGGER twice_at BEFORE INSERT ON misdefined
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=now', 'error', 'at=notbefore');
INSERT INTO misdefined VALUES (1, 'x', NULL);
DROP TRIGGER twice_at ON misdefined;
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
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('Cert DER', 'error', 'at=notbefore');
INSERT INTO quoted SELECT der FROM fixture WHERE name = 'bad_rsa_1024_2021';
INSERT INTO quoted SELECT der FROM fixture WHERE name = 'good_dv_2021';

-- ------------------------------------------------------------------
-- The instant the rules are judged at.  By default the trigger judges at
-- now(), the start of the transaction: what is being issued now must meet
-- today's rules, and a backdated notBefore does not escape them.
-- at=notbefore judges each certificate at its notBefore (historic loads),
-- at=<timestamptz> at a fixed instant.
--
-- What a refused statement says: SQLSTATE, the profile version and the rules
-- named in the message (sorted), and the HINT.
CREATE FUNCTION refusal(stmt text, OUT state text, OUT version text, OUT rules text[], OUT hint text)
LANGUAGE plpgsql AS $$
DECLARE
    msg text;
BEGIN
    EXECUTE stmt;
    state := 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
        hint = PG_EXCEPTION_HINT;
    version := substring(msg FROM ' under profile "[^"]*" (v[0-9]+|\(no version in force\)): ');
    rules := ARRAY(SELECT r FROM regexp_split_to_table(substring(msg FROM ': (.*)$'), ', ') r ORDER BY r);
END $$;

-- good_dv_2019: notBefore 2019-06-01, valid for 800 days, within the 825-day
-- limit of its time: nothing at warn or above when judged at its notBefore,
-- but over the 398-day limit in force since 2020-09-01.
SELECT rule, severity FROM fixture, profcheck.lint(der)
 WHERE name = 'good_dv_2019' AND severity >= 'warn';
SELECT rule, severity FROM fixture, profcheck.lint(der, '2020-09-01 00:00:00+00'::timestamptz)
 WHERE name = 'good_dv_2019' AND severity >= 'error' ORDER BY rule;

CREATE TABLE judged_now (der bytea);            -- default: at now()
CREATE TRIGGER judged_now_lint BEFORE INSERT ON judged_now
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der');
CREATE TABLE judged_now_explicit (der bytea);   -- the same, spelled out
CREATE TRIGGER judged_now_lint BEFORE INSERT ON judged_now_explicit
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'AT=Now');
CREATE TABLE judged_notbefore (der bytea);      -- historic load
CREATE TRIGGER judged_notbefore_lint BEFORE INSERT ON judged_notbefore
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore');
CREATE TABLE judged_before (der bytea);         -- the last second of the 825-day era
CREATE TRIGGER judged_before_lint BEFORE INSERT ON judged_before
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=2020-08-31 23:59:59+00');
CREATE TABLE judged_after (der bytea);          -- the first second of the 398-day era
CREATE TRIGGER judged_after_lint BEFORE INSERT ON judged_after
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=2020-09-01 00:00:00+00');

-- (a) By default, the backdated certificate is refused: the rules named are
-- exactly the error findings of lint(der, now()), among them the 398-day
-- rule (in force from 2020-09-01, open-ended, so this holds on any later
-- day; the shorter SC-081 limits that also apply depend on the day).
SELECT t.tab, r.state,
       'e_tls_server_cert_valid_time_longer_than_398_days' = ANY (r.rules) AS names_398_day_rule,
       r.rules = ARRAY(SELECT l.rule FROM profcheck.lint(f.der, now()) l
                        WHERE l.severity >= 'error' ORDER BY l.rule) AS same_as_lint_at_now,
       r.hint
  FROM fixture f, (VALUES ('judged_now'), ('judged_now_explicit')) t(tab),
       LATERAL refusal(format('INSERT INTO %I SELECT der FROM fixture WHERE name = %L', t.tab, f.name)) r
 WHERE f.name = 'good_dv_2019'
 ORDER BY t.tab;
-- ... and at=notbefore stores it, as the rules of 2019 allow.
INSERT INTO judged_notbefore SELECT der FROM fixture WHERE name = 'good_dv_2019';

-- (b) A fixed instant: accepted the second before the 398-day rule took
-- effect, refused from its first second; the HINT gives the instant (in the
-- session's time zone).
INSERT INTO judged_before SELECT der FROM fixture WHERE name = 'good_dv_2019';
INSERT INTO judged_after SELECT der FROM fixture WHERE name = 'good_dv_2019';
SELECT (SELECT count(*) FROM judged_notbefore) AS notbefore_stored,
       (SELECT count(*) FROM judged_before) AS before_stored,
       (SELECT count(*) FROM judged_after) AS after_stored,
       (SELECT count(*) FROM judged_now) AS now_stored;
-- One statement, several rows: the trigger reads its arguments once per
-- statement and judges every row at the same instant; a later row that
-- breaks a rule still refuses the statement, naming that row's rules.
INSERT INTO judged_before SELECT der FROM fixture, generate_series(1, 3) WHERE name = 'good_dv_2019';
SELECT count(*) AS before_stored_after_three_more FROM judged_before;
SELECT r.state, r.rules, r.hint
  FROM refusal($$INSERT INTO judged_after SELECT der FROM fixture
                 WHERE name IN ('good_dv_2024', 'good_dv_2019') ORDER BY name DESC$$) r;
SELECT count(*) AS after_stored FROM judged_after;

-- (d) The audit mode and the profile variant judge at the same instant; the
-- profile version in force is chosen at that instant too.  Profiles are
-- append-only and shared by the suites, so this part is rolled back.
BEGIN;
SELECT profcheck.define_profile('enforce at', '{"effective_from": "2019-01-01", "validity_max_days": 825}',
                                'the 825-day era') AS v1;
SELECT profcheck.define_profile('enforce at', '{"effective_from": "2020-09-01", "validity_max_days": 398}',
                                'the 398-day era') AS v2;
CREATE TABLE profiled (trig text, der bytea);
CREATE TRIGGER a_notbefore BEFORE INSERT ON profiled FOR EACH ROW WHEN (NEW.trig = 'notbefore')
    EXECUTE FUNCTION profcheck.enforce('der', 'error', 'enforce at', 'at=notbefore');
CREATE TRIGGER b_before BEFORE INSERT ON profiled FOR EACH ROW WHEN (NEW.trig = 'before')
    EXECUTE FUNCTION profcheck.enforce('der', 'at=2020-08-31 23:59:59+00', 'error', 'enforce at');
CREATE TRIGGER c_after BEFORE INSERT ON profiled FOR EACH ROW WHEN (NEW.trig = 'after')
    EXECUTE FUNCTION profcheck.enforce('der', 'error', 'enforce at', 'at=2020-09-01 00:00:00+00');
CREATE TRIGGER d_now BEFORE INSERT ON profiled FOR EACH ROW WHEN (NEW.trig = 'now')
    EXECUTE FUNCTION profcheck.enforce('der', 'error', 'enforce at');
-- At notBefore (2019-06-01) and at 2020-08-31: v1, which allows 800 days
-- (v2 would not); from 2020-09-01: v2, and the built-in 398-day rules as
-- well; now: v2 and the built-in rules of today.
SELECT t.trig, r.state, r.version, r.rules, r.hint
  FROM fixture f, (VALUES ('notbefore'), ('before'), ('after')) t(trig),
       LATERAL refusal(format('INSERT INTO profiled SELECT %L, der FROM fixture WHERE name = %L', t.trig, f.name)) r
 WHERE f.name = 'good_dv_2019'
 ORDER BY t.trig;
SELECT r.state, r.version, r.rules @> ARRAY['e_profile_validity_max_days', 'e_tls_server_cert_valid_time_longer_than_398_days'] AS names_profile_and_398,
       r.rules = ARRAY(SELECT l.rule FROM profcheck.lint(f.der, now(), 'enforce at') l
                        WHERE l.severity >= 'error' ORDER BY l.rule) AS same_as_lint_at_now
  FROM fixture f, LATERAL refusal(format('INSERT INTO profiled SELECT %L, der FROM fixture WHERE name = %L', 'now', f.name)) r
 WHERE f.name = 'good_dv_2019';
SELECT trig FROM profiled ORDER BY trig;
-- Audit mode records what it finds at the instant it judges at (at notBefore,
-- nothing at error; the notices, under profile version 1).
CREATE TABLE audited (trig text PRIMARY KEY, der bytea);
CREATE TRIGGER a_notbefore BEFORE INSERT ON audited FOR EACH ROW WHEN (NEW.trig = 'notbefore')
    EXECUTE FUNCTION profcheck.enforce('der', 'audit:error', 'at=notbefore');
CREATE TRIGGER b_after BEFORE INSERT ON audited FOR EACH ROW WHEN (NEW.trig = 'after')
    EXECUTE FUNCTION profcheck.enforce('der', 'audit:error', 'at=2020-09-01 00:00:00+00');
CREATE TRIGGER c_after_profile BEFORE INSERT ON audited FOR EACH ROW WHEN (NEW.trig = 'after, profile')
    EXECUTE FUNCTION profcheck.enforce('der', 'audit:error', 'enforce at', 'at=2020-09-01 00:00:00+00');
CREATE TRIGGER d_now BEFORE INSERT ON audited FOR EACH ROW WHEN (NEW.trig = 'now')
    EXECUTE FUNCTION profcheck.enforce('der', 'audit:error');
CREATE TRIGGER e_notbefore_profile BEFORE INSERT ON audited FOR EACH ROW WHEN (NEW.trig = 'notbefore, profile')
    EXECUTE FUNCTION profcheck.enforce('der', 'audit:notice', 'enforce at', 'at=notbefore');
INSERT INTO audited SELECT t.trig, f.der
  FROM fixture f, (VALUES ('notbefore'), ('after'), ('after, profile'), ('now'), ('notbefore, profile')) t(trig)
 WHERE f.name = 'good_dv_2019';
SELECT row_key, rule, profile, profile_version FROM profcheck.audit_log
 WHERE relation = 'audited'::regclass AND row_key IN ('notbefore', 'after', 'after, profile')
 ORDER BY row_key, rule;
SELECT DISTINCT profile, profile_version FROM profcheck.audit_log
 WHERE relation = 'audited'::regclass AND row_key = 'notbefore, profile';
SELECT 'e_tls_server_cert_valid_time_longer_than_398_days' = ANY (a.logged) AS names_398_day_rule,
       a.logged = ARRAY(SELECT l.rule FROM fixture f, profcheck.lint(f.der, now()) l
                         WHERE f.name = 'good_dv_2019' AND l.severity >= 'error' ORDER BY l.rule) AS now_logged_as_lint_at_now
  FROM (SELECT ARRAY(SELECT rule FROM profcheck.audit_log
                      WHERE relation = 'audited'::regclass AND row_key = 'now' ORDER BY rule) AS logged) a;
ROLLBACK;

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

DROP TABLE issued, issued_strict, issued_lax, misdefined, quoted, checked, fixture,
    judged_now, judged_now_explicit, judged_notbefore, judged_before, judged_after;
DROP FUNCTION try_sql(text);
DROP FUNCTION refusal(text);
RESET search_path;
DROP SCHEMA enforce_test;
