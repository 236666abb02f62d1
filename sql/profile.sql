-- Profiles as versioned data: define_profile, lint(cert, profile),
-- audit_profile, enforce with a profile (reject and audit), append-only
-- history, and who may add versions.
\set ECHO none
\set QUIET on
SET client_min_messages = warning;
DROP TABLE IF EXISTS fixture;
DROP ROLE IF EXISTS pc_test_admin;
DROP ROLE IF EXISTS pc_test_user;
RESET client_min_messages;
\i test/fixtures/fixtures.sql
\set QUIET off
\set ECHO all
\set SHOW_CONTEXT never
SET timezone = 'UTC';

-- Error code and message of a statement, as a row.
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

CREATE ROLE pc_test_admin NOLOGIN IN ROLE profcheck_admin;
CREATE ROLE pc_test_user NOLOGIN;
GRANT SELECT ON fixture TO pc_test_admin, pc_test_user;

-- ------------------------------------------------------------ define and version
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('historic',
  '{"kind": "tls_server", "effective_from": "2020-01-01", "validity_max_days": 825,
    "key_types": ["rsa2048", "rsa3072", "rsa4096", "p256", "p384"],
    "eku": {"required": ["serverAuth"], "forbidden": ["codeSigning", "anyExtendedKeyUsage"]},
    "san": {"types": ["dns", "ip"], "required": true}}',
  'BR 825-day era') AS v1;
SELECT profcheck.define_profile('historic',
  '{"kind": "tls_server", "effective_from": "2021-01-01", "validity_max_days": 397,
    "key_types": ["rsa2048", "rsa3072", "rsa4096", "p256", "p384"],
    "eku": {"required": ["serverAuth"], "forbidden": ["codeSigning", "anyExtendedKeyUsage"]},
    "san": {"types": ["dns", "ip"], "required": true}}',
  'SC-31: 397 days with a day of margin') AS v2;
RESET ROLE;
SELECT name, version, created_by, note, definition->>'effective_from' AS effective_from,
       (definition->>'validity_max_days')::int AS max_days
  FROM profcheck.profile ORDER BY name, version;

-- Which version is in force when.
SELECT d AS "at", (profcheck.profile_at('historic', d)).version
  FROM unnest(ARRAY['2019-12-31 23:59:59+00', '2020-01-01 00:00:00+00', '2020-11-05 10:20:06+00',
                    '2021-01-01 00:00:00+00', '2021-06-01 00:00:00+00']::timestamptz[]) d;

-- ------------------------------------------------------------ bad definitions
SET ROLE pc_test_admin;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"validity_max_day": 397}')$$) AS typo_key;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"validity_max_days": "397"}')$$) AS wrong_type;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"validity_max_days": -5}')$$) AS negative_days;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"validity_max_days": 39.5}')$$) AS fractional_days;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"eku": {"requird": ["serverAuth"]}}')$$) AS nested_typo;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"eku": {"required": ["serverauth"]}}')$$) AS bad_eku_name;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"eku": {"required": ["serverAuth"], "forbidden": ["serverAuth"]}}')$$) AS contradiction;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"key_types": ["rsa2048", "brainpool"]}')$$) AS bad_key_type;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"key_usage": {"dsa": ["digitalSignature"]}}')$$) AS bad_key_family;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"subject": {"required": ["C", "Org"]}}')$$) AS bad_attribute;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"policies": {"required": ["2.23.140.1.2.x"]}}')$$) AS bad_oid;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"rules": {"exclude": ["e_no_such_rule"]}}')$$) AS bad_rule;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"rules": {"severity": {"e_ext_san_missing": "fatal"}}}')$$) AS bad_severity;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '{"effective_from": "2020-02-30"}')$$) AS bad_date;
SELECT pg_temp.try($$SELECT profcheck.define_profile('vpn', '[1, 2]')$$) AS not_object;
SELECT pg_temp.try($$SELECT profcheck.define_profile('a/b', '{}')$$) AS bad_name;
SELECT pg_temp.try($$SELECT profcheck.define_profile('2021-06-01', '{}')$$) AS digit_name;
SELECT pg_temp.try($$SELECT profcheck.define_profile('Today', '{}')$$) AS keyword_name;
RESET ROLE;
SELECT count(*) AS vpn_versions FROM profcheck.profile WHERE name = 'vpn';

