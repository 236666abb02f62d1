/*
 * cabf_br_profile.c
 *		CA/Browser Forum TLS Baseline Requirements: extension profiles (AIA,
 *		CRL distribution points, policies, EKU, keyUsage, basicConstraints),
 *		keys and algorithms (6.1.5, 6.1.6, 7.1.3), CA and root profiles
 *		(7.1.2.1, 7.1.2.2, 7.1.2.10) and OCSP responder certificates (7.1.2.8).
 *
 * Every rule carries a ZLint name, severity and window so that results can
 * be compared with ZLint's.  Where ZLint departs from the BR text the
 * description says so (requirements.md section 9).
 *
 * ZLint runs CABF_BR lints only on certificates within the TLS BRs: no EKU,
 * an EKU with serverAuth or anyExtendedKeyUsage, or a CA/B Forum TLS policy
 * OID.  Subscriber rules use the PC_K_TLS kind; rules that also judge CA
 * certificates apply the test to the certificate's own content with
 * tls_capable().
 */
#include "rules.h"

#include <openssl/bn.h>

/* Exact AlgorithmIdentifier encodings (BR 7.1.3.1, 7.1.3.2). */
#define SPKI_RSA "\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00"
#define SPKI_P256 "\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07"
#define SPKI_P384 "\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81\x04\x00\x22"
#define SPKI_P521 "\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81\x04\x00\x23"

#define BR "CABF_BR"

/* ---------------------------------------------------------------- helpers */

/*
 * Is this certificate within the TLS BRs (BR 1.1)?  It is when it can serve
 * TLS (no EKU, or serverAuth or anyExtendedKeyUsage), or when it asserts a
 * CA/B Forum TLS policy OID and so claims compliance (BR 7.1.6.4).  ZLint
 * gates its CABF_BR lints the same way.
 */
static bool
tls_capable(const pc_cert *c)
{
	if (!c->xi[PC_X_EKU])
		return true;
	if (c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_ANY))
		return true;
	return (c->policy_mask & (PC_POL_DV | PC_POL_OV | PC_POL_IV | PC_POL_EV)) != 0;
}

/*
 * Report with a severity lower than the rule's, for the rare rule whose
 * requirement mixes MUST and NOT RECOMMENDED (ZLint reports both under one
 * name).
 */
static void
fail_with(pc_report *r, pc_severity s, const char *msg)
{
	pc_fail(r, "%s", msg);
	if (r->n > 0 && r->items[r->n - 1].rule == r->cur &&
		s < r->items[r->n - 1].severity)
		r->items[r->n - 1].severity = s;
}

/* Read the next AccessDescription (method, location); false at the end or on malformed input. */
static bool
aia_read(pc_der *in, pc_span *method, pc_gn *loc)
{
	pc_tlv		ad,
				oid,
				gn;
	pc_der		d;

	if (!pc_der_more(in) || !pc_der_expect(in, PC_T_SEQUENCE, &ad, NULL, ""))
		return false;
	pc_der_init(&d, ad.v, ad.v.p, NULL);
	if (!pc_der_expect(&d, PC_T_OID, &oid, NULL, "") || !pc_der_next(&d, &gn, NULL))
		return false;
	*method = oid.v;
	loc->id = gn.id;
	loc->type = (uint8_t) (gn.id ? (gn.id & 0x1f) : 0xff);
	loc->v = (gn.id == PC_CTXC(PC_GN_DIRNAME)) ? gn.all : gn.v;
	return true;
}

static const pc_access_memo *access_memo(const pc_cert *c, pc_report *r);

/*
 * Walk the AccessDescriptions of the AIA: from the report's copy when it
 * holds them all, else from the DER.
 */
typedef struct aia_iter
{
	const pc_access_memo *m;	/* NULL: read d */
	int			i;
	pc_der		d;
} aia_iter;

static void
aia_begin(aia_iter *it, const pc_cert *c, pc_report *r)
{
	const pc_access_memo *m = access_memo(c, r);

	it->m = m->aia_all ? m : NULL;
	it->i = 0;
	pc_der_init(&it->d, c->aia, c->aia.p, NULL);
}

static bool
aia_next(aia_iter *it, pc_span *method, pc_gn *loc)
{
	if (it->m == NULL)
		return aia_read(&it->d, method, loc);
	if (it->i >= it->m->naia)
		return false;
	*method = it->m->aia[it->i].method;
	*loc = it->m->aia[it->i].loc;
	it->i++;
	return true;
}

/* Is this location a uniformResourceIdentifier (what Go keeps in the AIA lists)? */
static bool
is_uri(const pc_gn *g)
{
	return g->id == PC_CTX(PC_GN_URI);
}

