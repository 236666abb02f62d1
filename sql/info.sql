-- What a certificate says: cert_info, the scalar accessors, der(), and
-- lint(cert, at) judging by the rules in force at a given instant.
\set QUIET on
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
SELECT l.rule FROM fixture f, LATERAL profcheck.lint(f.der, '2019-01-01 00:00:00+00') l
 WHERE f.name = 'bad_validity_399_days_2021' ORDER BY 1;
SELECT l.rule FROM fixture f, LATERAL profcheck.lint(f.der, '2022-01-01 00:00:00+00') l
 WHERE f.name = 'bad_validity_399_days_2021' ORDER BY 1;
-- A 2021 certificate valid 397 days is fine at notBefore, too long under the 200-day rule.
SELECT l.rule, l.severity FROM fixture f, LATERAL profcheck.lint(f.der, '2026-04-01 00:00:00+00') l
 WHERE f.name = 'good_dv_2021' ORDER BY 1;
