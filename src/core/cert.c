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

/*
 * The decoder reads the usual forms by shortcuts beside its general code.
 * The unit tests build this file a second time with them off
 * (test/unit/cert_general.c) and compare the two decoders on every fixture
 * and its mutations: the shortcuts must change nothing but the speed.
 */
#ifndef PC_DECODE_SHORTCUTS
#define PC_DECODE_SHORTCUTS 1
#endif

/* Keep rarely taken error paths out of the decoder's hot functions. */
#if defined(__GNUC__)
#define PC_COLD __attribute__((cold, noinline))
#else
#define PC_COLD
#endif

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

/*
 * A reader over the content of a TLV just read from 'parent', reporting
 * offsets and DER deviations as the parent does.  pc_der_init for the case
 * where the span cannot be {NULL, 0}: a TLV's content starts after its
 * header.
 */
static inline void
der_enter(pc_der *d, const pc_der *parent, const pc_tlv *t)
{
	d->p = t->v.p;
	d->end = t->v.p + t->v.n;
	d->base = parent->base;
	d->flags = parent->flags;
}

/*
 * A stand-alone reader over a span that lies inside the input (never
 * {NULL, 0}), with offsets relative to its start and no flags.
 */
static inline void
der_over(pc_der *d, pc_span s)
{
	d->p = s.p;
	d->end = s.p + s.n;
	d->base = s.p;
	d->flags = NULL;
}

