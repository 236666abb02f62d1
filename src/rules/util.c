/*
 * util.c
 *		Helpers shared by checks in several documents.
 */
#include "rules.h"

#include <openssl/bn.h>

static inline uint8_t
fold_octet(uint8_t ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (uint8_t) (ch + 32) : ch;
}

/*
 * Names compared here are mostly equal octet for octet (a certificate's
 * names share their case), so each word or octet is compared as it is
 * first, and folded only when that differs.
 */
bool
pc_span_eq_nocase(pc_span a, pc_span b)
{
	size_t		i = 0;

	if (a.n != b.n)
		return false;
	for (; i + 8 <= a.n; i += 8)
	{
		uint64_t	x = pc_load_word(a.p + i),
					y = pc_load_word(b.p + i);

		if (x != y && pc_fold_word(x) != pc_fold_word(y))
			return false;
	}
	for (; i < a.n; i++)
		if (a.p[i] != b.p[i] && fold_octet(a.p[i]) != fold_octet(b.p[i]))
			return false;
	return true;
}

bool
pc_san_has_dns(const pc_cert *c, pc_span s, bool ignore_case)
{
	pc_gn_iter	it;
	pc_gn		gn;

	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		if (gn.type != PC_GN_DNS)
			continue;
		if (ignore_case ? pc_span_eq_nocase(gn.v, s) : pc_span_eq(gn.v, s))
			return true;
	}
	return false;
}

bool
pc_san_has_ip_text(const pc_cert *c, pc_span s)
{
	pc_gn_iter	it;
	pc_gn		gn;
	char		buf[64];

	if (!(c->san_types & (1u << PC_GN_IP)))
		return false;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		if (gn.type != PC_GN_IP || !pc_ip_text(gn.v, buf, sizeof(buf)))
			continue;
		if (strlen(buf) == s.n && memcmp(buf, s.p, s.n) == 0)
			return true;
	}
	return false;
}

bool
pc_sig_is_sha1(pc_span oid)
{
	return PC_OID_IS(oid, OID_ALG_SHA1_RSA) || PC_OID_IS(oid, OID_ALG_ECDSA_SHA1) ||
		PC_OID_IS(oid, OID_ALG_DSA_SHA1);
}

int64_t
pc_add_months(int64_t t, int months)
{
	/* Normalise like Go's time.AddDate, which ZLint uses: Jan 31 + 1 month = Mar 3. */
	int64_t		days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t		secs = t - days * 86400;
	int64_t		z = days + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned	doe = (unsigned) (z - era * 146097);
	unsigned	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned	mp = (5 * doy + 2) / 153;
	unsigned	d = doy - (153 * mp + 2) / 5 + 1;
	unsigned	m = mp < 10 ? mp + 3 : mp - 9;
	int64_t		y = (int64_t) yoe + era * 400 + (m <= 2);
	int64_t		total = y * 12 + (int64_t) (m - 1) + months;

	y = total / 12;
	m = (unsigned) (total % 12) + 1;
	/* day d of month m, overflowing into the next month as Go does */
	return (PC_DATE(y, m, 1) / 86400 + (int64_t) d - 1) * 86400 + secs;
}

void
pc_validity_over(const pc_cert *c, pc_report *r, int64_t days)
{
	if (pc_validity_seconds(c) > days * PC_DAY)
		pc_fail(r, "valid for %lld days (%lld seconds), more than %lld days",
				(long long) pc_validity_days(c), (long long) pc_validity_seconds(c),
				(long long) days);
}

bool
pc_span_has_pair(pc_span s, uint8_t ch)
{
	for (size_t i = 1; i < s.n; i++)
		if (s.p[i] == ch && s.p[i - 1] == ch)
			return true;
	return false;
}

bool
pc_str_ascii(uint8_t tag, pc_span v)
{
	if (tag == PC_T_BMPSTRING || tag == PC_T_UNIVERSALSTRING)
		return false;
	for (size_t i = 0; i < v.n; i++)
		if (v.p[i] < 0x20 || v.p[i] > 0x7e)
			return false;
	return true;
}

bool
pc_str_next(uint8_t tag, pc_span v, size_t *pos, uint32_t *cp, bool *bad)
{
	size_t		i = *pos;

	if (i >= v.n)
		return false;
	if (tag == PC_T_BMPSTRING || tag == PC_T_UNIVERSALSTRING)
	{
		size_t		w = tag == PC_T_BMPSTRING ? 2 : 4;

		if (v.n - i < w)
		{
			*cp = 0xfffd;
			*pos = v.n;
			if (bad)
				*bad = true;
			return true;
		}
		*cp = 0;
		for (size_t k = 0; k < w; k++)
			*cp = *cp << 8 | v.p[i + k];
		*pos = i + w;
		return true;
	}
	if (tag == PC_T_UTF8STRING && v.p[i] >= 0x80)
	{
		uint8_t		b = v.p[i];
		size_t		len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
		uint32_t	min = len == 4 ? 0x10000 : len == 3 ? 0x800 : 0x80;
		uint32_t	c = b & (0x3f >> (len - 1));
		bool		ok = b >= 0xc0 && b < 0xf8 && v.n - i >= len;

		for (size_t k = 1; ok && k < len; k++)
		{
			ok = (v.p[i + k] & 0xc0) == 0x80;
			c = c << 6 | (v.p[i + k] & 0x3f);
		}
		if (!ok || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		{
			/* skip one octet, as most decoders resynchronise */
			*cp = 0xfffd;
			*pos = i + 1;
			if (bad)
				*bad = true;
			return true;
		}
		*cp = c;
		*pos = i + len;
		return true;
	}
	*cp = v.p[i];
	*pos = i + 1;
	return true;
}

size_t
pc_str_len(uint8_t tag, pc_span v)
{
	size_t		pos = 0,
				n = 0;
	uint32_t	cp;

	while (pc_str_next(tag, v, &pos, &cp, NULL))
		n++;
	return n;
}

bool
pc_is_string_tag(uint8_t tag)
{
	switch (tag)
	{
		case PC_T_UTF8STRING:
		case PC_T_NUMERICSTRING:
		case PC_T_PRINTABLESTRING:
		case PC_T_TELETEXSTRING:
		case PC_T_VIDEOTEXSTRING:
		case PC_T_IA5STRING:
		case PC_T_VISIBLESTRING:
		case PC_T_UNIVERSALSTRING:
		case PC_T_BMPSTRING:
			return true;
		default:
			return false;
	}
}

/* ---------------------------------------------------------------- big numbers */

/*
 * One BN_CTX per thread, made on first use and kept: a BN_CTX caches its
 * temporaries, so reusing it spares each RSA check an allocation and the
 * cleansing free of every temporary (a PostgreSQL backend is one thread).
 */
BN_CTX *
pc_bn_ctx(void)
{
	static _Thread_local BN_CTX *ctx;

	if (ctx == NULL)
		ctx = BN_CTX_new();
	return ctx;
}
