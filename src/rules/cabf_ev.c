/*
 * cabf_ev.c
 *		CA/Browser Forum Guidelines for the Issuance and Management of Extended
 *		Validation Certificates (EVG): subscriber subject (7.1.4.2, 9.2 of
 *		EVG 1.x), organizationIdentifier and its extension (9.2.8, 9.8.2,
 *		Appendix H), names (9.8.1), validity (9.4 of EVG 1.x) and .onion
 *		certificates (Appendix F of EVG 1.x).
 *
 * A certificate is EV when its certificatePolicies hold 2.23.140.1.1
 * (PC_K_EV) or, as EVG 1.x allowed, a CA's own EV policy OID from the list
 * below (pc_cert_is_ev).  Windows follow ZLint's dates, which share these
 * names.
 */
#include "rules.h"

#define EV "CABF_EV"

/*
 * EV policy identifiers CAs defined for themselves before the CA/Browser
 * Forum OID became mandatory (EVG 1.x 9.3.2 allowed either), as browsers'
 * EV metadata listed them, plus ETSI's EVCP.  Not exhaustive: an EV
 * certificate carrying only an unlisted CA-specific OID is not recognised.
 */
/* As DER content octets (dotted form in the comment), for a byte comparison. */
static const struct
{
	const char *der;
	size_t		len;
}			ca_ev_policies[] = {
	{"\x04\x00\x8f\x7a\x01\x04", 6},	/* 0.4.0.2042.1.4 ETSI EN 319 411-1 EVCP */
	{"\x2a\x28\x00\x11\x01\x16", 6},	/* 1.2.40.0.17.1.22 A-Trust */
	{"\x2a\x83\x08\x8c\x9b\x1b\x64\x85\x51\x01", 10},	/* 1.2.392.200091.100.721.1 SECOM */
	{"\x2a\x84\x68\x01\x86\xf6\x77\x02\x05\x01\x01", 11},	/* 1.2.616.1.113527.2.5.1.1 Certum */
	{"\x2b\x81\x1f\x01\x11\x01", 6},	/* 1.3.159.1.17.1 Actalis */
	{"\x2b\x06\x01\x04\x01\xe6\x79\x0a\x01\x03\x0a", 11},	/* 1.3.6.1.4.1.13177.10.1.3.10 Firmaprofesional */
	{"\x2b\x06\x01\x04\x01\xf0\x22\x01\x06", 9},	/* 1.3.6.1.4.1.14370.1.6 GeoTrust */
	{"\x2b\x06\x01\x04\x01\xf3\x39\x06\x01\x01", 10},	/* 1.3.6.1.4.1.14777.6.1.1 Izenpe */
	{"\x2b\x06\x01\x04\x01\x81\x87\x2e\x0a\x0e\x02\x01\x02", 13},	/* 1.3.6.1.4.1.17326.10.14.2.1.2 Camerfirma */
	{"\x2b\x06\x01\x04\x01\x81\x87\x2e\x0a\x08\x0c\x01\x02", 13},	/* 1.3.6.1.4.1.17326.10.8.12.1.2 Camerfirma */
	{"\x2b\x06\x01\x04\x01\x81\xad\x5a\x02\x05\x02\x03\x01", 13},	/* 1.3.6.1.4.1.22234.2.5.2.3.1 OpenTrust */
	{"\x2b\x06\x01\x04\x01\x81\xb5\x37\x01\x01\x01", 11},	/* 1.3.6.1.4.1.23223.1.1.1 StartCom */
	{"\x2b\x06\x01\x04\x01\x82\x8f\x09\x02\x01", 10},	/* 1.3.6.1.4.1.34697.2.1 AffirmTrust */
	{"\x2b\x06\x01\x04\x01\x82\x8f\x09\x02\x02", 10},	/* 1.3.6.1.4.1.34697.2.2 */
	{"\x2b\x06\x01\x04\x01\x82\x8f\x09\x02\x03", 10},	/* 1.3.6.1.4.1.34697.2.3 */
	{"\x2b\x06\x01\x04\x01\x82\x8f\x09\x02\x04", 10},	/* 1.3.6.1.4.1.34697.2.4 */
	{"\x2b\x06\x01\x04\x01\x82\x9b\x51\x02", 9},	/* 1.3.6.1.4.1.36305.2 WoSign */
	{"\x2b\x06\x01\x04\x01\x82\xbf\x25\x01\x01\x16\x03", 12},	/* 1.3.6.1.4.1.40869.1.1.22.3 TWCA */
	{"\x2b\x06\x01\x04\x01\xa0\x32\x01\x01", 9},	/* 1.3.6.1.4.1.4146.1.1 GlobalSign */
	{"\x2b\x06\x01\x04\x01\xa5\x34\x02\x81\x4a\x01", 11},	/* 1.3.6.1.4.1.4788.2.202.1 D-Trust */
	{"\x2b\x06\x01\x04\x01\xb1\x3e\x01\x64\x01", 10},	/* 1.3.6.1.4.1.6334.1.100.1 Cybertrust */
	{"\x2b\x06\x01\x04\x01\xb2\x31\x01\x02\x01\x05\x01", 12},	/* 1.3.6.1.4.1.6449.1.2.1.5.1 Comodo / Sectigo */
	{"\x2b\x06\x01\x04\x01\xbd\x47\x0d\x18\x01", 10},	/* 1.3.6.1.4.1.7879.13.24.1 T-Systems */
	{"\x2b\x06\x01\x04\x01\x86\x0e\x01\x02\x01\x08\x01", 12},	/* 1.3.6.1.4.1.782.1.2.1.8.1 Network Solutions */
	{"\x2b\x06\x01\x04\x01\xbe\x58\x00\x02\x64\x01\x02", 12},	/* 1.3.6.1.4.1.8024.0.2.100.1.2 QuoVadis */
	{"\x60\x84\x10\x01\x87\x6b\x01\x02\x07", 9},	/* 2.16.528.1.1003.1.2.7 PKIoverheid */
	{"\x60\x84\x42\x01\x1a\x01\x03\x03", 8},	/* 2.16.578.1.26.1.3.3 Buypass */
	{"\x60\x85\x74\x01\x53\x15\x00", 7},	/* 2.16.756.1.83.21.0 Swisscom */
	{"\x60\x85\x74\x01\x59\x01\x02\x01\x01", 9},	/* 2.16.756.1.89.1.2.1.1 SwissSign */
	{"\x60\x86\x18\x03\x00\x04\x01\x01\x04", 9},	/* 2.16.792.3.0.4.1.1.4 E-Tugra */
	{"\x60\x86\x48\x01\x86\xf8\x45\x01\x07\x17\x06", 11},	/* 2.16.840.1.113733.1.7.23.6 VeriSign / Symantec */
	{"\x60\x86\x48\x01\x86\xf8\x45\x01\x07\x30\x01", 11},	/* 2.16.840.1.113733.1.7.48.1 Thawte */
	{"\x60\x86\x48\x01\x86\xfa\x6c\x0a\x01\x02", 10},	/* 2.16.840.1.114028.10.1.2 Entrust */
	{"\x60\x86\x48\x01\x86\xfb\x7b\x83\x74\x09", 10},	/* 2.16.840.1.114171.500.9 Wells Fargo */
	{"\x60\x86\x48\x01\x86\xfd\x64\x01\x01\x02\x04\x01", 12},	/* 2.16.840.1.114404.1.1.2.4.1 Trustwave */
	{"\x60\x86\x48\x01\x86\xfd\x6c\x02\x01", 9},	/* 2.16.840.1.114412.2.1 DigiCert */
	{"\x60\x86\x48\x01\x86\xfd\x6d\x01\x07\x17\x03", 11},	/* 2.16.840.1.114413.1.7.23.3 Go Daddy */
	{"\x60\x86\x48\x01\x86\xfd\x6e\x01\x07\x17\x03", 11},	/* 2.16.840.1.114414.1.7.23.3 Starfield */
};

