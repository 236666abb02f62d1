/*
 * cert.c
 *		Decode a Certificate (or a bare TBSCertificate) into a pc_cert.
 *
 * One pass over the input.  Structural failures of the certificate itself
 * are fatal and say where; the contents of an extension that does not decode
 * mark only that extension as bad, so the rules about it can still run and
 * the rest of the certificate is still judged.
 */
#include "pc.h"
#include "oids.h"

#include <stdarg.h>
#include <stdio.h>

static bool fail_at(pc_error *err, size_t offset, const char *fmt,...)
			pg_attribute_printf(3, 4);

static bool
fail_at(pc_error *err, size_t offset, const char *fmt,...)
{
	va_list		ap;

	if (err)
	{
		err->offset = offset;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Prefix an error from a sub-reader with the structure being read. */
static bool
in(pc_error *err, const char *what)
{
	if (err)
	{
		char		inner[sizeof(err->msg)];

		snprintf(inner, sizeof(inner), "%s", err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s: %s", what, inner);
	}
	return false;
}

/* Read a BOOLEAN's value, noting non-DER encodings. */
static bool
read_bool(const pc_tlv *t, bool *val, bool *not_der)
{
	if (t->v.n != 1)
		return false;
	*val = t->v.p[0] != 0;
	if (t->v.p[0] != 0 && t->v.p[0] != 0xff)
		*not_der = true;
	return true;
}

static bool
int_minimal(pc_span v)
{
	if (v.n < 2)
		return v.n == 1;
	if (v.p[0] == 0x00 && !(v.p[1] & 0x80))
		return false;
	if (v.p[0] == 0xff && (v.p[1] & 0x80))
		return false;
	return true;
}

/*
 * Read an OBJECT IDENTIFIER that the certificate's structure depends on.
 * X.690 8.19 requires at least one subidentifier, each minimally encoded;
 * an identifier that breaks this names nothing (pc_oid_text cannot show
 * it), and OpenSSL and Go refuse such a certificate, so it is fatal here.
 */
static bool
expect_oid(pc_der *d, pc_tlv *t, pc_error *err, const char *what)
{
	if (!pc_der_expect(d, PC_T_OID, t, err, what))
		return false;
	if (!pc_oid_valid(t->v))
		return fail_at(err, pc_offset(d, t->all.p),
					   "%s: malformed OBJECT IDENTIFIER (empty, or a subidentifier not minimally encoded)",
					   what);
	return true;
}

/* ---------------------------------------------------------------- names */

static bool
decode_name(pc_der *outer, pc_name *name, pc_error *err, const char *what)
{
	pc_tlv		seq;
	pc_der		rdns;

	if (!pc_der_expect(outer, PC_T_SEQUENCE, &seq, err, what))
		return false;
	name->der = seq.all;
	name->nattr = 0;
	name->nrdn = 0;
	name->multi_valued = false;
	name->empty_rdn = false;

	pc_der_init(&rdns, seq.v, outer->base, outer->flags);
	while (pc_der_more(&rdns))
	{
		pc_tlv		set;
		pc_der		atvs;
		int			inset = 0;

		if (!pc_der_expect(&rdns, PC_T_SET, &set, err, "RelativeDistinguishedName"))
			return in(err, what);
		pc_der_init(&atvs, set.v, outer->base, outer->flags);
		while (pc_der_more(&atvs))
		{
			pc_tlv		atv,
						type,
						value;
			pc_der		inner;
			pc_attr    *a;

			if (!pc_der_expect(&atvs, PC_T_SEQUENCE, &atv, err, "AttributeTypeAndValue"))
				return in(err, what);
			pc_der_init(&inner, atv.v, outer->base, outer->flags);
			if (!expect_oid(&inner, &type, err, "attribute type") ||
				!pc_der_next(&inner, &value, err))
				return in(err, what);
			if (pc_der_more(&inner))
				return fail_at(err, pc_offset(&inner, inner.p),
							   "%s: unexpected data after attribute value", what);
			if (name->nattr == PC_MAX_ATTRS)
				return fail_at(err, pc_offset(&atvs, atv.all.p),
							   "%s: more than %d attributes (profcheck's limit)",
							   what, PC_MAX_ATTRS);
			a = &name->attr[name->nattr++];
			a->oid = type.v;
			a->vtag = value.id;
			a->value = value.v;
			a->vall = value.all;
			a->all = atv.all;
			a->rdn = name->nrdn;
			inset++;
		}
		/*
		 * pc_attr.rdn is 16 bits: a longer name (possible only with empty
		 * RDNs, two octets each) would wrap it and merge distinct RDNs.
		 */
		if (name->nrdn == UINT16_MAX)
			return fail_at(err, pc_offset(&rdns, set.all.p),
						   "%s: more than %d RelativeDistinguishedNames (profcheck's limit)",
						   what, UINT16_MAX - 1);
		if (inset == 0)
			name->empty_rdn = true;
		if (inset > 1)
			name->multi_valued = true;
		name->nrdn++;
	}
	return true;
}

/* Attribute types are mostly 2.5.4.x: compare the last octet first. */
static inline bool
attr_is(const pc_attr *a, const char *oid, size_t oidlen)
{
	return a->oid.n == oidlen && oidlen > 0 && a->oid.p[oidlen - 1] == (uint8_t) oid[oidlen - 1] &&
		memcmp(a->oid.p, oid, oidlen) == 0;
}

int
pc_name_count(const pc_name *n, const char *oid, size_t oidlen)
{
	int			count = 0;

	for (int i = 0; i < n->nattr; i++)
		if (attr_is(&n->attr[i], oid, oidlen))
			count++;
	return count;
}

const pc_attr *
pc_name_find(const pc_name *n, const char *oid, size_t oidlen)
{
	for (int i = 0; i < n->nattr; i++)
		if (attr_is(&n->attr[i], oid, oidlen))
			return &n->attr[i];
	return NULL;
}

/* ---------------------------------------------------------------- GeneralNames */

/* The identifier octet each GeneralName choice must have. */
static const uint8_t gn_ids[9] = {0xa0, 0x81, 0x82, 0xa3, 0xa4, 0xa5, 0x86, 0x87, 0x88};

/*
 * Check that 'content' is a sequence of well-tagged GeneralNames; count them
 * and collect the choice types.  A dirName must hold a Name.
 */
static bool
validate_general_names(pc_span content, uint32_t *types, uint32_t *count, char *why, size_t whysize)
{
	pc_der		d;

	*types = 0;
	*count = 0;
	pc_der_init(&d, content, content.p, NULL);
	while (pc_der_more(&d))
	{
		pc_tlv		t;
		pc_error	e;

		if (!pc_der_next(&d, &t, &e))
		{
			snprintf(why, whysize, "GeneralName: %s", e.msg);
			return false;
		}
		if (t.id == 0 || (t.id & 0xc0) != 0x80 || t.tagnum > 8 || gn_ids[t.tagnum] != t.id)
		{
			snprintf(why, whysize, "GeneralName with unexpected tag 0x%02x", t.all.p[0]);
			return false;
		}
		if (t.tagnum == PC_GN_DIRNAME)
		{
			pc_der		dn;
			pc_tlv		seq;

			pc_der_init(&dn, t.v, t.v.p, NULL);
			if (!pc_der_expect(&dn, PC_T_SEQUENCE, &seq, &e, "directoryName") || pc_der_more(&dn))
			{
				snprintf(why, whysize, "directoryName is not a single Name");
				return false;
			}
		}
		if (t.tagnum == PC_GN_OTHER)
		{
			pc_der		on;
			pc_tlv		oid,
						val;

			pc_der_init(&on, t.v, t.v.p, NULL);
			if (!pc_der_expect(&on, PC_T_OID, &oid, &e, "otherName") || !pc_oid_valid(oid.v) ||
				!pc_der_expect(&on, PC_CTXC(0), &val, &e, "otherName") || pc_der_more(&on))
			{
				snprintf(why, whysize, "malformed otherName");
				return false;
			}
		}
		if (t.tagnum == PC_GN_RID && !pc_oid_valid(t.v))
		{
			snprintf(why, whysize, "registeredID is not a valid OBJECT IDENTIFIER");
			return false;
		}
		*types |= 1u << t.tagnum;
		(*count)++;
	}
	return true;
}

/* ---------------------------------------------------------------- extensions */

typedef struct ext_kind
{
	const char *oid;
	size_t		len;
	pc_xid		xid;
} ext_kind;

#define EK(lit, x) { lit, sizeof(lit) - 1, x }
static const ext_kind ext_kinds[] = {
	EK(OID_X_AKI, PC_X_AKI), EK(OID_X_SKI, PC_X_SKI), EK(OID_X_KU, PC_X_KU),
	EK(OID_X_CP, PC_X_CP), EK(OID_X_PM, PC_X_PM), EK(OID_X_SAN, PC_X_SAN),
	EK(OID_X_IAN, PC_X_IAN), EK(OID_X_SDA, PC_X_SDA), EK(OID_X_BC, PC_X_BC),
	EK(OID_X_NC, PC_X_NC), EK(OID_X_PCONS, PC_X_PCONS), EK(OID_X_EKU, PC_X_EKU),
	EK(OID_X_CRLDP, PC_X_CRLDP), EK(OID_X_IAP, PC_X_IAP), EK(OID_X_FRESHEST, PC_X_FRESHEST),
	EK(OID_X_AIA, PC_X_AIA), EK(OID_X_SIA, PC_X_SIA), EK(OID_X_QC, PC_X_QC),
	EK(OID_X_TLSF, PC_X_TLSF), EK(OID_X_NOCHECK, PC_X_NOCHECK), EK(OID_X_POISON, PC_X_POISON),
	EK(OID_X_SCT, PC_X_SCT), EK(OID_X_ORGID, PC_X_ORGID),
};

/*
 * The id-ce arc (2.5.29.x, content 55 1d x) holds most extensions of a
 * certificate: their last octet indexes this table (xid + 1; 0 unknown),
 * which must agree with ext_kinds (unit-tested).
 */
static const uint8_t id_ce_xid[64] = {
	[0x09] = PC_X_SDA + 1, [0x0e] = PC_X_SKI + 1, [0x0f] = PC_X_KU + 1,
	[0x11] = PC_X_SAN + 1, [0x12] = PC_X_IAN + 1, [0x13] = PC_X_BC + 1,
	[0x1e] = PC_X_NC + 1, [0x1f] = PC_X_CRLDP + 1, [0x20] = PC_X_CP + 1,
	[0x21] = PC_X_PM + 1, [0x23] = PC_X_AKI + 1, [0x24] = PC_X_PCONS + 1,
	[0x25] = PC_X_EKU + 1, [0x2e] = PC_X_FRESHEST + 1, [0x36] = PC_X_IAP + 1,
};

static int
ext_xid(pc_span oid)
{
	if (oid.n == 3 && oid.p[0] == 0x55 && oid.p[1] == 0x1d)
		return oid.p[2] < 64 ? id_ce_xid[oid.p[2]] - 1 : -1;
	for (size_t i = 0; i < sizeof(ext_kinds) / sizeof(ext_kinds[0]); i++)
		if (oid.n == ext_kinds[i].len && oid.n > 0 &&
			oid.p[oid.n - 1] == (uint8_t) ext_kinds[i].oid[oid.n - 1] &&
			memcmp(oid.p, ext_kinds[i].oid, oid.n) == 0)
			return ext_kinds[i].xid;
	return -1;
}

/* Mark an extension bad with a reason; always returns false. */
static bool ext_bad(pc_ext *x, const char *fmt,...) pg_attribute_printf(2, 3);

static bool
ext_bad(pc_ext *x, const char *fmt,...)
{
	va_list		ap;

	x->bad = true;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
	return false;
}

/* The extension value must be exactly one TLV with identifier 'id'. */
static bool
ext_single(pc_ext *x, uint8_t id, pc_tlv *t)
{
	pc_der		d;
	pc_error	e;

	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, id, t, &e, "extnValue"))
		return ext_bad(x, "%s", e.msg);
	if (pc_der_more(&d))
		return ext_bad(x, "trailing data after the extension value");
	return true;
}

/* Every element of a SEQUENCE OF must have identifier 'id'. */
static bool
ext_seq_of(pc_ext *x, pc_span content, uint8_t id, const char *what)
{
	pc_der		d;
	pc_tlv		t;
	pc_error	e;

	pc_der_init(&d, content, content.p, NULL);
	while (pc_der_more(&d))
		if (!pc_der_expect(&d, id, &t, &e, what))
			return ext_bad(x, "%s", e.msg);
	return true;
}

static void
dec_bc(pc_cert *c, pc_ext *x)
{
	pc_tlv		seq,
				t;
	pc_der		d;
	pc_error	e;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	if (pc_der_peek(&d) == PC_T_BOOLEAN)
	{
		/* the peek saw only the tag: the TLV itself may still be truncated */
		if (!pc_der_next(&d, &t, &e))
		{
			ext_bad(x, "cA: %s", e.msg);
			return;
		}
		if (!read_bool(&t, &c->bc_ca, &x->not_der))
		{
			ext_bad(x, "cA is not a one-octet BOOLEAN");
			return;
		}
		if (!c->bc_ca)
			x->not_der = true;	/* DEFAULT FALSE written out */
	}
	if (pc_der_peek(&d) == PC_T_INTEGER)
	{
		if (!pc_der_next(&d, &t, &e))
		{
			ext_bad(x, "pathLenConstraint: %s", e.msg);
			return;
		}
		if (t.v.n == 0 || t.v.n > 4 || (t.v.p[0] & 0x80))
		{
			ext_bad(x, "pathLenConstraint is not a small non-negative INTEGER");
			return;
		}
		if (!int_minimal(t.v))
			x->not_der = true;
		c->bc_pathlen = 0;
		for (size_t i = 0; i < t.v.n; i++)
			c->bc_pathlen = (c->bc_pathlen << 8) | t.v.p[i];
	}
	if (pc_der_more(&d))
		ext_bad(x, "unexpected field in basicConstraints");
}

static void
dec_ku(pc_cert *c, pc_ext *x)
{
	pc_tlv		t;
	unsigned	unused;

	if (!ext_single(x, PC_T_BITSTRING, &t))
		return;
	if (t.v.n == 0 || t.v.p[0] > 7 || (t.v.n == 1 && t.v.p[0] != 0))
	{
		ext_bad(x, "malformed BIT STRING");
		return;
	}
	unused = t.v.p[0];
	c->ku = 0;
	for (unsigned bit = 0; bit <= 8; bit++)
	{
		size_t		byte = 1 + bit / 8;

		if (byte < t.v.n && (t.v.p[byte] & (0x80u >> (bit % 8))))
			c->ku |= (uint16_t) (1u << bit);
	}
	if (t.v.n > 1)
	{
		uint8_t		last = t.v.p[t.v.n - 1];

		/* unused bits must be zero, and DER drops trailing zero bits */
		if (last & ((1u << unused) - 1))
			x->not_der = true;
		else if (!(last & (1u << unused)))
		{
			c->der_flags |= PC_DF_BITSTRING_PAD;
			x->not_der = true;
		}
	}
}

static void
dec_eku(pc_cert *c, pc_ext *x)
{
	pc_tlv		seq,
				t;
	pc_der		d;
	pc_error	e;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d))
	{
		if (!pc_der_expect(&d, PC_T_OID, &t, &e, "KeyPurposeId"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (!pc_oid_valid(t.v))
		{
			ext_bad(x, "KeyPurposeId is not a valid OBJECT IDENTIFIER");
			return;
		}
		if (c->neku < PC_MAX_EKUS)
			c->eku[c->neku++] = t.v;
		if (PC_OID_IS(t.v, OID_KP_SERVER_AUTH))
			c->eku_mask |= PC_EKU_SERVER_AUTH;
		else if (PC_OID_IS(t.v, OID_KP_CLIENT_AUTH))
			c->eku_mask |= PC_EKU_CLIENT_AUTH;
		else if (PC_OID_IS(t.v, OID_KP_CODE_SIGNING))
			c->eku_mask |= PC_EKU_CODE_SIGNING;
		else if (PC_OID_IS(t.v, OID_KP_EMAIL))
			c->eku_mask |= PC_EKU_EMAIL;
		else if (PC_OID_IS(t.v, OID_KP_TIME_STAMPING))
			c->eku_mask |= PC_EKU_TIME_STAMPING;
		else if (PC_OID_IS(t.v, OID_KP_OCSP_SIGNING))
			c->eku_mask |= PC_EKU_OCSP_SIGNING;
		else if (PC_OID_IS(t.v, OID_KP_ANY))
			c->eku_mask |= PC_EKU_ANY;
		else if (PC_OID_IS(t.v, OID_KP_PRECERT_SIGNING))
			c->eku_mask |= PC_EKU_PRECERT_SIGNING;
		else
			c->eku_mask |= PC_EKU_OTHER;
	}
}

static uint32_t
policy_bit(pc_span oid)
{
	static const uint8_t smime_prefix[] = OID_POL_SMIME_PREFIX;

	if (PC_OID_IS(oid, OID_POL_DV))
		return PC_POL_DV;
	if (PC_OID_IS(oid, OID_POL_OV))
		return PC_POL_OV;
	if (PC_OID_IS(oid, OID_POL_IV))
		return PC_POL_IV;
	if (PC_OID_IS(oid, OID_POL_EV))
		return PC_POL_EV;
	if (PC_OID_IS(oid, OID_POL_ANY))
		return PC_POL_ANY;
	if (PC_OID_IS(oid, OID_POL_CS) || PC_OID_IS(oid, OID_POL_CS_EV))
		return PC_POL_CODE_SIGNING;
	if (oid.n > sizeof(smime_prefix) - 1 &&
		memcmp(oid.p, smime_prefix, sizeof(smime_prefix) - 1) == 0)
		return PC_POL_SMIME;
	return PC_POL_OTHER;
}

static void
dec_cp(pc_cert *c, pc_ext *x)
{
	pc_tlv		seq,
				pi,
				t;
	pc_der		d,
				pd;
	pc_error	e;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d))
	{
		pc_policy  *p;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &pi, &e, "PolicyInformation"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		pc_der_init(&pd, pi.v, pi.v.p, NULL);
		if (!pc_der_expect(&pd, PC_T_OID, &t, &e, "policyIdentifier"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (!pc_oid_valid(t.v))
		{
			ext_bad(x, "policyIdentifier is not a valid OBJECT IDENTIFIER");
			return;
		}
		c->policy_mask |= policy_bit(t.v);
		if (c->npolicy == PC_MAX_POLICIES)
			continue;
		p = &c->policy[c->npolicy++];
		p->oid = t.v;
		p->has_qualifiers = false;
		p->qualifiers = PC_SPAN_EMPTY;
		if (pc_der_more(&pd))
		{
			if (!pc_der_expect(&pd, PC_T_SEQUENCE, &t, &e, "policyQualifiers"))
			{
				ext_bad(x, "%s", e.msg);
				return;
			}
			p->has_qualifiers = true;
			p->qualifiers = t.v;
			if (!ext_seq_of(x, t.v, PC_T_SEQUENCE, "PolicyQualifierInfo"))
				return;
		}
		if (pc_der_more(&pd))
		{
			ext_bad(x, "unexpected data in PolicyInformation");
			return;
		}
	}
}

static void
dec_names(pc_ext *x, pc_span *out, uint32_t *types, uint32_t *count)
{
	pc_tlv		seq;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	if (!validate_general_names(seq.v, types, count, x->why, sizeof(x->why)))
	{
		x->bad = true;
		*types = 0;
		*count = 0;
		return;
	}
	*out = seq.v;
}

static void
dec_aki(pc_cert *c, pc_ext *x)
{
	pc_tlv		seq,
				t;
	pc_der		d;
	pc_error	e;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d))
	{
		if (!pc_der_next(&d, &t, &e))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (t.id == PC_CTX(0) && !c->aki_has_keyid)
		{
			c->aki_has_keyid = true;
			c->aki_keyid = t.v;
		}
		else if (t.id == PC_CTXC(1) && !c->aki_has_issuer)
			c->aki_has_issuer = true;
		else if (t.id == PC_CTX(2) && !c->aki_has_serial)
			c->aki_has_serial = true;
		else
		{
			ext_bad(x, "unexpected field 0x%02x in authorityKeyIdentifier", t.all.p[0]);
			return;
		}
	}
}

