/*
 * chain.c
 *		What needs two certificates: signature verification under the
 *		issuer's key, and precertificate/certificate correspondence.
 */
#include "pc.h"
#include "oids.h"

#include <stdio.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

/* The digest a signature algorithm OID names; NULL for EdDSA, 'ok' false when unknown. */
static const EVP_MD *
sig_digest(pc_span oid, bool *ok)
{
	*ok = true;
	if (PC_OID_IS(oid, OID_ALG_SHA256_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA256))
		return EVP_sha256();
	if (PC_OID_IS(oid, OID_ALG_SHA384_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA384))
		return EVP_sha384();
	if (PC_OID_IS(oid, OID_ALG_SHA512_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA512))
		return EVP_sha512();
	if (PC_OID_IS(oid, OID_ALG_SHA1_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA1))
		return EVP_sha1();
	if (PC_OID_IS(oid, OID_ALG_SHA224_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA224))
		return EVP_sha224();
	if (PC_OID_IS(oid, OID_ALG_ED25519) || PC_OID_IS(oid, OID_ALG_ED448))
		return NULL;
	*ok = false;
	return NULL;
}

/* RSASSA-PSS parameters: the hash named by the [0] hashAlgorithm field. */
static const EVP_MD *
pss_digest(pc_span alg, int *saltlen)
{
	pc_der		d,
				p;
	pc_tlv		seq,
				oid,
				params,
				t;

	*saltlen = 20;
	pc_der_init(&d, alg, alg.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, ""))
		return NULL;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	if (!pc_der_expect(&d, PC_T_OID, &oid, NULL, "") ||
		!pc_der_expect(&d, PC_T_SEQUENCE, &params, NULL, ""))
		return NULL;
	pc_der_init(&p, params.v, params.v.p, NULL);
	{
		const EVP_MD *md = EVP_sha1();

		while (pc_der_more(&p) && pc_der_next(&p, &t, NULL))
		{
			pc_der		in;
			pc_tlv		h,
						ho;

			pc_der_init(&in, t.v, t.v.p, NULL);
			if (t.id == PC_CTXC(0) && pc_der_expect(&in, PC_T_SEQUENCE, &h, NULL, ""))
			{
				pc_der_init(&in, h.v, h.v.p, NULL);
				if (pc_der_expect(&in, PC_T_OID, &ho, NULL, ""))
					md = PC_OID_IS(ho.v, OID_HASH_SHA256) ? EVP_sha256() :
						PC_OID_IS(ho.v, OID_HASH_SHA384) ? EVP_sha384() :
						PC_OID_IS(ho.v, OID_HASH_SHA512) ? EVP_sha512() : NULL;
			}
			else if (t.id == PC_CTXC(2) && pc_der_expect(&in, PC_T_INTEGER, &h, NULL, "") &&
					 h.v.n == 1)
				*saltlen = h.v.p[0];
		}
		return md;
	}
}

int
pc_verify_signature(const pc_cert *c, const pc_cert *issuer, char *why, size_t whysize)
{
	const unsigned char *kp = issuer->spki.all.p;
	EVP_PKEY   *key;
	EVP_MD_CTX *ctx;
	EVP_PKEY_CTX *pctx = NULL;
	const EVP_MD *md;
	bool		known;
	bool		pss = PC_OID_IS(c->sig_oid, OID_ALG_RSA_PSS);
	int			saltlen = 0;
	int			rc;

	if (c->is_tbs)
	{
		snprintf(why, whysize, "a bare TBSCertificate has no signature");
		return -1;
	}
	md = pss ? pss_digest(c->sig_alg, &saltlen) : sig_digest(c->sig_oid, &known);
	if ((pss && md == NULL) || (!pss && !known))
	{
		snprintf(why, whysize, "signature algorithm not supported for verification");
		return -1;
	}
	key = d2i_PUBKEY(NULL, &kp, (long) issuer->spki.all.n);
	if (key == NULL)
	{
		snprintf(why, whysize, "the issuer's public key cannot be loaded");
		return -1;
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestVerifyInit(ctx, &pctx, md, NULL, key) != 1 ||
		(pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
				 EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltlen) != 1)))
	{
		snprintf(why, whysize, "the issuer's key does not fit the signature algorithm");
		rc = -1;
	}
	else
	{
		rc = EVP_DigestVerify(ctx, c->sig_value.p, c->sig_value.n, c->tbs.p, c->tbs.n) == 1;
		snprintf(why, whysize, rc ? "signature verifies" : "signature does not verify with the issuer's key");
	}
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	return rc;
}