static bool
has_prefix(pc_span s, const char *prefix)
{
	size_t		n = strlen(prefix);

	return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

/*
 * The URI scheme, lower-cased into buf (RFC 3986 3.1: ALPHA *( ALPHA / DIGIT
 * / "+" / "-" / "." ) before ':').  Empty when there is none.
 */
static void
uri_scheme(pc_span u, char *buf, size_t size)
{
	size_t		i;

	buf[0] = '\0';
	for (i = 0; i < u.n && i + 1 < size; i++)
	{
		uint8_t		ch = u.p[i];

		if (ch == ':')
			break;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			  (i > 0 && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.'))))
		{
			buf[0] = '\0';		/* buf[0] may hold a letter by now: no scheme */
			return;
		}
		buf[i] = (char) ((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
	}
	if (i == 0 || i >= u.n || u.p[i] != ':')
	{
		buf[0] = '\0';
		return;
	}
	buf[i] = '\0';
}

/*
 * Does u start "http://", the letters in any case, as
 * pc_span_starts_nocase(u, "http://") reads it?  An octet with the case bit
 * 0x20 set is 'h' only when it is 'h' or 'H', and so on for each letter:
 * four letters at once, then the punctuation as it is.  The access memo
 * asks it of every URL, two or three a certificate.
 */
static inline bool
starts_http(pc_span u)
{
	uint32_t	w,
				http;

	if (u.n < 7)
		return false;
	/* both in memory order, so byte order does not matter */
	memcpy(&w, u.p, sizeof(w));
	memcpy(&http, "http", sizeof(http));
	return (w | 0x20202020u) == http && u.p[4] == ':' && u.p[5] == '/' && u.p[6] == '/';
}

/*
 * Is u's scheme, as uri_scheme reads it, 'want' (lower-case letters)?  The
 * letters, in any case, and a ':' after them: nothing else to read.
 */
static bool
scheme_is(pc_span u, const char *want)
{
	size_t		n = strlen(want);

	return u.n > n && u.p[n] == ':' && pc_span_starts_nocase(u, want);
}

/* Walk the URIs of every DistributionPoint's fullName (what Go lists). */
typedef struct cdp_iter
{
	pc_der		outer;
	pc_gn_iter	names;
	bool		in_names;
} cdp_iter;

static void
cdp_begin(cdp_iter *it, pc_span s)
{
	pc_der_init(&it->outer, s, s.p, NULL);
	it->in_names = false;
}

/* Fields of one DistributionPoint. */
typedef struct cdp_point
{
	bool		has_name;
	bool		has_full_name;
	pc_span		full_name;		/* GeneralNames content */
	bool		has_reasons;
	bool		has_crl_issuer;
} cdp_point;

static bool
cdp_next_point(pc_der *d, cdp_point *pt)
{
	pc_tlv		dp,
				f;
	pc_der		in;

	memset(pt, 0, sizeof(*pt));
	if (!pc_der_more(d) || !pc_der_expect(d, PC_T_SEQUENCE, &dp, NULL, ""))
		return false;
	pc_der_init(&in, dp.v, dp.v.p, NULL);
	while (pc_der_more(&in))
	{
		if (!pc_der_next(&in, &f, NULL))
			return false;
		if (f.id == PC_CTXC(0))
		{
			pc_der		nd;
			pc_tlv		n;

			pt->has_name = true;
			pc_der_init(&nd, f.v, f.v.p, NULL);
			if (pc_der_next(&nd, &n, NULL) && n.id == PC_CTXC(0))
			{
				pt->has_full_name = true;
				pt->full_name = n.v;
			}
		}
		else if (f.id == PC_CTX(1))
			pt->has_reasons = true;
		else if (f.id == PC_CTXC(2))
			pt->has_crl_issuer = true;
	}
	return true;
}

/* Next fullName URI over all distribution points. */
static bool
cdp_next_uri(cdp_iter *it, pc_span *uri)
{
	pc_gn		g;
	cdp_point	pt;

	for (;;)
	{
		if (it->in_names)
		{
			while (pc_gn_next(&it->names, &g))
			{
				if (g.id == PC_CTX(PC_GN_URI))
				{
					*uri = g.v;
					return true;
				}
			}
			it->in_names = false;
		}
		if (!cdp_next_point(&it->outer, &pt))
			return false;
		if (pt.has_full_name)
		{
			pc_gn_begin(&it->names, pt.full_name);
			it->in_names = true;
		}
	}
}

/*
 * The AIA's AccessDescriptions and the CRLDP's fullName URIs (all, or the
 * first PC_AIA_MEMO and PC_CDP_MEMO), and how many uniformResourceIdentifiers
 * the AIA holds for each access method and the CRLDP in its fullNames, with
 * how many of them start "http://" in any case: one walk of each for all
 * the rules that ask.
 */
static const pc_access_memo *
access_memo(const pc_cert *c, pc_report *r)
{
	pc_access_memo *m = &r->access;
	pc_der		d;
	pc_span		meth;
	pc_gn		g;
	cdp_iter	ci;
	pc_span		u;

	if (m->cert == c)
		return m;
	m->naia = 0;
	m->aia_all = true;
	m->ocsp_uri = m->ocsp_http = m->ca_uri = m->ca_http = 0;
	m->cdp_uri = m->cdp_http = 0;
	pc_der_init(&d, c->aia, c->aia.p, NULL);
	while (aia_read(&d, &meth, &g))
	{
		if (m->naia < PC_AIA_MEMO)
			m->aia[m->naia++] = (pc_access_desc) {meth, g};
		else
			m->aia_all = false;
		if (!is_uri(&g))
			continue;
		if (PC_OID_IS(meth, OID_AD_OCSP))
		{
			m->ocsp_uri++;
			m->ocsp_http += starts_http(g.v);
		}
		else if (PC_OID_IS(meth, OID_AD_CA_ISSUERS))
		{
			m->ca_uri++;
			m->ca_http += starts_http(g.v);
		}
	}
	m->ncdp = 0;
	m->cdp_all = true;
	cdp_begin(&ci, c->crldp);
	while (cdp_next_uri(&ci, &u))
	{
		if (m->ncdp < PC_CDP_MEMO)
			m->cdp[m->ncdp++] = u;
		else
			m->cdp_all = false;
		m->cdp_uri++;
		m->cdp_http += starts_http(u);
	}
	m->cert = c;
	return m;
}

/* Policy qualifier iterator over a pc_policy's qualifiers span. */
static bool
qualifier_next(pc_der *d, pc_span *id, pc_tlv *value)
{
	pc_tlv		pqi,
				oid;
	pc_der		in;

	if (!pc_der_more(d) || !pc_der_expect(d, PC_T_SEQUENCE, &pqi, NULL, ""))
		return false;
	pc_der_init(&in, pqi.v, pqi.v.p, NULL);
	if (!pc_der_expect(&in, PC_T_OID, &oid, NULL, ""))
		return false;
	*id = oid.v;
	if (!pc_der_more(&in))
		memset(value, 0, sizeof(*value));
	else if (!pc_der_next(&in, value, NULL))
		return false;
	return true;
}

static bool
is_reserved_policy(pc_span oid)
{
	return PC_OID_IS(oid, OID_POL_DV) || PC_OID_IS(oid, OID_POL_OV) ||
		PC_OID_IS(oid, OID_POL_IV) || PC_OID_IS(oid, OID_POL_EV);
}

static const char *
eku_name(pc_span oid)
{
	if (PC_OID_IS(oid, OID_KP_SERVER_AUTH))
		return "serverAuth";
	if (PC_OID_IS(oid, OID_KP_CLIENT_AUTH))
		return "clientAuth";
	if (PC_OID_IS(oid, OID_KP_CODE_SIGNING))
		return "codeSigning";
	if (PC_OID_IS(oid, OID_KP_EMAIL))
		return "emailProtection";
	if (PC_OID_IS(oid, OID_KP_TIME_STAMPING))
		return "timeStamping";
	if (PC_OID_IS(oid, OID_KP_OCSP_SIGNING))
		return "OCSPSigning";
	if (PC_OID_IS(oid, OID_KP_ANY))
		return "anyExtendedKeyUsage";
	if (PC_OID_IS(oid, OID_KP_PRECERT_SIGNING))
		return "precertificateSigning";
	return NULL;
}

/* ---------------------------------------------------------------- AIA (7.1.2.7.7, 7.1.2.10.3) */

static void
check_aia_permitted_method(const pc_cert *c, pc_report *r)
{
	aia_iter	it;
	pc_span		m;
	pc_gn		g;
	char		oid[64];

	if (!c->xi[PC_X_AIA])
		return;
	aia_begin(&it, c, r);
	while (aia_next(&it, &m, &g))
	{
		if (!is_uri(&g))
			pc_fail(r, "accessLocation is a GeneralName [%u], not a uniformResourceIdentifier",
					(unsigned) (g.id & 0x1f));
		if (!PC_OID_IS(m, OID_AD_OCSP) && !PC_OID_IS(m, OID_AD_CA_ISSUERS))
		{
			pc_oid_text(m, oid, sizeof(oid));
			pc_fail(r, "accessMethod %s is neither id-ad-ocsp nor id-ad-caIssuers", oid);
		}
	}
}

/* Only http: the BR tables ask for "A HTTP URL" for both access methods. */
static void
aia_schemes(const pc_cert *c, pc_report *r, const char *method, size_t mlen,
			const char *label, bool allow_https)
{
	aia_iter	it;
	pc_span		m;
	pc_gn		g;

	aia_begin(&it, c, r);
	while (aia_next(&it, &m, &g))
	{
		if (m.n != mlen || memcmp(m.p, method, mlen) != 0 || !is_uri(&g))
			continue;
		if (scheme_is(g.v, "http") || (allow_https && scheme_is(g.v, "https")))
			continue;
		pc_fail(r, "%s accessLocation \"" PC_SPAN_FMT "\" is not an HTTP URL",
				label, PC_SPAN_ARG(g.v));
	}
}

/*
 * A URL that starts "http://" in any case has the scheme http, so when the
 * memo counts every URL of the method so (the usual AIA), none is to fault
 * and the descriptions need no walk.
 */
static void
check_aia_ca_issuers_http(const pc_cert *c, pc_report *r)
{
	const pc_access_memo *m = access_memo(c, r);

	if (m->ca_http == m->ca_uri)
		return;
	aia_schemes(c, r, OID_AD_CA_ISSUERS, sizeof(OID_AD_CA_ISSUERS) - 1, "caIssuers", false);
}

static void
check_aia_ocsp_http(const pc_cert *c, pc_report *r)
{
	const pc_access_memo *m = access_memo(c, r);

	if (m->ocsp_http == m->ocsp_uri)
		return;
	aia_schemes(c, r, OID_AD_OCSP, sizeof(OID_AD_OCSP) - 1, "OCSP", false);
}

/* Duplicate locations per method, compared case-insensitively as ZLint does. */
static void
check_aia_unique(const pc_cert *c, pc_report *r)
{
	aia_iter	a,
				b;
	pc_span		ma,
				mb;
	pc_gn		ga,
				gb;
	int			i = 0;

	aia_begin(&a, c, r);
	while (aia_next(&a, &ma, &ga))
	{
		int			j = 0;

		i++;
		if (!is_uri(&ga))
			continue;
		aia_begin(&b, c, r);
		while (aia_next(&b, &mb, &gb) && ++j < i)
		{
			if (is_uri(&gb) && pc_span_eq(ma, mb) && pc_span_eq_nocase(ga.v, gb.v))
			{
				pc_fail(r, "accessLocation \"" PC_SPAN_FMT "\" appears twice for the same accessMethod",
						PC_SPAN_ARG(ga.v));
				break;
			}
		}
		if (i > 64)
			break;				/* quadratic walk: real AIAs hold a handful */
	}
}

static void
check_ca_aia_non_http(const pc_cert *c, pc_report *r)
{
	aia_iter	it;
	pc_span		m;
	pc_gn		g;

	if (!tls_capable(c))
		return;
	aia_begin(&it, c, r);
	while (aia_next(&it, &m, &g))
	{
		if (!is_uri(&g) || !(PC_OID_IS(m, OID_AD_OCSP) || PC_OID_IS(m, OID_AD_CA_ISSUERS)))
			continue;
		if (!starts_http(g.v))
			pc_fail(r, "%s accessLocation \"" PC_SPAN_FMT "\" is not an http:// URL",
					PC_OID_IS(m, OID_AD_OCSP) ? "OCSP" : "caIssuers", PC_SPAN_ARG(g.v));
	}
}

static void
check_sub_cert_aia_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_AIA])
		pc_fail(r, "no authorityInformationAccess extension");
}

static void
check_aia_marked_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_AIA);

	if (x && x->critical)
		pc_fail(r, "authorityInformationAccess is critical");
}

static void
check_sub_ca_aia_marked_critical(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_aia_marked_critical(c, r);
}

static void
check_sub_ca_aia_missing(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && !c->xi[PC_X_AIA])
		pc_fail(r, "subordinate CA certificate has no authorityInformationAccess extension");
}

static void
check_sub_cert_aia_no_ocsp(const pc_cert *c, pc_report *r)
{
	if (access_memo(c, r)->ocsp_http == 0)
		pc_fail(r, "no id-ad-ocsp http:// URL in authorityInformationAccess%s",
				c->xi[PC_X_AIA] ? "" : " (extension absent)");
}

static void
check_sub_cert_aia_no_ca_issuers(const pc_cert *c, pc_report *r)
{
	if (access_memo(c, r)->ca_http == 0)
		pc_fail(r, "no id-ad-caIssuers http:// URL in authorityInformationAccess%s",
				c->xi[PC_X_AIA] ? "" : " (extension absent)");
}

static void
check_sub_ca_aia_no_ca_issuers(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_sub_cert_aia_no_ca_issuers(c, r);
}

/*
 * Internal names in AIA URLs.  ZLint compares the host's last label with the
 * IANA root zone; profcheck carries no TLD list, so it flags hosts with a
 * single label or with a last label reserved for private use or testing
 * (RFC 2606, RFC 6761, RFC 6762, ICANN SAC113 "internal").
 */
static bool
host_is_internal(const char *host, size_t n)
{
#define INTERNAL(lit) {lit, sizeof(lit) - 1}
	static const struct
	{
		const char *name;
		size_t		n;
	}			internal[] = {
		INTERNAL("local"), INTERNAL("localhost"), INTERNAL("localdomain"), INTERNAL("internal"),
		INTERNAL("lan"), INTERNAL("corp"), INTERNAL("home"), INTERNAL("intranet"),
		INTERNAL("private"), INTERNAL("test"), INTERNAL("invalid"), INTERNAL("example"),
		INTERNAL("domain"), INTERNAL("priv"),
	};
#undef INTERNAL
	const char *dot = NULL;
	const char *tld;
	size_t		tn;
	bool		digits_only = true;

	if (n == 0 || host[0] == '[')
		return false;			/* IPv6 literal */
	for (size_t i = 0; i < n; i++)
	{
		if (host[i] == '.')
			dot = host + i;
		else if (host[i] < '0' || host[i] > '9')
			digits_only = false;
	}
	if (digits_only)
		return false;			/* IPv4 literal */
	if (dot == NULL)
		return true;
	tld = dot + 1;
	tn = (size_t) (host + n - tld);
	for (size_t i = 0; i < sizeof(internal) / sizeof(internal[0]); i++)
		if (internal[i].n == tn &&
			pc_span_eq_nocase((pc_span) {(const uint8_t *) tld, tn},
							  (pc_span) {(const uint8_t *) internal[i].name, tn}))
			return true;
	return false;
}

static void
check_aia_internal_names(const pc_cert *c, pc_report *r)
{
	aia_iter	it;
	pc_span		m;
	pc_gn		g;

	aia_begin(&it, c, r);
	while (aia_next(&it, &m, &g))
	{
		const char *s,
				   *end,
				   *h;
		size_t		hn;

		if (!is_uri(&g))
			continue;
		s = (const char *) g.v.p;
		end = s + g.v.n;
		h = memchr(s, ':', g.v.n);
		if (!h || end - h < 3 || h[1] != '/' || h[2] != '/')
			continue;
		h += 3;
		for (hn = 0; h + hn < end && h[hn] != '/' && h[hn] != ':' && h[hn] != '?' &&
			 h[hn] != '#'; hn++)
			;
		{
			const char *at = memchr(h, '@', hn);

			if (at)
			{
				hn -= (size_t) (at + 1 - h);
				h = at + 1;
			}
		}
		if (hn > 0 && h[hn - 1] == '.')
			hn--;
		if (host_is_internal(h, hn))
			pc_fail(r, "AIA URL \"" PC_SPAN_FMT "\" names an internal host", PC_SPAN_ARG(g.v));
	}
}