#define N_CA_EV_POLICIES (sizeof(ca_ev_policies) / sizeof(ca_ev_policies[0]))

static bool
listed_by_scan(pc_span oid)
{
	/* compare the last octet before the rest */
	for (size_t k = 0; k < N_CA_EV_POLICIES; k++)
		if (oid.n == ca_ev_policies[k].len &&
			oid.p[oid.n - 1] == (uint8_t) ca_ev_policies[k].der[oid.n - 1] &&
			memcmp(oid.p, ca_ev_policies[k].der, oid.n) == 0)
			return true;
	return false;
}

/*
 * Most certificates carry a CA's own DV or OV policy OID, which the scan
 * above compares with all fifty entries (some 160 instructions a
 * certificate).  A filter of 512 bits, set for each entry's length and last
 * three octets and built once per thread, turns nearly all of those away
 * with a load; only a hit is scanned.  (Two octets were not enough:
 * DigiCert's OV policy ends as GlobalSign's EV one does.)  Every entry is
 * six octets or more.
 */
#define EV_FILTER_BITS 512
_Static_assert(EV_FILTER_BITS == 1 << 9, "ev_filter_key gives nine bits");

typedef struct ev_filter
{
	bool		built;
	uint64_t	bits[EV_FILTER_BITS / 64];
} ev_filter;

