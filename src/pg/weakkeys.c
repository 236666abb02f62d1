/*
 * weakkeys.c
 *		Known weak keys in PostgreSQL: the loader, the trigger that tells
 *		other sessions the list changed, and the per-backend copy of
 *		profcheck.weak_key that every lint run looks keys up in.
 *
 * The lists (the Debian OpenSSL keys of 2008 and whatever else the CA
 * keeps) can hold hundreds of thousands of keys per modulus size, far too
 * many to query per certificate.  Each backend therefore keeps the table as
 * a sorted set (src/core/weakkeys.c) in TopMemoryContext, read with one SPI
 * query the first time a lint needs it.  An empty table gives an empty set
 * and no lookup at all, so a CA that has not loaded lists pays nothing per
 * row beyond one flag test.
 *
 * Staying current: a statement-level trigger on profcheck.weak_key calls
 * weak_key_changed(), which queues a relcache invalidation of the table.
 * It reaches this backend at the next command and every other backend when
 * the change commits (and this one again if it aborts); the relcache
 * callback below then marks the copy stale and the next lint reads the
 * table again.  Anything else that invalidates the table's relcache entry
 * (ANALYZE, ALTER TABLE) causes a harmless re-read.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "../core/weakkeys.h"
#include "weakkeys.h"

/* generated for every array type from PostgreSQL 13 on; spelled out in case */
#ifndef BYTEAARRAYOID
#define BYTEAARRAYOID 1001
#endif

/* Modulus sizes the loader accepts: any real RSA key, nothing absurd. */
#define WK_MIN_BITS 256
#define WK_MAX_BITS 65536

/*
 * This backend's copy of profcheck.weak_key.  'valid' is cleared by the
 * callbacks, which never free anything: the set is replaced only by
 * wk_rebuild, which runs before a lint starts, never during one.
 */
typedef struct wk_cache
{
	bool		valid;			/* false: read the table before the next use */
	bool		xact_only;		/* read with the transaction's snapshot: stale after it */
	Oid			relid;			/* profcheck.weak_key, for the relcache callback */
	MemoryContext cxt;			/* holds the set's arrays */
	pc_weak_keys set;
	size_t		count;
} wk_cache;

static wk_cache cache;

/* Bumped by every invalidation of the copy, so a read it overlaps is not trusted. */
static uint64 wk_inval_count;
static bool wk_callbacks_registered;

static void
wk_relcache_callback(Datum arg, Oid relid)
{
	/* InvalidOid: the whole relcache was reset (e.g. after sinval overflow) */
	if (relid == InvalidOid || relid == cache.relid)
	{
		cache.valid = false;
		wk_inval_count++;
	}
}

/*
 * A copy read with the transaction's own snapshot (in parallel mode, where
 * no newer one may be taken) can miss keys committed after that snapshot
 * whose invalidation this backend has already processed; it must not
 * outlive the transaction.
 */
static void
wk_xact_callback(XactEvent event, void *arg)
{
	if (cache.xact_only)
		cache.valid = false;
}

static void *
wk_resize(void *arg, void *p, size_t size)
{
	if (size == 0)
	{
		if (p != NULL)
			pfree(p);
		return NULL;
	}
	if (p == NULL)
		return MemoryContextAllocHuge((MemoryContext) arg, size);
	return repalloc_huge(p, size);
}

static void
wk_drop(void)
{
	if (cache.cxt != NULL)
		MemoryContextDelete(cache.cxt);
	cache.cxt = NULL;
	cache.count = 0;
	pc_wk_init(&cache.set, wk_resize, NULL);
}

/*
 * Read profcheck.weak_key into a fresh set.  One query, one row per modulus
 * size with its fingerprints concatenated, so the rows cost 10 octets a key
 * on the way in.  The set is built in a child of the caller's context and
 * moved under TopMemoryContext only when complete: an ERROR halfway (a
 * cancel, out of memory) frees it with the caller's context.
 */
static void
wk_rebuild(void)
{
	bool		xact_only = IsInParallelMode();
	uint64		seen = wk_inval_count;
	Oid			nsp,
				relid;
	MemoryContext cxt;
	pc_weak_keys set;
	int			ret;

	if (!wk_callbacks_registered)
	{
		CacheRegisterRelcacheCallback(wk_relcache_callback, (Datum) 0);
		RegisterXactCallback(wk_xact_callback, NULL);
		wk_callbacks_registered = true;
	}

	nsp = get_namespace_oid("profcheck", true);
	relid = OidIsValid(nsp) ? get_relname_relid("weak_key", nsp) : InvalidOid;
	if (!OidIsValid(relid))
	{
		/* not installed (yet): no list, and look again next time */
		wk_drop();
		cache.valid = false;
		return;
	}
	cache.relid = relid;

	cxt = AllocSetContextCreate(CurrentMemoryContext, "profcheck weak keys",
								ALLOCSET_DEFAULT_SIZES);
	pc_wk_init(&set, wk_resize, cxt);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * The copy outlives this transaction, so read what is committed now (and
	 * this transaction's own changes), not what an older snapshot shows:
	 * otherwise a repeatable-read transaction that started before another
	 * session's load would cache the list without it after the load's
	 * invalidation has been processed.  Parallel mode allows no new
	 * snapshot; that copy is then dropped at the end of the transaction.
	 */
	if (!xact_only)
		PushActiveSnapshot(GetLatestSnapshot());
	ret = SPI_execute("SELECT w.bits, pg_catalog.string_agg(w.fingerprint, ''::pg_catalog.bytea) "
					  "FROM profcheck.weak_key w GROUP BY w.bits",
					  true, 0);
	if (!xact_only)
		PopActiveSnapshot();
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "could not read profcheck.weak_key: %s", SPI_result_code_string(ret));

	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		bits_null,
					fps_null;
		int32		bits = DatumGetInt32(SPI_getbinval(tup, desc, 1, &bits_null));
		Datum		d = SPI_getbinval(tup, desc, 2, &fps_null);
		bytea	   *fps;
		size_t		len;

		if (bits_null || fps_null || bits <= 0)
			continue;
		fps = DatumGetByteaPP(d);
		len = VARSIZE_ANY_EXHDR(fps);
		/* the table's CHECK makes every fingerprint 10 octets */
		if (len % PC_WK_FP_LEN != 0)
			elog(ERROR, "profcheck.weak_key holds a fingerprint that is not %d octets", PC_WK_FP_LEN);
		if (!pc_wk_add_many(&set, (unsigned) bits, (const uint8_t *) VARDATA_ANY(fps),
							len / PC_WK_FP_LEN))
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail("Cannot hold the weak-key list of %d-bit keys.", bits)));
	}
	SPI_finish();
	pc_wk_sort(&set);

	MemoryContextSetParent(cxt, TopMemoryContext);
	wk_drop();
	cache.cxt = cxt;
	cache.set = set;
	cache.count = pc_wk_count(&set);
	cache.xact_only = xact_only;
	/* an invalidation that arrived while we read means the read may be old */
	cache.valid = (wk_inval_count == seen);
}