/* pc_der_peek, inline. */
static inline uint8_t
peek(const pc_der *d)
{
	return d->p < d->end ? d->p[0] : 0;
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
static PC_COLD bool
oid_malformed(pc_error *err, size_t offset, const char *what)
{
	return fail_at(err, offset,
				   "%s: malformed OBJECT IDENTIFIER (empty, or a subidentifier not minimally encoded)",
				   what);
}

/*
 * pc_oid_valid, answering at once for an eight-octet OID with no high octet
 * (1.3.6.1.5.5.7.x.y: key purposes, access methods, id-pe extensions):
 * eight one-octet subidentifiers, the last one ending, which is valid.
 */
static inline bool
oid_valid(pc_span oid)
{
	if (PC_DECODE_SHORTCUTS && oid.n == 8)
	{
		if ((pc_load_word(oid.p) & UINT64_C(0x8080808080808080)) == 0)
			return true;
	}

	/*
	 * The signature algorithms: 1.2.840.113549.1.1.x (PKCS #1) and
	 * 1.2.840.10045.4.3.x (ECDSA) with a one-octet x, the literal arcs being
	 * minimal.
	 */
	if (PC_DECODE_SHORTCUTS && oid.n == 9 && !(oid.p[8] & 0x80) &&
		memcmp(oid.p, "\x2a\x86\x48\x86\xf7\x0d\x01\x01", 8) == 0)
		return true;
	if (PC_DECODE_SHORTCUTS && oid.n == 8 && !(oid.p[7] & 0x80) &&
		memcmp(oid.p, "\x2a\x86\x48\xce\x3d\x04\x03", 7) == 0)
		return true;
	return pc_oid_valid(oid);
}

static inline bool
expect_oid(pc_der *d, pc_tlv *t, pc_error *err, const char *what)
{
	const uint8_t *p;

	if (!pc_der_expect(d, PC_T_OID, t, err, what))
		return false;

	/*
	 * Most of a certificate's OIDs are attribute types (2.5.4.x) and
	 * extensions (2.5.29.x): three octets below 0x80, three one-octet
	 * subidentifiers, which are valid without further ado.
	 */
	p = t->v.p;
	if (t->v.n == 3 && ((p[0] | p[1] | p[2]) & 0x80) == 0)
		return true;
	if (!oid_valid(t->v))
		return oid_malformed(err, pc_offset(d, t->all.p), what);
	return true;
}

/* ---------------------------------------------------------------- names */

/* For an OID 2.5.4.x with x < 64, bit x (see pc_name.at_seen); else 0. */
static inline uint64_t
at_bit(const uint8_t *p, size_t n)
{
	if (n == 3 && p[0] == 0x55 && p[1] == 0x04 && p[2] < 64)
		return UINT64_C(1) << p[2];
	return 0;
}

static inline uint64_t
at_bit_of(pc_span oid)
{
	return at_bit(oid.p, oid.n);
}

/*
 * The usual RelativeDistinguishedName: a SET of one AttributeTypeAndValue
 * whose type is a three-octet OID with no high octet (2.5.4.x) and whose
 * value has a short length, every length short and each TLV filling its
 * parent exactly:
 *
 *		31 L 30 L-2 06 03 t1 t2 t3 tag L-9 value...
 *
 * The general reader accepts exactly this with one attribute and no error,
 * so reading it here yields the same attribute.  Anything else, a
 * shortcut's refusal included, leaves the reader where it was.
 */
static inline bool
rdn_single(pc_der *rdns, pc_attr *a)
{
	const uint8_t *p = rdns->p;
	size_t		avail = (size_t) (rdns->end - p);
	unsigned	n;

	if (avail < 11)
		return false;
	n = p[1];
	if (p[0] != PC_T_SET || n >= 0x80 || n + 2 > avail || n < 9 ||
		p[2] != PC_T_SEQUENCE || p[3] != n - 2 || p[4] != PC_T_OID || p[5] != 3 ||
		((p[6] | p[7] | p[8]) & 0x80) != 0 || (p[9] & 0x1f) == 0x1f || p[10] != n - 9)
		return false;
	a->oid.p = p + 6;
	a->oid.n = 3;
	a->vtag = p[9];
	a->value.p = p + 11;
	a->value.n = n - 9;
	a->vall.p = p + 9;
	a->vall.n = n - 7;
	a->all.p = p + 2;
	a->all.n = n;
	rdns->p = p + 2 + n;
	return true;
}

static bool
decode_name(pc_der *outer, pc_name *name, pc_error *err, const char *what)
{
	pc_tlv		seq;
	pc_der		rdns;

	if (!pc_der_expect(outer, PC_T_SEQUENCE, &seq, err, what))
		return false;
	pc_span_copy(&name->der, &seq.all);
	name->nattr = 0;
	name->nrdn = 0;
	name->multi_valued = false;
	name->empty_rdn = false;
	name->at_seen = 0;
	name->at_repeated = 0;

	der_enter(&rdns, outer, &seq);
	while (pc_der_more(&rdns))
	{
		pc_tlv		set;
		pc_der		atvs;
		int			inset = 0;

		/* the limits as the general path checks them, then the usual RDN */
		if (PC_DECODE_SHORTCUTS && name->nattr < PC_MAX_ATTRS && name->nrdn < UINT16_MAX &&
			rdn_single(&rdns, &name->attr[name->nattr]))
		{
			pc_attr    *a = &name->attr[name->nattr++];
			uint64_t	bit = at_bit_of(a->oid);

			name->at_repeated |= name->at_seen & bit;
			name->at_seen |= bit;
			a->rdn = name->nrdn++;
			continue;
		}
		if (!pc_der_expect(&rdns, PC_T_SET, &set, err, "RelativeDistinguishedName"))
			return in(err, what);
		der_enter(&atvs, outer, &set);
		while (pc_der_more(&atvs))
		{
			pc_tlv		atv,
						type,
						value;
			pc_der		inner;
			pc_attr    *a;
			uint64_t	bit;

			if (!pc_der_expect(&atvs, PC_T_SEQUENCE, &atv, err, "AttributeTypeAndValue"))
				return in(err, what);
			der_enter(&inner, outer, &atv);
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
			bit = at_bit_of(type.v);
			name->at_repeated |= name->at_seen & bit;
			name->at_seen |= bit;
			pc_span_copy(&a->oid, &type.v);
			a->vtag = value.id;
			pc_span_copy(&a->value, &value.v);
			pc_span_copy(&a->vall, &value.all);
			pc_span_copy(&a->all, &atv.all);
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
	uint64_t	bit = at_bit((const uint8_t *) oid, oidlen);
	int			count = 0;

	/* the usual types: absent, or once, without a walk */
	if (bit && !(n->at_seen & bit))
		return 0;
	if (bit && !(n->at_repeated & bit))
		return 1;

	for (int i = 0; i < n->nattr; i++)
		if (attr_is(&n->attr[i], oid, oidlen))
			count++;
	return count;
}

const pc_attr *
pc_name_find(const pc_name *n, const char *oid, size_t oidlen)
{
	uint64_t	bit = at_bit((const uint8_t *) oid, oidlen);

	if (bit && !(n->at_seen & bit))
		return NULL;
	for (int i = 0; i < n->nattr; i++)
		if (attr_is(&n->attr[i], oid, oidlen))
			return &n->attr[i];
	return NULL;
}

/* ---------------------------------------------------------------- GeneralNames */

/* The identifier octet each GeneralName choice must have. */
static const uint8_t gn_ids[9] = {0xa0, 0x81, 0x82, 0xa3, 0xa4, 0xa5, 0x86, 0x87, 0x88};

/*
 * Is 'id' the identifier of a GeneralName whose content is not checked:
 * rfc822Name [1], dNSName [2], URI [6] or iPAddress [7], all primitive?
 */
static inline bool
gn_plain(uint8_t id)
{
	return (id & 0xf8) == 0x80 && ((0xc6u >> (id & 7)) & 1) != 0;
}

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
	der_over(&d, content);
	while (pc_der_more(&d))
	{
		pc_tlv		t;
		pc_error	e;
		const uint8_t *p = d.p;

		/*
		 * rfc822Name, dNSName, URI and iPAddress (primitive, nothing more
		 * to check) with a short length that fits, as most names are.
		 */
		if (PC_DECODE_SHORTCUTS && d.end - p >= 2 && gn_plain(p[0]) && p[1] < 0x80 &&
			p[1] <= (size_t) (d.end - p) - 2)
		{
			*types |= 1u << (p[0] & 0x1f);
			(*count)++;
			d.p = p + 2 + p[1];
			continue;
		}
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

			der_over(&dn, t.v);
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

			der_over(&on, t.v);
			if (!pc_der_expect(&on, PC_T_OID, &oid, &e, "otherName") || !oid_valid(oid.v) ||
				!pc_der_expect(&on, PC_CTXC(0), &val, &e, "otherName") || pc_der_more(&on))
			{
				snprintf(why, whysize, "malformed otherName");
				return false;
			}
		}
		if (t.tagnum == PC_GN_RID && !oid_valid(t.v))
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

/*
 * The extensions profcheck decodes outside the id-ce arc, which id_ce_xid
 * covers.
 */
#define EK(lit, x) { lit, sizeof(lit) - 1, x }
/* The most frequent first: nearly every certificate has AIA, many SCTs. */
static const ext_kind ext_kinds[] = {
	EK(OID_X_AIA, PC_X_AIA), EK(OID_X_SCT, PC_X_SCT), EK(OID_X_SIA, PC_X_SIA),
	EK(OID_X_POISON, PC_X_POISON), EK(OID_X_QC, PC_X_QC), EK(OID_X_TLSF, PC_X_TLSF),
	EK(OID_X_NOCHECK, PC_X_NOCHECK), EK(OID_X_ORGID, PC_X_ORGID),
};

/*
 * The id-ce arc (2.5.29.x, content 55 1d x) holds most extensions of a
 * certificate: their last octet indexes this table (xid + 1; 0 unknown),
 * which must agree with the OID_X_ names (unit-tested by decoding each).
 */
static const uint8_t id_ce_xid[64] = {
	[0x09] = PC_X_SDA + 1, [0x0e] = PC_X_SKI + 1, [0x0f] = PC_X_KU + 1,
	[0x11] = PC_X_SAN + 1, [0x12] = PC_X_IAN + 1, [0x13] = PC_X_BC + 1,
	[0x1e] = PC_X_NC + 1, [0x1f] = PC_X_CRLDP + 1, [0x20] = PC_X_CP + 1,
	[0x21] = PC_X_PM + 1, [0x23] = PC_X_AKI + 1, [0x24] = PC_X_PCONS + 1,
	[0x25] = PC_X_EKU + 1, [0x2e] = PC_X_FRESHEST + 1, [0x36] = PC_X_IAP + 1,
};

/*
 * Are the n octets at a and b equal?  For the short OIDs compared here
 * this is cheaper than a call to memcmp: from eight to sixteen octets, two
 * overlapping words cover them; otherwise a loop from the end, where OIDs
 * of one arc differ.
 */
static inline bool
octets_eq(const uint8_t *a, const char *b, size_t n)
{
	if (PC_DECODE_SHORTCUTS && n >= 8 && n <= 16)
	{
		return pc_load_word(a) == pc_load_word(b) &&
			pc_load_word(a + n - 8) == pc_load_word(b + n - 8);
	}
	while (n > 0)
	{
		n--;
		if (a[n] != (uint8_t) b[n])
			return false;
	}
	return true;
}

static int
ext_xid(pc_span oid)
{
	if (oid.n == 3 && oid.p[0] == 0x55 && oid.p[1] == 0x1d)
		return oid.p[2] < 64 ? id_ce_xid[oid.p[2]] - 1 : -1;
	for (size_t i = 0; i < sizeof(ext_kinds) / sizeof(ext_kinds[0]); i++)
		if (oid.n == ext_kinds[i].len && octets_eq(oid.p, ext_kinds[i].oid, oid.n))
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

/*
 * The number of header octets of the TLV that is all of the n octets at p
 * (n >= 2, a low tag number), if its length is in one of the minimal forms
 * the reader takes without a flag (short; 0x81 with 128 or more; 0x82 with a
 * non-zero first octet) and names exactly the rest; else 0.
 */
static inline size_t
exact_header(const uint8_t *p, size_t n)
{
	if (p[1] < 0x80)
		return p[1] == n - 2 ? 2 : 0;
	if (p[1] == 0x81)
		return n >= 3 && p[2] >= 0x80 && p[2] == n - 3 ? 3 : 0;
	if (p[1] == 0x82)
		return n >= 4 && p[2] != 0 && ((size_t) p[2] << 8 | p[3]) == n - 4 ? 4 : 0;
	return 0;
}

static bool ext_single_general(pc_ext *x, uint8_t id, pc_tlv *t);

/*
 * The extension value must be exactly one TLV with identifier 'id' (a
 * low tag number).  Usually it is, with a minimal length: read that here.
 */
static inline bool
ext_single(pc_ext *x, uint8_t id, pc_tlv *t)
{
	const uint8_t *p = x->value.p;
	size_t		n = x->value.n;
	size_t		hdr;

	if (PC_DECODE_SHORTCUTS && n >= 2 && p[0] == id && (hdr = exact_header(p, n)) != 0)
	{
		t->id = id;
		t->tagnum = id & 0x1f;
		t->all.p = p;
		t->all.n = n;
		t->v.p = p + hdr;
		t->v.n = n - hdr;
		return true;
	}
	return ext_single_general(x, id, t);
}

/* ext_single for every form and every error. */
static bool
ext_single_general(pc_ext *x, uint8_t id, pc_tlv *t)
{
	pc_der		d;
	pc_error	e;

	der_over(&d, x->value);
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

	der_over(&d, content);
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
	der_over(&d, seq.v);
	if (peek(&d) == PC_T_BOOLEAN)
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
	if (peek(&d) == PC_T_INTEGER)
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

/* An octet with its bits in the opposite order. */
static inline unsigned
reverse_bits8(unsigned b)
{
	b = (b & 0xf0) >> 4 | (b & 0x0f) << 4;
	b = (b & 0xcc) >> 2 | (b & 0x33) << 2;
	return (b & 0xaa) >> 1 | (b & 0x55) << 1;
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
	/* bit n is the n-th bit from the top of the first content octet */
	c->ku = 0;
	if (t.v.n > 1)
		c->ku = (uint16_t) reverse_bits8(t.v.p[1]);
	if (t.v.n > 2 && (t.v.p[2] & 0x80))
		c->ku |= PC_KU_DECIPHER_ONLY;
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
	der_over(&d, seq.v);
	while (pc_der_more(&d))
	{
		if (!pc_der_expect(&d, PC_T_OID, &t, &e, "KeyPurposeId"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (!oid_valid(t.v))
		{
			ext_bad(x, "KeyPurposeId is not a valid OBJECT IDENTIFIER");
			return;
		}
		if (c->neku < PC_MAX_EKUS)
			pc_span_copy(&c->eku[c->neku++], &t.v);
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
	der_over(&d, seq.v);
	while (pc_der_more(&d))
	{
		pc_policy  *p;
		uint32_t	bit;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &pi, &e, "PolicyInformation"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		der_over(&pd, pi.v);
		if (!pc_der_expect(&pd, PC_T_OID, &t, &e, "policyIdentifier"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		/* an identifier equal to one of policy_bit's literals is valid */
		bit = policy_bit(t.v);
		if ((!PC_DECODE_SHORTCUTS || (bit & (PC_POL_SMIME | PC_POL_OTHER)) != 0) &&
			!pc_oid_valid(t.v))
		{
			ext_bad(x, "policyIdentifier is not a valid OBJECT IDENTIFIER");
			return;
		}
		c->policy_mask |= bit;
		if (c->npolicy == PC_MAX_POLICIES)
			continue;
		p = &c->policy[c->npolicy++];
		pc_span_copy(&p->oid, &t.v);
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
			pc_span_copy(&p->qualifiers, &t.v);
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
	pc_span_copy(out, &seq.v);
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
	der_over(&d, seq.v);
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
			pc_span_copy(&c->aki_keyid, &t.v);
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
	der_over(&d, seq.v);
	while (pc_der_more(&d))
	{
		uint32_t	types,
					count;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &ad, &e, "AccessDescription"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		der_over(&ad_d, ad.v);
		if (!pc_der_expect(&ad_d, PC_T_OID, &t, &e, "accessMethod"))
		{
			ext_bad(x, "%s", e.msg);
			return;
		}
		if (!oid_valid(t.v))
		{
			ext_bad(x, "accessMethod is not a valid OBJECT IDENTIFIER");
			return;
		}
		/*
		 * The rest is exactly one GeneralName: usually a URI, which when it
		 * fills the rest with a short length is that without further ado.
		 */
		if (PC_DECODE_SHORTCUTS && ad_d.end - ad_d.p >= 2 && gn_plain(ad_d.p[0]) &&
			ad_d.p[1] == (size_t) (ad_d.end - ad_d.p) - 2 && ad_d.p[1] < 0x80)
			continue;
		if (!validate_general_names((pc_span) {ad_d.p, (size_t) (ad_d.end - ad_d.p)},
									&types, &count, x->why, sizeof(x->why)) || count != 1)
		{
			ext_bad(x, "accessLocation is not one GeneralName");
			return;
		}
	}
	pc_span_copy(out, &seq.v);
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
				pc_span_copy(&c->ski, &t.v);
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
				pc_span_copy(&c->crldp, &t.v);
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

/*
 * Read an Extension's fields (the content of 'ext', just read from 'tbs')
 * into x, which has its defaults: extnID, critical, extnValue.
 */
static bool
ext_fields(pc_der *tbs, const pc_tlv *ext, pc_cert *c, pc_ext *x, pc_error *err)
{
	pc_tlv		oid,
				t;
	pc_der		ed;

	der_enter(&ed, tbs, ext);
	if (!expect_oid(&ed, &oid, err, "extnID"))
		return false;
	pc_span_copy(&x->oid, &oid.v);
	if (peek(&ed) == PC_T_BOOLEAN)
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
	pc_span_copy(&x->value, &t.v);
	return true;
}

/*
 * ext_fields for the usual Extension, 'v' its content: an extnID with a
 * short length that is valid (a three-octet one with no high octet, 2.5.29.x,
 * one of ext_kinds' literals, or one pc_oid_valid accepts), critical absent
 * or a one-octet BOOLEAN, then an OCTET STRING whose minimal length (as
 * exact_header takes it) names exactly the rest:
 *
 *		06 n oid... [01 01 b] 04 L value...
 *
 * ext_fields reads this the same way, without an error or a length flag.
 * Returns the extension's kind as ext_xid gives it (-1 for none); for
 * anything else -2, having changed nothing.
 */
static inline int
ext_fields_usual(pc_span v, pc_cert *c, pc_ext *x)
{
	const uint8_t *p = v.p;
	size_t		n = v.n;
	size_t		hdr,
				olen;
	pc_span		oid;
	bool		crit = false;
	int			b = -1;
	int			xid;

	if (n < 4 || p[0] != PC_T_OID || (olen = p[1]) >= 0x80 || olen + 4 > n)
		return -2;
	oid.p = p + 2;
	oid.n = olen;
	/* ext_xid, with the id-ce arc of most extensions read here */
	if (olen == 3 && p[2] == 0x55 && p[3] == 0x1d)
		xid = p[4] < 64 ? id_ce_xid[p[4]] - 1 : -1;
	else
		xid = ext_xid(oid);
	/* an extnID equal to one of ext_xid's literals is valid */
	if (xid < 0 && !(olen == 3 && ((p[2] | p[3] | p[4]) & 0x80) == 0) && !oid_valid(oid))
		return -2;
	p += 2 + olen;
	n -= 2 + olen;
	if (p[0] == PC_T_BOOLEAN)
	{
		if (n < 5 || p[1] != 1)
			return -2;
		b = p[2];
		p += 3;
		n -= 3;
	}
	if (p[0] != PC_T_OCTETSTRING || (hdr = exact_header(p, n)) == 0)
		return -2;

	pc_span_copy(&x->oid, &oid);
	if (b >= 0)
	{
		crit = b != 0;
		x->critical = crit;
		x->critical_encoded = true;
		x->not_der = crit && b != 0xff;
		if (!crit)
			c->der_flags |= PC_DF_DEFAULT_ENCODED;
		if (x->not_der)
			c->der_flags |= PC_DF_BOOL_NOT_DER;
	}
	x->value.p = p + hdr;
	x->value.n = n - hdr;
	return xid;
}

static bool
decode_extensions(pc_der *tbs, pc_cert *c, pc_error *err)
{
	pc_tlv		wrap,
				seq;
	pc_der		d;

	if (!pc_der_expect(tbs, PC_CTXC(3), &wrap, err, "extensions"))
		return false;
	der_enter(&d, tbs, &wrap);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, err, "extensions"))
		return false;
	if (pc_der_more(&d))
		return fail_at(err, pc_offset(&d, d.p), "extensions: data after the SEQUENCE");
	c->has_extensions = true;

	der_enter(&d, tbs, &seq);
	while (pc_der_more(&d))
	{
		pc_tlv		ext;
		pc_ext	   *x;
		int			xid;

		if (!pc_der_expect(&d, PC_T_SEQUENCE, &ext, err, "Extension"))
			return false;
		if (c->next == PC_MAX_EXTS)
			return fail_at(err, pc_offset(&d, ext.all.p),
						   "more than %d extensions (profcheck's limit)", PC_MAX_EXTS);
		x = &c->ext[c->next];

		/*
		 * Field by field rather than memset: 'why' is most of the
		 * structure and is read as a string only.
		 */
		pc_span_copy(&x->all, &ext.all);
		x->critical = false;
		x->critical_encoded = false;
		x->bad = false;
		x->not_der = false;
		x->why[0] = '\0';
		xid = PC_DECODE_SHORTCUTS ? ext_fields_usual(ext.v, c, x) : -2;
		if (xid >= -1)
			x->xid = (int16_t) xid;
		else
		{
			if (!ext_fields(tbs, &ext, c, x, err))
				return false;
			x->xid = (int16_t) ext_xid(x->oid);
		}

		/* a known kind repeats when its slot is taken; others by OID */
		if (x->xid >= 0 && c->xi[x->xid] != 0)
			c->ext_duplicate = true;
		else if (x->xid >= 0)
		{
			c->xi[x->xid] = (uint8_t) (c->next + 1);
			c->xmask |= (uint32_t) 1 << x->xid;
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

	der_over(&d, k->key);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, "") || pc_der_more(&d))
		return;
	der_over(&s, seq.v);
	if (!pc_der_expect(&s, PC_T_INTEGER, &n, NULL, "") ||
		!pc_der_expect(&s, PC_T_INTEGER, &e, NULL, "") || pc_der_more(&s) ||
		n.v.n == 0 || e.v.n == 0)
		return;
	pc_span_copy(&k->rsa_n, &n.v);
	pc_span_copy(&k->rsa_e, &e.v);
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
	pc_span_copy(&k->all, &spki.all);
	der_enter(&d, tbs, &spki);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &alg, err, "subjectPublicKeyInfo algorithm"))
		return false;
	pc_span_copy(&k->alg, &alg.all);
	der_enter(&ad, tbs, &alg);
	if (!expect_oid(&ad, &oid, err, "subjectPublicKeyInfo algorithm"))
		return false;
	pc_span_copy(&k->alg_oid, &oid.v);
	if (pc_der_more(&ad))
	{
		pc_tlv		params;

		if (!pc_der_next(&ad, &params, err))
			return in(err, "subjectPublicKeyInfo parameters");
		pc_span_copy(&k->params, &params.all);
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

	/* the nine-octet RSA identifiers by octets_eq's two words, not memcmp */
	if (oid.v.n == sizeof(OID_ALG_RSA) - 1 &&
		(octets_eq(oid.v.p, OID_ALG_RSA, sizeof(OID_ALG_RSA) - 1) ||
		 octets_eq(oid.v.p, OID_ALG_RSA_PSS, sizeof(OID_ALG_RSA_PSS) - 1)))
	{
		k->type = oid.v.p[8] == (uint8_t) OID_ALG_RSA[8] ? PC_KEY_RSA : PC_KEY_RSA_PSS;
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

/*
 * The usual AlgorithmIdentifier: a SEQUENCE with a short length holding an
 * OBJECT IDENTIFIER with a short length, valid, and then nothing or a NULL
 * (05 00), each filling the rest:
 *
 *		30 L 06 n oid... [05 00]
 *
 * decode_alg reads this the same way, without an error.  Returns false,
 * having done nothing, for anything else.
 */
static inline bool
alg_usual(pc_der *d, pc_span *all, pc_span *oid)
{
	const uint8_t *p = d->p;
	size_t		avail = (size_t) (d->end - p);
	size_t		n,
				olen;

	if (avail < 4 || p[0] != PC_T_SEQUENCE || (n = p[1]) >= 0x80 || n + 2 > avail ||
		p[2] != PC_T_OID || (olen = p[3]) >= 0x80)
		return false;
	if (olen + 2 != n && !(olen + 4 == n && p[4 + olen] == PC_T_NULL && p[5 + olen] == 0))
		return false;
	if (!oid_valid((pc_span) {p + 4, olen}))
		return false;
	all->p = p;
	all->n = n + 2;
	oid->p = p + 4;
	oid->n = olen;
	d->p = p + 2 + n;
	return true;
}

/* decode_alg for every form and every error. */
static bool
decode_alg_general(pc_der *d, pc_span *all, pc_span *oid, pc_error *err, const char *what)
{
	pc_tlv		alg,
				o;
	pc_der		ad;

	if (!pc_der_expect(d, PC_T_SEQUENCE, &alg, err, what))
		return false;
	der_enter(&ad, d, &alg);
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
	pc_span_copy(all, &alg.all);
	pc_span_copy(oid, &o.v);
	return true;
}

/*
 * Read an AlgorithmIdentifier: the usual one here, without the general
 * path's frame.
 */
static inline bool
decode_alg(pc_der *d, pc_span *all, pc_span *oid, pc_error *err, const char *what)
{
	if (PC_DECODE_SHORTCUTS && alg_usual(d, all, oid))
		return true;
	return decode_alg_general(d, all, oid, err, what);
}

/*
 * decode_time's errors, apart so that the usual time's path stays small:
 * 't' the TLV read, or 'read' false when reading failed (err is filled).
 */
static PC_COLD bool
time_error(const pc_der *d, const pc_tlv *t, bool read, pc_error *err, const char *what)
{
	char		shown[41];
	size_t		n;

	if (!read)
		return in(err, what);
	if (t->id != PC_T_UTCTIME && t->id != PC_T_GENERALIZEDTIME)
		return fail_at(err, pc_offset(d, t->all.p), "%s: expected UTCTime or GeneralizedTime, found %s",
					   what, pc_tag_name(t->id));

	/*
	 * Quote the text printably: the message becomes SQL text, which must not
	 * carry control octets, invalid UTF-8 or a NUL that cuts it.
	 */
	n = t->v.n > 40 ? 40 : t->v.n;
	for (size_t i = 0; i < n; i++)
		shown[i] = (t->v.p[i] >= 0x20 && t->v.p[i] < 0x7f) ? (char) t->v.p[i] : '?';
	shown[n] = '\0';
	return fail_at(err, pc_offset(d, t->all.p), "%s: \"%s\"%s is not a valid time",
				   what, shown, t->v.n > 40 ? "..." : "");
}

static inline bool
decode_time(pc_der *d, pc_time *out, pc_error *err, const char *what)
{
	pc_tlv		t;

	if (!pc_der_next(d, &t, err))
		return time_error(d, &t, false, err, what);
	if ((t.id != PC_T_UTCTIME && t.id != PC_T_GENERALIZEDTIME) ||
		!pc_time_parse(t.id, t.v, out))
		return time_error(d, &t, true, err, what);
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
	pc_span_copy(&c->tbs, &tbs.all);
	der_enter(&d, outer, &tbs);

	c->version = 0;
	if (peek(&d) == PC_CTXC(0))
	{
		pc_tlv		v;

		/* the peek saw only the tag: the TLV itself may still be truncated */
		if (!pc_der_next(&d, &t, err))
			return in(err, "version");
		der_enter(&vd, outer, &t);
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
	pc_span_copy(&c->serial, &t.v);
	if (!int_minimal(t.v))
		c->der_flags |= PC_DF_INT_NONMINIMAL;

	if (!decode_alg(&d, &c->tbs_sig_alg, &c->tbs_sig_oid, err, "signature"))
		return false;
	if (!decode_name(&d, &c->issuer, err, "issuer"))
		return false;
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &t, err, "validity"))
		return false;
	der_enter(&vd, outer, &t);
	if (!decode_time(&vd, &c->not_before, err, "notBefore") ||
		!decode_time(&vd, &c->not_after, err, "notAfter"))
		return false;
	if (pc_der_more(&vd))
		return fail_at(err, pc_offset(&vd, vd.p), "validity: data after notAfter");
	if (!decode_name(&d, &c->subject, err, "subject"))
		return false;
	if (!decode_spki(&d, &c->spki, err))
		return false;

	if (peek(&d) == PC_CTX(1) || peek(&d) == PC_CTXC(1))
	{
		if (!pc_der_next(&d, &t, err))
			return in(err, "issuerUniqueID");
		c->issuer_uid = true;
	}
	if (peek(&d) == PC_CTX(2) || peek(&d) == PC_CTXC(2))
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

/* Zero the octets of *c from offset 'from' up to (not including) 'to'. */
static inline void
clear_range(pc_cert *c, size_t from, size_t to)
{
	memset((char *) c + from, 0, to - from);
}

bool
pc_decode(const uint8_t *buf, size_t len, pc_cert *c, pc_error *err)
{
	pc_der		top,
				d;
	pc_tlv		outer;
	uint8_t		first;

	/*
	 * Clear the scalar fields only.  The arrays (most of the structure's
	 * size) are written before they are read: decode_name sets the
	 * attribute counts, extensions are initialized one by one as they are
	 * found, and EKUs and policies are stored as neku and npolicy count
	 * them.
	 */
	memset(c, 0, offsetof(pc_cert, issuer));
	c->issuer.nattr = c->subject.nattr = 0;
	c->issuer.at_seen = c->subject.at_seen = 0;
	c->issuer.at_repeated = c->subject.at_repeated = 0;
	memset(&c->not_before, 0, offsetof(pc_cert, ext) - offsetof(pc_cert, not_before));
	clear_range(c, offsetof(pc_cert, xi), offsetof(pc_cert, eku));
	clear_range(c, offsetof(pc_cert, eku) + sizeof(c->eku), offsetof(pc_cert, policy));
	clear_range(c, offsetof(pc_cert, policy) + sizeof(c->policy), sizeof(*c));
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
	first = peek(&d);
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
