/*
 * rfc5280.c
 *		RFC 5280: Internet X.509 Public Key Infrastructure Certificate and CRL
 *		Profile -- certificate structure, extensions and encodings.
 *
 * Names, severities and windows follow ZLint's lints of the same name so
 * results compare (requirements.md 5.1).  Where ZLint's reading departs
 * from the RFC text, the description says which reading is used.
 *
 * What the decoder does not keep (policy qualifiers' insides, name
 * constraints, policy mappings, distribution points) is parsed here from the
 * extension value spans, with the bounded DER reader: no allocation, no
 * recursion, never outside a span.  A structure that does not parse is
 * simply not judged by these rules; the decoder marks the extension bad.
 */
#include "rules.h"

/* ---------------------------------------------------------------- helpers */

/*
 * Open an extension value that must be one SEQUENCE; d walks its content.
 * False when the value is something else.
 */
static bool
open_seq(pc_span value, pc_der *d, pc_span *content)
{
	pc_der		outer;
	pc_tlv		t;

	pc_der_init(&outer, value, value.p, NULL);
	if (!pc_der_expect(&outer, PC_T_SEQUENCE, &t, NULL, "") || pc_der_more(&outer))
		return false;
	pc_der_init(d, t.v, t.v.p, NULL);
	if (content)
		*content = t.v;
	return true;
}

/* Is the INTEGER content zero or negative? */
static bool
int_not_positive(pc_span v)
{
	if (v.n == 0 || (v.p[0] & 0x80))
		return true;
	for (size_t i = 0; i < v.n; i++)
		if (v.p[i] != 0)
			return false;
	return true;
}

/* Does a URI start with scheme "http://" or "ldap://" (ASCII case-insensitive)? */
static bool
uri_http_or_ldap(pc_span v)
{
	static const char *const schemes[] = {"http://", "ldap://"};

	for (size_t s = 0; s < 2; s++)
	{
		size_t		n = strlen(schemes[s]);
		size_t		i;

		if (v.n < n)
			continue;
		for (i = 0; i < n; i++)
		{
			uint8_t		ch = v.p[i];

			if (ch >= 'A' && ch <= 'Z')
				ch = (uint8_t) (ch + 32);
			if (ch != (uint8_t) schemes[s][i])
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- criticality */

/* One check per extension whose criticality RFC 5280 fixes. */
#define MUST_BE_CRITICAL(fn, xid, label) \
	static void fn(const pc_cert *c, pc_report *r) \
	{ \
		const pc_ext *x = pc_ext_get(c, xid); \
		if (x && !x->critical) \
			pc_fail(r, label " is not critical"); \
	}
#define MUST_NOT_BE_CRITICAL(fn, xid, label) \
	static void fn(const pc_cert *c, pc_report *r) \
	{ \
		const pc_ext *x = pc_ext_get(c, xid); \
		if (x && x->critical) \
			pc_fail(r, label " is marked critical"); \
	}

static void
check_basic_constraints_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *bc = pc_ext_get(c, PC_X_BC);

	if (bc && !bc->critical)
		pc_fail(r, "basicConstraints of a CA certificate is not critical");
}

MUST_NOT_BE_CRITICAL(check_aia_critical, PC_X_AIA, "authorityInformationAccess")
MUST_NOT_BE_CRITICAL(check_aki_critical, PC_X_AKI, "authorityKeyIdentifier")
MUST_NOT_BE_CRITICAL(check_freshest_critical, PC_X_FRESHEST, "freshestCRL")
MUST_NOT_BE_CRITICAL(check_sda_critical, PC_X_SDA, "subjectDirectoryAttributes")
MUST_NOT_BE_CRITICAL(check_ski_critical, PC_X_SKI, "subjectKeyIdentifier")
MUST_NOT_BE_CRITICAL(check_sia_critical, PC_X_SIA, "subjectInfoAccess")
MUST_NOT_BE_CRITICAL(check_crldp_critical, PC_X_CRLDP, "cRLDistributionPoints")
MUST_BE_CRITICAL(check_nc_not_critical, PC_X_NC, "nameConstraints")
MUST_BE_CRITICAL(check_pcons_not_critical, PC_X_PCONS, "policyConstraints")
MUST_BE_CRITICAL(check_iap_not_critical, PC_X_IAP, "inhibitAnyPolicy")
MUST_BE_CRITICAL(check_ku_not_critical, PC_X_KU, "keyUsage")
MUST_BE_CRITICAL(check_pm_not_critical, PC_X_PM, "policyMappings")

/* anyExtendedKeyUsage says the purposes are open; a critical EKU contradicts that. */
static void
check_eku_critical_improperly(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_EKU);

	if (x && x->critical && (c->eku_mask & PC_EKU_ANY))
		pc_fail(r, "extKeyUsage contains anyExtendedKeyUsage and is marked critical");
}

/* ---------------------------------------------------------------- DER */

/*
 * An Extension is SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE,
 * extnValue }: DER omits a FALSE critical and writes TRUE as 0xFF.
 */
static void
check_ext_invalid_der(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->next; i++)
	{
		const pc_ext *x = &c->ext[i];
		pc_der		d;
		pc_tlv		t;
		char		oid[64];

		/* the decoder saw no critical field, or a DER TRUE right after the OID */
		if (!x->critical_encoded ||
			(x->oid.p[x->oid.n] == PC_T_BOOLEAN && x->oid.p[x->oid.n + 1] == 1 &&
			 x->oid.p[x->oid.n + 2] == 0xff))
			continue;
		if (!open_seq(x->all, &d, NULL) || !pc_der_expect(&d, PC_T_OID, &t, NULL, "") ||
			pc_der_peek(&d) != PC_T_BOOLEAN || !pc_der_next(&d, &t, NULL) || t.v.n != 1)
			continue;
		if (t.v.p[0] == 0xff)
			continue;
		pc_oid_text(x->oid, oid, sizeof(oid));
		if (t.v.p[0] == 0x00)
			pc_fail(r, "extension %s encodes the DEFAULT critical FALSE explicitly", oid);
		else
			pc_fail(r, "extension %s critical BOOLEAN is 0x%02x, not 0xff", oid, t.v.p[0]);
	}
}

/* BasicConstraints: cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL. */
typedef struct bc_fields
{
	bool		has_ca;
	uint8_t		ca_octet;
	bool		has_pathlen;
	pc_span		pathlen;
} bc_fields;

/* pc_der_peek, inline for read_bc, which three rules call. */
static inline uint8_t
peek(const pc_der *d)
{
	return d->p < d->end ? d->p[0] : 0;
}

static bool
read_bc(const pc_cert *c, bc_fields *f)
{
	const pc_ext *x = pc_ext_get(c, PC_X_BC);
	pc_der		d;
	pc_tlv		t;

	f->has_ca = false;
	f->ca_octet = 0;
	f->has_pathlen = false;
	f->pathlen = PC_SPAN_EMPTY;
	if (!x)
		return false;
	/*
	 * A subscriber's usual value, the empty SEQUENCE, holds neither field:
	 * three rules ask for every certificate, and need not open it.
	 */
	if (x->value.n == 2 && x->value.p[0] == PC_T_SEQUENCE && x->value.p[1] == 0)
		return true;
	if (!open_seq(x->value, &d, NULL))
		return false;
	if (peek(&d) == PC_T_BOOLEAN)
	{
		if (!pc_der_next(&d, &t, NULL) || t.v.n != 1)
			return false;
		f->has_ca = true;
		f->ca_octet = t.v.p[0];
	}
	if (peek(&d) == PC_T_INTEGER)
	{
		if (!pc_der_next(&d, &t, NULL) || t.v.n == 0)
			return false;
		f->has_pathlen = true;
		f->pathlen = t.v;
	}
	return true;
}