static void
dec_aia(pc_span *out, pc_ext *x)
{
	pc_tlv		seq,
				ad,
				t;
	pc_der		d,
				ad_d;
	pc_error	e;

	if (!ext_single(x, PC_T_SEQUENCE, &seq))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d))
	{
		uint32_t	types,
					count;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &ad, &e, "AccessDescription"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		pc_der_init(&ad_d, ad.v, ad.v.p, NULL);
		if (!pc_der_expect(&ad_d, PC_T_OID, &t, &e, "accessMethod"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (!pc_oid_valid(t.v))
		{
			ext_bad(x, "accessMethod is not a valid OBJECT IDENTIFIER");
			return;
		}
		/* the rest is exactly one GeneralName */
		if (!validate_general_names((pc_span) {ad_d.p, (size_t) (ad_d.end - ad_d.p)},
									&types, &count, x->why, sizeof(x->why)) || count != 1)
		{
			ext_bad(x, "accessLocation is not one GeneralName");
			return;
		}
	}
	*out = seq.v;
}

static void
dec_simple(pc_ext *x, uint8_t id)
{
	pc_tlv		t;

	(void) ext_single(x, id, &t);
}

static void
dec_poison(pc_ext *x)
{
	pc_tlv		t;

	if (ext_single(x, PC_T_NULL, &t) && t.v.n != 0)
		ext_bad(x, "NULL with content");
}

static void
decode_extension(pc_cert *c, pc_ext *x)
{
	pc_tlv		t;

	switch (x->xid)
	{
		case PC_X_BC:
			dec_bc(c, x);
			break;
		case PC_X_KU:
			dec_ku(c, x);
			break;
		case PC_X_EKU:
			dec_eku(c, x);
			break;
		case PC_X_CP:
			dec_cp(c, x);
			break;
		case PC_X_SAN:
			dec_names(x, &c->san, &c->san_types, &c->nsan);
			break;
		case PC_X_IAN:
			{
				uint32_t	types,
							count;

				dec_names(x, &c->ian, &types, &count);
			}
			break;
		case PC_X_AKI:
			dec_aki(c, x);
			break;
		case PC_X_SKI:
			if (ext_single(x, PC_T_OCTETSTRING, &t))
				c->ski = t.v;
			break;
		case PC_X_AIA:
			dec_aia(&c->aia, x);
			break;
		case PC_X_SIA:
			{
				pc_span		sia;

				dec_aia(&sia, x);
			}
			break;
		case PC_X_CRLDP:
		case PC_X_FRESHEST:
			if (ext_single(x, PC_T_SEQUENCE, &t) &&
				ext_seq_of(x, t.v, PC_T_SEQUENCE, "DistributionPoint") &&
				x->xid == PC_X_CRLDP)
				c->crldp = t.v;
			break;
		case PC_X_NOCHECK:
		case PC_X_POISON:
			dec_poison(x);
			break;
		case PC_X_IAP:
			dec_simple(x, PC_T_INTEGER);
			break;
		case PC_X_SCT:
			dec_simple(x, PC_T_OCTETSTRING);
			break;
		case PC_X_PM:
		case PC_X_NC:
		case PC_X_PCONS:
		case PC_X_QC:
		case PC_X_TLSF:
		case PC_X_SDA:
		case PC_X_ORGID:
			dec_simple(x, PC_T_SEQUENCE);
			break;
		default:
			break;
	}
}

static bool
decode_extensions(pc_der *tbs, pc_cert *c, pc_error *err)
{
	pc_tlv		wrap,
				seq;
	pc_der		d;

	if (!pc_der_expect(tbs, PC_CTXC(3), &wrap, err, "extensions"))
		return false;
	pc_der_init(&d, wrap.v, tbs->base, tbs->flags);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, err, "extensions"))
		return false;
	if (pc_der_more(&d))
		return fail_at(err, pc_offset(&d, d.p), "extensions: data after the SEQUENCE");
	c->has_extensions = true;

	pc_der_init(&d, seq.v, tbs->base, tbs->flags);
	while (pc_der_more(&d))
	{
		pc_tlv		ext,
					oid,
					t;
		pc_der		ed;
		pc_ext	   *x;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &ext, err, "Extension"))
			return false;
		if (c->next == PC_MAX_EXTS)
			return fail_at(err, pc_offset(&d, ext.all.p),
						   "more than %d extensions (profcheck's limit)", PC_MAX_EXTS);
		x = &c->ext[c->next];
		memset(x, 0, sizeof(*x));
		x->all = ext.all;
		pc_der_init(&ed, ext.v, tbs->base, tbs->flags);
		if (!expect_oid(&ed, &oid, err, "extnID"))
			return false;
		x->oid = oid.v;
		if (pc_der_peek(&ed) == PC_T_BOOLEAN)
		{
			/* the peek saw only the tag: the TLV itself may still be truncated */
			if (!pc_der_next(&ed, &t, err))
				return in(err, "critical");
			if (!read_bool(&t, &x->critical, &x->not_der))
				return fail_at(err, pc_offset(&ed, t.all.p), "critical: not a one-octet BOOLEAN");
			x->critical_encoded = true;
			if (!x->critical)
				c->der_flags |= PC_DF_DEFAULT_ENCODED;
			if (x->not_der)
				c->der_flags |= PC_DF_BOOL_NOT_DER;
		}
		if (!pc_der_expect(&ed, PC_T_OCTETSTRING, &t, err, "extnValue"))
			return false;
		if (pc_der_more(&ed))
			return fail_at(err, pc_offset(&ed, ed.p), "Extension: data after extnValue");
		x->value = t.v;
		x->xid = (int16_t) ext_xid(x->oid);

		/* a known kind repeats when its slot is taken; others by OID */
		if (x->xid >= 0 && c->xi[x->xid] != 0)
			c->ext_duplicate = true;
		else if (x->xid >= 0)
		{
			c->xi[x->xid] = (uint8_t) (c->next + 1);
			decode_extension(c, x);
		}
		else
			for (int i = 0; i < c->next; i++)
				if (c->ext[i].xid < 0 && c->ext[i].oid.n == x->oid.n && x->oid.n > 0 &&
					c->ext[i].oid.p[x->oid.n - 1] == x->oid.p[x->oid.n - 1] &&
					pc_span_eq(c->ext[i].oid, x->oid))
					c->ext_duplicate = true;
		c->next++;
	}
	return true;
}

