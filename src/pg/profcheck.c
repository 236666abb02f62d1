/*
 * profcheck.c
 *		The PostgreSQL layer: fmgr functions over the core.
 *
 * Everything here is a thin adapter.  The core decodes and lints; this file
 * detoasts arguments, turns findings into rows, messages and booleans, and
 * maps severities onto the profcheck.severity enum.  No function here
 * raises an error for bad certificate bytes: those are findings.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "../core/pc.h"
#include "enforce.h"
#include "pgutil.h"

PG_MODULE_MAGIC;

/* ---------------------------------------------------------------- lint */

PG_FUNCTION_INFO_V1(pc_sql_lint);

/*
 * profcheck.lint(cert bytea [, issuer bytea] [, at timestamptz])
 *		RETURNS TABLE (rule, severity, source, citation, detail)
 *
 * With 'at', rule windows are judged at that instant instead of notBefore:
 * what a CA issues now must meet the rules in force now.  With 'issuer',
 * the rules that compare a certificate with its issuer run too.
 */
Datum
pc_sql_lint(PG_FUNCTION_ARGS)
{
	bytea	   *cert = PG_GETARG_BYTEA_PP(0);
	bytea	   *issuer = NULL;
	TupleDesc	tupdesc;
	Tuplestorestate *store = pc_materialize(fcinfo, &tupdesc);
	pc_sev_map *map = pc_sev_map_get(fcinfo->flinfo, TupleDescAttr(tupdesc, 1)->atttypid);
	pc_options	opt = {0};
	pc_run		run;

	for (int a = 1; a < PG_NARGS(); a++)
	{
		if (get_fn_expr_argtype(fcinfo->flinfo, a) == BYTEAOID)
			issuer = PG_GETARG_BYTEA_PP(a);
		else
		{
			opt.at = pc_unix_seconds(PG_GETARG_TIMESTAMPTZ(a));
			opt.at_set = true;
		}
	}
	pc_run_lint(&run, (const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), issuer, &opt);

	for (size_t i = 0; i < run.report.n; i++)
	{
		const pc_finding *f = &run.report.items[i];
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = CStringGetTextDatum(f->rule->name);
		values[1] = map->label[f->severity];
		values[2] = CStringGetTextDatum(f->rule->source);
		values[3] = pc_text_or_null(f->rule->citation, &nulls[3]);
		values[4] = pc_text_or_null(f->detail, &nulls[4]);
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- passes */

PG_FUNCTION_INFO_V1(pc_sql_passes);

/*
 * profcheck.passes(cert bytea, threshold severity DEFAULT 'error') RETURNS boolean
 *
 * True when no finding reaches the threshold.  A NULL certificate gives
 * NULL, which a CHECK constraint accepts (NOT NULL is the column's job).
 */
Datum
pc_sql_passes(PG_FUNCTION_ARGS)
{
	bytea	   *cert;
	pc_severity threshold = PC_ERROR;
	pc_options	opt = {0};
	pc_run		run;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cert = PG_GETARG_BYTEA_PP(0);
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1))
	{
		pc_sev_map *map = pc_sev_map_get(fcinfo->flinfo, get_fn_expr_argtype(fcinfo->flinfo, 1));

		threshold = pc_sev_from_datum(map, PG_GETARG_DATUM(1));
	}

	/* only findings at the threshold or above matter: the rest need not run */
	opt.min_severity = threshold;
	pc_run_lint(&run, (const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), NULL, &opt);
	for (size_t i = 0; i < run.report.n; i++)
		if (run.report.items[i].severity >= threshold)
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}

/* ---------------------------------------------------------------- rule catalogue */

PG_FUNCTION_INFO_V1(pc_sql_rule_catalog);

static Datum
pc_date_datum(int64_t t, bool *isnull)
{
	*isnull = (t == 0);
	return *isnull ? (Datum) 0 : DateADTGetDatum((DateADT) (t / 86400 - PC_PG_EPOCH_SECS / 86400));
}

/*
 * profcheck.rule_catalog(): every built-in rule with its metadata; the view
 * profcheck.rules selects from it.
 */