static void
check_basic_constr_invalid_der(const pc_cert *c, pc_report *r)
{
	bc_fields	f;

	if (!read_bc(c, &f) || !f.has_ca)
		return;
	if (f.ca_octet == 0x00)
		pc_fail(r, "basicConstraints encodes the DEFAULT cA FALSE explicitly");
	else if (f.ca_octet != 0xff)
		pc_fail(r, "basicConstraints cA BOOLEAN is 0x%02x, not 0xff", f.ca_octet);
}

/* ---------------------------------------------------------------- version, serial, algorithms */

static void
check_extensions_version_not_3(const pc_cert *c, pc_report *r)
{
	if (c->has_extensions && c->version != 2)
		pc_fail(r, "extensions present in a v%d certificate", c->version + 1);
}

static void
check_unique_identifier_version(const pc_cert *c, pc_report *r)
{
	if ((c->issuer_uid || c->subject_uid) && c->version != 1 && c->version != 2)
		pc_fail(r, "unique identifier present in a v%d certificate", c->version + 1);
}

static void
check_contains_unique_identifier(const pc_cert *c, pc_report *r)
{
	if (c->issuer_uid)
		pc_fail(r, "issuerUniqueID present");
	if (c->subject_uid)
		pc_fail(r, "subjectUniqueID present");
}

static void
check_serial_longer_than_20(const pc_cert *c, pc_report *r)
{
	if (c->serial.n > 20)
		pc_fail(r, "serialNumber is %zu octets", c->serial.n);
}

static void
check_serial_not_positive(const pc_cert *c, pc_report *r)
{
	if (int_not_positive(c->serial))
		pc_fail(r, "serialNumber is %s", (c->serial.p[0] & 0x80) ? "negative" : "zero");
}

static void
check_sig_alg_mismatch(const pc_cert *c, pc_report *r)
{
	if (!pc_span_eq(c->sig_alg, c->tbs_sig_alg))
		pc_fail(r, "signatureAlgorithm differs from tbsCertificate.signature");
}

/* Parameters TLV of an AlgorithmIdentifier, empty when absent. */
static pc_span
alg_params(pc_span alg)
{
	pc_der		d;
	pc_tlv		t;

	if (!open_seq(alg, &d, NULL) || !pc_der_expect(&d, PC_T_OID, &t, NULL, "") ||
		!pc_der_more(&d) || !pc_der_next(&d, &t, NULL))
		return PC_SPAN_EMPTY;
	return t.all;
}

static bool
is_null(pc_span p)
{
	return p.n == 2 && p.p[0] == PC_T_NULL && p.p[1] == 0x00;
}

static void
check_spki_rsa_params_not_null(const pc_cert *c, pc_report *r)
{
	if (!PC_OID_IS(c->spki.alg_oid, OID_ALG_RSA))
		return;
	if (c->spki.params.n == 0)
		pc_fail(r, "rsaEncryption key has no parameters (NULL required)");
	else if (!is_null(c->spki.params))
		pc_fail(r, "rsaEncryption key parameters are %s, not NULL",
				pc_tag_name(c->spki.params.p[0]));
}

/*
 * rsaEncryption and the PKCS #1 v1.5 signature algorithms are the arcs
 * 1.2.840.113549.1.1.x for the x below: one comparison of the common prefix
 * and a bit of the last octet, instead of eight comparisons (sha256 was the
 * sixth).
 */
#define PKCS1_ARC(lit)	((uint32_t) 1 << (uint8_t) (lit)[sizeof(lit) - 2])

static bool
is_pkcs1_v15(pc_span o)
{
	const uint32_t arcs = PKCS1_ARC(OID_ALG_RSA) | PKCS1_ARC(OID_ALG_MD2_RSA) |
		PKCS1_ARC(OID_ALG_MD5_RSA) | PKCS1_ARC(OID_ALG_SHA1_RSA) |
		PKCS1_ARC(OID_ALG_SHA224_RSA) | PKCS1_ARC(OID_ALG_SHA256_RSA) |
		PKCS1_ARC(OID_ALG_SHA384_RSA) | PKCS1_ARC(OID_ALG_SHA512_RSA);

	return o.n == sizeof(OID_ALG_RSA) - 1 && o.p[o.n - 1] < 32 &&
		((arcs >> o.p[o.n - 1]) & 1) && memcmp(o.p, OID_ALG_RSA, o.n - 1) == 0;
}

static void
check_tbs_sig_rsa_params_not_null(const pc_cert *c, pc_report *r)
{
	pc_span		o = c->tbs_sig_oid;
	pc_span		a = c->tbs_sig_alg;
	pc_span		p;

	if (!is_pkcs1_v15(o))
		return;
	/*
	 * The usual encoding, SEQUENCE { OID (nine octets), NULL }, in fifteen
	 * octets: its parameters are NULL, with no need to read them.
	 */
	if (a.n == 15 && a.p[0] == PC_T_SEQUENCE && a.p[1] == 13 && a.p[2] == PC_T_OID &&
		a.p[3] == 9 && a.p[13] == PC_T_NULL && a.p[14] == 0x00)
		return;
	p = alg_params(a);
	if (p.n == 0)
		pc_fail(r, "RSA PKCS#1 v1.5 signature algorithm has no parameters (NULL required)");
	else if (!is_null(p))
		pc_fail(r, "RSA PKCS#1 v1.5 signature algorithm parameters are %s, not NULL",
				pc_tag_name(p.p[0]));
}

/* ---------------------------------------------------------------- validity times */

static void
time_flag(const pc_cert *c, pc_report *r, uint8_t tag, uint8_t flag, const char *what)
{
	const pc_time *t[2] = {&c->not_before, &c->not_after};
	static const char *const names[2] = {"notBefore", "notAfter"};

	for (int i = 0; i < 2; i++)
		if (t[i]->tag == tag && (t[i]->flags & flag))
			pc_fail(r, "%s \"" PC_SPAN_FMT "\" %s", names[i], PC_SPAN_ARG(t[i]->text), what);
}

static void
check_utc_no_seconds(const pc_cert *c, pc_report *r)
{
	time_flag(c, r, PC_T_UTCTIME, PC_TF_NO_SECONDS, "has no seconds");
}

static void
check_utc_not_zulu(const pc_cert *c, pc_report *r)
{
	time_flag(c, r, PC_T_UTCTIME, PC_TF_NOT_ZULU, "is not in Zulu time");
}

static void
check_gen_no_seconds(const pc_cert *c, pc_report *r)
{
	time_flag(c, r, PC_T_GENERALIZEDTIME, PC_TF_NO_SECONDS, "has no seconds");
}

static void
check_gen_fraction(const pc_cert *c, pc_report *r)
{
	time_flag(c, r, PC_T_GENERALIZEDTIME, PC_TF_FRACTION, "has fractional seconds");
}

static void
check_gen_not_zulu(const pc_cert *c, pc_report *r)
{
	time_flag(c, r, PC_T_GENERALIZEDTIME, PC_TF_NOT_ZULU, "is not in Zulu time");
}

