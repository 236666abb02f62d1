/*
 * cabf_br_names.c
 *		CA/Browser Forum TLS Baseline Requirements: names.  DNS names in the
 *		subjectAltName and commonName (7.1.2.7.12, 7.1.4.2.1 of BR 1.x, 1.6.1
 *		definitions), reserved IP addresses, .onion names (Appendix C),
 *		subject attributes of subscriber and CA certificates (7.1.2.7.x,
 *		7.1.2.10.2, 7.1.4), and the name-encoding rules of BR 2.0.0 (7.1.4).
 *
 * Windows follow ZLint's dates where a rule shares a ZLint name.  Tables of
 * TLDs come from tld_data.h (scripts/gen-tld-data.py),
 * public suffixes from community.c (pc_public_suffix_at); reserved IP
 * ranges and ISO 3166-1 codes are kept here.
 */
#include "rules.h"
#include "tld_data.h"

#include <arpa/inet.h>
#include <openssl/evp.h>

#define BR "CABF_BR"

/* TLS subscriber rules do not judge S/MIME or code-signing leaves (0.4). */
#define NOT_TLS_LEAF	(PC_K_SMIME | PC_K_CODE_SIGNING)

/*
 * A TLS leaf in substance: a TLS end entity, or a certificate that asserts
 * cA TRUE while its keyUsage forbids signing certificates and its EKU (if
 * any) allows serverAuth.  ZLint judges the latter with the subscriber
 * rules on SAN content, and so does cabf_br.c's e_sub_cert_not_is_ca.
 */
static bool
tls_leaf(const pc_cert *c)
{
	if (c->kind & PC_K_SUB)
		return (c->kind & PC_K_TLS) && !(c->kind & NOT_TLS_LEAF);
	return pc_ext_ok(c, PC_X_KU) && !(c->ku & PC_KU_KEY_CERT_SIGN) &&
		(!pc_ext_ok(c, PC_X_EKU) || (c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_ANY)));
}

/* Certificates the TLS BR govern: CAs and TLS leaves (requirements.md 0.4). */
static bool
br_cert(const pc_cert *c)
{
	return (c->kind & PC_K_CA) || tls_leaf(c);
}

#define BR_ONLY(fn) \
	static void br_##fn(const pc_cert *c, pc_report *r) \
	{ \
		if (br_cert(c)) \
			fn(c, r); \
	}

/* Run a check only on TLS leaves (the rule's scope is then "any"). */
#define LEAF_ONLY(fn) \
	static void leaf_##fn(const pc_cert *c, pc_report *r) \
	{ \
		if (tls_leaf(c)) \
			fn(c, r); \
	}

/* ---------------------------------------------------------------- text helpers */

static inline uint8_t
lower(uint8_t ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (uint8_t) (ch + 32) : ch;
}

static inline bool
is_alnum(uint8_t ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

static bool
span_has(pc_span s, uint8_t ch)
{
	return s.n > 0 && memchr(s.p, ch, s.n) != NULL;
}

/* ---------------------------------------------------------------- labels */

/*
 * Quick tests that let a rule skip a name it cannot fault without splitting
 * it into labels (each name is split by a dozen rules otherwise).  The
 * label arrays hold MAX_LABELS labels; names shorter than that have fewer.
 */
#define SHORT_NAME(n) ((n).n < MAX_LABELS)


static bool
has_empty_label(pc_span n)
{
	return n.n == 0 || n.p[0] == '.' || n.p[n.n - 1] == '.' || pc_span_has_pair(n, '.');
}

#define MAX_LABELS 128

typedef struct labels
{
	int			n;
	bool		too_many;
	pc_span		l[MAX_LABELS];
} labels;

/* Split at every dot; empty labels are kept, as the rules need to see them. */
static void
split_labels(pc_span name, labels *out)
{
	size_t		start = 0;

	out->n = 0;
	out->too_many = false;
	for (size_t i = 0; i <= name.n; i++)
	{
		if (i < name.n && name.p[i] != '.')
			continue;
		if (out->n == MAX_LABELS)
		{
			out->too_many = true;
			return;
		}
		out->l[out->n++] = (pc_span) {name.p + start, i - start};
		start = i + 1;
	}
}

/* An LDH label as RFC 5890 and BR 1.6.1 define it, reserved forms excluded. */
static bool
is_ldh_label(pc_span l)
{
	if (l.n == 0 || l.n > 63 || l.p[0] == '-' || l.p[l.n - 1] == '-')
		return false;
	for (size_t i = 0; i < l.n; i++)
		if (!is_alnum(l.p[i]) && l.p[i] != '-')
			return false;
	return !(l.n >= 4 && l.p[2] == '-' && l.p[3] == '-' && !pc_span_starts_nocase(l, "xn--"));
}

/* ---------------------------------------------------------------- IP addresses */

typedef struct ip_range
{
	uint8_t		family;			/* 4 or 6 */
	uint8_t		bits;
	uint8_t		prefix[16];
	const char *what;
} ip_range;

/*
 * IANA IPv4 and IPv6 Special-Purpose Address Registries, plus the blocks the
 * IPv4 address-space registry marks multicast or reserved.  IPv6 outside
 * 2000::/3 is handled in ip_reserved(): IANA reserves or sets aside all of it.
 */
static const ip_range reserved_ranges[] = {
	{4, 8, {0}, "\"this network\" (0.0.0.0/8)"},
	{4, 8, {10}, "private use (10.0.0.0/8)"},
	{4, 10, {100, 64}, "shared address space (100.64.0.0/10)"},
	{4, 8, {127}, "loopback (127.0.0.0/8)"},
	{4, 16, {169, 254}, "link local (169.254.0.0/16)"},
	{4, 12, {172, 16}, "private use (172.16.0.0/12)"},
	{4, 24, {192, 0, 0}, "IETF protocol assignments (192.0.0.0/24)"},
	{4, 24, {192, 0, 2}, "documentation (192.0.2.0/24)"},
	{4, 24, {192, 31, 196}, "AS112-v4 (192.31.196.0/24)"},
	{4, 24, {192, 52, 193}, "AMT (192.52.193.0/24)"},
	{4, 24, {192, 88, 99}, "deprecated 6to4 relay anycast (192.88.99.0/24)"},
	{4, 16, {192, 168}, "private use (192.168.0.0/16)"},
	{4, 24, {192, 175, 48}, "direct delegation AS112 (192.175.48.0/24)"},
	{4, 15, {198, 18}, "benchmarking (198.18.0.0/15)"},
	{4, 24, {198, 51, 100}, "documentation (198.51.100.0/24)"},
	{4, 24, {203, 0, 113}, "documentation (203.0.113.0/24)"},
	{4, 4, {224}, "multicast (224.0.0.0/4)"},
	{4, 4, {240}, "reserved (240.0.0.0/4)"},
	{6, 23, {0x20, 0x01, 0x00, 0x00}, "IETF protocol assignments (2001::/23)"},
	{6, 32, {0x20, 0x01, 0x0d, 0xb8}, "documentation (2001:db8::/32)"},
	{6, 16, {0x20, 0x02}, "6to4 (2002::/16)"},
	{6, 48, {0x26, 0x20, 0x00, 0x4f, 0x80, 0x00}, "direct delegation AS112 (2620:4f:8000::/48)"},
	{6, 20, {0x3f, 0xff}, "documentation (3fff::/20)"},
};

static bool
prefix_match(const uint8_t *ip, const uint8_t *prefix, int bits)
{
	int			whole = bits / 8,
				rest = bits % 8;

	if (memcmp(ip, prefix, (size_t) whole) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((ip[whole] ^ prefix[whole]) & (uint8_t) (0xff << (8 - rest))) == 0;
}

/* Name of the reserved block holding the address, or NULL when public. */
static const char *
ip_reserved(const uint8_t *ip, size_t len)
{
	static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	int			family = 4;

	if (len == 16 && memcmp(ip, v4mapped, 12) == 0)
	{
		/* An IPv4-mapped address is judged as the IPv4 address it carries. */
		ip += 12;
		len = 4;
	}
	else if (len == 16)
		family = 6;
	else if (len != 4)
		return NULL;
	if (family == 4 && ip[0] == 255 && ip[1] == 255 && ip[2] == 255 && ip[3] == 255)
		return "limited broadcast (255.255.255.255)";
	if (family == 6 && (ip[0] & 0xe0) != 0x20)
		return "outside global unicast 2000::/3 (IANA reserved, ULA, link local, multicast, loopback, ...)";
	for (size_t i = 0; i < sizeof(reserved_ranges) / sizeof(reserved_ranges[0]); i++)
		if (reserved_ranges[i].family == family &&
			prefix_match(ip, reserved_ranges[i].prefix, reserved_ranges[i].bits))
			return reserved_ranges[i].what;
	return NULL;
}

/* ---------------------------------------------------------------- TLDs and public suffixes */

/* lower(label) against a table entry, strcmp-style; a NUL in the label ends it. */
static int
cmp_label(pc_span label, const char *entry)
{
	for (size_t i = 0;; i++)
	{
		int			a = i < label.n ? lower(label.p[i]) : 0,
					b = (uint8_t) entry[i];

		if (a != b || a == 0)
			return a - b;
	}
}

/*
 * TLDs by hash, into open addressing over twice as many slots as TLDs,
 * built once per thread.  A binary search took about 430 instructions a
 * lookup, an FNV-1a over the octets with a comparison octet by octet about
 * 145.  Now the hash and most comparisons are of a key: a label's first
 * eight octets (ASCII letters in lower case) in a word, with the length;
 * only names longer than eight octets are compared again by cmp_label.
 * Both stop at a NUL in the label, as cmp_label does, so that whatever
 * cmp_label finds equal has the same key and length.
 */
#define TLD_SLOTS 4096
#define TLD_COUNT (sizeof(pc_tlds) / sizeof(pc_tlds[0]))

typedef struct tld_index
{
	bool		built;
	uint16_t	slot[TLD_SLOTS];	/* index into pc_tlds + 1; 0: empty */
	uint64_t	key[TLD_COUNT];		/* tld_key of each name */
	uint8_t		len[TLD_COUNT];		/* and its length */
} tld_index;

_Static_assert(TLD_COUNT < TLD_SLOTS / 2, "TLD index too small");

/* The key of a label, and in *len its length up to a NUL. */
static inline uint64_t
tld_key(pc_span label, size_t *len)
{
	uint64_t	k = 0;
	size_t		i;

	for (i = 0; i < label.n && i < 8 && label.p[i] != '\0'; i++)
		k |= (uint64_t) label.p[i] << (8 * i);
	while (i < label.n && label.p[i] != '\0')
		i++;
	*len = i;
	return pc_fold_word(k);
}

static inline uint32_t
tld_hash(uint64_t key, size_t len)
{
	/* multiplicative hashing: the product's top twelve bits */
	return (uint32_t) (((key ^ len) * UINT64_C(0x9e3779b97f4a7c15)) >> 52) & (TLD_SLOTS - 1);
}

static const tld_index *
tld_index_get(void)
{
	static _Thread_local tld_index t;

	if (!t.built)
	{
		for (size_t i = 0; i < TLD_COUNT; i++)
		{
			const char *name = pc_tlds[i].name;
			size_t		len;
			uint64_t	key = tld_key((pc_span) {(const uint8_t *) name, strlen(name)}, &len);
			uint32_t	h = tld_hash(key, len);

			t.key[i] = key;
			t.len[i] = (uint8_t) len;
			while (t.slot[h] != 0)
				h = (h + 1) & (TLD_SLOTS - 1);
			t.slot[h] = (uint16_t) (i + 1);
		}
		t.built = true;
	}
	return &t;
}

const pc_tld *
pc_tld_find(pc_span label)
{
	const tld_index *t = tld_index_get();
	size_t		len;
	uint64_t	key = tld_key(label, &len);

	for (uint32_t h = tld_hash(key, len); t->slot[h] != 0; h = (h + 1) & (TLD_SLOTS - 1))
	{
		size_t		e = t->slot[h] - 1u;

		if (t->key[e] == key && t->len[e] == len &&
			(len <= 8 || cmp_label(label, pc_tlds[e].name) == 0))
			return &pc_tlds[e];
	}
	return NULL;
}

/*
 * Index of the first label of the name's public suffix under the ICANN
 * rules of the Public Suffix List (community.c's pc_public_suffix_at; an
 * unknown TLD is a suffix of its own), or -1 when it cannot be placed.
 */
static int
public_suffix_start(pc_report *r, pc_span name, const labels *lb)
{
	size_t		off = pc_public_suffix(r, name, NULL);

	for (int i = 0; i < lb->n; i++)
		if ((size_t) (lb->l[i].p - name.p) == off)
			return i;
	return -1;
}

/*
 * Split a name into labels and find its registrable label (the "SLD": the
 * label left of the public suffix).  False when the name cannot be split so:
 * empty labels, or the whole name is a public suffix.
 */
static bool
registrable_label(pc_report *r, pc_span name, labels *lb, int *sld)
{
	int			ps;

	split_labels(name, lb);
	if (lb->too_many || lb->n < 2)
		return false;
	for (int i = 0; i < lb->n; i++)
		if (lb->l[i].n == 0)
			return false;
	ps = public_suffix_start(r, name, lb);
	if (ps <= 0)
		return false;
	*sld = ps - 1;
	return true;
}

/* The instant TLD delegation is judged at: the run's 'at', else notBefore. */
static int64_t
judged_at(const pc_cert *c, const pc_report *r)
{
	return (r->opt && r->opt->at_set) ? r->opt->at : c->not_before.t;
}

/* ---------------------------------------------------------------- DNS name syntax */

/*
 * Characters: letters, digits, '-', '_' and '*', after an optional "*." and
 * any number of "?." (redaction) prefixes; labels may only be empty at the
 * very end.
 */
static bool
bad_character(pc_span s)
{
	size_t		i = 0,
				label_len = 0;

	if (s.n >= 2 && s.p[0] == '*' && s.p[1] == '.')
		i = 2;
	while (s.n - i >= 2 && s.p[i] == '?' && s.p[i + 1] == '.')
		i += 2;
	for (; i < s.n; i++)
	{
		uint8_t		ch = s.p[i];

		if (ch == '.')
		{
			if (label_len == 0)
				return true;
			label_len = 0;
		}
		else if (is_alnum(ch) || ch == '-' || ch == '_' || ch == '*')
			label_len++;
		else
			return true;
	}
	return false;
}

static void
check_bad_character(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, true) & (PC_DNSF_OTHER | PC_DNSF_EMPTY_LABEL)))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
		if (bad_character(n))
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has a character other than a letter, digit, '-', '_' or '*' in a label", PC_SPAN_ARG(n));
}