/* ---------------------------------------------------------------- CRL distribution points (7.1.2.11.2) */

/* ZLint compares the prefix "http:" case-sensitively. */
static void
check_cdp_not_http(const pc_cert *c, pc_report *r)
{
	const pc_access_memo *m;
	cdp_iter	it;
	pc_span		u;

	if (!tls_capable(c))
		return;
	m = access_memo(c, r);
	if (m->cdp_all)
	{
		for (int i = 0; i < m->ncdp; i++)
			if (!has_prefix(m->cdp[i], "http:"))
				pc_fail(r, "CRL distribution point \"" PC_SPAN_FMT "\" is not an http URL",
						PC_SPAN_ARG(m->cdp[i]));
		return;
	}
	cdp_begin(&it, c->crldp);
	while (cdp_next_uri(&it, &u))
		if (!has_prefix(u, "http:"))
			pc_fail(r, "CRL distribution point \"" PC_SPAN_FMT "\" is not an http URL", PC_SPAN_ARG(u));
}

static void
check_cdp_crl_issuer(const pc_cert *c, pc_report *r)
{
	pc_der		d;
	cdp_point	pt;

	if (!c->xi[PC_X_CRLDP] || !tls_capable(c))
		return;
	pc_der_init(&d, c->crldp, c->crldp.p, NULL);
	while (cdp_next_point(&d, &pt))
	{
		if (pt.has_crl_issuer)
			pc_fail(r, "a DistributionPoint has a cRLIssuer");
		if (pt.has_reasons)
			pc_fail(r, "a DistributionPoint has reasons");
	}
}

/* BR 1.6.1 "Short-lived Subscriber Certificate": at most 10 days, 7 from 2026-03-15. */
static bool
short_lived(const pc_cert *c)
{
	int64_t		v = c->not_after.t - c->not_before.t;

	return c->not_before.t < PC_DATE(2026, 3, 15) ? v <= 10 * PC_DAY : v <= 7 * PC_DAY;
}

static void
check_missing_cdp(const pc_cert *c, pc_report *r)
{
	if (short_lived(c))
		return;
	if (access_memo(c, r)->cdp_uri == 0 && access_memo(c, r)->ocsp_uri == 0)
		pc_fail(r, "no CRL distribution point and no OCSP URL, and not short-lived (%lld days)",
				(long long) pc_validity_days(c));
}

static void
check_cdp_no_http_url(const pc_cert *c, pc_report *r)
{
	if (c->xi[PC_X_CRLDP] && access_memo(c, r)->cdp_http == 0)
		pc_fail(r, "cRLDistributionPoints has no http:// URL");
}

static void
check_cdp_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_CRLDP);

	if (x && x->critical)
		pc_fail(r, "cRLDistributionPoints is critical");
}

static void
check_sub_ca_cdp_no_http_url(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_cdp_no_http_url(c, r);
}

static void
check_sub_ca_cdp_critical(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_cdp_critical(c, r);
}

static void
check_sub_ca_cdp_missing(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && !c->xi[PC_X_CRLDP])
		pc_fail(r, "subordinate CA certificate has no cRLDistributionPoints extension");
}

/* ---------------------------------------------------------------- certificate policies */

static void
check_invalid_cps_uri(const pc_cert *c, pc_report *r)
{
	char		scheme[32];

	if (!c->xi[PC_X_CP] || !tls_capable(c))
		return;
	for (int i = 0; i < c->npolicy; i++)
	{
		pc_der		d;
		pc_span		id;
		pc_tlv		v;

		pc_der_init(&d, c->policy[i].qualifiers, c->policy[i].qualifiers.p, NULL);
		while (qualifier_next(&d, &id, &v))
		{
			if (!PC_OID_IS(id, OID_QT_CPS))
				continue;
			uri_scheme(v.v, scheme, sizeof(scheme));
			if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
				pc_fail(r, "CPS URI \"" PC_SPAN_FMT "\" is not an HTTP or HTTPS URL", PC_SPAN_ARG(v.v));
		}
	}
}

static void
check_qualifiers_other_than_cps(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	if (!tls_capable(c))
		return;
	for (int i = 0; i < c->npolicy; i++)
	{
		pc_der		d;
		pc_span		id;
		pc_tlv		v;

		pc_der_init(&d, c->policy[i].qualifiers, c->policy[i].qualifiers.p, NULL);
		while (qualifier_next(&d, &id, &v))
		{
			if (PC_OID_IS(id, OID_QT_CPS))
				continue;
			pc_oid_text(id, oid, sizeof(oid));
			pc_fail(r, "policy qualifier %s%s is not id-qt-cps", oid,
					PC_OID_IS(id, OID_QT_UNOTICE) ? " (userNotice)" : "");
		}
	}
}

/*
 * BR 7.1.2.10.5: either anyPolicy alone (Affiliated CA), or policy
 * restricted: a reserved CA/B Forum OID and no anyPolicy.  ZLint also
 * rejects a single reserved OID ("a single OID must be anyPolicy"); the
 * text allows it, and profcheck follows the text.
 */
static void
check_invalid_ca_policies(const pc_cert *c, pc_report *r)
{
	bool		reserved = false;
	bool		any = false;

	if (!tls_capable(c))
		return;
	if (!c->xi[PC_X_CP])
	{
		pc_fail(r, "subordinate CA certificate has no certificatePolicies extension");
		return;
	}
	for (int i = 0; i < c->npolicy; i++)
	{
		any |= PC_OID_IS(c->policy[i].oid, OID_POL_ANY);
		reserved |= is_reserved_policy(c->policy[i].oid);
	}
	if (any && c->npolicy > 1)
		pc_fail(r, "anyPolicy is accompanied by other policy OIDs");
	else if (!any && !reserved)
		pc_fail(r, "policy-restricted CA certificate has no CA/B Forum reserved policy OID");
}

static void
check_ca_multiple_reserved(const pc_cert *c, pc_report *r)
{
	int			n = 0;

	if (!tls_capable(c) || (c->policy_mask & PC_POL_ANY))
		return;
	for (int i = 0; i < c->npolicy; i++)
		if (is_reserved_policy(c->policy[i].oid))
			n++;
	if (n > 1)
		pc_fail(r, "%d CA/B Forum reserved policy OIDs; exactly one is allowed", n);
}

static void
check_sub_ca_cp_missing(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && !c->xi[PC_X_CP])
		pc_fail(r, "subordinate CA certificate has no certificatePolicies extension");
}

static void
check_cp_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_CP);

	if (x && x->critical)
		pc_fail(r, "certificatePolicies is critical");
}

static void
check_sub_ca_cp_critical(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_cp_critical(c, r);
}

/* BR 7.1.6.4: one or more policy identifiers; ZLint fires when the extension is absent too. */
static void
check_sub_cert_policy_empty(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_CP])
		pc_fail(r, "no certificatePolicies extension, so no policy identifier");
	else if (c->npolicy == 0)
		pc_fail(r, "certificatePolicies holds no policy identifier");
}

static void
check_root_cp(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && c->xi[PC_X_CP])
		pc_fail(r, "root CA certificate has a certificatePolicies extension");
}

/* ---------------------------------------------------------------- EKU */

static void
check_sub_cert_eku_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_EKU])
		pc_fail(r, "no extKeyUsage extension");
}

static void
check_eku_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_EKU);

	if (x && x->critical)
		pc_fail(r, "extKeyUsage is critical");
}

static void
check_sub_ca_eku_critical(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c))
		check_eku_critical(c, r);
}

/* BR 2.0 7.1.2.7.10; unlisted values are NOT RECOMMENDED, reported at warning level. */
static void
check_sub_cert_eku(const pc_cert *c, pc_report *r)
{
	bool		other = false;

	if (!pc_ext_ok(c, PC_X_EKU) || !tls_capable(c))
		return;
	for (int i = 0; i < c->neku; i++)
	{
		pc_span		e = c->eku[i];

		if (PC_OID_IS(e, OID_KP_ANY) || PC_OID_IS(e, OID_KP_CODE_SIGNING) ||
			PC_OID_IS(e, OID_KP_TIME_STAMPING) || PC_OID_IS(e, OID_KP_OCSP_SIGNING) ||
			PC_OID_IS(e, OID_KP_EMAIL) || PC_OID_IS(e, OID_KP_PRECERT_SIGNING))
		{
			pc_fail(r, "extKeyUsage contains %s", eku_name(e));
			return;
		}
		if (!PC_OID_IS(e, OID_KP_SERVER_AUTH) && !PC_OID_IS(e, OID_KP_CLIENT_AUTH))
			other = true;
	}
	if (!(c->eku_mask & PC_EKU_SERVER_AUTH))
		pc_fail(r, "extKeyUsage lacks serverAuth");
	else if (other)
		fail_with(r, PC_WARN, "extKeyUsage contains a value other than serverAuth and clientAuth (NOT RECOMMENDED)");
}

static void
check_eku_server_client_missing(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_EKU) &&
		!(c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_CLIENT_AUTH)))
		pc_fail(r, "extKeyUsage has neither serverAuth nor clientAuth");
}

static void
check_eku_extra_values(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	if (!pc_ext_ok(c, PC_X_EKU))
		return;
	for (int i = 0; i < c->neku; i++)
	{
		pc_span		e = c->eku[i];

		if (PC_OID_IS(e, OID_KP_SERVER_AUTH) || PC_OID_IS(e, OID_KP_CLIENT_AUTH) ||
			PC_OID_IS(e, OID_KP_EMAIL))
			continue;
		pc_oid_text(e, oid, sizeof(oid));
		pc_fail(r, "extKeyUsage contains %s", eku_name(e) ? eku_name(e) : oid);
	}
}