/* ---------------------------------------------------------------- precertificates */

static bool
ct_extension(const pc_ext *x)
{
	return x->xid == PC_X_POISON || x->xid == PC_X_SCT;
}

static void
diff_span(const char *field, pc_span a, pc_span b, int *n, pc_diff_fn report, void *arg)
{
	char		detail[128];

	if (pc_span_eq(a, b))
		return;
	snprintf(detail, sizeof(detail), "%zu octets in the precertificate, %zu in the certificate, differing",
			 a.n, b.n);
	report(arg, field, detail);
	(*n)++;
}

int
pc_precert_diff(const pc_cert *pre, const pc_cert *cert, pc_diff_fn report, void *arg)
{
	int			n = 0;
	int			i = 0,
				j = 0;
	char		detail[256];

	if (!(pre->kind & PC_K_PRECERT))
	{
		report(arg, "precertificate", "the first certificate has no CT poison extension");
		n++;
	}
	if (cert->kind & PC_K_PRECERT)
	{
		report(arg, "certificate", "the second certificate carries the CT poison extension");
		n++;
	}
	if (pre->version != cert->version)
	{
		snprintf(detail, sizeof(detail), "v%d versus v%d", pre->version + 1, cert->version + 1);
		report(arg, "version", detail);
		n++;
	}
	diff_span("serialNumber", pre->serial, cert->serial, &n, report, arg);
	diff_span("signature", pre->tbs_sig_alg, cert->tbs_sig_alg, &n, report, arg);
	diff_span("issuer", pre->issuer.der, cert->issuer.der, &n, report, arg);
	if (pre->not_before.t != cert->not_before.t || !pc_span_eq(pre->not_before.text, cert->not_before.text))
	{
		snprintf(detail, sizeof(detail), "notBefore \"%.*s\" versus \"%.*s\"",
				 (int) pre->not_before.text.n, (const char *) pre->not_before.text.p,
				 (int) cert->not_before.text.n, (const char *) cert->not_before.text.p);
		report(arg, "validity", detail);
		n++;
	}
	if (pre->not_after.t != cert->not_after.t || !pc_span_eq(pre->not_after.text, cert->not_after.text))
	{
		snprintf(detail, sizeof(detail), "notAfter \"%.*s\" versus \"%.*s\"",
				 (int) pre->not_after.text.n, (const char *) pre->not_after.text.p,
				 (int) cert->not_after.text.n, (const char *) cert->not_after.text.p);
		report(arg, "validity", detail);
		n++;
	}
	diff_span("subject", pre->subject.der, cert->subject.der, &n, report, arg);
	diff_span("subjectPublicKeyInfo", pre->spki.all, cert->spki.all, &n, report, arg);
	if (pre->issuer_uid != cert->issuer_uid || pre->subject_uid != cert->subject_uid)
	{
		report(arg, "uniqueIdentifiers", "present in one and not the other");
		n++;
	}

	/* Extensions: same order, criticality and value once the CT ones are set aside. */
	for (;;)
	{
		char		oid[64];

		while (i < pre->next && ct_extension(&pre->ext[i]))
			i++;
		while (j < cert->next && ct_extension(&cert->ext[j]))
			j++;
		if (i >= pre->next && j >= cert->next)
			break;
		if (i >= pre->next || j >= cert->next)
		{
			const pc_ext *x = i < pre->next ? &pre->ext[i] : &cert->ext[j];

			pc_oid_text(x->oid, oid, sizeof(oid));
			snprintf(detail, sizeof(detail), "%s only in the %s", oid,
					 i < pre->next ? "precertificate" : "certificate");
			report(arg, "extensions", detail);
			n++;
			if (i < pre->next)
				i++;
			else
				j++;
			continue;
		}
		pc_oid_text(pre->ext[i].oid, oid, sizeof(oid));
		if (!pc_span_eq(pre->ext[i].oid, cert->ext[j].oid))
		{
			char		oid2[64];

			pc_oid_text(cert->ext[j].oid, oid2, sizeof(oid2));
			snprintf(detail, sizeof(detail), "%s in the precertificate where the certificate has %s",
					 oid, oid2);
			report(arg, "extensions", detail);
			n++;
		}
		else if (!pc_span_eq(pre->ext[i].all, cert->ext[j].all))
		{
			snprintf(detail, sizeof(detail), "%s differs in %s", oid,
					 pre->ext[i].critical != cert->ext[j].critical ? "criticality" : "value");
			report(arg, "extensions", detail);
			n++;
		}
		i++;
		j++;
	}
	return n;
}