static void
check_empty_label(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_EMPTY_LABEL))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		if (SHORT_NAME(n))
		{
			if (has_empty_label(n))
				pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has an empty label", PC_SPAN_ARG(n));
			continue;
		}
		split_labels(n, &lb);
		for (int i = 0; i < lb.n; i++)
			if (lb.l[i].n == 0)
			{
				pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has an empty label", PC_SPAN_ARG(n));
				break;
			}
	}
}

static void
check_label_too_long(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_LONG_LABEL))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		if (n.n <= 63)
			continue;			/* no label can be longer than the name */
		split_labels(n, &lb);
		for (int i = 0; i < lb.n; i++)
			if (lb.l[i].n > 63)
			{
				pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has a label of %zu characters", PC_SPAN_ARG(n), lb.l[i].n);
				break;
			}
	}
}

static void
check_wildcard_only_in_left_label(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_STAR))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		if (!span_has(n, '*'))
			continue;
		split_labels(n, &lb);
		for (int i = 1; i < lb.n; i++)
			if (span_has(lb.l[i], '*'))
			{
				pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has '*' outside its leftmost label", PC_SPAN_ARG(n));
				break;
			}
	}
}

static void
check_left_label_wildcard_correct(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_STAR))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		if (!span_has(n, '*'))
			continue;
		split_labels(n, &lb);
		if (lb.n > 0 && span_has(lb.l[0], '*') && lb.l[0].n != 1)
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has a leftmost label with '*' that is not exactly \"*\"", PC_SPAN_ARG(n));
	}
}

LEAF_ONLY(check_wildcard_only_in_left_label)
LEAF_ONLY(check_left_label_wildcard_correct)

/*
 * memcmp(a, b, n) == 0 for the few octets of a TLD, in line: a call to
 * memcmp cost about twenty instructions a name.
 */
static inline bool
same_octets(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void
check_not_valid_tld(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;
	int64_t		at = judged_at(c, r);
	pc_span		prev = {NULL, 0};
	const pc_tld *t = NULL;

	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		char		day[16];
		pc_span		last;

		if (SHORT_NAME(n) && prev.p != NULL && n.n > prev.n && n.p[n.n - prev.n - 1] == '.' &&
			same_octets(n.p + n.n - prev.n, prev.p, prev.n))
		{
			/*
			 * The name ends in '.' and the previous name's last label,
			 * octet for octet: that is its last label too (a label holds no
			 * dot), and t is its entry already.  Most names go this way,
			 * without a scan for the dot or a comparison ignoring case.
			 */
			last = (pc_span) {n.p + n.n - prev.n, prev.n};
		}
		else
		{
			if (SHORT_NAME(n))
			{
				/* the last label: after the last dot */
				size_t		k = n.n;

				while (k > 0 && n.p[k - 1] != '.')
					k--;
				last = (pc_span) {n.p + k, n.n - k};
			}
			else
			{
				split_labels(n, &lb);
				if (lb.too_many || lb.n == 0)
					continue;
				last = lb.l[lb.n - 1];
			}
			/* a certificate's names mostly share their TLD: look each up once */
			if (prev.p == NULL || !pc_span_eq_nocase(last, prev))
				t = pc_tld_find(last);
		}
		prev = last;
		if (t == NULL)
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" does not end in a top-level domain of IANA's root zone", PC_SPAN_ARG(n));
		else if (t->from != 0 && at < t->from)
		{
			pc_format_date(t->from, day, sizeof(day));
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" ends in .%s, not delegated before %s", PC_SPAN_ARG(n), t->name, day);
		}
		else if (t->until != 0 && at >= t->until)
		{
			pc_format_date(t->until, day, sizeof(day));
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" ends in .%s, removed from the root zone on %s", PC_SPAN_ARG(n), t->name, day);
		}
	}
}

