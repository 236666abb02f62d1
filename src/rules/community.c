/*
 * community.c
 *		Community rules: checks that no single standard imposes but that
 *		linters (awslabs certlint, ZLint) agree flag mistakes: suspicious
 *		names, mis-encoded text, degenerate RSA keys and validity periods.
 *
 * Also home of the public-suffix lookup (pc_public_suffix_at), which the
 * RFC 5280 dNSName rules share.  Its data is the ICANN section of the real
 * Public Suffix List, generated into psl_data.h by scripts/gen-psl.py.
 */
#include "rules.h"
#include "psl_data.h"

#include <math.h>

#include <openssl/bn.h>

/* ---------------------------------------------------------------- public suffixes */

/* Order of s[0..n) against a NUL-terminated rule, as strcmp orders them. */
static int
psl_cmp(const char *s, size_t n, const char *rule)
{
	size_t		i;

	for (i = 0; i < n && rule[i]; i++)
		if (s[i] != rule[i])
			return (unsigned char) s[i] < (unsigned char) rule[i] ? -1 : 1;
	if (i < n)
		return 1;
	return rule[i] ? -1 : 0;
}

static bool
psl_has(const char *s, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		lo,
				hi;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t) s[i]) * 0x100000001b3ULL;
	lo = psl_bucket[h >> (64 - PSL_BUCKET_BITS)];
	hi = psl_bucket[(h >> (64 - PSL_BUCKET_BITS)) + 1];
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (psl_index[mid].hash == h)
		{
			/* equal hashes: confirm with the text (and any neighbours) */
			while (mid > 0 && psl_index[mid - 1].hash == h)
				mid--;
			for (; mid < hi && psl_index[mid].hash == h; mid++)
				if (psl_cmp(s, n, psl_rules[psl_index[mid].rule]) == 0)
					return true;
			return false;
		}
		if (psl_index[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Is s[0..n) (lower case) the text of psl_rules[from .. to) after 'skip' octets? */
static bool
psl_among(const char *s, size_t n, size_t from, size_t to, size_t skip)
{
	for (size_t k = from; k < to; k++)
	{
		const char *rule = psl_rules[k] + skip;

		if (rule[0] == s[0] && strncmp(rule, s, n) == 0 && rule[n] == '\0')
			return true;
	}
	return false;
}

/*
 * A name as the list's rules are written: without a trailing dot, lower
 * case, NUL-terminated in low[254].  False when it cannot be a DNS name
 * (empty, over 253 octets, a NUL inside); *n is then the length without
 * the dot.
 */
static bool
psl_lower(const char *name, size_t *n, char *low)
{
	if (*n > 0 && name[*n - 1] == '.')
		(*n)--;
	if (*n == 0 || *n > 253 || memchr(name, '\0', *n))
		return false;
	for (size_t k = 0; k < *n; k++)
		low[k] = (char) (name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 : name[k]);
	low[*n] = '\0';
	return true;
}

typedef enum
{
	PSL_NO_RULE,				/* no rule names this candidate */
	PSL_EXCEPTION,				/* "!candidate": the suffix is its parent */
	PSL_RULE,					/* a rule, or a wildcard over its parent */
} psl_verdict;

/*
 * One step of the walk: the candidate suffix low[i..n).  The few exception
 * and wildcard rules are compared directly; only the plain rules are looked
 * up by hash.
 */
static psl_verdict
psl_step(const char *low, size_t n, size_t i)
{
	const char *cand = low + i;
	const char *dot = memchr(cand, '.', n - i);

	if (psl_among(cand, n - i, 0, PSL_EXCEPTIONS, 1))
		return PSL_EXCEPTION;
	if (psl_has(cand, n - i))
		return PSL_RULE;
	if (dot && psl_among(dot + 1, (size_t) (low + n - dot - 1), PSL_EXCEPTIONS,
						 PSL_EXCEPTIONS + PSL_WILDCARDS, 2))
		return PSL_RULE;
	return PSL_NO_RULE;
}

/*
 * The PSL algorithm (publicsuffix.org/list/): of the rules matching the
 * name, an exception rule wins, then the one with most labels; with no match
 * the default rule "*" makes the last label the suffix.  Walking the
 * candidate suffixes from the longest, the first match is the prevailing one.
 */
size_t
pc_public_suffix_at(const char *name, size_t n, bool *listed)
{
	char		low[253 + 1];
	size_t		i = 0;

	if (listed)
		*listed = true;
	if (!psl_lower(name, &n, low))
	{
		if (listed)
			*listed = false;
		return n;
	}
	for (;;)
	{
		const char *dot = memchr(low + i, '.', n - i);
		psl_verdict v = psl_step(low, n, i);

		if (v == PSL_EXCEPTION)
			return dot ? (size_t) (dot + 1 - low) : n;
		if (v == PSL_RULE)
			return i;
		if (!dot)
			break;
		i = (size_t) (dot + 1 - low);
	}
	/* default rule "*": the last label alone */
	if (listed)
		*listed = false;
	for (i = n; i > 0 && low[i - 1] != '.'; i--)
		;
	return i;
}

/*
 * pc_public_suffix_at through the report's memo, a small open-addressing
 * table keyed by the name's address and length.  When every slot is taken
 * (a certificate with more names than slots), the home slot is reused.
 */
size_t
pc_public_suffix(pc_report *r, pc_span name, bool *listed)
{
	uint64_t	h = (uint64_t) (uintptr_t) name.p;
	unsigned	home,
				slot;
	pc_psl_memo *m = NULL;

	/* mix all address bits: names sit a few dozen octets apart */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	home = (unsigned) (h % PC_PSL_MEMO);
	slot = home;
	for (unsigned i = 0; i < PC_PSL_MEMO; i++)
	{
		unsigned	s = (home + i) % PC_PSL_MEMO;

		if (!((r->psl_used >> s) & 1))
		{
			slot = s;			/* a free slot: the name is not here */
			break;
		}
		if (r->psl[s].p == name.p && r->psl[s].n == name.n)
		{
			m = &r->psl[s];
			break;
		}
	}
	if (m == NULL)
	{
		m = &r->psl[slot];
		m->p = name.p;
		m->n = name.n;
		m->off = pc_public_suffix_at((const char *) name.p, name.n, &m->listed);
		r->psl_used |= 1U << slot;
	}
	if (listed)
		*listed = m->listed;
	return m->off;
}

/*
 * Is the whole name a public suffix by a rule of the list, that is, does
 * pc_public_suffix_at answer 0 with 'listed'?  Only the walk's first step
 * can answer 0 (a later step starts past a dot, and the default rule gives
 * the last label), so that step alone decides.
 */
bool
pc_psl_whole_name(pc_span name)
{
	char		low[253 + 1];
	size_t		n = name.n;

	return psl_lower((const char *) name.p, &n, low) && psl_step(low, n, 0) == PSL_RULE;
}

/*
 * Is the name (after an optional "*." wildcard label) a bare public suffix,
 * by a rule of the list?  A single label that the list does not know ("Not a
 * dns", "intranet") is a suffix only by the list's default rule: that is an
 * invalid or internal name, which other rules report, not a public suffix.
 */
static bool
bare_suffix(pc_report *r, pc_span name)
{
	if (name.n >= 2 && name.p[0] == '*' && name.p[1] == '.')
	{
		name.p += 2;
		name.n -= 2;
	}
	if (name.n == 0 || name.n > 253 || memchr(name.p, '\0', name.n))
		return false;
	return pc_psl_whole_name(name);
}

/* ---------------------------------------------------------------- SAN / IAN dNSNames */

typedef enum
{
	DNS_BARE_WILDCARD,
	DNS_NUL,
	DNS_LEADING_DOT,
	DNS_WILDCARD_NOT_FIRST,
	DNS_BARE_SUFFIX,
} dns_problem;

static bool
dns_has(pc_report *r, pc_span v, dns_problem want)
{
	switch (want)
	{
		case DNS_BARE_WILDCARD:
			return v.n == 1 && v.p[0] == '*';
		case DNS_NUL:
			return v.n > 0 && memchr(v.p, '\0', v.n) != NULL;
		case DNS_LEADING_DOT:
			return v.n > 0 && v.p[0] == '.';
		case DNS_WILDCARD_NOT_FIRST:
			return v.n > 1 && memchr(v.p + 1, '*', v.n - 1) != NULL;
		case DNS_BARE_SUFFIX:
			return bare_suffix(r, v);
	}
	return false;
}

static const char *const dns_problem_text[] = {
	"is a bare wildcard",
	"contains a NUL octet",
	"starts with a dot",
	"has a wildcard outside the first position",
	"is a bare public suffix",
};

/* A name can only have the problem when it has one of these facts. */
static const uint16_t dns_problem_facts[] = {
	PC_DNSF_STAR,
	PC_DNSF_OTHER,
	PC_DNSF_EMPTY_LABEL,
	PC_DNSF_STAR,
	UINT16_MAX,					/* any name may be a public suffix */
};

static void
check_dns(const pc_cert *c, pc_report *r, bool issuer, dns_problem want)
{
	pc_gn_iter	it;
	pc_gn		gn;
	int			found = 0;

	if (!issuer && !(pc_dns_facts(c, r, false) & dns_problem_facts[want]))
		return;
	pc_gn_begin(&it, issuer ? c->ian : c->san);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_DNS && dns_has(r, gn.v, want) && found++ < 4)
			pc_fail(r, "%s dNSName \"" PC_SPAN_FMT "\" %s",
					issuer ? "issuerAltName" : "subjectAltName", PC_SPAN_ARG(gn.v),
					dns_problem_text[want]);
}

#define DNS_PAIR(fn, want) \
	static void fn##_san(const pc_cert *c, pc_report *r) { check_dns(c, r, false, want); } \
	static void fn##_ian(const pc_cert *c, pc_report *r) { check_dns(c, r, true, want); }

DNS_PAIR(check_bare_wildcard, DNS_BARE_WILDCARD)
DNS_PAIR(check_dns_nul, DNS_NUL)
DNS_PAIR(check_dns_leading_dot, DNS_LEADING_DOT)
DNS_PAIR(check_wildcard_not_first, DNS_WILDCARD_NOT_FIRST)
DNS_PAIR(check_pub_suffix, DNS_BARE_SUFFIX)

/*
 * Duplicates by hashing, so a certificate with thousands of names costs
 * linear time: each dNSName's case-folded 64-bit FNV-1a goes into an
 * open-addressing table on the stack, and an equal hash is a duplicate (a
 * false match needs a 64-bit collision).  Past DUP_SLOTS / 2 distinct names
 * the table stops taking more, so later duplicates of names not yet seen go
 * unreported: a notice, and far beyond any real certificate.  The table is
 * sized to the certificate, so the usual handful of names clears 128 bytes.
 */
#define DUP_SLOTS 4096

static void
check_san_dns_duplicate(const pc_cert *c, pc_report *r)
{
	uint64_t	table[DUP_SLOTS];
	size_t		slots = 16;
	size_t		used = 0;
	pc_gn_iter	it;
	pc_gn		gn;

	if (c->nsan < 2)
		return;
	/* a table twice the number of names (a power of two), cleared only that far */
	while (slots < DUP_SLOTS && slots < 2 * (size_t) c->nsan)
		slots *= 2;
	memset(table, 0, slots * sizeof(table[0]));
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		uint64_t	h = 0xcbf29ce484222325ULL;
		size_t		slot;

		if (gn.type != PC_GN_DNS)
			continue;
		for (size_t i = 0; i < gn.v.n; i++)
		{
			uint8_t		ch = gn.v.p[i];

			h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)) * 0x100000001b3ULL;
		}
		h |= 1;					/* 0 marks an empty slot */
		for (slot = h % slots; table[slot] != 0 && table[slot] != h; slot = (slot + 1) % slots)
			;
		if (table[slot] == h)
		{
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" appears more than once in subjectAltName",
					PC_SPAN_ARG(gn.v));
			return;
		}
		if (used < slots / 2)
		{
			table[slot] = h;
			used++;
		}
	}
}

