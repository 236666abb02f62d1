/*
 * attrs.c
 *		The subject's attributes in brief, for the rules that ask about them.
 *
 * Some twenty rules ask whether the subject holds an attribute of some type,
 * how long its values are, or whether a value holds characters of some
 * class.  Each used to walk the attributes comparing OIDs and octets; the
 * summary here is made once per certificate, on first use, and kept in the
 * report (pc_report.subj), which the engine empties for each certificate.
 * A rule that finds what it looks for in the summary then walks the
 * attributes as before to report them, so findings read the same.
 */
#include "rules.h"

/* Kinds of 2.5.4.x attribute types by their last (single-octet) arc. */
static const uint8_t x520_kind[128] = {
	[0x03] = PC_AK_CN,
	[0x04] = PC_AK_SURNAME,
	[0x05] = PC_AK_SERIAL,
	[0x06] = PC_AK_C,
	[0x07] = PC_AK_L,
	[0x08] = PC_AK_ST,
	[0x09] = PC_AK_STREET,
	[0x0a] = PC_AK_O,
	[0x0b] = PC_AK_OU,
	[0x0c] = PC_AK_TITLE,
	[0x0f] = PC_AK_BUSINESS_CATEGORY,
	[0x11] = PC_AK_POSTAL_CODE,
	[0x2a] = PC_AK_GIVEN_NAME,
	[0x2b] = PC_AK_INITIALS,
	[0x2c] = PC_AK_GENERATION,
	[0x2e] = PC_AK_DN_QUALIFIER,
	[0x41] = PC_AK_PSEUDONYM,
	[0x61] = PC_AK_ORG_ID,
};

/* The OIDs of oids.h that are not 2.5.4.x share prefixes up to their last octet. */
#define PREFIX_IS(oid, lit) \
	((oid).n == sizeof(lit) - 1 && memcmp((oid).p, (lit), sizeof(lit) - 2) == 0)

pc_attr_kind
pc_attr_kind_of(pc_span oid)
{
	uint8_t		last;

	if (oid.n == 3)
	{
		/* 2.5.4.x; a last octet with the high bit set is no complete arc */
		if (oid.p[0] == 0x55 && oid.p[1] == 0x04 && oid.p[2] < 0x80)
			return (pc_attr_kind) x520_kind[oid.p[2]];
		return PC_AK_OTHER;
	}
	if (oid.n < 9)
		return PC_AK_OTHER;
	last = oid.p[oid.n - 1];
	if (PREFIX_IS(oid, OID_AT_DC))
	{
		/* OID_AT_UID has the same prefix */
		if (last == (uint8_t) OID_AT_DC[sizeof(OID_AT_DC) - 2])
			return PC_AK_DC;
		if (last == (uint8_t) OID_AT_UID[sizeof(OID_AT_UID) - 2])
			return PC_AK_UID;
	}
	else if (PREFIX_IS(oid, OID_AT_EMAIL))
	{
		if (last == (uint8_t) OID_AT_EMAIL[sizeof(OID_AT_EMAIL) - 2])
			return PC_AK_EMAIL;
	}
	else if (PREFIX_IS(oid, OID_AT_JUR_L))
	{
		/* OID_AT_JUR_ST and OID_AT_JUR_C have the same prefix */
		if (last == (uint8_t) OID_AT_JUR_L[sizeof(OID_AT_JUR_L) - 2])
			return PC_AK_JUR_L;
		if (last == (uint8_t) OID_AT_JUR_ST[sizeof(OID_AT_JUR_ST) - 2])
			return PC_AK_JUR_ST;
		if (last == (uint8_t) OID_AT_JUR_C[sizeof(OID_AT_JUR_C) - 2])
			return PC_AK_JUR_C;
	}
	return PC_AK_OTHER;
}

/*
 * PC_AV_* bits of one octet, as constant expressions: the table below is
 * written out by the preprocessor, so it is plain read-only data.
 */