void
pc_weak_keys_options(pc_options *opt)
{
	if (!cache.valid)
		wk_rebuild();
	if (cache.count > 0)
	{
		opt->weak_key = pc_wk_lookup;
		opt->weak_key_arg = &cache.set;
	}
	else
	{
		opt->weak_key = NULL;
		opt->weak_key_arg = NULL;
	}
}

/* ---------------------------------------------------------------- SQL */

PG_FUNCTION_INFO_V1(pc_sql_weak_key_changed);

/*
 * profcheck.weak_key_changed(): AFTER ... FOR EACH STATEMENT trigger on
 * profcheck.weak_key.  Queues a relcache invalidation of the table, which
 * every backend's copy of the list listens for.
 */
Datum
pc_sql_weak_key_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trig = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("profcheck.weak_key_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trig->tg_relation);
	PG_RETURN_POINTER(NULL);
}

static bool
wk_collect(void *arg, const uint8_t fp[PC_WK_FP_LEN])
{
	appendBinaryStringInfo((StringInfo) arg, (const char *) fp, PC_WK_FP_LEN);
	return true;
}

PG_FUNCTION_INFO_V1(pc_sql_load_weak_keys);

/*
 * profcheck.load_weak_keys(bits integer, list text, source text DEFAULT NULL)
 *		RETURNS bigint: the number of keys added.
 *
 * The whole list is parsed before anything is stored, so a malformed line
 * (reported with its number) leaves the table as it was.  Keys already
 * present are skipped, so loading a list again adds nothing.
 */
Datum
pc_sql_load_weak_keys(PG_FUNCTION_ARGS)
{
	int32		bits;
	text	   *list;
	StringInfoData fps;
	pc_wk_error err;
	long		n;
	Datum	   *elems;
	ArrayType  *arr;
	Oid			argtypes[3] = {INT4OID, BYTEAARRAYOID, TEXTOID};
	Datum		values[3];
	char		nulls[3] = {' ', ' ', ' '};
	int			ret;
	int64		added;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("key size and list must not be null")));
	bits = PG_GETARG_INT32(0);
	list = PG_GETARG_TEXT_PP(1);
	if (bits < WK_MIN_BITS || bits > WK_MAX_BITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("key size %d is not a plausible RSA modulus size", bits),
				 errhint("Give the size of the keys in the list, as in its name: blacklist.RSA-2048 holds 2048-bit keys.")));

	initStringInfo(&fps);
	n = pc_wk_parse(VARDATA_ANY(list), VARSIZE_ANY_EXHDR(list), wk_collect, &fps, &err);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid weak-key list at line %lu: %s", err.line, err.msg),
				 errhint("A list holds one key per line as the last 20 hexadecimal digits of the SHA-1 of \"Modulus=<HEX>\\n\" (openssl-blacklist format); lines starting with # are comments.")));
	if (n == 0)
		PG_RETURN_INT64(0);

	elems = palloc(n * sizeof(Datum));
	for (long i = 0; i < n; i++)
	{
		bytea	   *b = palloc(VARHDRSZ + PC_WK_FP_LEN);

		SET_VARSIZE(b, VARHDRSZ + PC_WK_FP_LEN);
		memcpy(VARDATA(b), fps.data + i * PC_WK_FP_LEN, PC_WK_FP_LEN);
		elems[i] = PointerGetDatum(b);
	}
	arr = construct_array(elems, (int) n, BYTEAOID, -1, false, TYPALIGN_INT);

	values[0] = Int32GetDatum(bits);
	values[1] = PointerGetDatum(arr);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
		values[2] = PG_GETARG_DATUM(2);
	else
	{
		values[2] = (Datum) 0;
		nulls[2] = 'n';
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args("INSERT INTO profcheck.weak_key (bits, fingerprint, source) "
								"SELECT $1, f, $3 FROM pg_catalog.unnest($2) f "
								"ON CONFLICT (bits, fingerprint) DO NOTHING",
								3, argtypes, values, nulls, false, 0);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "could not insert into profcheck.weak_key: %s", SPI_result_code_string(ret));
	added = (int64) SPI_processed;
	SPI_finish();
	PG_RETURN_INT64(added);
}