-- ------------------------------------------------------------ historic judgement
-- incident_vpn_1 (2020-11-05, 731 days) under v1 (825 days): the profile
-- allowed it, exactly as in the incident; only the built-in 398-day rules fire.
SELECT rule, severity, source FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'incident_vpn_1'), 'historic')
 WHERE rule LIKE '%valid_time%' OR source LIKE 'profile%'
 ORDER BY source, rule;
-- 2021 certificates under v2 (397 days): 397 passes, 399 is caught by the profile too.
SELECT f.name, l.rule, l.severity, l.source, l.detail
  FROM fixture f, profcheck.lint(f.der, 'historic') l
 WHERE f.name IN ('good_dv_2021', 'bad_validity_399_days_2021') AND l.source LIKE 'profile:%'
 ORDER BY f.name, l.rule;
SELECT f.name, count(l.rule) FILTER (WHERE l.source LIKE 'profile%') AS profile_findings
  FROM fixture f LEFT JOIN LATERAL profcheck.lint(f.der, 'historic') l ON true
 WHERE f.name IN ('good_dv_2021', 'bad_validity_399_days_2021') GROUP BY f.name ORDER BY f.name;
-- The same 2020 certificate judged as if issued on 2021-06-01: v2 applies.
SELECT rule, severity, source, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'incident_vpn_1'), '2021-06-01', 'historic')
 WHERE source LIKE 'profile:%';
-- A certificate issued before any version took effect.
SELECT rule, severity, source FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_dv_2019'), 'historic')
 WHERE source LIKE 'profile%';
SELECT pg_temp.try($$SELECT * FROM profcheck.lint('\x00'::bytea, 'no such profile')$$) AS unknown_profile;
-- lint(cert, '<timestamp>') with an untyped literal keeps meaning lint(cert, at).
SELECT (SELECT array_agg(rule ORDER BY rule) FROM profcheck.lint(der, '2026-04-01 00:00:00+00'))
     = (SELECT array_agg(rule ORDER BY rule) FROM profcheck.lint(der, '2026-04-01 00:00:00+00'::timestamptz)) AS same,
       (SELECT count(*) FROM profcheck.lint(der, '2026-04-01 00:00:00+00') WHERE rule LIKE '%200_days') AS fires_2026_rule
  FROM fixture WHERE name = 'good_dv_2021';

-- ------------------------------------------------------------ every constraint
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('strict', '{
  "kind": "tls_server", "effective_from": "2020-01-01", "validity_max_days": 90,
  "key_types": ["p256", "p384"],
  "eku": {"exact": ["serverAuth"]},
  "key_usage": {"rsa": ["digitalSignature"], "ec": ["digitalSignature"]},
  "subject": {"required": ["C", "O"], "allowed": ["CN", "L"]},
  "san": {"types": ["ip"]},
  "policies": {"required": ["2.23.140.1.2.2"]},
  "extensions": {"required": ["ctSCTList"], "forbidden": ["subjectKeyIdentifier"],
                 "critical": ["extKeyUsage"], "non_critical": ["keyUsage"]},
  "basic_constraints": {"ca": true},
  "rules": {"sources": ["CABF_BR"], "exclude": ["w_sub_cert_valid_time_longer_than_397_days"],
            "severity": {"e_profile_key_usage": "warn"}}}');
RESET ROLE;
SELECT rule, severity, source, citation, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_dv_2021'), 'strict')
 WHERE source LIKE 'profile%'
 ORDER BY source, rule, detail;
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('eku test', '{"effective_from": "2020-01-01",
  "eku": {"required": ["serverAuth", "timeStamping", "1.3.6.1.4.1.311.10.3.4"], "forbidden": ["clientAuth"]}}');
