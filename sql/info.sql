-- What a certificate says: cert_info, the scalar accessors, der(), and
-- lint(cert, at) judging by the rules in force at a given instant.
\set QUIET on
CREATE SCHEMA info;
SET search_path = info, public;
\i test/fixtures/fixtures.sql
\set QUIET off

-- The incident-2 certificate as its report describes it.
SELECT serial, issuer, subject, not_before, not_after, validity_days,
       key_type, key_bits, san, eku, policies, is_ca, is_precert, kind
  FROM profcheck.cert_info((SELECT der FROM fixture WHERE name = 'incident_vpn_1'));

-- The incident-1 precertificates: IV policy, no personal name.
SELECT name, profcheck.serial(der), profcheck.subject(der), profcheck.not_before(der),
       profcheck.is_precert(der), (profcheck.cert_info(der)).policies
  FROM fixture WHERE name LIKE 'incident_ivcp%' ORDER BY name;

-- A CA certificate and the kinds rules are applied by.
SELECT name, (profcheck.cert_info(der)).kind, (profcheck.cert_info(der)).is_ca
  FROM fixture WHERE name IN ('good_root', 'good_tls_ca', 'good_dv_2021') ORDER BY name;

-- The fingerprint is of the bytes as stored, and matches PostgreSQL's own.
SELECT count(*) AS fixtures,
       count(*) FILTER (WHERE profcheck.sha256(der) = sha256(der)) AS same_fingerprint
  FROM fixture;

-- Bytes that are not a certificate: accessors give NULL, never an error.
SELECT name, profcheck.cert_info(der) IS NULL AS info_null, profcheck.not_before(der) IS NULL AS nb_null,
       profcheck.sha256(der) IS NOT NULL AS has_fingerprint
  FROM fixture WHERE name LIKE 'malformed%' ORDER BY name;

-- Accessors fit expression indexes (IMMUTABLE).
CREATE TABLE cert_idx AS SELECT name, der FROM fixture;
CREATE INDEX ON cert_idx (profcheck.not_before(der));
CREATE INDEX ON cert_idx (profcheck.serial(der));
SET enable_seqscan = off;
SELECT name FROM cert_idx WHERE profcheck.serial(der) = '03549d12dae60ababce088d2210a';
RESET enable_seqscan;

-- der(): PEM to DER; the round trip gives the same bytes.
SELECT profcheck.der(
  '-----BEGIN CERTIFICATE-----' || E'\n' ||
  encode((SELECT der FROM fixture WHERE name = 'good_dv_2021'), 'base64') || E'\n' ||
  '-----END CERTIFICATE-----') = (SELECT der FROM fixture WHERE name = 'good_dv_2021') AS round_trip;
SELECT profcheck.der('no certificate here');

-- lint(cert, at): the 399-day certificate of 2021 judged in 2019 (before the
-- 398-day rule) and in 2022 (under it).
SELECT l.rule FROM fixture f, LATERAL profcheck.lint(f.der, "at" => '2019-01-01 00:00:00+00') l
 WHERE f.name = 'bad_validity_399_days_2021' AND l.rule LIKE '%valid_time%' ORDER BY 1;
SELECT l.rule FROM fixture f, LATERAL profcheck.lint(f.der, "at" => '2022-01-01 00:00:00+00') l
 WHERE f.name = 'bad_validity_399_days_2021' AND l.rule LIKE '%valid_time%' ORDER BY 1;
-- A 2021 certificate valid 397 days is fine at notBefore, too long under the 200-day rule.
SELECT l.rule, l.severity FROM fixture f, LATERAL profcheck.lint(f.der, '2026-04-01 00:00:00+00'::timestamptz) l
 WHERE f.name = 'good_dv_2021' AND l.rule LIKE '%valid_time%' ORDER BY 1;

-- lint(cert, issuer): chain rules run only when the issuer is given.
SELECT f.name, i.name AS issuer, l.rule, l.detail
  FROM fixture f JOIN fixture i ON (f.name, i.name) IN (('good_dv_2021', 'good_tls_ca'),
                                                        ('good_tls_ca', 'good_root'),
                                                        ('good_dv_2021', 'good_root'),
                                                        ('good_dv_2021', 'good_ov_2021'),
                                                        ('good_dv_2021', 'malformed_truncated')),
       LATERAL profcheck.lint(f.der, issuer => i.der) l
 WHERE l.rule LIKE '%chain%' OR l.rule LIKE 'f\_%'
 ORDER BY 1, 2, 3;
SELECT count(*) AS chain_findings_without_issuer
  FROM fixture f, LATERAL profcheck.lint(f.der) l WHERE l.rule LIKE '%chain%';

-- precert_matches: the precertificate and certificate pair of the fixtures
-- correspond; a different certificate does not.
SELECT * FROM profcheck.precert_matches((SELECT der FROM fixture WHERE name = 'good_precert_2021'),
                                        (SELECT der FROM fixture WHERE name = 'good_sct_2021'));
SELECT * FROM profcheck.precert_matches((SELECT der FROM fixture WHERE name = 'good_precert_2021'),
                                        (SELECT der FROM fixture WHERE name = 'good_dv_2021'));
SELECT * FROM profcheck.precert_matches((SELECT der FROM fixture WHERE name = 'good_sct_2021'),
                                        (SELECT der FROM fixture WHERE name = 'malformed_random'));

-- Chain rules on a constrained CA (P-384 key, pathLen 0, EKU serverAuth,
-- name constraints) and what it issued: each fixture breaks one rule.
\set QUIET on
\i test/fixtures/chain/chain.sql
\set QUIET off
SELECT c.name, l.rule, l.detail
  FROM chain_fixture c
  JOIN (SELECT name, der FROM fixture UNION ALL SELECT name, der FROM chain_fixture) i ON i.name = c.issuer,
       LATERAL profcheck.lint(c.der, issuer => i.der) l
 WHERE l.rule LIKE '%chain%'
 ORDER BY 1, 2;
-- and the well-behaved ones give none
SELECT c.name, count(l.rule) AS chain_findings
  FROM chain_fixture c
  JOIN (SELECT name, der FROM fixture UNION ALL SELECT name, der FROM chain_fixture) i ON i.name = c.issuer
  LEFT JOIN LATERAL profcheck.lint(c.der, issuer => i.der) l ON l.rule LIKE '%chain%'
 WHERE c.name IN ('chain_constrained_ca', 'chain_leaf_ok')
 GROUP BY 1 ORDER BY 1;