static void
check_bare_iana_suffix(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_NO_DOT))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
		if (!span_has(n, '.') && pc_tld_find(n) != NULL)
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" is a bare top-level domain", PC_SPAN_ARG(n));
}

static void
check_prohibited_reserved_label(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_DOUBLE_HYPHEN))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
	{
		if (!pc_span_has_pair(n, '-'))
			continue;
		split_labels(n, &lb);
		for (int i = 0; i < lb.n; i++)
		{
			pc_span		l = lb.l[i];

			if (l.n >= 4 && l.p[2] == '-' && l.p[3] == '-' && !pc_span_starts_nocase(l, "xn--"))
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has the reserved label \"" PC_SPAN_FMT "\"",
						PC_SPAN_ARG(n), PC_SPAN_ARG(l));
				break;
			}
		}
	}
}

/* Rules on the registrable label (SLD) and the labels left of it (TRD). */
static void
check_hyphen_in_sld(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;
	int			sld;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_HYPHEN_EDGE))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		pc_span		l;

		if (!span_has(n, '-') || !registrable_label(r, n, &lb, &sld))
			continue;
		l = lb.l[sld];
		if (l.p[0] == '-' || l.p[l.n - 1] == '-')
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\": registrable label \"" PC_SPAN_FMT "\" starts or ends with a hyphen",
					PC_SPAN_ARG(n), PC_SPAN_ARG(l));
	}
}

static void
check_underscore_in_sld(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;
	int			sld;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_UNDERSCORE))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
		if (span_has(n, '_') && registrable_label(r, n, &lb, &sld) && span_has(lb.l[sld], '_'))
			pc_fail(r, "DNS name \"" PC_SPAN_FMT "\": registrable label \"" PC_SPAN_FMT "\" has an underscore",
					PC_SPAN_ARG(n), PC_SPAN_ARG(lb.l[sld]));
}

static void
check_underscore_in_trd(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;
	int			sld;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_UNDERSCORE))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		if (!span_has(n, '_') || !registrable_label(r, n, &lb, &sld))
			continue;
		for (int i = 0; i < sld; i++)
			if (span_has(lb.l[i], '_'))
			{
				pc_fail(r, "DNS name \"" PC_SPAN_FMT "\" has an underscore in subdomain label \"" PC_SPAN_FMT "\"",
						PC_SPAN_ARG(n), PC_SPAN_ARG(lb.l[i]));
				break;
			}
	}
}

static void
check_wildcard_left_of_public_suffix(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_STAR))
		return;
	pc_dns_begin(&it, c, r, true);
	while (pc_dns_next(&it, &n))
	{
		bool		empty = false;

		split_labels(n, &lb);
		if (lb.too_many || lb.n < 2 || !(lb.l[0].n == 1 && lb.l[0].p[0] == '*'))
			continue;
		for (int i = 0; i < lb.n; i++)
			empty |= lb.l[i].n == 0;
		if (!empty && public_suffix_start(r, n, &lb) == 1)
			pc_fail(r, "wildcard DNS name \"" PC_SPAN_FMT "\" sits directly left of a public suffix", PC_SPAN_ARG(n));
	}
}

/* ---------------------------------------------------------------- underscores (BR 1.6.2, SC-12) */

static void
check_no_underscores(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_UNDERSCORE))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
		if (span_has(n, '_'))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" contains an underscore", PC_SPAN_ARG(n));
}

/*
 * 2018-12-10..2019-03-31: an underscore is tolerated only where replacing
 * it by '-' gives a valid LDH label, and not in the leftmost label.
 */
static void
check_underscore_valid_when_replaced(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;
	labels		lb;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_UNDERSCORE))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
	{
		if (!span_has(n, '_'))
			continue;
		split_labels(n, &lb);
		for (int i = 0; i < lb.n; i++)
		{
			uint8_t		buf[64];
			pc_span		l = lb.l[i];

			if (!span_has(l, '_'))
				continue;
			if (i == 0)
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has an underscore in its leftmost label", PC_SPAN_ARG(n));
				break;
			}
			if (l.n > sizeof(buf))
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has an underscore in an over-long label", PC_SPAN_ARG(n));
				break;
			}
			for (size_t k = 0; k < l.n; k++)
				buf[k] = l.p[k] == '_' ? '-' : l.p[k];
			if (!is_ldh_label((pc_span) {buf, l.n}))
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\": label \"" PC_SPAN_FMT "\" is not a valid LDH label with '_' replaced by '-'",
						PC_SPAN_ARG(n), PC_SPAN_ARG(l));
				break;
			}
		}
	}
}

static void
check_underscore_too_long_validity(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (c->not_after.t <= c->not_before.t + 30 * PC_DAY)
		return;
	if (!(pc_dns_facts(c, r, false) & PC_DNSF_UNDERSCORE))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
		if (span_has(n, '_'))
		{
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has an underscore and the certificate is valid for more than 30 days",
					PC_SPAN_ARG(n));
			return;
		}
}

/* ---------------------------------------------------------------- reverse zones (.arpa) */

static void
check_arpa_domain(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_ARPA))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
		if (pc_span_ends_nocase(n, ".in-addr.arpa") || pc_span_ends_nocase(n, ".ip6.arpa"))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" ends in an IP reverse zone suffix", PC_SPAN_ARG(n));
}

enum arpa_result
{
	ARPA_NONE,					/* not in a reverse zone */
	ARPA_MALFORMED,				/* in one, but not a whole address */
	ARPA_WRONG_CLASS,			/* ip6.arpa name spelling an IPv4-mapped address */
	ARPA_OK,					/* a whole address, in ip[]/len */
};

/* Read a reverse-zone name back into the address it names. */
static enum arpa_result
arpa_address(pc_span n, uint8_t ip[16], size_t *len)
{
	labels		lb;
	pc_span		head;

	if (pc_span_ends_nocase(n, ".in-addr.arpa"))
	{
		char		buf[20];
		size_t		used = 0;

		head = (pc_span) {n.p, n.n - strlen(".in-addr.arpa")};
		split_labels(head, &lb);
		if (lb.too_many || lb.n != 4)
			return ARPA_MALFORMED;
		for (int i = 3; i >= 0; i--)
		{
			if (lb.l[i].n == 0 || lb.l[i].n > 3)
				return ARPA_MALFORMED;
			memcpy(buf + used, lb.l[i].p, lb.l[i].n);
			used += lb.l[i].n;
			buf[used++] = i > 0 ? '.' : '\0';
		}
		if (inet_pton(AF_INET, buf, ip) != 1)
			return ARPA_MALFORMED;
		*len = 4;
		return ARPA_OK;
	}
	if (pc_span_ends_nocase(n, ".ip6.arpa"))
	{
		static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

		head = (pc_span) {n.p, n.n - strlen(".ip6.arpa")};
		split_labels(head, &lb);
		if (lb.too_many || lb.n != 32)
			return ARPA_MALFORMED;
		memset(ip, 0, 16);
		for (int i = 0; i < 32; i++)
		{
			/* label 0 is the lowest nibble */
			int			v = lb.l[i].n == 1 ? pc_hex_digit(lb.l[i].p[0]) : -1;
			int			nib = 31 - i;

			if (v < 0)
				return ARPA_MALFORMED;
			ip[nib / 2] |= (uint8_t) (nib % 2 == 0 ? v << 4 : v);
		}
		*len = 16;
		return memcmp(ip, v4mapped, 12) == 0 ? ARPA_WRONG_CLASS : ARPA_OK;
	}
	return ARPA_NONE;
}

static void
check_reserved_arpa_ip(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_ARPA))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
	{
		uint8_t		ip[16];
		size_t		len = 0;
		const char *what;

		switch (arpa_address(n, ip, &len))
		{
			case ARPA_WRONG_CLASS:
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" names an IPv4-mapped address in the IPv6 reverse zone", PC_SPAN_ARG(n));
				break;
			case ARPA_OK:
				if ((what = ip_reserved(ip, len)) != NULL)
					pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" names a reserved address: %s", PC_SPAN_ARG(n), what);
				break;
			default:
				break;
		}
	}
}

