/*
 * cabf_br_chain.c
 *		Baseline Requirements that compare a certificate with its issuer.
 *		They run only when the issuer is given.
 */
#include "rules.h"

static void
check_issuer_dn_identical(const pc_cert *c, pc_report *r)
{
	if (!pc_span_eq(c->issuer.der, r->opt->issuer->subject.der))
		pc_fail(r, "issuer is not byte-for-byte the issuing CA's subject (%zu versus %zu octets)",
				c->issuer.der.n, r->opt->issuer->subject.der.n);
}

static void
check_aki_matches_ski(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;
	char		a[2 * 32 + 1],
				b[2 * 32 + 1];

	if (!c->aki_has_keyid || !pc_ext_ok(i, PC_X_SKI) || pc_span_eq(c->aki_keyid, i->ski))
		return;
	pc_hex(c->aki_keyid.n > 32 ? (pc_span) {c->aki_keyid.p, 32} : c->aki_keyid, a, sizeof(a));
	pc_hex(i->ski.n > 32 ? (pc_span) {i->ski.p, 32} : i->ski, b, sizeof(b));
	pc_fail(r, "authorityKeyIdentifier %s differs from the issuer's subjectKeyIdentifier %s", a, b);
}

/* BR 7.1.3.2.2: the hash follows the signing key's curve. */
static void
check_ecdsa_hash_for_curve(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;
	bool		ok;

	if (i->spki.type != PC_KEY_EC)
		return;
	switch (i->spki.curve)
	{
		case PC_CURVE_P256:
			ok = PC_OID_IS(c->tbs_sig_oid, OID_ALG_ECDSA_SHA256);
			break;
		case PC_CURVE_P384:
			ok = PC_OID_IS(c->tbs_sig_oid, OID_ALG_ECDSA_SHA384);
			break;
		case PC_CURVE_P521:
			ok = PC_OID_IS(c->tbs_sig_oid, OID_ALG_ECDSA_SHA512);
			break;
		default:
			return;
	}
	if (!ok)
	{
		char		oid[64];

		pc_oid_text(c->tbs_sig_oid, oid, sizeof(oid));
		pc_fail(r, "signature algorithm %s does not match the issuer's P-%u key", oid, i->spki.bits);
	}
}

static void
check_key_differs_from_issuer(const pc_cert *c, pc_report *r)
{
	if (!(c->kind & PC_K_ROOT) && pc_span_eq(c->spki.all, r->opt->issuer->spki.all))
		pc_fail(r, "the certificate certifies its issuer's own public key");
}

#define NEEDS PC_RF_NEEDS_ISSUER

const pc_rule pc_rules_cabf_br_chain[] = {
	{.name = "e_chain_issuer_dn_not_byte_identical", .severity = PC_ERROR, .source = "CABF_BR",
		.citation = "BRs: 7.1.4.1", .from = PC_DATE(2020, 9, 30), .scope = SCOPE_ANY,
		.exclude = PC_K_ROOT, .flags = NEEDS, .check = check_issuer_dn_identical,
		.description = "From 2020-09-30 the issuer field must be byte-for-byte the issuing CA's subject."},
	{.name = "e_chain_aki_not_issuer_ski", .severity = PC_ERROR, .source = "CABF_BR",
		.citation = "BRs: 7.1.2.11.1", .scope = SCOPE_ANY, .exclude = PC_K_ROOT, .flags = NEEDS,
		.check = check_aki_matches_ski,
		.description = "authorityKeyIdentifier keyIdentifier must equal the issuing CA's subjectKeyIdentifier."},
	{.name = "e_chain_ecdsa_hash_not_issuer_curve", .severity = PC_ERROR, .source = "CABF_BR",
		.citation = "BRs: 7.1.3.2.2", .from = PC_DATE(2020, 8, 20), .scope = SCOPE_ANY,
		.flags = NEEDS, .check = check_ecdsa_hash_for_curve,
		.description = "An ECDSA signature must use SHA-256 with a P-256 issuer key, SHA-384 with P-384, SHA-512 with P-521."},
	{.name = "e_chain_subscriber_key_is_issuer_key", .severity = PC_ERROR, .source = "CABF_BR",
		.citation = "BRs: 6.1.1.3", .scope = SCOPE_ANY, .exclude = PC_K_ROOT, .flags = NEEDS,
		.check = check_key_differs_from_issuer,
		.description = "A certificate must not certify the public key of the CA that issues it."},
};

PC_RULE_TABLE_END(cabf_br_chain);
