/*
 * pgutil.c
 *		Helpers shared by the PostgreSQL-layer files.
 */
#include "pgutil.h"
#include "weakkeys.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/fmgroids.h"
#include "miscadmin.h"

pc_sev_map *
pc_sev_map_get(FmgrInfo *flinfo, Oid typid)
{
	pc_sev_map *map = (pc_sev_map *) flinfo->fn_extra;

	if (map == NULL || map->typid != typid)
	{
		map = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(pc_sev_map));
		map->typid = typid;
		for (int s = PC_INFO; s <= PC_FATAL; s++)
			map->label[s] = OidFunctionCall3(F_ENUM_IN,
											 CStringGetDatum(pc_severity_name((pc_severity) s)),
											 ObjectIdGetDatum(typid),
											 Int32GetDatum(-1));
		flinfo->fn_extra = map;
	}
	return map;
}

pc_severity
pc_sev_from_datum(const pc_sev_map *map, Datum d)
{
	for (int s = PC_INFO; s <= PC_FATAL; s++)
		if (map->label[s] == d)
			return (pc_severity) s;
	elog(ERROR, "unrecognized profcheck.severity value %u", DatumGetObjectId(d));
	return PC_FATAL;			/* keep compiler quiet */
}

/* Prepare a materialized set-returning call (works on PostgreSQL 13+). */
Tuplestorestate *
pc_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext oldcxt;
	Tuplestorestate *store;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	*tupdesc = CreateTupleDescCopy(*tupdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random, false, work_mem);
	MemoryContextSwitchTo(oldcxt);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = *tupdesc;
	return store;
}

Datum
pc_text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL || *s == '\0');
	return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}


int64_t
pc_unix_seconds(TimestampTz ts)
{
	return (int64_t) (ts / USECS_PER_SEC) + PC_PG_EPOCH_SECS - (ts < 0 && ts % USECS_PER_SEC ? 1 : 0);
}

TimestampTz
pc_timestamptz_of(int64_t t)
{
	return (TimestampTz) ((t - PC_PG_EPOCH_SECS) * USECS_PER_SEC);
}

int
pc_trigger_column(TriggerData *trig)
{
	Trigger    *tg = trig->tg_trigger;
	TupleDesc	desc = RelationGetDescr(trig->tg_relation);
	const char *colname = tg->tgargs[0];
	int			attnum = SPI_fnumber(desc, colname);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" named in trigger \"%s\" does not exist in table \"%s\"",
						colname, tg->tgname, RelationGetRelationName(trig->tg_relation))));
	/* a domain over bytea is fine */
	if (getBaseType(SPI_gettypeid(desc, attnum)) != BYTEAOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" named in trigger \"%s\" is of type %s, not bytea",
						colname, tg->tgname, format_type_be(SPI_gettypeid(desc, attnum)))));
	return attnum;
}

bytea *
pc_trigger_certificate(TriggerData *trig, HeapTuple row, int attnum)
{
	TupleDesc	desc = RelationGetDescr(trig->tg_relation);
	bool		isnull;
	Datum		value;

	value = heap_getattr(row, attnum, desc, &isnull);
	if (isnull)
		return NULL;
	if (TRIGGER_FIRED_BY_UPDATE(trig->tg_event))
	{
		bool		oldnull;
		Datum		old = heap_getattr(trig->tg_trigtuple, attnum, desc, &oldnull);

		if (!oldnull)
		{
			bytea	   *a = DatumGetByteaPP(old);
			bytea	   *b = DatumGetByteaPP(value);

			if (VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
				memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0)
				return NULL;
		}
	}
	return DatumGetByteaPP(value);
}

void
pc_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

static void
pc_run_once(pc_run *run, const uint8_t *buf, size_t len, bytea *issuer, pc_options *opt)
{
	opt->issuer = NULL;
	if (issuer != NULL &&
		pc_decode_issuer((const uint8_t *) VARDATA_ANY(issuer), VARSIZE_ANY_EXHDR(issuer),
						 run->issuer, &run->report))
		opt->issuer = run->issuer;
	pc_lint_der(buf, len, opt, run->cert, &run->report);
}

/*
 * The decoded certificate (about 22 kB, past palloc's chunk limit, so a
 * malloc and free per row) lives in one buffer per backend, allocated once:
 * a run never nests inside another, and its caller is done with run->cert
 * before the next run starts.
 */
static pc_cert *
cert_buffer(int which)
{
	static pc_cert *buffers[2];

	if (buffers[which] == NULL)
		buffers[which] = MemoryContextAlloc(TopMemoryContext, sizeof(pc_cert));
	return buffers[which];
}

void
pc_run_lint(pc_run *run, const uint8_t *buf, size_t len, bytea *issuer, pc_options *opt)
{
	pc_options	none = {0};

	if (opt == NULL)
		opt = &none;
	opt->interrupt = pc_check_interrupts;
	opt->interrupt_pending = &InterruptPending;
	/* every lint, passes, enforce and profile run sees the CA's weak-key list */
	pc_weak_keys_options(opt);
	run->cert = cert_buffer(0);
	run->issuer = issuer ? cert_buffer(1) : NULL;
	pc_report_init(&run->report, run->few, PC_FEW_FINDINGS);
	pc_run_once(run, buf, len, issuer, opt);
	if (run->report.overflow)
	{
		size_t		cap = pc_report_capacity();

		pc_report_init(&run->report, palloc(cap * sizeof(pc_finding)), cap);
		pc_run_once(run, buf, len, issuer, opt);
	}
}
