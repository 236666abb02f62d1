/*
 * rfc5891.c
 *		Internationalised domain names in dNSName entries: IDNA (RFC 5890,
 *		5891) A-labels, Punycode (RFC 3492) and, through RFC 8399 / RFC 5891
 *		5.2, Unicode Normalization Form C.
 *
 * An A-label ("xn--" followed by Punycode) is decoded here into at most 63
 * code points (a DNS label has at most 63 octets, and every octet of the
 * encoded form yields at most one code point).  NFC is decided by
 * normalising (UAX #15, with tables generated from the Unicode data into
 * nfc_data.h) and comparing.
 */
#include "rules.h"
#include "nfc_data.h"

#define LABEL_MAX 63

/* ---------------------------------------------------------------- Punycode (RFC 3492 6.2) */

static int
puny_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0' + 26;
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	return -1;
}

static uint32_t
puny_adapt(uint32_t delta, uint32_t numpoints, bool first)
{
	uint32_t	k = 0;

	delta = first ? delta / 700 : delta / 2;
	delta += delta / numpoints;
	while (delta > ((36 - 1) * 26) / 2)
	{
		delta /= 36 - 1;
		k += 36;
	}
	return k + (36 * delta) / (delta + 38);
}

/*
 * Decode the Punycode part of an A-label (without "xn--") into out[].
 * Returns the number of code points, or -1 when the input is not valid
 * Punycode, overflows, or yields a surrogate or a value past U+10FFFF.
 */
static int
puny_decode(const uint8_t *in, size_t n, uint32_t *out)
{
	uint32_t	code = 128,
				bias = 72,
				i = 0;
	size_t		basic = 0,
				pos;
	int			len = 0;

	for (size_t j = 0; j < n; j++)
		if (in[j] == '-')
			basic = j;
	if (basic > LABEL_MAX)
		return -1;
	for (size_t j = 0; j < basic; j++)
	{
		if (in[j] >= 0x80)
			return -1;
		out[len++] = in[j];
	}
	pos = basic > 0 ? basic + 1 : 0;
	while (pos < n)
	{
		uint32_t	oldi = i,
					w = 1;

		for (uint32_t k = 36;; k += 36)
		{
			int			digit;
			uint32_t	t;

			if (pos >= n)
				return -1;
			digit = puny_digit(in[pos++]);
			if (digit < 0 || (uint32_t) digit > (UINT32_MAX - i) / w)
				return -1;
			i += (uint32_t) digit * w;
			t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
			if ((uint32_t) digit < t)
				break;
			if (w > UINT32_MAX / (36 - t))
				return -1;
			w *= 36 - t;
		}
		bias = puny_adapt(i - oldi, (uint32_t) len + 1, oldi == 0);
		if (i / ((uint32_t) len + 1) > UINT32_MAX - code)
			return -1;
		code += i / ((uint32_t) len + 1);
		i %= (uint32_t) len + 1;
		if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || len >= LABEL_MAX)
			return -1;
		memmove(out + i + 1, out + i, ((size_t) len - i) * sizeof(uint32_t));
		out[i++] = code;
		len++;
	}
	return len;
}

static bool
has_ace_prefix(pc_span label)
{
	return label.n >= 4 && (label.p[0] | 0x20) == 'x' && (label.p[1] | 0x20) == 'n' &&
		label.p[2] == '-' && label.p[3] == '-';
}

/* ---------------------------------------------------------------- NFC (UAX #15) */

/* Canonical decomposition expands a code point to at most 4 (Hangul: 3). */
#define NFD_MAX (LABEL_MAX * 4)

static int
ccc_of(uint32_t cp)
{
	size_t		lo = 0,
				hi = sizeof(nfc_ccc) / sizeof(nfc_ccc[0]);

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (cp < nfc_ccc[mid][0])
			hi = mid;
		else if (cp > nfc_ccc[mid][1])
			lo = mid + 1;
		else
			return (int) nfc_ccc[mid][2];
	}
	return 0;
}