static void
check_wrong_time_format_pre2050(const pc_cert *c, pc_report *r)
{
	const pc_time *t[2] = {&c->not_before, &c->not_after};
	static const char *const names[2] = {"notBefore", "notAfter"};

	for (int i = 0; i < 2; i++)
		if (t[i]->tag == PC_T_GENERALIZEDTIME && t[i]->t < PC_DATE(2050, 1, 1))
			pc_fail(r, "%s \"" PC_SPAN_FMT "\" is a GeneralizedTime before 2050",
					names[i], PC_SPAN_ARG(t[i]->text));
}

/* ---------------------------------------------------------------- names, keys */

static void
check_ca_subject_empty(const pc_cert *c, pc_report *r)
{
	if (c->subject.nattr == 0)
		pc_fail(r, "CA certificate has an empty subject");
}

static void
check_duplicate_extension(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	if (!c->ext_duplicate)
		return;
	for (int i = 0; i < c->next; i++)
		for (int j = 0; j < i; j++)
			if (pc_span_eq(c->ext[i].oid, c->ext[j].oid))
			{
				pc_oid_text(c->ext[i].oid, oid, sizeof(oid));
				pc_fail(r, "extension %s occurs more than once", oid);
				return;
			}
}

/*
 * The one exception is a CA's self-signed certificate.  profcheck does not
 * verify signatures, so a self-issued CA certificate stands in for it.
 */
static void
check_aki_no_key_identifier(const pc_cert *c, pc_report *r)
{
	if ((c->kind & PC_K_CA) && pc_span_eq(c->issuer.der, c->subject.der))
		return;
	if (!c->xi[PC_X_AKI])
		pc_fail(r, "no authorityKeyIdentifier extension (and not a self-issued CA certificate)");
	else if (!c->aki_has_keyid)
		pc_fail(r, "authorityKeyIdentifier has no keyIdentifier");
}

static void
check_ski_missing_ca(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_SKI])
		pc_fail(r, "CA certificate has no subjectKeyIdentifier");
}

static void
check_ski_missing_sub(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_SKI])
		pc_fail(r, "end-entity certificate has no subjectKeyIdentifier");
}

/* ---------------------------------------------------------------- keyUsage */

/* KeyUsage BIT STRING content (unused-bits octet first), or false. */
static bool
ku_bits(const pc_cert *c, pc_span *bits)
{
	const pc_ext *x = pc_ext_get(c, PC_X_KU);
	pc_der		d;
	pc_tlv		t;

	if (!x)
		return false;
	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_BITSTRING, &t, NULL, "") || pc_der_more(&d) || t.v.n == 0)
		return false;
	*bits = t.v;
	return true;
}

static void
check_ku_without_bits(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && c->ku == 0)
		pc_fail(r, "keyUsage asserts no bits");
}

static void
check_ku_cert_sign_without_ca(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && (c->ku & PC_KU_KEY_CERT_SIGN) && !(c->kind & PC_K_CA))
		pc_fail(r, "keyUsage has keyCertSign but basicConstraints cA is not TRUE");
}

/* Nine named bits fit in two octets after the unused-bits octet. */
static void
check_ku_incorrect_length(const pc_cert *c, pc_report *r)
{
	pc_span		b;

	if (ku_bits(c, &b) && b.n > 3)
		pc_fail(r, "keyUsage BIT STRING has %zu octets of bits; at most 2 are needed", b.n - 1);
}

/* DER: the last octet ends with the last set bit, so it is never zero. */
static void
check_superfluous_ku(const pc_cert *c, pc_report *r)
{
	pc_span		b;

	if (ku_bits(c, &b) && b.n > 1 && b.p[b.n - 1] == 0)
		pc_fail(r, "keyUsage BIT STRING ends with a zero octet");
}

/* DER: the unused-bits count equals the number of trailing zero bits. */
static void
check_incorrect_ku_encoding(const pc_cert *c, pc_report *r)
{
	pc_span		b;
	uint8_t		last;
	unsigned	tz = 0;

	if (!ku_bits(c, &b) || b.n < 2 || b.p[b.n - 1] == 0)
		return;
	last = b.p[b.n - 1];
	while (!(last & (1u << tz)))
		tz++;
	if (b.p[0] != tz)
		pc_fail(r, "keyUsage BIT STRING declares %u unused bits; DER requires %u",
				b.p[0], tz);
}

/*
 * RFC 5280 4.2.1.12 lists, per key purpose, the keyUsage bits that may be
 * consistent with it; "or" between keyEncipherment and keyAgreement is
 * read as exclusive.  With one purpose the keyUsage must be one of its
 * combinations; with several, every asserted bit must suit one of them.
 * Purposes the RFC does not list are not judged.
 */
typedef struct ku_purpose
{
	uint32_t	eku;
	uint16_t	bits;			/* bits that may be consistent */
	bool		xor_ke_ka;		/* keyEncipherment or keyAgreement, not both */
	const char *name;
} ku_purpose;

static const ku_purpose ku_purposes[] = {
	{PC_EKU_SERVER_AUTH, PC_KU_DIGITAL_SIGNATURE | PC_KU_KEY_ENCIPHERMENT | PC_KU_KEY_AGREEMENT,
	true, "serverAuth"},
	{PC_EKU_CLIENT_AUTH, PC_KU_DIGITAL_SIGNATURE | PC_KU_KEY_AGREEMENT, false, "clientAuth"},
	{PC_EKU_CODE_SIGNING, PC_KU_DIGITAL_SIGNATURE, false, "codeSigning"},
	{PC_EKU_EMAIL, PC_KU_DIGITAL_SIGNATURE | PC_KU_NON_REPUDIATION | PC_KU_KEY_ENCIPHERMENT |
	PC_KU_KEY_AGREEMENT, true, "emailProtection"},
	{PC_EKU_TIME_STAMPING, PC_KU_DIGITAL_SIGNATURE | PC_KU_NON_REPUDIATION, false, "timeStamping"},
	{PC_EKU_OCSP_SIGNING, PC_KU_DIGITAL_SIGNATURE | PC_KU_NON_REPUDIATION, false, "OCSPSigning"},
};

static void
check_ku_eku_inconsistent(const pc_cert *c, pc_report *r)
{
	const ku_purpose *only = NULL;
	uint16_t	allowed = 0;
	int			known = 0;

	if (!pc_ext_ok(c, PC_X_KU) || !pc_ext_ok(c, PC_X_EKU) || c->ku == 0)
		return;
	for (size_t i = 0; i < sizeof(ku_purposes) / sizeof(ku_purposes[0]); i++)
		if (c->eku_mask & ku_purposes[i].eku)
		{
			only = &ku_purposes[i];
			allowed |= ku_purposes[i].bits;
			known++;
		}
	if (known == 0)
		return;
	if (known == 1 && c->neku == 1)
	{
		uint16_t	both = PC_KU_KEY_ENCIPHERMENT | PC_KU_KEY_AGREEMENT;

		if (c->ku & ~only->bits)
			pc_fail(r, "keyUsage bits 0x%03x are not consistent with %s",
					c->ku & ~only->bits, only->name);
		else if (only->xor_ke_ka && (c->ku & both) == both)
			pc_fail(r, "keyUsage asserts both keyEncipherment and keyAgreement with %s",
					only->name);
		return;
	}
	if (c->ku & ~allowed)
		pc_fail(r, "keyUsage bits 0x%03x suit none of the extKeyUsage purposes",
				c->ku & ~allowed);
}

/* ---------------------------------------------------------------- basicConstraints */