/* A redacted label "?" (draft-strad-trans-redaction) after an optional wildcard. */
static bool
redacted(pc_span v)
{
	if (v.n >= 2 && v.p[0] == '*' && v.p[1] == '.')
	{
		v.p += 2;
		v.n -= 2;
	}
	return v.n >= 2 && v.p[0] == '?' && v.p[1] == '.';
}

static void
check_redacted(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (PC_OID_IS(a->oid, OID_AT_CN) && redacted(a->value))
		{
			pc_fail(r, "subject commonName \"" PC_SPAN_FMT "\" is a redacted name", PC_SPAN_ARG(a->value));
			return;
		}
	}
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_DNS && redacted(gn.v))
		{
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" is a redacted name", PC_SPAN_ARG(gn.v));
			return;
		}
}

/* ---------------------------------------------------------------- names: text of attribute values */

/* Attributes that hold free text a person typed (the set ZLint examines). */
#define TEXT_KINDS \
	(PC_AK_BIT(PC_AK_GIVEN_NAME) | PC_AK_BIT(PC_AK_SURNAME) | PC_AK_BIT(PC_AK_CN) | \
	 PC_AK_BIT(PC_AK_OU) | PC_AK_BIT(PC_AK_O) | PC_AK_BIT(PC_AK_L) | PC_AK_BIT(PC_AK_ST) | \
	 PC_AK_BIT(PC_AK_STREET) | PC_AK_BIT(PC_AK_POSTAL_CODE) | PC_AK_BIT(PC_AK_ORG_ID) | \
	 PC_AK_BIT(PC_AK_JUR_L) | PC_AK_BIT(PC_AK_JUR_ST))