/* ZLint: anyEKU only alone; no email, code signing, time stamping or OCSP signing. */
static void
check_ca_invalid_eku(const pc_cert *c, pc_report *r)
{
	if (!pc_ext_ok(c, PC_X_EKU) || c->neku == 0 || !tls_capable(c))
		return;
	if ((c->eku_mask & PC_EKU_ANY) && c->neku > 1)
		pc_fail(r, "anyExtendedKeyUsage is accompanied by other values");
	for (int i = 0; i < c->neku; i++)
	{
		pc_span		e = c->eku[i];

		if (PC_OID_IS(e, OID_KP_EMAIL) || PC_OID_IS(e, OID_KP_CODE_SIGNING) ||
			PC_OID_IS(e, OID_KP_TIME_STAMPING) || PC_OID_IS(e, OID_KP_OCSP_SIGNING))
			pc_fail(r, "extKeyUsage contains %s", eku_name(e));
	}
}

static void
check_sub_ca_eku_missing(const pc_cert *c, pc_report *r)
{
	if (!c->xi[PC_X_EKU])
		pc_fail(r, "subordinate CA certificate has no extKeyUsage, so it is not technically constrained");
}

static void
check_sub_ca_eku_not_tc(const pc_cert *c, pc_report *r)
{
	if (!pc_ext_ok(c, PC_X_EKU) || !tls_capable(c))
		return;
	if (!(c->eku_mask & (PC_EKU_SERVER_AUTH | PC_EKU_CLIENT_AUTH)))
		pc_fail(r, "extKeyUsage has neither serverAuth nor clientAuth");
}

static void
check_root_eku_present(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && c->xi[PC_X_EKU])
		pc_fail(r, "root CA certificate has an extKeyUsage extension");
}

/* ---------------------------------------------------------------- keyUsage and basicConstraints */

static void
check_sub_cert_ku_cert_sign(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && (c->ku & PC_KU_KEY_CERT_SIGN))
		pc_fail(r, "keyUsage has keyCertSign");
}

static void
check_sub_cert_ku_crl_sign(const pc_cert *c, pc_report *r)
{
	if (pc_ext_ok(c, PC_X_KU) && (c->ku & PC_KU_CRL_SIGN))
		pc_fail(r, "keyUsage has cRLSign");
}

static void
check_ca_digital_signature(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && pc_ext_ok(c, PC_X_KU) && !(c->ku & PC_KU_DIGITAL_SIGNATURE))
		pc_fail(r, "keyUsage lacks digitalSignature: the CA key cannot sign OCSP responses");
}

static void
check_ecc_allowed_ku(const pc_cert *c, pc_report *r)
{
	uint16_t	extra;

	if (c->spki.type != PC_KEY_EC || !pc_ext_ok(c, PC_X_KU))
		return;
	if (!(c->ku & PC_KU_DIGITAL_SIGNATURE))
		pc_fail(r, "ECC key, but keyUsage lacks digitalSignature");
	extra = c->ku & (uint16_t) ~(PC_KU_DIGITAL_SIGNATURE | PC_KU_KEY_AGREEMENT);
	if (extra)
		pc_fail(r, "ECC key, but keyUsage has bits other than digitalSignature and keyAgreement (0x%03x)",
				(unsigned) extra);
}

static void
check_ecc_ku_key_agreement(const pc_cert *c, pc_report *r)
{
	if (c->spki.type == PC_KEY_EC && pc_ext_ok(c, PC_X_KU) && (c->ku & PC_KU_KEY_AGREEMENT))
		pc_fail(r, "ECC key with keyUsage keyAgreement (NOT RECOMMENDED)");
}

static void
check_root_ku_present(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && !c->xi[PC_X_KU])
		pc_fail(r, "root CA certificate has no keyUsage extension");
}

static void
check_root_ku_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_KU);

	if (tls_capable(c) && x && !x->critical)
		pc_fail(r, "root CA keyUsage is not critical");
}

static void
check_sub_cert_bc_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_BC);

	if (x && !x->critical)
		pc_fail(r, "basicConstraints is present but not critical");
}

static void
check_root_pathlen(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && pc_ext_ok(c, PC_X_BC) && c->bc_pathlen >= 0)
		pc_fail(r, "root CA basicConstraints has pathLenConstraint %d", c->bc_pathlen);
}

static void
check_sub_ca_nc_not_critical(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_NC);

	if (tls_capable(c) && x && !x->critical)
		pc_fail(r, "nameConstraints is not critical");
}

static void
check_ski_subscriber(const pc_cert *c, pc_report *r)
{
	if (c->xi[PC_X_SKI])
		pc_fail(r, "subscriber certificate has a subjectKeyIdentifier (NOT RECOMMENDED)");
}

static void
check_san_critical_with_subject(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_SAN);

	if (tls_capable(c) && x && x->critical && c->subject.nattr > 0)
		pc_fail(r, "subjectAltName is critical although the subject is not empty");
}

/* ---------------------------------------------------------------- name constraints on reserved IP ranges */

/*
 * IANA special-purpose address registries (RFC 6890 and successors), as
 * prefix and length.  A permitted or excluded iPAddress subtree that
 * overlaps one of them cannot describe public Internet addresses.
 */
typedef struct ip_range
{
	uint8_t		a[16];
	uint8_t		len;
} ip_range;

static const ip_range reserved_v4[] = {
	{{0, 0, 0, 0}, 8}, {{10}, 8}, {{100, 64}, 10}, {{127}, 8}, {{169, 254}, 16},
	{{172, 16}, 12}, {{192, 0, 0}, 24}, {{192, 0, 2}, 24}, {{192, 31, 196}, 24},
	{{192, 52, 193}, 24}, {{192, 88, 99}, 24}, {{192, 168}, 16}, {{192, 175, 48}, 24},
	{{198, 18}, 15}, {{198, 51, 100}, 24}, {{203, 0, 113}, 24}, {{240}, 4},
	{{255, 255, 255, 255}, 32},
};

static const ip_range reserved_v6[] = {
	{{0}, 128},					/* :: */
	{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},	/* ::1 */
	{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96},	/* IPv4-mapped */
	{{0, 0x64, 0xff, 0x9b}, 96},	/* 64:ff9b::/96 */
	{{0, 0x64, 0xff, 0x9b, 0, 1}, 48},	/* 64:ff9b:1::/48 */
	{{0x01}, 64},				/* 100::/64 discard */
	{{0x20, 0x01, 0x00}, 23},	/* 2001::/23 IETF protocol assignments */
	{{0x20, 0x01, 0x0d, 0xb8}, 32},	/* documentation */
	{{0x20, 0x02}, 16},			/* 6to4 */
	{{0x3f, 0xff, 0xf0, 0x00}, 20},	/* documentation (RFC 9637) */
	{{0x5f, 0x00}, 16},			/* SRv6 SIDs */
	{{0xfc}, 7},				/* unique local */
	{{0xfe, 0x80}, 10},			/* link-local */
};

/* Do the prefixes (a/alen) and (b/blen) share an address? */
static bool
prefixes_overlap(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen)
{
	unsigned	n = alen < blen ? alen : blen;

	for (unsigned i = 0; i < n; i++)
	{
		unsigned	byte = i / 8,
					bit = 7 - i % 8;

		if (((a[byte] >> bit) & 1) != ((b[byte] >> bit) & 1))
			return false;
	}
	return true;
}

/* Prefix length of a contiguous netmask; -1 when not contiguous. */
static int
mask_len(const uint8_t *m, size_t n)
{
	int			len = 0;
	bool		zero = false;

	for (size_t i = 0; i < n * 8; i++)
	{
		bool		one = (m[i / 8] >> (7 - i % 8)) & 1;

		if (one && zero)
			return -1;
		if (one)
			len++;
		else
			zero = true;
	}
	return len;
}

static void
nc_reserved_subtrees(pc_report *r, pc_span subtrees, const char *which)
{
	pc_der		d;
	pc_tlv		st;
	char		txt[64];

	pc_der_init(&d, subtrees, subtrees.p, NULL);
	while (pc_der_more(&d) && pc_der_expect(&d, PC_T_SEQUENCE, &st, NULL, ""))
	{
		pc_der		sd;
		pc_tlv		base;
		const ip_range *tab;
		size_t		ntab,
					half;
		int			len;

		pc_der_init(&sd, st.v, st.v.p, NULL);
		if (!pc_der_next(&sd, &base, NULL) || base.id != PC_CTX(PC_GN_IP))
			continue;
		if (base.v.n == 8)
			tab = reserved_v4, ntab = sizeof(reserved_v4) / sizeof(reserved_v4[0]), half = 4;
		else if (base.v.n == 32)
			tab = reserved_v6, ntab = sizeof(reserved_v6) / sizeof(reserved_v6[0]), half = 16;
		else
			continue;
		len = mask_len(base.v.p + half, half);
		if (len < 0)
			continue;
		for (size_t i = 0; i < ntab; i++)
		{
			if (!prefixes_overlap(base.v.p, (unsigned) len, tab[i].a, tab[i].len))
				continue;
			if (!pc_ip_text((pc_span) {base.v.p, half}, txt, sizeof(txt)))
				txt[0] = '\0';
			pc_fail(r, "%s iPAddress subtree %s/%d overlaps a reserved address range", which, txt, len);
			break;
		}
	}
}

static void
check_nc_reserved_ip(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_NC);
	pc_der		d;
	pc_tlv		seq,
				f;

	if (!x || !tls_capable(c))
		return;
	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, ""))
		return;
	pc_der_init(&d, seq.v, seq.v.p, NULL);
	while (pc_der_more(&d) && pc_der_next(&d, &f, NULL))
	{
		if (f.id == PC_CTXC(0))
			nc_reserved_subtrees(r, f.v, "permitted");
	}
}

/* ---------------------------------------------------------------- keys (6.1.5, 6.1.6) */

static void
check_spki_encoding(const pc_cert *c, pc_report *r)
{
	pc_span		a = c->spki.alg;
	char		hex[80];

	if (!tls_capable(c))
		return;
	if (PC_OID_IS(a, SPKI_RSA) || PC_OID_IS(a, SPKI_P256) || PC_OID_IS(a, SPKI_P384) ||
		PC_OID_IS(a, SPKI_P521))
		return;
	pc_hex(a, hex, sizeof(hex));
	pc_fail(r, "subjectPublicKeyInfo AlgorithmIdentifier %s is not an allowed encoding", hex);
}

static void
check_dsa_prohibited(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && c->spki.type == PC_KEY_DSA)
		pc_fail(r, "DSA public key");
}

