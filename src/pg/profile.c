/*
 * profile.c
 *		Certificate profiles as versioned data: the PostgreSQL side.
 *
 *	profcheck.define_profile(name, definition jsonb, note)
 *		validates a definition strictly and appends it as the next version;
 *		only members of profcheck_admin may, and the row is written as the
 *		table's owner (the table grants no INSERT to anyone else).
 *	profcheck._lint_profile(cert, at, name, version, definition)
 *		built-in findings filtered by the profile's "rules", plus the
 *		profile's own findings; the SQL wrappers lint(cert, profile) and
 *		lint(cert, at, profile) pick the version in force.
 *	profcheck._audit_profile(name, version, definition, at)
 *		the definition judged against the built-in rule windows.
 *	pc_profile_enforce()
 *		profcheck.enforce() with a profile argument and/or audit mode;
 *		called from the hook in profcheck.c.
 *
 * The definition is read into a pc_profile (src/core/profile.h); checks and
 * audits live in src/core/profile.c, outside PostgreSQL.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "../core/pc.h"
#include "enforce.h"
#include "pgutil.h"
#include "../core/profile.h"

#define PCP_ADMIN_ROLE		"profcheck_admin"

/* ---------------------------------------------------------------- reading a definition */

typedef struct pcj
{
	const char *profile;		/* profile name, for messages */
	bool		stored;			/* re-reading a stored version: rule names that
								 * a later release no longer knows are kept */
} pcj;

static void pcj_fail(const pcj *j, const char *hint, const char *fmt,...) pg_attribute_printf(3, 4);

static void
pcj_fail(const pcj *j, const char *hint, const char *fmt,...)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (;;)
	{
		va_list		ap;
		int			need;

		va_start(ap, fmt);
		need = appendStringInfoVA(&buf, fmt, ap);
		va_end(ap);
		if (need == 0)
			break;
		enlargeStringInfo(&buf, need);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("profile \"%s\": %s", j->profile, buf.data),
			 hint ? errhint("%s", hint) : 0));
}

static const char *
pcj_type(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "a string";
		case jbvNumeric:
			return "a number";
		case jbvBool:
			return "a boolean";
		case jbvBinary:
			return JsonContainerIsObject(v->val.binary.data) ? "an object" : "an array";
		default:
			return "a JSON value";
	}
}

static bool
pcj_is_object(const JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data);
}

static bool
pcj_is_array(const JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data) &&
		!JsonContainerIsScalar(v->val.binary.data);
}

/* An object's members, in jsonb's key order. */
static int
pcj_members(const pcj *j, const char *path, const JsonbValue *obj, char ***keys, JsonbValue **vals)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken t;
	int			n = 0,
				cap = 8;

	if (!pcj_is_object(obj))
		pcj_fail(j, NULL, "\"%s\" must be an object, not %s", path, pcj_type(obj));
	*keys = palloc(cap * sizeof(char *));
	*vals = palloc(cap * sizeof(JsonbValue));
	it = JsonbIteratorInit(obj->val.binary.data);
	while ((t = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (t != WJB_KEY)
			continue;
		if (n == cap)
		{
			cap *= 2;
			*keys = repalloc(*keys, cap * sizeof(char *));
			*vals = repalloc(*vals, cap * sizeof(JsonbValue));
		}
		(*keys)[n] = pnstrdup(v.val.string.val, v.val.string.len);
		t = JsonbIteratorNext(&it, &(*vals)[n], true);
		Assert(t == WJB_VALUE);
		n++;
	}
	return n;
}

/* An array of strings (at most PCP_MAX_LIST). */
static int
pcj_strings(const pcj *j, const char *path, const JsonbValue *arr, char ***out)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken t;
	int			n = 0;

	if (!pcj_is_array(arr))
		pcj_fail(j, NULL, "\"%s\" must be an array of strings, not %s", path, pcj_type(arr));
	*out = palloc(PCP_MAX_LIST * sizeof(char *));
	it = JsonbIteratorInit(arr->val.binary.data);
	while ((t = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (t != WJB_ELEM)
			continue;
		if (v.type != jbvString)
			pcj_fail(j, NULL, "\"%s[%d]\" must be a string, not %s", path, n, pcj_type(&v));
		if (n == PCP_MAX_LIST)
			pcj_fail(j, NULL, "\"%s\" has more than %d entries", path, PCP_MAX_LIST);
		if (v.val.string.len == 0 || v.val.string.len >= PCP_MAX_NAME)
			pcj_fail(j, NULL, "\"%s[%d]\" must be 1 to %d characters long", path, n, PCP_MAX_NAME - 1);
		(*out)[n++] = pnstrdup(v.val.string.val, v.val.string.len);
	}
	return n;
}

static void
pcj_unknown_key(const pcj *j, const char *path, const char *key, const char *allowed)
{
	char	   *hint = psprintf("Allowed keys%s%s: %s.", path ? " in " : "", path ? path : "", allowed);

	if (path)
		pcj_fail(j, hint, "unknown key \"%s.%s\"", path, key);
	pcj_fail(j, hint, "unknown key \"%s\"", key);
}