/* Is attribute i, by the subject summary, a text attribute whose value has octet class av? */
static inline bool
text_attribute_with(const pc_subject_memo *s, int i, uint8_t av)
{
	return (TEXT_KINDS & PC_AK_BIT(s->kind[i])) && (s->av[i] & av);
}

static bool
string_tag(uint8_t tag)
{
	return tag == PC_T_UTF8STRING || tag == PC_T_PRINTABLESTRING || tag == PC_T_TELETEXSTRING ||
		tag == PC_T_IA5STRING || tag == PC_T_BMPSTRING || tag == PC_T_UNIVERSALSTRING ||
		tag == PC_T_VISIBLESTRING || tag == PC_T_NUMERICSTRING;
}

/* Windows-1252 reading of octets 0x80-0x9F (0 where the code page has none). */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/*
 * Could 'cp' be the second octet of a UTF-8 encoded U+00C0..U+00FF read as
 * Windows-1252 or Latin-1?  Those encodings are C3 80..C3 BF; C3 reads as
 * U+00C3 'Ã'.  NBSP (A0) and soft hyphen (AD) are left out: after 'Ã' they
 * are plausible text.
 */
static bool
mixup_second(uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0x9f)
		return true;			/* Latin-1 reading: C1 control */
	if (cp >= 0xa1 && cp <= 0xbf && cp != 0xad)
		return true;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] != 0 && cp1252_high[i] == cp)
			return true;
	return false;
}

