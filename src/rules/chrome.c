/*
 * chrome.c
 *		Chrome Root Program Policy (v1.8), rules checkable on one certificate.
 */
#include "rules.h"

/* CRP 1.3.2: from 2027-03-15 a TLS server certificate's EKU is serverAuth alone. */
static void
check_client_auth_not_allowed(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_EKU) && (c->eku_mask & PC_EKU_SERVER_AUTH) &&
		(c->eku_mask & PC_EKU_CLIENT_AUTH))
		pc_fail(r, "extKeyUsage has clientAuth beside serverAuth");
}

const pc_rule pc_rules_chrome[] = {
	{.name = "e_client_auth_not_allowed", .severity = PC_ERROR, .source = "Chrome",
		.citation = "Chrome Root Program Policy v1.8, 1.3.2", .from = PC_DATE(2027, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_client_auth_not_allowed,
		.description = "Chrome: a TLS server certificate issued from 2027-03-15 must not carry id-kp-clientAuth."},
};

PC_RULE_TABLE_END(chrome);
