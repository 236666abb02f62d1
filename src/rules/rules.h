/*
 * rules.h
 *		What every rules file needs: the model, OIDs, the table macros, and
 *		small helpers shared by checks.
 *
 * A rule is a static check function and one entry of its document's table.
 * Checks read the decoded certificate and call pc_fail() with the values
 * that make it wrong; they never look at dates or scope themselves.
 */
#ifndef PC_RULES_H
#define PC_RULES_H

#include "../core/pc.h"
#include "../core/oids.h"
#include "../core/registry.h"

#include <openssl/types.h>
#include <stdio.h>
#include <string.h>

/* Scope shorthands for the rule tables. */
#define SCOPE_ANY			0
#define SCOPE_SUB			PC_K_SUB
#define SCOPE_TLS_SUB		(PC_K_SUB | PC_K_TLS)
#define SCOPE_CA			PC_K_CA
#define SCOPE_ROOT			(PC_K_CA | PC_K_ROOT)
#define SCOPE_SUBCA			(PC_K_CA | PC_K_SUBCA)
#define SCOPE_PRECERT		PC_K_PRECERT

/* Format an attribute or GeneralName value for a finding's detail. */
static inline int
pc_span_width(pc_span s)
{
	return (int) (s.n > 80 ? 80 : s.n);
}

#define PC_SPAN_FMT "%.*s"
#define PC_SPAN_ARG(s) pc_span_width(s), (const char *) (s).p

/*
 * The subject's attributes in brief (attrs.c): pc_subject_info makes the
 * summary for c on first use and keeps it in r for the other rules.
 */
pc_attr_kind pc_attr_kind_of(pc_span oid);

static inline const pc_subject_memo *
pc_subject_info(const pc_cert *c, pc_report *r)
{
	return r->subj.cert == c ? &r->subj : pc_subject_info_make(c, r);
}

/* Does the subject hold an attribute of kind k (with a non-empty value)? */
static inline bool
pc_subj_has(const pc_cert *c, pc_report *r, pc_attr_kind k)
{
	return (pc_subject_info(c, r)->has & PC_AK_BIT(k)) != 0;
}

static inline bool
pc_subj_has_value_k(const pc_cert *c, pc_report *r, pc_attr_kind k)
{
	return (pc_subject_info(c, r)->has_value & PC_AK_BIT(k)) != 0;
}

/* Is this identifier octet one of the ASN.1 character string types? */
bool		pc_is_string_tag(uint8_t tag);

/* Does ch occur twice in a row in s ("--", "..")? */
bool		pc_span_has_pair(pc_span s, uint8_t ch);

/*
 * Eight octets with A-Z made a-z.  An octet is upper case when its low seven
 * bits are at least 'A' and below '[' (sums that cannot carry between
 * octets, as the high bits are cleared first) and its high bit is clear;
 * that high bit, shifted to 0x20, is the case bit to set.
 */
static inline uint64_t
pc_fold_word(uint64_t w)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
				highs = UINT64_C(0x8080808080808080);
	uint64_t	low = w & ~highs,
				upper = (low + ones * (0x80 - 'A')) & ~(low + ones * (0x80 - '[')) & ~w & highs;

	return w | (upper >> 2);
}

/* ASCII case-insensitive equality of two spans. */
bool		pc_span_eq_nocase(pc_span a, pc_span b);

/*
 * Does s start (end) with the text lit, ASCII case ignored?  Inline, so
 * that the length of a literal is known where it is called.
 */
static inline bool
pc_span_starts_nocase(pc_span s, const char *lit)
{
	size_t		n = strlen(lit);

	return s.n >= n && pc_span_eq_nocase((pc_span) {s.p, n}, (pc_span) {(const uint8_t *) lit, n});
}

static inline bool
pc_span_ends_nocase(pc_span s, const char *lit)
{
	size_t		n = strlen(lit);

	return s.n >= n &&
		pc_span_eq_nocase((pc_span) {s.p + s.n - n, n}, (pc_span) {(const uint8_t *) lit, n});
}

/* Does the SAN contain a dNSName equal to s (exactly, or ignoring case)? */
bool		pc_san_has_dns(const pc_cert *c, pc_span s, bool ignore_case);

/* Does the SAN contain an iPAddress whose text form equals s? */
bool		pc_san_has_ip_text(const pc_cert *c, pc_span s);

/* Text to address octets, as Go's net.ParseIP accepts it (dnsnames.c). */
bool		pc_parse_ip_text_full(pc_span s, uint8_t out[16], size_t *len);