Datum
pc_sql_rule_catalog(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = pc_materialize(fcinfo, &tupdesc);
	pc_sev_map *map = pc_sev_map_get(fcinfo->flinfo, TupleDescAttr(tupdesc, 1)->atttypid);
	size_t		n = pc_rule_count();

	for (size_t i = 0; i < n; i++)
	{
		const pc_rule *r = pc_rule_at(i);
		Datum		values[8];
		bool		nulls[8] = {false};
		char		scope[256];

		pc_scope_text(r, scope, sizeof(scope));
		values[0] = CStringGetTextDatum(r->name);
		values[1] = map->label[r->severity];
		values[2] = CStringGetTextDatum(r->source);
		values[3] = pc_text_or_null(r->citation, &nulls[3]);
		values[4] = pc_date_datum(r->from, &nulls[4]);
		values[5] = pc_date_datum(r->until, &nulls[5]);
		values[6] = CStringGetTextDatum(scope);
		values[7] = pc_text_or_null(r->description, &nulls[7]);
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(pc_sql_ruleset_version);

/* profcheck.ruleset_version(): identifies the built-in rule set. */
Datum
pc_sql_ruleset_version(PG_FUNCTION_ARGS)
{
	char		buf[64];

	pc_ruleset_version(buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* ---------------------------------------------------------------- enforce */

/*
 * at=<timestamptz literal>: read with the timestamptz input function (a
 * literal without a zone is in the session's TimeZone).  Its error becomes
 * one that names the trigger; only data exceptions (class 22) are caught,
 * and the caught error is re-raised at once, so nothing is resumed.
 */
static TimestampTz
pc_enforce_parse_instant(const Trigger *tg, const char *arg, const char *value)
{
	MemoryContext cxt = CurrentMemoryContext;
	TimestampTz ts = 0;

	PG_TRY();
	{
		ts = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(value),
													 ObjectIdGetDatum(InvalidOid),
													 Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			PG_RE_THROW();
		FlushErrorState();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid instant \"%s\" in trigger \"%s\"", arg, tg->tgname),
				 errdetail("%s", edata->message),
				 errhint("Use at=now (the default), at=notbefore, or at= followed by a timestamptz literal such as at=2026-03-15 00:00:00+00.")));
	}
	PG_END_TRY();
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid instant \"%s\" in trigger \"%s\"", arg, tg->tgname),
				 errdetail("The instant must be finite."),
				 errhint("Use at=now (the default), at=notbefore, or at= followed by a timestamptz literal such as at=2026-03-15 00:00:00+00.")));
	return ts;
}

static void
pc_enforce_args_read(const Trigger *tg, pc_enforce_args *args)
{
	int			npos = 0;

	memset(args, 0, sizeof(*args));
	args->at = PC_AT_NOW;
	if (tg->tgnargs < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("profcheck.enforce() takes a column name, an optional threshold and an optional profile"),
				 errhint("CREATE TRIGGER ... EXECUTE FUNCTION profcheck.enforce('der', 'error'), optionally with 'at=notbefore' or 'at=<timestamptz>' after the column.")));
	args->column = tg->tgargs[0];
	for (int i = 1; i < tg->tgnargs; i++)
	{
		const char *a = tg->tgargs[i];

		if (pg_strncasecmp(a, "at=", 3) != 0)
		{
			if (npos == 0)
				args->mode = a;
			else if (npos == 1)
				args->profile = a;
			else
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("profcheck.enforce() takes a column name, an optional threshold and an optional profile"),
						 errhint("CREATE TRIGGER ... EXECUTE FUNCTION profcheck.enforce('der', 'error'), optionally with 'at=notbefore' or 'at=<timestamptz>' after the column.")));
			npos++;
			continue;
		}
		if (args->at_arg != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("more than one at= argument in trigger \"%s\"", tg->tgname),
					 errhint("Give at=now, at=notbefore or at=<timestamptz> once.")));
		args->at_arg = a;
		if (pg_strcasecmp(a + 3, "now") == 0)
			args->at = PC_AT_NOW;
		else if (pg_strcasecmp(a + 3, "notbefore") == 0)
			args->at = PC_AT_NOTBEFORE;
		else
		{
			args->at = PC_AT_FIXED;
			args->at_fixed = pc_enforce_parse_instant(tg, a, a + 3);
		}
	}
}