/* ---------------------------------------------------------------- keys */

static unsigned
int_bits(pc_span v)
{
	size_t		i = 0;
	unsigned	top;
	unsigned	b = 0;

	while (i < v.n && v.p[i] == 0)
		i++;
	if (i == v.n)
		return 0;
	top = v.p[i];
	while (top)
	{
		b++;
		top >>= 1;
	}
	return (unsigned) ((v.n - i - 1) * 8) + b;
}

static void
decode_rsa_key(pc_spki *k)
{
	pc_der		d,
				s;
	pc_tlv		seq,
				n,
				e;

	pc_der_init(&d, k->key, k->key.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, "") || pc_der_more(&d))
		return;
	pc_der_init(&s, seq.v, seq.v.p, NULL);
	if (!pc_der_expect(&s, PC_T_INTEGER, &n, NULL, "") ||
		!pc_der_expect(&s, PC_T_INTEGER, &e, NULL, "") || pc_der_more(&s) ||
		n.v.n == 0 || e.v.n == 0)
		return;
	k->rsa_n = n.v;
	k->rsa_e = e.v;
	k->bits = int_bits(n.v);
	k->rsa_e_small = 0;
	if (int_bits(e.v) <= 64 && !(e.v.p[0] & 0x80))
		for (size_t i = 0; i < e.v.n; i++)
			k->rsa_e_small = (k->rsa_e_small << 8) | e.v.p[i];
	k->key_ok = !(n.v.p[0] & 0x80) && !(e.v.p[0] & 0x80);
}