typedef bool (*pcj_oid_fn) (const char *name, pcp_oid *out);

/* A list of OIDs given by name or in dotted form. */
static void
pcj_oid_list(const pcj *j, const char *path, const JsonbValue *v, pcj_oid_fn fn,
			 const char *what, const char *hint, pcp_oidlist *out)
{
	char	  **s;
	int			n = pcj_strings(j, path, v, &s);

	out->n = 0;
	for (int i = 0; i < n; i++)
	{
		pcp_oid    *o = &out->v[out->n];

		if (!fn(s[i], o))
			pcj_fail(j, hint, "\"%s[%d]\": unknown %s \"%s\"", path, i, what, s[i]);
		for (int k = 0; k < out->n; k++)
			if (out->v[k].n == o->n && memcmp(out->v[k].b, o->b, o->n) == 0)
				pcj_fail(j, NULL, "\"%s[%d]\": \"%s\" is listed twice", path, i, s[i]);
		out->n++;
	}
}

/* Do two lists share an OID?  Its name, or NULL. */
static const char *
pcj_overlap(const pcp_oidlist *a, const pcp_oidlist *b)
{
	for (int i = 0; i < a->n; i++)
		for (int k = 0; k < b->n; k++)
			if (a->v[i].n == b->v[k].n && memcmp(a->v[i].b, b->v[k].b, a->v[i].n) == 0)
				return a->v[i].name;
	return NULL;
}

static bool
pcj_bool(const pcj *j, const char *path, const JsonbValue *v)
{
	if (v->type != jbvBool)
		pcj_fail(j, NULL, "\"%s\" must be a boolean, not %s", path, pcj_type(v));
	return v->val.boolean;
}

static int64
pcj_positive_int(const pcj *j, const char *path, const JsonbValue *v, int64 max)
{
	char	   *s,
			   *end;
	long long	n;

	if (v->type != jbvNumeric)
		pcj_fail(j, NULL, "\"%s\" must be a positive integer, not %s", path, pcj_type(v));
	s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0)
		pcj_fail(j, NULL, "\"%s\" must be a positive integer, not %s", path, s);
	if (n <= 0 || n > max)
		pcj_fail(j, NULL, "\"%s\" must be a positive integer no greater than " INT64_FORMAT ", not %s",
				 path, max, s);
	return (int64) n;
}

static void
pcj_eku(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	static const char *const hint =
		"Use serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage, precertificateSigning or a dotted OID.";
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "eku", v, &keys, &vals);
	const char *dup;

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "required") == 0)
			pcj_oid_list(j, "eku.required", &vals[i], pcp_eku_oid, "extended key usage", hint, &p->eku_required);
		else if (strcmp(keys[i], "forbidden") == 0)
			pcj_oid_list(j, "eku.forbidden", &vals[i], pcp_eku_oid, "extended key usage", hint, &p->eku_forbidden);
		else if (strcmp(keys[i], "exact") == 0)
		{
			pcj_oid_list(j, "eku.exact", &vals[i], pcp_eku_oid, "extended key usage", hint, &p->eku_exact);
			if (p->eku_exact.n == 0)
				pcj_fail(j, "Omit \"eku\" to allow any; use \"forbidden\" to exclude some.",
						 "\"eku.exact\" must not be empty");
			p->has_eku_exact = true;
		}
		else
			pcj_unknown_key(j, "eku", keys[i], "required, forbidden, exact");
	}
	if (p->has_eku_exact && (p->eku_required.n > 0 || p->eku_forbidden.n > 0))
		pcj_fail(j, NULL, "\"eku.exact\" cannot be combined with \"eku.required\" or \"eku.forbidden\"");
	if ((dup = pcj_overlap(&p->eku_required, &p->eku_forbidden)) != NULL)
		pcj_fail(j, NULL, "\"eku\": \"%s\" is both required and forbidden", dup);
}

static void
pcj_key_usage(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "key_usage", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		int			fam = pcp_family_parse(keys[i]);
		char	   *path = psprintf("key_usage.%s", keys[i]);
		char	  **bits;
		int			nb;

		if (fam < 0)
			pcj_unknown_key(j, "key_usage", keys[i], "rsa, ec, ed25519, ed448");
		nb = pcj_strings(j, path, &vals[i], &bits);
		if (nb == 0)
			pcj_fail(j, NULL, "\"%s\" must not be empty: a keyUsage extension asserts at least one bit", path);
		p->has_ku[fam] = true;
		p->ku[fam] = 0;
		for (int b = 0; b < nb; b++)
		{
			int			bit = pcp_ku_bit(bits[b]);

			if (bit == 0)
				pcj_fail(j, "Use digitalSignature, nonRepudiation (contentCommitment), keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly.",
						 "\"%s[%d]\": unknown key usage \"%s\"", path, b, bits[b]);
			p->ku[fam] |= (uint16_t) bit;
		}
	}
}