#define AV_ALNUM(ch) \
	(((ch) >= 'a' && (ch) <= 'z') || ((ch) >= 'A' && (ch) <= 'Z') || ((ch) >= '0' && (ch) <= '9'))
/* X.680 41.4: letters, digits and  '()+,-./:=? and space */
#define AV_PRINTABLE(ch) \
	(AV_ALNUM(ch) || (ch) == ' ' || (ch) == '\'' || (ch) == '(' || (ch) == ')' || \
	 (ch) == '+' || (ch) == ',' || (ch) == '-' || (ch) == '.' || (ch) == '/' || \
	 (ch) == ':' || (ch) == '=' || (ch) == '?')
#define AV_STL(ch) \
	((ch) == '=' || (ch) == ':' || (ch) == '{' || (ch) == '}' || (ch) == ';' || \
	 (ch) == '"' || (ch) == '|' || (ch) == '\\' || (ch) == '[' || (ch) == ']')
#define AV_CLASS(ch) \
	(((ch) < 0x20 || (ch) > 0x7e ? PC_AV_NOT_ASCII : 0) | \
	 ((ch) == '&' ? PC_AV_AMP : 0) | \
	 (AV_STL(ch) ? PC_AV_STL_PUNCT : 0) | \
	 (AV_ALNUM(ch) || (ch) > 127 ? PC_AV_INFORMATIVE : 0) | \
	 (AV_PRINTABLE(ch) ? 0 : PC_AV_NOT_PRINTABLE))
#define AV_ROW(b) \
	AV_CLASS((b) + 0), AV_CLASS((b) + 1), AV_CLASS((b) + 2), AV_CLASS((b) + 3), \
	AV_CLASS((b) + 4), AV_CLASS((b) + 5), AV_CLASS((b) + 6), AV_CLASS((b) + 7), \
	AV_CLASS((b) + 8), AV_CLASS((b) + 9), AV_CLASS((b) + 10), AV_CLASS((b) + 11), \
	AV_CLASS((b) + 12), AV_CLASS((b) + 13), AV_CLASS((b) + 14), AV_CLASS((b) + 15)

static const uint8_t av_class[256] = {
	AV_ROW(0x00), AV_ROW(0x10), AV_ROW(0x20), AV_ROW(0x30),
	AV_ROW(0x40), AV_ROW(0x50), AV_ROW(0x60), AV_ROW(0x70),
	AV_ROW(0x80), AV_ROW(0x90), AV_ROW(0xa0), AV_ROW(0xb0),
	AV_ROW(0xc0), AV_ROW(0xd0), AV_ROW(0xe0), AV_ROW(0xf0),
};

const pc_subject_memo *
pc_subject_info_make(const pc_cert *c, pc_report *r)
{
	pc_subject_memo *m = &r->subj;

	m->has = m->has_value = m->multi = 0;
	m->av_any = 0;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		pc_attr_kind k = pc_attr_kind_of(a->oid);
		uint32_t	bit = PC_AK_BIT(k);
		uint8_t		av = 0;

		for (size_t j = 0; j < a->value.n; j++)
			av |= av_class[a->value.p[j]];
		/* UCS-2 and UCS-4 are never read as ASCII (pc_str_ascii) */
		if (a->vtag == PC_T_BMPSTRING || a->vtag == PC_T_UNIVERSALSTRING)
			av |= PC_AV_NOT_ASCII;
		m->kind[i] = (uint8_t) k;
		m->av[i] = av;
		m->av_any |= av;
		if (m->has & bit)
		{
			m->multi |= bit;
			if (a->value.n > m->maxlen[k])
				m->maxlen[k] = a->value.n;
		}
		else
		{
			m->has |= bit;
			m->maxlen[k] = a->value.n;
		}
		if (a->value.n > 0)
			m->has_value |= bit;
	}
	m->cert = c;
	return m;
}