/* Hangul syllable arithmetic (Unicode 3.12). */
#define H_SBASE 0xac00
#define H_LBASE 0x1100
#define H_VBASE 0x1161
#define H_TBASE 0x11a7
#define H_LCOUNT 19
#define H_VCOUNT 21
#define H_TCOUNT 28
#define H_NCOUNT (H_VCOUNT * H_TCOUNT)
#define H_SCOUNT (H_LCOUNT * H_NCOUNT)

/* Append the full canonical decomposition of cp to out[*n]. */
static void
decompose(uint32_t cp, uint32_t *out, int *n)
{
	size_t		lo = 0,
				hi = sizeof(nfc_decomp) / sizeof(nfc_decomp[0]);

	if (cp >= H_SBASE && cp < H_SBASE + H_SCOUNT)
	{
		uint32_t	s = cp - H_SBASE;

		out[(*n)++] = H_LBASE + s / H_NCOUNT;
		out[(*n)++] = H_VBASE + (s % H_NCOUNT) / H_TCOUNT;
		if (s % H_TCOUNT)
			out[(*n)++] = H_TBASE + s % H_TCOUNT;
		return;
	}
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (cp < nfc_decomp[mid][0])
			hi = mid;
		else if (cp > nfc_decomp[mid][0])
			lo = mid + 1;
		else
		{
			for (int k = 1; k <= 4 && nfc_decomp[mid][k]; k++)
				out[(*n)++] = nfc_decomp[mid][k];
			return;
		}
	}
	out[(*n)++] = cp;
}

/* The primary composite of (a, b), or 0 when there is none. */
static uint32_t
compose(uint32_t a, uint32_t b)
{
	size_t		lo = 0,
				hi = sizeof(nfc_comp) / sizeof(nfc_comp[0]);

	if (a >= H_LBASE && a < H_LBASE + H_LCOUNT && b >= H_VBASE && b < H_VBASE + H_VCOUNT)
		return H_SBASE + ((a - H_LBASE) * H_VCOUNT + (b - H_VBASE)) * H_TCOUNT;
	if (a >= H_SBASE && a < H_SBASE + H_SCOUNT && (a - H_SBASE) % H_TCOUNT == 0 &&
		b > H_TBASE && b < H_TBASE + H_TCOUNT)
		return a + (b - H_TBASE);
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (a < nfc_comp[mid][0] || (a == nfc_comp[mid][0] && b < nfc_comp[mid][1]))
			hi = mid;
		else if (a > nfc_comp[mid][0] || b > nfc_comp[mid][1])
			lo = mid + 1;
		else
			return nfc_comp[mid][2];
	}
	return 0;
}

/*
 * Is the sequence in NFC?  Computes NFC (canonical decomposition, canonical
 * ordering, canonical composition) and compares; *culprit is the first code
 * point that differs.
 */
static bool
is_nfc(const uint32_t *s, int n, uint32_t *culprit)
{
	uint32_t	d[NFD_MAX];
	int			cls[NFD_MAX];
	int			len = 0,
				out,
				starter = -1,
				last_cls = 0;

	for (int i = 0; i < n; i++)
		decompose(s[i], d, &len);
	for (int i = 0; i < len; i++)
		cls[i] = ccc_of(d[i]);
	/* canonical ordering: stable sort of each run of non-starters by class */
	for (int i = 1; i < len; i++)
		for (int j = i; j > 0 && cls[j] != 0 && cls[j - 1] > cls[j]; j--)
		{
			uint32_t	tc = d[j];
			int			tk = cls[j];

			d[j] = d[j - 1];
			cls[j] = cls[j - 1];
			d[j - 1] = tc;
			cls[j - 1] = tk;
		}
	/* canonical composition, in place */
	out = 0;
	for (int i = 0; i < len; i++)
	{
		uint32_t	comp = 0;

		if (starter >= 0 && (out == starter + 1 || (cls[i] != 0 && last_cls < cls[i])))
			comp = compose(d[starter], d[i]);
		if (comp)
		{
			d[starter] = comp;
			continue;
		}
		if (cls[i] == 0)
		{
			starter = out;
			last_cls = 0;
		}
		else
			last_cls = cls[i];
		d[out] = d[i];
		cls[out] = cls[i];
		out++;
	}
	for (int i = 0; i < n || i < out; i++)
		if (i >= n || i >= out || d[i] != s[i])
		{
			*culprit = i < n ? s[i] : d[i];
			return false;
		}
	return true;
}

