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

/*
 * Apple CT policy (HT205280): embedded SCTs from distinct logs, by lifetime:
 * under 15 months 2, under 27 months 3, under 39 months 4, else 5.  Months
 * are added to notBefore as Go's AddDate does, as ZLint counts them.  SCTs
 * delivered by OCSP or TLS are invisible here, hence only a notice.
 */
static int
distinct_sct_logs(const pc_cert *c)
{
	const pc_ext *x = pc_ext_get(c, PC_X_SCT);
	const uint8_t *ids[64];
	int			nids = 0;
	pc_der		d;
	pc_tlv		os;
	const uint8_t *p,
			   *end;

	if (!x)
		return 0;
	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_OCTETSTRING, &os, NULL, "") || os.v.n < 2)
		return 0;
	p = os.v.p + 2;
	end = os.v.p + os.v.n;
	/* each entry: u16 length, then version (1) and the 32-octet log id */
	while (end - p >= 2)
	{
		size_t		n = (size_t) p[0] << 8 | p[1];
		bool		seen = false;

		if ((size_t) (end - p - 2) < n)
			break;
		if (n >= 33)
		{
			for (int i = 0; i < nids && !seen; i++)
				seen = memcmp(ids[i], p + 3, 32) == 0;
			if (!seen && nids < 64)
				ids[nids++] = p + 3;
		}
		p += 2 + n;
	}
	return nids;
}

static void
check_sct_count(const pc_cert *c, pc_report *r)
{
	int			want,
				have;

	if (c->not_after.t < pc_add_months(c->not_before.t, 15))
		want = 2;
	else if (c->not_after.t < pc_add_months(c->not_before.t, 27))
		want = 3;
	else if (c->not_after.t < pc_add_months(c->not_before.t, 39))
		want = 4;
	else
		want = 5;
	have = distinct_sct_logs(c);
	if (have < want)
		pc_fail(r, "%d embedded SCTs from distinct logs; Apple's CT policy may require %d for this lifetime",
				have, want);
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
	{.name = "w_ct_sct_policy_count_unsatisfied", .severity = PC_NOTICE, .source = "Apple",
		.citation = "https://support.apple.com/en-us/HT205280", .from = PC_DATE(2018, 10, 15),
		.scope = SCOPE_TLS_SUB, .exclude = PC_K_PRECERT | PC_K_SMIME | PC_K_CODE_SIGNING, .check = check_sct_count,
		.description = "Apple CT policy: a TLS server certificate should embed SCTs from 2, 3, 4 or 5 distinct logs by lifetime (<15, <27, <39 months, longer). Reported as a notice, as ZLint does despite the w_ name, since SCTs may also come by OCSP or TLS. Not applied to S/MIME, code-signing or other non-TLS leaves (ZLint applies it to every subscriber certificate)."},
};

PC_RULE_TABLE_END(apple);