static void
check_pathlen_improperly_included(const pc_cert *c, pc_report *r)
{
	bc_fields	f;
	bool		ca;

	if (!read_bc(c, &f) || !f.has_pathlen)
		return;
	ca = f.has_ca && f.ca_octet != 0;
	if (!ca)
		pc_fail(r, "pathLenConstraint present but cA is not TRUE");
	else if (!pc_ext_ok(c, PC_X_KU) || !(c->ku & PC_KU_KEY_CERT_SIGN))
		pc_fail(r, "pathLenConstraint present but keyUsage does not assert keyCertSign");
}

static void
check_pathlen_negative(const pc_cert *c, pc_report *r)
{
	bc_fields	f;

	if (read_bc(c, &f) && f.has_pathlen && (f.pathlen.p[0] & 0x80))
		pc_fail(r, "pathLenConstraint is negative");
}

/* ---------------------------------------------------------------- empty sequences */

/*
 * Could this extension value be an empty SEQUENCE?  Not when it starts
 * with another tag, or with a length other than zero (a short form, or a
 * long form whose first octet is not zero): open_seq would then fail or
 * find content.
 */
static inline bool
maybe_empty_seq(pc_span v)
{
	return v.n >= 2 && v.p[0] == PC_T_SEQUENCE &&
		(v.p[1] == 0 || (v.p[1] >= 0x80 && (v.n < 3 || v.p[2] == 0)));
}

/* Extensions whose syntax is SEQUENCE SIZE (1..MAX) OF ... */
static void
check_empty_sequence(const pc_cert *c, pc_report *r)
{
	static const pc_xid seq1[] = {
		PC_X_AIA, PC_X_SIA, PC_X_CP, PC_X_PM, PC_X_SAN, PC_X_IAN, PC_X_SDA,
		PC_X_EKU, PC_X_CRLDP, PC_X_FRESHEST,
	};

	for (size_t i = 0; i < sizeof(seq1) / sizeof(seq1[0]); i++)
	{
		const pc_ext *x = pc_ext_get(c, seq1[i]);
		pc_der		d;
		pc_span		content;
		char		oid[64];

		if (x && maybe_empty_seq(x->value) && open_seq(x->value, &d, &content) && content.n == 0)
		{
			pc_oid_text(x->oid, oid, sizeof(oid));
			pc_fail(r, "extension %s is an empty SEQUENCE", oid);
		}
	}
}

static void
check_pcons_empty(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_PCONS);
	pc_der		d;
	pc_span		content;

	if (x && open_seq(x->value, &d, &content) && content.n == 0)
		pc_fail(r, "policyConstraints is an empty SEQUENCE");
}

/* ---------------------------------------------------------------- certificatePolicies */

static void
check_policy_duplicate(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	for (int i = 0; i < c->npolicy; i++)
		for (int j = 0; j < i; j++)
			if (pc_span_eq(c->policy[i].oid, c->policy[j].oid))
			{
				pc_oid_text(c->policy[i].oid, oid, sizeof(oid));
				pc_fail(r, "policy %s is asserted more than once", oid);
				return;
			}
}

static void
check_any_policy_qualifier(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->npolicy; i++)
	{
		pc_der		d;
		pc_tlv		q,
					oid;

		if (!PC_OID_IS(c->policy[i].oid, OID_POL_ANY))
			continue;
		pc_der_init(&d, c->policy[i].qualifiers, c->policy[i].qualifiers.p, NULL);
		while (pc_der_more(&d) && pc_der_expect(&d, PC_T_SEQUENCE, &q, NULL, ""))
		{
			pc_der		qd;
			char		txt[64];

			pc_der_init(&qd, q.v, q.v.p, NULL);
			if (!pc_der_expect(&qd, PC_T_OID, &oid, NULL, ""))
				break;
			if (PC_OID_IS(oid.v, OID_QT_CPS) || PC_OID_IS(oid.v, OID_QT_UNOTICE))
				continue;
			pc_oid_text(oid.v, txt, sizeof(txt));
			pc_fail(r, "anyPolicy carries qualifier %s (only CPS and userNotice are allowed)", txt);
		}
	}
}

/* One UserNotice qualifier as found in certificatePolicies. */
typedef struct notice
{
	bool		has_ref;
	bool		has_text;
	uint8_t		tag;			/* explicitText's DisplayText choice */
	pc_span		text;
} notice;

typedef void (*notice_fn) (pc_report *r, const notice *n);

/*
 * Call fn for each UserNotice.  Six rules ask and most certificates have
 * none: the report remembers whether the first walk found one.
 */
static void
each_user_notice(const pc_cert *c, pc_report *r, notice_fn fn)
{
	bool		found = false;

	if (r->unotice == 0)
		return;
	for (int i = 0; i < c->npolicy; i++)
	{
		pc_der		d;
		pc_tlv		q;

		pc_der_init(&d, c->policy[i].qualifiers, c->policy[i].qualifiers.p, NULL);
		while (pc_der_more(&d) && pc_der_expect(&d, PC_T_SEQUENCE, &q, NULL, ""))
		{
			pc_der		qd,
						ud;
			pc_tlv		oid,
						un,
						t;
			notice		n;

			pc_der_init(&qd, q.v, q.v.p, NULL);
			if (!pc_der_expect(&qd, PC_T_OID, &oid, NULL, "") ||
				!PC_OID_IS(oid.v, OID_QT_UNOTICE) ||
				!pc_der_expect(&qd, PC_T_SEQUENCE, &un, NULL, ""))
				continue;
			memset(&n, 0, sizeof(n));
			pc_der_init(&ud, un.v, un.v.p, NULL);
			if (pc_der_peek(&ud) == PC_T_SEQUENCE && pc_der_next(&ud, &t, NULL))
				n.has_ref = true;
			if (pc_der_more(&ud) && pc_der_next(&ud, &t, NULL))
			{
				n.has_text = true;
				n.tag = t.id;
				n.text = t.v;
			}
			found = true;
			fn(r, &n);
		}
	}
	r->unotice = found;
}

/*
 * Next character of a DisplayText.  UTF8String is decoded (false on an
 * ill-formed sequence), BMPString read as UCS-2, the others octet by octet.
 */
static bool
text_next(uint8_t tag, pc_span s, size_t *pos, uint32_t *cp)
{
	const uint8_t *p = s.p + *pos;
	size_t		left = s.n - *pos;

	if (left == 0)
		return false;
	if (tag == PC_T_BMPSTRING)
	{
		if (left < 2)
			return false;
		*cp = (uint32_t) p[0] << 8 | p[1];
		*pos += 2;
		return true;
	}
	if (tag == PC_T_UTF8STRING && p[0] >= 0x80)
	{
		size_t		len;
		uint32_t	v,
					min;

		if (p[0] >= 0xc2 && p[0] <= 0xdf)
		{
			len = 2;
			v = p[0] & 0x1f;
			min = 0x80;
		}
		else if (p[0] >= 0xe0 && p[0] <= 0xef)
		{
			len = 3;
			v = p[0] & 0x0f;
			min = 0x800;
		}
		else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		{
			len = 4;
			v = p[0] & 0x07;
			min = 0x10000;
		}
		else
			return false;
		if (left < len)
			return false;
		for (size_t i = 1; i < len; i++)
		{
			if ((p[i] & 0xc0) != 0x80)
				return false;
			v = v << 6 | (p[i] & 0x3f);
		}
		if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return false;
		*cp = v;
		*pos += len;
		return true;
	}
	*cp = p[0];
	*pos += 1;
	return true;
}

static void
notice_ia5(pc_report *r, const notice *n)
{
	if (n->has_text && n->tag == PC_T_IA5STRING)
		pc_fail(r, "explicitText \"" PC_SPAN_FMT "\" is an IA5String", PC_SPAN_ARG(n->text));
}