/* Can the octet be part of an address's text: a hex digit, '.' or ':'? */
static inline bool
pc_ip_text_octet(uint8_t ch)
{
	uint8_t		l = ch | 0x20;	/* 'A'-'F' to 'a'-'f'; digits, '.', ':' stay */

	return (ch >= '0' && ch <= ':') || ch == '.' || (l >= 'a' && l <= 'f');
}

/*
 * pc_parse_ip_text_full, for the commonNames that rules ask about: most
 * are host names, which fail at their first or second octet ("www.", "*.",
 * "mail."), and are spared the call and its 64-octet buffer.
 */
static inline bool
pc_parse_ip_text(pc_span s, uint8_t out[16], size_t *len)
{
	if (s.n == 0 || !pc_ip_text_octet(s.p[0]) || (s.n > 1 && !pc_ip_text_octet(s.p[1])))
		return false;
	return pc_parse_ip_text_full(s, out, len);
}

/*
 * DNS names a certificate claims (dnsnames.c): every SAN dNSName and, with
 * with_cn, first every non-empty commonName that is not an IP address.
 * The first walk keeps them in the report (pc_report.dns); a certificate
 * with more than PC_DNS_MEMO names is walked each time.
 */
typedef struct pc_dns_iter
{
	const pc_cert *c;
	bool		with_cn;
	int			ai;
	pc_gn_iter	g;
	const pc_span *memo;		/* the kept list, or NULL to walk */
	int			mi;
	int			mn;
} pc_dns_iter;

void		pc_dns_begin(pc_dns_iter *it, const pc_cert *c, pc_report *r, bool with_cn);
bool		pc_dns_walk(pc_dns_iter *it, pc_span *name);
void		pc_dns_remember(const pc_cert *c, pc_report *r);

static inline bool
pc_dns_next(pc_dns_iter *it, pc_span *name)
{
	if (it->memo == NULL)
		return pc_dns_walk(it, name);
	if (it->mi >= it->mn)
		return false;
	*name = it->memo[it->mi++];
	return true;
}

/*
 * What a DNS name is made of, as bits a rule can test before it looks at
 * the name (pc_dns_name_facts), and the same summed over every name of the
 * certificate (pc_dns_facts).  A rule that can only fault a name with a
 * given fact returns at once when no name has it.
 */
#define PC_DNSF_UPPER			0x0001	/* an upper-case ASCII letter */
#define PC_DNSF_HYPHEN			0x0002	/* '-' */
#define PC_DNSF_UNDERSCORE		0x0004	/* '_' */
#define PC_DNSF_STAR			0x0008	/* '*' */
#define PC_DNSF_OTHER			0x0010	/* an octet not in [A-Za-z0-9.*_-] (space, NUL, '?', ...) */
#define PC_DNSF_NONASCII		0x0020	/* an octet of 0x80 or more (also OTHER) */
#define PC_DNSF_EMPTY_LABEL		0x0040	/* empty, or a leading, trailing or doubled '.' */
#define PC_DNSF_LONG_LABEL		0x0080	/* a label of more than 63 octets */
#define PC_DNSF_DOUBLE_HYPHEN	0x0100	/* "--" (every A-label has it) */
#define PC_DNSF_NO_DOT			0x0200	/* no '.' at all */
#define PC_DNSF_TOO_LONG		0x0400	/* more than 253 octets */
#define PC_DNSF_ONION			0x0800	/* ends in ".onion", any case */
#define PC_DNSF_ARPA			0x1000	/* ends in ".arpa", any case */
#define PC_DNSF_HYPHEN_EDGE		0x2000	/* a label starts or ends with '-' */

uint16_t	pc_dns_name_facts(pc_span name);

static inline uint16_t
pc_dns_facts(const pc_cert *c, pc_report *r, bool with_cn)
{
	if (r->dns_n < 0 || r->dns_cert != c)
		pc_dns_remember(c, r);
	return (uint16_t) (r->dns_fsan | (with_cn ? r->dns_fcn : 0));
}

/*
 * Does some SAN GeneralName, of any type, have empty content?  Noted in the
 * walk that keeps the DNS names: the SAN rule that looks for one need not
 * walk a SAN that has none.
 */
static inline bool
pc_san_has_empty(const pc_cert *c, pc_report *r)
{
	if (r->dns_n < 0 || r->dns_cert != c)
		pc_dns_remember(c, r);
	return r->dns_san_empty;
}

/*
 * The root-zone entry of a TLD (tld_data.h), compared ignoring ASCII case
 * and up to a NUL in the label, or NULL (cabf_br_names.c).
 */
struct pc_tld;
const struct pc_tld *pc_tld_find(pc_span label);

/* Is the signature algorithm (outer or TBS) one that uses SHA-1? */
bool		pc_sig_is_sha1(pc_span oid);

