/*
 * cabf_br.c
 *		CA/Browser Forum Baseline Requirements for TLS server certificates.
 *
 * Windows follow ZLint's dates where a rule shares a ZLint name, so results
 * can be compared; rules profcheck adds carry the dates of the BR text
 * (requirements.md section 1.1) and say so in their description.
 */
#include "rules.h"
#include "../core/weakkeys.h"

/* ---------------------------------------------------------------- validity (6.3.2) */

static void
check_validity_39_months(const pc_cert *c, pc_report *r)
{
	int64_t		limit;

	/*
	 * pc_add_months keeps the day and time and moves to the month 39 on, so
	 * it adds at least the days from one first of a month to the first 39
	 * months later: three years and three months, 1,184 days or more.
	 */
	if (c->not_after.t - c->not_before.t <= 1184 * PC_DAY)
		return;
	limit = pc_add_months(c->not_before.t, 39);
	if (c->not_after.t > limit)
		pc_fail(r, "valid for %lld days, more than 39 months", (long long) pc_validity_days(c));
}

/* BR 1.x counted from issuance to expiry, without RFC 5280's inclusive second. */
static void
check_validity_825_days(const pc_cert *c, pc_report *r)
{
	int64_t		span = c->not_after.t - c->not_before.t;

	if (span > 825 * PC_DAY)
		pc_fail(r, "notAfter - notBefore is %lld days%s, more than 825",
				(long long) (span / PC_DAY), span % PC_DAY ? " and part of a day" : "");
}

/* From 2020-09-01 the validity period includes both ends (BR 1.6.1, 6.3.2). */
#define VALIDITY_CHECK(days) \
	static void check_validity_##days(const pc_cert *c, pc_report *r) \
	{ pc_validity_over(c, r, days); }

VALIDITY_CHECK(398)
VALIDITY_CHECK(397)
VALIDITY_CHECK(200)
VALIDITY_CHECK(199)
VALIDITY_CHECK(100)
VALIDITY_CHECK(99)
VALIDITY_CHECK(47)
VALIDITY_CHECK(46)

/* ---------------------------------------------------------------- subject by validation type */

static void
check_iv_personal_name(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has(c, r, PC_AK_O) &&
		!(pc_subj_has(c, r, PC_AK_GIVEN_NAME) && pc_subj_has(c, r, PC_AK_SURNAME)))
		pc_fail(r, "IV policy asserted, but subject has neither organizationName nor givenName and surname");
}

static void
check_iv_personal_name_strict(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has(c, r, PC_AK_GIVEN_NAME))
		pc_fail(r, "IV policy asserted, but subject has no givenName");
	if (!pc_subj_has(c, r, PC_AK_SURNAME))
		pc_fail(r, "IV policy asserted, but subject has no surname");
}

static void
check_requires_country(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has(c, r, PC_AK_C))
		pc_fail(r, "subject has no countryName");
}

static void
check_requires_province_or_locality(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has(c, r, PC_AK_L) && !pc_subj_has(c, r, PC_AK_ST))
		pc_fail(r, "subject has neither localityName nor stateOrProvinceName");
}

static void
check_ov_requires_org(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has(c, r, PC_AK_O))
		pc_fail(r, "OV policy asserted, but subject has no organizationName");
}

#define DV_CONFLICT(suffix, kind, label) \
	static void check_dv_conflicts_##suffix(const pc_cert *c, pc_report *r) \
	{ \
		if (pc_subj_has(c, r, kind)) \
			pc_fail(r, "DV policy asserted, but subject has " label); \
	}

DV_CONFLICT(org, PC_AK_O, "organizationName")
DV_CONFLICT(street, PC_AK_STREET, "streetAddress")
DV_CONFLICT(locality, PC_AK_L, "localityName")
DV_CONFLICT(province, PC_AK_ST, "stateOrProvinceName")
DV_CONFLICT(postal, PC_AK_POSTAL_CODE, "postalCode")

/* BR 7.1.2.7.2: a DV subject may hold only countryName and commonName. */
static void
check_dv_subject_invalid_values(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		char		oid[64];

		if (PC_OID_IS(a->oid, OID_AT_C) || PC_OID_IS(a->oid, OID_AT_CN))
			continue;
		pc_oid_text(a->oid, oid, sizeof(oid));
		pc_fail(r, "DV subject contains attribute %s", oid);
	}
}

/* ---------------------------------------------------------------- names */

static void
check_san_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_SAN])
		pc_fail(r, "no subjectAltName extension");
}

/* Each commonName must be one of the SAN's dNSName or iPAddress values. */
static void
common_name_from_san(const pc_cert *c, pc_report *r, bool exact)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (!PC_OID_IS(a->oid, OID_AT_CN))
			continue;
		if (pc_san_has_dns(c, a->value, !exact) || pc_san_has_ip_text(c, a->value))
			continue;
		pc_fail(r, "commonName \"" PC_SPAN_FMT "\" is not %sa subjectAltName value",
				PC_SPAN_ARG(a->value), exact ? "exactly " : "");
	}
}

