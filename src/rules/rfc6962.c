/*
 * rfc6962.c
 *		RFC 6962: Certificate Transparency.  Precertificates (3.1) and the
 *		embedded SCT list (3.3); BR 7.1.2.9 adopts both.
 */
#include "rules.h"

static void
check_poison_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_POISON);

	if (x && !x->critical)
		pc_fail(r, "CT poison extension is not critical");
}

static void
check_poison_value(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_POISON);

	if (x && !(x->value.n == 2 && x->value.p[0] == 0x05 && x->value.p[1] == 0x00))
		pc_fail(r, "CT poison extnValue is not ASN.1 NULL (05 00): %zu octets starting 0x%02x",
				x->value.n, x->value.n ? x->value.p[0] : 0);
}

static void
check_precert_with_sct_list(const pc_cert *c, pc_report *r)
{
	if (c->xi[PC_X_SCT])
		pc_fail(r, "precertificate carries an SCT list extension");
}

/*
 * The SCT list extension wraps, in an OCTET STRING, a TLS-encoded
 * SignedCertificateTimestampList: a 16-bit length, then SCTs each with a
 * 16-bit length.  RFC 6962 3.3 requires at least one SCT.
 */
static void
check_empty_sct_list(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_SCT);
	pc_der		d;
	pc_tlv		os;
	size_t		listlen;

	if (!x)
		return;
	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_OCTETSTRING, &os, NULL, "") || os.v.n < 2)
	{
		pc_fail(r, "SCT list is missing or malformed");
		return;
	}
	listlen = (size_t) os.v.p[0] << 8 | os.v.p[1];
	if (listlen == 0 || os.v.n == 2)
		pc_fail(r, "SCT list is empty");
}

const pc_rule pc_rules_rfc6962[] = {
	{.name = "e_precert_poison_not_critical", .severity = PC_ERROR, .source = "RFC6962",
		.citation = "RFC 6962: 3.1; BRs: 7.1.2.9.3", .from = PC_DATE(2013, 6, 1),
		.scope = SCOPE_PRECERT, .check = check_poison_not_critical,
		.description = "A precertificate's CT poison extension (1.3.6.1.4.1.11129.2.4.3) must be critical."},
	{.name = "e_precert_poison_invalid_value", .severity = PC_ERROR, .source = "RFC6962",
		.citation = "RFC 6962: 3.1; BRs: 7.1.2.9.3", .from = PC_DATE(2013, 6, 1),
		.scope = SCOPE_PRECERT, .check = check_poison_value,
		.description = "A precertificate's CT poison extnValue must be exactly ASN.1 NULL (05 00)."},
	{.name = "e_precert_with_sct_list", .severity = PC_ERROR, .source = "RFC6962",
		.citation = "RFC 6962: 3.3; BRs: 7.1.2.9.1", .from = PC_DATE(2013, 6, 1),
		.scope = SCOPE_PRECERT, .needs = PC_NEEDS_EXT(PC_X_SCT), .check = check_precert_with_sct_list,
		.description = "A precertificate must not carry an embedded SCT list."},
	{.name = "e_empty_sct_list", .severity = PC_ERROR, .source = "RFC6962",
		.citation = "RFC 6962: 3.3", .from = PC_DATE(2013, 6, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_SCT), .check = check_empty_sct_list,
		.description = "An embedded SCT list extension must contain at least one SCT."},
};

PC_RULE_TABLE_END(rfc6962);
