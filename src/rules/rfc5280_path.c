/*
 * rfc5280_path.c
 *		RFC 5280 section 6 (certification path validation), one step of it:
 *		the certificate checked against the certificate of its issuer.
 *
 * These rules run only when the issuer is given (lint(cert, issuer => ...));
 * a single-certificate linter cannot see any of this.
 */
#include "rules.h"

static void
check_signature(const pc_cert *c, pc_report *r)
{
	char		why[128];

	if (pc_verify_signature(c, r->opt->issuer, why, sizeof(why)) == 0)
		pc_fail(r, "%s", why);
}

static void
check_signature_unverifiable(const pc_cert *c, pc_report *r)
{
	char		why[128];

	if (pc_verify_signature(c, r->opt->issuer, why, sizeof(why)) < 0)
		pc_fail(r, "%s", why);
}

/*
 * Name comparison after RFC 4518-style preparation, roughly: the same
 * attribute types in the same RDN structure, values equal ignoring ASCII
 * case and runs of spaces, whatever their string type.
 */
static bool
value_eq_prepared(pc_span a, pc_span b)
{
	size_t		i = 0,
				j = 0;

	for (;;)
	{
		while (i < a.n && a.p[i] == ' ' && (i == 0 || a.p[i - 1] == ' ' || i + 1 == a.n))
			i++;
		while (j < b.n && b.p[j] == ' ' && (j == 0 || b.p[j - 1] == ' ' || j + 1 == b.n))
			j++;
		if (i == a.n || j == b.n)
			return i == a.n && j == b.n;
		{
			uint8_t		x = a.p[i],
						y = b.p[j];

			if (x >= 'A' && x <= 'Z')
				x = (uint8_t) (x + 32);
			if (y >= 'A' && y <= 'Z')
				y = (uint8_t) (y + 32);
			if (x != y)
				return false;
		}
		i++;
		j++;
	}
}

static bool
names_match(const pc_name *a, const pc_name *b)
{
	if (a->nattr != b->nattr || a->nrdn != b->nrdn)
		return false;
	for (int i = 0; i < a->nattr; i++)
	{
		if (a->attr[i].rdn != b->attr[i].rdn || !pc_span_eq(a->attr[i].oid, b->attr[i].oid))
			return false;
		if (!pc_span_eq(a->attr[i].value, b->attr[i].value) &&
			!value_eq_prepared(a->attr[i].value, b->attr[i].value))
			return false;
	}
	return true;
}

static void
check_issuer_name(const pc_cert *c, pc_report *r)
{
	char		want[256],
				got[256];

	if (names_match(&c->issuer, &r->opt->issuer->subject))
		return;
	pc_name_text(&c->issuer, got, sizeof(got));
	pc_name_text(&r->opt->issuer->subject, want, sizeof(want));
	pc_fail(r, "issuer \"%s\" does not match the issuer's subject \"%s\"", got, want);
}

static void
check_issuer_is_ca(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;

	if (!(i->kind & PC_K_CA))
		pc_fail(r, "the issuing certificate does not assert basicConstraints cA TRUE");
}

static void
check_issuer_key_cert_sign(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;

	if (pc_ext_ok(i, PC_X_KU) && !(i->ku & PC_KU_KEY_CERT_SIGN))
		pc_fail(r, "the issuer's keyUsage lacks keyCertSign");
}

/* pathLenConstraint 0: the issuer may sign no further (non-self-issued) CA. */
static void
check_path_len(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;

	if ((c->kind & PC_K_CA) && !(c->kind & PC_K_ROOT) && pc_ext_ok(i, PC_X_BC) &&
		i->bc_pathlen == 0)
		pc_fail(r, "issuer's pathLenConstraint is 0, but this is a CA certificate");
}

/* ---------------------------------------------------------------- name constraints */

/* Does dNSName 'name' fall within the constraint 'base' (RFC 5280 4.2.1.10)? */
static bool
dns_within(pc_span name, pc_span base)
{
	pc_span		tail;

	if (base.n == 0)
		return true;
	if (name.n < base.n)
		return false;
	tail = (pc_span) {name.p + name.n - base.n, base.n};
	if (!pc_span_eq_nocase(tail, base))
		return false;
	return name.n == base.n || base.p[0] == '.' || name.p[name.n - base.n - 1] == '.';
}

static bool
ip_within(pc_span ip, pc_span base)
{
	if (base.n != 2 * ip.n)
		return false;
	for (size_t k = 0; k < ip.n; k++)
		if ((ip.p[k] & base.p[ip.n + k]) != (base.p[k] & base.p[ip.n + k]))
			return false;
	return true;
}

typedef struct nc_state
{
	bool		dns_permitted_any;	/* some dNSName subtree is permitted */
	bool		ip_permitted_any;
} nc_state;

/*
 * Past this many subtrees the rest are not examined, so a hostile issuer
 * with thousands of constraints over a certificate with thousands of names
 * costs linear, not quadratic, time.  Real name constraints list a handful.
 */
#define NC_MAX_SUBTREES 256

