/*
 * rfc5280.c
 *		RFC 5280: Internet X.509 Public Key Infrastructure Certificate and CRL
 *		Profile.
 */
#include "rules.h"

static void
check_basic_constraints_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *bc = pc_ext_get(c, PC_X_BC);

	if (bc && !bc->critical)
		pc_fail(r, "basicConstraints of a CA certificate is not critical");
}

const pc_rule pc_rules_rfc5280[] = {
	{.name = "e_basic_constraints_not_critical", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.9", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_CA, .check = check_basic_constraints_not_critical,
		.description = "basicConstraints must be critical in a CA certificate."},
};

PC_RULE_TABLE_END(rfc5280);