static void
decode_ec_key(pc_spki *k)
{
	pc_der		d;
	pc_tlv		curve;
	size_t		coord;

	pc_der_init(&d, k->params, k->params.p, NULL);
	if (!pc_der_expect(&d, PC_T_OID, &curve, NULL, "") || pc_der_more(&d))
	{
		k->curve = PC_CURVE_OTHER;
		return;
	}
	if (PC_OID_IS(curve.v, OID_CURVE_P256))
		k->curve = PC_CURVE_P256, k->bits = 256;
	else if (PC_OID_IS(curve.v, OID_CURVE_P384))
		k->curve = PC_CURVE_P384, k->bits = 384;
	else if (PC_OID_IS(curve.v, OID_CURVE_P521))
		k->curve = PC_CURVE_P521, k->bits = 521;
	else
	{
		k->curve = PC_CURVE_OTHER;
		return;
	}
	coord = (k->bits + 7) / 8;
	/* uncompressed (04 X Y) or compressed (02/03 X) point */
	k->key_ok = (k->key.n == 1 + 2 * coord && k->key.p[0] == 0x04) ||
		(k->key.n == 1 + coord && (k->key.p[0] == 0x02 || k->key.p[0] == 0x03));
}

static bool
decode_spki(pc_der *tbs, pc_spki *k, pc_error *err)
{
	pc_tlv		spki,
				alg,
				oid,
				bits;
	pc_der		d,
				ad;

	memset(k, 0, sizeof(*k));
	if (!pc_der_expect(tbs, PC_T_SEQUENCE, &spki, err, "subjectPublicKeyInfo"))
		return false;
	k->all = spki.all;
	pc_der_init(&d, spki.v, tbs->base, tbs->flags);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &alg, err, "subjectPublicKeyInfo algorithm"))
		return false;
	k->alg = alg.all;
	pc_der_init(&ad, alg.v, tbs->base, tbs->flags);
	if (!expect_oid(&ad, &oid, err, "subjectPublicKeyInfo algorithm"))
		return false;
	k->alg_oid = oid.v;
	if (pc_der_more(&ad))
	{
		pc_tlv		params;

		if (!pc_der_next(&ad, &params, err))
			return in(err, "subjectPublicKeyInfo parameters");
		k->params = params.all;
		if (pc_der_more(&ad))
			return fail_at(err, pc_offset(&ad, ad.p), "subjectPublicKeyInfo: data after parameters");
	}
	if (!pc_der_expect(&d, PC_T_BITSTRING, &bits, err, "subjectPublicKey"))
		return false;
	if (bits.v.n == 0 || bits.v.p[0] != 0)
		return fail_at(err, pc_offset(&d, bits.all.p), "subjectPublicKey: BIT STRING with unused bits");
	if (pc_der_more(&d))
		return fail_at(err, pc_offset(&d, d.p), "subjectPublicKeyInfo: data after the key");
	k->key = (pc_span) {bits.v.p + 1, bits.v.n - 1};

	if (PC_OID_IS(oid.v, OID_ALG_RSA) || PC_OID_IS(oid.v, OID_ALG_RSA_PSS))
	{
		k->type = PC_OID_IS(oid.v, OID_ALG_RSA) ? PC_KEY_RSA : PC_KEY_RSA_PSS;
		decode_rsa_key(k);
	}
	else if (PC_OID_IS(oid.v, OID_ALG_EC))
	{
		k->type = PC_KEY_EC;
		decode_ec_key(k);
	}
	else if (PC_OID_IS(oid.v, OID_ALG_ED25519))
	{
		k->type = PC_KEY_ED25519;
		k->bits = 256;
		k->key_ok = k->key.n == 32 && k->params.n == 0;
	}
	else if (PC_OID_IS(oid.v, OID_ALG_ED448))
	{
		k->type = PC_KEY_ED448;
		k->bits = 456;
		k->key_ok = k->key.n == 57 && k->params.n == 0;
	}
	else if (PC_OID_IS(oid.v, OID_ALG_DSA))
	{
		pc_der		pd;
		pc_tlv		seq,
					p;

		k->type = PC_KEY_DSA;
		pc_der_init(&pd, k->params, k->params.p, NULL);
		if (k->params.n && pc_der_expect(&pd, PC_T_SEQUENCE, &seq, NULL, ""))
		{
			pc_der_init(&pd, seq.v, seq.v.p, NULL);
			if (pc_der_expect(&pd, PC_T_INTEGER, &p, NULL, ""))
				k->bits = int_bits(p.v);
		}
		k->key_ok = true;
	}
	return true;
}