static inline unsigned
ev_filter_key(const uint8_t *p, size_t n)
{
	uint32_t	x = (uint32_t) p[n - 1] | (uint32_t) p[n - 2] << 8 | (uint32_t) p[n - 3] << 16 |
		(uint32_t) n << 24;

	/* multiplicative hashing: the top nine bits of the product */
	return (unsigned) ((x * 0x9e3779b1u) >> 23);
}

static const ev_filter *
ev_filter_get(void)
{
	static _Thread_local ev_filter f;

	if (!f.built)
	{
		for (size_t k = 0; k < N_CA_EV_POLICIES; k++)
		{
			unsigned	key = ev_filter_key((const uint8_t *) ca_ev_policies[k].der,
											ca_ev_policies[k].len);

			f.bits[key / 64] |= (uint64_t) 1 << (key % 64);
		}
		f.built = true;
	}
	return &f;
}

bool
pc_ev_policy_listed(pc_span oid, bool filtered)
{
	if (filtered)
	{
		const ev_filter *f = ev_filter_get();
		unsigned	key;

		if (oid.n < 6)
			return false;
		key = ev_filter_key(oid.p, oid.n);
		if (!(f->bits[key / 64] & ((uint64_t) 1 << (key % 64))))
			return false;
	}
	return listed_by_scan(oid);
}

static bool
cert_is_ev(const pc_cert *c)
{
	if (c->kind & PC_K_EV)
		return true;
	for (int i = 0; i < c->npolicy; i++)
	{
		pc_span		oid = c->policy[i].oid;

		/* CA/Browser Forum OIDs (2.23.140...) were settled by PC_K_EV */
		if (oid.n < 6 || oid.p[0] == 0x67)
			continue;
		if (pc_ev_policy_listed(oid, true))
			return true;
	}
	return false;
}

/* About twenty EV rules ask; the report remembers the answer for the certificate. */
bool
pc_cert_is_ev(const pc_cert *c, pc_report *r)
{
	if (r->is_ev < 0)
		r->is_ev = cert_is_ev(c);
	return r->is_ev != 0;
}

/* EV rules run on every certificate their scope admits and stop here unless EV. */
#define EV_ONLY(fn) \
	static void ev_##fn(const pc_cert *c, pc_report *r) \
	{ \
		if (pc_cert_is_ev(c, r)) \
			fn(c, r); \
	}

#define SCOPE_EV_SUB PC_K_SUB
#define NOT_TLS_LEAF (PC_K_SMIME | PC_K_CODE_SIGNING)