static void
pcj_subject(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	static const char *const hint =
		"Use C, ST, L, O, OU, CN, street, postalCode, givenName, surname, serialNumber, emailAddress, organizationIdentifier, businessCategory, jurisdictionC/ST/L, DC, UID, title, pseudonym or a dotted OID.";
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "subject", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "required") == 0)
			pcj_oid_list(j, "subject.required", &vals[i], pcp_attr_oid, "subject attribute", hint, &p->subj_required);
		else if (strcmp(keys[i], "allowed") == 0)
		{
			pcj_oid_list(j, "subject.allowed", &vals[i], pcp_attr_oid, "subject attribute", hint, &p->subj_allowed);
			p->has_subj_allowed = true;
		}
		else
			pcj_unknown_key(j, "subject", keys[i], "required, allowed");
	}
}

static void
pcj_san(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "san", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "types") == 0)
		{
			char	  **t;
			int			nt = pcj_strings(j, "san.types", &vals[i], &t);

			p->has_san_types = true;
			p->san_types = 0;
			for (int k = 0; k < nt; k++)
			{
				int			gn = pcp_san_type(t[k]);

				if (gn < 0)
					pcj_fail(j, "Use dns, ip, email, uri, dirname, othername, rid, x400, ediparty.",
							 "\"san.types[%d]\": unknown name type \"%s\"", k, t[k]);
				p->san_types |= 1u << gn;
			}
		}
		else if (strcmp(keys[i], "required") == 0)
			p->san_required = pcj_bool(j, "san.required", &vals[i]);
		else
			pcj_unknown_key(j, "san", keys[i], "types, required");
	}
	if (p->san_required && p->has_san_types && p->san_types == 0)
		pcj_fail(j, NULL, "\"san\": required is true but types is empty");
}

static void
pcj_policies(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "policies", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "required") == 0)
			pcj_oid_list(j, "policies.required", &vals[i], pcp_dotted_oid, "policy OID",
						 "Policy OIDs are written in dotted form, e.g. 2.23.140.1.2.2.", &p->pol_required);
		else
			pcj_unknown_key(j, "policies", keys[i], "required");
	}
}

static void
pcj_extensions(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	static const char *const hint =
		"Use an extension name (subjectAltName, keyUsage, extKeyUsage, basicConstraints, certificatePolicies, authorityInfoAccess, cRLDistributionPoints, authorityKeyIdentifier, subjectKeyIdentifier, nameConstraints, ctSCTList, ctPoison, ...) or a dotted OID.";
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "extensions", v, &keys, &vals);
	const char *dup;

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "required") == 0)
			pcj_oid_list(j, "extensions.required", &vals[i], pcp_ext_oid, "extension", hint, &p->ext_required);
		else if (strcmp(keys[i], "forbidden") == 0)
			pcj_oid_list(j, "extensions.forbidden", &vals[i], pcp_ext_oid, "extension", hint, &p->ext_forbidden);
		else if (strcmp(keys[i], "critical") == 0)
			pcj_oid_list(j, "extensions.critical", &vals[i], pcp_ext_oid, "extension", hint, &p->ext_critical);
		else if (strcmp(keys[i], "non_critical") == 0)
			pcj_oid_list(j, "extensions.non_critical", &vals[i], pcp_ext_oid, "extension", hint, &p->ext_non_critical);
		else
			pcj_unknown_key(j, "extensions", keys[i], "required, forbidden, critical, non_critical");
	}
	if ((dup = pcj_overlap(&p->ext_required, &p->ext_forbidden)) != NULL)
		pcj_fail(j, NULL, "\"extensions\": \"%s\" is both required and forbidden", dup);
	if ((dup = pcj_overlap(&p->ext_critical, &p->ext_non_critical)) != NULL)
		pcj_fail(j, NULL, "\"extensions\": \"%s\" is both critical and non_critical", dup);
}

static void
pcj_basic_constraints(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "basic_constraints", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		if (strcmp(keys[i], "ca") == 0)
			p->bc_ca = pcj_bool(j, "basic_constraints.ca", &vals[i]) ? 1 : 0;
		else
			pcj_unknown_key(j, "basic_constraints", keys[i], "ca");
	}
}

static bool
pcj_rule_known(const char *name)
{
	return pc_rule_find(name) != NULL || pcp_rule_find(name) != NULL ||
		strcmp(name, pc_rule_unparseable.name) == 0;
}