static void
check_key_type_allowed(const pc_cert *c, pc_report *r)
{
	char		oid[64];

	if (!tls_capable(c))
		return;
	if (c->spki.type == PC_KEY_RSA || c->spki.type == PC_KEY_EC || c->spki.type == PC_KEY_DSA)
		return;
	pc_oid_text(c->spki.alg_oid, oid, sizeof(oid));
	pc_fail(r, "public key algorithm %s is not RSA, DSA or ECDSA", oid);
}

static void
check_ec_curves(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && c->spki.type == PC_KEY_EC &&
		c->spki.curve != PC_CURVE_P256 && c->spki.curve != PC_CURVE_P384 &&
		c->spki.curve != PC_CURVE_P521)
		pc_fail(r, "EC key is not on P-256, P-384 or P-521");
}

static bool
is_rsa(const pc_cert *c)
{
	return c->spki.type == PC_KEY_RSA && c->spki.rsa_n.n > 0 && c->spki.rsa_e.n > 0;
}

/* Significant bits of an unsigned INTEGER's content. */
static unsigned
span_bits(pc_span v)
{
	size_t		i = 0;
	unsigned	b = 0;
	uint8_t		top;

	while (i < v.n && v.p[i] == 0)
		i++;
	if (i == v.n)
		return 0;
	for (top = v.p[i]; top; top >>= 1)
		b++;
	return (unsigned) ((v.n - i - 1) * 8) + b;
}

static void
check_rsa_exp_not_odd(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && is_rsa(c) && !(c->spki.rsa_e.p[c->spki.rsa_e.n - 1] & 1))
		pc_fail(r, "RSA public exponent is even");
}

static void
check_rsa_exp_too_small(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && is_rsa(c) && span_bits(c->spki.rsa_e) <= 2 &&
		!(c->spki.rsa_e.p[0] & 0x80) && c->spki.rsa_e_small < 3)
		pc_fail(r, "RSA public exponent %llu is less than 3",
				(unsigned long long) c->spki.rsa_e_small);
}

static void
check_rsa_exp_range(const pc_cert *c, pc_report *r)
{
	unsigned	bits;

	if (!tls_capable(c) || !is_rsa(c))
		return;
	bits = span_bits(c->spki.rsa_e);
	if (bits > 256)
		pc_fail(r, "RSA public exponent has %u bits, more than 2^256-1", bits);
	else if (bits <= 17 && c->spki.rsa_e_small < 65537)
		pc_fail(r, "RSA public exponent %llu is less than 2^16+1",
				(unsigned long long) c->spki.rsa_e_small);
}

static void
check_rsa_mod_not_odd(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && is_rsa(c) && !(c->spki.rsa_n.p[c->spki.rsa_n.n - 1] & 1))
		pc_fail(r, "RSA modulus is even");
}

/*
 * The modulus's residues modulo the 133 primes below 752, computed once per
 * certificate into the report (nat.c: one pass over the modulus per group of
 * primes whose product fits 64 bits), for the small-factor and ROCA rules.
 * NULL for a key that is not RSA or a modulus beyond nat.c's size.
 */
static const uint16_t *
rsa_residues(const pc_cert *c, pc_report *r)
{
	if (!r->rsa_res_done)
	{
		uint64_t	n[PC_NAT_LIMBS];
		int			nn = -1;

		r->rsa_res_done = true;
		if (is_rsa(c) && c->spki.rsa_n.n > 0)
			nn = pc_nat_from_bytes(n, PC_NAT_LIMBS, c->spki.rsa_n.p, c->spki.rsa_n.n);
		r->rsa_res_ok = nn > 0;
		if (r->rsa_res_ok)
			pc_nat_small_residues(n, nn, r->rsa_res);
	}
	return r->rsa_res_ok ? r->rsa_res : NULL;
}

static void
check_rsa_small_factors(const pc_cert *c, pc_report *r)
{
	const uint16_t *res;

	if (!tls_capable(c) || !is_rsa(c) || (res = rsa_residues(c, r)) == NULL)
		return;
	for (int i = 0; i < PC_SMALL_PRIMES; i++)
		if (res[i] == 0)
		{
			pc_fail(r, "RSA modulus is divisible by %u", (unsigned) pc_small_primes[i]);
			return;
		}
}

/*
 * ROCA (CVE-2017-15361): moduli made by Infineon's RSALib have primes of
 * the form k M + (65537^a mod M), so the modulus is, modulo each prime p up
 * to 167, a power of 65537.  Nemec et al. ("The Return of Coppersmith's
 * Attack", CCS 2017) use exactly that as the fingerprint; a random modulus
 * passes all 38 tests with negligible probability.  pow65537[i] marks, for
 * the i-th odd prime up to 167, the residues in the subgroup 65537
 * generates; built once per thread.
 */
#define ROCA_PRIMES 38			/* the odd primes 3 .. 167 */

typedef struct roca_table
{
	bool		built;
	uint64_t	pow65537[ROCA_PRIMES][3];	/* bit r set: r = 65537^k mod p */
} roca_table;

static const roca_table *
get_roca_table(void)
{
	static _Thread_local roca_table t;

	if (!t.built)
	{
		for (int i = 0; i < ROCA_PRIMES; i++)
		{
			unsigned	p = pc_small_primes[i + 1],
						g = 65537 % p,
						x = 1;

			memset(t.pow65537[i], 0, sizeof(t.pow65537[i]));
			do
			{
				t.pow65537[i][x / 64] |= (uint64_t) 1 << (x % 64);
				x = x * g % p;
			} while (x != 1);
		}
		t.built = true;
	}
	return &t;
}

static bool
roca_test(const roca_table *t, int i, unsigned x)
{
	return (t->pow65537[i][x / 64] >> (x % 64)) & 1;
}

/*
 * The product of the odd primes 3 .. 53, the first ROCA_QUICK tests: it
 * fits in 64 bits, so one pass over the modulus gives all their residues.
 */
#define ROCA_QUICK 15
#define ROCA_QUICK_PRODUCT UINT64_C(16294579238595022365)

/*
 * Does a modulus whose residues the report does not hold yet fail one of
 * the first tests?  About 999 random moduli in 1000 do, so passes() and the
 * trigger, which skip the warning that needs all 133 residues, decide ROCA
 * for the price of one pass over the modulus's octets instead of computing
 * them all.  A zero modulus, or one too long for rsa_residues, is left to
 * it (which rejects them).
 */
static bool
roca_quick_reject(const pc_cert *c, const roca_table *t)
{
	const uint8_t *p = c->spki.rsa_n.p;
	size_t		len = c->spki.rsa_n.n;
	uint64_t	m;

	while (len > 0 && p[0] == 0)
	{
		p++;
		len--;
	}
	if (len == 0 || len > PC_NAT_LIMBS * 8)
		return false;
	m = pc_nat_mod_bytes(p, len, ROCA_QUICK_PRODUCT);
	for (int i = 0; i < ROCA_QUICK; i++)
		if (!roca_test(t, i, (unsigned) (m % pc_small_primes[i + 1])))
			return true;
	return false;
}

static void
check_rsa_roca(const pc_cert *c, pc_report *r)
{
	const uint16_t *res;
	const roca_table *t;

	/*
	 * RSALib made keys of 512 bits and more; a tiny modulus (1 is a power
	 * of 65537 modulo everything) is other rules' business, not ROCA.
	 */
	if (!is_rsa(c) || c->spki.bits < 512 || c->spki.rsa_n.n == 0)
		return;
	t = get_roca_table();
	if (!r->rsa_res_done && roca_quick_reject(c, t))
		return;
	if ((res = rsa_residues(c, r)) == NULL)
		return;
	for (int i = 0; i < ROCA_PRIMES; i++)
		if (!roca_test(t, i, res[i + 1]))
			return;
	pc_fail(r, "RSA modulus has the ROCA fingerprint (CVE-2017-15361): modulo every prime up to 167 it is a power of 65537");
}

/* ZLint's windows for 1024-bit keys before 2014 (BR 6.1.5, Appendix A of v1.0). */
static void
check_old_root_rsa_2048(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && is_rsa(c) && c->not_before.t < PC_DATE(2011, 1, 1) && c->spki.bits < 2048)
		pc_fail(r, "root CA issued before 2011 has a %u-bit RSA modulus", c->spki.bits);
}

static void
check_old_sub_ca_rsa_1024(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && is_rsa(c) && c->not_after.t < PC_DATE(2014, 1, 1) && c->spki.bits < 1024)
		pc_fail(r, "subordinate CA expiring before 2014 has a %u-bit RSA modulus", c->spki.bits);
}

static void
check_old_sub_cert_rsa_1024(const pc_cert *c, pc_report *r)
{
	if (is_rsa(c) && c->not_after.t < PC_DATE(2014, 1, 1) && c->spki.bits < 1024)
		pc_fail(r, "subscriber certificate expiring before 2014 has a %u-bit RSA modulus", c->spki.bits);
}

/* ---------------------------------------------------------------- DSA (BR before 1.7.1) */

typedef struct dsa_key
{
	bool		has_params;
	pc_span		p,
				q,
				g,
				y;
	bool		ok;
} dsa_key;

static void
dsa_decode(const pc_cert *c, dsa_key *k)
{
	pc_der		d;
	pc_tlv		t;

	memset(k, 0, sizeof(*k));
	if (c->spki.params.n && c->spki.params.p[0] == PC_T_SEQUENCE)
	{
		pc_tlv		seq,
					p,
					q,
					g;

		pc_der_init(&d, c->spki.params, c->spki.params.p, NULL);
		if (pc_der_expect(&d, PC_T_SEQUENCE, &seq, NULL, ""))
		{
			pc_der_init(&d, seq.v, seq.v.p, NULL);
			if (pc_der_expect(&d, PC_T_INTEGER, &p, NULL, "") &&
				pc_der_expect(&d, PC_T_INTEGER, &q, NULL, "") &&
				pc_der_expect(&d, PC_T_INTEGER, &g, NULL, ""))
			{
				k->has_params = true;
				k->p = p.v;
				k->q = q.v;
				k->g = g.v;
			}
		}
	}
	pc_der_init(&d, c->spki.key, c->spki.key.p, NULL);
	if (pc_der_expect(&d, PC_T_INTEGER, &t, NULL, ""))
	{
		k->y = t.v;
		k->ok = true;
	}
}

static void
check_dsa_shorter_than_2048(const pc_cert *c, pc_report *r)
{
	dsa_key		k;

	if (!tls_capable(c) || c->spki.type != PC_KEY_DSA)
		return;
	dsa_decode(c, &k);
	if (k.has_params && span_bits(k.p) < 2048)
		pc_fail(r, "DSA modulus p has %u bits", span_bits(k.p));
}

