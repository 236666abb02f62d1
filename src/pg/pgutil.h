/*
 * pgutil.h
 *		Helpers shared by the PostgreSQL-layer files: the severity enum,
 *		materialized set-returning functions, time conversion.
 */
#ifndef PC_PGUTIL_H
#define PC_PGUTIL_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/timestamp.h"

#include "../core/pc.h"

/* Seconds between the Unix epoch and PostgreSQL's (2000-01-01). */
#define PC_PG_EPOCH_SECS	((int64) 946684800)

/*
 * The OIDs of profcheck.severity's labels, in pc_severity order, looked up
 * through the enum's input function once per call site (fn_extra).
 */
typedef struct pc_sev_map
{
	Oid			typid;
	Datum		label[PC_FATAL + 1];
} pc_sev_map;

extern pc_sev_map *pc_sev_map_get(FmgrInfo *flinfo, Oid typid);
extern pc_severity pc_sev_from_datum(const pc_sev_map *map, Datum d);

/* Prepare a materialized set-returning call (PostgreSQL 13 and later). */
extern Tuplestorestate *pc_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc);

/* A text Datum, or NULL (isnull set) for a NULL or empty C string. */
extern Datum pc_text_or_null(const char *s, bool *isnull);

/* Findings that fit without a second pass; more are rare. */
#define PC_FEW_FINDINGS		32

/*
 * One run of the core over a value: the decoded certificate (and issuer,
 * when one was given) and the report, allocated in the current memory
 * context.  A report that overflows the small buffer is run again with
 * room for every rule.  Queries stay cancellable between rules.
 */
typedef struct pc_run
{
	pc_cert    *cert;
	pc_cert    *issuer;			/* decoded issuer, when one was given */
	pc_report	report;
	pc_finding	few[PC_FEW_FINDINGS];
} pc_run;

extern void pc_run_lint(pc_run *run, const uint8_t *buf, size_t len, bytea *issuer,
						pc_options *opt);

/* CHECK_FOR_INTERRUPTS() as a function, for pc_options.interrupt. */
extern void pc_check_interrupts(void);

/* Unix seconds of a timestamptz (floor), and back. */
extern int64_t pc_unix_seconds(TimestampTz ts);
extern TimestampTz pc_timestamptz_of(int64_t t);

/*
 * The number of the bytea (or domain over bytea) column a profcheck.enforce()
 * trigger names in its first argument.  A missing column or a column of
 * another type is an ERROR naming the trigger.
 */
struct TriggerData;
extern int	pc_trigger_column(struct TriggerData *trig);

/*
 * The certificate the trigger is to check: that column of the new row.
 * Returns NULL when there is nothing to check: a NULL value, or an UPDATE
 * that leaves the certificate's bytes unchanged (compared by content, as
 * either side may be toasted or compressed).
 */
extern bytea *pc_trigger_certificate(struct TriggerData *trig, HeapTuple row, int attnum);

#endif							/* PC_PGUTIL_H */