RESET ROLE;
SELECT rule, source, citation, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_dv_2021'), 'eku test')
 WHERE source LIKE 'profile%' ORDER BY rule, detail;
-- No extKeyUsage at all (a root certificate).
SELECT rule, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_root'), now(), 'eku test')
 WHERE source LIKE 'profile%' ORDER BY rule, detail;
-- "rules" filters the built-in findings: sources CABF_BR only (Apple's twin
-- rules go), w_sub_cert_valid_time_longer_than_397_days excluded.
SELECT rule, severity, source
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'bad_validity_399_days_2021'), 'strict')
 WHERE rule LIKE '%valid_time%' ORDER BY rule;
SELECT rule, severity, source
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'bad_validity_399_days_2021'))
 WHERE rule LIKE '%valid_time%' ORDER BY rule;

-- ------------------------------------------------------------ audit_profile
SET ROLE pc_test_admin;
-- The incident's "Cisco VPN" profile: two years, unchanged on 2020-09-01.
SELECT profcheck.define_profile('Cisco VPN', '{
  "kind": "tls_server", "effective_from": "2019-01-01", "validity_max_days": 730,
  "key_types": ["rsa2048"], "eku": {"required": ["serverAuth"]},
  "policies": {"required": ["2.23.140.1.2.2"]},
  "subject": {"required": ["C", "O", "L", "CN"]},
  "san": {"types": ["dns"], "required": true}}', 'as configured in 2019');
-- The incident IV profile: IV policy OID with a DV subject.
SELECT profcheck.define_profile('IVCP', '{
  "kind": "tls_server", "effective_from": "2019-01-01", "validity_max_days": 30,
  "policies": {"required": ["2.23.140.1.2.3"]},
  "subject": {"required": ["C", "CN"]}}');
-- Many faults at once.
SELECT profcheck.define_profile('sloppy', '{
  "effective_from": "2019-01-01", "validity_max_days": 398,
  "key_types": ["rsa1024", "rsa2047", "p224", "ed25519", "p256"],
  "eku": {"required": ["serverAuth", "clientAuth"]},
  "key_usage": {"ec": ["digitalSignature", "keyEncipherment"]},
  "policies": {"required": ["2.23.140.1.2.1"]},
  "subject": {"allowed": ["CN", "O", "postalCode"]},
  "san": {"types": ["dns", "email", "uri"]}}');
RESET ROLE;
SELECT * FROM profcheck.audit_profile('Cisco VPN', '2020-06-01');
SELECT * FROM profcheck.audit_profile('Cisco VPN', '2020-11-05 10:20:06');
SELECT * FROM profcheck.audit_profile('IVCP', '2019-10-02');
-- BR 1.x let organizationName stand in for the personal name; BR 2.x does not.
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('IV org', '{
  "kind": "tls_server", "effective_from": "2019-01-01", "validity_max_days": 397,
  "policies": {"required": ["2.23.140.1.2.3"]},
  "subject": {"required": ["C", "L", "O", "CN"]}}');
RESET ROLE;
SELECT rule, detail FROM profcheck.audit_profile('IV org', '2021-06-01');
SELECT rule, detail FROM profcheck.audit_profile('IV org', '2024-06-01') WHERE rule LIKE '%iv%';
SELECT * FROM profcheck.audit_profile('sloppy', '2021-06-01');
SELECT rule, severity, detail FROM profcheck.audit_profile('sloppy', '2027-04-01')
 WHERE rule LIKE '%client_auth%' OR rule LIKE '%validity%';
-- A historic profile that was right for its time.
SELECT * FROM profcheck.audit_profile('historic', '2021-06-01');
SELECT * FROM profcheck.audit_profile('historic', '2021-06-01', version => 1);
SELECT pg_temp.try($$SELECT * FROM profcheck.audit_profile('historic', '2019-06-01')$$) AS before_first;