const pc_enforce_args *
pc_enforce_args_get(FunctionCallInfo fcinfo)
{
	TriggerData *trig = (TriggerData *) fcinfo->context;
	Trigger    *tg = trig->tg_trigger;
	pc_enforce_args *args = (pc_enforce_args *) fcinfo->flinfo->fn_extra;

	/* one function call site serves one trigger; check anyway */
	if (args != NULL && args->tgoid == tg->tgoid)
		return args;
	args = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(pc_enforce_args));
	pc_enforce_args_read(tg, args);
	/* the strings are the trigger's; keep copies as long as the answer */
	args->column = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, args->column);
	if (args->mode)
		args->mode = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, args->mode);
	if (args->profile)
		args->profile = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, args->profile);
	if (args->at_arg)
		args->at_arg = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, args->at_arg);
	args->attnum = pc_trigger_column(trig);
	args->tgoid = tg->tgoid;
	fcinfo->flinfo->fn_extra = args;
	return args;
}

bool
pc_enforce_instant(const pc_enforce_args *args, TimestampTz *ts)
{
	switch (args->at)
	{
		case PC_AT_NOW:
			*ts = GetCurrentTransactionStartTimestamp();
			return true;
		case PC_AT_FIXED:
			*ts = args->at_fixed;
			return true;
		case PC_AT_NOTBEFORE:
			break;
	}
	return false;
}

char *
pc_enforce_judged_hint(const pc_enforce_args *args)
{
	switch (args->at)
	{
		case PC_AT_NOW:
			return psprintf("Judged by the rules in force at the start of the transaction (%s), not at the certificate's notBefore; the trigger argument at=notbefore judges at notBefore.",
							args->at_arg ? "at=now" : "at=now, the default");
		case PC_AT_FIXED:
			return psprintf("Judged by the rules in force at %s (trigger argument \"%s\"), not at the certificate's notBefore.",
							timestamptz_to_str(args->at_fixed), args->at_arg);
		case PC_AT_NOTBEFORE:
			break;
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(pc_sql_enforce);

/*
 * profcheck.enforce(): BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger.
 * TG_ARGV: column name, then optional threshold (default 'error'), then
 * optional profile; an at=now (default), at=notbefore or at=<timestamptz>
 * argument anywhere after the column chooses the instant the rule windows
 * are judged at (see enforce.h).
 *
 * By default the rules in force at the transaction's start apply: what is
 * being issued now must meet today's rules, and a backdated notBefore does
 * not escape them.  at=notbefore is for historic loads.
 *
 * Rejects a row whose certificate has findings at or above the threshold
 * with SQLSTATE 23514, naming the rules, one DETAIL line per finding.  An
 * UPDATE that leaves the certificate unchanged is not re-checked, so a CA
 * can still record, say, the revocation of a certificate that today's rules
 * would refuse.
 */
Datum
pc_sql_enforce(PG_FUNCTION_ARGS)
{
	TriggerData *trig = (TriggerData *) fcinfo->context;
	Trigger    *tg;
	HeapTuple	row;
	const pc_enforce_args *args;
	pc_severity threshold = PC_ERROR;
	bytea	   *cert;
	pc_options	opt = {0};
	TimestampTz at;
	pc_run		run;
	StringInfoData rules,
				detail;
	int			nviol = 0;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("profcheck.enforce() must be called as a trigger")));
	if (!TRIGGER_FIRED_BEFORE(trig->tg_event) || !TRIGGER_FIRED_FOR_ROW(trig->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trig->tg_event) || TRIGGER_FIRED_BY_UPDATE(trig->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("profcheck.enforce() must be a BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger")));

	tg = trig->tg_trigger;
	row = TRIGGER_FIRED_BY_UPDATE(trig->tg_event) ? trig->tg_newtuple : trig->tg_trigtuple;

	args = pc_enforce_args_get(fcinfo);
	/* BEGIN profile hook (src/pg/profile.c): a profile argument or audit mode */
	if (args->profile != NULL || (args->mode != NULL && strncmp(args->mode, "audit", 5) == 0))
		return pc_profile_enforce(fcinfo, args);
	/* END profile hook */
	if (args->mode != NULL && !pc_severity_parse(args->mode, &threshold))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid threshold \"%s\" in trigger \"%s\"", args->mode, tg->tgname),
				 errhint("Use one of info, notice, warn, error, fatal, or audit[:severity].")));

	cert = pc_trigger_certificate(trig, row, args->attnum);
	if (cert == NULL)
		return PointerGetDatum(row);
	if (pc_enforce_instant(args, &at))
	{
		opt.at = pc_unix_seconds(at);
		opt.at_set = true;
	}
	/* the message names findings at the threshold or above only */
	opt.min_severity = threshold;
	pc_run_lint(&run, (const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), NULL, &opt);
	/* a passing row, the usual case, allocates nothing */
	if (run.report.n == 0)
		return PointerGetDatum(row);

	initStringInfo(&rules);
	initStringInfo(&detail);
	for (size_t i = 0; i < run.report.n; i++)
	{
		const pc_finding *f = &run.report.items[i];

		if (f->severity < threshold)
			continue;
		appendStringInfo(&rules, "%s%s", nviol ? ", " : "", f->rule->name);
		appendStringInfo(&detail, "%s%s (%s): %s", nviol ? "\n" : "", f->rule->name,
						 pc_severity_name(f->severity), f->detail);
		nviol++;
	}
	if (nviol > 0)
	{
		char	   *hint = pc_enforce_judged_hint(args);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("certificate in column \"%s\" of table \"%s\" violates %d profcheck rule%s: %s",
						args->column, RelationGetRelationName(trig->tg_relation), nviol,
						nviol == 1 ? "" : "s", rules.data),
				 errdetail_internal("%s", detail.data),
				 hint ? errhint("%s", hint) : 0,
				 errtableconstraint(trig->tg_relation, tg->tgname)));
	}
	return PointerGetDatum(row);
}