static void
pcj_rules(const pcj *j, const JsonbValue *v, pc_profile *p)
{
	char	  **keys;
	JsonbValue *vals;
	int			n = pcj_members(j, "rules", v, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		char	  **s;
		int			ns;

		if (strcmp(keys[i], "sources") == 0)
		{
			ns = pcj_strings(j, "rules.sources", &vals[i], &s);
			for (int k = 0; k < ns; k++)
			{
				if (!j->stored && !pcp_source_known(s[k]))
					pcj_fail(j, "SELECT DISTINCT source FROM profcheck.rules lists them.",
							 "\"rules.sources[%d]\": unknown rule source \"%s\"", k, s[k]);
				strlcpy(p->sources[k], s[k], PCP_MAX_NAME);
			}
			p->nsources = ns;
			p->has_sources = true;
		}
		else if (strcmp(keys[i], "exclude") == 0)
		{
			ns = pcj_strings(j, "rules.exclude", &vals[i], &s);
			for (int k = 0; k < ns; k++)
			{
				if (!j->stored && !pcj_rule_known(s[k]))
					pcj_fail(j, "SELECT rule FROM profcheck.rules lists the built-in rules.",
							 "\"rules.exclude[%d]\": unknown rule \"%s\"", k, s[k]);
				strlcpy(p->exclude[k], s[k], PCP_MAX_NAME);
			}
			p->nexclude = ns;
		}
		else if (strcmp(keys[i], "severity") == 0)
		{
			char	  **rk;
			JsonbValue *rv;
			int			nr = pcj_members(j, "rules.severity", &vals[i], &rk, &rv);

			if (nr > PCP_MAX_LIST)
				pcj_fail(j, NULL, "\"rules.severity\" has more than %d entries", PCP_MAX_LIST);
			for (int k = 0; k < nr; k++)
			{
				char	   *sv;
				pc_severity sev;

				if ((!j->stored && !pcj_rule_known(rk[k])) || strlen(rk[k]) >= PCP_MAX_NAME)
					pcj_fail(j, "SELECT rule FROM profcheck.rules lists the built-in rules.",
							 "\"rules.severity\": unknown rule \"%s\"", rk[k]);
				if (rv[k].type != jbvString)
					pcj_fail(j, NULL, "\"rules.severity.%s\" must be a string, not %s", rk[k], pcj_type(&rv[k]));
				sv = pnstrdup(rv[k].val.string.val, rv[k].val.string.len);
				if (!pc_severity_parse(sv, &sev) || sev == PC_FATAL)
					pcj_fail(j, "Use info, notice, warn or error.",
							 "\"rules.severity.%s\": invalid severity \"%s\"", rk[k], sv);
				strlcpy(p->severity[k].rule, rk[k], PCP_MAX_NAME);
				p->severity[k].severity = sev;
			}
			p->nseverity = nr;
		}
		else
			pcj_unknown_key(j, "rules", keys[i], "sources, exclude, severity");
	}
}

/* Read and validate a definition; ERROR 22023 naming the key path. */
static void
pcp_read(const char *name, Jsonb *jb, pc_profile *p, bool stored)
{
	pcj			j = {name, stored};
	JsonbValue	root;
	char	  **keys;
	JsonbValue *vals;
	int			n;

	pcp_init(p);
	if (JB_ROOT_IS_SCALAR(jb) || !JB_ROOT_IS_OBJECT(jb))
		pcj_fail(&j, NULL, "the definition must be a JSON object");
	root.type = jbvBinary;
	root.val.binary.data = &jb->root;
	root.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	n = pcj_members(&j, "definition", &root, &keys, &vals);

	for (int i = 0; i < n; i++)
	{
		const char *k = keys[i];
		JsonbValue *v = &vals[i];

		if (strcmp(k, "validity_max_days") == 0)
			p->validity_max_days = pcj_positive_int(&j, k, v, 36525);
		else if (strcmp(k, "key_types") == 0)
		{
			char	  **s;
			int			ns = pcj_strings(&j, k, v, &s);

			if (ns == 0)
				pcj_fail(&j, NULL, "\"key_types\" must not be empty");
			for (int t = 0; t < ns; t++)
				if (!pcp_key_parse(s[t], &p->key_types[t]))
					pcj_fail(&j, "Use rsa<bits> (e.g. rsa2048, rsa3072, rsa4096), p256, p384, p521, ed25519 or ed448.",
							 "\"key_types[%d]\": unknown key type \"%s\"", t, s[t]);
			p->nkey_types = ns;
			p->has_key_types = true;
		}
		else if (strcmp(k, "eku") == 0)
			pcj_eku(&j, v, p);
		else if (strcmp(k, "key_usage") == 0)
			pcj_key_usage(&j, v, p);
		else if (strcmp(k, "subject") == 0)
			pcj_subject(&j, v, p);
		else if (strcmp(k, "san") == 0)
			pcj_san(&j, v, p);
		else if (strcmp(k, "policies") == 0)
			pcj_policies(&j, v, p);
		else if (strcmp(k, "extensions") == 0)
			pcj_extensions(&j, v, p);
		else if (strcmp(k, "basic_constraints") == 0)
			pcj_basic_constraints(&j, v, p);
		else if (strcmp(k, "rules") == 0)
			pcj_rules(&j, v, p);
		else if (strcmp(k, "effective_from") == 0)
		{
			char	   *s;
			int64_t		t;

			if (v->type != jbvString)
				pcj_fail(&j, NULL, "\"effective_from\" must be a date string (YYYY-MM-DD), not %s", pcj_type(v));
			s = pnstrdup(v->val.string.val, v->val.string.len);
			if (strlen(s) != 10 || strspn(s, "0123456789-") != 10 || s[4] != '-' || s[7] != '-' ||
				!pc_parse_iso_time(s, &t))
				pcj_fail(&j, NULL, "\"effective_from\" must be a date YYYY-MM-DD, not \"%s\"", s);
			p->has_effective_from = true;
			p->effective_from = t;
		}
		else if (strcmp(k, "kind") == 0)
		{
			char	   *s;

			if (v->type != jbvString)
				pcj_fail(&j, NULL, "\"kind\" must be a string, not %s", pcj_type(v));
			s = pnstrdup(v->val.string.val, v->val.string.len);
			if (!pcp_kind_valid(s))
				pcj_fail(&j, "Use tls_server, tls_client, smime, code_signing, timestamping, ocsp, ca, root_ca, sub_ca or other.",
						 "\"kind\": unknown kind \"%s\"", s);
			strlcpy(p->kind, s, PCP_MAX_NAME);
		}
		else if (strcmp(k, "suspended") == 0)
			p->suspended = pcj_bool(&j, k, v);
		else if (strcmp(k, "description") == 0)
		{
			if (v->type != jbvString)
				pcj_fail(&j, NULL, "\"description\" must be a string, not %s", pcj_type(v));
		}
		else
			pcj_unknown_key(&j, NULL, k,
							"validity_max_days, key_types, eku, key_usage, subject, san, policies, extensions, basic_constraints, rules, effective_from, kind, suspended, description");
	}
}