#define EV_REQUIRES(suffix, kind, label) \
	static void check_requires_##suffix(const pc_cert *c, pc_report *r) \
	{ \
		if (!pc_subj_has_value_k(c, r, kind)) \
			pc_fail(r, "EV subject has no " label); \
	}

EV_REQUIRES(org, PC_AK_O, "organizationName")
EV_REQUIRES(business_category, PC_AK_BUSINESS_CATEGORY, "businessCategory")
EV_REQUIRES(country, PC_AK_C, "countryName")
EV_REQUIRES(serial, PC_AK_SERIAL, "serialNumber (registration number)")

static bool
span_is(pc_span s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static void
check_business_category_value(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (!PC_OID_IS(a->oid, OID_AT_BUSINESS_CATEGORY))
			continue;
		if (!span_is(a->value, "Private Organization") && !span_is(a->value, "Government Entity") &&
			!span_is(a->value, "Business Entity") && !span_is(a->value, "Non-Commercial Entity"))
			pc_fail(r, "businessCategory \"" PC_SPAN_FMT "\" is not one of the four EVG values", PC_SPAN_ARG(a->value));
	}
}

/* EVG 7.1.4.2.9: the attributes 7.1.4.2 lists, and no others. */
static void
check_extra_subject_attribs(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		pc_span		oid = c->subject.attr[i].oid;
		char		text[64];

		/*
		 * organizationalUnitName stays in the list here as in ZLint: its
		 * later prohibition has a rule of its own.
		 */
		if (PC_OID_IS(oid, OID_AT_JUR_L) || PC_OID_IS(oid, OID_AT_JUR_ST) || PC_OID_IS(oid, OID_AT_JUR_C) ||
			PC_OID_IS(oid, OID_AT_CN) || PC_OID_IS(oid, OID_AT_SERIAL) || PC_OID_IS(oid, OID_AT_C) ||
			PC_OID_IS(oid, OID_AT_L) || PC_OID_IS(oid, OID_AT_ST) || PC_OID_IS(oid, OID_AT_STREET) ||
			PC_OID_IS(oid, OID_AT_O) || PC_OID_IS(oid, OID_AT_OU) || PC_OID_IS(oid, OID_AT_BUSINESS_CATEGORY) ||
			PC_OID_IS(oid, OID_AT_POSTAL_CODE) || PC_OID_IS(oid, OID_AT_ORG_ID))
			continue;
		pc_oid_text(oid, text, sizeof(text));
		pc_fail(r, "subject attribute %s is not allowed in an EV certificate", text);
	}
}

/* ---------------------------------------------------------------- organizationIdentifier */

/* The first organizationIdentifier value, as ZLint reads it. */
static const pc_attr *
first_org_id(const pc_cert *c)
{
	return PC_NAME_FIND(&c->subject, OID_AT_ORG_ID);
}

/* EVG Appendix H registration schemes. */
static void
check_orgid_reg_scheme(const pc_cert *c, pc_report *r)
{
	const pc_attr *a = first_org_id(c);
	pc_span		v;

	if (a == NULL)
		return;
	v = a->value;
	if (v.n < 3)
		pc_fail(r, "organizationIdentifier \"" PC_SPAN_FMT "\" has no registration scheme", PC_SPAN_ARG(v));
	else if (memcmp(v.p, "NTR", 3) != 0 && memcmp(v.p, "VAT", 3) != 0 && memcmp(v.p, "PSD", 3) != 0)
		pc_fail(r, "organizationIdentifier \"" PC_SPAN_FMT "\" uses registration scheme \"%.3s\", not NTR, VAT or PSD (EVG Appendix H)",
				PC_SPAN_ARG(v), (const char *) v.p);
}

static const pc_ext *
orgid_ext(const pc_cert *c)
{
	return pc_ext_get(c, PC_X_ORGID);
}

