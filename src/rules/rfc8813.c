/*
 * rfc8813.c
 *		RFC 8813: Clarifications for Elliptic Curve Cryptography Subject
 *		Public Key Information (updates RFC 5480 section 3).
 */
#include "rules.h"

static void
check_ecdsa_allowed_ku(const pc_cert *c, pc_report *r)
{
	if (c->spki.type != PC_KEY_EC || !pc_ext_ok(c, PC_X_KU))
		return;
	if (c->ku & PC_KU_KEY_ENCIPHERMENT)
		pc_fail(r, "id-ecPublicKey certificate asserts keyEncipherment");
	if (c->ku & PC_KU_DATA_ENCIPHERMENT)
		pc_fail(r, "id-ecPublicKey certificate asserts dataEncipherment");
}

const pc_rule pc_rules_rfc8813[] = {
	{.name = "e_ecdsa_allowed_ku", .severity = PC_ERROR, .source = "RFC8813",
		.citation = "RFC 8813: 3", .from = PC_DATE(2020, 8, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EC | PC_NEEDS_EXT(PC_X_KU), .check = check_ecdsa_allowed_ku,
		.description = "A certificate with an id-ecPublicKey key must not assert keyEncipherment or dataEncipherment."},
};

PC_RULE_TABLE_END(rfc8813);