static void
pcp_check_name(const char *name)
{
	size_t		n = strlen(name);
	static const char *const reserved[] = {"now", "today", "tomorrow", "yesterday", "epoch",
	"infinity", "allballs", NULL};

	if (n == 0 || n > 63)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("profile name must be 1 to 63 characters long")));

	/* lint(cert, text) reads anything else as a timestamp: see the SQL script. */
	if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid profile name \"%s\"", name),
				 errdetail("Profile names start with a letter.")));
	for (int i = 0; reserved[i]; i++)
		if (pg_strcasecmp(name, reserved[i]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid profile name \"%s\"", name),
					 errdetail("\"%s\" reads as a timestamp.", name)));
	for (const char *s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			  *s == ' ' || *s == '_' || *s == '-' || *s == '.'))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid profile name \"%s\"", name),
					 errdetail("Profile names consist of letters, digits, spaces, '_', '-' and '.'.")));
}

/* ---------------------------------------------------------------- acting as the owner */

/*
 * Write profcheck's own tables as their owner, with a safe search_path:
 * the tables grant no INSERT to callers.  An error unwinds both through
 * transaction (or subtransaction) abort.
 */
typedef struct pcp_owner_state
{
	Oid			save_user;
	int			save_sec;
	int			guc_level;
} pcp_owner_state;

static Oid
pcp_table_owner(const char *relname)
{
	Oid			nsp = get_namespace_oid("profcheck", false);
	Oid			rel = get_relname_relid(relname, nsp);
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(rel))
		elog(ERROR, "profcheck.%s does not exist", relname);
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(rel));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", rel);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

static void
pcp_owner_begin(pcp_owner_state *st, const char *relname)
{
	Oid			owner = pcp_table_owner(relname);

	GetUserIdAndSecContext(&st->save_user, &st->save_sec);
	SetUserIdAndSecContext(owner, st->save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	st->guc_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

static void
pcp_owner_end(pcp_owner_state *st)
{
	AtEOXact_GUC(true, st->guc_level);
	SetUserIdAndSecContext(st->save_user, st->save_sec);
}

/* ---------------------------------------------------------------- define_profile */

PG_FUNCTION_INFO_V1(pc_sql_define_profile);

/*
 * profcheck.define_profile(name text, definition jsonb, note text DEFAULT NULL)
 *		RETURNS integer: the new version.
 */
Datum
pc_sql_define_profile(PG_FUNCTION_ARGS)
{
	char	   *name;
	Jsonb	   *def;
	pc_profile *p;
	Oid			admin;
	char	   *caller;
	pcp_owner_state st;
	Oid			argtypes[4] = {TEXTOID, JSONBOID, TEXTOID, TEXTOID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	bool		isnull;
	int32		version;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("profile name and definition must not be null")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	def = PG_GETARG_JSONB_P(1);

	admin = get_role_oid(PCP_ADMIN_ROLE, true);
	if (!OidIsValid(admin) || !is_member_of_role(GetUserId(), admin))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to define profile \"%s\"", name),
				 errdetail("Only members of role %s may add profile versions.", PCP_ADMIN_ROLE)));

	pcp_check_name(name);
	p = palloc(sizeof(pc_profile));
	pcp_read(name, def, p, false);
	caller = GetUserNameFromId(GetUserId(), false);

	pcp_owner_begin(&st, "profile");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("LOCK TABLE profcheck.profile IN SHARE ROW EXCLUSIVE MODE", false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "could not lock profcheck.profile");
	values[0] = PointerGetDatum(cstring_to_text(name));
	values[1] = JsonbPGetDatum(def);
	values[2] = PointerGetDatum(cstring_to_text(caller));
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
		values[3] = PG_GETARG_DATUM(2);
	else
	{
		values[3] = (Datum) 0;
		nulls[3] = 'n';
	}
	if (SPI_execute_with_args(
							  "INSERT INTO profcheck.profile (name, version, definition, created_by, note) "
							  "SELECT $1, COALESCE(pg_catalog.max(p.version), 0) OPERATOR(pg_catalog.+) 1, $2, $3, $4 "
							  "  FROM profcheck.profile p WHERE p.name OPERATOR(pg_catalog.=) $1 "
							  "RETURNING version",
							  4, argtypes, values, nulls, false, 1) != SPI_OK_INSERT_RETURNING || SPI_processed != 1)
		elog(ERROR, "could not insert into profcheck.profile");
	version = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	pcp_owner_end(&st);
	PG_RETURN_INT32(version);
}

