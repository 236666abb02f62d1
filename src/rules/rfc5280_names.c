/*
 * rfc5280_names.c
 *		RFC 5280 rules on names: the issuer and subject distinguished names
 *		(4.1.2.4, 4.1.2.6, Appendix A upper bounds and string types) and the
 *		contents of subjectAltName and issuerAltName (4.2.1.6, 4.2.1.7).
 *
 * Rules carry ZLint's names and windows so results compare.  Lengths are
 * counted in characters of the decoded string, as the ASN.1 upper bounds of
 * Appendix A are (ub-common-name 64 is 64 characters, not octets).
 */
#include "rules.h"

/* ---------------------------------------------------------------- helpers */


static const char *
attr_label(pc_span oid)
{
	static const struct
	{
		const char *oid;
		size_t		n;
		const char *label;
	}			names[] = {
		{OID_AT_CN, sizeof(OID_AT_CN) - 1, "commonName"},
		{OID_AT_SURNAME, sizeof(OID_AT_SURNAME) - 1, "surname"},
		{OID_AT_SERIAL, sizeof(OID_AT_SERIAL) - 1, "serialNumber"},
		{OID_AT_C, sizeof(OID_AT_C) - 1, "countryName"},
		{OID_AT_L, sizeof(OID_AT_L) - 1, "localityName"},
		{OID_AT_ST, sizeof(OID_AT_ST) - 1, "stateOrProvinceName"},
		{OID_AT_STREET, sizeof(OID_AT_STREET) - 1, "streetAddress"},
		{OID_AT_O, sizeof(OID_AT_O) - 1, "organizationName"},
		{OID_AT_OU, sizeof(OID_AT_OU) - 1, "organizationalUnitName"},
		{OID_AT_POSTAL_CODE, sizeof(OID_AT_POSTAL_CODE) - 1, "postalCode"},
		{OID_AT_GIVEN_NAME, sizeof(OID_AT_GIVEN_NAME) - 1, "givenName"},
		{OID_AT_EMAIL, sizeof(OID_AT_EMAIL) - 1, "emailAddress"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (oid.n == names[i].n && memcmp(oid.p, names[i].oid, oid.n) == 0)
			return names[i].label;
	return "attribute";
}

/*
 * Report every value of attribute 'kind' longer than 'max' characters.
 * Every encoding takes at least an octet per character, so a subject whose
 * longest value of the kind has at most 'max' octets passes at once.
 */
static void
check_attr_length(const pc_cert *c, pc_report *r, pc_attr_kind kind, size_t max)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	if (!(s->has & PC_AK_BIT(kind)) || s->maxlen[kind] <= max)
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		size_t		len;

		if (s->kind[i] != kind || !pc_is_string_tag(a->vtag) || a->value.n <= max)
			continue;
		len = pc_str_len(a->vtag, a->value);
		if (len > max)
			pc_fail(r, "subject %s is %zu characters long, more than %zu",
					attr_label(a->oid), len, max);
	}
}

#define LENGTH_CHECK(fn, kind, max) \
	static void fn(const pc_cert *c, pc_report *r) \
	{ check_attr_length(c, r, kind, max); }

/* RFC 5280 Appendix A.1 upper bounds; streetAddress from X.520. */
LENGTH_CHECK(check_cn_length, PC_AK_CN, 64)
LENGTH_CHECK(check_o_length, PC_AK_O, 64)
LENGTH_CHECK(check_ou_length, PC_AK_OU, 64)
LENGTH_CHECK(check_l_length, PC_AK_L, 128)
LENGTH_CHECK(check_st_length, PC_AK_ST, 128)
LENGTH_CHECK(check_street_length, PC_AK_STREET, 128)
LENGTH_CHECK(check_postal_length, PC_AK_POSTAL_CODE, 16)
LENGTH_CHECK(check_email_length, PC_AK_EMAIL, 255)
LENGTH_CHECK(check_serial_length, PC_AK_SERIAL, 64)
LENGTH_CHECK(check_given_name_length, PC_AK_GIVEN_NAME, 32768)
LENGTH_CHECK(check_surname_length, PC_AK_SURNAME, 32768)
LENGTH_CHECK(check_given_name_recommended, PC_AK_GIVEN_NAME, 64)
LENGTH_CHECK(check_surname_recommended, PC_AK_SURNAME, 64)

static void
check_printable_type(const pc_name *n, pc_report *r, const char *which,
					 const char *oid, size_t oidlen)
{
	for (int i = 0; i < n->nattr; i++)
	{
		const pc_attr *a = &n->attr[i];

		if (a->vtag != PC_T_PRINTABLESTRING && a->oid.n == oidlen &&
			memcmp(a->oid.p, oid, oidlen) == 0)
			pc_fail(r, "%s %s is encoded as %s, not PrintableString",
					which, attr_label(a->oid), pc_tag_name(a->vtag));
	}
}