/* ---------------------------------------------------------------- TBS */

static bool
decode_alg(pc_der *d, pc_span *all, pc_span *oid, pc_error *err, const char *what)
{
	pc_tlv		alg,
				o;
	pc_der		ad;

	if (!pc_der_expect(d, PC_T_SEQUENCE, &alg, err, what))
		return false;
	pc_der_init(&ad, alg.v, d->base, d->flags);
	if (!expect_oid(&ad, &o, err, what))
		return false;

	/*
	 * AlgorithmIdentifier is { algorithm, parameters ANY OPTIONAL } with no
	 * extension marker: as for the key's algorithm, anything after one
	 * parameters TLV is not this structure.
	 */
	if (pc_der_more(&ad))
	{
		pc_tlv		params;

		if (!pc_der_next(&ad, &params, err))
			return in(err, what);
		if (pc_der_more(&ad))
			return fail_at(err, pc_offset(&ad, ad.p), "%s: data after parameters", what);
	}
	*all = alg.all;
	*oid = o.v;
	return true;
}

static bool
decode_time(pc_der *d, pc_time *out, pc_error *err, const char *what)
{
	pc_tlv		t;

	if (!pc_der_next(d, &t, err))
		return in(err, what);
	if (t.id != PC_T_UTCTIME && t.id != PC_T_GENERALIZEDTIME)
		return fail_at(err, pc_offset(d, t.all.p), "%s: expected UTCTime or GeneralizedTime, found %s",
					   what, pc_tag_name(t.id));
	if (!pc_time_parse(t.id, t.v, out))
	{
		/*
		 * Quote the text printably: the message becomes SQL text, which must
		 * not carry control octets, invalid UTF-8 or a NUL that cuts it.
		 */
		char		shown[41];
		size_t		n = t.v.n > 40 ? 40 : t.v.n;

		for (size_t i = 0; i < n; i++)
			shown[i] = (t.v.p[i] >= 0x20 && t.v.p[i] < 0x7f) ? (char) t.v.p[i] : '?';
		shown[n] = '\0';
		return fail_at(err, pc_offset(d, t.all.p), "%s: \"%s\"%s is not a valid time",
					   what, shown, t.v.n > 40 ? "..." : "");
	}
	return true;
}