PG_FUNCTION_INFO_V1(pc_sql_check_profile);

/*
 * profcheck.check_profile(definition jsonb, name text DEFAULT 'profile')
 *		RETURNS boolean: true, or the ERROR define_profile would raise.
 */
Datum
pc_sql_check_profile(PG_FUNCTION_ARGS)
{
	Jsonb	   *def = PG_GETARG_JSONB_P(0);
	char	   *name = PG_NARGS() > 1 ? text_to_cstring(PG_GETARG_TEXT_PP(1)) : "profile";
	pc_profile *p = palloc(sizeof(pc_profile));

	pcp_read(name, def, p, false);
	PG_RETURN_BOOL(true);
}

/* ---------------------------------------------------------------- findings */

typedef struct pcp_row
{
	const char *rule;
	pc_severity severity;
	const char *source;
	const char *citation;
	const char *detail;
} pcp_row;

typedef struct pcp_rows
{
	pcp_row    *v;
	int			n;
	int			cap;
	const char *profile_source; /* "profile:<name>/v<n>" for profile rules */
} pcp_rows;

static void
pcp_rows_add(pcp_rows *rows, const char *rule, pc_severity sev, const char *source,
			 const char *citation, const char *detail)
{
	if (rows->n == rows->cap)
	{
		rows->cap = rows->cap ? rows->cap * 2 : 16;
		rows->v = rows->v ? repalloc(rows->v, rows->cap * sizeof(pcp_row)) : palloc(rows->cap * sizeof(pcp_row));
	}
	rows->v[rows->n].rule = pstrdup(rule);
	rows->v[rows->n].severity = sev;
	rows->v[rows->n].source = pstrdup(source);
	rows->v[rows->n].citation = citation ? pstrdup(citation) : NULL;
	rows->v[rows->n].detail = detail ? pstrdup(detail) : NULL;
	rows->n++;
}

static void
pcp_collect(void *arg, const pc_rule *rule, pc_severity sev, const char *detail)
{
	pcp_rows   *rows = arg;
	bool		own = strcmp(rule->source, "profile") == 0;

	pcp_rows_add(rows, rule->name, sev, own && rows->profile_source ? rows->profile_source : rule->source,
				 rule->citation, detail);
}

/*
 * Lint one value: built-in findings (judged at 'at' when given, else at
 * notBefore), filtered by the profile when there is one, then the
 * profile's own findings.  'p' NULL with 'no_version' set reports that no
 * version was in force.
 */
static void
pcp_lint_value(const uint8_t *buf, size_t len, const int64_t *at, const pc_profile *p,
			   bool no_version, pcp_rows *rows)
{
	pc_options	opt = {0};
	pc_run		run;
	bool		decoded = true;

	if (at)
	{
		opt.at = *at;
		opt.at_set = true;
	}
	pc_run_lint(&run, buf, len, NULL, &opt);
	for (size_t i = 0; i < run.report.n; i++)
	{
		const pc_finding *f = &run.report.items[i];
		pc_severity sev = f->severity;

		if (f->rule == &pc_rule_unparseable)
			decoded = false;
		if (p && !pcp_keep_builtin(p, f->rule, &sev))
			continue;
		pcp_rows_add(rows, f->rule->name, sev, f->rule->source, f->rule->citation, f->detail);
	}
	if (no_version)
	{
		const pc_rule *nr = pcp_rule_find("e_profile_not_in_force");

		pcp_rows_add(rows, nr->name, nr->severity, rows->profile_source, nr->citation,
					 "the profile has no version in force at the instant the certificate is judged at");
	}
	else if (p && decoded)
		pcp_check(p, run.cert, pcp_collect, rows);
}

/* ---------------------------------------------------------------- SRF helpers */

static void
pcp_return_rows(FunctionCallInfo fcinfo, const pcp_rows *rows)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = pc_materialize(fcinfo, &tupdesc);
	pc_sev_map *map = pc_sev_map_get(fcinfo->flinfo, TupleDescAttr(tupdesc, 1)->atttypid);

	for (int i = 0; i < rows->n; i++)
	{
		const pcp_row *r = &rows->v[i];
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = CStringGetTextDatum(r->rule);
		values[1] = map->label[r->severity];
		values[2] = CStringGetTextDatum(r->source);
		values[3] = pc_text_or_null(r->citation, &nulls[3]);
		values[4] = pc_text_or_null(r->detail, &nulls[4]);
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
}


/* ---------------------------------------------------------------- _lint_profile */

PG_FUNCTION_INFO_V1(pc_sql_lint_profile);