static void
check_orgid_ext_missing(const pc_cert *c, pc_report *r)
{
	if (first_org_id(c) != NULL && orgid_ext(c) == NULL)
		pc_fail(r, "subject has organizationIdentifier but the cabfOrganizationIdentifier extension (2.23.140.3.1) is absent");
}

/* CABFOrganizationIdentifier (EVG 9.8.2 / 7.1.2.2 of EVG 2.0). */
typedef struct orgid
{
	pc_span		scheme;
	pc_span		country;
	pc_span		state;			/* empty when absent */
	pc_span		reference;
} orgid;

static bool
orgid_ext_read(const pc_cert *c, orgid *o)
{
	const pc_ext *e = orgid_ext(c);
	pc_der		d,
				in;
	pc_tlv		seq,
				t;

	if (e == NULL)
		return false;
	memset(o, 0, sizeof(*o));
	pc_der_init(&d, e->value, c->der.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, NULL) || pc_der_more(&d))
		return false;
	pc_der_init(&in, seq.v, c->der.p, NULL);
	if (!pc_der_expect(&in, PC_T_PRINTABLESTRING, &t, NULL, NULL))
		return false;
	o->scheme = t.v;
	if (!pc_der_expect(&in, PC_T_PRINTABLESTRING, &t, NULL, NULL))
		return false;
	o->country = t.v;
	if (pc_der_peek(&in) == PC_CTX(0))
	{
		if (!pc_der_next(&in, &t, NULL))
			return false;
		o->state = t.v;
	}
	if (!pc_der_expect(&in, PC_T_UTF8STRING, &t, NULL, NULL) || pc_der_more(&in))
		return false;
	o->reference = t.v;
	return true;
}

static bool
all_upper(pc_span s, size_t n)
{
	if (s.n < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s.p[i] < 'A' || s.p[i] > 'Z')
			return false;
	return true;
}

/*
 * Split "SSSCC[+SP]-reference" (EVG 7.1.4.2.8).  With psd, the PSD form
 * "SSSCC[+SP]-NCA-reference" takes the national competent authority off
 * the reference.
 */
static bool
orgid_parse(pc_span v, bool psd, orgid *o)
{
	size_t		i = 5;

	memset(o, 0, sizeof(*o));
	if (!all_upper(v, 5))
		return false;
	o->scheme = (pc_span) {v.p, 3};
	o->country = (pc_span) {v.p + 3, 2};
	if (v.n > i && v.p[i] == '+')
	{
		if (!all_upper((pc_span) {v.p + i + 1, v.n - i - 1}, 2))
			return false;
		o->state = (pc_span) {v.p + i + 1, 2};
		i += 3;
	}
	if (v.n <= i || v.p[i] != '-')
		return false;
	i++;
	if (psd)
	{
		while (i < v.n && v.p[i] >= 'A' && v.p[i] <= 'Z')
			i++;
		if (i >= v.n || v.p[i] != '-')
			return false;
		i++;
	}
	if (i >= v.n)
		return false;
	o->reference = (pc_span) {v.p + i, v.n - i};
	return true;
}

static bool
orgid_same(const orgid *a, const orgid *b)
{
	return pc_span_eq(a->scheme, b->scheme) && pc_span_eq(a->country, b->country) &&
		pc_span_eq(a->state, b->state) && pc_span_eq(a->reference, b->reference);
}

