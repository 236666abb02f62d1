/*
 * rfc3279.c
 *		RFC 3279: Algorithms and Identifiers for the Internet X.509 PKI --
 *		which keyUsage bits an RSA key may carry (2.3.1).
 */
#include "rules.h"

/* Bits RFC 3279 2.3.1 allows for an RSA key in an end-entity certificate. */
#define RSA_EE_KU (PC_KU_DIGITAL_SIGNATURE | PC_KU_NON_REPUDIATION | \
				   PC_KU_KEY_ENCIPHERMENT | PC_KU_DATA_ENCIPHERMENT)
/* ... and in a CA certificate. */
#define RSA_CA_KU (RSA_EE_KU | PC_KU_KEY_CERT_SIGN | PC_KU_CRL_SIGN)

static bool
rsa_with_ku(const pc_cert *c)
{
	return c->spki.type == PC_KEY_RSA && pc_ext_ok(c, PC_X_KU);
}

static void
check_rsa_ku_ee(const pc_cert *c, pc_report *r)
{
	if (rsa_with_ku(c) && (c->ku & ~RSA_EE_KU))
		pc_fail(r, "RSA end-entity keyUsage asserts bits 0x%03x outside digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment",
				c->ku & ~RSA_EE_KU);
}

static void
check_rsa_ku_ca(const pc_cert *c, pc_report *r)
{
	if (rsa_with_ku(c) && (c->ku & ~RSA_CA_KU))
		pc_fail(r, "RSA CA keyUsage asserts bits 0x%03x not allowed for RSA (keyAgreement, encipherOnly or decipherOnly)",
				c->ku & ~RSA_CA_KU);
}

static void
check_rsa_ku_no_encipherment_ca(const pc_cert *c, pc_report *r)
{
	if (rsa_with_ku(c) && (c->ku & (PC_KU_KEY_CERT_SIGN | PC_KU_CRL_SIGN)) &&
		(c->ku & (PC_KU_KEY_ENCIPHERMENT | PC_KU_DATA_ENCIPHERMENT)))
		pc_fail(r, "RSA CA keyUsage with keyCertSign/cRLSign also asserts %s",
				(c->ku & PC_KU_KEY_ENCIPHERMENT) ? "keyEncipherment" : "dataEncipherment");
}

const pc_rule pc_rules_rfc3279[] = {
	{.name = "e_rsa_allowed_ku_ee", .severity = PC_ERROR, .source = "RFC3279",
		.citation = "RFC 3279: 2.3.1", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_RSA | PC_NEEDS_EXT(PC_X_KU), .check = check_rsa_ku_ee,
		.description = "keyUsage of an RSA end-entity key may assert only digitalSignature, nonRepudiation, keyEncipherment and dataEncipherment."},
	{.name = "e_rsa_allowed_ku_ca", .severity = PC_ERROR, .source = "RFC3279",
		.citation = "RFC 3279: 2.3.1", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_CA, .needs = PC_NEEDS_RSA | PC_NEEDS_EXT(PC_X_KU), .check = check_rsa_ku_ca,
		.description = "keyUsage of an RSA CA key may assert only digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyCertSign and cRLSign."},
	{.name = "e_rsa_allowed_ku_no_encipherment_ca", .severity = PC_ERROR, .source = "RFC3279",
		.citation = "RFC 3279: 2.3.1", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_CA, .needs = PC_NEEDS_RSA | PC_NEEDS_EXT(PC_X_KU), .check = check_rsa_ku_no_encipherment_ca,
		.description = "An RSA CA key asserting keyCertSign or cRLSign should not also assert keyEncipherment or dataEncipherment (a SHOULD NOT in the RFC; ZLint reports it as an error, and so does profcheck under ZLint's name)."},
};

PC_RULE_TABLE_END(rfc3279);