/* ---------------------------------------------------------------- precert_matches */

typedef struct pc_diff_rows
{
	Tuplestorestate *store;
	TupleDesc	tupdesc;
} pc_diff_rows;

static void
pc_diff_row(void *arg, const char *field, const char *detail)
{
	pc_diff_rows *rows = arg;
	Datum		values[2] = {CStringGetTextDatum(field), CStringGetTextDatum(detail)};
	bool		nulls[2] = {false, false};

	tuplestore_putvalues(rows->store, rows->tupdesc, values, nulls);
}

PG_FUNCTION_INFO_V1(pc_sql_precert_matches);

/*
 * profcheck.precert_matches(precert bytea, cert bytea) RETURNS TABLE (field, detail)
 *
 * Every difference between a precertificate and its final certificate
 * other than the poison and SCT list extensions; no rows means they
 * correspond (RFC 6962 3.2, BR 7.1.2.9).
 */
Datum
pc_sql_precert_matches(PG_FUNCTION_ARGS)
{
	bytea	   *pre = PG_GETARG_BYTEA_PP(0);
	bytea	   *cert = PG_GETARG_BYTEA_PP(1);
	pc_diff_rows rows;
	pc_cert    *a = palloc(sizeof(pc_cert));
	pc_cert    *b = palloc(sizeof(pc_cert));
	pc_error	err;

	rows.store = pc_materialize(fcinfo, &rows.tupdesc);
	if (!pc_decode((const uint8_t *) VARDATA_ANY(pre), VARSIZE_ANY_EXHDR(pre), a, &err))
	{
		char		msg[sizeof(err.msg) + 40];

		snprintf(msg, sizeof(msg), "%s (at byte offset %zu)", err.msg, err.offset);
		pc_diff_row(&rows, "precertificate", msg);
		return (Datum) 0;
	}
	if (!pc_decode((const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), b, &err))
	{
		char		msg[sizeof(err.msg) + 40];

		snprintf(msg, sizeof(msg), "%s (at byte offset %zu)", err.msg, err.offset);
		pc_diff_row(&rows, "certificate", msg);
		return (Datum) 0;
	}
	pc_precert_diff(a, b, pc_diff_row, &rows);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- der */

PG_FUNCTION_INFO_V1(pc_sql_der);

/*
 * profcheck.der(pem text) RETURNS bytea: the first CERTIFICATE block of a
 * PEM text, decoded.  Text without one is an error (22P02).
 */
Datum
pc_sql_der(PG_FUNCTION_ARGS)
{
	text	   *pem = PG_GETARG_TEXT_PP(0);
	pc_span		in = {(const uint8_t *) VARDATA_ANY(pem), VARSIZE_ANY_EXHDR(pem)},
				body;
	bytea	   *out;
	long		n;

	if (!pc_pem_next(&in, &body))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("no PEM CERTIFICATE block found"),
				 errhint("Expected text between \"-----BEGIN CERTIFICATE-----\" and \"-----END CERTIFICATE-----\" lines.")));
	out = palloc(VARHDRSZ + body.n * 3 / 4 + 3);
	n = pc_base64_decode(body, (uint8_t *) VARDATA(out));
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid base64 character \"%c\" in PEM block", body.p[-1 - n])));
	SET_VARSIZE(out, VARHDRSZ + n);
	PG_RETURN_BYTEA_P(out);
}