static bool
decode_tbs(pc_der *outer, pc_cert *c, pc_error *err)
{
	pc_tlv		tbs,
				t;
	pc_der		d,
				vd;

	if (!pc_der_expect(outer, PC_T_SEQUENCE, &tbs, err, "tbsCertificate"))
		return false;
	c->tbs = tbs.all;
	pc_der_init(&d, tbs.v, outer->base, outer->flags);

	c->version = 0;
	if (pc_der_peek(&d) == PC_CTXC(0))
	{
		pc_tlv		v;

		/* the peek saw only the tag: the TLV itself may still be truncated */
		if (!pc_der_next(&d, &t, err))
			return in(err, "version");
		pc_der_init(&vd, t.v, outer->base, outer->flags);
		if (!pc_der_expect(&vd, PC_T_INTEGER, &v, err, "version") || pc_der_more(&vd) ||
			v.v.n != 1)
			return fail_at(err, pc_offset(&d, t.all.p), "version: not a one-octet INTEGER");
		c->version = v.v.p[0];
		c->version_encoded = true;
		if (c->version == 0)
			c->der_flags |= PC_DF_DEFAULT_ENCODED;
	}
	if (!pc_der_expect(&d, PC_T_INTEGER, &t, err, "serialNumber"))
		return false;
	if (t.v.n == 0)
		return fail_at(err, pc_offset(&d, t.all.p), "serialNumber: empty INTEGER");
	c->serial = t.v;
	if (!int_minimal(t.v))
		c->der_flags |= PC_DF_INT_NONMINIMAL;

	if (!decode_alg(&d, &c->tbs_sig_alg, &c->tbs_sig_oid, err, "signature"))
		return false;
	if (!decode_name(&d, &c->issuer, err, "issuer"))
		return false;
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &t, err, "validity"))
		return false;
	pc_der_init(&vd, t.v, outer->base, outer->flags);
	if (!decode_time(&vd, &c->not_before, err, "notBefore") ||
		!decode_time(&vd, &c->not_after, err, "notAfter"))
		return false;
	if (pc_der_more(&vd))
		return fail_at(err, pc_offset(&vd, vd.p), "validity: data after notAfter");
	if (!decode_name(&d, &c->subject, err, "subject"))
		return false;
	if (!decode_spki(&d, &c->spki, err))
		return false;

	if (pc_der_peek(&d) == PC_CTX(1) || pc_der_peek(&d) == PC_CTXC(1))
	{
		if (!pc_der_next(&d, &t, err))
			return in(err, "issuerUniqueID");
		c->issuer_uid = true;
	}
	if (pc_der_peek(&d) == PC_CTX(2) || pc_der_peek(&d) == PC_CTXC(2))
	{
		if (!pc_der_next(&d, &t, err))
			return in(err, "subjectUniqueID");
		c->subject_uid = true;
	}
	if (pc_der_more(&d) && !decode_extensions(&d, c, err))
		return false;
	if (pc_der_more(&d))
		return fail_at(err, pc_offset(&d, d.p), "tbsCertificate: unexpected %s after the last field",
					   pc_tag_name(pc_der_peek(&d)));
	return true;
}

