--
-- lint: profcheck.lint() and profcheck.passes() on the fixtures.
--
-- test/fixtures/fixtures.sql creates table fixture(name, der, note);
-- test/fixtures/MANIFEST.tsv says which rules each fixture must fire.
-- Paths are relative to the directory make installcheck runs in (the
-- repository root).
--
-- The suites share one database: work in a schema of our own.
CREATE SCHEMA lint_test;
SET search_path = lint_test;
\set ECHO none
\i test/fixtures/fixtures.sql
\set ECHO all
CREATE TABLE manifest (name text PRIMARY KEY, fires text NOT NULL, note text);
\copy manifest FROM 'test/fixtures/MANIFEST.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER true, QUOTE E'\x01')

-- The two files describe the same fixtures; every rule the manifest names exists.
SELECT count(*) > 40 AS enough_fixtures FROM fixture;
SELECT coalesce(f.name, m.name) AS name, f.name IS NOT NULL AS in_fixtures_sql,
       m.name IS NOT NULL AS in_manifest
  FROM fixture f FULL JOIN manifest m ON m.name = f.name
 WHERE f.name IS NULL OR m.name IS NULL
 ORDER BY 1;
SELECT m.name, r AS unknown_rule
  FROM manifest m, unnest(string_to_array(m.fires, ',')) r
 WHERE r <> '-' AND NOT EXISTS (SELECT 1 FROM profcheck.rules WHERE rule = r)
 ORDER BY 1, 2;

-- A few fixtures in full.
-- A good DV certificate of 2021 (397 days): nothing above a notice
-- (commonName is NOT RECOMMENDED, no SCTs are embedded).
SELECT * FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'good_dv_2021')) ORDER BY rule;
-- Its bare TBSCertificate: the same findings; nothing needs the signature.
SELECT * FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'tbs_dv_2021')) ORDER BY rule;
-- Incident 1: IV precertificate whose subject is only C and CN.
SELECT * FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'incident_ivcp_precert_1'))
 ORDER BY rule;
-- Incident 2: a VPN server certificate of November 2020 valid for two years.
SELECT * FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'incident_vpn_1'))
 ORDER BY rule;
-- Exactly 398 days in 2021: only the SHOULD (397-day) rules, as warnings.
SELECT rule, severity, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'bad_validity_398_days_2021'))
 ORDER BY rule;
-- 399 days: the 398-day MUST rules as errors as well.
SELECT rule, severity, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'bad_validity_399_days_2021'))
 ORDER BY rule;
SELECT rule, severity, detail
  FROM profcheck.lint((SELECT der FROM fixture WHERE name = 'bad_rsa_1024_2021'))
 WHERE severity >= 'error' ORDER BY rule;

-- Clean fixtures (manifest '-') have no finding at warn or above, except
-- two that BR 2.0 brought for every subscriber certificate since 2023-09-15
-- (commonName and subjectKeyIdentifier are NOT RECOMMENDED there, while RFC
-- 5280 still recommends the subjectKeyIdentifier).
SELECT f.name, l.rule, l.detail
  FROM fixture f JOIN manifest m ON m.name = f.name, LATERAL profcheck.lint(f.der) l
 WHERE m.fires = '-' AND l.severity >= 'warn'
   AND l.rule NOT IN ('w_subject_common_name_included', 'w_ext_subject_key_identifier_missing_sub_cert')
 ORDER BY 1, 2;

-- Every fixture fires exactly the rules its manifest row lists, among the
-- rules the manifest names (other families have fixtures of their own): no rows.
WITH named AS (
    SELECT DISTINCT r FROM manifest m, unnest(string_to_array(nullif(m.fires, '-'), ',')) r),
got AS (
    SELECT f.name, string_agg(l.rule, ',' ORDER BY l.rule) AS rules
      FROM fixture f LEFT JOIN LATERAL profcheck.lint(f.der) l ON l.rule IN (SELECT r FROM named)
     GROUP BY f.name),
want AS (
    SELECT m.name, (SELECT string_agg(r, ',' ORDER BY r)
                      FROM unnest(string_to_array(nullif(m.fires, '-'), ',')) r) AS rules
      FROM manifest m)
SELECT name, want.rules AS want, got.rules AS got
  FROM want JOIN got USING (name)
 WHERE want.rules IS DISTINCT FROM got.rules
 ORDER BY name;

-- Every finding's rule, severity, source and citation are those of the catalogue.
SELECT DISTINCT l.rule, l.severity, l.source, l.citation
  FROM fixture f, LATERAL profcheck.lint(f.der) l
EXCEPT
SELECT rule, severity, source, citation FROM profcheck.rules
 ORDER BY 1;