static void
check_utf8_latin1_mixup(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	/* printable ASCII values (pc_str_ascii) hold no U+00C3 */
	if (!(s->av_any & PC_AV_NOT_ASCII))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		size_t		pos = 0;
		uint32_t	cp,
					prev = 0;

		if (!text_attribute_with(s, i, PC_AV_NOT_ASCII) || !string_tag(a->vtag))
			continue;
		while (pc_str_next(a->vtag, a->value, &pos, &cp, NULL))
		{
			if (prev == 0xc3 && mixup_second(cp))
			{
				char		oid[64];

				pc_oid_text(a->oid, oid, sizeof(oid));
				pc_fail(r, "subject %s \"" PC_SPAN_FMT "\" has U+00C3 U+%04X, UTF-8 text read as "
						"Latin-1", oid, PC_SPAN_ARG(a->value), (unsigned) cp);
				return;
			}
			prev = cp;
		}
	}
}

/* "&name;" or "&#123;" (an HTML character reference), in ASCII. */
static bool
has_html_entity(pc_span v)
{
	for (size_t i = 0; i < v.n; i++)
	{
		size_t		j = i + 1,
					k;

		if (v.p[i] != '&')
			continue;
		if (j < v.n && v.p[j] == '#')
			j++;
		k = j;
		while (k < v.n && ((v.p[k] >= 'a' && v.p[k] <= 'z') || (v.p[k] >= 'A' && v.p[k] <= 'Z') ||
						   (v.p[k] >= '0' && v.p[k] <= '9')))
			k++;
		if (k > j && k < v.n && v.p[k] == ';')
			return true;
	}
	return false;
}

static void
check_html_entities(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	/* every entity starts with '&' */
	if (!(s->av_any & PC_AV_AMP))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		/* entities are ASCII; UCS-2/UCS-4 values would need decoding first */
		if (!text_attribute_with(s, i, PC_AV_AMP) || !string_tag(a->vtag) ||
			a->vtag == PC_T_BMPSTRING || a->vtag == PC_T_UNIVERSALSTRING)
			continue;
		if (has_html_entity(a->value))
		{
			char		oid[64];

			pc_oid_text(a->oid, oid, sizeof(oid));
			pc_fail(r, "subject %s \"" PC_SPAN_FMT "\" contains an HTML entity",
					oid, PC_SPAN_ARG(a->value));
			return;
		}
	}
}

static void
check_country_uppercase(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		bool		ok;

		if (!PC_OID_IS(a->oid, OID_AT_C))
			continue;
		ok = a->value.n > 0;
		for (size_t k = 0; ok && k < a->value.n; k++)
			ok = a->value.p[k] >= 'A' && a->value.p[k] <= 'Z';
		if (!ok)
			pc_fail(r, "subject countryName \"" PC_SPAN_FMT "\" is not upper-case A-Z",
					PC_SPAN_ARG(a->value));
	}
}

/* Go's unicode.IsSpace: ASCII white space, NEL, NBSP and the Zs/Zl/Zp spaces. */
static bool
is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
		cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
		cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

static void
check_whitespace(const pc_name *n, pc_report *r, const char *which, bool leading)
{
	for (int i = 0; i < n->nattr; i++)
	{
		const pc_attr *a = &n->attr[i];
		size_t		pos = 0;
		uint32_t	cp,
					first = 0,
					last = 0;
		bool		any = false;

		/* the X.520 name attributes under id-at (2.5.4.x) */
		if (a->oid.n != 3 || a->oid.p[0] != 0x55 || a->oid.p[1] != 0x04 || !string_tag(a->vtag))
			continue;
		if (leading)
		{
			any = pc_str_next(a->vtag, a->value, &pos, &cp, NULL);
			first = any ? cp : 0;
		}
		else if (a->value.n > 0 && a->vtag != PC_T_BMPSTRING && a->vtag != PC_T_UNIVERSALSTRING &&
				 (a->vtag != PC_T_UTF8STRING || a->value.p[a->value.n - 1] < 0x80))
		{
			/* the last octet is the last character: no need to decode the rest */
			any = true;
			last = a->value.p[a->value.n - 1];
		}
		else
			while (pc_str_next(a->vtag, a->value, &pos, &cp, NULL))
			{
				last = cp;
				any = true;
			}
		if (any && is_space(leading ? first : last))
		{
			char		oid[64];

			pc_oid_text(a->oid, oid, sizeof(oid));
			pc_fail(r, "%s %s \"" PC_SPAN_FMT "\" has %s white space", which, oid,
					PC_SPAN_ARG(a->value), leading ? "leading" : "trailing");
			return;
		}
	}
}

static void
check_subject_leading_ws(const pc_cert *c, pc_report *r)
{
	check_whitespace(&c->subject, r, "subject", true);
}

static void
check_subject_trailing_ws(const pc_cert *c, pc_report *r)
{
	check_whitespace(&c->subject, r, "subject", false);
}

static void
check_issuer_leading_ws(const pc_cert *c, pc_report *r)
{
	check_whitespace(&c->issuer, r, "issuer", true);
}

static void
check_issuer_trailing_ws(const pc_cert *c, pc_report *r)
{
	check_whitespace(&c->issuer, r, "issuer", false);
}

