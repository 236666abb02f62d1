/*
 * apple.c
 *		Apple's root program policy (support.apple.com HT211025).
 */
#include "rules.h"

/* Apple counts the validity period inclusively, as RFC 5280 4.1.2.5 does. */
static void
check_398(const pc_cert *c, pc_report *r)
{
	pc_validity_over(c, r, 398);
}

static void
check_397(const pc_cert *c, pc_report *r)
{
	pc_validity_over(c, r, 397);
}

const pc_rule pc_rules_apple[] = {
	{.name = "e_tls_server_cert_valid_time_longer_than_398_days", .severity = PC_ERROR,
		.source = "Apple", .citation = "https://support.apple.com/en-us/HT211025",
		.from = PC_DATE(2020, 9, 1), .scope = SCOPE_TLS_SUB, .check = check_398,
		.description = "Apple: TLS server certificate issued from 2020-09-01 valid for more than 398 days."},
	{.name = "w_tls_server_cert_valid_time_longer_than_397_days", .severity = PC_WARN,
		.source = "Apple", .citation = "https://support.apple.com/en-us/HT211025",
		.from = PC_DATE(2020, 9, 1), .scope = SCOPE_TLS_SUB, .check = check_397,
		.description = "Apple: TLS server certificate issued from 2020-09-01 should be valid for at most 397 days."},
};

PC_RULE_TABLE_END(apple);
