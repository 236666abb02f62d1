/*
 * der.c
 *		A strict DER reader over a byte span.
 *
 * The reader never recurses: callers walk the structures they know, so the
 * depth of hostile nesting costs nothing.  Every length is checked against
 * the end of its enclosing value before a span is formed, so a span can
 * never point outside the input.
 */
#include "pc.h"

#include <stdio.h>

/* Keep the general paths, and their error texts, out of the shortcuts' way. */
#if defined(__GNUC__)
#define PC_DER_COLD __attribute__((noinline))
#else
#define PC_DER_COLD
#endif

uint8_t
pc_der_peek(const pc_der *d)
{
	return d->p < d->end ? d->p[0] : 0;
}

size_t
pc_offset(const pc_der *d, const uint8_t *p)
{
	return (size_t) (p - d->base);
}

static bool
der_fail(const pc_der *d, const uint8_t *at, pc_error *err, const char *msg)
{
	if (err)
	{
		err->offset = pc_offset(d, at);
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
	}
	return false;
}

/*
 * The long forms a certificate is made of (its outer SEQUENCEs, the key,
 * the modulus, the signature): a low tag number and a minimal one- or
 * two-octet length (0x81 with a value of 128 or more, 0x82 with a non-zero
 * first octet) that fits.  Anything else, every non-minimal length and
 * every error included, is left to the general reader, which handles these
 * forms too and yields the same TLV; this only spares its generality.
 */
static inline bool
der_next_long(pc_der *d, pc_tlv *t)
{
	const uint8_t *p = d->p;
	size_t		avail = (size_t) (d->end - p);
	size_t		len,
				hdr;

	if (avail < 3 || (p[0] & 0x1f) == 0x1f)
		return false;
	if (p[1] == 0x81 && p[2] >= 0x80)
	{
		len = p[2];
		hdr = 3;
	}
	else if (p[1] == 0x82 && avail >= 4 && p[2] != 0)
	{
		len = (size_t) p[2] << 8 | p[3];
		hdr = 4;
	}
	else
		return false;
	if (len > avail - hdr)
		return false;
	t->id = p[0];
	t->tagnum = p[0] & 0x1f;
	t->all = (pc_span) {p, hdr + len};
	t->v = (pc_span) {p + hdr, len};
	d->p = p + hdr + len;
	return true;
}

bool
pc_der_next_full(pc_der *d, pc_tlv *t, pc_error *err)
{
	if (der_next_long(d, t))
		return true;
	return pc_der_next_general(d, t, err);
}

/* pc_der_next without shortcuts: every form and every error. */
bool
pc_der_next_general(pc_der *d, pc_tlv *t, pc_error *err)
{
	const uint8_t *start = d->p;
	const uint8_t *p = d->p;
	size_t		avail = (size_t) (d->end - p);
	uint8_t		id;
	uint32_t	tagnum;
	size_t		len;

	if (avail < 2)
		return der_fail(d, p, err, avail ? "truncated TLV header" : "unexpected end of data");

	id = *p++;
	tagnum = id & 0x1f;
	if (tagnum == 0x1f)
	{
		/* High-tag-number form: base-128, minimal, at most 4 octets. */
		int			n = 0;

		tagnum = 0;
		if (p < d->end && *p == 0x80)
			return der_fail(d, p, err, "tag number not minimally encoded");
		do
		{
			if (p >= d->end)
				return der_fail(d, p, err, "truncated tag number");
			if (++n > 4)
				return der_fail(d, p, err, "tag number too large");
			tagnum = (tagnum << 7) | (*p & 0x7f);
		} while (*p++ & 0x80);
		if (tagnum < 0x1f)
			return der_fail(d, start, err, "tag number not minimally encoded");
		id = 0;
	}

	if (p >= d->end)
		return der_fail(d, p, err, "truncated length");
	len = *p++;
	if (len == 0x80)
		return der_fail(d, p - 1, err, "indefinite length (BER, not DER)");
	if (len > 0x80)
	{
		size_t		nlen = len & 0x7f;
		const uint8_t *lp = p - 1;

		if (nlen > sizeof(uint32_t))
			return der_fail(d, lp, err, "length field too long");
		if ((size_t) (d->end - p) < nlen)
			return der_fail(d, lp, err, "truncated length");
		len = 0;
		for (size_t i = 0; i < nlen; i++)
			len = (len << 8) | *p++;
		/* DER: the shortest form.  Readable, so recorded rather than fatal. */
		if ((len < 0x80 || (nlen > 1 && lp[1] == 0)) && d->flags)
			*d->flags |= PC_DF_LEN_NONMINIMAL;
	}
	if ((size_t) (d->end - p) < len)
	{
		if (err)
		{
			err->offset = pc_offset(d, start);
			snprintf(err->msg, sizeof(err->msg),
					 "length %zu runs past the end of the enclosing value (%zu bytes left)",
					 len, (size_t) (d->end - p));
		}
		return false;
	}

	t->id = id;
	t->tagnum = tagnum;
	t->v.p = p;
	t->v.n = len;
	t->all.p = start;
	t->all.n = (size_t) (p - start) + len;
	d->p = p + len;
	return true;
}