static void
check_multi_rdn(const pc_name *n, pc_report *r, const char *which)
{
	for (int i = 1; i < n->nattr; i++)
		if (n->attr[i].rdn == n->attr[i - 1].rdn)
		{
			pc_fail(r, "%s RDN #%u holds more than one attribute", which, (unsigned) n->attr[i].rdn + 1);
			return;
		}
}

static void
check_subject_multi_rdn(const pc_cert *c, pc_report *r)
{
	check_multi_rdn(&c->subject, r, "subject");
}

static void
check_issuer_multi_rdn(const pc_cert *c, pc_report *r)
{
	check_multi_rdn(&c->issuer, r, "issuer");
}

/* ---------------------------------------------------------------- validity */

static void
check_validity_not_positive(const pc_cert *c, pc_report *r)
{
	if (c->not_after.t < c->not_before.t)
		pc_fail(r, "notAfter " PC_SPAN_FMT " is before notBefore " PC_SPAN_FMT,
				PC_SPAN_ARG(c->not_after.text), PC_SPAN_ARG(c->not_before.text));
}

/* ---------------------------------------------------------------- RSA keys */

static void
check_rsa_no_public_key(const pc_cert *c, pc_report *r)
{
	if (c->spki.type == PC_KEY_RSA && c->spki.rsa_n.n == 0)
		pc_fail(r, "rsaEncryption key does not hold an RSAPublicKey (modulus and exponent)");
}

static void
check_rsa_exp_negative(const pc_cert *c, pc_report *r)
{
	if (c->spki.type == PC_KEY_RSA && c->spki.rsa_e.n > 0 && (c->spki.rsa_e.p[0] & 0x80))
		pc_fail(r, "RSA public exponent is negative");
}

#define FERMAT_ROUNDS 100

typedef unsigned __int128 round_mask;	/* bit i: round i may give a square */

/*
 * Fermat's method: with a = isqrt(n) + 1 (where ZLint starts), n = a^2 - b^2
 * when round i's (a + i)^2 - n is a square b^2, and then n = (a + i - b)
 * (a + i + b).  Primes chosen close together (|p - q| small compared with
 * n^(1/4)) fall within a few rounds.
 *
 * A square is a square modulo anything, so (a + i)^2 - n must be a
 * quadratic residue modulo small numbers, which depends only on a and n
 * modulo them.  Bit masks modulo 64, 63 and 55 reject most of the 100
 * rounds at once (about 1.5 survive); each survivor is then tested modulo
 * the primes 13 to 43, which leave a round to exact arithmetic in a few
 * keys per thousand.  So the common case needs isqrt(n) (without its
 * remainder) and one remainder of it and of n modulo the product of all
 * those moduli.
 */
#define FERMAT_FILTER_PRODUCT \
	UINT64_C(1255945087840322880)	/* 64 * 63 * 55 * 13 * 17 * ... * 41 * 43 */

/* Bit r is set when r is a square modulo 64, 63, 55. */
#define SQUARES_64 UINT64_C(0x202021202030213)
#define SQUARES_63 UINT64_C(0x402483012450293)
#define SQUARES_55 UINT64_C(0x230148611ca33)

/* The same from the definition (the squares of 0 .. m - 1), as a check. */
#define SQ_BIT(m, y) ((y) < (m) ? UINT64_C(1) << ((y) * (y) % (m)) : 0)
#define SQ_BITS8(m, y) \
	(SQ_BIT(m, y) | SQ_BIT(m, (y) + 1) | SQ_BIT(m, (y) + 2) | SQ_BIT(m, (y) + 3) | \
	 SQ_BIT(m, (y) + 4) | SQ_BIT(m, (y) + 5) | SQ_BIT(m, (y) + 6) | SQ_BIT(m, (y) + 7))
#define SQUARES(m) \
	(SQ_BITS8(m, 0) | SQ_BITS8(m, 8) | SQ_BITS8(m, 16) | SQ_BITS8(m, 24) | \
	 SQ_BITS8(m, 32) | SQ_BITS8(m, 40) | SQ_BITS8(m, 48) | SQ_BITS8(m, 56))
_Static_assert(SQUARES(64) == SQUARES_64 && SQUARES(63) == SQUARES_63 &&
			   SQUARES(55) == SQUARES_55, "Fermat filters' squares");

/*
 * Row nu of a filter's table: bit x (x < m) is set when x^2 - nu is a
 * square modulo m, so that with rho = a mod m and nu = n mod m, bit
 * (rho + i) mod m tells whether round i can give a square.  The tables are
 * worked out by the compiler (m^2 keeps the operand positive).
 */
#define QR_BIT(m, sq, nu, x) \
	((x) < (m) && (((sq) >> (((x) * (x) + (m) * (m) - (nu)) % (m))) & 1) ? \
	 UINT64_C(1) << (x) : 0)
#define QR_BITS4(m, sq, nu, x) \
	(QR_BIT(m, sq, nu, x) | QR_BIT(m, sq, nu, (x) + 1) | \
	 QR_BIT(m, sq, nu, (x) + 2) | QR_BIT(m, sq, nu, (x) + 3))