/* The subject's summary says at once whether it holds the attribute. */
static void
check_subject_printable_type(const pc_cert *c, pc_report *r, pc_attr_kind kind,
							 const char *oid, size_t oidlen)
{
	if (pc_subj_has(c, r, kind))
		check_printable_type(&c->subject, r, "subject", oid, oidlen);
}

static void
check_subject_country_printable(const pc_cert *c, pc_report *r)
{
	check_subject_printable_type(c, r, PC_AK_C, OID_AT_C, sizeof(OID_AT_C) - 1);
}

static void
check_issuer_country_printable(const pc_cert *c, pc_report *r)
{
	check_printable_type(&c->issuer, r, "issuer", OID_AT_C, sizeof(OID_AT_C) - 1);
}

static void
check_subject_serial_printable(const pc_cert *c, pc_report *r)
{
	check_subject_printable_type(c, r, PC_AK_SERIAL, OID_AT_SERIAL, sizeof(OID_AT_SERIAL) - 1);
}

/* X.680 41.4: the PrintableString alphabet. */
static bool
printable_char(uint8_t ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		strchr(" '()+,-./:=?", ch) != NULL;
}

static void
check_printable_badalpha(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	if (!(s->av_any & PC_AV_NOT_PRINTABLE))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (a->vtag != PC_T_PRINTABLESTRING || !(s->av[i] & PC_AV_NOT_PRINTABLE))
			continue;
		for (size_t k = 0; k < a->value.n; k++)
			if (a->value.p[k] == 0 || !printable_char(a->value.p[k]))
			{
				pc_fail(r, "subject %s PrintableString \"" PC_SPAN_FMT "\" has character 0x%02x "
						"outside the PrintableString alphabet",
						attr_label(a->oid), PC_SPAN_ARG(a->value), a->value.p[k]);
				break;
			}
	}
}

/* C0 and C1 control characters, by decoded character. */
static void
check_not_printable_characters(const pc_cert *c, pc_report *r)
{
	const pc_subject_memo *s = pc_subject_info(c, r);

	/* printable ASCII values (pc_str_ascii) hold no control character */
	if (!(s->av_any & PC_AV_NOT_ASCII))
		return;
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		size_t		pos = 0;
		uint32_t	cp;

		if (!(s->av[i] & PC_AV_NOT_ASCII) || !pc_is_string_tag(a->vtag))
			continue;
		while (pc_str_next(a->vtag, a->value, &pos, &cp, NULL))
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			{
				pc_fail(r, "subject %s contains control character U+%04X",
						attr_label(a->oid), (unsigned) cp);
				break;
			}
	}
}

static void
check_issuer_empty(const pc_cert *c, pc_report *r)
{
	if (c->issuer.nattr == 0)
		pc_fail(r, "issuer is an empty name");
}

/*
 * The decoder only accepts a SEQUENCE OF SET OF AttributeTypeAndValue, so the
 * one way a non-empty subject fails to be a DN is an RDN with no attribute
 * (RelativeDistinguishedName is SET SIZE (1..MAX)).
 */
static void
check_subject_not_dn(const pc_cert *c, pc_report *r)
{
	if (c->subject.empty_rdn)
		pc_fail(r, "subject has a RelativeDistinguishedName with no attribute");
}

static void
check_subject_empty_without_san(const pc_cert *c, pc_report *r)
{
	if (c->subject.nattr == 0 && !c->xi[PC_X_SAN])
		pc_fail(r, "subject is empty and there is no subjectAltName extension");
}

static void
check_san_not_critical_without_subject(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_SAN);

	if (x && c->subject.nattr == 0 && !x->critical)
		pc_fail(r, "subject is empty but subjectAltName is not critical");
}

/* Compare mailboxes: local part exactly, domain ignoring ASCII case (RFC 5280 7.5). */
static bool
same_mailbox(pc_span a, pc_span b)
{
	const uint8_t *at_a = a.n ? memchr(a.p, '@', a.n) : NULL;
	const uint8_t *at_b = b.n ? memchr(b.p, '@', b.n) : NULL;
	size_t		la,
				lb;

	if (!at_a || !at_b)
		return pc_span_eq(a, b);
	la = (size_t) (at_a - a.p);
	lb = (size_t) (at_b - b.p);
	return la == lb && memcmp(a.p, b.p, la) == 0 &&
		pc_span_eq_nocase((pc_span) {at_a, a.n - la}, (pc_span) {at_b, b.n - lb});
}

static void
check_subj_email_not_in_san(const pc_cert *c, pc_report *r)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		pc_gn_iter	it;
		pc_gn		gn;
		bool		found = false;

		if (!PC_OID_IS(a->oid, OID_AT_EMAIL))
			continue;
		pc_gn_begin(&it, c->san);
		while (!found && pc_gn_next(&it, &gn))
			found = gn.type == PC_GN_RFC822 && same_mailbox(gn.v, a->value);
		if (!found)
			pc_fail(r, "subject emailAddress \"" PC_SPAN_FMT "\" is not an rfc822Name in subjectAltName",
					PC_SPAN_ARG(a->value));
	}
}