-- The fix, as a new version: the old one stays for historic judgement.
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('Cisco VPN', '{
  "kind": "tls_server", "effective_from": "2020-11-06", "validity_max_days": 397,
  "key_types": ["rsa2048"], "eku": {"required": ["serverAuth"]},
  "policies": {"required": ["2.23.140.1.2.2"]},
  "subject": {"required": ["C", "O", "L", "CN"]},
  "san": {"types": ["dns"], "required": true}}', 'incident fix: 397 days');
RESET ROLE;
SELECT * FROM profcheck.audit_profile('Cisco VPN', '2020-11-06 12:00');
SELECT version, created_by, note FROM profcheck.profile WHERE name = 'Cisco VPN' ORDER BY version;
SELECT name, version, effective_from FROM profcheck.profile_current ORDER BY name;

-- ------------------------------------------------------------ enforce: reject mode
-- The trigger judges the built-in rules and picks the profile version at one
-- instant: now() by default.  These tables judge at a fixed instant of the
-- 398-day era, so the outcome does not depend on the day the suite runs.
CREATE TABLE issued (id int PRIMARY KEY, der bytea);
CREATE TRIGGER issued_profile BEFORE INSERT OR UPDATE ON issued
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'Cisco VPN', 'at=2026-03-14 12:00:00+00');
INSERT INTO issued SELECT 1, der FROM fixture WHERE name = 'good_ov_2021';
INSERT INTO issued SELECT 2, der FROM fixture WHERE name = 'incident_vpn_1';
INSERT INTO issued SELECT 3, der FROM fixture WHERE name = 'good_dv_2021';
SELECT id FROM issued ORDER BY id;
-- An UPDATE that keeps the certificate is not re-checked; one that changes it is.
UPDATE issued SET id = 10 WHERE id = 1;
UPDATE issued SET der = (SELECT der FROM fixture WHERE name = 'incident_vpn_2') WHERE id = 10;
SELECT id FROM issued ORDER BY id;
CREATE TABLE issued_unknown (der bytea);
CREATE TRIGGER t BEFORE INSERT ON issued_unknown
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'nope');
INSERT INTO issued_unknown SELECT der FROM fixture WHERE name = 'good_ov_2021';

-- ------------------------------------------------------------ enforce: audit mode
CREATE TABLE issued_audit (serial text PRIMARY KEY, der bytea);
CREATE TRIGGER issued_audit BEFORE INSERT OR UPDATE ON issued_audit
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'audit', 'Cisco VPN', 'at=2026-03-14 12:00:00+00');
INSERT INTO issued_audit SELECT profcheck.serial(der), der FROM fixture
 WHERE name IN ('incident_vpn_1', 'good_ov_2021', 'good_dv_2021');
SELECT count(*) AS stored FROM issued_audit;
SELECT a.relation, a.row_key, a.rule, a.severity, a.profile, a.profile_version,
       a.cert_sha256 = sha256(i.der) AS sha_ok, a.detail
  FROM profcheck.audit_log a JOIN issued_audit i ON i.serial = a.row_key
 WHERE a.rule LIKE '%valid_time%' OR a.rule LIKE '%profile%'
 ORDER BY a.row_key, a.rule, a.detail;
-- A role that may insert but not read or write the log: the log is still written.
GRANT INSERT ON issued_audit TO pc_test_user;
SET ROLE pc_test_user;
INSERT INTO issued_audit SELECT profcheck.serial(der), der FROM fixture WHERE name = 'incident_vpn_2';
RESET ROLE;
SELECT row_key, rule, profile_version FROM profcheck.audit_log
 WHERE row_key = '0354e7785c9a9de1adbc4947c60a' AND rule LIKE 'e_profile%';