/* ---------------------------------------------------------------- kind */

/*
 * Does the SAN hold an otherName of type id-on-SmtpUTF8Mailbox (RFC 9598)?
 * S/MIME BR 7.1.2.3 names mailboxes by rfc822Name or by this otherName.
 */
static bool
san_has_smtp_utf8_mailbox(const pc_cert *c)
{
	static const uint8_t oid[] = {0x06, sizeof(OID_ON_SMTP_UTF8) - 1};
	pc_gn_iter	it;
	pc_gn		gn;

	if (!(c->san_types & (1u << PC_GN_OTHER)))
		return false;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_OTHER && gn.v.n >= sizeof(OID_ON_SMTP_UTF8) + 1 &&
			memcmp(gn.v.p, oid, 2) == 0 &&
			memcmp(gn.v.p + 2, OID_ON_SMTP_UTF8, sizeof(OID_ON_SMTP_UTF8) - 1) == 0)
			return true;
	return false;
}

static void
classify(pc_cert *c)
{
	uint32_t	k = 0;
	bool		has_eku = pc_ext_ok(c, PC_X_EKU);

	if (pc_ext_ok(c, PC_X_BC) && c->bc_ca)
	{
		k |= PC_K_CA;
		/*
		 * Self-issued: issuer and subject the same bytes.  An empty name
		 * identifies no CA (RFC 5280 4.1.2.6), so an empty self-issued
		 * name does not make a root.
		 */
		k |= pc_span_eq(c->issuer.der, c->subject.der) && c->subject.nattr > 0 ?
			PC_K_ROOT : PC_K_SUBCA;
		if (c->eku_mask & PC_EKU_PRECERT_SIGNING)
			k |= PC_K_PRECERT_CA;
	}
	else
	{
		k |= PC_K_SUB;
		if (!has_eku || (c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_ANY)))
			k |= PC_K_TLS;
		if (has_eku && c->eku_mask == PC_EKU_OCSP_SIGNING)
			k |= PC_K_OCSP;
		if ((c->eku_mask & PC_EKU_EMAIL) &&
			((c->san_types & (1u << PC_GN_RFC822)) || (c->policy_mask & PC_POL_SMIME) ||
			 san_has_smtp_utf8_mailbox(c)))
			k |= PC_K_SMIME;
		if ((c->eku_mask & PC_EKU_CODE_SIGNING) && !(c->eku_mask & PC_EKU_SERVER_AUTH))
			k |= PC_K_CODE_SIGNING;
	}
	if (c->xi[PC_X_POISON])
		k |= PC_K_PRECERT;
	if (c->policy_mask & PC_POL_DV)
		k |= PC_K_DV;
	if (c->policy_mask & PC_POL_OV)
		k |= PC_K_OV;
	if (c->policy_mask & PC_POL_IV)
		k |= PC_K_IV;
	if (c->policy_mask & PC_POL_EV)
		k |= PC_K_EV;
	if (c->is_tbs)
		k |= PC_K_TBS;
	c->kind = k;
}