static void
check_malformed_arpa_ip(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_ARPA))
		return;
	pc_dns_begin(&it, c, r, false);
	while (pc_dns_next(&it, &n))
	{
		uint8_t		ip[16];
		size_t		len;

		if (arpa_address(n, ip, &len) == ARPA_MALFORMED)
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" is in a reverse zone but does not spell a whole IP address", PC_SPAN_ARG(n));
	}
}

/* ---------------------------------------------------------------- reserved IP addresses */

static void
check_san_reserved_ip(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;
	char		text[64];

	if (!(c->san_types & (1u << PC_GN_IP)))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		const char *what;

		if (gn.type != PC_GN_IP || (what = ip_reserved(gn.v.p, gn.v.n)) == NULL)
			continue;
		if (!pc_ip_text(gn.v, text, sizeof(text)))
			snprintf(text, sizeof(text), "?");
		pc_fail(r, "iPAddress %s is reserved: %s", text, what);
	}
}

static void
check_subject_reserved_ip(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		uint8_t		ip[16];
		size_t		len;
		const char *what;

		if (!PC_OID_IS(a->oid, OID_AT_CN) || !pc_parse_ip_text(a->value, ip, &len))
			continue;
		if ((what = ip_reserved(ip, len)) != NULL)
			pc_fail(r, "commonName \"" PC_SPAN_FMT "\" is a reserved IP address: %s", PC_SPAN_ARG(a->value), what);
	}
}

/* ---------------------------------------------------------------- SAN name types */

#define SAN_TYPE_ABSENT(suffix, type, label) \
	static void check_san_##suffix(const pc_cert *c, pc_report *r) \
	{ \
		if (c->san_types & (1u << (type))) \
			pc_fail(r, "subjectAltName contains " label); \
	}

SAN_TYPE_ABSENT(other_name, PC_GN_OTHER, "an otherName")
SAN_TYPE_ABSENT(rfc822, PC_GN_RFC822, "an rfc822Name")
SAN_TYPE_ABSENT(dirname, PC_GN_DIRNAME, "a directoryName")
SAN_TYPE_ABSENT(edi_party, PC_GN_EDIPARTY, "an ediPartyName")
SAN_TYPE_ABSENT(uri, PC_GN_URI, "a uniformResourceIdentifier")
SAN_TYPE_ABSENT(rid, PC_GN_RID, "a registeredID")

LEAF_ONLY(check_san_other_name)
LEAF_ONLY(check_san_rfc822)
LEAF_ONLY(check_san_dirname)
LEAF_ONLY(check_san_edi_party)
LEAF_ONLY(check_san_uri)
LEAF_ONLY(check_san_rid)

/* ---------------------------------------------------------------- .onion (BR Appendix C, Ballot 144, SC-27) */

static bool
is_onion(pc_span n)
{
	return pc_span_ends_nocase(n, ".onion");
}

/* The label left of "onion". */
static pc_span
onion_address(pc_span n)
{
	pc_span		head = {n.p, n.n - strlen(".onion")};
	size_t		i = head.n;

	while (i > 0 && head.p[i - 1] != '.')
		i--;
	return (pc_span) {head.p + i, head.n - i};
}

static int
base32_value(uint8_t ch)
{
	ch = lower(ch);
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a';
	if (ch >= '2' && ch <= '7')
		return ch - '2' + 26;
	return -1;
}

static bool
is_base32(pc_span s)
{
	for (size_t i = 0; i < s.n; i++)
		if (base32_value(s.p[i]) < 0)
			return false;
	return s.n > 0;
}

/*
 * A version 3 onion address (rend-spec-v3 6): base32 of pubkey (32) ||
 * checksum (2) || version (1), version 3, checksum the first two octets of
 * SHA3-256(".onion checksum" || pubkey || version).
 */
static const char *
onion_v3_problem(pc_span addr)
{
	static const char prefix[] = ".onion checksum";
	uint8_t		raw[35];
	uint8_t		msg[sizeof(prefix) - 1 + 33];
	uint8_t		md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	uint32_t	acc = 0;
	int			bits = 0;
	size_t		out = 0;

	if (addr.n != 56 || !is_base32(addr))
		return "is not 56 base32 characters";
	for (size_t i = 0; i < addr.n; i++)
	{
		acc = (acc << 5) | (uint32_t) base32_value(addr.p[i]);
		bits += 5;
		if (bits >= 8)
		{
			bits -= 8;
			raw[out++] = (uint8_t) (acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (raw[34] != 0x03)
		return "does not carry version 3";
	memcpy(msg, prefix, sizeof(prefix) - 1);
	memcpy(msg + sizeof(prefix) - 1, raw, 32);
	msg[sizeof(msg) - 1] = raw[34];
	if (EVP_Digest(msg, sizeof(msg), md, &mdlen, EVP_sha3_256(), NULL) != 1 || mdlen < 2)
		return "could not be hashed";
	if (md[0] != raw[32] || md[1] != raw[33])
		return "has a wrong checksum";
	return NULL;
}

/* Onion names: SAN dNSNames and commonNames whose last label is "onion". */
static bool
onion_next(pc_dns_iter *it, pc_span *n)
{
	while (pc_dns_next(it, n))
		if (is_onion(*n))
			return true;
	return false;
}

static bool
has_onion_name(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_ONION))
		return false;
	pc_dns_begin(&it, c, r, true);
	return onion_next(&it, &n);
}

static void
check_onion_invalid(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_ONION))
		return;
	pc_dns_begin(&it, c, r, true);
	while (onion_next(&it, &n))
	{
		pc_span		addr = onion_address(n);
		const char *why;

		if (addr.n == 16)
		{
			/* Tor v2 (rend-spec 2.4): EV only, never after SC-27 (Appendix C) */
			if (!is_base32(addr))
				pc_fail(r, "\"" PC_SPAN_FMT "\": v2 onion address is not base32", PC_SPAN_ARG(n));
			else if (!pc_cert_is_ev(c, r))
				pc_fail(r, "\"" PC_SPAN_FMT "\" is a v2 onion address in a certificate that is not EV", PC_SPAN_ARG(n));
		}
		else if (addr.n == 56)
		{
			if ((why = onion_v3_problem(addr)) != NULL)
				pc_fail(r, "\"" PC_SPAN_FMT "\": v3 onion address %s", PC_SPAN_ARG(n), why);
		}
		else
			pc_fail(r, "\"" PC_SPAN_FMT "\" is neither a v2 nor a v3 onion address", PC_SPAN_ARG(n));
	}
}

static void
check_onion_not_ev(const pc_cert *c, pc_report *r)
{
	if (!pc_cert_is_ev(c, r) && has_onion_name(c, r))
		pc_fail(r, "certificate names a .onion domain but is not EV");
}

/* Is some onion name a v2 address (16 base32 characters)? */
static bool
has_onion_v2(const pc_cert *c, pc_report *r)
{
	pc_dns_iter	it;
	pc_span		n;

	if (!(pc_dns_facts(c, r, true) & PC_DNSF_ONION))
		return false;
	pc_dns_begin(&it, c, r, true);
	while (onion_next(&it, &n))
	{
		pc_span		a = onion_address(n);

		if (a.n == 16 && is_base32(a))
			return true;
	}
	return false;
}

/* Host of an https URI ("https://host[:port]/..."), or an empty span. */
static bool
onion_uri_host(pc_span uri, pc_span *host)
{
	size_t		i,
				start,
				end;

	if (!pc_span_starts_nocase(uri, "https://"))
		return false;
	start = strlen("https://");
	for (end = start; end < uri.n; end++)
		if (uri.p[end] == '/' || uri.p[end] == '?' || uri.p[end] == '#')
			break;
	/* drop userinfo and port */
	for (i = end; i > start; i--)
		if (uri.p[i - 1] == '@')
		{
			start = i;
			break;
		}
	for (i = start; i < end; i++)
		if (uri.p[i] == ':')
		{
			end = i;
			break;
		}
	*host = (pc_span) {uri.p + start, end - start};
	return host->n > 0;
}

static bool
valid_utf8(pc_span s)
{
	for (size_t i = 0; i < s.n;)
	{
		uint8_t		b = s.p[i];
		size_t		extra = b < 0x80 ? 0 : (b & 0xe0) == 0xc0 ? 1 : (b & 0xf0) == 0xe0 ? 2 : (b & 0xf8) == 0xf0 ? 3 : 9;

		if (extra == 9 || i + extra >= s.n + (extra ? 0 : 1) || (b == 0xc0 || b == 0xc1))
			return false;
		for (size_t k = 1; k <= extra; k++)
			if ((s.p[i + k] & 0xc0) != 0x80)
				return false;
		i += extra + 1;
	}
	return true;
}

