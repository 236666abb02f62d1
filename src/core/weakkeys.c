/*
 * weakkeys.c
 *		Known weak RSA keys: fingerprints, the openssl-blacklist text format,
 *		and a sorted set of fingerprints per modulus size (weakkeys.h).
 */
#include "weakkeys.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- fingerprint */

/*
 * SHA-1 over "Modulus=" + hex + "\n", exactly as OpenSSL's BN_print writes
 * the modulus for `openssl x509 -modulus`: upper case, no leading zero
 * digits (so a modulus whose first octet is below 0x10 starts with a single
 * digit).  The hex is hashed in pieces, so any modulus size works without a
 * buffer the size of the key.
 */
bool
pc_wk_fingerprint(const uint8_t *n, size_t len, uint8_t fp[PC_WK_FP_LEN])
{
	static const char hex[] = "0123456789ABCDEF";
	EVP_MD_CTX *ctx;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char		buf[256];
	size_t		used = 0;
	bool		ok;

	while (len > 0 && n[0] == 0)
	{
		n++;
		len--;
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		return false;
	ok = EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) == 1 &&
		EVP_DigestUpdate(ctx, "Modulus=", 8) == 1;
	if (len == 0)
		buf[used++] = '0';		/* BN_print's zero */
	for (size_t i = 0; ok && i < len; i++)
	{
		if (i > 0 || n[i] >= 0x10)
			buf[used++] = hex[n[i] >> 4];
		buf[used++] = hex[n[i] & 0x0f];
		if (used + 2 >= sizeof(buf))
		{
			ok = EVP_DigestUpdate(ctx, buf, used) == 1;
			used = 0;
		}
	}
	buf[used++] = '\n';
	ok = ok && EVP_DigestUpdate(ctx, buf, used) == 1 &&
		EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen == 20;
	EVP_MD_CTX_free(ctx);
	if (ok)
		memcpy(fp, md + 20 - PC_WK_FP_LEN, PC_WK_FP_LEN);
	return ok;
}

