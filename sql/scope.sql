--
-- scope: what kind of certificate each fixture is (requirements 0.4, shown by
-- cert_info's kind), and rules applied by that kind, so that a code signing,
-- timestamping, S/MIME or OCSP responder certificate is not judged by the
-- rules for TLS server certificates (ZLint's "no EKU means TLS" false
-- positives), while a TLS certificate with the same defects is.
--
-- The suites share one database: work in a schema of our own.
CREATE SCHEMA scope_test;
SET search_path = scope_test;
\set ECHO none
\i test/fixtures/fixtures.sql
\set ECHO all

-- One certificate of each kind, in the order of requirements 0.4.
CREATE TABLE specimen (ord int PRIMARY KEY, what text NOT NULL, name text NOT NULL);
INSERT INTO specimen VALUES
    ( 1, 'precertificate',                'good_precert_2021'),
    ( 2, 'root CA',                       'good_root'),
    ( 3, 'subordinate CA',                'good_tls_ca'),
    ( 4, 'OCSP responder',                'scope_ocsp_responder_2021'),
    ( 5, 'precertificate signing CA',     'scope_precert_signing_ca_2021'),
    ( 6, 'TLS subscriber, DV',            'good_dv_2021'),
    ( 7, 'TLS subscriber, OV',            'good_ov_2021'),
    ( 8, 'TLS subscriber, IV',            'good_iv_2021'),
    ( 9, 'TLS subscriber, EV',            'good_ev_2021'),
    (10, 'TLS subscriber, no EKU',        'scope_no_eku_2021'),
    (11, 'S/MIME subscriber, rfc822Name', 'scope_smime_2021'),
    (12, 'S/MIME subscriber, SmtpUTF8Mailbox', 'scope_smime_utf8_mailbox_2021'),
    (13, 'code signing',                  'scope_code_signing_2021'),
    (14, 'timestamping',                  'scope_timestamping_2021'),
    (15, 'client authentication only',    'scope_client_auth_2021'),
    (16, 'code signing as TLS twin',      'scope_code_signing_as_tls_2021'),
    (17, 'timestamping as TLS twin',      'scope_timestamping_as_tls_2021'),
    (18, 'S/MIME as TLS twin',            'scope_smime_as_tls_2021');
-- Every specimen is a fixture.
SELECT s.name AS missing FROM specimen s LEFT JOIN fixture f USING (name) WHERE f.name IS NULL;

-- What cert_info reports.  Notes:
-- * a CA's kind carries dv/ov/iv/ev when its certificatePolicies name those
--   OIDs (good_tls_ca, the precertificate signing CA); rules scoped to DV,
--   OV, IV or EV also require "subscriber", so no subscriber rule applies;
-- * the root is recognised by its subject and issuer being the same bytes
--   (the self-signature is not verified at decode);
-- * an emailProtection certificate whose SAN has only an otherName
--   id-on-SmtpUTF8Mailbox is S/MIME (requirements 0.4), like one with an
--   rfc822Name or an S/MIME BR policy OID (specimen 12).
SELECT s.ord, s.what, i.kind, i.is_ca, i.is_precert, i.eku
  FROM specimen s JOIN fixture f USING (name), LATERAL profcheck.cert_info(f.der) i
 ORDER BY s.ord;

-- The scopes of the rule catalogue, in the words of cert_info's kind.
SELECT DISTINCT scope FROM profcheck.rules ORDER BY scope;

-- The engine honours every scope: across all fixtures, no finding comes from
-- a rule whose scope names a kind the certificate lacks, or excludes one it
-- has ("subscriber, tls; not smime, code signing": both required, neither
-- allowed).  A note in parentheses after the kinds tells how the check
-- narrows them further; the kinds alone must already hold.
CREATE VIEW finding_scope AS
SELECT f.name, l.rule, r.scope, i.kind,
       CASE WHEN split_part(k.kinds, '; not ', 1) = 'any' THEN '{}'::text[]
            ELSE string_to_array(split_part(k.kinds, '; not ', 1), ', ') END AS required,
       CASE WHEN k.kinds LIKE '%; not %' THEN string_to_array(split_part(k.kinds, '; not ', 2), ', ')
            ELSE '{}'::text[] END AS excluded
  FROM fixture f
  CROSS JOIN LATERAL profcheck.lint(f.der) l
  JOIN profcheck.rules r ON r.rule = l.rule
  CROSS JOIN LATERAL (SELECT regexp_replace(r.scope, ' \(.*\)$', '') AS kinds) k
  LEFT JOIN LATERAL profcheck.cert_info(f.der) i ON true;
SELECT count(*) FILTER (WHERE kind IS NOT NULL) > 200 AS enough_findings_checked,
       count(*) FILTER (WHERE kind IS NOT NULL AND NOT (kind @> required AND NOT kind && excluded))
           AS outside_their_scope
  FROM finding_scope;
-- The check sees the scopes that matter here.
SELECT DISTINCT scope FROM finding_scope
 WHERE scope IN ('subscriber, tls', 'subscriber, tls; not smime, code signing',
                 'ca, subordinate ca', 'precertificate', 'subscriber, iv')
 ORDER BY scope;

-- No rule that needs a TLS subscriber fires on the certificates that are not
-- TLS (specimens 2 to 5 and 11 to 15), although these break several of them;
-- each such rule that fires on a specimen is listed.
SELECT s.ord, s.what, array_agg(DISTINCT fs.rule ORDER BY fs.rule) FILTER (WHERE fs.rule IS NOT NULL) AS tls_rules_fired
  FROM specimen s
  LEFT JOIN finding_scope fs ON fs.name = s.name AND 'tls' = ANY (fs.required)
 WHERE s.ord IN (2, 3, 4, 5, 11, 12, 13, 14, 15)
 GROUP BY s.ord, s.what ORDER BY s.ord;

-- Rules for TLS server certificates, each broken by the non-TLS specimens:
-- which fire on each specimen (at warn and above, plus the CT policy notice).
-- On the code signing, timestamping and S/MIME certificates none of them
-- apply; on their twins (the same certificates with EKU serverAuth) and on
-- the certificate without EKU they do.
--
-- w_ct_sct_policy_count_unsatisfied (Apple's CT policy, which is about TLS
-- server certificates) is scoped to TLS subscribers that are not
-- precertificates, S/MIME or code signing certificates; ZLint judges every
-- subscriber by it, which this suite keeps us from doing.
CREATE TABLE tls_rule (rule text PRIMARY KEY);
INSERT INTO tls_rule VALUES
    ('e_sub_cert_valid_time_longer_than_398_days'),
    ('e_tls_server_cert_valid_time_longer_than_398_days'),
    ('e_sub_cert_valid_time_longer_than_825_days'),
    ('w_sub_cert_valid_time_longer_than_397_days'),
    ('e_ext_san_missing'),
    ('e_subject_common_name_not_from_san'),
    ('e_ext_san_rfc822_name_present'),
    ('e_eku_critical'),
    ('e_sub_cert_eku_missing'),
    ('e_sub_cert_eku_server_auth_client_auth_missing'),
    ('e_sub_cert_certificate_policies_missing'),
    ('e_sub_cert_aia_missing'),
    ('e_missing_crl_distrib_point'),
    ('w_ct_sct_policy_count_unsatisfied');
-- Every one is a built-in rule.  All but two are scoped to TLS subscribers in
-- the catalogue: e_ext_san_rfc822_name_present's kind bits say "any" and its
-- check narrows it to TLS leaves in substance, which its scope text says.
SELECT t.rule, r.severity, r.scope
  FROM tls_rule t LEFT JOIN profcheck.rules r USING (rule) ORDER BY t.rule;
SELECT s.ord, s.what,
       array_agg(l.rule ORDER BY l.rule) FILTER (WHERE l.rule IS NOT NULL) AS fired
  FROM specimen s JOIN fixture f USING (name)
  LEFT JOIN LATERAL (SELECT l.rule FROM profcheck.lint(f.der) l JOIN tls_rule USING (rule)) l ON true
 WHERE s.ord >= 10
 GROUP BY s.ord, s.what ORDER BY s.ord;

-- Twins side by side: the findings at warn and above that the TLS twin has
-- and the certificate itself has not, and the other way round.
SELECT s.what AS certificate,
       ARRAY(SELECT rule FROM profcheck.lint(t.der) WHERE severity >= 'warn'
             EXCEPT SELECT rule FROM profcheck.lint(c.der) WHERE severity >= 'warn' ORDER BY 1) AS only_as_tls,
       ARRAY(SELECT rule FROM profcheck.lint(c.der) WHERE severity >= 'warn'
             EXCEPT SELECT rule FROM profcheck.lint(t.der) WHERE severity >= 'warn' ORDER BY 1) AS only_as_itself
  FROM specimen s
  JOIN fixture c ON c.name = s.name
  JOIN fixture t ON t.name = replace(s.name, '_2021', '_as_tls_2021')
 WHERE s.ord IN (11, 13, 14)
 ORDER BY s.ord;

-- The same decision through passes() and the enforce trigger: the code
-- signing, timestamping and S/MIME certificates pass at 'warn', their twins
-- do not.
SELECT s.ord, s.what, profcheck.passes(f.der, 'warn') AS passes_warn
  FROM specimen s JOIN fixture f USING (name)
 WHERE s.ord IN (11, 13, 14, 16, 17, 18) ORDER BY s.ord;
CREATE TABLE issued (ord int, der bytea);
CREATE TRIGGER issued_lint BEFORE INSERT ON issued
    FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'warn', 'at=notbefore');