/* The onion "eTLD+1" of a name: its last two labels. */
static pc_span
onion_base(pc_span n)
{
	pc_span		a = onion_address(n);

	return (pc_span) {a.p, (size_t) (n.p + n.n - a.p)};
}

/* One TorServiceDescriptorHash: onionURI, algorithm, subjectPublicKeyHash. */
typedef struct tor_desc
{
	pc_span		host;
	pc_span		alg;
	size_t		hash_bits;
} tor_desc;

static bool
tor_desc_read(pc_der *d, tor_desc *out, pc_span *uri, const char **why)
{
	pc_tlv		seq,
				t,
				alg;
	pc_der		in,
				a;

	if (!pc_der_expect(d, PC_T_SEQUENCE, &seq, NULL, NULL))
		return (*why = "a TorServiceDescriptorHash is not a SEQUENCE", false);
	pc_der_init(&in, seq.v, d->base, NULL);
	if (!pc_der_expect(&in, PC_T_UTF8STRING, &t, NULL, NULL))
		return (*why = "onionURI is not a UTF8String", false);
	*uri = t.v;
	if (!valid_utf8(t.v))
		return (*why = "onionURI is not valid UTF-8", false);
	if (!onion_uri_host(t.v, &out->host))
		return (*why = "onionURI is not an https URI with a host", false);
	if (!pc_der_expect(&in, PC_T_SEQUENCE, &alg, NULL, NULL))
		return (*why = "algorithm is not an AlgorithmIdentifier", false);
	pc_der_init(&a, alg.v, d->base, NULL);
	if (!pc_der_expect(&a, PC_T_OID, &t, NULL, NULL))
		return (*why = "algorithm has no OID", false);
	out->alg = t.v;
	if (!pc_der_expect(&in, PC_T_BITSTRING, &t, NULL, NULL) || t.v.n < 1 || t.v.p[0] > 7 ||
		(t.v.n == 1 && t.v.p[0] != 0))
		return (*why = "subjectPublicKeyHash is not a BIT STRING", false);
	out->hash_bits = (t.v.n - 1) * 8 - t.v.p[0];
	if (pc_der_more(&in))
		return (*why = "TorServiceDescriptorHash has trailing fields", false);
	return true;
}

static void
check_tor_descriptor(const pc_cert *c, pc_report *r)
{
	const pc_ext *ext = NULL;
	pc_tlv		outer;
	pc_der		d,
				d2;
	int			count = 0;
	pc_dns_iter	it;
	pc_span		n;

	for (int i = 0; i < c->next; i++)
		if (PC_OID_IS(c->ext[i].oid, OID_POL_CABF_TOR))
			ext = &c->ext[i];
	if (ext == NULL)
	{
		if ((c->kind & PC_K_SUB) && pc_cert_is_ev(c, r) && has_onion_v2(c, r))
			pc_fail(r, "EV certificate names a v2 .onion domain but has no TorServiceDescriptor extension (2.23.140.1.31)");
		return;
	}
	pc_der_init(&d, ext->value, c->der.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &outer, NULL, NULL) || pc_der_more(&d))
	{
		pc_fail(r, "TorServiceDescriptor extension is not a SEQUENCE of TorServiceDescriptorHash");
		return;
	}
	pc_der_init(&d, outer.v, c->der.p, NULL);
	while (pc_der_more(&d))
	{
		tor_desc	td;
		pc_span		uri = PC_SPAN_EMPTY;
		const char *why = NULL;
		size_t		want = 0;
		bool		named = false;
		tor_desc	prev;
		pc_span		puri;

		if (!tor_desc_read(&d, &td, &uri, &why))
		{
			pc_fail(r, "TorServiceDescriptor: %s", why);
			return;
		}
		count++;
		if (PC_OID_IS(td.alg, OID_HASH_SHA256))
			want = 256;
		else if (PC_OID_IS(td.alg, OID_HASH_SHA384))
			want = 384;
		else if (PC_OID_IS(td.alg, OID_HASH_SHA512))
			want = 512;
		if (want == 0)
		{
			pc_fail(r, "TorServiceDescriptor for \"" PC_SPAN_FMT "\" uses an unknown hash algorithm", PC_SPAN_ARG(uri));
			return;
		}
		if (td.hash_bits != want)
		{
			pc_fail(r, "TorServiceDescriptor for \"" PC_SPAN_FMT "\" has a %zu-bit hash, not %zu", PC_SPAN_ARG(uri), td.hash_bits, want);
			return;
		}
		/* one descriptor per onion host: compare with the ones before */
		pc_der_init(&d2, outer.v, c->der.p, NULL);
		for (int k = 0; k < count - 1; k++)
		{
			if (!tor_desc_read(&d2, &prev, &puri, &why))
				break;
			if (pc_span_eq_nocase(prev.host, td.host))
			{
				pc_fail(r, "TorServiceDescriptor has more than one hash for \"" PC_SPAN_FMT "\"", PC_SPAN_ARG(td.host));
				return;
			}
		}
		pc_dns_begin(&it, c, r, true);
		while (!named && onion_next(&it, &n))
			named = pc_span_eq_nocase(onion_base(n), td.host);
		if (!named)
		{
			pc_fail(r, "TorServiceDescriptor names \"" PC_SPAN_FMT "\", which is not an onion name of the certificate", PC_SPAN_ARG(td.host));
			return;
		}
	}
	if (count == 0)
	{
		pc_fail(r, "TorServiceDescriptor extension holds no TorServiceDescriptorHash");
		return;
	}
	if (!pc_cert_is_ev(c, r))
		return;
	/* EV: every onion name needs a descriptor for its base name */
	pc_dns_begin(&it, c, r, true);
	while (onion_next(&it, &n))
	{
		bool		found = false;
		tor_desc	td;
		pc_span		uri;
		const char *why;

		pc_der_init(&d2, outer.v, c->der.p, NULL);
		while (!found && pc_der_more(&d2) && tor_desc_read(&d2, &td, &uri, &why))
			found = pc_span_eq_nocase(td.host, onion_base(n));
		if (!found)
		{
			pc_fail(r, "onion name \"" PC_SPAN_FMT "\" has no TorServiceDescriptorHash", PC_SPAN_ARG(n));
			return;
		}
	}
}

/* ---------------------------------------------------------------- subject attributes */


static const char iso3166[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS"
	"BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE"
	"EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
	"HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC"
	"LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
	"NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW"
	"SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO"
	"TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/*
 * ISO 3166-1 alpha-2 (iso-codes 4.15), or "XX" where the BR allow it.
 * Letters are compared without case, as ZLint does.  iso3166 is sorted, so
 * a binary search over its two-letter codes finds one.
 */
static bool
is_country_code(pc_span v, bool allow_xx)
{
	unsigned	key;
	size_t		lo = 0,
				hi = (sizeof(iso3166) - 1) / 2;

	if (v.n != 2)
		return false;
	key = (unsigned) (uint8_t) (lower(v.p[0]) - 32) << 8 | (uint8_t) (lower(v.p[1]) - 32);
	if (allow_xx && key == ('X' << 8 | 'X'))
		return true;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		unsigned	k = (unsigned) (uint8_t) iso3166[2 * mid] << 8 | (uint8_t) iso3166[2 * mid + 1];

		if (k == key)
			return true;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void
check_ca_common_name_missing(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has_value_k(c, r, PC_AK_CN))
		pc_fail(r, "CA subject has no commonName");
}

static void
check_ca_country_name_missing(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has_value_k(c, r, PC_AK_C))
		pc_fail(r, "CA subject has no countryName");
}

static void
check_country_invalid(const pc_cert *c, pc_report *r, bool allow_xx)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	if (!(s->has & PC_AK_BIT(PC_AK_C)))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (s->kind[i] == PC_AK_C && !is_country_code(a->value, allow_xx))
			pc_fail(r, "countryName \"" PC_SPAN_FMT "\" is not an ISO 3166-1 alpha-2 code", PC_SPAN_ARG(a->value));
	}
}

/* 7.1.2.10.2: the country of the CA's place of business; "XX" is a subscriber-only escape. */
static void
check_ca_country_name_invalid(const pc_cert *c, pc_report *r)
{
	check_country_invalid(c, r, false);
}

static void
check_subject_country_not_iso(const pc_cert *c, pc_report *r)
{
	check_country_invalid(c, r, true);
}

static void
check_ca_organization_name_missing(const pc_cert *c, pc_report *r)
{
	if (!pc_subj_has_value_k(c, r, PC_AK_O))
		pc_fail(r, "CA subject has no organizationName");
}

static void
check_ou_present(const pc_cert *c, pc_report *r)
{
	if (pc_subj_has(c, r, PC_AK_OU))
		pc_fail(r, "subject contains organizationalUnitName");
}