/* ---------------------------------------------------------------- text format */

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Show at most 40 octets of a bad line, printable ASCII only. */
static void
quote_line(const char *p, size_t n, char *out, size_t size)
{
	size_t		used = 0;

	for (size_t i = 0; i < n && i < 40 && used + 5 < size; i++)
	{
		unsigned char ch = (unsigned char) p[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')
			out[used++] = (char) ch;
		else
			used += (size_t) snprintf(out + used, size - used, "\\x%02x", ch);
	}
	if (n > 40 && used + 4 < size)
	{
		memcpy(out + used, "...", 3);
		used += 3;
	}
	out[used] = '\0';
}

long
pc_wk_parse(const char *text, size_t len, pc_wk_key_fn fn, void *arg, pc_wk_error *err)
{
	const char *p = text,
			   *end = text + len;
	unsigned long line = 0;
	long		nkeys = 0;

	while (p < end)
	{
		const char *eol = memchr(p, '\n', (size_t) (end - p));
		const char *a = p,
				   *b = eol ? eol : end;
		uint8_t		fp[PC_WK_FP_LEN];
		bool		ok;

		line++;
		p = eol ? eol + 1 : end;
		while (a < b && is_blank(*a))
			a++;
		while (b > a && is_blank(b[-1]))
			b--;
		if (a == b || *a == '#')
			continue;

		ok = (b - a) == PC_WK_HEX_LEN;
		for (int i = 0; ok && i < PC_WK_FP_LEN; i++)
		{
			int			hi = pc_hex_digit((uint8_t) a[2 * i]),
						lo = pc_hex_digit((uint8_t) a[2 * i + 1]);

			ok = hi >= 0 && lo >= 0;
			if (ok)
				fp[i] = (uint8_t) (hi << 4 | lo);
		}
		if (!ok)
		{
			char		shown[200];

			quote_line(a, (size_t) (b - a), shown, sizeof(shown));
			err->line = line;
			snprintf(err->msg, sizeof(err->msg),
					 "expected %d hexadecimal digits or a # comment, found \"%s\"",
					 PC_WK_HEX_LEN, shown);
			return -1;
		}
		if (!fn(arg, fp))
		{
			err->line = line;
			snprintf(err->msg, sizeof(err->msg), "out of memory");
			return -1;
		}
		nkeys++;
	}
	return nkeys;
}

/* ---------------------------------------------------------------- the set */

static void *
default_resize(void *arg, void *p, size_t size)
{
	if (size == 0)
	{
		free(p);
		return NULL;
	}
	return realloc(p, size);
}

void
pc_wk_init(pc_weak_keys *s, pc_wk_resize_fn resize, void *resize_arg)
{
	memset(s, 0, sizeof(*s));
	s->resize = resize ? resize : default_resize;
	s->resize_arg = resize_arg;
	s->sorted = true;
}

/* Room for 'need' elements of 'elem' octets in *arr; doubles, from 16. */
static bool
grow(pc_weak_keys *s, void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t		ncap = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return true;
	while (ncap < need)
	{
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elem)
		return false;
	p = s->resize(s->resize_arg, *arr, ncap * elem);
	if (p == NULL)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

static pc_wk_list *
list_for(pc_weak_keys *s, unsigned bits, bool create)
{
	pc_wk_list *l;
	void	   *arr;

	for (size_t i = 0; i < s->nlist; i++)
		if (s->list[i].bits == bits)
			return &s->list[i];
	if (!create)
		return NULL;
	arr = s->list;
	if (!grow(s, &arr, &s->caplist, s->nlist + 1, sizeof(pc_wk_list)))
		return NULL;
	s->list = arr;
	l = &s->list[s->nlist++];
	memset(l, 0, sizeof(*l));
	l->bits = bits;
	return l;
}

bool
pc_wk_add_many(pc_weak_keys *s, unsigned bits, const uint8_t *fps, size_t n)
{
	pc_wk_list *l = list_for(s, bits, true);
	void	   *arr;

	if (l == NULL || n > SIZE_MAX - l->n)
		return false;
	if (n == 0)
		return true;
	arr = l->fp;
	if (!grow(s, &arr, &l->cap, l->n + n, PC_WK_FP_LEN))
		return false;
	l->fp = arr;
	memcpy(l->fp[l->n], fps, n * PC_WK_FP_LEN);
	l->n += n;
	s->sorted = false;
	return true;
}

bool
pc_wk_add(pc_weak_keys *s, unsigned bits, const uint8_t fp[PC_WK_FP_LEN])
{
	return pc_wk_add_many(s, bits, fp, 1);
}

typedef struct add_text_state
{
	pc_weak_keys *s;
	unsigned	bits;
} add_text_state;

static bool
add_text_key(void *arg, const uint8_t fp[PC_WK_FP_LEN])
{
	add_text_state *st = arg;

	return pc_wk_add(st->s, st->bits, fp);
}

long
pc_wk_add_text(pc_weak_keys *s, unsigned bits, const char *text, size_t len, pc_wk_error *err)
{
	add_text_state st = {s, bits};

	return pc_wk_parse(text, len, add_text_key, &st, err);
}

static int
fp_cmp(const void *a, const void *b)
{
	return memcmp(a, b, PC_WK_FP_LEN);
}

void
pc_wk_sort(pc_weak_keys *s)
{
	for (size_t i = 0; i < s->nlist; i++)
	{
		pc_wk_list *l = &s->list[i];
		size_t		out = 0;

		if (l->n == 0)
			continue;
		qsort(l->fp, l->n, PC_WK_FP_LEN, fp_cmp);
		for (size_t j = 0; j < l->n; j++)
			if (out == 0 || memcmp(l->fp[out - 1], l->fp[j], PC_WK_FP_LEN) != 0)
				memmove(l->fp[out++], l->fp[j], PC_WK_FP_LEN);
		l->n = out;
	}
	s->sorted = true;
}

bool
pc_wk_contains(const pc_weak_keys *s, unsigned bits, const uint8_t fp[PC_WK_FP_LEN])
{
	const pc_wk_list *l = NULL;
	size_t		lo = 0,
				hi;

	for (size_t i = 0; i < s->nlist && l == NULL; i++)
		if (s->list[i].bits == bits)
			l = &s->list[i];
	if (l == NULL)
		return false;
	if (!s->sorted)
	{
		for (size_t j = 0; j < l->n; j++)
			if (memcmp(l->fp[j], fp, PC_WK_FP_LEN) == 0)
				return true;
		return false;
	}
	hi = l->n;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			c = memcmp(l->fp[mid], fp, PC_WK_FP_LEN);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

size_t
pc_wk_count(const pc_weak_keys *s)
{
	size_t		n = 0;

	for (size_t i = 0; i < s->nlist; i++)
		n += s->list[i].n;
	return n;
}

bool
pc_wk_lookup(void *arg, unsigned bits, const uint8_t fp[PC_WK_FP_LEN])
{
	return pc_wk_contains((const pc_weak_keys *) arg, bits, fp);
}

void
pc_wk_free(pc_weak_keys *s)
{
	for (size_t i = 0; i < s->nlist; i++)
		if (s->list[i].fp)
			s->resize(s->resize_arg, s->list[i].fp, 0);
	if (s->list)
		s->resize(s->resize_arg, s->list, 0);
	pc_wk_init(s, s->resize, s->resize_arg);
}