const char *
pc_tag_name(uint8_t id)
{
	static const char *const names[] = {
		[0x01] = "BOOLEAN",[0x02] = "INTEGER",[0x03] = "BIT STRING",
		[0x04] = "OCTET STRING",[0x05] = "NULL",[0x06] = "OBJECT IDENTIFIER",
		[0x0a] = "ENUMERATED",[0x0c] = "UTF8String",[0x12] = "NumericString",
		[0x13] = "PrintableString",[0x14] = "TeletexString",[0x15] = "VideotexString",
		[0x16] = "IA5String",[0x17] = "UTCTime",[0x18] = "GeneralizedTime",
		[0x1a] = "VisibleString",[0x1c] = "UniversalString",[0x1e] = "BMPString",
		[0x30] = "SEQUENCE",[0x31] = "SET",
		[0x80] = "[0]",[0x81] = "[1]",[0x82] = "[2]",[0x83] = "[3]",
		[0x84] = "[4]",[0x85] = "[5]",[0x86] = "[6]",[0x87] = "[7]",[0x88] = "[8]",
		[0xa0] = "[0]",[0xa1] = "[1]",[0xa2] = "[2]",[0xa3] = "[3]",
		[0xa4] = "[4]",[0xa5] = "[5]",[0xa6] = "[6]",[0xa7] = "[7]",[0xa8] = "[8]",
	};

	if (id < sizeof(names) / sizeof(names[0]) && names[id])
		return names[id];
	return "unexpected tag";
}

/* pc_der_expect_full without shortcuts: every form and every error. */
static PC_DER_COLD bool
der_expect_general(pc_der *d, uint8_t id, pc_tlv *t, pc_error *err, const char *what)
{
	const uint8_t *at = d->p;

	if (!pc_der_next(d, t, err))
	{
		if (err)
		{
			char		inner[sizeof(err->msg)];

			snprintf(inner, sizeof(inner), "%s", err->msg);
			snprintf(err->msg, sizeof(err->msg), "%s: %s", what, inner);
		}
		return false;
	}
	if (t->id != id)
	{
		d->p = at;
		if (err)
		{
			err->offset = pc_offset(d, at);
			snprintf(err->msg, sizeof(err->msg), "%s: expected %s, found %s (0x%02x)",
					 what, pc_tag_name(id), pc_tag_name(t->id), at[0]);
		}
		return false;
	}
	return true;
}

bool
pc_der_expect_full(pc_der *d, uint8_t id, pc_tlv *t, pc_error *err, const char *what)
{
	/* the expected tag with a usual long-form length */
	if (d->p < d->end && d->p[0] == id && der_next_long(d, t))
		return true;
	return der_expect_general(d, id, t, err, what);
}

/* ---------------------------------------------------------------- OIDs */

/*
 * Little-endian words of the octets at p, whatever the machine; compilers
 * turn these into single loads where they can.
 */