/* ---------------------------------------------------------------- GeneralNames (SAN and IAN) */

/* The names and extension of SAN or IAN; NULL ext when absent. */
typedef struct altnames
{
	const pc_ext *ext;
	pc_span		names;
	const char *what;
} altnames;

static altnames
alt_get(const pc_cert *c, bool issuer)
{
	altnames	a;

	a.ext = pc_ext_get(c, issuer ? PC_X_IAN : PC_X_SAN);
	a.names = a.ext && !a.ext->bad ? (issuer ? c->ian : c->san) : PC_SPAN_EMPTY;
	a.what = issuer ? "issuerAltName" : "subjectAltName";
	return a;
}

/*
 * Can the names hold a GeneralName of this type?  The decoder notes the
 * types in the SAN, so a SAN rule on, say, URIs returns without a walk
 * when there is none; the rare IAN is walked.
 */
static bool
alt_may_hold(const pc_cert *c, bool issuer, uint8_t type)
{
	return issuer || (c->san_types & (1u << type)) != 0;
}

static const char *
gn_label(uint8_t type)
{
	static const char *const labels[] = {"otherName", "rfc822Name", "dNSName", "x400Address",
	"directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};

	return type < 9 ? labels[type] : "GeneralName";
}

static void
alt_no_entries(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	if (!a.ext || a.ext->bad)
		return;
	pc_gn_begin(&it, a.names);
	if (!pc_gn_next(&it, &gn))
		pc_fail(r, "%s is an empty sequence", a.what);
}

static void
alt_empty_name(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	/* the DNS-name memo has walked the SAN and knows whether one is empty */
	if (!issuer && !pc_san_has_empty(c, r))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
		if (gn.v.n == 0)
		{
			pc_fail(r, "%s has an empty %s", a.what, gn_label(gn.type));
			return;
		}
}

static bool
all_ia5(pc_span s, size_t *at)
{
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] >= 0x80)
		{
			*at = i;
			return false;
		}
	return true;
}

static void
alt_not_ia5(const pc_cert *c, pc_report *r, bool issuer, uint8_t type)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;
	size_t		at;

	if (!alt_may_hold(c, issuer, type))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
		if (gn.type == type && !all_ia5(gn.v, &at))
		{
			pc_fail(r, "%s %s has octet 0x%02x at offset %zu, outside IA5String",
					a.what, gn_label(type), gn.v.p[at], at);
			return;
		}
}

static void
alt_space_dns(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	if (!issuer && !(pc_dns_facts(c, r, false) & PC_DNSF_OTHER))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_DNS && gn.v.n == 1 && gn.v.p[0] == ' ')
		{
			pc_fail(r, "%s has the dNSName \" \"", a.what);
			return;
		}
}

/*
 * RFC 5280 4.2.1.6 (via RFC 2821 4.1.2): a Mailbox is Local-part@Domain with
 * no display name, comment, angle brackets or spaces.
 */
static bool
mailbox_ok(pc_span m, const char **why)
{
	const uint8_t *at = memchr(m.p, '@', m.n);

	for (size_t i = 0; i < m.n; i++)
	{
		uint8_t		ch = m.p[i];

		if (ch <= 0x20 || ch == 0x7f)
		{
			*why = "contains a space or control character";
			return false;
		}
		if (ch == '<' || ch == '>')
		{
			*why = "is wrapped in angle brackets";
			return false;
		}
		if (ch == '(' || ch == ')')
		{
			*why = "contains a comment";
			return false;
		}
	}
	if (!at || at == m.p || at == m.p + m.n - 1)
	{
		*why = "is not of the form local-part@domain";
		return false;
	}
	return true;
}

static void
alt_rfc822_format(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;
	const char *why;

	if (!alt_may_hold(c, issuer, PC_GN_RFC822))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_RFC822 && gn.v.n > 0 && !mailbox_ok(gn.v, &why))
			pc_fail(r, "%s rfc822Name \"" PC_SPAN_FMT "\" %s", a.what, PC_SPAN_ARG(gn.v), why);
}

/* ---------------------------------------------------------------- URIs (RFC 3986) */

typedef struct uri_parts
{
	size_t		scheme;			/* length of the scheme, 0 when none */
	bool		has_authority;	/* "//" after the scheme (or at the start) */
	pc_span		host;			/* host, without userinfo, port or brackets */
	bool		has_userinfo;
	pc_span		rest;			/* what follows "scheme:" */
	pc_span		path;			/* what follows the authority */
} uri_parts;

static bool
scheme_char(uint8_t ch, bool first)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
		return true;
	return !first && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.');
}