/* Root and TLS CA certificates: a CA whose EKU excludes serverAuth is not one. */
static void
check_ca_ou_present(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_EKU) && !(c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_ANY)))
		return;
	check_ou_present(c, r);
}

static void
check_ou_without_o(const pc_cert *c, pc_report *r)
{
	if (pc_subj_has(c, r, PC_AK_OU) && !pc_subj_has(c, r, PC_AK_O))
		pc_fail(r, "subject has organizationalUnitName but no organizationName");
}

/* BR 1.x 7.1.4.2.2(d)-(h): address fields follow an organization or a person. */
static bool
names_org_or_person(const pc_cert *c, pc_report *r)
{
	return (pc_subject_info(c, r)->has &
			(PC_AK_BIT(PC_AK_O) | PC_AK_BIT(PC_AK_GIVEN_NAME) | PC_AK_BIT(PC_AK_SURNAME))) != 0;
}

static void
check_country_must_appear(const pc_cert *c, pc_report *r)
{
	if (names_org_or_person(c, r) && !pc_subj_has(c, r, PC_AK_C))
		pc_fail(r, "subject names an organization or person but has no countryName");
}

static void
check_locality_must_appear(const pc_cert *c, pc_report *r)
{
	if (names_org_or_person(c, r) && !pc_subj_has(c, r, PC_AK_ST) && !pc_subj_has(c, r, PC_AK_L))
		pc_fail(r, "subject names an organization or person but has neither localityName nor stateOrProvinceName");
}

static void
check_province_must_appear(const pc_cert *c, pc_report *r)
{
	if (names_org_or_person(c, r) && !pc_subj_has(c, r, PC_AK_L) && !pc_subj_has(c, r, PC_AK_ST))
		pc_fail(r, "subject names an organization or person but has neither stateOrProvinceName nor localityName");
}

#define MUST_NOT_APPEAR(suffix, kind, label) \
	static void check_##suffix##_must_not_appear(const pc_cert *c, pc_report *r) \
	{ \
		if (pc_subj_has(c, r, kind) && !names_org_or_person(c, r)) \
			pc_fail(r, "subject has " label " but no organizationName, givenName or surname"); \
	}

MUST_NOT_APPEAR(locality, PC_AK_L, "localityName")
MUST_NOT_APPEAR(province, PC_AK_ST, "stateOrProvinceName")
MUST_NOT_APPEAR(postal, PC_AK_POSTAL_CODE, "postalCode")
MUST_NOT_APPEAR(street, PC_AK_STREET, "streetAddress")

static void
check_given_name_surname_policy(const pc_cert *c, pc_report *r)
{
	if (!(c->policy_mask & PC_POL_IV) &&
		(pc_subject_info(c, r)->has & (PC_AK_BIT(PC_AK_GIVEN_NAME) | PC_AK_BIT(PC_AK_SURNAME))))
		pc_fail(r, "subject has givenName or surname but certificatePolicies lacks 2.23.140.1.2.3");
}


/* A value is informative when it has a letter, a digit or a non-ASCII character. */
static void
check_noninformational_value(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		char		oid[64];

		/* PC_AV_INFORMATIVE: a letter, a digit or a non-ASCII octet */
		if ((s->av[i] & PC_AV_INFORMATIVE) || !pc_is_string_tag(a->vtag))
			continue;
		pc_oid_text(a->oid, oid, sizeof(oid));
		pc_fail(r, "subject attribute %s holds only metadata \"" PC_SPAN_FMT "\"", oid, PC_SPAN_ARG(a->value));
	}
}

/* Structured data (JSON, key=value) pasted into stateOrProvinceName or localityName. */
static void
check_st_l_control_characters(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	if (!(s->av_any & PC_AV_STL_PUNCT))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if ((s->kind[i] != PC_AK_ST && s->kind[i] != PC_AK_L) || !(s->av[i] & PC_AV_STL_PUNCT))
			continue;
		for (size_t k = 0; k < a->value.n; k++)
			if (strchr("=:{};\"|\\[]", a->value.p[k]) != NULL && a->value.p[k] != '\0')
			{
				pc_fail(r, "%s \"" PC_SPAN_FMT "\" contains '%c'",
						PC_OID_IS(a->oid, OID_AT_ST) ? "stateOrProvinceName" : "localityName",
						PC_SPAN_ARG(a->value), a->value.p[k]);
				break;
			}
	}
}

/* BR 7.1.4.2 tables: string type of each attribute. */
enum
{
	ENC_PRINTABLE = 1,			/* PrintableString only */
	ENC_DIR = 2,				/* PrintableString or UTF8String */
	ENC_IA5 = 3,				/* IA5String only */
};

typedef struct attr_rule
{
	const char *name;			/* NULL: the BR tables do not list the kind */
	int			enc;
	int			order;			/* position in the 7.1.4.2 order, 0 = unordered */
	bool		single;			/* at most one per Name (7.1.4.1) */
} attr_rule;

#define AR(kind, name, enc, order, single) [kind] = {name, enc, order, single}

/* By attribute kind, which the subject summary holds for each attribute. */
static const attr_rule attr_rules[PC_AK_COUNT] = {
	AR(PC_AK_DC, "domainComponent", ENC_IA5, 1, false),
	AR(PC_AK_C, "countryName", ENC_PRINTABLE, 2, true),
	AR(PC_AK_ST, "stateOrProvinceName", ENC_DIR, 3, true),
	AR(PC_AK_L, "localityName", ENC_DIR, 4, true),
	AR(PC_AK_POSTAL_CODE, "postalCode", ENC_DIR, 5, false),
	AR(PC_AK_STREET, "streetAddress", ENC_DIR, 6, false),
	AR(PC_AK_O, "organizationName", ENC_DIR, 7, true),
	AR(PC_AK_SURNAME, "surname", ENC_DIR, 8, true),
	AR(PC_AK_GIVEN_NAME, "givenName", ENC_DIR, 9, true),
	AR(PC_AK_OU, "organizationalUnitName", ENC_DIR, 10, false),
	AR(PC_AK_CN, "commonName", ENC_DIR, 11, true),
	AR(PC_AK_BUSINESS_CATEGORY, "businessCategory", ENC_DIR, 0, true),
	AR(PC_AK_JUR_C, "jurisdictionCountryName", ENC_PRINTABLE, 0, true),
	AR(PC_AK_JUR_ST, "jurisdictionStateOrProvinceName", ENC_DIR, 0, true),
	AR(PC_AK_JUR_L, "jurisdictionLocalityName", ENC_DIR, 0, true),
	AR(PC_AK_SERIAL, "serialNumber", ENC_PRINTABLE, 0, true),
	AR(PC_AK_ORG_ID, "organizationIdentifier", ENC_DIR, 0, true),
};

static const attr_rule *
attr_rule_of(const pc_subject_memo *s, int i)
{
	const attr_rule *ar = &attr_rules[s->kind[i]];

	return ar->name != NULL ? ar : NULL;
}

static void
check_rdns_encoding(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		const attr_rule *ar = attr_rule_of(s, i);
		bool		ok;

		if (ar == NULL)
			continue;
		switch (ar->enc)
		{
			case ENC_PRINTABLE:
				ok = a->vtag == PC_T_PRINTABLESTRING;
				break;
			case ENC_IA5:
				ok = a->vtag == PC_T_IA5STRING;
				break;
			default:
				ok = a->vtag == PC_T_PRINTABLESTRING || a->vtag == PC_T_UTF8STRING;
				break;
		}
		if (!ok)
			pc_fail(r, "%s is encoded as %s, not %s", ar->name, pc_tag_name(a->vtag),
					ar->enc == ENC_PRINTABLE ? "PrintableString" :
					ar->enc == ENC_IA5 ? "IA5String" : "PrintableString or UTF8String");
	}
}

static void
check_rdn_order(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);
	const attr_rule *prev = NULL;

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const attr_rule *ar = attr_rule_of(s, i);

		if (ar == NULL || ar->order == 0)
			continue;
		if (prev != NULL && ar->order < prev->order)
		{
			pc_fail(r, "subject has %s after %s, against the order of BR 7.1.4.2", ar->name, prev->name);
			return;
		}
		prev = ar;
	}
}

/* Kinds the tables name are one OID each: equal kinds are equal OIDs. */
static void
check_duplicate_attribs(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	if (s->multi == 0)
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const attr_rule *ar = attr_rule_of(s, i);

		if (ar == NULL || !ar->single || !(s->multi & PC_AK_BIT(s->kind[i])))
			continue;
		for (int k = 0; k < i; k++)
			if (s->kind[k] == s->kind[i])
			{
				pc_fail(r, "subject has more than one %s", ar->name);
				break;
			}
	}
}