static void
notice_not_utf8(pc_report *r, const notice *n)
{
	if (n->has_text && n->tag != PC_T_UTF8STRING)
		pc_fail(r, "explicitText is a %s, not a UTF8String", pc_tag_name(n->tag));
}

static void
notice_noticeref(pc_report *r, const notice *n)
{
	if (n->has_ref)
		pc_fail(r, "userNotice contains a noticeRef");
}

static void
notice_too_long(pc_report *r, const notice *n)
{
	size_t		pos = 0,
				count = 0;
	uint32_t	cp;

	if (!n->has_text)
		return;
	while (text_next(n->tag, n->text, &pos, &cp))
		count++;
	if (count > 200)
		pc_fail(r, "explicitText has %zu characters, more than 200", count);
}

static void
notice_control(pc_report *r, const notice *n)
{
	size_t		pos = 0;
	uint32_t	cp;

	if (!n->has_text)
		return;
	while (text_next(n->tag, n->text, &pos, &cp))
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		{
			pc_fail(r, "explicitText contains control character U+%04X", (unsigned) cp);
			return;
		}
}

/*
 * Would NFC change this pair?  Not a full NFC check (that needs the Unicode
 * tables): it finds the common cases -- a Latin letter followed by a
 * combining accent that composes into a Latin-1 or Latin Extended-A letter,
 * Hangul leading consonant + vowel jamo, and the singletons that NFC always
 * replaces (Kelvin, Angstrom and Ohm signs, and a few Greek compatibility
 * marks).
 */
static bool
nfc_singleton(uint32_t cp)
{
	return cp == 0x212a || cp == 0x212b || cp == 0x2126 || cp == 0x0340 || cp == 0x0341 ||
		cp == 0x0343 || cp == 0x0344 || cp == 0x0374 || cp == 0x037e || cp == 0x0387;
}

static bool
nfc_composes(uint32_t base, uint32_t mark)
{
	/* base letters that compose with each combining mark within U+00C0..U+017F */
	static const struct
	{
		uint32_t	mark;
		const char *bases;
	}			comp[] = {
		{0x0300, "AEIOUaeiou"},
		{0x0301, "ACEILNORSUYZacegilnorsuyz"},
		{0x0302, "ACEGHIJOSUWYaceghijosuwy"},
		{0x0303, "AINOUainou"},
		{0x0304, "AEIOUaeiou"},
		{0x0306, "AEGIOUaegiou"},
		{0x0307, "CEGIZcegz"},
		{0x0308, "AEIOUYaeiouy"},
		{0x030a, "AUau"},
		{0x030b, "OUou"},
		{0x030c, "CDELNRSTZcdelnrstz"},
		{0x0327, "CGKLNRSTcgklnrst"},
		{0x0328, "AEIUaeiu"},
	};

	if (base >= 0x1100 && base <= 0x1112 && mark >= 0x1161 && mark <= 0x1175)
		return true;
	if (base > 0x7f)
		return false;
	for (size_t i = 0; i < sizeof(comp) / sizeof(comp[0]); i++)
		if (comp[i].mark == mark)
			return strchr(comp[i].bases, (int) base) != NULL && base != 0;
	return false;
}

static void
notice_not_nfc(pc_report *r, const notice *n)
{
	size_t		pos = 0;
	uint32_t	cp,
				prev = 0;

	if (!n->has_text || (n->tag != PC_T_UTF8STRING && n->tag != PC_T_BMPSTRING))
		return;
	while (text_next(n->tag, n->text, &pos, &cp))
	{
		if (nfc_singleton(cp) || nfc_composes(prev, cp))
		{
			pc_fail(r, "explicitText is not in NFC (U+%04X after U+%04X)",
					(unsigned) cp, (unsigned) prev);
			return;
		}
		prev = cp;
	}
	/* text that is not well-formed Unicode cannot be normalised text */
	if (pos != n->text.n)
		pc_fail(r, "explicitText is not a well-formed %s (octet %zu of %zu)",
				pc_tag_name(n->tag), pos, n->text.n);
}

#define NOTICE_CHECK(fn, cb) \
	static void fn(const pc_cert *c, pc_report *r) { each_user_notice(c, r, cb); }

NOTICE_CHECK(check_explicit_text_ia5, notice_ia5)
NOTICE_CHECK(check_explicit_text_not_utf8, notice_not_utf8)
NOTICE_CHECK(check_noticeref, notice_noticeref)
NOTICE_CHECK(check_explicit_text_too_long, notice_too_long)
NOTICE_CHECK(check_explicit_text_control, notice_control)
NOTICE_CHECK(check_explicit_text_not_nfc, notice_not_nfc)

/* ---------------------------------------------------------------- policyMappings */

/* Call fn for each (issuerDomainPolicy, subjectDomainPolicy) pair. */
typedef void (*mapping_fn) (const pc_cert *c, pc_report *r, pc_span from, pc_span to);

static void
each_mapping(const pc_cert *c, pc_report *r, mapping_fn fn)
{
	const pc_ext *x = pc_ext_get(c, PC_X_PM);
	pc_der		d;
	pc_tlv		m;

	if (!x || !open_seq(x->value, &d, NULL))
		return;
	while (pc_der_more(&d) && pc_der_expect(&d, PC_T_SEQUENCE, &m, NULL, ""))
	{
		pc_der		md;
		pc_tlv		from,
					to;

		pc_der_init(&md, m.v, m.v.p, NULL);
		if (!pc_der_expect(&md, PC_T_OID, &from, NULL, "") ||
			!pc_der_expect(&md, PC_T_OID, &to, NULL, ""))
			return;
		fn(c, r, from.v, to.v);
	}
}

static void
mapping_any(const pc_cert *c, pc_report *r, pc_span from, pc_span to)
{
	(void) c;
	if (PC_OID_IS(from, OID_POL_ANY))
		pc_fail(r, "policyMappings maps from anyPolicy");
	if (PC_OID_IS(to, OID_POL_ANY))
		pc_fail(r, "policyMappings maps to anyPolicy");
}

static void
mapping_not_in_cp(const pc_cert *c, pc_report *r, pc_span from, pc_span to)
{
	char		oid[64];

	(void) to;
	for (int i = 0; i < c->npolicy; i++)
		if (pc_span_eq(c->policy[i].oid, from))
			return;
	pc_oid_text(from, oid, sizeof(oid));
	pc_fail(r, "issuerDomainPolicy %s is not asserted in certificatePolicies", oid);
}

static void
check_pm_any_policy(const pc_cert *c, pc_report *r)
{
	each_mapping(c, r, mapping_any);
}

static void
check_pm_not_in_cp(const pc_cert *c, pc_report *r)
{
	each_mapping(c, r, mapping_not_in_cp);
}

/* ---------------------------------------------------------------- nameConstraints */

/* One GeneralSubtree; 'excluded' tells which list it is in. */
typedef struct subtree
{
	bool		excluded;
	pc_tlv		base;
	bool		has_min;
	pc_span		min;
	bool		has_max;
} subtree;

typedef void (*subtree_fn) (pc_report *r, const subtree *s);

