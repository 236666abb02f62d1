/*
 * info.c
 *		What a certificate says: profcheck.cert_info() and scalar accessors
 *		fit for expression indexes.
 *
 * All share the core's one decode.  Bytes that do not decode give NULL
 * rather than an error, so an expression index over a table never refuses
 * a stored row; profcheck.lint() says what is wrong with such bytes.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include <openssl/evp.h>

#include "../core/pc.h"
#include "pgutil.h"

/* Decode the argument; NULL when it is not a certificate. */
static pc_cert *
pc_decode_arg(FunctionCallInfo fcinfo)
{
	bytea	   *cert = PG_GETARG_BYTEA_PP(0);
	pc_cert    *c = palloc(sizeof(pc_cert));

	if (!pc_decode((const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), c, NULL))
	{
		pfree(c);
		return NULL;
	}
	return c;
}

static Datum
pc_timestamptz(int64_t t)
{
	return TimestampTzGetDatum(pc_timestamptz_of(t));
}

static Datum
pc_name_datum(const pc_name *n)
{
	char		buf[4096];

	pc_name_text(n, buf, sizeof(buf));
	return CStringGetTextDatum(buf);
}

static Datum
pc_serial_datum(const pc_cert *c)
{
	char		buf[2 * 64 + 1];

	pc_serial_hex(c->serial.n > 64 ? (pc_span) {c->serial.p, 64} : c->serial, buf, sizeof(buf));
	return CStringGetTextDatum(buf);
}

static bytea *
pc_sha256(const uint8_t *p, size_t n)
{
	bytea	   *out = palloc(VARHDRSZ + 32);
	unsigned int len = 32;

	if (!EVP_Digest(p, n, (unsigned char *) VARDATA(out), &len, EVP_sha256(), NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compute SHA-256")));
	SET_VARSIZE(out, VARHDRSZ + 32);
	return out;
}

static const char *
pc_key_type_name(const pc_spki *k)
{
	switch (k->type)
	{
		case PC_KEY_RSA:
			return "rsa";
		case PC_KEY_RSA_PSS:
			return "rsa-pss";
		case PC_KEY_EC:
			return k->curve == PC_CURVE_P256 ? "p256" :
				k->curve == PC_CURVE_P384 ? "p384" :
				k->curve == PC_CURVE_P521 ? "p521" : "ec";
		case PC_KEY_ED25519:
			return "ed25519";
		case PC_KEY_ED448:
			return "ed448";
		case PC_KEY_DSA:
			return "dsa";
		default:
			return "unknown";
	}
}

/* text[] from a list of C strings. */
static Datum
pc_text_array(ArrayBuildState *astate, bool any)
{
	if (!any)
		return PointerGetDatum(construct_empty_array(TEXTOID));
	return makeArrayResult(astate, CurrentMemoryContext);
}

static Datum
pc_san_array(const pc_cert *c)
{
	ArrayBuildState *astate = NULL;
	pc_gn_iter	it;
	pc_gn		gn;
	char		buf[1024];

	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		pc_gn_text(&gn, buf, sizeof(buf));
		astate = accumArrayResult(astate, CStringGetTextDatum(buf), false, TEXTOID,
								  CurrentMemoryContext);
	}
	return pc_text_array(astate, astate != NULL);
}

static Datum
pc_oid_array(const pc_span *oids, int n)
{
	ArrayBuildState *astate = NULL;
	char		buf[256];

	for (int i = 0; i < n; i++)
	{
		pc_oid_text(oids[i], buf, sizeof(buf));
		astate = accumArrayResult(astate, CStringGetTextDatum(buf), false, TEXTOID,
								  CurrentMemoryContext);
	}
	return pc_text_array(astate, n > 0);
}

static Datum
pc_kind_array(uint32_t kind)
{
	ArrayBuildState *astate = NULL;
	bool		any = false;

	for (int b = 0; b < 32; b++)
	{
		char		buf[64];

		if (!(kind & (1u << b)))
			continue;
		pc_kind_text(1u << b, buf, sizeof(buf));
		astate = accumArrayResult(astate, CStringGetTextDatum(buf), false, TEXTOID,
								  CurrentMemoryContext);
		any = true;
	}
	return pc_text_array(astate, any);
}

PG_FUNCTION_INFO_V1(pc_sql_cert_info);

/*
 * profcheck.cert_info(cert bytea): one row describing the certificate, or
 * NULL when the bytes are not one.
 */
Datum
pc_sql_cert_info(PG_FUNCTION_ARGS)
{
	bytea	   *raw = PG_GETARG_BYTEA_PP(0);
	pc_cert    *c = pc_decode_arg(fcinfo);
	TupleDesc	tupdesc;
	Datum		values[15];
	bool		nulls[15] = {false};
	pc_span		policies[PC_MAX_POLICIES];

	if (c == NULL)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	for (int i = 0; i < c->npolicy; i++)
		policies[i] = c->policy[i].oid;

	values[0] = pc_serial_datum(c);
	values[1] = pc_name_datum(&c->issuer);
	values[2] = pc_name_datum(&c->subject);
	values[3] = pc_timestamptz(c->not_before.t);
	values[4] = pc_timestamptz(c->not_after.t);
	values[5] = PointerGetDatum(pc_sha256((const uint8_t *) VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw)));
	values[6] = CStringGetTextDatum(pc_key_type_name(&c->spki));
	values[7] = Int32GetDatum((int32) c->spki.bits);
	nulls[7] = c->spki.bits == 0;
	values[8] = pc_san_array(c);
	values[9] = pc_oid_array(c->eku, c->neku);
	values[10] = pc_oid_array(policies, c->npolicy);
	values[11] = BoolGetDatum((c->kind & PC_K_CA) != 0);
	values[12] = BoolGetDatum((c->kind & PC_K_PRECERT) != 0);
	values[13] = pc_kind_array(c->kind);
	values[14] = Int64GetDatum(pc_validity_days(c));

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(pc_sql_not_before);
Datum
pc_sql_not_before(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pc_timestamptz(c->not_before.t));
}

PG_FUNCTION_INFO_V1(pc_sql_not_after);
Datum
pc_sql_not_after(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pc_timestamptz(c->not_after.t));
}

PG_FUNCTION_INFO_V1(pc_sql_serial);
Datum
pc_sql_serial(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pc_serial_datum(c));
}

PG_FUNCTION_INFO_V1(pc_sql_issuer);
Datum
pc_sql_issuer(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pc_name_datum(&c->issuer));
}

PG_FUNCTION_INFO_V1(pc_sql_subject);
Datum
pc_sql_subject(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pc_name_datum(&c->subject));
}

PG_FUNCTION_INFO_V1(pc_sql_is_precert);
Datum
pc_sql_is_precert(PG_FUNCTION_ARGS)
{
	pc_cert    *c = pc_decode_arg(fcinfo);

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_BOOL((c->kind & PC_K_PRECERT) != 0);
}

PG_FUNCTION_INFO_V1(pc_sql_sha256);

/* The SHA-256 fingerprint of the bytes as stored (decodable or not). */
Datum
pc_sql_sha256(PG_FUNCTION_ARGS)
{
	bytea	   *raw = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_BYTEA_P(pc_sha256((const uint8_t *) VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw)));
}