static void
check_cn_included(const pc_cert *c, pc_report *r)
{
	if (pc_subj_has_value_k(c, r, PC_AK_CN))
		pc_fail(r, "subject contains commonName");
}

static void
check_extra_common_names(const pc_cert *c, pc_report *r)
{
	int			n;

	if (!(pc_subject_info(c, r)->multi & PC_AK_BIT(PC_AK_CN)))
		return;
	n = PC_NAME_COUNT(&c->subject, OID_AT_CN);
	if (n > 1)
		pc_fail(r, "subject has %d commonName attributes", n);
}

BR_ONLY(check_subject_country_not_iso)
BR_ONLY(check_noninformational_value)
BR_ONLY(check_st_l_control_characters)
BR_ONLY(check_rdns_encoding)
BR_ONLY(check_duplicate_attribs)

/* ---------------------------------------------------------------- the table */

/* DNS-name rules judge TLS leaves (requirements.md 0.4). */
#define SUB_NAMES	SCOPE_TLS_SUB
#define NO_RESERVED_IP_EXPIRY PC_DATE(2015, 11, 1)

/* BR 1.x 4.9.1.1 / 7.1.4.2.1: reserved IPs only in certificates expiring after 2015-11-01. */
static void
check_san_reserved_ip_expiring(const pc_cert *c, pc_report *r)
{
	if (c->not_after.t > NO_RESERVED_IP_EXPIRY)
		check_san_reserved_ip(c, r);
}

static void
check_subject_reserved_ip_expiring(const pc_cert *c, pc_report *r)
{
	if (c->not_after.t > NO_RESERVED_IP_EXPIRY)
		check_subject_reserved_ip(c, r);
}