/* ---------------------------------------------------------------- checks */

typedef enum
{
	IDN_NOT_PUNYCODE,
	IDN_NOT_NFC,
} idn_problem;

/* A U-label has at least one non-ASCII character (RFC 5890 2.3.2.1). */
static bool
any_non_ascii(const uint32_t *cps, int len)
{
	for (int i = 0; i < len; i++)
		if (cps[i] >= 0x80)
			return true;
	return false;
}

/* Walk every A-label of every SAN dNSName; report the first label with 'want'. */
static void
check_idn(const pc_cert *c, pc_report *r, idn_problem want)
{
	pc_gn_iter	it;
	pc_gn		gn;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_DOUBLE_HYPHEN))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		size_t		start = 0;

		/* an A-label starts "xn--": a name without "--" has none */
		if (gn.type != PC_GN_DNS || !pc_span_has_pair(gn.v, '-'))
			continue;
		for (size_t i = 0; i <= gn.v.n; i++)
		{
			pc_span		label;
			uint32_t	cps[LABEL_MAX];
			int			len;
			uint32_t	culprit;

			if (i < gn.v.n && gn.v.p[i] != '.')
				continue;
			label = (pc_span) {gn.v.p + start, i - start};
			start = i + 1;
			if (!has_ace_prefix(label))
				continue;
			len = puny_decode(label.p + 4, label.n - 4, cps);
			if (len < 0 || !any_non_ascii(cps, len))
			{
				if (want == IDN_NOT_PUNYCODE)
				{
					pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has label \"" PC_SPAN_FMT "\" that %s",
							PC_SPAN_ARG(gn.v), PC_SPAN_ARG(label),
							len < 0 ? "is not valid Punycode" :
							"decodes to ASCII only, so it is not an A-label");
					return;
				}
				continue;
			}
			if (want == IDN_NOT_NFC && !is_nfc(cps, len, &culprit))
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has label \"" PC_SPAN_FMT
						"\" that is not in Unicode NFC (at U+%04X)",
						PC_SPAN_ARG(gn.v), PC_SPAN_ARG(label), (unsigned) culprit);
				return;
			}
		}
	}
}

static void
check_idn_not_unicode(const pc_cert *c, pc_report *r)
{
	check_idn(c, r, IDN_NOT_PUNYCODE);
}

static void
check_idn_not_nfc(const pc_cert *c, pc_report *r)
{
	check_idn(c, r, IDN_NOT_NFC);
}

const pc_rule pc_rules_rfc5891[] = {
	{.name = "e_international_dns_name_not_unicode", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 7.2; RFC 3490: 4.2; RFC 3492", .from = PC_DATE(2003, 3, 1),
		.scope = SCOPE_ANY, .check = check_idn_not_unicode,
		.description = "Every subjectAltName dNSName label starting \"xn--\" (any case) must be an "
		"A-label: its remainder must decode as Punycode (RFC 3492) to code points, at least one of "
		"them non-ASCII (RFC 5890 2.3.2.1: an ASCII-only label is not the ACE form of a U-label)."},
	{.name = "e_international_dns_name_not_nfc", .severity = PC_ERROR, .source = "RFC5891",
		.citation = "RFC 8399: 2.2; RFC 5891: 5.2", .from = PC_DATE(2018, 5, 1),
		.scope = SCOPE_ANY, .check = check_idn_not_nfc,
		.description = "The Unicode form of every A-label in a subjectAltName dNSName must be in "
		"Normalization Form C (UAX #15, Unicode 14 data); labels that are not valid Punycode "
		"are left to e_international_dns_name_not_unicode."},
};

PC_RULE_TABLE_END(rfc5891);