static void
check_orgid_consistent(const pc_cert *c, pc_report *r)
{
	const pc_attr *a = first_org_id(c);
	orgid		ext,
				subj;

	if (a == NULL || orgid_ext(c) == NULL)
		return;
	if (!orgid_ext_read(c, &ext))
	{
		pc_fail(r, "cabfOrganizationIdentifier extension does not decode");
		return;
	}
	if (!orgid_parse(a->value, false, &subj))
	{
		pc_fail(r, "organizationIdentifier \"" PC_SPAN_FMT "\" is not of the form SSSCC[+SP]-reference", PC_SPAN_ARG(a->value));
		return;
	}
	if (orgid_same(&ext, &subj))
		return;
	if (span_is(subj.scheme, "PSD") && orgid_parse(a->value, true, &subj) && orgid_same(&ext, &subj))
		return;
	pc_fail(r, "organizationIdentifier \"" PC_SPAN_FMT "\" does not match the cabfOrganizationIdentifier extension (" PC_SPAN_FMT PC_SPAN_FMT "%s" PC_SPAN_FMT "-" PC_SPAN_FMT ")",
			PC_SPAN_ARG(a->value), PC_SPAN_ARG(ext.scheme), PC_SPAN_ARG(ext.country),
			ext.state.n ? "+" : "", PC_SPAN_ARG(ext.state), PC_SPAN_ARG(ext.reference));
}

static void
check_psd_vat_has_state(const pc_cert *c, pc_report *r)
{
	orgid		o;

	if (!orgid_ext_read(c, &o))
		return;
	if ((span_is(o.scheme, "PSD") || span_is(o.scheme, "VAT")) && o.state.n > 0)
		pc_fail(r, "cabfOrganizationIdentifier with scheme " PC_SPAN_FMT " has registrationStateOrProvince \"" PC_SPAN_FMT "\"",
				PC_SPAN_ARG(o.scheme), PC_SPAN_ARG(o.state));
}

/* ---------------------------------------------------------------- names */

/* EVG 9.8.1 / 7.1.2.1: no wildcards, except under .onion (Appendix F). */
static void
check_not_wildcard(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (PC_OID_IS(a->oid, OID_AT_CN) && a->value.n > 0 && memchr(a->value.p, '*', a->value.n) &&
			!pc_span_ends_nocase(a->value, ".onion"))
			pc_fail(r, "commonName \"" PC_SPAN_FMT "\" is a wildcard", PC_SPAN_ARG(a->value));
	}
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_DNS && gn.v.n > 0 && memchr(gn.v.p, '*', gn.v.n) && !pc_span_ends_nocase(gn.v, ".onion"))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" is a wildcard", PC_SPAN_ARG(gn.v));
}

static void
check_san_ip(const pc_cert *c, pc_report *r)
{
	if (c->san_types & (1u << PC_GN_IP))
		pc_fail(r, "EV subjectAltName contains an iPAddress");
}

/* ---------------------------------------------------------------- validity */

static void
check_valid_27_months(const pc_cert *c, pc_report *r)
{
	if (c->not_after.t > pc_add_months(c->not_before.t, 27))
		pc_fail(r, "EV certificate valid for %lld days, more than 27 months", (long long) pc_validity_days(c));
}

static void
check_onion_validity(const pc_cert *c, pc_report *r)
{
	/* a .onion name, in the commonName or the SAN (dnsnames.c) */
	if ((pc_dns_facts(c, r, true) & PC_DNSF_ONION) && c->not_after.t > pc_add_months(c->not_before.t, 15))
		pc_fail(r, "certificate names a .onion domain and is valid for %lld days, more than 15 months",
				(long long) pc_validity_days(c));
}

EV_ONLY(check_requires_org)
EV_ONLY(check_requires_business_category)
EV_ONLY(check_business_category_value)
EV_ONLY(check_requires_country)
EV_ONLY(check_requires_serial)
EV_ONLY(check_extra_subject_attribs)
EV_ONLY(check_orgid_reg_scheme)
EV_ONLY(check_orgid_ext_missing)
EV_ONLY(check_orgid_consistent)
EV_ONLY(check_not_wildcard)
EV_ONLY(check_san_ip)
EV_ONLY(check_valid_27_months)

/* ---------------------------------------------------------------- the table */