const pc_rule pc_rules_cabf_br_names[] = {
	/* DNS name syntax */
	{.name = "e_dnsname_bad_character_in_label", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1); 1.6.1", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_bad_character,
		.description = "DNS names (SAN dNSName, and a commonName that is not an IP address) may use only letters, digits, '-', '_' and '*' in non-empty labels."},
	{.name = "e_dnsname_empty_label", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_empty_label,
		.description = "DNS names must not contain an empty label (two dots in a row, a leading or trailing dot)."},
	{.name = "e_dnsname_label_too_long", .severity = PC_ERROR, .source = BR,
		.citation = "RFC 1035 2.3.4; BRs: 7.1.4.2", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_label_too_long,
		.description = "DNS name labels are at most 63 characters."},
	{.name = "e_dnsname_wildcard_only_in_left_label", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 1.6.1, Wildcard Domain Name", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .check = leaf_check_wildcard_only_in_left_label,
		.description = "A wildcard '*' may appear only in the leftmost label of a DNS name (TLS leaves, including cA-asserting certificates that cannot sign certificates, as ZLint judges them)."},
	{.name = "e_dnsname_left_label_wildcard_correct", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 1.6.1, Wildcard Certificate and Wildcard Domain Name", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .check = leaf_check_left_label_wildcard_correct,
		.description = "A leftmost label holding '*' must be exactly \"*\" (no partial wildcards such as \"a*\")."},
	{.name = "e_dnsname_not_valid_tld", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 1.6.1 Internal Name; 3.2.2.4", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_not_valid_tld,
		.description = "A DNS name must end in a TLD of IANA's root zone at issuance (notBefore, or the run's --at instant). TLD table: ICANN section of the Public Suffix List snapshot of 2023-02-09 (Debian publicsuffix 20230209.2326-1), new gTLDs dated from the PSL's ICANN dates, .an/.tp with their removal dates, plus .onion; TLDs delegated after the snapshot are not known (data/tlds.txt)."},
	{.name = "e_dnsname_contains_bare_iana_suffix", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 1.6.1, Base Domain Name", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_bare_iana_suffix,
		.description = "A DNS name must not be a top-level domain on its own."},
	{.name = "e_dnsname_hyphen_in_sld", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1); RFC 1035 2.3.1", .from = PC_DATE(2008, 5, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_hyphen_in_sld,
		.description = "The registrable label (left of the ICANN public suffix) must not start or end with a hyphen. Names that are themselves public suffixes or have empty labels are left to other rules."},
	{.name = "e_dnsname_underscore_in_sld", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1)", .from = PC_DATE(2008, 5, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_underscore_in_sld,
		.description = "The registrable label (left of the ICANN public suffix) must not contain an underscore."},
	{.name = "w_dnsname_underscore_in_trd", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1)", .from = PC_DATE(2008, 5, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_underscore_in_trd,
		.description = "Labels left of the registrable label should not contain an underscore."},
	{.name = "n_dnsname_wildcard_left_of_public_suffix", .severity = PC_NOTICE, .source = BR,
		.citation = "BRs: 3.2.2.6", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_wildcard_left_of_public_suffix,
		.description = "A wildcard directly left of an ICANN public suffix (\"*.co.uk\") needs the extra validation of 3.2.2.6; flagged for review."},
	{.name = "e_dnsname_contains_prohibited_reserved_label", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v1.x 7.1.4.2.1); 1.6.1 P-Label, Reserved LDH Label", .from = PC_DATE(2021, 10, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_prohibited_reserved_label,
		.description = "dNSName labels must be P-Labels or non-reserved LDH labels: \"?\?--\" labels other than \"xn--\" are prohibited."},

	/* underscores (SC-12) */
	{.name = "e_no_underscores_before_1_6_2", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1 (before v1.6.2); RFC 5280 4.2.1.6", .until = PC_DATE(2018, 12, 10),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_no_underscores,
		.description = "Before BR 1.6.2 (2018-12-10) a dNSName must be a preferred-syntax host name, so no underscore."},
	{.name = "e_underscore_permissible_in_dnsname_if_valid_when_replaced", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1 (v1.6.2, SC-12)", .from = PC_DATE(2018, 12, 10), .until = PC_DATE(2019, 4, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_underscore_valid_when_replaced,
		.description = "2018-12-10..2019-03-31: an underscore is allowed only where replacing it with '-' yields a valid label, and never in the leftmost label."},
	{.name = "e_underscore_present_with_too_long_validity", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1 (v1.6.2, SC-12)", .from = PC_DATE(2018, 12, 10), .until = PC_DATE(2019, 4, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_underscore_too_long_validity,
		.description = "2018-12-10..2019-03-31: a certificate with an underscore in a dNSName must not be valid for more than 30 days."},
	{.name = "e_underscore_not_permissible_in_dnsname", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1 (v1.6.2, SC-12)", .from = PC_DATE(2019, 4, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_no_underscores,
		.description = "From 2019-04-01 (ZLint's date; the text says after 2019-04-30 for revocation) no dNSName may contain an underscore."},

	/* reverse zones */
	{.name = "e_arpa_domain_not_allowed", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 4.2.2, 7.1.2.7.12 (SC-086)", .from = PC_DATE(2026, 3, 15),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_arpa_domain,
		.description = "From 2026-03-15 no dNSName may end in an IP reverse zone suffix (in-addr.arpa, ip6.arpa)."},
	{.name = "e_subject_contains_reserved_arpa_ip", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1; 1.6.1 Reserved IP Address", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_reserved_arpa_ip,
		.description = "A reverse-zone dNSName that spells a whole address must not name a reserved IP address (or an IPv4-mapped address in ip6.arpa)."},
	{.name = "w_subject_contains_malformed_arpa_ip", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 3.2.2.6; RFC 1035 3.5; RFC 3596 2.5", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_malformed_arpa_ip,
		.description = "A dNSName in in-addr.arpa or ip6.arpa should spell a whole address (4 decimal or 32 nibble labels)."},

	/* reserved IP addresses */
	{.name = "e_ext_san_contains_reserved_ip", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.1; 7.1.2.7.12; 1.6.1 Reserved IP Address", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_IP), .check = check_san_reserved_ip_expiring,
		.description = "SAN iPAddress must not be in an IANA special-purpose or reserved block (certificates expiring after 2015-11-01). IPv4: the IPv4 special-purpose registry, multicast, 240/4, broadcast; IPv6: everything outside 2000::/3 plus the special-purpose blocks inside it."},
	{.name = "e_subject_contains_reserved_ip", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(a); 1.6.1 Reserved IP Address", .from = PC_DATE(2012, 7, 1),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_subject_reserved_ip_expiring,
		.description = "A commonName holding an IP address must not hold a reserved one (certificates expiring after 2015-11-01)."},

	/* SAN name types */
	{.name = "e_ext_san_other_name_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_OTHER), .check = leaf_check_san_other_name,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain otherName."},
	{.name = "e_ext_san_rfc822_name_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_RFC822), .check = leaf_check_san_rfc822,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain rfc822Name."},
	{.name = "e_ext_san_directory_name_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_DIRNAME), .check = leaf_check_san_dirname,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain directoryName."},
	{.name = "e_ext_san_edi_party_name_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_EDIPARTY), .check = leaf_check_san_edi_party,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain ediPartyName."},
	{.name = "e_ext_san_uniform_resource_identifier_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_URI), .check = leaf_check_san_uri,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain uniformResourceIdentifier."},
	{.name = "e_ext_san_registered_id_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.12 (v1.x 7.1.4.2.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_TLS_LEAF, .needs = PC_NEEDS_SAN(PC_GN_RID), .check = leaf_check_san_rid,
		.description = "TLS leaf (also a cA-asserting one without keyCertSign) subjectAltName must not contain registeredID."},

	/* .onion */
	{.name = "e_san_dns_name_onion_invalid", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: Appendix C (v1.6.9, SC-27); RFC 7686; EVGs v1.7.x Appendix F", .from = PC_DATE(2015, 5, 1),
		.scope = SCOPE_ANY, .exclude = NOT_TLS_LEAF, .check = check_onion_invalid,
		.description = "The label before \"onion\" must be a Tor address: a v3 address (56 base32 characters, version 3, SHA3-256 checksum per rend-spec-v3 6), or a 16-character v2 address in an EV certificate."},
	{.name = "e_san_dns_name_onion_not_ev_cert", .severity = PC_ERROR, .source = BR,
		.citation = "CABF Ballot 144; EVGs Appendix F", .from = PC_DATE(2015, 5, 1), .until = PC_DATE(2020, 3, 27),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_onion_not_ev,
		.description = "Before SC-27 (2020-03-27) a certificate naming a .onion domain had to be EV."},
	{.name = "e_ext_tor_service_descriptor_hash_invalid", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: Ballot 201; EVGs Appendix F; SC-27", .from = PC_DATE(2017, 7, 28),
		.scope = SCOPE_ANY, .exclude = NOT_TLS_LEAF, .check = check_tor_descriptor,
		.description = "An EV certificate naming a v2 .onion domain needs the TorServiceDescriptor extension (2.23.140.1.31); when present, each entry needs an https onion URI naming one of the certificate's onion names, once, a SHA-256/384/512 hash of the right size, and (EV) every onion name a descriptor."},

	/* subject attributes: CA certificates (7.1.2.10.2) */
	{.name = "e_ca_common_name_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.2 (v1.x 7.1.4.3.1)", .from = PC_DATE(2017, 6, 8),
		.scope = SCOPE_CA, .check = check_ca_common_name_missing,
		.description = "CA certificate subject must contain a commonName. (ZLint's CrossSignedCa exemption is not modelled.)"},
	{.name = "e_ca_country_name_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.2 (v1.x 7.1.4.3.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_country_name_missing,
		.description = "CA certificate subject must contain countryName."},
	{.name = "e_ca_country_name_invalid", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.2 (v1.x 7.1.4.3.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_country_name_invalid,
		.description = "CA certificate countryName must be the ISO 3166-1 alpha-2 code of the CA's country (letters compared without case, as ZLint does). Unlike ZLint, \"XX\" is not accepted: the BR allow it only in subscriber subjects (7.1.4.2.2 of v1.x)."},
	{.name = "e_ca_organization_name_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.2 (v1.x 7.1.4.3.1)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_organization_name_missing,
		.description = "CA certificate subject must contain a non-empty organizationName."},
	{.name = "e_subj_orgunit_in_ca_cert", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.2", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_CA, .check = check_ca_ou_present,
		.description = "CA certificates issued from 2023-09-15 must not contain organizationalUnitName (the BR prohibit it in roots and TLS sub-CAs; CAs whose EKU excludes serverAuth are not judged; ZLint's CrossCert exemption is not modelled)."},

	/* subject attributes: subscriber certificates */
	{.name = "e_organizational_unit_name_prohibited", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.2-5 (v1.8.x 7.1.4.2.2(i), SC-47)", .from = PC_DATE(2022, 9, 1),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_OU), .check = check_ou_present,
		.description = "TLS subscriber certificates issued from 2022-09-01 must not contain organizationalUnitName."},
	{.name = "e_subject_contains_organizational_unit_name_and_no_organization_name", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(i) (v1.7.9)", .from = PC_DATE(2021, 8, 16),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_OU), .check = check_ou_without_o,
		.description = "A subscriber subject with organizationalUnitName must also have organizationName."},
	{.name = "e_sub_cert_country_name_must_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(h) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_country_must_appear,
		.description = "countryName is required when organizationName, givenName or surname is present."},
	{.name = "e_sub_cert_locality_name_must_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(e) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_locality_must_appear,
		.description = "localityName is required when organizationName, givenName or surname is present and stateOrProvinceName is absent."},
	{.name = "e_sub_cert_province_must_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(f) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_province_must_appear,
		.description = "stateOrProvinceName is required when organizationName, givenName or surname is present and localityName is absent."},
	{.name = "e_sub_cert_locality_name_must_not_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(e) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_L), .check = check_locality_must_not_appear,
		.description = "localityName is prohibited when organizationName, givenName and surname are all absent."},
	{.name = "e_sub_cert_province_must_not_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(f) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_ST), .check = check_province_must_not_appear,
		.description = "stateOrProvinceName is prohibited when organizationName, givenName and surname are all absent."},
	{.name = "e_sub_cert_postal_code_must_not_appear", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(g) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_POSTAL_CODE), .check = check_postal_must_not_appear,
		.description = "postalCode is prohibited when organizationName, givenName and surname are all absent."},
	{.name = "e_sub_cert_street_address_should_not_exist", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(d) (v1.x)", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .needs = PC_NEEDS_SUBJ(PC_AK_STREET), .check = check_street_must_not_appear,
		.description = "streetAddress is prohibited when organizationName, givenName and surname are all absent."},
	{.name = "e_sub_cert_given_name_surname_contains_correct_policy", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2.2(c) (v1.x); 7.1.2.7.3", .from = PC_DATE(2016, 9, 7),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_given_name_surname_policy,
		.description = "A subscriber subject with givenName or surname must assert the individual-validated policy 2.23.140.1.2.3."},
	{.name = "e_subject_country_not_iso", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.3-5, 7.1.2.10.2 (v1.x 7.1.4.2.2(g))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_BR_CERT, .check = br_check_subject_country_not_iso,
		.description = "countryName must be an ISO 3166-1 alpha-2 code or \"XX\" (letters compared without case, as ZLint does)."},
	{.name = "e_subject_contains_noninformational_value", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.3-5, 7.1.4.4 (v1.x 7.1.4.2.2(j))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_BR_CERT, .check = br_check_noninformational_value,
		.description = "No subject attribute may consist only of metadata such as '.', '-' or spaces: each string value needs a letter, digit or non-ASCII character."},
	{.name = "e_state_or_province_name_must_not_contain_control_characters", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 3.2.2.1; 7.1.4.4", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .flags = PC_RF_BR_CERT, .check = br_check_st_l_control_characters,
		.description = "stateOrProvinceName and localityName must be plain names, without structured-data characters = : { } ; \" | \\ [ ]."},
	{.name = "e_subject_rdns_correct_encoding", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2 (v2.0.0 tables 77, 78)", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .flags = PC_RF_BR_CERT, .check = br_check_rdns_encoding,
		.description = "Subject attributes use the string types of BR 7.1.4.2: domainComponent IA5String; countryName, jurisdictionCountryName and serialNumber PrintableString; the others listed PrintableString or UTF8String."},
	{.name = "e_invalid_subject_rdn_order", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.2", .from = PC_DATE(2023, 9, 15),
		.scope = SUB_NAMES, .exclude = NOT_TLS_LEAF, .check = check_rdn_order,
		.description = "Subject attributes listed in 7.1.4.2 appear in its order: DC, C, ST, L, postalCode, street, O, surname, givenName, OU, CN."},
	{.name = "e_duplicate_subject_attribs", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.4.1", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .flags = PC_RF_BR_CERT, .check = br_check_duplicate_attribs,
		.description = "A Name holds at most one of each attribute type except domainComponent, streetAddress and organizationalUnitName."},

	/* commonName */
	{.name = "n_subject_common_name_included", .severity = PC_NOTICE, .source = BR,
		.citation = "BRs: 7.1.4.2.2(a) (v1.x)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_cn_included,
		.description = "Before 2023-09-15: a subscriber commonName is deprecated."},
	{.name = "w_subject_common_name_included", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.7.1-5", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_cn_included,
		.description = "From 2023-09-15: a subscriber commonName is NOT RECOMMENDED."},
	{.name = "w_extra_subject_common_names", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.4.3 (v1.x 7.1.4.2.2(a))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .exclude = NOT_TLS_LEAF, .check = check_extra_common_names,
		.description = "A subscriber subject should hold at most one commonName."},
};

PC_RULE_TABLE_END(cabf_br_names);
