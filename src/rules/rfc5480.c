/*
 * rfc5480.c
 *		RFC 5480: Elliptic Curve Cryptography Subject Public Key Information --
 *		keyUsage of id-ecPublicKey end-entity certificates (3).
 */
#include "rules.h"

/*
 * An end-entity EC key may assert digitalSignature, nonRepudiation and
 * keyAgreement; encipherOnly or decipherOnly (not both) only with
 * keyAgreement.
 */
static void
check_ecdsa_ee_invalid_ku(const pc_cert *c, pc_report *r)
{
	uint16_t	allowed = PC_KU_DIGITAL_SIGNATURE | PC_KU_NON_REPUDIATION |
		PC_KU_KEY_AGREEMENT | PC_KU_ENCIPHER_ONLY | PC_KU_DECIPHER_ONLY;
	uint16_t	eo_do = PC_KU_ENCIPHER_ONLY | PC_KU_DECIPHER_ONLY;

	if (c->spki.type != PC_KEY_EC || !pc_ext_ok(c, PC_X_KU))
		return;
	if (c->ku & ~allowed)
		pc_fail(r, "EC end-entity keyUsage asserts bits 0x%03x outside digitalSignature, nonRepudiation, keyAgreement",
				c->ku & ~allowed);
	else if ((c->ku & eo_do) && !(c->ku & PC_KU_KEY_AGREEMENT))
		pc_fail(r, "EC keyUsage asserts encipherOnly/decipherOnly without keyAgreement");
	else if ((c->ku & eo_do) == eo_do)
		pc_fail(r, "EC keyUsage asserts both encipherOnly and decipherOnly");
}

const pc_rule pc_rules_rfc5480[] = {
	{.name = "n_ecdsa_ee_invalid_ku", .severity = PC_NOTICE, .source = "RFC5480",
		.citation = "RFC 5480: 3", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_EC | PC_NEEDS_EXT(PC_X_KU), .check = check_ecdsa_ee_invalid_ku,
		.description = "keyUsage of an id-ecPublicKey end-entity certificate may assert only digitalSignature, nonRepudiation and keyAgreement, plus encipherOnly or decipherOnly with keyAgreement."},
};

PC_RULE_TABLE_END(rfc5480);