static void
check_dsa_sizes(const pc_cert *c, pc_report *r)
{
	dsa_key		k;
	unsigned	l,
				n;

	if (!tls_capable(c) || c->spki.type != PC_KEY_DSA)
		return;
	dsa_decode(c, &k);
	if (!k.has_params)
		return;
	l = span_bits(k.p);
	n = span_bits(k.q);
	if (!((l == 2048 && (n == 224 || n == 256)) || (l == 3072 && n == 256)))
		pc_fail(r, "DSA L = %u, N = %u is not 2048/224, 2048/256 or 3072/256", l, n);
}

static void
check_dsa_params_missing(const pc_cert *c, pc_report *r)
{
	dsa_key		k;

	if (!tls_capable(c) || c->spki.type != PC_KEY_DSA)
		return;
	dsa_decode(c, &k);
	if (!k.has_params)
		pc_fail(r, "DSA key without domain parameters p, q, g");
}

/* y must lie in [2, p-2] (SP 800-89 5.3.1). */
static void
check_dsa_unique_representation(const pc_cert *c, pc_report *r)
{
	dsa_key		k;
	BIGNUM	   *p,
			   *y;

	if (!tls_capable(c) || c->spki.type != PC_KEY_DSA)
		return;
	dsa_decode(c, &k);
	if (!k.has_params || !k.ok)
		return;
	p = BN_bin2bn(k.p.p, (int) k.p.n, NULL);
	y = BN_bin2bn(k.y.p, (int) k.y.n, NULL);
	if (p && y && BN_sub_word(p, 2))
	{
		if (BN_cmp(y, p) > 0 || BN_num_bits(y) < 2)
			pc_fail(r, "DSA public value y is outside [2, p-2]");
	}
	BN_free(p);
	BN_free(y);
}

/* y^q mod p must be 1 (SP 800-89 5.3.1). */
static void
check_dsa_subgroup(const pc_cert *c, pc_report *r)
{
	dsa_key		k;
	BIGNUM	   *p,
			   *q,
			   *y,
			   *t;
	BN_CTX	   *ctx;

	if (!tls_capable(c) || c->spki.type != PC_KEY_DSA)
		return;
	dsa_decode(c, &k);
	/* bound the work: sizes beyond 3072/256 bits are e_dsa_improper_modulus_or_divisor_size */
	if (!k.has_params || !k.ok || span_bits(k.p) > 3072 || span_bits(k.q) > 256)
		return;
	p = BN_bin2bn(k.p.p, (int) k.p.n, NULL);
	q = BN_bin2bn(k.q.p, (int) k.q.n, NULL);
	y = BN_bin2bn(k.y.p, (int) k.y.n, NULL);
	t = BN_new();
	ctx = pc_bn_ctx();
	if (p && q && y && t && ctx && !BN_is_zero(p) && BN_is_odd(p) &&
		BN_mod_exp(t, y, q, p, ctx))
	{
		if (!BN_is_one(t))
			pc_fail(r, "DSA public value y is not in the order-q subgroup (y^q mod p != 1)");
	}
	BN_free(p);
	BN_free(q);
	BN_free(y);
	BN_free(t);
}

/* ---------------------------------------------------------------- signatures and version */

static void
check_signature_algorithm(const pc_cert *c, pc_report *r)
{
	pc_span		o = c->tbs_sig_oid;
	char		oid[64];

	if (!tls_capable(c))
		return;
	if (PC_OID_IS(o, OID_ALG_SHA1_RSA) || PC_OID_IS(o, OID_ALG_SHA256_RSA) ||
		PC_OID_IS(o, OID_ALG_SHA384_RSA) || PC_OID_IS(o, OID_ALG_SHA512_RSA) ||
		PC_OID_IS(o, OID_ALG_RSA_PSS) ||
		PC_OID_IS(o, OID_ALG_DSA_SHA1) || PC_OID_IS(o, OID_ALG_DSA_SHA256) ||
		PC_OID_IS(o, OID_ALG_ECDSA_SHA1) || PC_OID_IS(o, OID_ALG_ECDSA_SHA256) ||
		PC_OID_IS(o, OID_ALG_ECDSA_SHA384) || PC_OID_IS(o, OID_ALG_ECDSA_SHA512))
		return;
	pc_oid_text(o, oid, sizeof(oid));
	pc_fail(r, "signature algorithm %s is not allowed", oid);
}

static void
check_certificate_version(const pc_cert *c, pc_report *r)
{
	if (tls_capable(c) && c->version != 2)
		pc_fail(r, "certificate is X.509 v%d, not v3", c->version + 1);
}

static void
check_sha1_expiration(const pc_cert *c, pc_report *r)
{
	if (pc_sig_is_sha1(c->tbs_sig_oid) && c->not_after.t > PC_DATE(2017, 1, 1))
	{
		char		d[32];

		pc_format_date(c->not_after.t, d, sizeof(d));
		pc_fail(r, "SHA-1 signed certificate expires %s, after 2017-01-01", d);
	}
}

/* ---------------------------------------------------------------- OCSP responders (7.1.2.8, 4.9.9) */

/* ZLint applies these to any certificate whose EKU has id-kp-OCSPSigning. */
static void
check_ocsp_nocheck(const pc_cert *c, pc_report *r)
{
	if ((c->eku_mask & PC_EKU_OCSP_SIGNING) && !c->xi[PC_X_NOCHECK])
		pc_fail(r, "OCSP responder certificate has no id-pkix-ocsp-nocheck extension");
}

static void
check_ocsp_cdp(const pc_cert *c, pc_report *r)
{
	if ((c->eku_mask & PC_EKU_OCSP_SIGNING) && c->xi[PC_X_CRLDP])
		pc_fail(r, "OCSP responder certificate has a cRLDistributionPoints extension");
}

static void
check_ocsp_cp(const pc_cert *c, pc_report *r)
{
	if ((c->eku_mask & PC_EKU_OCSP_SIGNING) && c->xi[PC_X_CP])
		pc_fail(r, "OCSP responder certificate has a certificatePolicies extension");
}

static void
check_ocsp_ku(const pc_cert *c, pc_report *r)
{
	if ((c->eku_mask & PC_EKU_OCSP_SIGNING) && pc_ext_ok(c, PC_X_KU) &&
		(c->ku & (uint16_t) ~PC_KU_DIGITAL_SIGNATURE))
		pc_fail(r, "OCSP responder keyUsage has bits other than digitalSignature (0x%03x)",
				(unsigned) c->ku);
}

/* ---------------------------------------------------------------- backdating (7.1.2.7) */

/*
 * Walk the SCTs of the embedded SignedCertificateTimestampList (RFC 6962
 * 3.3): OCTET STRING { u16 list length, { u16 length, SCT }* }, where an SCT
 * starts with version (1), log id (32) and timestamp (8, milliseconds).
 */
static bool
sct_next(const uint8_t **p, const uint8_t *end, uint64_t *ts)
{
	size_t		n;

	if (end - *p < 2)
		return false;
	n = (size_t) (*p)[0] << 8 | (*p)[1];
	if ((size_t) (end - *p - 2) < n)
		return false;
	if (n >= 41)
	{
		const uint8_t *t = *p + 2 + 33;

		*ts = 0;
		for (int i = 0; i < 8; i++)
			*ts = (*ts << 8) | t[i];
	}
	else
		*ts = 0;
	*p += 2 + n;
	return true;
}

static void
check_excessively_backdated(const pc_cert *c, pc_report *r)
{
	const pc_ext *x = pc_ext_get(c, PC_X_SCT);
	pc_der		d;
	pc_tlv		os;
	const uint8_t *p,
			   *end;
	uint64_t	ts;

	if (!x || !tls_capable(c))
		return;
	pc_der_init(&d, x->value, x->value.p, NULL);
	if (!pc_der_expect(&d, PC_T_OCTETSTRING, &os, NULL, "") || os.v.n < 2)
		return;
	p = os.v.p + 2;
	end = os.v.p + os.v.n;
	while (sct_next(&p, end, &ts))
	{
		int64_t		sec = (int64_t) (ts / 1000);

		if (ts == 0)
			continue;
		/* ZLint: more than 48 hours (in fractional hours) between notBefore and the SCT */
		if ((int64_t) ts - c->not_before.t * 1000 > (int64_t) 48 * 3600 * 1000)
		{
			char		t[32];

			pc_format_time(sec, t, sizeof(t));
			pc_fail(r, "an embedded SCT is dated %s, more than 48 hours after notBefore", t);
			return;
		}
	}
}

/* ---------------------------------------------------------------- the table */

