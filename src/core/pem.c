/*
 * pem.c
 *		PEM CERTIFICATE blocks: find them and decode their base64.
 *
 * Shared by the command-line linter, profcheck.der() and the tests, so the
 * one reading of PEM is this one.
 */
#include "pc.h"

static const char pem_begin[] = "-----BEGIN CERTIFICATE-----";
static const char pem_end[] = "-----END CERTIFICATE-----";

static const uint8_t *
find(const uint8_t *p, const uint8_t *end, const char *needle, size_t n)
{
	for (; p + n <= end; p++)
		if (p[0] == (uint8_t) needle[0] && memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

static int
b64_value(uint8_t ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+')
		return 62;
	if (ch == '/')
		return 63;
	return -1;
}

bool
pc_pem_next(pc_span *text, pc_span *base64)
{
	const uint8_t *end = text->p + text->n;
	const uint8_t *b = find(text->p, end, pem_begin, sizeof(pem_begin) - 1);
	const uint8_t *e;

	if (b == NULL)
		return false;
	b += sizeof(pem_begin) - 1;
	e = find(b, end, pem_end, sizeof(pem_end) - 1);
	if (e == NULL)
		return false;
	base64->p = b;
	base64->n = (size_t) (e - b);
	text->p = e + sizeof(pem_end) - 1;
	text->n = (size_t) (end - text->p);
	return true;
}

long
pc_base64_decode(pc_span in, uint8_t *out)
{
	uint32_t	acc = 0;
	int			bits = 0;
	long		n = 0;

	for (size_t i = 0; i < in.n; i++)
	{
		uint8_t		ch = in.p[i];
		int			v;

		if (ch == '=' || ch == '\r' || ch == '\n' || ch == ' ' || ch == '\t')
			continue;
		if ((v = b64_value(ch)) < 0)
			return -1 - (long) i;
		acc = (acc << 6) | (uint32_t) v;
		bits += 6;
		if (bits >= 8)
		{
			bits -= 8;
			out[n++] = (uint8_t) (acc >> bits);
		}
	}
	return n;
}
