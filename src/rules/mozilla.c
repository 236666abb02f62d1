/*
 * mozilla.c
 *		Mozilla Root Store Policy (MRSP), rules checkable on one certificate.
 *
 * Windows are ZLint's, so results compare; where the policy text dates a
 * requirement differently the description says so (requirements.md 6.1, D8, D9).
 */
#include "rules.h"

/* Exact AlgorithmIdentifier encodings listed in MRSP 5.1.1 and 5.1.2. */
#define SPKI_P256 "\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07"
#define SPKI_P384 "\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81\x04\x00\x22"
#define SPKI_P521 "\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81\x04\x00\x23"
#define SIG_ECDSA256 "\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"
#define SIG_ECDSA384 "\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x03"
#define SIG_ECDSA512 "\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x04"
#define SIG_PSS256 "\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\xa2\x03\x02\x01\x20"
#define SIG_PSS384 "\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02\x05\x00\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02\x05\x00\xa2\x03\x02\x01\x30"
#define SIG_PSS512 "\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x03\x05\x00\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x03\x05\x00\xa2\x03\x02\x01\x40"

/* Prefix of the ecdsa-with-* signature OIDs, 1.2.840.10045.4. */
#define OID_ECDSA_SIG_ARC "\x2a\x86\x48\xce\x3d\x04"

#define MZ "Mozilla"

static bool
is_rsa(const pc_cert *c)
{
	return c->spki.type == PC_KEY_RSA && c->spki.rsa_n.n > 0 && c->spki.rsa_e.n > 0;
}

static void
check_exponent_one(const pc_cert *c, pc_report *r)
{
	if (is_rsa(c) && c->spki.rsa_e_small == 1)
		pc_fail(r, "RSA public exponent is 1");
}

static void
check_modulus_2048(const pc_cert *c, pc_report *r)
{
	if (is_rsa(c) && c->spki.bits < 2048)
		pc_fail(r, "RSA modulus is %u bits", c->spki.bits);
}

static void
check_modulus_div8(const pc_cert *c, pc_report *r)
{
	if (is_rsa(c) && c->spki.bits % 8 != 0)
		pc_fail(r, "RSA modulus is %u bits, not a multiple of 8", c->spki.bits);
}

static void
check_pss_in_spki(const pc_cert *c, pc_report *r)
{
	if (PC_OID_IS(c->spki.alg_oid, OID_ALG_RSA_PSS))
		pc_fail(r, "subjectPublicKeyInfo uses id-RSASSA-PSS");
}

static void
check_pss_sig_encoding(const pc_cert *c, pc_report *r)
{
	pc_span		a = c->tbs_sig_alg;
	char		hex[80];

	if (!PC_OID_IS(c->tbs_sig_oid, OID_ALG_RSA_PSS))
		return;
	if (PC_OID_IS(a, SIG_PSS256) || PC_OID_IS(a, SIG_PSS384) || PC_OID_IS(a, SIG_PSS512))
		return;
	pc_hex(a, hex, sizeof(hex));
	pc_fail(r, "RSASSA-PSS AlgorithmIdentifier %s is not one of the allowed encodings", hex);
}

static void
check_ecdsa_key_encoding(const pc_cert *c, pc_report *r)
{
	pc_span		a = c->spki.alg;
	char		hex[80];

	if (!PC_OID_IS(c->spki.alg_oid, OID_ALG_EC))
		return;
	if (PC_OID_IS(a, SPKI_P256) || PC_OID_IS(a, SPKI_P384) || PC_OID_IS(a, SPKI_P521))
		return;
	pc_hex(a, hex, sizeof(hex));
	pc_fail(r, "EC subjectPublicKeyInfo AlgorithmIdentifier %s is not one of the allowed encodings", hex);
}

/*
 * Any ecdsa-with-* signature must be one of the three exact encodings, and
 * its hash must match the signing key's curve.  The signing key is the
 * issuer's: known when the caller passes the issuing certificate, or when
 * the certificate is self-issued.  (ZLint compares with the certificate's
 * own key, which is not the key that signed it.)
 */
static void
check_ecdsa_sig_encoding(const pc_cert *c, pc_report *r)
{
	pc_span		o = c->tbs_sig_oid;
	pc_span		a = c->tbs_sig_alg;
	const pc_spki *signer = NULL;
	const char *want = NULL;
	char		hex[80];

	if (o.n < sizeof(OID_ECDSA_SIG_ARC) - 1 ||
		memcmp(o.p, OID_ECDSA_SIG_ARC, sizeof(OID_ECDSA_SIG_ARC) - 1) != 0)
		return;
	if (!(PC_OID_IS(a, SIG_ECDSA256) || PC_OID_IS(a, SIG_ECDSA384) || PC_OID_IS(a, SIG_ECDSA512)))
	{
		pc_hex(a, hex, sizeof(hex));
		pc_fail(r, "ECDSA signature AlgorithmIdentifier %s is not one of the allowed encodings", hex);
		return;
	}
	if (r->opt && r->opt->issuer)
		signer = &r->opt->issuer->spki;
	else if (pc_span_eq(c->issuer.der, c->subject.der))
		signer = &c->spki;
	if (signer == NULL || signer->type != PC_KEY_EC)
		return;
	if (signer->curve == PC_CURVE_P256 && !PC_OID_IS(a, SIG_ECDSA256))
		want = "ecdsa-with-SHA256 for a P-256 signing key";
	else if (signer->curve == PC_CURVE_P384 && !PC_OID_IS(a, SIG_ECDSA384))
		want = "ecdsa-with-SHA384 for a P-384 signing key";
	else if (signer->curve == PC_CURVE_P521 && !PC_OID_IS(a, SIG_ECDSA512))
		want = "ecdsa-with-SHA512 for a P-521 signing key";
	if (want)
		pc_fail(r, "signature algorithm must be %s", want);
}