static void
uri_split(pc_span u, uri_parts *p)
{
	size_t		i = 0;

	memset(p, 0, sizeof(*p));
	while (i < u.n && scheme_char(u.p[i], i == 0))
		i++;
	if (i > 0 && i < u.n && u.p[i] == ':')
	{
		p->scheme = i;
		p->rest = (pc_span) {u.p + i + 1, u.n - i - 1};
	}
	else
		p->rest = u;
	if (p->rest.n >= 2 && p->rest.p[0] == '/' && p->rest.p[1] == '/')
	{
		const uint8_t *a = p->rest.p + 2;
		size_t		n = p->rest.n - 2,
					end = 0,
					start = 0;
		bool		bracket = false;

		while (end < n && a[end] != '/' && a[end] != '?' && a[end] != '#')
			end++;
		p->has_authority = true;
		p->path = (pc_span) {a + end, n - end};
		for (size_t k = 0; k < end; k++)
			if (a[k] == '@')
			{
				start = k + 1;
				p->has_userinfo = true;
			}
		/* host ends at the port's colon, outside an IPv6 literal */
		for (size_t k = start; k < end; k++)
		{
			if (a[k] == '[')
				bracket = true;
			else if (a[k] == ']')
				bracket = false;
			else if (a[k] == ':' && !bracket)
			{
				end = k;
				break;
			}
		}
		p->host = (pc_span) {a + start, end - start};
	}
}

static bool
is_ipv4(pc_span s)
{
	int			parts = 0;
	size_t		i = 0;

	while (i < s.n)
	{
		unsigned	v = 0;
		size_t		digits = 0;

		while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && digits < 4)
		{
			v = v * 10 + (unsigned) (s.p[i++] - '0');
			digits++;
		}
		if (digits == 0 || v > 255)
			return false;
		parts++;
		if (i < s.n)
		{
			if (s.p[i] != '.' || parts == 4)
				return false;
			i++;
			if (i == s.n)
				return false;
		}
	}
	return parts == 4;
}

