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

CREATE FUNCTION profcheck.lint(cert bytea, issuer bytea)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_lint'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.lint(bytea, bytea) IS
  'As lint(cert), plus the rules that compare the certificate with its issuer''s certificate: signature, names, AKI/SKI, CA flags, path length, name constraints, EKU chaining.';

CREATE FUNCTION profcheck.precert_matches(precert bytea, cert bytea)
RETURNS TABLE (field text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_precert_matches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.precert_matches(bytea, bytea) IS
  'Every difference between a precertificate and its final certificate other than the CT poison and SCT list extensions (RFC 6962 3.2, BR 7.1.2.9); no rows means they correspond.';

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

-- Profiles
-- A CA's certificate profile as versioned, append-only data (DESIGN section 4;
-- C in src/pg/profile.c and src/core/profile.c; documentation in docs/profiles.md).

DO $$ BEGIN CREATE ROLE profcheck_admin NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE profcheck.profile (
  name       text        NOT NULL CHECK (name ~ '^[A-Za-z][A-Za-z0-9 _.-]{0,62}$'
                                     AND lower(name) NOT IN ('now', 'today', 'tomorrow', 'yesterday', 'epoch', 'infinity', 'allballs')),
  version    integer     NOT NULL CHECK (version > 0),
  definition jsonb       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text        NOT NULL DEFAULT current_user,
  note       text,
  PRIMARY KEY (name, version)
);
COMMENT ON TABLE profcheck.profile IS
  'Certificate profiles, one row per version; append-only (UPDATE, DELETE and TRUNCATE are refused). Add versions with profcheck.define_profile().';
GRANT USAGE ON SCHEMA profcheck TO PUBLIC;   -- everyone may read profiles and call lint()
REVOKE ALL ON profcheck.profile FROM PUBLIC;
GRANT SELECT ON profcheck.profile TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('profcheck.profile', '');

CREATE FUNCTION profcheck.profile_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'profcheck.profile is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Add a new version with profcheck.define_profile(); history is never rewritten.';
END $$;
CREATE TRIGGER profile_no_update_delete BEFORE UPDATE OR DELETE ON profcheck.profile
  FOR EACH ROW EXECUTE FUNCTION profcheck.profile_append_only();
CREATE TRIGGER profile_no_truncate BEFORE TRUNCATE ON profcheck.profile
  FOR EACH STATEMENT EXECUTE FUNCTION profcheck.profile_append_only();

CREATE FUNCTION profcheck.define_profile(name text, definition jsonb, note text DEFAULT NULL)
RETURNS integer
AS 'MODULE_PATHNAME', 'pc_sql_define_profile'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION profcheck.define_profile(text, jsonb, text) IS
  'Validate a profile definition strictly (ERROR 22023 naming the key) and store it as the next version of the profile; returns the version. Members of profcheck_admin only.';
REVOKE ALL ON FUNCTION profcheck.define_profile(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION profcheck.define_profile(text, jsonb, text) TO profcheck_admin;

CREATE FUNCTION profcheck.check_profile(definition jsonb, name text DEFAULT 'profile')
RETURNS boolean
AS 'MODULE_PATHNAME', 'pc_sql_check_profile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.check_profile(jsonb, text) IS
  'True when define_profile would accept the definition; otherwise the same ERROR.';

-- When a version takes effect: its effective_from date (UTC midnight) if given, else created_at.
CREATE FUNCTION profcheck.profile_effective(p profcheck.profile) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT COALESCE((($1).definition ->> 'effective_from')::date::timestamp AT TIME ZONE 'UTC', ($1).created_at)
$$;

CREATE FUNCTION profcheck.profile_at(profile text, "at" timestamptz)
RETURNS profcheck.profile
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r profcheck.profile;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM profcheck.profile p WHERE p.name = profile_at.profile) THEN
    RAISE EXCEPTION 'profile "%" does not exist', profile_at.profile USING ERRCODE = 'undefined_object';
  END IF;
  SELECT p.* INTO r FROM profcheck.profile p
   WHERE p.name = profile_at.profile AND profcheck.profile_effective(p) <= profile_at."at"
   ORDER BY p.version DESC LIMIT 1;
  RETURN r;   -- all fields NULL when no version was in force