/* Walk both lists; returns the number of subtrees, or -1 when unparseable. */
static int
each_subtree(const pc_cert *c, pc_report *r, subtree_fn fn)
{
	const pc_ext *x = pc_ext_get(c, PC_X_NC);
	pc_der		d;
	pc_tlv		list;
	int			count = 0;

	if (!x || !open_seq(x->value, &d, NULL))
		return -1;
	while (pc_der_more(&d))
	{
		pc_der		ld;
		pc_tlv		gs;

		if (!pc_der_next(&d, &list, NULL) || (list.id != PC_CTXC(0) && list.id != PC_CTXC(1)))
			return -1;
		pc_der_init(&ld, list.v, list.v.p, NULL);
		while (pc_der_more(&ld))
		{
			pc_der		sd;
			pc_tlv		t;
			subtree		s;

			if (!pc_der_expect(&ld, PC_T_SEQUENCE, &gs, NULL, ""))
				return -1;
			memset(&s, 0, sizeof(s));
			s.excluded = list.id == PC_CTXC(1);
			pc_der_init(&sd, gs.v, gs.v.p, NULL);
			if (!pc_der_next(&sd, &s.base, NULL))
				return -1;
			if (pc_der_peek(&sd) == PC_CTX(0) && pc_der_next(&sd, &t, NULL))
			{
				s.has_min = true;
				s.min = t.v;
			}
			if (pc_der_peek(&sd) == PC_CTX(1) && pc_der_next(&sd, &t, NULL))
				s.has_max = true;
			count++;
			if (fn)
				fn(r, &s);
		}
	}
	return count;
}

static void
check_nc_not_in_ca(const pc_cert *c, pc_report *r)
{
	if (c->xi[PC_X_NC] && !(c->kind & PC_K_CA))
		pc_fail(r, "nameConstraints in a certificate that is not a CA");
}

static void
check_nc_empty(const pc_cert *c, pc_report *r)
{
	if (c->xi[PC_X_NC] && each_subtree(c, r, NULL) == 0)
		pc_fail(r, "nameConstraints has neither permitted nor excluded subtrees");
}

static void
subtree_max(pc_report *r, const subtree *s)
{
	if (s->has_max)
		pc_fail(r, "a %s subtree has a maximum", s->excluded ? "excluded" : "permitted");
}

static void
subtree_min(pc_report *r, const subtree *s)
{
	bool		zero = true;

	if (!s->has_min)
		return;
	for (size_t i = 0; i < s->min.n; i++)
		if (s->min.p[i] != 0)
			zero = false;
	if (!zero)
		pc_fail(r, "a %s subtree has a non-zero minimum", s->excluded ? "excluded" : "permitted");
}

/* A host name: labels of letters, digits and hyphens, at least two of them. */
static bool
is_fqdn(pc_span v)
{
	size_t		i = 0,
				labels = 0;
	bool		alpha_tld = false;

	if (v.n > 0 && v.p[0] == '.')
		i = 1;
	while (i < v.n)
	{
		size_t		start = i;

		alpha_tld = false;
		while (i < v.n && v.p[i] != '.')
		{
			uint8_t		ch = v.p[i];

			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				  (ch >= '0' && ch <= '9') || ch == '-'))
				return false;
			if (!(ch >= '0' && ch <= '9'))
				alpha_tld = true;
			i++;
		}
		if (i == start || i - start > 63 || v.p[start] == '-' || v.p[i - 1] == '-')
			return false;
		labels++;
		if (i < v.n)
		{
			i++;
			if (i == v.n)
				return false;	/* trailing dot */
		}
	}
	return labels >= 2 && alpha_tld;
}

static void
subtree_uri_fqdn(pc_report *r, const subtree *s)
{
	if (s->base.id == (0x80 | PC_GN_URI) && !is_fqdn(s->base.v))
		pc_fail(r, "URI constraint \"" PC_SPAN_FMT "\" is not a host name",
				PC_SPAN_ARG(s->base.v));
}

#define SUBTREE_TYPE(fn, type, label) \
	static void fn(pc_report *r, const subtree *s) \
	{ \
		if ((s->base.id & 0xc0) == 0x80 && s->base.tagnum == (type)) \
			pc_fail(r, "nameConstraints constrains " label); \
	}

SUBTREE_TYPE(subtree_x400, PC_GN_X400, "x400Address")
SUBTREE_TYPE(subtree_edi, PC_GN_EDIPARTY, "ediPartyName")
SUBTREE_TYPE(subtree_rid, PC_GN_RID, "registeredID")

#define SUBTREE_CHECK(fn, cb) \
	static void fn(const pc_cert *c, pc_report *r) { (void) each_subtree(c, r, cb); }

SUBTREE_CHECK(check_nc_maximum, subtree_max)
SUBTREE_CHECK(check_nc_minimum, subtree_min)
SUBTREE_CHECK(check_nc_not_fqdn, subtree_uri_fqdn)
SUBTREE_CHECK(check_nc_x400, subtree_x400)
SUBTREE_CHECK(check_nc_edi, subtree_edi)
SUBTREE_CHECK(check_nc_rid, subtree_rid)

/* ---------------------------------------------------------------- CRLDP and AIA */

/*
 * DistributionPoint ::= SEQUENCE { distributionPoint [0], reasons [1],
 * cRLIssuer [2] }.  'dp' receives the [0] content when present.
 */
typedef struct dist_point
{
	bool		has_name;
	bool		has_reasons;
	bool		has_issuer;
	pc_span		name;
} dist_point;

static bool
read_dp(pc_der *d, dist_point *dp)
{
	pc_tlv		seq,
				t;
	pc_der		sd;

	memset(dp, 0, sizeof(*dp));
	if (!pc_der_expect(d, PC_T_SEQUENCE, &seq, NULL, ""))
		return false;
	pc_der_init(&sd, seq.v, seq.v.p, NULL);
	while (pc_der_more(&sd))
	{
		if (!pc_der_next(&sd, &t, NULL))
			return false;
		if (t.id == PC_CTXC(0))
		{
			dp->has_name = true;
			dp->name = t.v;
		}
		else if (t.id == PC_CTX(1))
			dp->has_reasons = true;
		else if (t.id == PC_CTXC(2))
			dp->has_issuer = true;
	}
	return true;
}

static void
check_dp_incomplete(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_CRLDP);
	pc_der		d;
	dist_point	dp;

	if (!x || !open_seq(x->value, &d, NULL))
		return;
	while (pc_der_more(&d) && read_dp(&d, &dp))
		if (!dp.has_name && !dp.has_issuer)
			pc_fail(r, "a DistributionPoint has neither distributionPoint nor cRLIssuer%s",
					dp.has_reasons ? " (only reasons)" : "");
}

static void
check_dp_missing_ldap_or_uri(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_CRLDP);
	pc_der		d;
	dist_point	dp;

	if (!x || !open_seq(x->value, &d, NULL))
		return;
	while (pc_der_more(&d) && read_dp(&d, &dp))
	{
		pc_der		nd;
		pc_tlv		full,
					gn;
		bool		found = false;

		if (!dp.has_name)
			continue;
		pc_der_init(&nd, dp.name, dp.name.p, NULL);
		if (pc_der_next(&nd, &full, NULL) && full.id == PC_CTXC(0))
		{
			pc_der		gd;

			pc_der_init(&gd, full.v, full.v.p, NULL);
			while (pc_der_more(&gd) && pc_der_next(&gd, &gn, NULL))
				if (gn.id == (0x80 | PC_GN_URI) && uri_http_or_ldap(gn.v))
					found = true;
		}
		if (!found)
			pc_fail(r, "a distributionPoint name has no HTTP or LDAP URI");
	}
}