static bool
is_ipv6_literal(pc_span s)
{
	int			colons = 0;

	if (s.n < 4 || s.p[0] != '[' || s.p[s.n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < s.n; i++)
	{
		uint8_t		ch = s.p[i];

		if (ch == ':')
			colons++;
		else if (!((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') || ch == '.'))
			return false;
	}
	return colons >= 2 && colons <= 7;
}

/*
 * A fully qualified domain name: at least two labels of letters, digits,
 * hyphens (and underscores, which some service names use), each 1..63
 * octets, 253 in all, an optional final dot.  A leading "*." (wildcard) or
 * "?." (CT redaction) label is allowed, as ZLint allows it.
 */
static bool
is_fqdn(pc_span s)
{
	size_t		labels = 0,
				len = 0;

	if (s.n >= 2 && (s.p[0] == '*' || s.p[0] == '?') && s.p[1] == '.')
	{
		s.p += 2;
		s.n -= 2;
	}
	if (s.n > 0 && s.p[s.n - 1] == '.')
		s.n--;
	if (s.n == 0 || s.n > 253)
		return false;
	for (size_t i = 0; i <= s.n; i++)
	{
		if (i == s.n || s.p[i] == '.')
		{
			if (len == 0 || len > 63)
				return false;
			labels++;
			len = 0;
			continue;
		}
		if (!((s.p[i] >= 'a' && s.p[i] <= 'z') || (s.p[i] >= 'A' && s.p[i] <= 'Z') ||
			  (s.p[i] >= '0' && s.p[i] <= '9') || s.p[i] == '-' || s.p[i] == '_'))
			return false;
		len++;
	}
	return labels >= 2;
}

static void
alt_uri_format(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	if (!alt_may_hold(c, issuer, PC_GN_URI))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
	{
		uri_parts	p;

		if (gn.type != PC_GN_URI)
			continue;
		uri_split(gn.v, &p);
		if (p.scheme == 0)
			pc_fail(r, "%s URI \"" PC_SPAN_FMT "\" has no scheme", a.what, PC_SPAN_ARG(gn.v));
		else if (p.rest.n == 0 ||
				 (p.has_authority && p.host.n == 0 && !p.has_userinfo && p.path.n == 0))
			pc_fail(r, "%s URI \"" PC_SPAN_FMT "\" has no scheme-specific part",
					a.what, PC_SPAN_ARG(gn.v));
		else
			continue;
		return;
	}
}

static void
alt_uri_relative(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	if (!alt_may_hold(c, issuer, PC_GN_URI))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
	{
		uri_parts	p;

		if (gn.type != PC_GN_URI)
			continue;
		uri_split(gn.v, &p);
		if (p.scheme == 0)
		{
			pc_fail(r, "%s URI \"" PC_SPAN_FMT "\" is a relative reference", a.what, PC_SPAN_ARG(gn.v));
			return;
		}
	}
}

/*
 * A URI with an authority must name an FQDN or IP address as host.  A
 * relative reference ("example.com", "a//b@c") has no authority that could
 * carry one, and the URI is not allowed to be relative anyway: it is reported
 * as lacking a host, as ZLint does.  Absolute URIs without an authority
 * ("sip:alice@example.com", "urn:...") have no host to judge.
 */
static void
alt_uri_host(const pc_cert *c, pc_report *r, bool issuer)
{
	altnames	a = alt_get(c, issuer);
	pc_gn_iter	it;
	pc_gn		gn;

	if (!alt_may_hold(c, issuer, PC_GN_URI))
		return;
	pc_gn_begin(&it, a.names);
	while (pc_gn_next(&it, &gn))
	{
		uri_parts	p;

		if (gn.type != PC_GN_URI || gn.v.n == 0)
			continue;
		uri_split(gn.v, &p);
		if (!p.has_authority)
		{
			if (p.scheme > 0 && !(p.rest.n > 0 && p.rest.p[0] == '/'))
				continue;
			pc_fail(r, "%s URI \"" PC_SPAN_FMT "\" has no host", a.what, PC_SPAN_ARG(gn.v));
			return;
		}
		if (p.host.n == 0 || !(is_fqdn(p.host) || is_ipv4(p.host) || is_ipv6_literal(p.host)))
		{
			pc_fail(r, "%s URI \"" PC_SPAN_FMT "\" has host \"" PC_SPAN_FMT
					"\", not a fully qualified domain name or IP address",
					a.what, PC_SPAN_ARG(gn.v), PC_SPAN_ARG(p.host));
			return;
		}
	}
}

#define ALT_PAIR(fn, impl) \
	static void fn##_san(const pc_cert *c, pc_report *r) { impl(c, r, false); } \
	static void fn##_ian(const pc_cert *c, pc_report *r) { impl(c, r, true); }

ALT_PAIR(check_no_entries, alt_no_entries)
ALT_PAIR(check_empty_name, alt_empty_name)
ALT_PAIR(check_space_dns, alt_space_dns)
ALT_PAIR(check_rfc822_format, alt_rfc822_format)
ALT_PAIR(check_uri_format, alt_uri_format)
ALT_PAIR(check_uri_relative, alt_uri_relative)
ALT_PAIR(check_uri_host, alt_uri_host)

static void
check_dns_not_ia5_san(const pc_cert *c, pc_report *r)
{
	if (pc_dns_facts(c, r, false) & PC_DNSF_NONASCII)
		alt_not_ia5(c, r, false, PC_GN_DNS);
}

static void
check_dns_not_ia5_ian(const pc_cert *c, pc_report *r)
{
	alt_not_ia5(c, r, true, PC_GN_DNS);
}

static void
check_uri_not_ia5_san(const pc_cert *c, pc_report *r)
{
	alt_not_ia5(c, r, false, PC_GN_URI);
}

static void
check_uri_not_ia5_ian(const pc_cert *c, pc_report *r)
{
	alt_not_ia5(c, r, true, PC_GN_URI);
}

static void
check_ian_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_IAN);

	if (x && x->critical)
		pc_fail(r, "issuerAltName is marked critical");
}

static void
check_san_dns_too_long(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_TOO_LONG))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
		if (gn.type == PC_GN_DNS && gn.v.n > 253)
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "...\" is %zu octets long, more than 253",
					PC_SPAN_ARG(gn.v), gn.v.n);
}

/* ---------------------------------------------------------------- dNSName labels (RFC 1034 3.5 via 4.2.1.6) */

static void
check_dns_empty_label(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_EMPTY_LABEL))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		size_t		len = 0;

		if (gn.type != PC_GN_DNS)
			continue;
		for (size_t i = 0; i <= gn.v.n; i++)
		{
			if (i < gn.v.n && gn.v.p[i] != '.')
			{
				len++;
				continue;
			}
			if (len == 0)
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "\" has an empty label", PC_SPAN_ARG(gn.v));
				break;
			}
			len = 0;
		}
	}
}

static void
check_dns_label_too_long(const pc_cert *c, pc_report *r)
{
	pc_gn_iter	it;
	pc_gn		gn;

	if (!(pc_dns_facts(c, r, false) & PC_DNSF_LONG_LABEL))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		size_t		len = 0;

		if (gn.type != PC_GN_DNS)
			continue;
		for (size_t i = 0; i <= gn.v.n; i++)
		{
			if (i < gn.v.n && gn.v.p[i] != '.')
			{
				len++;
				continue;
			}
			if (len > 63)
			{
				pc_fail(r, "dNSName \"" PC_SPAN_FMT "...\" has a label of %zu octets, more than 63",
						PC_SPAN_ARG(gn.v), len);
				break;
			}
			len = 0;
		}
	}
}

/*
 * Split a dNSName at its public suffix: the registrable label (ZLint's "SLD")
 * is the one just left of the suffix, everything further left is the
 * subdomain part ("TRD").  False for a name that is itself a public suffix
 * or has no label left of it.
 */
