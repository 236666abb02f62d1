/*
 * text.c
 *		Text forms of decoded values: distinguished names (RFC 4514),
 *		GeneralNames and hexadecimal.
 */
#include "pc.h"
#include "oids.h"

#include <stdio.h>

typedef struct outbuf
{
	char	   *p;
	size_t		size;
	size_t		used;
} outbuf;

static void
put(outbuf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n && o->used + 1 < o->size; i++)
		o->p[o->used++] = s[i];
	o->p[o->used] = '\0';
}

static void
putc_(outbuf *o, char ch)
{
	put(o, &ch, 1);
}

/* Append one code point as UTF-8. */
static void
put_utf8(outbuf *o, uint32_t cp)
{
	char		b[4];

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80)
		putc_(o, (char) cp);
	else if (cp < 0x800)
	{
		b[0] = (char) (0xc0 | (cp >> 6));
		b[1] = (char) (0x80 | (cp & 0x3f));
		put(o, b, 2);
	}
	else if (cp < 0x10000)
	{
		b[0] = (char) (0xe0 | (cp >> 12));
		b[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char) (0x80 | (cp & 0x3f));
		put(o, b, 3);
	}
	else
	{
		b[0] = (char) (0xf0 | (cp >> 18));
		b[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char) (0x80 | (cp & 0x3f));
		put(o, b, 4);
	}
}

static void
put_hex(outbuf *o, pc_span s)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < s.n; i++)
	{
		putc_(o, hex[s.p[i] >> 4]);
		putc_(o, hex[s.p[i] & 15]);
	}
}

void
pc_hex(pc_span s, char *buf, size_t size)
{
	outbuf		o = {buf, size, 0};

	if (size == 0)
		return;
	buf[0] = '\0';
	put_hex(&o, s);
}

void
pc_serial_hex(pc_span serial, char *buf, size_t size)
{
	/* drop the sign octet DER adds to keep a positive number positive */
	if (serial.n > 1 && serial.p[0] == 0 && (serial.p[1] & 0x80))
	{
		serial.p++;
		serial.n--;
	}
	pc_hex(serial, buf, size);
}

static const struct
{
	const char *oid;
	size_t		len;
	const char *name;
}			short_names[] = {
#define SN(lit, nm) { lit, sizeof(lit) - 1, nm }
	SN(OID_AT_CN, "CN"), SN(OID_AT_L, "L"), SN(OID_AT_ST, "ST"), SN(OID_AT_O, "O"),
	SN(OID_AT_OU, "OU"), SN(OID_AT_C, "C"), SN(OID_AT_STREET, "STREET"), SN(OID_AT_DC, "DC"),
	SN(OID_AT_UID, "UID"),
#undef SN
};

/*
 * Append an attribute value with RFC 4514 escaping.  String types are
 * converted to UTF-8; anything else is written as '#' and the hex of its
 * BER encoding, as 2.4 of the RFC says.
 */
static void
put_value(outbuf *o, const pc_attr *a)
{
	pc_span		v = a->value;
	size_t		i = 0;
	size_t		start = o->used;

	switch (a->vtag)
	{
		case PC_T_UTF8STRING:
		case PC_T_PRINTABLESTRING:
		case PC_T_IA5STRING:
		case PC_T_TELETEXSTRING:
		case PC_T_VISIBLESTRING:
		case PC_T_NUMERICSTRING:
		case PC_T_BMPSTRING:
		case PC_T_UNIVERSALSTRING:
			break;
		default:
			putc_(o, '#');
			put_hex(o, a->vall);
			return;
	}

	while (i < v.n)
	{
		uint32_t	cp;
		size_t		w;

		if (a->vtag == PC_T_BMPSTRING)
		{
			if (i + 2 > v.n)
				break;
			cp = (uint32_t) v.p[i] << 8 | v.p[i + 1];
			w = 2;
		}
		else if (a->vtag == PC_T_UNIVERSALSTRING)
		{
			if (i + 4 > v.n)
				break;
			cp = (uint32_t) v.p[i] << 24 | (uint32_t) v.p[i + 1] << 16 |
				(uint32_t) v.p[i + 2] << 8 | v.p[i + 3];
			w = 4;
		}
		else
		{
			cp = v.p[i];
			w = 1;
		}
		i += w;

		if (cp == ',' || cp == '+' || cp == '"' || cp == '\\' || cp == '<' ||
			cp == '>' || cp == ';' || (cp == '#' && o->used == start) ||
			(cp == ' ' && (o->used == start || i == v.n)))
		{
			putc_(o, '\\');
			putc_(o, (char) cp);
		}
		else if (cp < 0x20 || cp == 0x7f)
		{
			char		esc[4];

			snprintf(esc, sizeof(esc), "\\%02x", cp);
			put(o, esc, 3);
		}
		else if (a->vtag == PC_T_TELETEXSTRING && cp >= 0x80)
			put_utf8(o, cp);	/* read T.61 as Latin-1, as most tools do */
		else if (cp >= 0x80 && (a->vtag == PC_T_BMPSTRING || a->vtag == PC_T_UNIVERSALSTRING))
			put_utf8(o, cp);
		else
			putc_(o, (char) cp);
	}
}