#define QR_BITS16(m, sq, nu, x) \
	(QR_BITS4(m, sq, nu, x) | QR_BITS4(m, sq, nu, (x) + 4) | \
	 QR_BITS4(m, sq, nu, (x) + 8) | QR_BITS4(m, sq, nu, (x) + 12))
#define QR_ROW(m, sq, nu) \
	(QR_BITS16(m, sq, nu, 0) | QR_BITS16(m, sq, nu, 16) | \
	 QR_BITS16(m, sq, nu, 32) | QR_BITS16(m, sq, nu, 48))
#define QR_ROWS4(m, sq, nu) \
	QR_ROW(m, sq, nu), QR_ROW(m, sq, (nu) + 1), \
	QR_ROW(m, sq, (nu) + 2), QR_ROW(m, sq, (nu) + 3)
#define QR_ROWS16(m, sq, nu) \
	QR_ROWS4(m, sq, nu), QR_ROWS4(m, sq, (nu) + 4), \
	QR_ROWS4(m, sq, (nu) + 8), QR_ROWS4(m, sq, (nu) + 12)
#define QR_ROWS64(m, sq) \
	QR_ROWS16(m, sq, 0), QR_ROWS16(m, sq, 16), \
	QR_ROWS16(m, sq, 32), QR_ROWS16(m, sq, 48)

/* 64 rows each, of which the first m are used */
static const uint64_t fermat_rows_64[64] = {QR_ROWS64(64, SQUARES_64)};
static const uint64_t fermat_rows_63[64] = {QR_ROWS64(63, SQUARES_63)};
static const uint64_t fermat_rows_55[64] = {QR_ROWS64(55, SQUARES_55)};

/*
 * The rounds whose (a + i)^2 - n can be a square modulo m <= 64, from the
 * filter's row for n mod m: rotated to start at a mod m, then repeated
 * (the pattern has period m) over all the rounds.
 */
static inline round_mask
filter_rounds(const uint64_t *rows, unsigned m, uint64_t wa, uint64_t wn)
{
	unsigned	rho = (unsigned) (wa % m);
	uint64_t	row = rows[wn % m],
				period = (row >> rho) | (row << ((m - rho) & 63));
	round_mask	mask;

	if (m < 64)
		period &= (UINT64_C(1) << m) - 1;
	mask = period;
	for (unsigned len = m; len < 128; len *= 2)
		mask |= mask << len;
	return mask;
}

/*
 * Can round i's (a + i)^2 - n be a square modulo the primes 13 to 43?  wa
 * and wn are a and n modulo FERMAT_FILTER_PRODUCT (wa may equal it); each
 * modulus is a constant, so each remainder is a multiplication.
 */
static bool
round_may_be_square(uint64_t wa, uint64_t wn, unsigned i)
{
#define QR(m, sq) \
	((((sq) >> (((wa % (m) + i) * (wa % (m) + i) + (m) - wn % (m)) % (m))) & 1) != 0)
	return QR(13, 0x161b) && QR(17, 0x1a317) && QR(19, 0x30af3) &&
		QR(23, 0x5335f) && QR(29, 0x13d122f3) && QR(31, 0x121d47b7) &&
		QR(37, 0x165e211e9bULL) && QR(41, 0x1b382b50737ULL) && QR(43, 0x35883a3ee53ULL);
#undef QR
}

/* Room for the modulus and the values Fermat's method derives from it. */
#define FERMAT_LIMBS (PC_NAT_LIMBS + 2)

/*
 * The rounds that passed every filter, in exact arithmetic: is b2 + i (2a +
 * i) a square, where a = s + 1 and b2 = a^2 - n?  The square root's
 * remainder gives b2 without a squaring: (s + 1)^2 - n = 2s + 1 - (n - s^2).
 * Reports the first round that is.  Rarely reached.
 */
static void __attribute__((noinline))
fermat_confirm(const uint64_t *n, int nn, round_mask maybe, pc_report *r)
{
	uint64_t	a[FERMAT_LIMBS],
				b2[FERMAT_LIMBS],
				t[FERMAT_LIMBS],
				b[FERMAT_LIMBS],
				rem[FERMAT_LIMBS];
	int			an,
				bn;

	an = pc_nat_sqrtrem(a, rem, n, nn);
	bn = pc_nat_shl(b2, a, an, 1);
	b2[bn] = 0;
	bn = pc_nat_add(b2, b2, bn, (const uint64_t[]) {1}, 1);
	bn = pc_nat_sub(b2, bn, rem, nn + 1);
	a[an] = 0;
	an = pc_nat_add(a, a, an, (const uint64_t[]) {1}, 1);

	for (; maybe != 0; maybe &= maybe - 1)
	{
		uint64_t	lo = (uint64_t) maybe;
		int			i = lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t) (maybe >> 64));
		int			tn,
					sn;

		/* t = b2 + i (2a + i) */
		tn = pc_nat_shl(t, a, an, 1);
		tn = pc_nat_add(t, t, tn, (const uint64_t[]) {(uint64_t) i}, 1);
		tn = pc_nat_mul_word(t, tn, (uint64_t) i);
		tn = pc_nat_add(t, t, tn, b2, bn);
		sn = pc_nat_sqrtrem(b, rem, t, tn);
		if (pc_nat_bits(rem, tn + 1) == 0)
		{
			/* p = (a + i) - b, q = (a + i) + b; show the smaller factor's size */
			int			pn = pc_nat_add(t, a, an, (const uint64_t[]) {(uint64_t) i}, 1);

			pn = pc_nat_sub(t, pn, b, sn);
			pc_fail(r, "RSA modulus factors by Fermat's method in %d round%s: the primes differ by "
					"2*%d-bit b, p has %d bits", i + 1, i == 0 ? "" : "s",
					pc_nat_bits(b, sn), pc_nat_bits(t, pn));
			return;
		}
	}
}

