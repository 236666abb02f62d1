/*
 * mozilla_chain.c
 *		Mozilla Root Store Policy rules that compare a certificate with its
 *		issuer.  They run only when the issuer is given.
 */
#include "rules.h"

/*
 * An issuer with an extendedKeyUsage (and no anyExtendedKeyUsage) limits
 * what it may issue: every purpose of the certificate must be among the
 * issuer's.  Browsers enforce this EKU chaining when building paths.
 */
static void
check_eku_within_issuer(const pc_cert *c, pc_report *r)
{
	const pc_cert *i = r->opt->issuer;

	if (!pc_ext_ok(i, PC_X_EKU) || (i->eku_mask & PC_EKU_ANY) || !pc_ext_ok(c, PC_X_EKU))
		return;
	for (int k = 0; k < c->neku; k++)
	{
		bool		found = false;
		char		oid[64];

		for (int m = 0; m < i->neku && !found; m++)
			found = pc_span_eq(c->eku[k], i->eku[m]);
		if (found)
			continue;
		pc_oid_text(c->eku[k], oid, sizeof(oid));
		pc_fail(r, "extKeyUsage %s is not among the issuer's", oid);
	}
}

const pc_rule pc_rules_mozilla_chain[] = {
	{.name = "e_chain_eku_not_within_issuer", .severity = PC_ERROR, .source = "Mozilla",
		.citation = "Mozilla Root Store Policy 5.3; RFC 5280 4.2.1.12", .scope = SCOPE_ANY,
		.flags = PC_RF_NEEDS_ISSUER, .check = check_eku_within_issuer,
		.description = "Every extKeyUsage of the certificate must appear in its issuer's extKeyUsage, when the issuer has one without anyExtendedKeyUsage."},
};

PC_RULE_TABLE_END(mozilla_chain);