END $$;
COMMENT ON FUNCTION profcheck.profile_at(text, timestamptz) IS
  'The version of a profile in force at an instant: the highest version whose effective_from (or created_at) is not after it; a row of NULLs when none was.';

CREATE VIEW profcheck.profile_current AS
  SELECT DISTINCT ON (p.name) p.name, p.version, profcheck.profile_effective(p) AS effective_from,
         p.definition, p.created_at, p.created_by, p.note
    FROM profcheck.profile p
   WHERE profcheck.profile_effective(p) <= now()
   ORDER BY p.name, p.version DESC;
COMMENT ON VIEW profcheck.profile_current IS
  'The version of each profile in force now (what enforce() applies).';
GRANT SELECT ON profcheck.profile_current TO PUBLIC;

CREATE FUNCTION profcheck._lint_profile(cert bytea, "at" timestamptz, name text, version integer, definition jsonb)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_lint_profile'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION profcheck.lint(cert bytea, profile text)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- An untyped literal resolves to this overload, so lint(der, '2021-06-01') lands here.
  -- Profile names start with a letter and are never timestamp keywords: anything else
  -- is the instant of lint(cert, at), as it was before profiles existed.
  IF lint.profile !~ '^[A-Za-z]'
     OR lower(lint.profile) IN ('now', 'today', 'tomorrow', 'yesterday', 'epoch', 'infinity', 'allballs') THEN
    RETURN QUERY SELECT l.rule, l.severity, l.source, l.citation, l.detail
                   FROM profcheck.lint(lint.cert, lint.profile::timestamptz) l;
    RETURN;
  END IF;
  RETURN QUERY
    SELECT l.rule, l.severity, l.source, l.citation, l.detail
      FROM profcheck.profile_at(lint.profile, COALESCE(profcheck.not_before(lint.cert), now())) p,
           LATERAL profcheck._lint_profile(lint.cert, NULL, lint.profile, p.version, p.definition) l;
END $$;
COMMENT ON FUNCTION profcheck.lint(bytea, text) IS
  'Built-in findings (filtered by the profile''s "rules") plus the profile''s own, judged by the profile version in force at the certificate''s notBefore. A second argument that is not a profile name (it starts with a digit or sign, or is now/today/...) is read as the instant of lint(cert, at).';

CREATE FUNCTION profcheck.lint(cert bytea, "at" timestamptz, profile text)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT l.* FROM profcheck.profile_at($3, $2) p,
         LATERAL profcheck._lint_profile($1, $2, $3, p.version, p.definition) l
$$;
COMMENT ON FUNCTION profcheck.lint(bytea, timestamptz, text) IS
  'As lint(cert, profile), with built-in rules and the profile version both taken at the given instant.';