/*
 * The filters need a = isqrt(n) + 1 and n modulo FERMAT_FILTER_PRODUCT
 * only.  Moduli longer than PC_NAT_LIMBS limbs (16384 bits, twice the
 * largest key browsers accept) are not examined.
 */
static void
check_rsa_fermat(const pc_cert *c, pc_report *r)
{
	uint64_t	n[PC_NAT_LIMBS],
				s[PC_NAT_LIMBS / 2 + 2];
	round_mask	maybe,
				left = 0;
	uint64_t	wa,
				wn;
	int			nn,
				sn;

	/* RSASSA-PSS keys (RFC 4055) carry the same modulus */
	if ((c->spki.type != PC_KEY_RSA && c->spki.type != PC_KEY_RSA_PSS) ||
		c->spki.rsa_n.n == 0 || (c->spki.rsa_n.p[0] & 0x80))
		return;
	nn = pc_nat_from_bytes(n, PC_NAT_LIMBS, c->spki.rsa_n.p, c->spki.rsa_n.n);
	if (nn <= 0)
		return;
	wn = pc_nat_mod_word(n, nn, FERMAT_FILTER_PRODUCT);
	sn = pc_nat_sqrtrem(s, NULL, n, nn);
	/* a modulo the product, or the product itself, which every filter reads as 0 */
	wa = pc_nat_mod_word(s, sn, FERMAT_FILTER_PRODUCT) + 1;

	maybe = filter_rounds(fermat_rows_64, 64, wa, wn) &
		filter_rounds(fermat_rows_63, 63, wa, wn) &
		filter_rounds(fermat_rows_55, 55, wa, wn) &
		(((round_mask) 1 << FERMAT_ROUNDS) - 1);
	for (; maybe != 0; maybe &= maybe - 1)
	{
		uint64_t	lo = (uint64_t) maybe;
		int			i = lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t) (maybe >> 64));

		if (round_may_be_square(wa, wn, (unsigned) i))
			left |= (round_mask) 1 << i;
	}
	if (left != 0)
		fermat_confirm(n, nn, left, r);
}

/* ---------------------------------------------------------------- table */

#define DNS_RULE(nm, sev, fn, text) \
	{.name = nm, .severity = sev, .source = "Community", .citation = "awslabs certlint", \
		.scope = SCOPE_ANY, .check = fn, .description = text}
/* the issuerAltName twins find nothing without the extension */
#define IAN_DNS_RULE(nm, sev, fn, text) \
	{.name = nm, .severity = sev, .source = "Community", .citation = "awslabs certlint", \
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_IAN), .check = fn, .description = text}