static void
check_dsa(const pc_cert *c, pc_report *r)
{
	if (c->spki.type == PC_KEY_DSA)
		pc_fail(r, "DSA public key");
}

/* MRSP 5.2 names "authority key IDs that include both the key ID and the issuer's issuer name and serial number". */
static void
check_aki(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_AKI) && c->aki_has_keyid && (c->aki_has_issuer || c->aki_has_serial))
		pc_fail(r, "authorityKeyIdentifier has keyIdentifier together with authorityCertIssuer/authorityCertSerialNumber");
}

/* MRSP 5.3: intermediates carry an EKU, without anyEKU, not serverAuth with emailProtection. */
static void
check_allowed_eku(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_EKU])
	{
		pc_fail(r, "intermediate certificate has no extKeyUsage");
		return;
	}
	if (c->eku_mask & PC_EKU_ANY)
		pc_fail(r, "extKeyUsage contains anyExtendedKeyUsage");
	if ((c->eku_mask & PC_EKU_SERVER_AUTH) && (c->eku_mask & PC_EKU_EMAIL))
		pc_fail(r, "extKeyUsage contains both serverAuth and emailProtection");
}

const pc_rule pc_rules_mozilla[] = {
	{.name = "e_mp_exponent_cannot_be_one", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.2", .from = PC_DATE(2017, 2, 28), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA, .check = check_exponent_one,
		.description = "Mozilla: an RSA public exponent of 1 is an invalid public key."},
	{.name = "e_mp_modulus_must_be_2048_bits_or_more", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1", .from = PC_DATE(2017, 2, 28), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA, .check = check_modulus_2048,
		.description = "Mozilla: RSA modulus must be at least 2048 bits."},
	{.name = "e_mp_modulus_must_be_divisible_by_8", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1", .from = PC_DATE(2017, 2, 28), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA, .check = check_modulus_div8,
		.description = "Mozilla: RSA modulus size in bits must be divisible by 8."},
	{.name = "e_mp_rsassa-pss_in_spki", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1.1", .from = PC_DATE(2020, 1, 1), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA_PSS, .check = check_pss_in_spki,
		.description = "Mozilla: id-RSASSA-PSS must not be used as the subjectPublicKeyInfo algorithm."},
	{.name = "e_mp_rsassa-pss_parameters_encoding_in_signature_algorithm_correct", .severity = PC_ERROR,
		.source = MZ, .citation = "MRSP 5.1.1", .from = PC_DATE(2020, 1, 1), .scope = SCOPE_ANY,
		.check = check_pss_sig_encoding,
		.description = "Mozilla: an RSASSA-PSS signature AlgorithmIdentifier must be byte-for-byte one of the SHA-256/384/512 encodings the policy lists."},
	{.name = "e_mp_ecdsa_pub_key_encoding_correct", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1.2", .from = PC_DATE(2025, 3, 15), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EC, .check = check_ecdsa_key_encoding,
		.description = "Mozilla: an EC subjectPublicKeyInfo AlgorithmIdentifier must be byte-for-byte the P-256, P-384 or P-521 encoding. ZLint's window starts at MRSP 3.0 (2025-03-15), though the P-256/P-384 encodings were required from MRSP 2.7 (2020-01-01) (requirements.md D9)."},
	{.name = "e_mp_ecdsa_signature_encoding_correct", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1.2", .from = PC_DATE(2025, 3, 15), .scope = SCOPE_ANY,
		.check = check_ecdsa_sig_encoding,
		.description = "Mozilla: an ECDSA signature AlgorithmIdentifier must be byte-for-byte ecdsa-with-SHA256, -SHA384 or -SHA512 without parameters, with the hash matching the signing (issuer's) key curve when that key is known. ZLint's window (MRSP 3.0), see requirements.md D9."},
	{.name = "e_prohibit_dsa_usage", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.1", .from = PC_DATE(2017, 3, 31), .scope = SCOPE_ANY,
		.needs = PC_NEEDS_DSA, .check = check_dsa,
		.description = "Mozilla: DSA keys are not allowed."},
	{.name = "e_mp_authority_key_identifier_correct", .severity = PC_ERROR, .source = MZ,
		.citation = "MRSP 5.2", .from = PC_DATE(2013, 7, 26), .scope = SCOPE_ANY,
		.check = check_aki,
		.description = "Mozilla: authorityKeyIdentifier must not combine keyIdentifier with the issuer's name and serial number."},
	{.name = "n_mp_allowed_eku", .severity = PC_NOTICE, .source = MZ,
		.citation = "MRSP 5.3", .from = PC_DATE(2019, 1, 1), .scope = SCOPE_SUBCA,
		.check = check_allowed_eku,
		.description = "Mozilla: an intermediate certificate must have an extKeyUsage without anyExtendedKeyUsage and not combining serverAuth with emailProtection (a notice: cross-certificates sharing a root's key are exempt and not told apart)."},
};

PC_RULE_TABLE_END(mozilla);