static bool
split_registrable(pc_report *r, pc_span name, pc_span *sld, pc_span *trd)
{
	size_t		suffix,
				start;

	if (name.n == 0 || name.n > 253)
		return false;
	suffix = pc_public_suffix(r, name, NULL);
	if (suffix < 2 || suffix >= name.n)
		return false;
	/* the suffix starts after a dot; the SLD ends there */
	start = suffix - 1;
	while (start > 0 && name.p[start - 1] != '.')
		start--;
	*sld = (pc_span) {name.p + start, suffix - 1 - start};
	*trd = (pc_span) {name.p, start > 0 ? start - 1 : 0};
	return true;
}

typedef enum
{
	SLD_HYPHEN,
	SLD_UNDERSCORE,
	TRD_UNDERSCORE,
} label_problem;

static void
check_registrable(const pc_cert *c, pc_report *r, label_problem want)
{
	pc_gn_iter	it;
	pc_gn		gn;

	/* only a name with the character in question can be faulted */
	if (!(pc_dns_facts(c, r, false) & (want == SLD_HYPHEN ? PC_DNSF_HYPHEN_EDGE : PC_DNSF_UNDERSCORE)))
		return;
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		pc_span		sld,
					trd;

		/* only a name with the character in question can be faulted */
		if (gn.type != PC_GN_DNS ||
			gn.v.n == 0 || !memchr(gn.v.p, want == SLD_HYPHEN ? '-' : '_', gn.v.n) ||
			!split_registrable(r, gn.v, &sld, &trd))
			continue;
		if (want == SLD_HYPHEN && sld.n > 0 && (sld.p[0] == '-' || sld.p[sld.n - 1] == '-'))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\": registrable label \"" PC_SPAN_FMT
					"\" starts or ends with a hyphen", PC_SPAN_ARG(gn.v), PC_SPAN_ARG(sld));
		else if (want == SLD_UNDERSCORE && sld.n > 0 && memchr(sld.p, '_', sld.n))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\": registrable label \"" PC_SPAN_FMT
					"\" contains an underscore", PC_SPAN_ARG(gn.v), PC_SPAN_ARG(sld));
		else if (want == TRD_UNDERSCORE && trd.n > 0 && memchr(trd.p, '_', trd.n))
			pc_fail(r, "dNSName \"" PC_SPAN_FMT "\": subdomain labels \"" PC_SPAN_FMT
					"\" contain an underscore", PC_SPAN_ARG(gn.v), PC_SPAN_ARG(trd));
		else
			continue;
		return;
	}
}

static void
check_dns_hyphen_in_sld(const pc_cert *c, pc_report *r)
{
	check_registrable(c, r, SLD_HYPHEN);
}

static void
check_dns_underscore_in_sld(const pc_cert *c, pc_report *r)
{
	check_registrable(c, r, SLD_UNDERSCORE);
}

static void
check_dns_underscore_in_trd(const pc_cert *c, pc_report *r)
{
	check_registrable(c, r, TRD_UNDERSCORE);
}

/* ---------------------------------------------------------------- table */

#define RFC2459 PC_DATE(1999, 1, 1)
#define RFC5280 PC_DATE(2008, 5, 1)