/* Does gn fall within one of the subtrees of this type?  type_seen: any of its type. */
static bool
subtree_match(pc_span subtrees, const pc_gn *gn, bool *type_seen)
{
	pc_der		d;
	pc_tlv		st;
	bool		hit = false;
	int			seen = 0;

	*type_seen = false;
	pc_der_init(&d, subtrees, subtrees.p, NULL);
	while (pc_der_more(&d) && seen++ < NC_MAX_SUBTREES &&
		   pc_der_expect(&d, PC_T_SEQUENCE, &st, NULL, ""))
	{
		pc_der		in;
		pc_tlv		base;

		pc_der_init(&in, st.v, st.v.p, NULL);
		if (!pc_der_next(&in, &base, NULL) || (base.id & 0x1f) != gn->type)
			continue;
		*type_seen = true;
		if (gn->type == PC_GN_DNS && dns_within(gn->v, base.v))
			hit = true;
		if (gn->type == PC_GN_IP && ip_within(gn->v, base.v))
			hit = true;
	}
	return hit;
}

static void
check_name_constraints(const pc_cert *c, pc_report *r)
{
	const pc_ext *nc = pc_ext_get(r->opt->issuer, PC_X_NC);
	pc_der		d;
	pc_tlv		seq,
				t;
	pc_span		permitted = PC_SPAN_EMPTY,
				excluded = PC_SPAN_EMPTY;
	bool		has_permitted = false;
	pc_gn_iter	it;
	pc_gn		gn;

	if (!nc || nc->bad || (c->kind & PC_K_ROOT))
		return;
	pc_der_init(&d, nc->value, nc->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, ""))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d) && pc_der_next(&d, &t, NULL))
	{
		if (t.id == PC_CTXC(0))
		{
			permitted = t.v;
			has_permitted = true;
		}
		else if (t.id == PC_CTXC(1))
			excluded = t.v;
	}

	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		bool		seen;
		char		text[300];

		if (gn.type != PC_GN_DNS && gn.type != PC_GN_IP)
			continue;
		pc_gn_text(&gn, text, sizeof(text));
		if (excluded.n && subtree_match(excluded, &gn, &seen))
			pc_fail(r, "%s is within an excluded subtree of the issuer", text);
		else if (has_permitted && !subtree_match(permitted, &gn, &seen) && seen)
			pc_fail(r, "%s is outside the issuer's permitted subtrees", text);
	}
}

/* ---------------------------------------------------------------- validity */

static void
check_validity_nested(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;
	char		a[32],
				b[32];

	if (c->not_before.t < i->not_before.t)
	{
		pc_format_time(c->not_before.t, a, sizeof(a));
		pc_format_time(i->not_before.t, b, sizeof(b));
		pc_fail(r, "notBefore %s is before the issuer's notBefore %s", a, b);
	}
	if (c->not_after.t > i->not_after.t)
	{
		pc_format_time(c->not_after.t, a, sizeof(a));
		pc_format_time(i->not_after.t, b, sizeof(b));
		pc_fail(r, "notAfter %s is after the issuer's notAfter %s", a, b);
	}
}

#define NEEDS (PC_RF_NEEDS_ISSUER)

const pc_rule pc_rules_rfc5280_path[] = {
	{.name = "e_chain_signature_invalid", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.3(a)(1)", .scope = SCOPE_ANY,
		.flags = NEEDS | PC_RF_NEEDS_SIGNATURE, .check = check_signature,
		.description = "The signature does not verify with the issuer's public key."},
	{.name = "n_chain_signature_unverifiable", .severity = PC_NOTICE, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.3(a)(1)", .scope = SCOPE_ANY,
		.flags = NEEDS | PC_RF_NEEDS_SIGNATURE, .check = check_signature_unverifiable,
		.description = "The signature could not be checked: the algorithm or the issuer's key is not supported."},
	{.name = "e_chain_issuer_name_mismatch", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.3(a)(4), 7.1", .scope = SCOPE_ANY, .flags = NEEDS,
		.check = check_issuer_name,
		.description = "The issuer name does not match the issuer's subject (compared after case and space folding)."},
	{.name = "e_chain_issuer_not_ca", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.4(k), 4.2.1.9", .scope = SCOPE_ANY, .flags = NEEDS,
		.check = check_issuer_is_ca,
		.description = "The issuing certificate is not a CA certificate (basicConstraints cA TRUE)."},
	{.name = "e_chain_issuer_key_cert_sign_missing", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.4(n), 4.2.1.3", .scope = SCOPE_ANY, .flags = NEEDS,
		.check = check_issuer_key_cert_sign,
		.description = "The issuer's keyUsage does not allow signing certificates (keyCertSign)."},
	{.name = "e_chain_path_len_exceeded", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.4(l)-(m), 4.2.1.9", .scope = SCOPE_CA, .flags = NEEDS,
		.check = check_path_len,
		.description = "A CA certificate issued under an issuer whose pathLenConstraint is 0."},
	{.name = "e_chain_name_constraints_violated", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.3(b)-(c), 4.2.1.10", .scope = SCOPE_ANY, .flags = NEEDS,
		.check = check_name_constraints,
		.description = "A dNSName or iPAddress in the subjectAltName is outside the issuer's permitted subtrees or inside its excluded ones (the first 256 subtrees of each list are examined)."},
	{.name = "n_chain_validity_outside_issuer", .severity = PC_NOTICE, .source = "RFC5280",
		.citation = "RFC 5280: 6.1.3(a)(2) (not a requirement of issuance)", .scope = SCOPE_ANY,
		.flags = NEEDS, .check = check_validity_nested,
		.description = "The validity period reaches outside the issuer's; path validation fails for relying parties at those times."},
};

PC_RULE_TABLE_END(rfc5280_path);
