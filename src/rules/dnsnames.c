/*
 * dnsnames.c
 *		The DNS names a certificate claims, read once per certificate for the
 *		forty-odd rules that judge them (RFC 5280, the TLS BRs, community
 *		lints, IDNA), and what each name is made of.
 *
 * A rule walks the names with pc_dns_begin/pc_dns_next.  The first walk of a
 * certificate keeps the names in the report, commonNames first, and sums up
 * every name in a few bits (pc_dns_name_facts): which kinds of character
 * occur, whether a label is empty or too long, the zone it ends in.  Most
 * certificates' names are plain lower-case LDH names, and a rule that can
 * only fault, say, a name with an underscore asks pc_dns_facts first and
 * returns without walking when no name has one.
 */
#include "rules.h"

#include <arpa/inet.h>

/* ---------------------------------------------------------------- IP address text */

bool
pc_parse_ip_text_full(pc_span s, uint8_t out[16], size_t *len)
{
	char		buf[64];

	if (s.n == 0 || s.n >= sizeof(buf))
		return false;
	/* an address is hex digits, dots and colons: most names fail at once */
	for (size_t i = 0; i < s.n; i++)
		if (!((s.p[i] >= '0' && s.p[i] <= '9') || (s.p[i] >= 'a' && s.p[i] <= 'f') ||
			  (s.p[i] >= 'A' && s.p[i] <= 'F') || s.p[i] == '.' || s.p[i] == ':'))
			return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	if (inet_pton(AF_INET, buf, out) == 1)
	{
		*len = 4;
		return true;
	}
	if (inet_pton(AF_INET6, buf, out) == 1)
	{
		*len = 16;
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- facts of one name */

/*
 * Per octet: the facts it alone establishes, from a table so that a name
 * costs one load and one OR an octet.  Letters and digits have none but
 * upper case; '.' marks only that the name has one (OCTET_DOT, not a fact:
 * a dot matters next to another, at the ends, or as a label boundary).
 */
#define OCTET_DOT 0x8000

#define OCTET(ch) \
	((uint16_t) (((ch) >= 'a' && (ch) <= 'z') || ((ch) >= '0' && (ch) <= '9') ? 0 : \
				 (ch) >= 'A' && (ch) <= 'Z' ? PC_DNSF_UPPER : \
				 (ch) == '.' ? OCTET_DOT : \
				 (ch) == '-' ? PC_DNSF_HYPHEN : \
				 (ch) == '_' ? PC_DNSF_UNDERSCORE : \
				 (ch) == '*' ? PC_DNSF_STAR : \
				 (ch) >= 0x80 ? PC_DNSF_OTHER | PC_DNSF_NONASCII : PC_DNSF_OTHER))
#define OCTET4(i) OCTET(i), OCTET((i) + 1), OCTET((i) + 2), OCTET((i) + 3)
#define OCTET16(i) OCTET4(i), OCTET4((i) + 4), OCTET4((i) + 8), OCTET4((i) + 12)
#define OCTET64(i) OCTET16(i), OCTET16((i) + 16), OCTET16((i) + 32), OCTET16((i) + 48)

static const uint16_t octet_facts[256] = {
	OCTET64(0), OCTET64(64), OCTET64(128), OCTET64(192)
};

/* Is some label (the octets between dots) longer than 63 octets? */
static bool
has_long_label(pc_span n)
{
	size_t		label = 0;

	for (size_t i = 0; i < n.n; i++)
	{
		label = n.p[i] == '.' ? 0 : label + 1;
		if (label > 63)
			return true;
	}
	return false;
}

/* Does some label start or end with '-'? */
static bool
has_hyphen_at_label_edge(pc_span n)
{
	const uint8_t *h = n.p,
			   *end = n.p + n.n;

	while ((h = memchr(h, '-', (size_t) (end - h))) != NULL)
	{
		if (h == n.p || h[-1] == '.' || h + 1 == end || h[1] == '.')
			return true;
		h++;
	}
	return false;
}

/*
 * Eight octets at a time, for the usual name: lower-case letters, digits,
 * '.', '-' and '*' only.  Each mask below has the high bit of an octet set
 * where the octet is of a class.  The sums cannot carry from one octet into
 * the next: the word is ASCII (checked first) and no addend passes 0x80.
 * A name of twenty octets is three words of some thirty instructions each,
 * where the octet loop took seven or so an octet, and the suffix tests
 * below need no case folding: per name, about 110 instructions instead of
 * 320 on the sample corpus.
 */
#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)
/* high bit of each octet (of an ASCII word) at or above lo; other bits are noise */
#define WORD_GE(w, lo)	((w) + ONES * (0x80 - (lo)))
/* octets (of an ASCII word) equal to ch */
#define WORD_EQ(w, ch)	(~(((w) ^ (ONES * (ch))) + ONES * 0x7f) & HIGHS)

/*
 * The facts of a name of eight octets or more, by words, in *f; false
 * (leaving it to the octet loop) when some octet is outside [a-z0-9.*-].
 * A word starts every seven octets, the last one where it ends the name
 * (overlapping the one before), so that every two neighbouring octets are
 * in one word: "..", "--" and '-' beside '.' are found within words, with
 * either byte order.
 */
/* inlined always, so that pc_dns_name_facts is this and a call to the octet loop */
static inline __attribute__((always_inline)) bool
name_facts_by_word(pc_span n, uint16_t *f)
{
	uint64_t	dot = 0,
				hyphen = 0,
				star = 0,
				pair = 0;		/* '.' or '-' after '.' or '-' */
	uint16_t	out = 0;

	for (size_t i = 0;; i += 7)
	{
		uint64_t	w,
					sep,
					h,
					s;

		if (i + 8 > n.n)
			i = n.n - 8;
		w = pc_load_word(n.p + i);
		if (w & HIGHS)
			return false;
		/* '-' (0x2d) or '.' (0x2e), told apart below by their lowest bit */
		sep = WORD_GE(w, '-') & ~WORD_GE(w, '.' + 1);
		s = WORD_EQ(w, '*');
		if ((((WORD_GE(w, 'a') & ~WORD_GE(w, 'z' + 1)) |
			  (WORD_GE(w, '0') & ~WORD_GE(w, '9' + 1)) | sep | s) & HIGHS) != HIGHS)
			return false;
		sep &= HIGHS;
		h = sep & (w << 7);		/* an octet's bit 0 to its bit 7 */
		dot |= sep ^ h;
		hyphen |= h;
		star |= s;
		pair |= sep & (sep << 8);
		if (i + 8 >= n.n)
			break;
	}
	if (dot == 0)
		out |= PC_DNSF_NO_DOT;
	else if (n.p[0] == '.' || n.p[n.n - 1] == '.')
		out |= PC_DNSF_EMPTY_LABEL;
	if (hyphen)
		out |= PC_DNSF_HYPHEN;
	if (n.p[0] == '-' || n.p[n.n - 1] == '-')
		out |= PC_DNSF_HYPHEN_EDGE;
	if (pair)
	{
		/*
		 * Two separators in a row somewhere, which names seldom have: which
		 * two, an octet at a time ("..", "--", or '-' beside '.').
		 */
		for (size_t i = 1; i < n.n; i++)
		{
			uint8_t		a = n.p[i - 1],
						b = n.p[i];

			if (a == '.' && b == '.')
				out |= PC_DNSF_EMPTY_LABEL;
			else if (a == '-' && b == '-')
				out |= PC_DNSF_DOUBLE_HYPHEN;
			else if ((a == '-' && b == '.') || (a == '.' && b == '-'))
				out |= PC_DNSF_HYPHEN_EDGE;
		}
	}
	if (star)
		out |= PC_DNSF_STAR;
	if (n.n > 63 && has_long_label(n))
		out |= PC_DNSF_LONG_LABEL;
	if (n.n > 253)
		out |= PC_DNSF_TOO_LONG;
	/* no upper case here: the suffixes compare as they are */
	if (memcmp(n.p + n.n - 6, ".onion", 6) == 0)
		out |= PC_DNSF_ONION;
	if (memcmp(n.p + n.n - 5, ".arpa", 5) == 0)
		out |= PC_DNSF_ARPA;
	*f = out;
	return true;
}

/*
 * The facts of any name, an octet at a time.  Kept out of line: its calls
 * (memchr, pc_span_ends_nocase) would otherwise have pc_dns_name_facts save
 * registers on entry for every name, most of which take the word path.
 */
static uint16_t __attribute__((noinline))
name_facts_by_octet(pc_span n)
{
	uint16_t	f = 0,
				prev = 0,
				pairs = 0;		/* facts of two octets in a row: "..", "--" */

	if (n.n == 0)
		return PC_DNSF_EMPTY_LABEL | PC_DNSF_NO_DOT;
	for (size_t i = 0; i < n.n; i++)
	{
		uint16_t	k = octet_facts[n.p[i]];

		f |= k;
		pairs |= k & prev;
		prev = k;
	}
	if (f & OCTET_DOT)
	{
		f &= (uint16_t) ~OCTET_DOT;
		if (n.p[0] == '.' || n.p[n.n - 1] == '.' || (pairs & OCTET_DOT))
			f |= PC_DNSF_EMPTY_LABEL;
	}
	else
		f |= PC_DNSF_NO_DOT;
	if (pairs & PC_DNSF_HYPHEN)
		f |= PC_DNSF_DOUBLE_HYPHEN;
	if ((f & PC_DNSF_HYPHEN) && has_hyphen_at_label_edge(n))
		f |= PC_DNSF_HYPHEN_EDGE;
	if (n.n > 63 && has_long_label(n))
		f |= PC_DNSF_LONG_LABEL;
	if (n.n > 253)
		f |= PC_DNSF_TOO_LONG;
	if (pc_span_ends_nocase(n, ".onion"))
		f |= PC_DNSF_ONION;
	if (pc_span_ends_nocase(n, ".arpa"))
		f |= PC_DNSF_ARPA;
	return f;
}

uint16_t
pc_dns_name_facts(pc_span n)
{
	uint16_t	f;

	if (n.n >= 8 && name_facts_by_word(n, &f))
		return f;
	return name_facts_by_octet(n);
}

/* ---------------------------------------------------------------- the names */

/* A commonName that names a host: non-empty and not an IP address. */
static bool
cn_dns_name(const pc_attr *a)
{
	uint8_t		ip[16];
	size_t		iplen;

	return PC_OID_IS(a->oid, OID_AT_CN) && a->value.n > 0 &&
		!pc_parse_ip_text(a->value, ip, &iplen);
}

static void
keep(pc_report *r, pc_span name)
{
	if (r->dns_n < PC_DNS_MEMO)
		r->dns[r->dns_n++] = name;
	else
		r->dns_n = PC_DNS_MEMO + 1;
}

/*
 * Fill the report's list of names (marking it too long to keep past
 * PC_DNS_MEMO names) and the facts of all of them, however many.
 */
void
pc_dns_remember(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	g;
	pc_gn		gn;
	pc_span		cn1 = {NULL, 0};	/* the first commonName name, facts not yet known */

	r->dns_n = 0;
	r->dns_cert = c;
	r->dns_fcn = 0;
	r->dns_fsan = 0;
	r->dns_san_empty = false;
	for (int i = 0; i < c->subject.nattr; i++)
		if (cn_dns_name(&c->subject.attr[i]))
		{
			keep(r, c->subject.attr[i].value);
			if (cn1.p == NULL)
				cn1 = c->subject.attr[i].value;
			else
				r->dns_fcn |= pc_dns_name_facts(c->subject.attr[i].value);
		}
	r->dns_cn = (uint8_t) (r->dns_n <= PC_DNS_MEMO ? r->dns_n : 0);
	/* the walk sees every SAN entry: note an empty one for e_ext_san_empty_name */
	pc_gn_begin(&g, c->san);
	while (pc_gn_next(&g, &gn))
	{
		if (gn.v.n == 0)
			r->dns_san_empty = true;
		if (gn.type == PC_GN_DNS)
		{
			uint16_t	f = pc_dns_name_facts(gn.v);

			keep(r, gn.v);
			r->dns_fsan |= f;

			/*
			 * The BRs have the commonName repeat a SAN name, mostly the
			 * first: the same octets have the same facts, so the name is
			 * not read twice.
			 */
			if (cn1.p != NULL && gn.v.n == cn1.n && memcmp(gn.v.p, cn1.p, cn1.n) == 0)
			{
				r->dns_fcn |= f;
				cn1.p = NULL;
			}
		}
	}
	if (cn1.p != NULL)
		r->dns_fcn |= pc_dns_name_facts(cn1);
}

bool
pc_dns_walk(pc_dns_iter *it, pc_span *name)
{
	pc_gn		gn;

	while (it->with_cn && it->ai < it->c->subject.nattr)
	{
		const pc_attr *a = &it->c->subject.attr[it->ai++];

		if (cn_dns_name(a))
		{
			*name = a->value;
			return true;
		}
	}
	while (pc_gn_next(&it->g, &gn))
	{
		if (gn.type == PC_GN_DNS)
		{
			*name = gn.v;
			return true;
		}
	}
	return false;
}

void
pc_dns_begin(pc_dns_iter *it, const pc_cert *c, pc_report *r, bool with_cn)
{
	it->c = c;
	it->with_cn = with_cn;
	it->ai = 0;
	it->memo = NULL;
	pc_gn_begin(&it->g, c->san);
	if (r->dns_n < 0 || r->dns_cert != c)
		pc_dns_remember(c, r);
	if (r->dns_n <= PC_DNS_MEMO)
	{
		it->memo = r->dns;
		it->mi = with_cn ? 0 : r->dns_cn;
		it->mn = r->dns_n;
	}
}