#define MAXLEN_RULE(nm, fn, kind, what, max, cite) \
	{.name = nm, .severity = PC_ERROR, .source = "RFC5280", .citation = cite, \
		.from = RFC2459, .scope = SCOPE_ANY, .needs = PC_NEEDS_SUBJ(kind), .check = fn, \
		.description = "Every subject " what " value must be at most " #max " characters long."}

const pc_rule pc_rules_rfc5280_names[] = {
	/* distinguished names */
	{.name = "e_issuer_field_empty", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.1.2.4", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_issuer_empty,
		.description = "The issuer field must contain a non-empty distinguished name."},
	{.name = "e_subject_not_dn", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.1.2.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_subject_not_dn,
		.description = "A non-empty subject must be an X.500 distinguished name; profcheck reports "
		"a RelativeDistinguishedName without any attribute, which RDN's SIZE (1..MAX) forbids "
		"(anything else that is not a Name does not decode at all)."},
	{.name = "e_subject_empty_without_san", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2 & 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_subject_empty_without_san,
		.description = "A certificate whose subject is an empty sequence must carry the "
		"subjectAltName extension."},
	{.name = "e_ext_san_not_critical_without_subject", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_san_not_critical_without_subject,
		.description = "When the subject is empty, the subjectAltName extension must be critical."},
	{.name = "e_subj_email_not_in_san", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.1.2.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_subj_email_not_in_san,
		.description = "An emailAddress in the subject (a legacy form) must also appear as an "
		"rfc822Name in subjectAltName; the local part is compared exactly, the domain without "
		"regard to case (RFC 5280 7.5)."},
	{.name = "e_subject_dn_country_not_printable_string", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: Appendix A", .scope = SCOPE_ANY,
		.check = check_subject_country_printable,
		.description = "A subject countryName must be a PrintableString (X520countryName)."},
	{.name = "e_issuer_dn_country_not_printable_string", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: Appendix A", .scope = SCOPE_ANY,
		.check = check_issuer_country_printable,
		.description = "An issuer countryName must be a PrintableString (X520countryName)."},
	{.name = "e_subject_dn_serial_number_not_printable_string", .severity = PC_ERROR,
		.source = "RFC5280", .citation = "RFC 5280: Appendix A", .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SUBJ(PC_AK_SERIAL), .check = check_subject_serial_printable,
		.description = "A subject serialNumber must be a PrintableString (X520SerialNumber)."},
	{.name = "e_subject_printable_string_badalpha", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: Appendix B; X.680 41.4", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_printable_badalpha,
		.description = "Subject values encoded as PrintableString may only use its alphabet: "
		"letters, digits, space and ' ( ) + , - . / : = ?"},
	{.name = "e_subject_dn_not_printable_characters", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: Appendix A", .scope = SCOPE_ANY,
		.check = check_not_printable_characters,
		.description = "Subject attribute values, decoded by their string type, must not contain "
		"C0 or C1 control characters (U+0000-U+001F, U+007F-U+009F)."},
	MAXLEN_RULE("e_subject_common_name_max_length", check_cn_length, PC_AK_CN, "commonName", 64, "RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_organization_name_max_length", check_o_length, PC_AK_O, "organizationName", 64,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_organizational_unit_name_max_length", check_ou_length, PC_AK_OU,
				"organizationalUnitName", 64, "RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_locality_name_max_length", check_l_length, PC_AK_L, "localityName", 128,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_state_name_max_length", check_st_length, PC_AK_ST, "stateOrProvinceName", 128,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_street_address_max_length", check_street_length, PC_AK_STREET, "streetAddress", 128,
				"ITU-T X.520 (02/2001) UpperBounds"),
	MAXLEN_RULE("e_subject_postal_code_max_length", check_postal_length, PC_AK_POSTAL_CODE, "postalCode", 16,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_email_max_length", check_email_length, PC_AK_EMAIL, "emailAddress", 255,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_given_name_max_length", check_given_name_length, PC_AK_GIVEN_NAME, "givenName", 32768,
				"RFC 5280: A.1"),
	MAXLEN_RULE("e_subject_surname_max_length", check_surname_length, PC_AK_SURNAME, "surname", 32768,
				"RFC 5280: A.1"),
	{.name = "e_subject_dn_serial_number_max_length", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: Appendix A", .scope = SCOPE_ANY, .needs = PC_NEEDS_SUBJ(PC_AK_SERIAL), .check = check_serial_length,
		.description = "Every subject serialNumber value must be at most 64 characters long."},
	{.name = "w_subject_given_name_recommended_max_length", .severity = PC_WARN, .source = "RFC5280",
		.citation = "ITU-T X.411 (11/1988) Annex B", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SUBJ(PC_AK_GIVEN_NAME), .check = check_given_name_recommended,
		.description = "A subject givenName longer than 64 characters (the X.411 MTS bound) may "
		"not be handled by older software; RFC 5280 itself allows 32768."},
	{.name = "w_subject_surname_recommended_max_length", .severity = PC_WARN, .source = "RFC5280",
		.citation = "ITU-T X.411 (11/1988) Annex B", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SUBJ(PC_AK_SURNAME), .check = check_surname_recommended,
		.description = "A subject surname longer than 64 characters (the X.411 MTS bound) may "
		"not be handled by older software; RFC 5280 itself allows 32768."},

	/* subjectAltName */
	{.name = "e_ext_san_no_entries", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_no_entries_san,
		.description = "A subjectAltName extension must contain at least one GeneralName."},
	{.name = "e_ext_san_empty_name", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_empty_name_san,
		.description = "No GeneralName in subjectAltName may be empty (an empty IA5String, say)."},
	{.name = "e_ext_san_dns_not_ia5_string", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_dns_not_ia5_san,
		.description = "A subjectAltName dNSName is an IA5String: octets above 0x7F are not allowed."},
	{.name = "e_ext_san_space_dns_name", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.check = check_space_dns_san,
		.description = "A subjectAltName dNSName must not be the single space \" \"."},
	{.name = "e_ext_san_dns_name_too_long", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1034: 3.1", .from = RFC5280, .scope = SCOPE_ANY,
		.check = check_san_dns_too_long,
		.description = "A subjectAltName dNSName must be at most 253 octets long."},
	{.name = "e_ext_san_rfc822_format_invalid", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SAN(PC_GN_RFC822), .check = check_rfc822_format_san,
		.description = "A subjectAltName rfc822Name must be a bare Mailbox local-part@domain: no "
		"display name, comment, angle brackets, spaces or control characters."},
	{.name = "e_ext_san_uri_not_ia5", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SAN(PC_GN_URI), .check = check_uri_not_ia5_san,
		.description = "A subjectAltName URI is an IA5String: octets above 0x7F are not allowed "
		"(IRIs must be mapped to URIs, RFC 5280 7.4)."},
	{.name = "e_ext_san_uri_relative", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SAN(PC_GN_URI), .check = check_uri_relative_san,
		.description = "A subjectAltName URI must not be a relative reference: it needs a scheme."},
	{.name = "e_ext_san_uri_format_invalid", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SAN(PC_GN_URI), .check = check_uri_format_san,
		.description = "A subjectAltName URI must have both a scheme and a non-empty "
		"scheme-specific part."},
	{.name = "e_ext_san_uri_host_not_fqdn_or_ip", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_SAN(PC_GN_URI), .check = check_uri_host_san,
		.description = "A subjectAltName URI with an authority must name a fully qualified domain "
		"name or an IP address as host; a relative reference, which has no authority, is reported "
		"too.  URIs without an authority (sip:, urn:) are not judged."},

	/* issuerAltName */
	{.name = "w_ext_ian_critical", .severity = PC_WARN, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_ian_critical,
		.description = "The issuerAltName extension should be non-critical."},
	{.name = "e_ext_ian_no_entries", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_no_entries_ian,
		.description = "An issuerAltName extension must contain at least one GeneralName."},
	{.name = "e_ext_ian_empty_name", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_empty_name_ian,
		.description = "No GeneralName in issuerAltName may be empty."},
	{.name = "e_ext_ian_dns_not_ia5_string", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_dns_not_ia5_ian,
		.description = "An issuerAltName dNSName is an IA5String: octets above 0x7F are not allowed."},
	{.name = "e_ext_ian_space_dns_name", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7, 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_space_dns_ian,
		.description = "An issuerAltName dNSName must not be the single space \" \"."},
	{.name = "e_ext_ian_rfc822_format_invalid", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7, 4.2.1.6", .from = RFC2459, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_rfc822_format_ian,
		.description = "An issuerAltName rfc822Name must be a bare Mailbox local-part@domain: no "
		"display name, comment, angle brackets, spaces or control characters."},
	{.name = "e_ext_ian_uri_not_ia5", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_uri_not_ia5_ian,
		.description = "An issuerAltName URI is an IA5String: octets above 0x7F are not allowed."},
	{.name = "e_ext_ian_uri_relative", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_uri_relative_ian,
		.description = "An issuerAltName URI must not be a relative reference: it needs a scheme."},
	{.name = "e_ext_ian_uri_format_invalid", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7, 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_uri_format_ian,
		.description = "An issuerAltName URI must have both a scheme and a non-empty "
		"scheme-specific part."},
	{.name = "e_ext_ian_uri_host_not_fqdn_or_ip", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.7, 4.2.1.6", .from = RFC5280, .scope = SCOPE_ANY,
		.needs = PC_NEEDS_EXT(PC_X_IAN), .check = check_uri_host_ian,
		.description = "An issuerAltName URI with an authority must name a fully qualified domain "
		"name or an IP address as host; a relative reference, which has no authority, is reported "
		"too.  URIs without an authority (sip:, urn:) are not judged."},

	/* dNSName syntax, RFC 5280 forms (the BR forms are in cabf_br.c) */
	{.name = "e_rfc_dnsname_empty_label", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1034: 3.5", .from = RFC5280, .scope = SCOPE_SUB,
		.check = check_dns_empty_label,
		.description = "A subscriber certificate's subjectAltName dNSName must not have an empty "
		"label (leading, trailing or doubled dot)."},
	{.name = "e_rfc_dnsname_label_too_long", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1035: 2.3.4", .from = RFC5280, .scope = SCOPE_SUB,
		.check = check_dns_label_too_long,
		.description = "Every label of a subscriber certificate's subjectAltName dNSName must be at "
		"most 63 octets long."},
	{.name = "e_rfc_dnsname_hyphen_in_sld", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1034: 3.5", .from = RFC5280, .scope = SCOPE_SUB,
		.check = check_dns_hyphen_in_sld,
		.description = "The registrable label of a subscriber dNSName (the one left of its public "
		"suffix, per the ICANN section of the Public Suffix List) must not start or end with a "
		"hyphen."},
	{.name = "e_rfc_dnsname_underscore_in_sld", .severity = PC_ERROR, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1034: 3.5", .from = RFC5280, .scope = SCOPE_SUB,
		.check = check_dns_underscore_in_sld,
		.description = "The registrable label of a subscriber dNSName (the one left of its public "
		"suffix) must not contain an underscore: it is not in the preferred name syntax."},
	{.name = "w_rfc_dnsname_underscore_in_trd", .severity = PC_WARN, .source = "RFC5280",
		.citation = "RFC 5280: 4.2.1.6; RFC 1034: 3.5", .from = RFC5280, .scope = SCOPE_SUB,
		.check = check_dns_underscore_in_trd,
		.description = "Labels left of the registrable label of a subscriber dNSName should not "
		"contain underscores, which the preferred name syntax does not allow."},
};

PC_RULE_TABLE_END(rfc5280_names);