const pc_rule pc_rules_cabf_ev[] = {
	{.name = "e_ev_organization_name_missing", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.1 (v1.x 9.2.1)",
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_requires_org,
		.description = "EV subscriber subject must contain organizationName. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_business_category_missing", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.3 (v1.x 9.2.3)",
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_requires_business_category,
		.description = "EV subscriber subject must contain businessCategory. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_invalid_business_category", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.3",
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_business_category_value,
		.description = "EV businessCategory must be \"Private Organization\", \"Government Entity\", \"Business Entity\" or \"Non-Commercial Entity\". EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_country_name_missing", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.6 (v1.x 9.2.4)",
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_requires_country,
		.description = "EV subscriber subject must contain countryName. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_serial_number_missing", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.5 (v1.x 9.2.6)",
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_requires_serial,
		.description = "EV subscriber subject must contain serialNumber (the registration number or date). EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_extra_subject_attribs", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.9 (SC-16)", .from = PC_DATE(2019, 4, 16),
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_extra_subject_attribs,
		.description = "EV subscriber subject may hold only the attributes EVG 7.1.4.2 lists (O, CN, businessCategory, jurisdiction C/ST/L, serialNumber, C, ST, L, street, postalCode, organizationIdentifier; OU is judged by its own rule). EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_invalid_orgid_reg_scheme", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.8, Appendix H (v1.7.0 9.2.8)", .from = PC_DATE(2020, 1, 31),
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_orgid_reg_scheme,
		.description = "EV organizationIdentifier must start with a registration scheme of Appendix H: NTR, VAT or PSD. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_organization_id_missing", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.2.2 (v1.7.0 9.8.2)", .from = PC_DATE(2020, 1, 31),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EV, .check = ev_check_orgid_ext_missing,
		.description = "An EV certificate with subject organizationIdentifier must carry the cabfOrganizationIdentifier extension (2.23.140.3.1). EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_orgid_inconsistent_subj_and_ext", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.8, 7.1.2.2 (v1.x 9.2.8, 9.8.2)", .from = PC_DATE(2020, 1, 31),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EV | PC_NEEDS_EXT(PC_X_ORGID), .check = ev_check_orgid_consistent,
		.description = "Subject organizationIdentifier (SSSCC[+SP]-reference; PSD may add -NCA-) and the cabfOrganizationIdentifier extension must give the same scheme, country, state and reference. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_cabf_org_identifier_psd_vat_has_state", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.4.2.8 (v1.x 9.2.8, SC-17)", .from = PC_DATE(2019, 6, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_ORGID), .check = check_psd_vat_has_state,
		.description = "A cabfOrganizationIdentifier with scheme PSD or VAT must not carry registrationStateOrProvince."},
	{.name = "e_ev_not_wildcard", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.2.1 (v1.7.8 9.8.1); Appendix F", .from = PC_DATE(2015, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EV, .check = ev_check_not_wildcard,
		.description = "EV certificates must not contain wildcard names, except under .onion. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_san_ip_address_present", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: 7.1.2.1 (v1.7.8 9.8.1)",
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EV | PC_NEEDS_SAN(PC_GN_IP), .check = ev_check_san_ip,
		.description = "EV subjectAltName must hold only dNSNames: no iPAddress. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_ev_valid_time_too_long", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs 1.0: 8(a); EVGs 1.6.1: 9.4", .until = PC_DATE(2018, 3, 1),
		.scope = SCOPE_EV_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_EV, .check = ev_check_valid_27_months,
		.description = "EV certificates issued before 2018-03-01 (when the BR 825-day limit, shorter than 27 months, took over) must not be valid for more than 27 months. EV means 2.23.140.1.1 or a CA-specific EV policy OID of EVG 1.x."},
	{.name = "e_onion_subject_validity_time_too_large", .severity = PC_ERROR, .source = EV,
		.citation = "EVGs: Appendix F (Ballot 144)", .from = PC_DATE(2015, 5, 1),
		.scope = SCOPE_SUB, .exclude = PC_K_SMIME | PC_K_CODE_SIGNING, .check = check_onion_validity,
		.description = "A subscriber certificate naming a .onion domain must not be valid for more than 15 months."},
};

PC_RULE_TABLE_END(cabf_ev);