static void
check_cn_not_from_san(const pc_cert *c, pc_report *r)
{
	common_name_from_san(c, r, false);
}

static void
check_cn_not_exactly_from_san(const pc_cert *c, pc_report *r)
{
	common_name_from_san(c, r, true);
}

/* ---------------------------------------------------------------- keys and signatures */

/* Applies to keys still valid after 2013-12-31, when 1024-bit RSA ended (BR 6.1.5). */
static void
check_rsa_mod_less_than_2048(const pc_cert *c, pc_report *r)
{
	if (c->spki.type != PC_KEY_RSA || c->not_after.t <= PC_DATE(2013, 12, 31))
		return;
	if (c->spki.bits < 2048)
		pc_fail(r, "RSA modulus is %u bits", c->spki.bits);
}

/*
 * BR 6.1.1.3(5) (SC-073): the CA must reject a key it knows to be weak, such
 * as the Debian OpenSSL keys of 2008 (CVE-2008-0166).  Which keys those are
 * is data the CA loads (pc_options.weak_key); without a lookup this returns
 * before hashing anything, so a CA that has not loaded the lists pays
 * nothing.  RSASSA-PSS keys are looked up too: the weakness is the modulus.
 */
static void
check_debian_weak_key(const pc_cert *c, pc_report *r)
{
	const pc_options *opt = r->opt;
	uint8_t		fp[PC_WK_FP_LEN];
	char		hex[2 * PC_WK_FP_LEN + 1];

	if (opt == NULL || opt->weak_key == NULL)
		return;
	if ((c->spki.type != PC_KEY_RSA && c->spki.type != PC_KEY_RSA_PSS) ||
		!c->spki.key_ok || c->spki.rsa_n.n == 0)
		return;
	if (!pc_wk_fingerprint(c->spki.rsa_n.p, c->spki.rsa_n.n, fp))
	{
		/* fail closed: a key we could not look up has not been cleared */
		pc_fail(r, "could not compute the RSA modulus fingerprint (OpenSSL SHA-1 failed); the weak-key list was not consulted");
		return;
	}
	if (!opt->weak_key(opt->weak_key_arg, c->spki.bits, fp))
		return;
	for (int i = 0; i < PC_WK_FP_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", fp[i]);
	pc_fail(r, "RSA %u-bit key is on the weak-key list (modulus fingerprint %s)", c->spki.bits, hex);
}

static void
check_sha1(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	if (pc_sig_is_sha1(c->tbs_sig_oid))
	{
		pc_oid_text(c->tbs_sig_oid, oid, sizeof(oid));
		pc_fail(r, "signed with SHA-1 (%s)", oid);
	}
}

/* ---------------------------------------------------------------- extensions */

static void
check_sub_cert_policies_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_CP])
		pc_fail(r, "no certificatePolicies extension");
}

/* A leaf (keyUsage without keyCertSign) must not claim cA TRUE. */
static void
check_sub_cert_not_is_ca(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && !(c->ku & PC_KU_KEY_CERT_SIGN) &&
		pc_ext_ok(c, PC_X_BC) && c->bc_ca)
		pc_fail(r, "basicConstraints cA is TRUE but keyUsage has no keyCertSign");
}

/* A certificate whose key signs certificates must be a CA. */
static void
check_ca_is_ca(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && (c->ku & PC_KU_KEY_CERT_SIGN) &&
		pc_ext_ok(c, PC_X_BC) && !c->bc_ca)
		pc_fail(r, "keyUsage has keyCertSign but basicConstraints cA is FALSE");
}

static void
check_ca_key_usage_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_KU])
		pc_fail(r, "CA certificate has no keyUsage extension");
}

static void
check_ca_key_usage_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *ku = pc_ext_get(c, PC_X_KU);

	if (ku && !ku->critical)
		pc_fail(r, "keyUsage is not critical");
}

static void
check_ca_key_cert_sign(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && !(c->ku & PC_KU_KEY_CERT_SIGN))
		pc_fail(r, "keyUsage lacks keyCertSign");
}

static void
check_ca_crl_sign(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && !(c->ku & PC_KU_CRL_SIGN))
		pc_fail(r, "keyUsage lacks cRLSign");
}

/* ---------------------------------------------------------------- the table */

#define BR "CABF_BR"