void
pc_kind_text(uint32_t kind, char *buf, size_t size)
{
	static const char *const names[] = {
		"ca", "subscriber", "root", "subordinate ca", "tls", "smime", "precertificate",
		"ocsp responder", "precertificate signing ca", "dv", "ov", "iv", "ev", "tbs",
		"code signing",
	};
	size_t		used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		int			w;

		if (!(kind & (1u << i)))
			continue;
		w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i]);

		if (w < 0 || (size_t) w >= size - used)
			break;
		used += (size_t) w;
	}
	if (used == 0)
		snprintf(buf, size, "any");
}

/* ---------------------------------------------------------------- entry */

bool
pc_decode(const uint8_t *buf, size_t len, pc_cert *c, pc_error *err)
{
	pc_der		top,
				d;
	pc_tlv		outer;
	uint8_t		first;

	/*
	 * Clear the scalar fields only.  The name attribute arrays (most of the
	 * structure's size) are written before they are read: decode_name sets
	 * the counts, and extensions are cleared one by one as they are found.
	 */
	memset(c, 0, offsetof(pc_cert, issuer));
	c->issuer.nattr = c->subject.nattr = 0;
	memset(&c->not_before, 0, offsetof(pc_cert, ext) - offsetof(pc_cert, not_before));
	memset(c->xi, 0, sizeof(*c) - offsetof(pc_cert, xi));
	c->bc_pathlen = -1;
	c->der = (pc_span) {buf, len};

	if (len == 0)
		return fail_at(err, 0, "empty input");
	pc_der_init(&top, c->der, buf, &c->der_flags);
	if (!pc_der_expect(&top, PC_T_SEQUENCE, &outer, err, "Certificate"))
		return false;
	if (pc_der_more(&top))
		return fail_at(err, outer.all.n, "%zu bytes of trailing data after the certificate",
					   len - outer.all.n);

	/* A Certificate starts with the TBS SEQUENCE; a bare TBS with [0] or INTEGER. */
	pc_der_init(&d, outer.v, buf, &c->der_flags);
	first = pc_der_peek(&d);
	if (first == PC_CTXC(0) || first == PC_T_INTEGER)
	{
		c->is_tbs = true;
		pc_der_init(&d, outer.all, buf, &c->der_flags);
	}
	if (!decode_tbs(&d, c, err))
		return false;
	if (!c->is_tbs)
	{
		pc_tlv		sig;

		if (!decode_alg(&d, &c->sig_alg, &c->sig_oid, err, "signatureAlgorithm"))
			return false;
		if (!pc_der_expect(&d, PC_T_BITSTRING, &sig, err, "signatureValue"))
			return false;
		if (sig.v.n == 0)
			return fail_at(err, pc_offset(&d, sig.all.p), "signatureValue: empty BIT STRING");
		/* X.690 8.6.2: at most 7 unused bits, and none when there are no bits */
		if (sig.v.p[0] > 7 || (sig.v.n == 1 && sig.v.p[0] != 0))
			return fail_at(err, pc_offset(&d, sig.all.p),
						   "signatureValue: BIT STRING with %u unused bits in %zu octets",
						   sig.v.p[0], sig.v.n - 1);
		c->sig_value = (pc_span) {sig.v.p + 1, sig.v.n - 1};
		if (pc_der_more(&d))
			return fail_at(err, pc_offset(&d, d.p), "Certificate: data after signatureValue");
	}
	classify(c);
	return true;
}
