-- profcheck 0.1: lint X.509 certificates stored as DER in bytea columns.
\echo Use "CREATE EXTENSION profcheck" to load this file. \quit

CREATE TYPE profcheck.severity AS ENUM ('info', 'notice', 'warn', 'error', 'fatal');
COMMENT ON TYPE profcheck.severity IS
  'How serious a finding is: info < notice < warn < error < fatal (input that is not a certificate).';

CREATE FUNCTION profcheck.lint(cert bytea)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_lint'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.lint(bytea) IS
  'One row per rule the certificate (DER, or a bare TBSCertificate) violates, judged by the rules in force at its notBefore; no rows means clean. Bytes that are not a certificate give one fatal row.';

CREATE FUNCTION profcheck.lint(cert bytea, "at" timestamptz)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_lint'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.lint(bytea, timestamptz) IS
  'As lint(cert), but judged by the rules in force at the given instant instead of at notBefore (for certificates being issued now: lint(der, now())).';

CREATE FUNCTION profcheck.passes(cert bytea, threshold profcheck.severity DEFAULT 'error')
RETURNS boolean
AS 'MODULE_PATHNAME', 'pc_sql_passes'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.passes(bytea, profcheck.severity) IS
  'True when no finding reaches the threshold (default error); for CHECK constraints.';

CREATE FUNCTION profcheck.rule_catalog()
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text,
               effective_from date, effective_until date, scope text, description text)
AS 'MODULE_PATHNAME', 'pc_sql_rule_catalog'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE VIEW profcheck.rules AS
  SELECT rule, severity, source, citation, effective_from, effective_until, scope, description
    FROM profcheck.rule_catalog();
COMMENT ON VIEW profcheck.rules IS
  'Every built-in rule: name, severity, source document, citation, window [effective_from, effective_until), scope, description.';

CREATE FUNCTION profcheck.enforce()
RETURNS trigger
AS 'MODULE_PATHNAME', 'pc_sql_enforce'
LANGUAGE C;
COMMENT ON FUNCTION profcheck.enforce() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger. Arguments: column name, optional threshold (default error). Rejects with SQLSTATE 23514 listing every violated rule.';

CREATE FUNCTION profcheck.der(pem text)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pc_sql_der'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.der(text) IS
  'The DER bytes of the first PEM CERTIFICATE block in the text.';

-- What a certificate says.  NULL for bytes that are not a certificate.
CREATE FUNCTION profcheck.cert_info(cert bytea,
    OUT serial text, OUT issuer text, OUT subject text,
    OUT not_before timestamptz, OUT not_after timestamptz, OUT sha256 bytea,
    OUT key_type text, OUT key_bits integer, OUT san text[], OUT eku text[],
    OUT policies text[], OUT is_ca boolean, OUT is_precert boolean, OUT kind text[],
    OUT validity_days bigint)
AS 'MODULE_PATHNAME', 'pc_sql_cert_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.cert_info(bytea) IS
  'Serial (hex), issuer and subject (RFC 4514), validity, SHA-256, key, SANs, EKU and policy OIDs, CA/precertificate flags and the kinds profcheck applies rules by.';

CREATE FUNCTION profcheck.not_before(cert bytea) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'pc_sql_not_before' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.not_after(cert bytea) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'pc_sql_not_after' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.serial(cert bytea) RETURNS text
AS 'MODULE_PATHNAME', 'pc_sql_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.issuer(cert bytea) RETURNS text
AS 'MODULE_PATHNAME', 'pc_sql_issuer' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.subject(cert bytea) RETURNS text
AS 'MODULE_PATHNAME', 'pc_sql_subject' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.is_precert(cert bytea) RETURNS boolean
AS 'MODULE_PATHNAME', 'pc_sql_is_precert' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION profcheck.sha256(cert bytea) RETURNS bytea
AS 'MODULE_PATHNAME', 'pc_sql_sha256' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.sha256(bytea) IS 'SHA-256 fingerprint of the stored bytes.';