REVOKE INSERT ON issued_audit FROM pc_test_user;
-- Audit without a profile, at a chosen level.
CREATE TABLE issued_audit2 (der bytea);
CREATE TRIGGER t BEFORE INSERT ON issued_audit2
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=2026-03-14 12:00:00+00', 'audit:error');
INSERT INTO issued_audit2 SELECT der FROM fixture WHERE name = 'bad_validity_399_days_2021';
SELECT relation, row_key, rule, severity, profile, profile_version FROM profcheck.audit_log
 WHERE relation = 'issued_audit2'::regclass ORDER BY rule;
CREATE TABLE issued_bad_mode (der bytea);
CREATE TRIGGER t BEFORE INSERT ON issued_bad_mode
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'audit:loud');
INSERT INTO issued_bad_mode VALUES ('\x00');

-- ------------------------------------------------------------ suspension
-- Suspending a profile is a new version too; certificates issued earlier are
-- still judged by the version of their time.
SET ROLE pc_test_admin;
SELECT profcheck.define_profile('Cisco VPN', '{"suspended": true}', 'suspended pending review') AS v3;
RESET ROLE;
-- By default the trigger applies the version in force now: the suspension.
-- (Built-in rules judged now depend on the day the suite runs: only the
-- profile's verdict is shown.)
CREATE TABLE issued_now (der bytea);
CREATE TRIGGER t BEFORE INSERT ON issued_now
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'error', 'Cisco VPN');
SELECT pg_temp.try($$INSERT INTO issued_now SELECT der FROM fixture WHERE name = 'good_ov_2021'$$)
       ~ '^23514: .* under profile "Cisco VPN" v3: (.*, )?e_profile_suspended(,|$)' AS refused_as_suspended;
-- A trigger judging at an instant before the suspension applies the version of that instant.
INSERT INTO issued SELECT 4, der FROM fixture WHERE name = 'good_ov_2021';
SELECT rule, source FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_ov_2021'), now(), 'Cisco VPN')
 WHERE source LIKE 'profile%';
SELECT rule, source FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_ov_2021'), 'Cisco VPN')
 WHERE source LIKE 'profile%';

-- ------------------------------------------------------------ append-only history
UPDATE profcheck.profile SET definition = '{"validity_max_days": 730}' WHERE name = 'Cisco VPN';
DELETE FROM profcheck.profile WHERE name = 'Cisco VPN';
TRUNCATE profcheck.profile;
SELECT count(*) AS versions FROM profcheck.profile;

-- ------------------------------------------------------------ who may add versions
SET ROLE pc_test_user;
SELECT count(*) > 0 AS can_read FROM profcheck.profile;
SELECT rule, source FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'incident_vpn_1'), 'Cisco VPN')
 WHERE source LIKE 'profile%';
SELECT pg_temp.try($$SELECT profcheck.define_profile('mine', '{"validity_max_days": 3650}')$$) AS define;
SELECT pg_temp.try($$INSERT INTO profcheck.profile (name, version, definition) VALUES ('mine', 1, '{}')$$) AS direct_insert;
SELECT pg_temp.try($$SELECT count(*) FROM profcheck.audit_log$$) AS read_audit_log;
RESET ROLE;
-- Membership is checked, not just the grant.
GRANT EXECUTE ON FUNCTION profcheck.define_profile(text, jsonb, text) TO pc_test_user;
SET ROLE pc_test_user;
SELECT pg_temp.try($$SELECT profcheck.define_profile('mine', '{"validity_max_days": 3650}')$$) AS define_with_grant;
RESET ROLE;
REVOKE EXECUTE ON FUNCTION profcheck.define_profile(text, jsonb, text) FROM pc_test_user;
SELECT count(*) AS mine FROM profcheck.profile WHERE name = 'mine';

-- The tables are kept by pg_dump.
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) AS x(cfg) JOIN pg_class c ON c.oid = x.cfg
 WHERE e.extname = 'profcheck' ORDER BY 1;

REVOKE SELECT ON fixture FROM pc_test_admin, pc_test_user;
DROP TABLE issued, issued_unknown, issued_audit, issued_audit2, issued_bad_mode, issued_now, fixture;
DROP ROLE pc_test_admin;
DROP ROLE pc_test_user;