const pc_rule pc_rules_community[] = {
	DNS_RULE("e_san_bare_wildcard", PC_ERROR, check_bare_wildcard_san,
			 "A subjectAltName dNSName must not be just \"*\"."),
	IAN_DNS_RULE("e_ian_bare_wildcard", PC_ERROR, check_bare_wildcard_ian,
			 "An issuerAltName dNSName must not be just \"*\"."),
	DNS_RULE("e_san_dns_name_includes_null_char", PC_ERROR, check_dns_nul_san,
			 "A subjectAltName dNSName must not contain a NUL octet."),
	IAN_DNS_RULE("e_ian_dns_name_includes_null_char", PC_ERROR, check_dns_nul_ian,
			 "An issuerAltName dNSName must not contain a NUL octet."),
	DNS_RULE("e_san_dns_name_starts_with_period", PC_ERROR, check_dns_leading_dot_san,
			 "A subjectAltName dNSName must not start with a dot."),
	IAN_DNS_RULE("e_ian_dns_name_starts_with_period", PC_ERROR, check_dns_leading_dot_ian,
			 "An issuerAltName dNSName must not start with a dot."),
	DNS_RULE("e_san_wildcard_not_first", PC_ERROR, check_wildcard_not_first_san,
			 "A '*' in a subjectAltName dNSName may only be its first character."),
	IAN_DNS_RULE("e_ian_wildcard_not_first", PC_ERROR, check_wildcard_not_first_ian,
			 "A '*' in an issuerAltName dNSName may only be its first character."),
	DNS_RULE("n_san_iana_pub_suffix_empty", PC_NOTICE, check_pub_suffix_san,
			 "A subjectAltName dNSName (after a leading \"*.\") should not be a bare public suffix. "
			 "Public suffixes are the rules of the ICANN section of the Public Suffix List (with its "
			 "wildcard and exception rules), compiled in from Debian's publicsuffix 20230209 "
			 "(regenerate with scripts/gen-psl.py); a single label the list does not know is not "
			 "reported."),
	IAN_DNS_RULE("w_ian_iana_pub_suffix_empty", PC_WARN, check_pub_suffix_ian,
			 "An issuerAltName dNSName (after a leading \"*.\") should not be a bare public suffix "
			 "(ICANN section of the Public Suffix List, as for n_san_iana_pub_suffix_empty)."),
	DNS_RULE("n_san_dns_name_duplicate", PC_NOTICE, check_san_dns_duplicate,
			 "The same dNSName (ignoring ASCII case) should not appear twice in subjectAltName."),
	{.name = "n_contains_redacted_dnsname", .severity = PC_NOTICE, .source = "Community",
		.citation = "draft-strad-trans-redaction-00", .scope = SCOPE_SUB, .check = check_redacted,
		.description = "A subscriber commonName or dNSName starting \"?.\" (after an optional "
		"\"*.\") is a CT-redacted name."},
	{.name = "e_utf8_latin1_mixup", .severity = PC_ERROR, .source = "Community",
		.citation = "ISO/IEC 8859-1; Windows-1252", .scope = SCOPE_ANY,
		.check = check_utf8_latin1_mixup,
		.description = "Subject text attributes (names, organisation, address, organizationIdentifier, "
		"jurisdiction) must not hold the two characters that UTF-8 encoded accented Latin letters "
		"(U+00C0-U+00FF) become when read as Windows-1252 or Latin-1: U+00C3 followed by such a "
		"continuation character."},
	{.name = "e_subj_contains_html_entities", .severity = PC_ERROR, .source = "Community",
		.citation = "HTML character references", .scope = SCOPE_ANY, .check = check_html_entities,
		.description = "Subject text attributes must not contain HTML character references such "
		"as \"&amp;\" or \"&#39;\": the value was escaped for a web page, not entered as text."},
	{.name = "e_subj_country_not_uppercase", .severity = PC_ERROR, .source = "Community",
		.citation = "ISO 3166-2:2020(E) section 5.1", .scope = SCOPE_ANY,
		.check = check_country_uppercase,
		.description = "A subject countryName must consist of the capital letters A-Z."},
	{.name = "w_subject_dn_leading_whitespace", .severity = PC_WARN, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_subject_leading_ws,
		.description = "Subject X.520 attribute values should not start with white space."},
	{.name = "w_subject_dn_trailing_whitespace", .severity = PC_WARN, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_subject_trailing_ws,
		.description = "Subject X.520 attribute values should not end with white space."},
	{.name = "w_issuer_dn_leading_whitespace", .severity = PC_WARN, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_issuer_leading_ws,
		.description = "Issuer X.520 attribute values should not start with white space."},
	{.name = "w_issuer_dn_trailing_whitespace", .severity = PC_WARN, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_issuer_trailing_ws,
		.description = "Issuer X.520 attribute values should not end with white space."},
	{.name = "n_multiple_subject_rdn", .severity = PC_NOTICE, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_subject_multi_rdn,
		.description = "A subject RelativeDistinguishedName holding several attributes is unusual "
		"and handled inconsistently by software."},
	{.name = "w_multiple_issuer_rdn", .severity = PC_WARN, .source = "Community",
		.citation = "awslabs certlint", .scope = SCOPE_ANY, .check = check_issuer_multi_rdn,
		.description = "An issuer RelativeDistinguishedName should not hold several attributes."},
	{.name = "e_validity_time_not_positive", .severity = PC_ERROR, .source = "Community",
		.citation = "awslabs certlint; RFC 5280: 4.1.2.5", .scope = SCOPE_ANY,
		.check = check_validity_not_positive,
		.description = "notAfter must not be earlier than notBefore."},
	{.name = "e_rsa_no_public_key", .severity = PC_ERROR, .source = "Community",
		.citation = "awslabs certlint; RFC 3279: 2.3.1", .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA, .check = check_rsa_no_public_key,
		.description = "An rsaEncryption subjectPublicKeyInfo must hold an RSAPublicKey "
		"(SEQUENCE of modulus and exponent)."},
	{.name = "e_rsa_exp_negative", .severity = PC_ERROR, .source = "Community",
		.citation = "awslabs certlint; RFC 3279: 2.3.1", .scope = SCOPE_ANY,
		.needs = PC_NEEDS_RSA, .check = check_rsa_exp_negative,
		.description = "The RSA public exponent must be a positive INTEGER."},
	{.name = "e_rsa_fermat_factorization", .severity = PC_ERROR, .source = "Community",
		.citation = "Fermat's factorization method", .scope = SCOPE_ANY, .needs = PC_NEEDS_RSA_ANY, .check = check_rsa_fermat,
		.description = "An RSA (or RSASSA-PSS) modulus must not be factorable by Fermat's method within 100 rounds "
		"(starting at ceil(sqrt(n))): its primes were not chosen independently."},
};

PC_RULE_TABLE_END(community);