DO $$
DECLARE s record;
BEGIN
    FOR s IN SELECT * FROM specimen WHERE ord IN (11, 13, 14, 16, 17, 18) ORDER BY ord LOOP
        BEGIN
            INSERT INTO issued SELECT s.ord, der FROM fixture WHERE name = s.name;
        EXCEPTION WHEN check_violation THEN
            RAISE NOTICE '% refused (SQLSTATE %)', s.what, SQLSTATE;
        END;
    END LOOP;
END $$;
SELECT i.ord, s.what FROM issued i JOIN specimen s USING (ord) ORDER BY i.ord;

-- Judged by the rules of their own kinds (CA, root, sub-CA, OCSP responder),
-- the CA and OCSP responder specimens have nothing at warn or above.
SELECT s.ord, s.what, count(*) FILTER (WHERE l.severity >= 'warn') AS findings_at_warn
  FROM specimen s JOIN fixture f USING (name) LEFT JOIN LATERAL profcheck.lint(f.der) l ON true
 WHERE s.ord IN (2, 3, 4, 5)
 GROUP BY s.ord, s.what ORDER BY s.ord;

DROP VIEW finding_scope;
DROP TABLE specimen, tls_rule, issued, fixture;
RESET search_path;
DROP SCHEMA scope_test;