/*
 * profcheck._lint_profile(cert bytea, at timestamptz, name text,
 *                         version integer, definition jsonb)
 * 'at' NULL: built-in rules judged at notBefore.  version/definition NULL:
 * no version in force (one e_profile_not_in_force finding).
 */
Datum
pc_sql_lint_profile(PG_FUNCTION_ARGS)
{
	pcp_rows	rows = {0};
	int64_t		at = 0;
	pc_profile *p = NULL;
	char	   *name;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
	{
		pcp_return_rows(fcinfo, &rows);
		return (Datum) 0;
	}
	name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (!PG_ARGISNULL(1))
		at = pc_unix_seconds(PG_GETARG_TIMESTAMPTZ(1));
	if (!PG_ARGISNULL(3) && !PG_ARGISNULL(4))
	{
		p = palloc(sizeof(pc_profile));
		pcp_read(name, PG_GETARG_JSONB_P(4), p, true);
		rows.profile_source = psprintf("profile:%s/v%d", name, PG_GETARG_INT32(3));
	}
	else
		rows.profile_source = psprintf("profile:%s", name);
	{
		bytea	   *cert = PG_GETARG_BYTEA_PP(0);

		pcp_lint_value((const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert),
					   PG_ARGISNULL(1) ? NULL : &at, p, p == NULL, &rows);
	}
	pcp_return_rows(fcinfo, &rows);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- _audit_profile */

PG_FUNCTION_INFO_V1(pc_sql_audit_profile);

/*
 * profcheck._audit_profile(name text, version integer, definition jsonb, at timestamptz)
 */
Datum
pc_sql_audit_profile(PG_FUNCTION_ARGS)
{
	pcp_rows	rows = {0};
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	pc_profile *p = palloc(sizeof(pc_profile));

	pcp_read(name, PG_GETARG_JSONB_P(2), p, true);
	pcp_audit(p, pc_unix_seconds(PG_GETARG_TIMESTAMPTZ(3)), pcp_collect, &rows);
	pcp_return_rows(fcinfo, &rows);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- enforce with a profile */

/* The primary key of the row as text ("v1,v2"), or NULL without one. */
static char *
pcp_row_key(Relation rel, HeapTuple row)
{
	Oid			pk = RelationGetPrimaryKeyIndex(rel);
	Relation	idx;
	StringInfoData buf;
	TupleDesc	desc = RelationGetDescr(rel);

	if (!OidIsValid(pk))
		return NULL;
	idx = index_open(pk, AccessShareLock);
	initStringInfo(&buf);
	for (int k = 0; k < idx->rd_index->indnkeyatts; k++)
	{
		char	   *v = SPI_getvalue(row, desc, idx->rd_index->indkey.values[k]);

		appendStringInfo(&buf, "%s%s", k ? "," : "", v ? v : "");
	}
	index_close(idx, AccessShareLock);
	return buf.data;
}

/*
 * TG_ARGV: column, threshold or 'audit[:severity]', [profile], and the
 * at= option, read by pc_enforce_args_get() (profcheck.c).
 * Reject mode raises 23514 like the plain trigger; audit mode records the
 * findings at or above the level (default warn) in profcheck.audit_log and
 * lets the row through.
 *
 * The built-in rules and the profile version are judged at the same
 * instant: the transaction's start by default (at=now), the fixed instant
 * of at=<timestamptz>, or with at=notbefore the certificate's notBefore
 * (the profile version as lint(cert, profile) picks it: at notBefore, or
 * now for bytes that do not decode).
 */
Datum
pc_profile_enforce(FunctionCallInfo fcinfo, const pc_enforce_args *args)
{
	TriggerData *trig = (TriggerData *) fcinfo->context;
	Trigger    *tg = trig->tg_trigger;
	Relation	rel = trig->tg_relation;
	HeapTuple	row = TRIGGER_FIRED_BY_UPDATE(trig->tg_event) ? trig->tg_newtuple : trig->tg_trigtuple;
	const char *colname = args->column;
	const char *mode = args->mode ? args->mode : "error";
	const char *profname = args->profile;
	bool		audit = false;
	pc_severity threshold = PC_ERROR;
	bytea	   *cert;
	pc_profile *p = NULL;
	int32		version = 0;
	bool		no_version = false;
	pcp_rows	rows = {0};
	int			nviol = 0;
	const char *under = "";
	TimestampTz at_ts;
	bool		at_set;
	int64_t		at = 0;
	StringInfoData rules,
				detail;

	if (strncmp(mode, "audit", 5) == 0)
	{
		audit = true;
		threshold = PC_WARN;
		if (mode[5] == ':' ? !pc_severity_parse(mode + 6, &threshold) : mode[5] != '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid mode \"%s\" in trigger \"%s\"", mode, tg->tgname),
					 errhint("Use audit or audit:<severity> (info, notice, warn, error, fatal).")));
	}
	else if (!pc_severity_parse(mode, &threshold))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid threshold \"%s\" in trigger \"%s\"", mode, tg->tgname),
				 errhint("Use one of info, notice, warn, error, fatal, or audit[:severity].")));

	cert = pc_trigger_certificate(trig, row, args->attnum);
	if (cert == NULL)
		return PointerGetDatum(row);

	at_set = pc_enforce_instant(args, &at_ts);
	if (at_set)
		at = pc_unix_seconds(at_ts);

	/* The profile's version in force at the instant the rules are judged at. */
	if (profname)
	{
		MemoryContext outer = CurrentMemoryContext;
		bool		isnull;
		Oid			argtypes[2] = {TEXTOID, TIMESTAMPTZOID};
		Datum		qargs[2];

		if (!at_set)
		{
			pc_cert    *c = palloc(sizeof(pc_cert));
			pc_error	err;

			at_ts = pc_decode((const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), c, &err) ?
				pc_timestamptz_of(c->not_before.t) : GetCurrentTransactionStartTimestamp();
			pfree(c);
		}
		qargs[0] = PointerGetDatum(cstring_to_text(profname));
		qargs[1] = TimestampTzGetDatum(at_ts);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute_with_args("SELECT p.version, p.definition FROM profcheck.profile_at($1, $2) p",
								  2, argtypes, qargs, NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "could not look up profile \"%s\"", profname);
		(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (isnull)
			no_version = true;
		else
		{
			Datum		d;
			MemoryContext spi = MemoryContextSwitchTo(outer);

			version = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
			d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
			p = palloc(sizeof(pc_profile));
			pcp_read(profname, DatumGetJsonbP(d), p, true);
			MemoryContextSwitchTo(spi);
		}
		SPI_finish();
		rows.profile_source = no_version ? psprintf("profile:%s", profname)
			: psprintf("profile:%s/v%d", profname, version);
		under = no_version ? psprintf(" under profile \"%s\" (no version in force)", profname)
			: psprintf(" under profile \"%s\" v%d", profname, version);
	}

	pcp_lint_value((const uint8_t *) VARDATA_ANY(cert), VARSIZE_ANY_EXHDR(cert), at_set ? &at : NULL,
				   p, no_version, &rows);

	if (audit)
	{
		char	   *key = pcp_row_key(rel, row);
		pcp_owner_state st;
		Oid			argtypes[9] = {OIDOID, TEXTOID, BYTEAOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID, TEXTOID};

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		pcp_owner_begin(&st, "audit_log");
		for (int i = 0; i < rows.n; i++)
		{
			const pcp_row *r = &rows.v[i];
			Datum		args[9];
			char		nulls[9] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};

			if (r->severity < threshold)
				continue;
			args[0] = ObjectIdGetDatum(RelationGetRelid(rel));
			args[1] = key ? PointerGetDatum(cstring_to_text(key)) : (Datum) 0;
			nulls[1] = key ? ' ' : 'n';
			args[2] = PointerGetDatum(cert);
			args[3] = PointerGetDatum(cstring_to_text(r->rule));
			args[4] = PointerGetDatum(cstring_to_text(pc_severity_name(r->severity)));
			args[5] = PointerGetDatum(cstring_to_text(r->source));
			args[6] = profname ? PointerGetDatum(cstring_to_text(profname)) : (Datum) 0;
			nulls[6] = profname ? ' ' : 'n';
			args[7] = Int32GetDatum(version);
			nulls[7] = p ? ' ' : 'n';
			args[8] = r->detail ? PointerGetDatum(cstring_to_text(r->detail)) : (Datum) 0;
			nulls[8] = r->detail ? ' ' : 'n';
			if (SPI_execute_with_args(
									  "INSERT INTO profcheck.audit_log (relation, row_key, cert_sha256, rule, severity, source, profile, profile_version, detail) "
									  "VALUES ($1::pg_catalog.regclass, $2, pg_catalog.sha256($3), $4, $5::profcheck.severity, $6, $7, $8, $9)",
									  9, argtypes, args, nulls, false, 0) != SPI_OK_INSERT)
				elog(ERROR, "could not insert into profcheck.audit_log");
		}
		pcp_owner_end(&st);
		SPI_finish();
		return PointerGetDatum(row);
	}

	initStringInfo(&rules);
	initStringInfo(&detail);
	for (int i = 0; i < rows.n; i++)
	{
		const pcp_row *r = &rows.v[i];

		if (r->severity < threshold)
			continue;
		appendStringInfo(&rules, "%s%s", nviol ? ", " : "", r->rule);
		appendStringInfo(&detail, "%s%s (%s): %s", nviol ? "\n" : "", r->rule,
						 pc_severity_name(r->severity), r->detail ? r->detail : "");
		nviol++;
	}
	if (nviol > 0)
	{
		char	   *hint = pc_enforce_judged_hint(args);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("certificate in column \"%s\" of table \"%s\" violates %d profcheck rule%s%s: %s",
						colname, RelationGetRelationName(rel), nviol, nviol == 1 ? "" : "s",
						under, rules.data),
				 errdetail_internal("%s", detail.data),
				 hint ? errhint("%s", hint) : 0,
				 errtableconstraint(rel, tg->tgname)));
	}
	return PointerGetDatum(row);
}