static void
check_aia_access_location(const pc_cert *c, pc_report *r)
{
	pc_der		d;
	pc_tlv		ad;
	bool		ca_issuers = false,
				ok = false;

	pc_der_init(&d, c->aia, c->aia.p, NULL);
	while (pc_der_more(&d) && pc_der_expect(&d, PC_T_SEQUENCE, &ad, NULL, ""))
	{
		pc_der		ad_d;
		pc_tlv		method,
					loc;

		pc_der_init(&ad_d, ad.v, ad.v.p, NULL);
		if (!pc_der_expect(&ad_d, PC_T_OID, &method, NULL, "") ||
			!PC_OID_IS(method.v, OID_AD_CA_ISSUERS) || !pc_der_next(&ad_d, &loc, NULL))
			continue;
		ca_issuers = true;
		if (loc.id == (0x80 | PC_GN_URI) && uri_http_or_ldap(loc.v))
			ok = true;
	}
	if (ca_issuers && !ok)
		pc_fail(r, "no caIssuers accessLocation is an HTTP or LDAP URI");
}

/* ---------------------------------------------------------------- the table */

#define RFC "RFC5280"

const pc_rule pc_rules_rfc5280[] = {
	{.name = "e_basic_constraints_not_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.9", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_CA, .needs = PC_NEEDS_EXT(PC_X_BC), .check = check_basic_constraints_not_critical,
		.description = "basicConstraints must be critical in a CA certificate."},
	{.name = "e_basic_constr_invalid_der", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1 (DER); X.690 11.1, 11.5", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_basic_constr_invalid_der,
		.description = "basicConstraints must be DER: cA FALSE is the DEFAULT and must be omitted, and TRUE must be 0xFF."},
	{.name = "e_ca_subject_field_empty", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.6", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_CA, .check = check_ca_subject_empty,
		.description = "A CA certificate's subject must be a non-empty distinguished name."},
	{.name = "e_cert_contains_unique_identifier", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.8", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_contains_unique_identifier,
		.description = "CAs conforming to RFC 5280 must not generate certificates with issuerUniqueID or subjectUniqueID."},
	{.name = "e_cert_ext_invalid_der", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1, 4.2; X.690 11.1, 11.5", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_ext_invalid_der,
		.description = "An extension's critical flag must be DER: omitted when FALSE (the DEFAULT), 0xFF when TRUE."},
	{.name = "e_cert_extensions_version_not_3", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.1, 4.1.2.9", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_extensions_version_not_3,
		.description = "Extensions may appear only in version 3 certificates."},
	{.name = "e_cert_sig_alg_not_match_tbs_sig_alg", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.1.2", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_NEEDS_SIGNATURE, .check = check_sig_alg_mismatch,
		.description = "The outer signatureAlgorithm must be identical (byte for byte) to tbsCertificate.signature."},
	{.name = "e_cert_unique_identifier_version_not_2_or_3", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.8", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_unique_identifier_version,
		.description = "issuerUniqueID and subjectUniqueID may appear only in version 2 or 3 certificates."},
	{.name = "e_distribution_point_incomplete", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.13", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_dp_incomplete,
		.description = "A DistributionPoint must contain distributionPoint or cRLIssuer; reasons alone is not allowed."},
	{.name = "e_ext_aia_marked_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.2.1", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_AIA), .check = check_aia_critical,
		.description = "authorityInformationAccess must not be critical."},
	{.name = "e_ext_authority_key_identifier_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.1", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_AKI), .check = check_aki_critical,
		.description = "authorityKeyIdentifier must not be critical."},
	{.name = "e_ext_authority_key_identifier_no_key_identifier", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.1", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_aki_no_key_identifier,
		.description = "Every certificate must carry authorityKeyIdentifier with keyIdentifier, except a CA's self-signed certificate (profcheck cannot verify signatures, so a self-issued CA certificate stands in for self-signed)."},
	{.name = "e_ext_cannot_be_empty_sequence", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2 (SEQUENCE SIZE (1..MAX))", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_empty_sequence,
		.description = "Extensions defined as SEQUENCE SIZE (1..MAX) OF (AIA, SIA, certificatePolicies, policyMappings, SAN, IAN, subjectDirectoryAttributes, extKeyUsage, CRLDP, freshestCRL) must not be empty."},
	{.name = "e_ext_cert_policy_disallowed_any_policy_qualifier", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.4", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_any_policy_qualifier,
		.description = "Qualifiers of anyPolicy are limited to CPS pointer and user notice."},
	{.name = "e_ext_cert_policy_duplicate", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.4", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_policy_duplicate,
		.description = "A policy OID must not appear more than once in certificatePolicies."},
	{.name = "e_ext_cert_policy_explicit_text_ia5_string", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 6818: 3 (updating RFC 5280 4.2.1.4)", .from = PC_DATE(2013, 1, 1),
		.scope = SCOPE_ANY, .check = check_explicit_text_ia5,
		.description = "userNotice explicitText must not be an IA5String."},
	{.name = "e_ext_cert_policy_explicit_text_too_long", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 6818: 3 (updating RFC 5280 4.2.1.4)", .from = PC_DATE(2013, 1, 1),
		.scope = SCOPE_ANY, .check = check_explicit_text_too_long,
		.description = "userNotice explicitText must not exceed 200 characters."},
	{.name = "e_ext_duplicate_extension", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_duplicate_extension,
		.description = "A certificate must not include more than one instance of an extension."},
	{.name = "e_ext_freshest_crl_marked_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.15", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_FRESHEST), .check = check_freshest_critical,
		.description = "freshestCRL must not be critical."},
	{.name = "e_ext_key_usage_cert_sign_without_ca", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.3, 4.2.1.9", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_ku_cert_sign_without_ca,
		.description = "keyCertSign may be asserted only when basicConstraints asserts cA TRUE."},
	{.name = "e_ext_key_usage_without_bits", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.3", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_ku_without_bits,
		.description = "A keyUsage extension must assert at least one bit."},
	{.name = "e_ext_name_constraints_not_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_not_critical,
		.description = "nameConstraints must be critical (RFC 5280; the BRs relax this, which this rule does not consider)."},
	{.name = "e_ext_name_constraints_not_in_ca", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_not_in_ca,
		.description = "nameConstraints may appear only in CA certificates."},
	{.name = "e_ext_policy_constraints_empty", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.11", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_PCONS), .check = check_pcons_empty,
		.description = "policyConstraints must not be an empty sequence."},
	{.name = "e_ext_policy_constraints_not_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.11", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_PCONS), .check = check_pcons_not_critical,
		.description = "policyConstraints must be critical."},
	{.name = "e_ext_policy_map_any_policy", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.5", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_PM), .check = check_pm_any_policy,
		.description = "Policies must not be mapped to or from anyPolicy."},
	{.name = "e_ext_subject_directory_attr_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.8", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_SDA), .check = check_sda_critical,
		.description = "subjectDirectoryAttributes must not be critical."},
	{.name = "e_ext_subject_key_identifier_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_SKI), .check = check_ski_critical,
		.description = "subjectKeyIdentifier must not be critical."},
	{.name = "e_ext_subject_key_identifier_missing_ca", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2, 4.2.1.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_CA, .check = check_ski_missing_ca,
		.description = "A CA certificate must carry subjectKeyIdentifier."},
	{.name = "e_generalized_time_does_not_include_seconds", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_gen_no_seconds,
		.description = "A validity GeneralizedTime must include seconds (YYYYMMDDHHMMSSZ)."},
	{.name = "e_generalized_time_includes_fraction_seconds", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_gen_fraction,
		.description = "A validity GeneralizedTime must not include fractional seconds."},
	{.name = "e_generalized_time_not_in_zulu", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_gen_not_zulu,
		.description = "A validity GeneralizedTime must be expressed in Zulu (end in Z)."},
	{.name = "e_incorrect_ku_encoding", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1 (DER); X.690 11.2.2", .scope = SCOPE_ANY,
		.check = check_incorrect_ku_encoding,
		.description = "keyUsage BIT STRING must declare as unused exactly the trailing zero bits of its last octet."},
	{.name = "e_inhibit_any_policy_not_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.14", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_IAP), .check = check_iap_not_critical,
		.description = "inhibitAnyPolicy must be critical."},
	{.name = "e_key_usage_and_extended_key_usage_inconsistent", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.12", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_SUB, .check = check_ku_eku_inconsistent,
		.description = "An end-entity keyUsage must be consistent with its extKeyUsage purposes as listed in 4.2.1.12 (serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning): with one purpose, one of its combinations (keyEncipherment xor keyAgreement); with several, each bit suiting one of them.  Other purposes are not judged."},
	{.name = "e_key_usage_incorrect_length", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.3", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_ku_incorrect_length,
		.description = "keyUsage defines nine bits; its BIT STRING must not be longer than two octets of bits."},
	{.name = "e_name_constraint_empty", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_empty,
		.description = "nameConstraints must contain at least one permitted or excluded subtree."},
	{.name = "e_name_constraint_maximum_not_absent", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_maximum,
		.description = "GeneralSubtree maximum must be absent."},
	{.name = "e_name_constraint_minimum_non_zero", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_minimum,
		.description = "GeneralSubtree minimum must be zero."},
	{.name = "e_name_constraint_not_fqdn", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_not_fqdn,
		.description = "A URI name constraint must be a fully qualified host name, optionally with a leading period, not a URI."},
	{.name = "e_path_len_constraint_improperly_included", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.9", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_pathlen_improperly_included,
		.description = "pathLenConstraint may be present only when cA is TRUE and keyUsage asserts keyCertSign."},
	{.name = "e_path_len_constraint_zero_or_less", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.1.9", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_pathlen_negative,
		.description = "pathLenConstraint must be greater than or equal to zero (despite ZLint's name, zero is allowed)."},
	{.name = "e_serial_number_longer_than_20_octets", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.2", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_serial_longer_than_20,
		.description = "serialNumber must not be longer than 20 octets (counting the DER content octets, including a leading zero)."},
	{.name = "e_serial_number_not_positive", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.2", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_serial_not_positive,
		.description = "serialNumber must be a positive integer."},
	{.name = "e_spki_rsa_encryption_parameter_not_null", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 4055: 1.2; RFC 3279: 2.3.1", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_spki_rsa_params_not_null,
		.description = "An rsaEncryption subjectPublicKeyInfo must carry explicit NULL parameters."},
	{.name = "e_superfluous_ku_encoding", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1 (DER); X.690 11.2.2", .scope = SCOPE_ANY,
		.check = check_superfluous_ku,
		.description = "keyUsage BIT STRING must not end with zero octets (DER removes trailing zero bits)."},
	{.name = "e_tbs_signature_rsa_encryption_parameter_not_null", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 4055: 5", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_tbs_sig_rsa_params_not_null,
		.description = "An RSA PKCS#1 v1.5 signature AlgorithmIdentifier in tbsCertificate must carry explicit NULL parameters."},
	{.name = "e_utc_time_does_not_include_seconds", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5.1", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_utc_no_seconds,
		.description = "A validity UTCTime must include seconds (YYMMDDHHMMSSZ)."},
	{.name = "e_utc_time_not_in_zulu", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5.1", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_utc_not_zulu,
		.description = "A validity UTCTime must be expressed in Zulu (end in Z)."},
	{.name = "e_wrong_time_format_pre2050", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.1.2.5", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .check = check_wrong_time_format_pre2050,
		.description = "Validity dates before 2050 must be encoded as UTCTime."},
	{.name = "w_distribution_point_missing_ldap_or_uri", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.13", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_dp_missing_ldap_or_uri,
		.description = "A DistributionPoint's name should include at least one HTTP or LDAP URI (judged per distribution point that has a name)."},
	{.name = "w_eku_critical_improperly", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.12", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .check = check_eku_critical_improperly,
		.description = "extKeyUsage containing anyExtendedKeyUsage should not be critical."},
	{.name = "w_ext_aia_access_location_missing", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.2.1", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_aia_access_location,
		.description = "When caIssuers is used, at least one accessLocation should be an HTTP or LDAP URI."},
	{.name = "w_ext_cert_policy_contains_noticeref", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.4", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_noticeref,
		.description = "userNotice should not use noticeRef."},
	{.name = "w_ext_cert_policy_explicit_text_includes_control", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 6818: 3", .from = PC_DATE(2013, 1, 1),
		.scope = SCOPE_ANY, .check = check_explicit_text_control,
		.description = "userNotice explicitText should not contain control characters (C0, DEL, C1)."},
	{.name = "w_ext_cert_policy_explicit_text_not_nfc", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 6818: 3", .from = PC_DATE(2013, 1, 1),
		.scope = SCOPE_ANY, .check = check_explicit_text_not_nfc,
		.description = "UTF8String/BMPString explicitText should be in Unicode NFC.  Approximate check without Unicode tables: finds Latin letters followed by a combining accent that composes into Latin-1/Latin Extended-A, Hangul L+V jamo, NFC singletons (Kelvin, Angstrom, Ohm, Greek marks) and text that is not well-formed UTF-8/UCS-2; other non-NFC text is not detected."},
	{.name = "w_ext_cert_policy_explicit_text_not_utf8", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 6818: 3", .from = PC_DATE(2013, 1, 1),
		.scope = SCOPE_ANY, .check = check_explicit_text_not_utf8,
		.description = "userNotice explicitText should be a UTF8String."},
	{.name = "w_ext_crl_distribution_marked_critical", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.13", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_CRLDP), .check = check_crldp_critical,
		.description = "cRLDistributionPoints should not be critical."},
	{.name = "w_ext_key_usage_not_critical", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.3", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_KU), .check = check_ku_not_critical,
		.description = "keyUsage should be critical."},
	{.name = "w_ext_policy_map_not_critical", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.5", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_PM), .check = check_pm_not_critical,
		.description = "policyMappings should be critical."},
	{.name = "w_ext_policy_map_not_in_cert_policy", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.5", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_PM), .check = check_pm_not_in_cp,
		.description = "Each issuerDomainPolicy in policyMappings should also be asserted in certificatePolicies."},
	{.name = "w_ext_subject_key_identifier_missing_sub_cert", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2, 4.2.1.2", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_SUB, .check = check_ski_missing_sub,
		.description = "An end-entity certificate should carry subjectKeyIdentifier."},
	{.name = "w_name_constraint_on_edi_party_name", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_edi,
		.description = "nameConstraints should not constrain ediPartyName (the RFC defines no semantics for it)."},
	{.name = "w_name_constraint_on_registered_id", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_rid,
		.description = "nameConstraints should not constrain registeredID (the RFC defines no semantics for it)."},
	{.name = "w_name_constraint_on_x400", .severity = PC_WARN, .source = RFC,
		.citation = "RFC 5280: 4.2.1.10", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_x400,
		.description = "nameConstraints should not constrain x400Address (the RFC defines no semantics for it)."},
	{.name = "e_subject_info_access_marked_critical", .severity = PC_ERROR, .source = RFC,
		.citation = "RFC 5280: 4.2.2.2", .from = PC_DATE(2002, 4, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_SIA), .check = check_sia_critical,
		.description = "subjectInfoAccess must not be critical."},
};

PC_RULE_TABLE_END(rfc5280);
