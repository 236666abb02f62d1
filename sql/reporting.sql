-- Reporting: the findings store (scan, interrupted and resumed), the incident
-- summary, the CCADB appendix and the compliance views, on a small CA
-- database shaped like the two incidents.
\set QUIET on
CREATE SCHEMA reporting;
SET search_path = reporting, public;
\i test/fixtures/fixtures.sql
SET client_min_messages = warning;   -- scan's progress notices carry timings
CREATE TABLE certificate (id bigserial PRIMARY KEY, der bytea NOT NULL,
                          issued_at timestamptz, revoked_at timestamptz, reason text);
INSERT INTO certificate (der, issued_at)
  SELECT der, profcheck.not_before(der) FROM fixture
   WHERE name IN ('good_dv_2021', 'good_ov_2021', 'good_iv_2021', 'good_ev_2021',
                  'incident_ivcp_precert_1', 'incident_ivcp_precert_2',
                  'incident_vpn_1', 'incident_vpn_2', 'bad_validity_399_days_2021',
                  'malformed_truncated')
   ORDER BY name;
-- The VPN certificates were revoked within a day (seed 001); the 399-day one ten days late.
UPDATE certificate SET revoked_at = '2020-11-06 08:17:23+00', reason = 'superseded'
 WHERE profcheck.serial(der) = '03549d12dae60ababce088d2210a';
UPDATE certificate SET revoked_at = '2020-11-06 08:16:35+00', reason = 'superseded'
 WHERE profcheck.serial(der) = '0354e7785c9a9de1adbc4947c60a';
UPDATE certificate SET revoked_at = issued_at + interval '10 days', reason = 'superseded'
 WHERE der = (SELECT der FROM fixture WHERE name = 'bad_validity_399_days_2021');
\set QUIET off

-- Without a store, the summary lints on the fly.
SELECT rule, severity, certificates, first_issued, last_issued, unrevoked,
       unrevoked_unexpired, revoked_late, cardinality(sha256_fingerprints) AS fingerprints
  FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at');

-- Fingerprints of the IV problem: the two precertificates of 2019-10-02.
SELECT unnest(sha256_fingerprints) = ANY (ARRAY(
         SELECT encode(sha256(der), 'hex') FROM fixture WHERE name LIKE 'incident_ivcp_precert__'
            AND name <> 'incident_ivcp_precert_3')) AS is_incident_precert
  FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at')
 WHERE rule = 'e_cab_iv_requires_personal_name';

-- A scan interrupted after one batch of four rows ...
CALL profcheck.scan('certificate', 'der', 'id', batch_size => 4, stop_after => 4);
SELECT watermark, rows_done, finished_at IS NULL AS unfinished,
       ruleset = profcheck.ruleset_version() AS current_rules
  FROM profcheck.scan_state;
SELECT count(DISTINCT cert_key) AS certificates_with_findings_so_far FROM profcheck.finding;
-- ... resumes where it stopped and finishes.
CALL profcheck.scan('certificate', 'der', 'id', batch_size => 4);
SELECT watermark, rows_done, finished_at IS NOT NULL AS finished FROM profcheck.scan_state;
-- A second run finds nothing new to lint.
CALL profcheck.scan('certificate', 'der', 'id');
SELECT watermark, rows_done FROM profcheck.scan_state;

-- The store holds exactly what linting now finds.
SELECT count(*) AS stored_but_not_linted FROM (
  SELECT cert_key, rule FROM profcheck.finding
  EXCEPT SELECT c.id, l.rule FROM certificate c, LATERAL profcheck.lint(c.der) l) d;
SELECT count(*) AS linted_but_not_stored FROM (
  SELECT c.id, l.rule FROM certificate c, LATERAL profcheck.lint(c.der) l
  EXCEPT SELECT cert_key, rule FROM profcheck.finding) d;

-- New rows are linted on the next run, and only they.
INSERT INTO certificate (der, issued_at)
  SELECT der, profcheck.not_before(der) FROM fixture WHERE name = 'bad_dv_org_2020';
CALL profcheck.scan('certificate', 'der', 'id');
SELECT rows_done, (SELECT count(*) FROM profcheck.finding WHERE rule = 'e_cab_dv_conflicts_with_org') AS dv_org
  FROM profcheck.scan_state;

-- The summary now reads the store, with the same answers.
SELECT rule, severity, certificates, first_issued, last_issued, unrevoked, revoked_late
  FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at');

-- Revocation lateness counted from a detection date instead of issuance.
SELECT rule, revoked_late
  FROM profcheck.incident_summary('certificate', 'der', 'issued_at', 'revoked_at',
                                  detected_at => '2021-06-09 00:00:00+00')
 WHERE rule = 'e_sub_cert_valid_time_longer_than_398_days';

-- The CCADB appendix for the VPN problem, columns in the prescribed order.
SELECT * FROM profcheck.ccadb_appendix('certificate', 'e_tls_server_cert_valid_time_longer_than_398_days',
                                       'der', 'revoked_at', 'reason');

-- Compliance views.
SELECT month, rule, severity, certificates FROM profcheck.findings_monthly
 WHERE severity >= 'error' ORDER BY month, rule;
SELECT rule, first_not_before, certificates_in_period
  FROM profcheck.rules_first_fired('2020-01-01', '2021-01-01') WHERE severity >= 'error';
SELECT * FROM profcheck.issuer_error_share('certificate');

-- Wrong arguments are clear errors.
CALL profcheck.scan('certificate', 'nope', 'id');
CALL profcheck.scan('certificate', 'der', 'reason');
