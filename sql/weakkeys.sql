--
-- weakkeys: e_debian_weak_key and the list the CA loads into profcheck.weak_key
-- (BR 6.1.1.3(5), ballot SC-073, in force from 2024-11-15).
--
-- The real lists are too large for a test, so the list here holds the key of
-- the br_profile fixtures' TLS subscriber certificates: the fingerprint
-- 5a151f81f4cff12bfc1b is the last 20 hex digits of
--   openssl x509 -noout -modulus -in test/fixtures/br_profile/good_tls_2025.pem | sha1sum
-- (test/cli.sh and the unit tests compute it from the certificate; profcheck
-- has no SQL accessor for the modulus).
--
CREATE SCHEMA weakkeys_test;
SET search_path = weakkeys_test;

CREATE TABLE cert (name text PRIMARY KEY, der bytea NOT NULL);
\set pem `cat test/fixtures/br_profile/good_tls_2025.pem`
INSERT INTO cert VALUES ('tls_2025', profcheck.der(:'pem'));
-- the same key in a certificate issued before the rule took effect
\set pem `cat test/fixtures/br_profile/bad_aia_no_ocsp_2023.pem`
INSERT INTO cert VALUES ('tls_2023', profcheck.der(:'pem'));
SELECT name, (profcheck.cert_info(der)).not_before, (profcheck.cert_info(der)).key_type,
       (profcheck.cert_info(der)).key_bits
  FROM cert ORDER BY name;

-- Findings of the rule for both certificates, now and judged in 2025.
CREATE FUNCTION weak_findings() RETURNS TABLE (name text, judged text, detail text)
LANGUAGE sql AS $$
  SELECT c.name, 'at notBefore', l.detail
    FROM cert c, profcheck.lint(c.der) l WHERE l.rule = 'e_debian_weak_key'
  UNION ALL
  SELECT c.name, 'at 2025-06-01', l.detail
    FROM cert c, profcheck.lint(c.der, '2025-06-01'::timestamptz) l WHERE l.rule = 'e_debian_weak_key'
  ORDER BY 1, 2
$$;

SELECT rule, severity, source, citation, effective_from, scope
  FROM profcheck.rules WHERE rule = 'e_debian_weak_key';

-- No list loaded: the rule has nothing to compare with and stays quiet.
SELECT count(*) AS keys FROM profcheck.weak_key;
SELECT * FROM weak_findings();
SELECT profcheck.passes(der) AS passes_2025 FROM cert WHERE name = 'tls_2025';

-- A list without the key: quiet.  Comments, blank lines, CRLF and upper-case
-- hex are accepted; a repeated key is stored once.
SELECT profcheck.load_weak_keys(2048,
  E'# openssl-blacklist format\n00005890bc78bcbee3ca\r\n\n00005C9C49FD31E889A3\n  0000d80c186767f2473a  \n00005890bc78bcbee3ca\n# end\n',
  'test: other keys') AS added;
SELECT bits, encode(fingerprint, 'hex') AS fingerprint, source FROM profcheck.weak_key ORDER BY 1, 2;
SELECT * FROM weak_findings();

-- The key's fingerprint in a list of another size: still quiet, the size is
-- part of the key's name.
SELECT profcheck.load_weak_keys(4096, E'5a151f81f4cff12bfc1b\n', 'test: wrong size') AS added;
SELECT * FROM weak_findings();

-- Malformed lists are refused with the line number, and store nothing.
SELECT profcheck.load_weak_keys(2048, E'# fine\n5a151f81f4cff12bfc1b\nnot a key\n');
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1\n');
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b00\n');
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1g\n');
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b # trailing comment\n');
SELECT profcheck.load_weak_keys(1, E'5a151f81f4cff12bfc1b\n');
SELECT profcheck.load_weak_keys(NULL, E'5a151f81f4cff12bfc1b\n');
SELECT profcheck.load_weak_keys(2048, '') AS added_from_empty_list;
SELECT count(*) AS keys FROM profcheck.weak_key;
SELECT * FROM weak_findings();
-- The table itself refuses what is not a fingerprint.
INSERT INTO profcheck.weak_key VALUES (2048, '\x5a151f81'::bytea, 'short');

-- Load the key into the 2048-bit list: the 2025 certificate is refused, the
-- 2023 one only when judged by the rules of 2025.
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n', 'test: the fixture key') AS added;
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n', 'again') AS added_again;
SELECT * FROM weak_findings();
SELECT profcheck.passes(der) AS passes_2025 FROM cert WHERE name = 'tls_2025';

-- The enforce trigger refuses the certificate.
CREATE TABLE issued (id serial PRIMARY KEY, der bytea NOT NULL);
CREATE TRIGGER issued_lint BEFORE INSERT OR UPDATE ON issued
  FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der');
INSERT INTO issued (der) SELECT der FROM cert WHERE name = 'tls_2025';
SELECT count(*) AS stored FROM issued;

-- Workers of a parallel query read the list too.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT c.name FROM cert c, LATERAL profcheck.lint(c.der) l WHERE l.rule = 'e_debian_weak_key';
SELECT c.name FROM cert c, LATERAL profcheck.lint(c.der) l WHERE l.rule = 'e_debian_weak_key';
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- A change rolled back is forgotten with it.
DELETE FROM profcheck.weak_key WHERE source = 'test: the fixture key';
BEGIN;
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n', 'rolled back') AS added;
SELECT * FROM weak_findings();
ROLLBACK;
SELECT * FROM weak_findings();

-- Another session's changes are seen once they commit: this session has just
-- read the list (without the key), the second session adds the key, and the
-- next lint here must fire; then the second session empties the list.
\setenv PGDATABASE :DBNAME
\! psql -X -q -At -c "SELECT 'other session added ' || profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n', 'other session')"
SELECT * FROM weak_findings();
\! psql -X -q -At -c "TRUNCATE profcheck.weak_key"
SELECT count(*) AS keys FROM profcheck.weak_key;
SELECT * FROM weak_findings();

-- Only members of profcheck_admin may load lists; everyone's lint reads them
-- (the load below makes the reader's first lint read the table).
CREATE ROLE weakkeys_reader;
GRANT USAGE ON SCHEMA weakkeys_test TO weakkeys_reader;
GRANT SELECT ON cert TO weakkeys_reader;
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n', 'for the reader') AS added;
SET ROLE weakkeys_reader;
SELECT profcheck.load_weak_keys(2048, E'5a151f81f4cff12bfc1b\n');
DELETE FROM profcheck.weak_key;
SELECT c.name FROM cert c, profcheck.lint(c.der) l WHERE l.rule = 'e_debian_weak_key';
RESET ROLE;
DELETE FROM profcheck.weak_key;
SELECT * FROM weak_findings();

DROP OWNED BY weakkeys_reader;
DROP ROLE weakkeys_reader;
DROP TABLE issued, cert;
DROP FUNCTION weak_findings();
RESET search_path;
DROP SCHEMA weakkeys_test;
