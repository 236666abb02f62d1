--
-- contract: the SQL names of DESIGN.md section 3 exist with the labels
-- users rely on.  Only contract objects are looked at, by exact signature,
-- so functions added beside them do not change this output.
--

-- The extension lives in its own schema.
SELECT extname, extnamespace::regnamespace AS schema, extrelocatable
  FROM pg_extension WHERE extname = 'profcheck';

-- profcheck.severity: the labels, in order, and that they compare in that order.
SELECT enumsortorder::int AS pos, enumlabel
  FROM pg_enum
 WHERE enumtypid = 'profcheck.severity'::regtype
 ORDER BY enumsortorder;
SELECT 'info'::profcheck.severity < 'notice'
   AND 'notice'::profcheck.severity < 'warn'
   AND 'warn'::profcheck.severity < 'error'
   AND 'error'::profcheck.severity < 'fatal' AS ordered;

-- The contract functions: volatility (i = IMMUTABLE), parallel safety
-- (s = SAFE), strictness, set-returning, arguments and result.
SELECT p.oid::regprocedure AS function,
       p.provolatile AS volatile,
       p.proparallel AS parallel,
       p.proisstrict AS strict,
       p.proretset AS retset,
       l.lanname AS language
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.oid IN ('profcheck.lint(bytea)'::regprocedure,
                 'profcheck.passes(bytea, profcheck.severity)'::regprocedure,
                 'profcheck.enforce()'::regprocedure)
 ORDER BY p.oid::regprocedure::text;
SELECT p.oid::regprocedure AS function,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result
  FROM pg_proc p
 WHERE p.oid IN ('profcheck.lint(bytea)'::regprocedure,
                 'profcheck.passes(bytea, profcheck.severity)'::regprocedure,
                 'profcheck.enforce()'::regprocedure)
 ORDER BY p.oid::regprocedure::text;

-- lint(): the five output columns, in order, with their types.
SELECT n AS pos, name, format_type(typ, NULL) AS type
  FROM pg_proc p,
       unnest(p.proargnames, p.proallargtypes::oid[], p.proargmodes::text[])
         WITH ORDINALITY AS a(name, typ, mode, n)
 WHERE p.oid = 'profcheck.lint(bytea)'::regprocedure AND mode = 't'
 ORDER BY n;

-- passes() takes its threshold by name and defaults it to 'error'.
SELECT profcheck.passes(cert => '\x'::bytea) AS empty_default,
       profcheck.passes(cert => '\x'::bytea, threshold => 'fatal') AS empty_at_fatal_threshold;

-- The rules view: its columns in order and their types.
SELECT c.relkind, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
 WHERE c.oid = 'profcheck.rules'::regclass AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum;

-- One row per built-in rule, with every field a user reads filled in.
SELECT count(*) > 1 AS has_rules,
       count(*) = count(DISTINCT rule) AS one_row_per_rule,
       bool_and(severity IS NOT NULL AND source <> '' AND scope <> ''
                AND description <> '') AS metadata_filled
  FROM profcheck.rules;

-- Every name starts with a severity-style prefix (e_, w_, n_, i_, f_; the
-- prefix need not match the severity: DESIGN keeps ZLint's names where a
-- rule checks the same requirement) and every window is non-empty.  Any row
-- here is a bad rule.
SELECT rule, severity, effective_from, effective_until
  FROM profcheck.rules
 WHERE rule !~ '^[ewnif]_'
    OR effective_until <= effective_from
 ORDER BY rule;

-- The rule used for bytes that are not a certificate is in the catalogue.
SELECT rule, severity, source FROM profcheck.rules WHERE rule = 'f_certificate_unparseable';
