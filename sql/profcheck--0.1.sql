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