static inline uint64_t
load_le32(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* gcc does not merge the octet loads below: one load where it can be */
	uint32_t	w;

	memcpy(&w, p, sizeof(w));
	return w;
#else
	return (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 |
		(uint64_t) p[3] << 24;
#endif
}

static inline uint64_t
load_le64(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t	w;

	memcpy(&w, p, sizeof(w));
	return w;
#else
	return load_le32(p) | load_le32(p + 4) << 32;
#endif
}

/*
 * The 1 to 8 octets at p as a little-endian word, zero above, reading no
 * octet outside them: two overlapping reads, or three single octets, cover
 * every length, and an octet read twice lands in the same place.
 */
static inline uint64_t
load_le_upto8(const uint8_t *p, size_t n)
{
	if (n >= 4)
		return load_le32(p) | load_le32(p + n - 4) << (8 * (n - 4));
	return (uint64_t) p[0] | (uint64_t) p[n / 2] << (8 * (n / 2)) |
		(uint64_t) p[n - 1] << (8 * (n - 1));
}

#define OCTETS(b)	(UINT64_C(0x0101010101010101) * (b))

/*
 * Bit 7 of each octet of w that is 0x80 and starts a subidentifier, that is
 * whose preceding octet has bit 7 clear.  'carry' is bit 7 of the octet
 * before the word, in bit 7.
 */
static inline uint64_t
oid_bad_starts(uint64_t w, uint64_t carry)
{
	uint64_t	low7_zero = ~((w & OCTETS(0x7f)) + OCTETS(0x7f));
	uint64_t	continued = (w << 8) | carry;

	return low7_zero & w & ~continued & OCTETS(0x80);
}

bool
pc_oid_valid(pc_span oid)
{
	const uint8_t *p = oid.p;
	size_t		n = oid.n;
	uint64_t	bad = 0;

	/* there must be a subidentifier, and the last one must end */
	if (n == 0 || (p[n - 1] & 0x80))
		return false;

	/*
	 * No subidentifier may start with 0x80 (non-minimal).  Eight octets at
	 * a time; beyond eight, the last word overlaps the one before, so that
	 * no octet outside the span is read.  Zero octets above a short OID's
	 * are never 0x80.
	 */
	if (n <= 8)
		return oid_bad_starts(load_le_upto8(p, n), 0) == 0;
	for (size_t i = 0; i + 8 < n; i += 8)
		bad |= oid_bad_starts(load_le64(p + i), i ? p[i - 1] & 0x80 : 0);
	bad |= oid_bad_starts(load_le64(p + n - 8), p[n - 9] & 0x80);
	return bad == 0;
}

bool
pc_oid_text(pc_span oid, char *buf, size_t size)
{
	size_t		used = 0;
	uint64_t	v = 0;
	bool		first = true;

	if (size == 0)
		return false;
	buf[0] = '\0';
	if (!pc_oid_valid(oid))
	{
		snprintf(buf, size, "(malformed OID)");
		return false;
	}
	for (size_t i = 0; i < oid.n; i++)
	{
		int			w;

		if (v > (UINT64_MAX >> 7))
		{
			snprintf(buf, size, "(OID arc too large)");
			return false;
		}
		v = (v << 7) | (oid.p[i] & 0x7f);
		if (oid.p[i] & 0x80)
			continue;
		if (first)
		{
			unsigned	a = v < 40 ? 0 : v < 80 ? 1 : 2;

			w = snprintf(buf + used, size - used, "%u.%llu", a,
						 (unsigned long long) (v - 40 * a));
			first = false;
		}
		else
			w = snprintf(buf + used, size - used, ".%llu", (unsigned long long) v);
		if (w < 0 || (size_t) w >= size - used)
			return false;
		used += (size_t) w;
		v = 0;
	}
	return true;
}

size_t
pc_oid_from_text(const char *text, uint8_t *out, size_t size)
{
	uint64_t	arcs[64];
	size_t		narc = 0;
	size_t		n = 0;
	const char *s = text;

	while (*s)
	{
		uint64_t	v = 0;

		if (*s < '0' || *s > '9' || narc == 64)
			return 0;
		if (*s == '0' && s[1] >= '0' && s[1] <= '9')
			return 0;
		while (*s >= '0' && *s <= '9')
		{
			uint64_t	digit = (uint64_t) (*s++ - '0');

			/* exact overflow test: every arc pc_oid_text prints must parse */
			if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && digit > UINT64_MAX % 10))
				return 0;
			v = v * 10 + digit;
		}
		arcs[narc++] = v;
		if (*s == '.')
		{
			s++;
			if (!*s)
				return 0;
		}
		else if (*s)
			return 0;
	}
	if (narc < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
		return 0;
	if (arcs[1] > UINT64_MAX - 80)
		return 0;
	arcs[1] += 40 * arcs[0];
	for (size_t i = 1; i < narc; i++)
	{
		uint8_t		tmp[10];
		int			k = 0;
		uint64_t	v = arcs[i];

		do
		{
			tmp[k++] = (uint8_t) (v & 0x7f);
			v >>= 7;
		} while (v);
		if (n + (size_t) k > size)
			return 0;
		while (k > 0)
		{
			k--;
			out[n++] = (uint8_t) (tmp[k] | (k ? 0x80 : 0));
		}
	}
	return n;
}