void
pc_name_text(const pc_name *n, char *buf, size_t size)
{
	outbuf		o = {buf, size, 0};

	if (size == 0)
		return;
	buf[0] = '\0';
	/* RFC 4514: the last RDN first; attributes of one RDN joined by '+' */
	for (int i = n->nattr - 1; i >= 0; i--)
	{
		const pc_attr *a = &n->attr[i];
		const char *sn = NULL;

		if (i != n->nattr - 1)
			putc_(&o, a->rdn == n->attr[i + 1].rdn ? '+' : ',');
		for (size_t k = 0; k < sizeof(short_names) / sizeof(short_names[0]); k++)
			if (a->oid.n == short_names[k].len && memcmp(a->oid.p, short_names[k].oid, a->oid.n) == 0)
				sn = short_names[k].name;
		if (sn)
			put(&o, sn, strlen(sn));
		else
		{
			char		oid[128];

			pc_oid_text(a->oid, oid, sizeof(oid));
			put(&o, oid, strlen(oid));
		}
		putc_(&o, '=');
		put_value(&o, a);
	}
}

void
pc_gn_text(const pc_gn *gn, char *buf, size_t size)
{
	outbuf		o = {buf, size, 0};
	static const char *const prefix[] = {
		"othername", "email", "DNS", "x400", "dirname", "edipartyname", "URI", "IP", "RID"
	};

	if (size == 0)
		return;
	buf[0] = '\0';
	put(&o, prefix[gn->type], strlen(prefix[gn->type]));
	putc_(&o, ':');
	switch (gn->type)
	{
		case PC_GN_RFC822:
		case PC_GN_DNS:
		case PC_GN_URI:
			for (size_t i = 0; i < gn->v.n; i++)
				putc_(&o, gn->v.p[i] >= 0x20 && gn->v.p[i] < 0x7f ? (char) gn->v.p[i] : '?');
			break;
		case PC_GN_IP:
			{
				char		ip[64];

				if (pc_ip_text(gn->v, ip, sizeof(ip)))
					put(&o, ip, strlen(ip));
				else
					put_hex(&o, gn->v);
			}
			break;
		case PC_GN_RID:
			{
				char		oid[128];

				pc_oid_text(gn->v, oid, sizeof(oid));
				put(&o, oid, strlen(oid));
			}
			break;
		default:
			put_hex(&o, gn->v);
			break;
	}
}

bool
pc_ip_text(pc_span ip, char *buf, size_t size)
{
	if (ip.n == 4)
	{
		snprintf(buf, size, "%u.%u.%u.%u", ip.p[0], ip.p[1], ip.p[2], ip.p[3]);
		return true;
	}
	if (ip.n == 16)
	{
		/* RFC 5952: lower case, longest run of two or more zero groups as :: */
		unsigned	g[8];
		int			best = -1,
					bestlen = 0;
		size_t		used = 0;

		for (int i = 0; i < 8; i++)
			g[i] = (unsigned) (ip.p[2 * i] << 8 | ip.p[2 * i + 1]);
		for (int i = 0; i < 8;)
		{
			int			j = i;

			while (j < 8 && g[j] == 0)
				j++;
			if (j - i > bestlen && j - i >= 2)
			{
				best = i;
				bestlen = j - i;
			}
			i = j > i ? j : i + 1;
		}
		buf[0] = '\0';
		for (int i = 0; i < 8 && used < size; i++)
		{
			int			w;

			if (i == best)
			{
				w = snprintf(buf + used, size - used, "::");
				i += bestlen - 1;
			}
			else
				w = snprintf(buf + used, size - used, "%s%x",
							 (i > 0 && i != best + bestlen) ? ":" : "", g[i]);
			if (w < 0)
				return false;
			used += (size_t) w;
		}
		return used < size;
	}
	return false;
}