/*
 * Report when the validity period, counted inclusively as RFC 5280 4.1.2.5
 * and BR 6.3.2 (from 2020-09-01) count it, is longer than 'days'.
 */
void		pc_validity_over(const pc_cert *c, pc_report *r, int64_t days);

/* Add 'months' calendar months to t, clamping the day as Go's AddDate does not. */
int64_t		pc_add_months(int64_t t, int months);

/*
 * Decode the next character of a directory string value by its tag:
 * UTF8String as UTF-8, BMPString as UCS-2, UniversalString as UCS-4, every
 * other string type one octet per character (TeletexString read as
 * Latin-1).  Returns false at the end; an invalid encoding yields U+FFFD
 * and sets *bad when bad is not NULL.
 */
bool		pc_str_next(uint8_t tag, pc_span v, size_t *pos, uint32_t *cp, bool *bad);

/*
 * Is the value, read as pc_str_next reads it, printable ASCII only (U+0020
 * to U+007E, one octet each)?  A fast answer for rules that look for other
 * characters.
 */
bool		pc_str_ascii(uint8_t tag, pc_span v);

/* Number of characters of a directory string value, counted as pc_str_next reads it. */
size_t		pc_str_len(uint8_t tag, pc_span v);

/*
 * Public suffix of a DNS name under the ICANN section of the Public Suffix
 * List (community.c): the offset in 'name' where the suffix starts; 0 means
 * the whole name is a public suffix.  *listed (when not NULL) tells whether a
 * rule of the list matched, rather than the default rule that takes the last
 * label.  Names are compared ignoring ASCII case; a name too long to be a DNS
 * name returns its length (no suffix).
 */
size_t		pc_public_suffix_at(const char *name, size_t n, bool *listed);

/* Is the whole name a public suffix by a rule (pc_public_suffix_at 0, listed)? */
bool		pc_psl_whole_name(pc_span name);

/* The same, remembered in the report for the certificate being checked. */
size_t		pc_public_suffix(pc_report *r, pc_span name, bool *listed);

/* pc_cert_is_ev (cabf_ev.c) is declared in pc.h: the engine asks it too. */

/*
 * Is oid (content octets) one of the CA-specific EV policy OIDs cabf_ev.c
 * lists?  Through its filter when 'filtered', as pc_cert_is_ev asks; by a
 * plain scan of the list otherwise (the unit tests compare the two).
 */
bool		pc_ev_policy_listed(pc_span oid, bool filtered);

/*
 * Big numbers (util.c).  pc_bn_ctx is a per-thread BN_CTX kept for reuse
 * (NULL when OpenSSL cannot allocate one).
 */
BN_CTX	   *pc_bn_ctx(void);

/*
 * Natural numbers in arrays of 64-bit limbs, least significant first
 * (nat.c), for public values such as RSA moduli.  pc_nat_from_bytes reads
 * big-endian octets into at most 'max' limbs and returns the limb count, or
 * -1 when they do not fit.  pc_nat_sqrtrem sets s (room: n / 2 + 2 limbs)
 * to floor(sqrt(a)) and rem (room: n + 1 limbs; may be NULL) to a - s^2,
 * and returns s's length, or -1 when a has more than PC_NAT_LIMBS limbs.
 */
#define PC_NAT_LIMBS 256

int			pc_nat_from_bytes(uint64_t *a, int max, const uint8_t *p, size_t len);
int			pc_nat_sqrtrem(uint64_t *s, uint64_t *rem, const uint64_t *a, int n);
int			pc_nat_bits(const uint64_t *a, int n);
uint64_t	pc_nat_mod_word(const uint64_t *a, int n, uint64_t m);
/* The big-endian number in p[0 .. len) modulo m (no length limit). */
uint64_t	pc_nat_mod_bytes(const uint8_t *p, size_t len, uint64_t m);

/* r = a + b (r: max(an, bn) + 1 limbs; may be a or b); r = a << bits (no
 * overlap; n + bits / 64 + 1 limbs); a -= b where a >= b.  Lengths out. */
int			pc_nat_add(uint64_t *r, const uint64_t *a, int an, const uint64_t *b, int bn);
int			pc_nat_shl(uint64_t *r, const uint64_t *a, int n, int bits);
int			pc_nat_sub(uint64_t *a, int an, const uint64_t *b, int bn);
int			pc_nat_mul_word(uint64_t *a, int n, uint64_t w);	/* in place; a: n + 1 limbs */

/* The primes below 752, and a's residue modulo each (nat.c). */
extern const uint16_t pc_small_primes[PC_SMALL_PRIMES];
void		pc_nat_small_residues(const uint64_t *a, int n, uint16_t *out);
bool		pc_nat_to_bn(const uint64_t *a, int n, BIGNUM *out);

#endif							/* PC_RULES_H */