-- passes() agrees with lint() on every fixture at every threshold: 0.
SELECT count(*) AS disagreements
  FROM fixture f, unnest(enum_range(NULL::profcheck.severity)) t(threshold)
 WHERE profcheck.passes(f.der, t.threshold) IS DISTINCT FROM
       NOT EXISTS (SELECT 1 FROM profcheck.lint(f.der) l WHERE l.severity >= t.threshold);
-- The default threshold is 'error': 0.
SELECT count(*) AS disagreements
  FROM fixture f
 WHERE profcheck.passes(f.der) IS DISTINCT FROM profcheck.passes(f.der, 'error');
-- What each threshold lets through for a warning-only and an error certificate.
SELECT f.name, t.threshold, profcheck.passes(f.der, t.threshold) AS passes
  FROM fixture f, unnest(enum_range(NULL::profcheck.severity)) t(threshold)
 WHERE f.name IN ('bad_validity_398_days_2021', 'bad_validity_399_days_2021', 'malformed_random')
 ORDER BY f.name, t.threshold;

-- Bytes that are not a certificate: one fatal row naming what and where
-- (a byte offset), never an error, so a scan over history never stops.
SELECT f.name, l.rule, l.severity, l.detail
  FROM fixture f, LATERAL profcheck.lint(f.der) l
 WHERE f.name LIKE 'malformed%'
 ORDER BY 1, 2;
SELECT t.label, l.rule, l.severity, l.detail ~ 'offset [0-9]+' AS has_offset, l.detail
  FROM (VALUES ('1 empty', '\x'::bytea),
               ('2 one zero byte', '\x00'),
               ('3 lone SEQUENCE tag', '\x30'),
               ('4 INTEGER, not SEQUENCE', '\x020101'),
               ('5 SEQUENCE of one INTEGER', '\x3003020101'),
               ('6 indefinite length', '\x30800000'),
               ('7 text', convert_to('-----BEGIN CERTIFICATE-----', 'UTF8')),
               ('8 100 kB of 0xff', decode(repeat('ff', 100000), 'hex'))) AS t(label, der),
       LATERAL profcheck.lint(t.der) l
 ORDER BY t.label;
-- Every proper prefix of a good certificate, and of a bare TBSCertificate:
-- each exactly one fatal row with an offset.  No rows.
SELECT f.name, n, count(l.rule) AS findings,
       bool_and(l.rule = 'f_certificate_unparseable' AND l.detail ~ 'offset [0-9]+') AS fatal_with_offset
  FROM fixture f, generate_series(0, length(f.der) - 1) n
       LEFT JOIN LATERAL profcheck.lint(substr(f.der, 1, n)) l ON true
 WHERE f.name IN ('good_dv_2021', 'tbs_dv_2021')
 GROUP BY f.name, n
HAVING count(l.rule) <> 1
    OR NOT bool_and(l.rule = 'f_certificate_unparseable' AND l.detail ~ 'offset [0-9]+')
 ORDER BY 1, 2;

-- NULL in, nothing out: lint is STRICT; passes(NULL) is NULL (a CHECK
-- constraint accepts it; NOT NULL is the column's job).  A NULL threshold
-- means the default.
SELECT count(*) AS rows_for_null FROM profcheck.lint(NULL);
SELECT profcheck.passes(NULL) AS null_cert,
       profcheck.passes((SELECT der FROM fixture WHERE name = 'incident_vpn_1'), NULL) AS null_threshold;

-- der(): PEM text to DER; the PEM file gives the same bytes as the fixture.
\set pem `cat test/fixtures/good_dv_2021.pem`
SELECT profcheck.der(:'pem') = der AS same_bytes FROM fixture WHERE name = 'good_dv_2021';
SELECT count(*) AS findings FROM profcheck.lint(profcheck.der(:'pem'));
SELECT profcheck.der('no PEM here');

-- A parallel scan gives the same findings as a serial one, so the labels
-- IMMUTABLE and PARALLEL SAFE hold in workers too.
CREATE TABLE lint_serial AS
  SELECT f.name, l.* FROM fixture f, LATERAL profcheck.lint(f.der) l;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT f.name, l.* FROM fixture f, LATERAL profcheck.lint(f.der) l;
SELECT count(*) AS differences FROM (
  (SELECT f.name, l.* FROM fixture f, LATERAL profcheck.lint(f.der) l
   EXCEPT ALL SELECT * FROM lint_serial)
  UNION ALL
  (SELECT * FROM lint_serial
   EXCEPT ALL SELECT f.name, l.* FROM fixture f, LATERAL profcheck.lint(f.der) l)) d;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP TABLE lint_serial, manifest, fixture;
RESET search_path;
DROP SCHEMA lint_test;