const pc_rule pc_rules_cabf_br_profile[] = {
	/* AIA */
	{.name = "e_aia_ca_issuers_must_have_http_only", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_aia_ca_issuers_http,
		.description = "Subscriber AIA id-ad-caIssuers locations must be http URLs (not https or other schemes)."},
	{.name = "e_aia_must_contain_permitted_access_method", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_aia_permitted_method,
		.description = "Subscriber AIA may hold only id-ad-ocsp and id-ad-caIssuers, each with a uniformResourceIdentifier location."},
	{.name = "e_aia_ocsp_must_have_http_only", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_aia_ocsp_http,
		.description = "Subscriber AIA id-ad-ocsp locations must be http URLs."},
	{.name = "e_aia_unique_access_locations", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_aia_unique,
		.description = "Subscriber AIA must not repeat an accessLocation (compared ignoring case) for the same accessMethod."},
	{.name = "e_ca_aia_non_http_url", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.3", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUBCA, .check = check_ca_aia_non_http,
		.description = "Subordinate CA AIA id-ad-ocsp and id-ad-caIssuers locations must be http:// URLs."},
	{.name = "e_sub_cert_aia_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.6 (v1.x 7.1.2.3)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_aia_missing,
		.description = "TLS subscriber certificate must have an authorityInformationAccess extension."},
	{.name = "e_sub_cert_aia_marked_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.6 (v1.x 7.1.2.3)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_aia_marked_critical,
		.description = "TLS subscriber authorityInformationAccess must not be critical."},
	{.name = "e_sub_cert_aia_does_not_contain_ocsp_url", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.x: 7.1.2.3(c)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_aia_no_ocsp,
		.description = "TLS subscriber AIA must contain an id-ad-ocsp http:// URL. ZLint's window, ending 2023-09-15; BR 2.0 kept the MUST until SC-063 (2024-03-15), which e_sub_cert_aia_ocsp_url_missing_br2 covers (requirements.md D3)."},
	{.name = "e_sub_cert_aia_ocsp_url_missing_br2", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v2.0.0: 7.1.2.7.7 (until SC-063)", .from = PC_DATE(2023, 9, 15), .until = PC_DATE(2024, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_aia_no_ocsp,
		.description = "profcheck rule (no ZLint twin): TLS subscriber AIA issued 2023-09-15..2024-03-14 must still contain an id-ad-ocsp http:// URL, as BR 2.0.0 7.1.2.7.7 required until SC-063 made OCSP optional."},
	{.name = "w_sub_cert_aia_does_not_contain_issuing_ca_url", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.7.7 (v1.x 7.1.2.3)", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_aia_no_ca_issuers,
		.description = "TLS subscriber AIA should contain an id-ad-caIssuers http:// URL."},
	{.name = "w_sub_cert_aia_contains_internal_names", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.10.3", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_aia_internal_names,
		.description = "TLS subscriber AIA URLs should name public hosts. profcheck flags single-label hosts and reserved or private-use last labels (local, internal, corp, test, ...); ZLint compares with the whole IANA root zone."},
	{.name = "e_sub_ca_aia_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.x: 7.1.2.2(c)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2020, 8, 20),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_aia_missing,
		.description = "Subordinate CA certificate issued before BR 1.7.1 must have an authorityInformationAccess extension (ZLint's reading of 7.1.2.2)."},
	{.name = "w_sub_ca_aia_missing", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.10.3 (v1.7.1 7.1.2.2)", .from = PC_DATE(2020, 8, 20),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_aia_missing,
		.description = "Subordinate CA certificate should have an authorityInformationAccess extension."},
	{.name = "e_sub_ca_aia_marked_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.3 (v1.x 7.1.2.2)", .scope = SCOPE_SUBCA,
		.check = check_sub_ca_aia_marked_critical,
		.description = "Subordinate CA authorityInformationAccess must not be critical."},
	{.name = "w_sub_ca_aia_does_not_contain_issuing_ca_url", .severity = PC_WARN, .source = BR,
		.citation = "BRs v1.x: 7.1.2.2(c)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_aia_no_ca_issuers,
		.description = "Subordinate CA AIA should contain an id-ad-caIssuers http:// URL (BR 1.x)."},

	/* CRL distribution points */
	{.name = "e_crl_distrib_points_not_http", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .check = check_cdp_not_http,
		.description = "Every CRL distribution point URI must use the http scheme (ZLint compares the prefix \"http:\" case-sensitively)."},
	{.name = "e_crlissuer_must_not_be_present_in_cdp", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .check = check_cdp_crl_issuer,
		.description = "A DistributionPoint must carry neither cRLIssuer nor reasons (ZLint checks cRLIssuer only)."},
	{.name = "e_missing_crl_distrib_point", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2", .from = PC_DATE(2024, 3, 15),
		.scope = SCOPE_TLS_SUB, .check = check_missing_cdp,
		.description = "TLS subscriber certificate that is not short-lived (BR 1.6.1: 10 days, 7 from 2026-03-15) and has no OCSP URL must have a CRL distribution point."},
	{.name = "e_sub_cert_crl_distribution_points_does_not_contain_url", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2 (v1.x 7.1.2.3(b))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_cdp_no_http_url,
		.description = "A TLS subscriber cRLDistributionPoints extension must contain an http:// URL."},
	{.name = "e_sub_cert_crl_distribution_points_marked_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2 (v1.x 7.1.2.3(b))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_cdp_critical,
		.description = "A TLS subscriber cRLDistributionPoints extension must not be critical."},
	{.name = "e_sub_ca_crl_distribution_points_does_not_contain_url", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2 (v1.x 7.1.2.2(b))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_cdp_no_http_url,
		.description = "A subordinate CA cRLDistributionPoints extension must contain an http:// URL."},
	{.name = "e_sub_ca_crl_distribution_points_marked_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.11.2 (v1.x 7.1.2.2(b))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_cdp_critical,
		.description = "A subordinate CA cRLDistributionPoints extension must not be critical."},
	{.name = "e_sub_ca_crl_distribution_points_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10 profiles (v1.x 7.1.2.2(b))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_cdp_missing,
		.description = "Subordinate CA certificate must have a cRLDistributionPoints extension."},

	/* certificate policies */
	{.name = "e_invalid_cps_uri", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.9, 7.1.2.10.5", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .check = check_invalid_cps_uri,
		.description = "A CPS URI policy qualifier must be an HTTP or HTTPS URL."},
	{.name = "e_policy_qualifiers_other_than_cps_not_permitted", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.9, 7.1.2.10.5", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .check = check_qualifiers_other_than_cps,
		.description = "Policy qualifiers other than id-qt-cps (such as userNotice) are not permitted in subscriber or CA certificates."},
	{.name = "e_invalid_ca_certificate_policies", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.5", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUBCA, .check = check_invalid_ca_policies,
		.description = "Subordinate CA certificatePolicies: present; either anyPolicy alone, or at least one CA/B Forum reserved OID and no anyPolicy. (ZLint also rejects a lone reserved OID, which 7.1.2.10.5 allows.)"},
	{.name = "e_ca_multiple_reserved_policy_oids", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.5 (Policy Restricted)", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUBCA, .check = check_ca_multiple_reserved,
		.description = "A policy-restricted subordinate CA certificate must carry exactly one CA/B Forum reserved policy OID (cross-certificates, which may carry several, are not told apart)."},
	{.name = "e_sub_ca_certificate_policies_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.5 (v1.x 7.1.2.2(a))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_cp_missing,
		.description = "Subordinate CA certificate must have a certificatePolicies extension."},
	{.name = "w_sub_ca_certificate_policies_marked_critical", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.10.5 (v1.x 7.1.2.2(a))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_cp_critical,
		.description = "Subordinate CA certificatePolicies should not be critical."},
	{.name = "w_sub_cert_certificate_policies_marked_critical", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.7.9 (v1.x 7.1.2.3(a))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_cp_critical,
		.description = "TLS subscriber certificatePolicies should not be critical."},
	{.name = "e_sub_cert_cert_policy_empty", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.6.4, 7.1.2.7.9", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_policy_empty,
		.description = "A TLS subscriber certificate must carry at least one policy identifier: an empty certificatePolicies fails, and, as in ZLint, so does a missing one (also e_sub_cert_certificate_policies_missing)."},
	{.name = "w_root_ca_contains_cert_policy", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.1.2 (v1.x 7.1.2.1(c))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ROOT, .check = check_root_cp,
		.description = "Root CA certificate should not have a certificatePolicies extension."},

	/* EKU */
	{.name = "e_sub_cert_eku_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.10 (v1.x 7.1.2.3(f))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_eku_missing,
		.description = "TLS subscriber certificate must have an extKeyUsage extension."},
	{.name = "e_eku_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.6", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_eku_critical,
		.description = "TLS subscriber extKeyUsage must not be critical."},
	{.name = "e_sub_cert_eku_check", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.10", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUB, .check = check_sub_cert_eku,
		.description = "TLS subscriber extKeyUsage must contain serverAuth, may contain clientAuth, and must not contain anyEKU, codeSigning, emailProtection, timeStamping, OCSPSigning or precertificate signing; any other value is NOT RECOMMENDED and reported as a warning. Judges TLS subscribers and any end entity asserting a CA/B Forum TLS policy OID."},
	{.name = "e_sub_cert_eku_server_auth_client_auth_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.x: 7.1.2.3(f)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_eku_server_client_missing,
		.description = "TLS subscriber extKeyUsage must contain serverAuth or clientAuth (BR 1.x)."},
	{.name = "w_sub_cert_eku_extra_values", .severity = PC_WARN, .source = BR,
		.citation = "BRs v1.x: 7.1.2.3(f)", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_eku_extra_values,
		.description = "TLS subscriber extKeyUsage should contain only serverAuth, clientAuth and emailProtection (BR 1.x)."},
	{.name = "e_ca_invalid_eku", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.10.6 (v1.7.1 7.1.2.2(g))", .from = PC_DATE(2020, 8, 20),
		.scope = SCOPE_SUBCA, .check = check_ca_invalid_eku,
		.description = "Subordinate CA extKeyUsage: anyExtendedKeyUsage only alone; never emailProtection, codeSigning, timeStamping or OCSPSigning."},
	{.name = "n_sub_ca_eku_missing", .severity = PC_NOTICE, .source = BR,
		.citation = "BRs: 7.1.5", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_eku_missing,
		.description = "Subordinate CA certificate without extKeyUsage is not technically constrained."},
	{.name = "n_sub_ca_eku_not_technically_constrained", .severity = PC_NOTICE, .source = BR,
		.citation = "BRs v1.x: 7.1.2.2(g), 7.1.5", .from = PC_DATE(2013, 7, 29),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_eku_not_tc,
		.description = "Subordinate CA extKeyUsage without serverAuth or clientAuth does not technically constrain it for TLS."},
	{.name = "w_sub_ca_eku_critical", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.10.6 (v1.x 7.1.2.2(g))", .from = PC_DATE(2013, 7, 29),
		.scope = SCOPE_SUBCA, .check = check_sub_ca_eku_critical,
		.description = "Subordinate CA extKeyUsage should not be critical."},
	{.name = "e_root_ca_extended_key_usage_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.1.2 (v1.x 7.1.2.1(d))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ROOT, .check = check_root_eku_present,
		.description = "Root CA certificate must not have an extKeyUsage extension."},

	/* keyUsage, basicConstraints, other extensions */
	{.name = "e_sub_cert_key_usage_cert_sign_bit_set", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.11 (v1.x 7.1.2.3(e))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_ku_cert_sign,
		.description = "TLS subscriber keyUsage must not assert keyCertSign."},
	{.name = "e_sub_cert_key_usage_crl_sign_bit_set", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.11 (v1.x 7.1.2.3(e))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_ku_crl_sign,
		.description = "TLS subscriber keyUsage must not assert cRLSign."},
	{.name = "n_ca_digital_signature_not_set", .severity = PC_NOTICE, .source = BR,
		.citation = "BRs: 7.1.2.10.7", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_CA, .check = check_ca_digital_signature,
		.description = "CA keyUsage without digitalSignature: the CA key cannot sign OCSP responses."},
	{.name = "e_cabf_ecc_allowed_key_usages", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.11", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .needs = PC_NEEDS_EC | PC_NEEDS_EXT(PC_X_KU), .check = check_ecc_allowed_ku,
		.description = "TLS subscriber with an ECC key: keyUsage must include digitalSignature and nothing but digitalSignature and keyAgreement. (ZLint reports keyAgreement under this name as a warning; profcheck leaves it to w_cabf_ecc_ku_keyagreement_present, and ZLint also judges CA certificates here.)"},
	{.name = "w_cabf_ecc_ku_keyagreement_present", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.7.11", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .needs = PC_NEEDS_EC | PC_NEEDS_EXT(PC_X_KU), .check = check_ecc_ku_key_agreement,
		.description = "TLS subscriber with an ECC key should not assert keyAgreement."},
	{.name = "e_root_ca_key_usage_present", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.1.2 (v1.x 7.1.2.1(b))", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ROOT, .check = check_root_ku_present,
		.description = "Root CA certificate must have a keyUsage extension."},
	{.name = "e_root_ca_key_usage_must_be_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.1.2 (v1.x 7.1.2.1(b))", .from = PC_DATE(1999, 1, 1),
		.scope = SCOPE_ROOT, .check = check_root_ku_critical,
		.description = "Root CA keyUsage must be critical."},
	{.name = "e_sub_cert_basic_constraints_not_critical", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7.6, 7.1.2.7.8", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_sub_cert_bc_not_critical,
		.description = "When a TLS subscriber certificate has basicConstraints, it must be critical."},
	{.name = "w_root_ca_basic_constraints_path_len_constraint_field_present", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.1.4 (v1.x 7.1.2.1(a))", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ROOT, .check = check_root_pathlen,
		.description = "Root CA basicConstraints should not set pathLenConstraint."},
	{.name = "w_sub_ca_name_constraints_not_critical", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.10.8 (v1.x 7.1.2.2(f))", .from = PC_DATE(2012, 6, 8),
		.scope = SCOPE_SUBCA, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_sub_ca_nc_not_critical,
		.description = "Subordinate CA nameConstraints should be critical (the BRs allow non-critical as an exception to RFC 5280)."},
	{.name = "w_ext_subject_key_identifier_not_recommended_subscriber", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 7.1.2.7.6", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_TLS_SUB, .check = check_ski_subscriber,
		.description = "TLS subscriber certificate should not carry subjectKeyIdentifier (NOT RECOMMENDED since BR 2.0)."},
	{.name = "w_ext_san_critical_with_subject_dn", .severity = PC_WARN, .source = BR,
		.citation = "RFC 5280: 4.2.1.6; BRs: 7.1.2.7.12", .from = PC_DATE(2008, 5, 1),
		.scope = SCOPE_ANY, .check = check_san_critical_with_subject,
		.description = "subjectAltName should not be critical when the subject is not empty (BR 2.0 makes it MUST NOT for subscribers; kept a warning under ZLint's name)."},
	{.name = "e_ext_nc_intersects_reserved_ip", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.5; 7.1.4.2.1", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_EXT(PC_X_NC), .check = check_nc_reserved_ip,
		.description = "A permitted iPAddress name constraint must not overlap an IANA special-purpose (reserved) address range."},

	/* keys */
	{.name = "e_algorithm_identifier_improper_encoding", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.3.1", .from = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .check = check_spki_encoding,
		.description = "subjectPublicKeyInfo AlgorithmIdentifier must be byte-for-byte rsaEncryption with NULL, or id-ecPublicKey with the P-256, P-384 or P-521 named curve."},
	{.name = "e_br_prohibit_dsa_usage", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5 (v1.7.1)", .from = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_prohibited,
		.description = "DSA keys are not allowed since BR 1.7.1 (2020-08-20)."},
	{.name = "e_public_key_type_not_allowed", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_ANY, .check = check_key_type_allowed,
		.description = "The public key must be RSA, DSA or ECDSA."},
	{.name = "e_ec_improper_curves", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .scope = SCOPE_ANY, .needs = PC_NEEDS_EC, .check = check_ec_curves,
		.description = "EC keys must be on P-256, P-384 or P-521."},
	{.name = "e_rsa_public_exponent_not_odd", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.6", .from = PC_DATE(2013, 2, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_exp_not_odd,
		.description = "RSA public exponent must be odd."},
	{.name = "e_rsa_public_exponent_too_small", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.6", .from = PC_DATE(2013, 2, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_exp_too_small,
		.description = "RSA public exponent must be at least 3."},
	{.name = "w_rsa_public_exponent_not_in_range", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.1.6", .from = PC_DATE(2013, 2, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_exp_range,
		.description = "RSA public exponent should be in [2^16+1, 2^256-1]."},
	{.name = "w_rsa_mod_not_odd", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.1.6", .from = PC_DATE(2013, 2, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_mod_not_odd,
		.description = "RSA modulus should be odd."},
	{.name = "w_rsa_mod_factors_smaller_than_752", .severity = PC_WARN, .source = BR,
		.citation = "BRs: 6.1.6", .from = PC_DATE(2013, 2, 21),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_RSA, .check = check_rsa_small_factors,
		.description = "RSA modulus should have no prime factor smaller than 752."},
	{.name = "e_rsa_roca_fingerprint", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.1.3(5) (SC-073); CVE-2017-15361", .from = PC_DATE(2024, 11, 15),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_RSA, .check = check_rsa_roca,
		.description = "Subscriber RSA key must not be a ROCA-vulnerable Infineon RSALib key: a modulus of 512 bits or more that is a power of 65537 modulo every prime up to 167 is rejected (the CA must reject weak keys from 2024-11-15)."},
	{.name = "e_old_root_ca_rsa_mod_less_than_2048_bits", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .scope = SCOPE_ROOT, .needs = PC_NEEDS_RSA, .check = check_old_root_rsa_2048,
		.description = "Root CA certificate valid from before 2011-01-01 must have an RSA modulus of at least 2048 bits."},
	{.name = "e_old_sub_ca_rsa_mod_less_than_1024_bits", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .scope = SCOPE_SUBCA, .needs = PC_NEEDS_RSA, .check = check_old_sub_ca_rsa_1024,
		.description = "Subordinate CA certificate expiring before 2014-01-01 must have an RSA modulus of at least 1024 bits."},
	{.name = "e_old_sub_cert_rsa_mod_less_than_1024_bits", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 6.1.5", .scope = SCOPE_TLS_SUB, .needs = PC_NEEDS_RSA, .check = check_old_sub_cert_rsa_1024,
		.description = "TLS subscriber certificate expiring before 2014-01-01 must have an RSA modulus of at least 1024 bits."},
	{.name = "e_dsa_shorter_than_2048_bits", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.7.0: 6.1.5", .until = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_shorter_than_2048,
		.description = "DSA modulus p must have at least 2048 bits."},
	{.name = "e_dsa_improper_modulus_or_divisor_size", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.7.0: 6.1.5", .scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_sizes,
		.description = "DSA (L, N) must be (2048, 224), (2048, 256) or (3072, 256)."},
	{.name = "e_dsa_params_missing", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.7.0: 6.1.6", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_params_missing,
		.description = "A DSA key must carry its domain parameters p, q and g."},
	{.name = "e_dsa_unique_correct_representation", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.7.0: 6.1.6", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_unique_representation,
		.description = "DSA public value y must be in [2, p-2]."},
	{.name = "e_dsa_correct_order_in_subgroup", .severity = PC_ERROR, .source = BR,
		.citation = "BRs v1.7.0: 6.1.6", .from = PC_DATE(2012, 7, 1), .until = PC_DATE(2020, 8, 20),
		.scope = SCOPE_ANY, .needs = PC_NEEDS_DSA, .check = check_dsa_subgroup,
		.description = "DSA public value y must lie in the order-q subgroup (y^q mod p = 1)."},

	/* signatures, version */
	{.name = "e_signature_algorithm_not_supported", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.3.2 (v1.x 6.1.5)", .scope = SCOPE_ANY, .check = check_signature_algorithm,
		.description = "Signature algorithm must be RSA PKCS#1 v1.5 or ECDSA with SHA-1 (legacy), SHA-256, SHA-384 or SHA-512, RSASSA-PSS, or DSA with SHA-1 or SHA-256."},
	{.name = "e_invalid_certificate_version", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.1", .from = PC_DATE(2015, 4, 16),
		.scope = SCOPE_ANY, .check = check_certificate_version,
		.description = "Certificates must be X.509 version 3."},
	{.name = "w_sub_cert_sha1_expiration_too_long", .severity = PC_WARN, .source = BR,
		.citation = "BRs v1.x: 7.1.3", .from = PC_DATE(2015, 1, 16),
		.scope = SCOPE_TLS_SUB, .check = check_sha1_expiration,
		.description = "A SHA-1 signed TLS subscriber certificate should expire no later than 2017-01-01."},

	/* OCSP responders */
	{.name = "e_ocsp_id_pkix_ocsp_nocheck_ext_not_included_server_auth", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 4.9.9, 7.1.2.8.2", .from = PC_DATE(2012, 7, 1),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_OCSP_EKU, .check = check_ocsp_nocheck,
		.description = "A delegated OCSP responder certificate (EKU with id-kp-OCSPSigning) must carry id-pkix-ocsp-nocheck."},
	{.name = "e_ocsp_cert_cdp_forbidden", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.8.2", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_OCSP_EKU, .check = check_ocsp_cdp,
		.description = "A delegated OCSP responder certificate must not have cRLDistributionPoints."},
	{.name = "e_ocsp_cert_cp_forbidden", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.8.2", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_OCSP_EKU, .check = check_ocsp_cp,
		.description = "A delegated OCSP responder certificate must not have certificatePolicies (ZLint's reading; the BR table says SHOULD NOT)."},
	{.name = "e_ocsp_cert_invalid_ku", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.8.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_SUB, .needs = PC_NEEDS_OCSP_EKU, .check = check_ocsp_ku,
		.description = "A delegated OCSP responder keyUsage may assert only digitalSignature."},

	/* backdating */
	{.name = "e_excessively_backdated", .severity = PC_ERROR, .source = BR,
		.citation = "BRs: 7.1.2.7", .from = PC_DATE(2023, 9, 15),
		.scope = SCOPE_ANY, .check = check_excessively_backdated,
		.description = "notBefore must be within 48 hours of signing; an embedded SCT more than 48 hours after notBefore proves it is not. ZLint names it \"e_excessively backdated\" (with a space); profcheck's name has none, and the conformance suite maps one to the other."},
};

PC_RULE_TABLE_END(cabf_br_profile);