CREATE FUNCTION profcheck._audit_profile(name text, version integer, definition jsonb, "at" timestamptz)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
AS 'MODULE_PATHNAME', 'pc_sql_audit_profile'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION profcheck.audit_profile(name text, "at" timestamptz DEFAULT now(), version integer DEFAULT NULL)
RETURNS TABLE (rule text, severity profcheck.severity, source text, citation text, detail text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r profcheck.profile;
BEGIN
  IF audit_profile.version IS NULL THEN
    r := profcheck.profile_at(audit_profile.name, audit_profile."at");
    IF r.version IS NULL THEN
      RAISE EXCEPTION 'profile "%" has no version in force at %', audit_profile.name, audit_profile."at"
        USING ERRCODE = 'no_data_found', HINT = 'Pass version => n to audit a given version.';
    END IF;
  ELSE
    SELECT p.* INTO r FROM profcheck.profile p
     WHERE p.name = audit_profile.name AND p.version = audit_profile.version;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'profile "%" has no version %', audit_profile.name, audit_profile.version
        USING ERRCODE = 'undefined_object';
    END IF;
  END IF;
  RETURN QUERY SELECT a.rule, a.severity, a.source, a.citation, a.detail
                 FROM profcheck._audit_profile(r.name, r.version, r.definition, audit_profile."at") a;
END $$;
COMMENT ON FUNCTION profcheck.audit_profile(text, timestamptz, integer) IS
  'Findings about a profile definition itself (by default the version in force at "at") against the built-in rules in force at "at", with notices for the next scheduled limits.';

-- Audit mode of profcheck.enforce(): findings recorded instead of rejected.
CREATE TABLE profcheck.audit_log (
  id              bigserial PRIMARY KEY,
  relation        regclass    NOT NULL,
  row_key         text,
  cert_sha256     bytea       NOT NULL,
  rule            text        NOT NULL,
  severity        profcheck.severity NOT NULL,
  source          text        NOT NULL,
  profile         text,
  profile_version integer,
  detail          text,
  logged_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE profcheck.audit_log IS
  'Findings recorded by profcheck.enforce() in audit mode (threshold argument audit or audit:<severity>). row_key is the primary key of the row as text (NULL without one).';
REVOKE ALL ON profcheck.audit_log FROM PUBLIC;
GRANT SELECT ON profcheck.audit_log TO profcheck_admin;
SELECT pg_catalog.pg_extension_config_dump('profcheck.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('profcheck.audit_log_id_seq', '');

COMMENT ON FUNCTION profcheck.enforce() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger. Arguments: column name, optional threshold (default error) or audit[:severity], optional profile name; anywhere after the column, at=now (default), at=notbefore or at=<timestamptz>: the instant at which rule windows and the profile version are judged. Rejects with SQLSTATE 23514 listing every violated rule; audit mode records findings in profcheck.audit_log instead.';

-- Known weak keys (BR 6.1.1.3(5), ballot SC-073): e_debian_weak_key looks RSA
-- keys up here.  The lists are data the CA loads (the CA/Browser Forum's Debian
-- weak-key lists); C in src/pg/weakkeys.c, which keeps a copy per backend that
-- the trigger below tells to re-read the table after every change.
CREATE TABLE profcheck.weak_key (
  bits        integer NOT NULL CHECK (bits > 0),
  fingerprint bytea   NOT NULL CHECK (length(fingerprint) = 10),
  source      text,
  PRIMARY KEY (bits, fingerprint)
);
COMMENT ON TABLE profcheck.weak_key IS
  'Known weak RSA keys for e_debian_weak_key: modulus size in bits and the openssl-blacklist fingerprint (last 10 octets of SHA-1 of "Modulus=<upper-case hex>\n"). Load lists with profcheck.load_weak_keys().';
REVOKE ALL ON profcheck.weak_key FROM PUBLIC;
GRANT SELECT ON profcheck.weak_key TO PUBLIC;   -- every lint() reads it
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON profcheck.weak_key TO profcheck_admin;
SELECT pg_catalog.pg_extension_config_dump('profcheck.weak_key', '');

CREATE FUNCTION profcheck.weak_key_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'pc_sql_weak_key_changed'
LANGUAGE C;
COMMENT ON FUNCTION profcheck.weak_key_changed() IS
  'Statement trigger on profcheck.weak_key: tells every session to re-read the list before its next lint.';
CREATE TRIGGER weak_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON profcheck.weak_key
  FOR EACH STATEMENT EXECUTE FUNCTION profcheck.weak_key_changed();

CREATE FUNCTION profcheck.load_weak_keys(bits integer, list text, source text DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'pc_sql_load_weak_keys'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION profcheck.load_weak_keys(integer, text, text) IS
  'Add the keys of a list in openssl-blacklist format (one 20-hex-digit line per key, # comments) as keys of "bits"-bit moduli; returns the number of keys added. A malformed line is an ERROR (22P02) naming its number, and nothing is stored. Members of profcheck_admin only.';
REVOKE ALL ON FUNCTION profcheck.load_weak_keys(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION profcheck.load_weak_keys(integer, text, text) TO profcheck_admin;

-- Reporting: a findings store for large tables, the incident summary, the
-- CCADB appendix and compliance views.

CREATE FUNCTION profcheck.ruleset_version()
RETURNS text
AS 'MODULE_PATHNAME', 'pc_sql_ruleset_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION profcheck.ruleset_version() IS
  'Identifies the built-in rule set (count and hash of every rule''s name, severity, window and scope); stored findings carry it.';

-- One row per (certificate table, certificate, rule) that fired.
CREATE TABLE profcheck.finding (
    certs       regclass NOT NULL,
    cert_key    bigint NOT NULL,
    cert_sha256 bytea NOT NULL,
    rule        text NOT NULL,
    severity    profcheck.severity NOT NULL,
    not_before  timestamptz,
    issuer      text,
    detail      text,
    ruleset     text NOT NULL,
    PRIMARY KEY (certs, cert_key, rule)
);
CREATE INDEX finding_rule_idx ON profcheck.finding (certs, rule, not_before);
COMMENT ON TABLE profcheck.finding IS
  'Findings stored by profcheck.scan(): one row per certificate and violated rule.';

-- Where each scanned table stands.
CREATE TABLE profcheck.scan_state (
    certs        regclass PRIMARY KEY,
    cert_column  name NOT NULL,
    key_column   name NOT NULL,
    ruleset      text NOT NULL,
    watermark    bigint,
    rows_done    bigint NOT NULL DEFAULT 0,
    started_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
COMMENT ON TABLE profcheck.scan_state IS
  'Progress of profcheck.scan() per table: the rule set used and the highest key linted (the watermark).';

SELECT pg_catalog.pg_extension_config_dump('profcheck.finding', '');
SELECT pg_catalog.pg_extension_config_dump('profcheck.scan_state', '');

-- The key column must be an integer; returns its type for casts.
CREATE FUNCTION profcheck._scan_columns(certs regclass, cert_column name, key_column name)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  t regtype;
BEGIN
  SELECT atttypid::regtype INTO t FROM pg_catalog.pg_attribute
   WHERE attrelid = certs AND attname = cert_column AND NOT attisdropped AND attnum > 0;
  IF t IS NULL THEN
    RAISE EXCEPTION 'column "%" of % does not exist', cert_column, certs USING ERRCODE = 'undefined_column';
  ELSIF t <> 'bytea'::regtype THEN
    RAISE EXCEPTION 'column "%" of % is %, not bytea', cert_column, certs, t USING ERRCODE = 'datatype_mismatch';
  END IF;
  SELECT atttypid::regtype INTO t FROM pg_catalog.pg_attribute
   WHERE attrelid = certs AND attname = key_column AND NOT attisdropped AND attnum > 0;
  IF t IS NULL THEN
    RAISE EXCEPTION 'key column "%" of % does not exist', key_column, certs USING ERRCODE = 'undefined_column';
  ELSIF t NOT IN ('bigint'::regtype, 'integer'::regtype, 'smallint'::regtype) THEN
    RAISE EXCEPTION 'key column "%" of % is %; scan needs an integer key', key_column, certs, t
      USING ERRCODE = 'datatype_mismatch';
  END IF;
END $$;

-- Lint a table into profcheck.finding, a batch per transaction, from where
-- the last run stopped.  A newer rule set (ruleset_version) starts over.
-- stop_after limits the rows linted in this call (a run in chunks; also how
-- the tests interrupt a scan).
CREATE PROCEDURE profcheck.scan(certs regclass, cert_column name DEFAULT 'der',
                                key_column name DEFAULT 'id', batch_size integer DEFAULT 10000,
                                progress_every bigint DEFAULT 100000, stop_after bigint DEFAULT NULL)
LANGUAGE plpgsql
-- No SET clause: a procedure that has one cannot COMMIT.  Every name below is
-- schema-qualified instead, and the procedure is not SECURITY DEFINER.
AS $$
DECLARE
  rs text := profcheck.ruleset_version();
  st profcheck.scan_state;
  wm bigint;
  hi bigint;
  done bigint := 0;
  todo bigint;
  got bigint;
  t0 timestamptz := clock_timestamp();
  next_report bigint := progress_every;
  rate numeric;
BEGIN
  IF batch_size IS NULL OR batch_size < 1 THEN
    RAISE EXCEPTION 'batch_size must be positive' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM profcheck._scan_columns(certs, cert_column, key_column);

  SELECT * INTO st FROM profcheck.scan_state s WHERE s.certs = scan.certs;
  IF NOT FOUND OR st.ruleset <> rs OR st.cert_column <> scan.cert_column
     OR st.key_column <> scan.key_column THEN
    IF FOUND THEN
      RAISE NOTICE 'profcheck.scan: % was scanned with rule set % (now %): starting over',
        certs, st.ruleset, rs;
    END IF;
    DELETE FROM profcheck.finding f WHERE f.certs = scan.certs;
    DELETE FROM profcheck.scan_state s WHERE s.certs = scan.certs;
    INSERT INTO profcheck.scan_state (certs, cert_column, key_column, ruleset)
    VALUES (scan.certs, scan.cert_column, scan.key_column, rs);
    wm := NULL;
  ELSE
    wm := st.watermark;
  END IF;

  EXECUTE format('SELECT count(*) FROM %s WHERE $1 IS NULL OR %I > $1', certs, key_column)
     INTO todo USING wm;
  RAISE NOTICE 'profcheck.scan: % rows of % to lint (rule set %)', todo, certs, rs;
  COMMIT;

  LOOP
    EXIT WHEN stop_after IS NOT NULL AND done >= stop_after;
    EXECUTE format('SELECT max(k), count(*) FROM (SELECT %1$I AS k FROM %2$s
                     WHERE $1 IS NULL OR %1$I > $1 ORDER BY %1$I LIMIT $2) b', key_column, certs)
       INTO hi, got USING wm, batch_size;
    EXIT WHEN got = 0;

    EXECUTE format(
      'INSERT INTO profcheck.finding (certs, cert_key, cert_sha256, rule, severity, not_before, issuer, detail, ruleset)
       SELECT $1, t.%1$I, profcheck.sha256(t.%2$I), l.rule, l.severity,
              profcheck.not_before(t.%2$I), profcheck.issuer(t.%2$I), l.detail, $2
         FROM %3$s t, LATERAL profcheck.lint(t.%2$I) l
        WHERE ($3 IS NULL OR t.%1$I > $3) AND t.%1$I <= $4 AND t.%2$I IS NOT NULL
       ON CONFLICT (certs, cert_key, rule) DO UPDATE
          SET cert_sha256 = EXCLUDED.cert_sha256, severity = EXCLUDED.severity,
              not_before = EXCLUDED.not_before, issuer = EXCLUDED.issuer,
              detail = EXCLUDED.detail, ruleset = EXCLUDED.ruleset',
      key_column, cert_column, certs)
      USING certs, rs, wm, hi;

    wm := hi;
    done := done + got;
    UPDATE profcheck.scan_state s SET watermark = wm, rows_done = s.rows_done + got,
           updated_at = clock_timestamp()
     WHERE s.certs = scan.certs;
    COMMIT;

    IF done >= next_report THEN
      rate := round(done / greatest(extract(epoch FROM clock_timestamp() - t0), 0.001));
      RAISE NOTICE 'profcheck.scan: % of % rows, % rows/s, about % s left',
        done, todo, rate, round(greatest(todo - done, 0) / greatest(rate, 1));
      next_report := next_report + progress_every;
    END IF;
  END LOOP;

  IF stop_after IS NULL OR done < stop_after THEN
    UPDATE profcheck.scan_state s SET finished_at = clock_timestamp() WHERE s.certs = scan.certs;
  END IF;
  COMMIT;
  RAISE NOTICE 'profcheck.scan: linted % rows of % in % s', done, certs,
    round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1);
END $$;
COMMENT ON PROCEDURE profcheck.scan(regclass, name, name, integer, bigint, bigint) IS
  'Lint a certificate table into profcheck.finding in committed batches, resuming from the last watermark; a new rule set starts over. CALL profcheck.scan(''certificate'', ''der'', ''id'').';

-- Findings of a table: from the store when a scan of it is complete and
-- current, otherwise by linting now.
CREATE FUNCTION profcheck._findings(certs regclass, cert_column name, issued_column name,
                                    revoked_column name, min_severity profcheck.severity)
RETURNS TABLE (cert_key text, der bytea, rule text, severity profcheck.severity,
               issued_at timestamptz, revoked_at timestamptz)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  stored boolean;
  keycol name;
  issued text := CASE WHEN issued_column IS NULL THEN format('profcheck.not_before(t.%I)', cert_column)
                      ELSE format('t.%I', issued_column) END;
  revoked text := CASE WHEN revoked_column IS NULL THEN 'NULL::timestamptz'
                       ELSE format('t.%I', revoked_column) END;
BEGIN
  SELECT s.finished_at IS NOT NULL AND s.ruleset = profcheck.ruleset_version()
         AND s.cert_column = _findings.cert_column, s.key_column
    INTO stored, keycol
    FROM profcheck.scan_state s WHERE s.certs = _findings.certs;
  IF coalesce(stored, false) THEN
    RETURN QUERY EXECUTE format(
      'SELECT t.%1$I::text, t.%2$I, f.rule, f.severity, %3$s, %4$s
         FROM profcheck.finding f JOIN %5$s t ON t.%1$I = f.cert_key
        WHERE f.certs = $1 AND f.severity >= $2', keycol, cert_column, issued, revoked, certs)
      USING certs, min_severity;
  ELSE
    RETURN QUERY EXECUTE format(
      'SELECT t.ctid::text, t.%1$I, l.rule, l.severity, %2$s, %3$s
         FROM %4$s t, LATERAL profcheck.lint(t.%1$I) l
        WHERE t.%1$I IS NOT NULL AND l.severity >= $1', cert_column, issued, revoked, certs)
      USING min_severity;
  END IF;
END $$;

-- The summary section of an incident report: per problem (rule), how many
-- certificates, first and last issuance, their SHA-256 fingerprints, how
-- many are unrevoked and how many were revoked later than the BRs allow
-- (5 days for misissuance, BR 4.9.1.1 item 12), counted from detected_at
-- when given, else from each certificate's issuance.
CREATE FUNCTION profcheck.incident_summary(certs regclass, cert_column name DEFAULT 'der',
                                           issued_column name DEFAULT NULL,
                                           revoked_column name DEFAULT NULL,
                                           min_severity profcheck.severity DEFAULT 'error',
                                           detected_at timestamptz DEFAULT NULL,
                                           revocation_days integer DEFAULT 5)
RETURNS TABLE (rule text, severity profcheck.severity, certificates bigint,
               first_issued timestamptz, last_issued timestamptz, sha256_fingerprints text[],
               unrevoked bigint, unrevoked_unexpired bigint, revoked_late bigint,
               source text, citation text, description text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT f.rule, max(f.severity), count(*),
         min(f.issued_at), max(f.issued_at),
         array_agg(encode(profcheck.sha256(f.der), 'hex') ORDER BY f.issued_at, f.cert_key),
         count(*) FILTER (WHERE f.revoked_at IS NULL),
         count(*) FILTER (WHERE f.revoked_at IS NULL AND profcheck.not_after(f.der) > now()),
         count(*) FILTER (WHERE f.revoked_at > coalesce(detected_at, f.issued_at)
                                                + make_interval(days => revocation_days)),
         r.source, r.citation, r.description
    FROM profcheck._findings(certs, cert_column, issued_column, revoked_column, min_severity) f
    LEFT JOIN profcheck.rules r ON r.rule = f.rule
   GROUP BY f.rule, r.source, r.citation, r.description
   ORDER BY count(*) DESC, f.rule
$$;
COMMENT ON FUNCTION profcheck.incident_summary(regclass, name, name, name, profcheck.severity, timestamptz, integer) IS
  'Per problem (rule): certificates, first and last issuance, SHA-256 fingerprints, unrevoked, revoked later than revocation_days (5: BR 4.9.1.1) after detected_at or issuance.';

-- The CCADB incident report appendix for one problem: its columns, in its
-- order (CCADB Incident Reporting Guidelines, Appendix).  A precertificate
-- and its final certificate (same issuer and serial) share a row.
-- \copy (SELECT * FROM profcheck.ccadb_appendix('certificate', 'e_...')) TO 'x.csv' CSV HEADER
CREATE FUNCTION profcheck.ccadb_appendix(certs regclass, rule text, cert_column name DEFAULT 'der',
                                         revoked_column name DEFAULT NULL,
                                         reason_column name DEFAULT NULL)
RETURNS TABLE ("Precertificate SHA-256" text, "Certificate SHA-256" text, "Subject" text,
               "Issuer" text, "Not before" timestamptz, "Not after" timestamptz,
               "Serial (hex)" text, "dNSNames" text, "Is revoked?" text,
               "Revocation date" timestamptz, "Revocation reason" text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH c AS (
      SELECT t.%1$I AS der, profcheck.is_precert(t.%1$I) AS pre, profcheck.issuer(t.%1$I) AS iss,
             profcheck.serial(t.%1$I) AS ser, %2$s AS rev, %3$s AS reason
        FROM %4$s t WHERE t.%1$I IS NOT NULL
    ), hit AS (
      SELECT DISTINCT c.iss, c.ser FROM c, LATERAL profcheck.lint(c.der) l WHERE l.rule = $1
    )
    SELECT encode(profcheck.sha256(p.der), 'hex'), encode(profcheck.sha256(f.der), 'hex'),
           profcheck.subject(coalesce(f.der, p.der)), h.iss,
           profcheck.not_before(coalesce(f.der, p.der)), profcheck.not_after(coalesce(f.der, p.der)),
           h.ser,
           (SELECT string_agg(substr(s, 5), ' ' ORDER BY o)
              FROM unnest((profcheck.cert_info(coalesce(f.der, p.der))).san) WITH ORDINALITY AS u(s, o)
             WHERE s LIKE 'DNS:%%'),
           CASE WHEN f.rev IS NOT NULL OR p.rev IS NOT NULL THEN 'Yes'
                WHEN profcheck.not_after(coalesce(f.der, p.der)) < now() THEN 'N/A'
                ELSE 'No' END,
           coalesce(f.rev, p.rev), coalesce(f.reason, p.reason)
      FROM hit h
      LEFT JOIN c p ON p.iss = h.iss AND p.ser = h.ser AND p.pre
      LEFT JOIN c f ON f.iss = h.iss AND f.ser = h.ser AND NOT f.pre
     ORDER BY 5, 7 $q$,
    cert_column,
    CASE WHEN revoked_column IS NULL THEN 'NULL::timestamptz' ELSE format('t.%I', revoked_column) END,
    CASE WHEN reason_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', reason_column) END,
    certs) USING rule;
END $$;
COMMENT ON FUNCTION profcheck.ccadb_appendix(regclass, text, name, name, name) IS
  'CCADB incident report appendix rows for one rule, columns in the prescribed order; export with \copy ... CSV HEADER.';

-- Compliance views over the findings store.
CREATE VIEW profcheck.findings_monthly AS
  SELECT f.certs, date_trunc('month', f.not_before AT TIME ZONE 'UTC')::date AS month, f.issuer, f.rule,
         max(f.severity) AS severity, count(*) AS certificates
    FROM profcheck.finding f
   GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW profcheck.findings_monthly IS
  'Per table, month of notBefore (UTC), issuer and rule: how many certificates broke the rule.';

CREATE FUNCTION profcheck.rules_first_fired(since timestamptz, "until" timestamptz DEFAULT 'infinity')
RETURNS TABLE (certs regclass, rule text, severity profcheck.severity, first_not_before timestamptz,
               certificates_in_period bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT f.certs, f.rule, max(f.severity), min(f.not_before),
         count(*) FILTER (WHERE f.not_before >= since AND f.not_before < "until")
    FROM profcheck.finding f
   GROUP BY f.certs, f.rule
  HAVING min(f.not_before) >= since AND min(f.not_before) < "until"
   ORDER BY 4, 2
$$;
COMMENT ON FUNCTION profcheck.rules_first_fired(timestamptz, timestamptz) IS
  'Rules whose first violating certificate (by notBefore) falls in [since, until).';

CREATE FUNCTION profcheck.issuer_error_share(certs regclass, cert_column name DEFAULT 'der')
RETURNS TABLE (issuer text, certificates bigint, with_errors bigint, error_share numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT profcheck.issuer(t.%1$I), count(*),
           count(*) FILTER (WHERE NOT profcheck.passes(t.%1$I, 'error')),
           round(count(*) FILTER (WHERE NOT profcheck.passes(t.%1$I, 'error'))::numeric / count(*), 4)
      FROM %2$s t WHERE t.%1$I IS NOT NULL
     GROUP BY 1 ORDER BY 1 $q$, cert_column, certs);
END $$;
COMMENT ON FUNCTION profcheck.issuer_error_share(regclass, name) IS
  'Per issuer: certificates, how many have error findings, and the share.';