const pc_rule pc_rules_cabf_br[] = {
	{.name = "e_sub_cert_valid_time_longer_than_39_months", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (v1.4.x-1.8.x)", .from = PC_DATE(2016, 7, 2),
		.scope = SCOPE_TLS_SUB, .check = check_validity_39_months,
		.description = "TLS subscriber certificate issued after 2016-07-01 valid for more than 39 months (ZLint's window; the 825-day and later limits are stricter)."},
	{.name = "e_sub_cert_valid_time_longer_than_825_days", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (v1.4.4, Ballot 193)", .from = PC_DATE(2018, 3, 2),
		.scope = SCOPE_TLS_SUB, .check = check_validity_825_days,
		.description = "TLS subscriber certificate issued after 2018-03-01 valid for more than 825 days (notAfter - notBefore, the pre-2020 count)."},
	{.name = "e_sub_cert_valid_time_longer_than_398_days", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (v1.7.1, SC-31)", .from = PC_DATE(2020, 9, 1), .until = PC_DATE(2026, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_398,
		.description = "TLS subscriber certificate issued 2020-09-01..2026-03-14 valid for more than 398 days (notAfter - notBefore + 1 s). BR-sourced twin of Apple's rule, which ZLint alone has."},
	{.name = "w_sub_cert_valid_time_longer_than_397_days", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.3.2 (v1.7.1, SC-31)", .from = PC_DATE(2020, 9, 1), .until = PC_DATE(2026, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_397,
		.description = "TLS subscriber certificate issued 2020-09-01..2026-03-14 valid for more than 397 days; the BRs advise a day of margin under 398."},
	{.name = "e_server_cert_valid_time_longer_than_200_days", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2026, 3, 15), .until = PC_DATE(2027, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_200,
		.description = "TLS subscriber certificate issued 2026-03-15..2027-03-14 valid for more than 200 days."},
	{.name = "w_server_cert_valid_time_longer_than_199_days", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2026, 3, 15), .until = PC_DATE(2027, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_199,
		.description = "TLS subscriber certificate issued 2026-03-15..2027-03-14 should not be valid for more than 199 days."},
	{.name = "e_server_cert_valid_time_longer_than_100_days", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2027, 3, 15), .until = PC_DATE(2029, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_100,
		.description = "TLS subscriber certificate issued 2027-03-15..2029-03-14 valid for more than 100 days."},
	{.name = "w_server_cert_valid_time_longer_than_99_days", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2027, 3, 15), .until = PC_DATE(2029, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_99,
		.description = "TLS subscriber certificate issued 2027-03-15..2029-03-14 should not be valid for more than 99 days."},
	{.name = "e_server_cert_valid_time_longer_than_47_days", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2029, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_47,
		.description = "TLS subscriber certificate issued from 2029-03-15 valid for more than 47 days."},
	{.name = "w_server_cert_valid_time_longer_than_46_days", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.3.2 (SC-081v3)", .from = PC_DATE(2029, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_validity_46,
		.description = "TLS subscriber certificate issued from 2029-03-15 should not be valid for more than 46 days."},

	{.name = "e_cab_iv_requires_personal_name", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x 7.1.6.1)", .from = PC_DATE(2015, 9, 28), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_IV, .check = check_iv_personal_name,
		.description = "Individual-validated (2.23.140.1.2.3) certificate must name an organization or a person (givenName and surname)."},
	{.name = "e_cab_iv_requires_personal_name_strict", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.3", .from = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_IV, .check = check_iv_personal_name_strict,
		.description = "Individual-validated certificate issued from 2023-09-15 must contain both givenName and surname."},
	{.name = "e_cert_policy_iv_requires_country", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.3 (v1.x 7.1.6.1)", .from = PC_DATE(2015, 9, 28),
		.scope = PC_K_SUB | PC_K_IV, .check = check_requires_country,
		.description = "Individual-validated certificate must contain countryName."},
	{.name = "e_cert_policy_iv_requires_province_or_locality", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x 7.1.6.1)", .from = PC_DATE(2015, 9, 28),
		.scope = PC_K_SUB | PC_K_IV, .check = check_requires_province_or_locality,
		.description = "Individual-validated certificate must contain localityName or stateOrProvinceName."},
	{.name = "e_cab_ov_requires_org", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.4", .from = PC_DATE(2012, 7, 1),
		.scope = PC_K_SUB | PC_K_OV, .check = check_ov_requires_org,
		.description = "Organization-validated (2.23.140.1.2.2) certificate must contain organizationName."},
	{.name = "e_cert_policy_ov_requires_country", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.4", .from = PC_DATE(2012, 7, 1),
		.scope = PC_K_SUB | PC_K_OV, .check = check_requires_country,
		.description = "Organization-validated certificate must contain countryName."},
	{.name = "e_cert_policy_ov_requires_province_or_locality", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4", .from = PC_DATE(2012, 7, 1),
		.scope = PC_K_SUB | PC_K_OV, .check = check_requires_province_or_locality,
		.description = "Organization-validated certificate must contain localityName or stateOrProvinceName."},
	{.name = "e_cab_dv_conflicts_with_org", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .needs = PC_NEEDS_SUBJ(PC_AK_O), .check = check_dv_conflicts_org,
		.description = "Domain-validated (2.23.140.1.2.1) certificate must not contain organizationName."},
	{.name = "e_cab_dv_conflicts_with_street", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .needs = PC_NEEDS_SUBJ(PC_AK_STREET), .check = check_dv_conflicts_street,
		.description = "Domain-validated certificate must not contain streetAddress."},
	{.name = "e_cab_dv_conflicts_with_locality", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .needs = PC_NEEDS_SUBJ(PC_AK_L), .check = check_dv_conflicts_locality,
		.description = "Domain-validated certificate must not contain localityName."},
	{.name = "e_cab_dv_conflicts_with_province", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .needs = PC_NEEDS_SUBJ(PC_AK_ST), .check = check_dv_conflicts_province,
		.description = "Domain-validated certificate must not contain stateOrProvinceName."},
	{.name = "e_cab_dv_conflicts_with_postal", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .needs = PC_NEEDS_SUBJ(PC_AK_POSTAL_CODE), .check = check_dv_conflicts_postal,
		.description = "Domain-validated certificate must not contain postalCode."},
	{.name = "e_cab_dv_subject_invalid_values", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.2", .from = PC_DATE(2023, 9, 15),
		.scope = PC_K_SUB | PC_K_DV, .check = check_dv_subject_invalid_values,
		.description = "Domain-validated certificate issued from 2023-09-15 may contain only countryName and commonName in its subject."},

	{.name = "e_ext_san_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_san_missing,
		.description = "TLS subscriber certificate has no subjectAltName extension."},
	{.name = "e_subject_common_name_not_from_san", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2 (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2021, 8, 25),
		.scope = SCOPE_TLS_SUB, .check = check_cn_not_from_san,
		.description = "TLS subscriber commonName must be one of the subjectAltName dNSName or iPAddress values (case-insensitive)."},
	{.name = "e_subject_common_name_not_exactly_from_san", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.3 (v1.8.0 7.1.4.2.2, SC-48)", .from = PC_DATE(2021, 8, 25),
		.scope = SCOPE_TLS_SUB, .check = check_cn_not_exactly_from_san,
		.description = "TLS subscriber commonName must be a character-for-character copy of a subjectAltName value."},

	{.name = "e_rsa_mod_less_than_2048_bits", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_mod_less_than_2048,
		.description = "RSA key in a certificate valid after 2013-12-31 must have a modulus of at least 2048 bits."},
	{.name = "e_debian_weak_key", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.1.3(5) (SC-073); CVE-2008-0166", .from = PC_DATE(2024, 11, 15),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_RSA_ANY, .check = check_debian_weak_key,
		.description = "Subscriber RSA key must not be a known weak key such as the Debian OpenSSL keys of 2008. The lists are data the CA supplies (profcheck.weak_key, profcheck-lint --weak-keys): they are matched by modulus size and openssl-blacklist fingerprint, and without them the rule checks nothing."},
	{.name = "e_sub_cert_or_sub_ca_using_sha1", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.3", .from = PC_DATE(2016, 1, 1),
		.scope = SCOPE_ANY, .exclude = PC_K_ROOT, .check = check_sha1,
		.description = "Subscriber and subordinate CA certificates issued from 2016-01-01 must not be signed with SHA-1."},
	{.name = "e_sub_cert_certificate_policies_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.9 (v1.x 7.1.2.3)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_policies_missing,
		.description = "TLS subscriber certificate has no certificatePolicies extension."},
	{.name = "e_sub_cert_not_is_ca", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.8 (v1.x 7.1.2.3)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .check = check_sub_cert_not_is_ca,
		.description = "A certificate whose keyUsage lacks keyCertSign (a leaf) must not assert basicConstraints cA TRUE."},
	{.name = "e_ca_is_ca", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.1.4, 7.1.2.10.4", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .check = check_ca_is_ca,
		.description = "A certificate whose keyUsage has keyCertSign must assert basicConstraints cA TRUE."},
	{.name = "e_ca_key_usage_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.7; RFC 5280: 4.2.1.3", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_CA, .check = check_ca_key_usage_missing,
		.description = "CA certificate must contain a keyUsage extension."},
	{.name = "e_ca_key_usage_not_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.7", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_key_usage_not_critical,
		.description = "CA certificate keyUsage extension must be critical."},
	{.name = "e_ca_key_cert_sign_not_set", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.7", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_key_cert_sign,
		.description = "CA certificate keyUsage must include keyCertSign."},
	{.name = "e_ca_crl_sign_not_set", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.7", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_crl_sign,
		.description = "CA certificate keyUsage must include cRLSign."},
};

PC_RULE_TABLE_END(cabf_br);
