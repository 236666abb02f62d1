/*
 * unit.c
 *		Unit tests of the profcheck core: DER reader, OIDs, time, decoder,
 *		engine, and the fixture manifest.
 *
 * Usage: unit [SRCDIR]
 *
 * SRCDIR is the source tree (for test/fixtures and src/core/oids.h); it
 * defaults to PC_SRCDIR, which the Makefile defines, else ".".  Every check
 * counts once; the last line of output is "N passed, N failed" and the exit
 * status is non-zero when anything failed.  Failures are printed as they
 * happen, with the test, file and line.
 */
#include "../../src/core/pc.h"
#include "../../src/rules/rules.h"
#include "../../src/rules/tld_data.h"
#include "../../src/core/weakkeys.h"
#include <openssl/bn.h>
#include <openssl/evp.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef PC_SRCDIR
#define PC_SRCDIR "."
#endif

/* ---------------------------------------------------------------- framework */

static int	n_pass;
static int	n_fail;
static const char *cur_test = "";
static const char *srcdir = PC_SRCDIR;

static void check_at(bool ok, const char *file, int line, const char *fmt,...)
			pg_attribute_printf(4, 5);

static void
check_at(bool ok, const char *file, int line, const char *fmt,...)
{
	va_list		ap;

	if (ok)
	{
		n_pass++;
		return;
	}
	n_fail++;
	printf("FAIL [%s] %s:%d: ", cur_test, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define CHECK(cond) check_at((cond), __FILE__, __LINE__, "%s", #cond)
#define CHECKF(cond, ...) check_at((cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_EQ(a, b) \
	do { \
		long long	a_ = (long long) (a), b_ = (long long) (b); \
		check_at(a_ == b_, __FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, a_, b_); \
	} while (0)
#define CHECK_STR(a, b) \
	do { \
		const char *a_ = (a), *b_ = (b); \
		check_at(a_ && b_ && strcmp(a_, b_) == 0, __FILE__, __LINE__, \
				 "%s == %s: \"%s\" != \"%s\"", #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)
#define CHECK_HAS(hay, needle) \
	do { \
		const char *h_ = (hay), *n_ = (needle); \
		check_at(strstr(h_, n_) != NULL, __FILE__, __LINE__, \
				 "%s contains \"%s\": \"%s\"", #hay, n_, h_); \
	} while (0)

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

/* Parse hex with optional spaces; returns the number of octets. */
static size_t
unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t		n = 0;
	int			hi = -1;

	for (const char *s = hex; *s; s++)
	{
		int			v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			continue;
		if (hi < 0)
			hi = v;
		else
		{
			if (n == cap)
			{
				fprintf(stderr, "unhex: buffer too small\n");
				exit(2);
			}
			out[n++] = (uint8_t) (hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}

static pc_span
span_of(const uint8_t *p, size_t n)
{
	return (pc_span) {p, n};
}

/* ---------------------------------------------------------------- DER builder */

/*
 * A growable buffer with nested TLVs: b_begin() opens a TLV, b_end() closes
 * it and inserts a minimal length.  Tests build certificates from pieces so
 * each regression case says only what is special about it.
 */
typedef struct bld
{
	uint8_t    *buf;
	size_t		n;
	size_t		cap;
	size_t		open[64];
	int			depth;
} bld;

static void
b_init(bld *b)
{
	b->cap = 4096;
	b->buf = xmalloc(b->cap);
	b->n = 0;
	b->depth = 0;
}

static void
b_free(bld *b)
{
	free(b->buf);
	b->buf = NULL;
}

static void
b_reserve(bld *b, size_t more)
{
	while (b->n + more > b->cap)
	{
		b->cap *= 2;
		b->buf = realloc(b->buf, b->cap);
		if (b->buf == NULL)
		{
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
	}
}

static void
b_bytes(bld *b, const void *p, size_t n)
{
	b_reserve(b, n);
	if (n)
		memcpy(b->buf + b->n, p, n);
	b->n += n;
}

static void
b_hex(bld *b, const char *hex)
{
	uint8_t		tmp[4096];
	size_t		n = unhex(hex, tmp, sizeof(tmp));

	b_bytes(b, tmp, n);
}

static size_t
len_octets(size_t len, uint8_t *out)
{
	if (len < 0x80)
	{
		out[0] = (uint8_t) len;
		return 1;
	}
	else
	{
		int			k = 0;
		size_t		v = len;

		while (v)
		{
			k++;
			v >>= 8;
		}
		out[0] = (uint8_t) (0x80 | k);
		for (int i = 0; i < k; i++)
			out[1 + i] = (uint8_t) (len >> (8 * (k - 1 - i)));
		return 1 + (size_t) k;
	}
}

static void
b_begin(bld *b, uint8_t tag)
{
	b_bytes(b, &tag, 1);
	b->open[b->depth++] = b->n;
}

static void
b_end(bld *b)
{
	size_t		start = b->open[--b->depth];
	size_t		len = b->n - start;
	uint8_t		hdr[9];
	size_t		h = len_octets(len, hdr);

	b_reserve(b, h);
	memmove(b->buf + start + h, b->buf + start, len);
	memcpy(b->buf + start, hdr, h);
	b->n += h;
}

static void
b_tlv(bld *b, uint8_t tag, const void *p, size_t n)
{
	b_begin(b, tag);
	b_bytes(b, p, n);
	b_end(b);
}

static void
b_str(bld *b, uint8_t tag, const char *s)
{
	b_tlv(b, tag, s, strlen(s));
}

static void
b_oid(bld *b, const char *dotted)
{
	uint8_t		o[64];
	size_t		n = pc_oid_from_text(dotted, o, sizeof(o));

	if (n == 0)
	{
		fprintf(stderr, "bad OID in test: %s\n", dotted);
		exit(2);
	}
	b_tlv(b, PC_T_OID, o, n);
}

/* One attribute in its own RDN. */
static void
b_rdn(bld *b, const char *oid, uint8_t tag, const char *value)
{
	b_begin(b, PC_T_SET);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, oid);
	b_str(b, tag, value);
	b_end(b);
	b_end(b);
}

/* An Extension; crit < 0 leaves the critical field out. */
static void
b_ext_hex(bld *b, const char *oid, int crit, const char *value_hex)
{
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, oid);
	if (crit >= 0)
		b_hex(b, crit ? "01 01 ff" : "01 01 00");
	b_begin(b, PC_T_OCTETSTRING);
	b_hex(b, value_hex);
	b_end(b);
	b_end(b);
}

/*
 * The fields of a v3 TBSCertificate from version to subjectPublicKeyInfo,
 * inside an open SEQUENCE: serial 0x01, sha256WithRSA, issuer CN=Test CA,
 * 2023-01-01 to 2023-03-31 (90 days), subject CN=example.com, an Ed25519
 * key.  The caller adds [3] and closes.
 */
static void
b_tbs_fields_v(bld *b, const char *not_before, const char *not_after, bool version)
{
	uint8_t		key[33] = {0};

	if (version)
		b_hex(b, "a0 03 02 01 02");
	b_hex(b, "02 01 01");
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.2.840.113549.1.1.11");
	b_hex(b, "05 00");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "Test CA");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_str(b, PC_T_UTCTIME, not_before ? not_before : "230101000000Z");
	b_str(b, PC_T_UTCTIME, not_after ? not_after : "230331000000Z");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "example.com");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.3.101.112");
	b_end(b);
	memset(key + 1, 0x11, 32);
	b_tlv(b, PC_T_BITSTRING, key, sizeof(key));
	b_end(b);
}

static void
b_tbs_fields(bld *b, const char *not_before, const char *not_after)
{
	b_tbs_fields_v(b, not_before, not_after, true);
}

static void
b_sig(bld *b)
{
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.2.840.113549.1.1.11");
	b_hex(b, "05 00");
	b_end(b);
	b_hex(b, "03 09 00 22 22 22 22 22 22 22 22");
}

/*
 * A whole certificate whose Extensions SEQUENCE holds 'exts_hex' (a list of
 * Extension TLVs as hex), or no [3] at all when exts_hex is NULL.
 */
static void
b_cert(bld *b, const char *exts_hex)
{
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_tbs_fields(b, NULL, NULL);
	if (exts_hex)
	{
		b_begin(b, PC_CTXC(3));
		b_begin(b, PC_T_SEQUENCE);
		b_hex(b, exts_hex);
		b_end(b);
		b_end(b);
	}
	b_end(b);
	b_sig(b);
	b_end(b);
}

/* ---------------------------------------------------------------- helpers over the core */

static pc_cert *scratch;
static pc_finding *items;
static size_t items_cap;

/* When set, robust() also lints decodable inputs with this issuer. */
static const pc_cert *chain_issuer;
static uint8_t *chain_issuer_der;
static unsigned chain_tick;

/* Is the span inside [buf, buf+len)? */
static bool
span_inside(pc_span s, const uint8_t *buf, size_t len)
{
	if (s.n == 0)
		return true;
	return s.p >= buf && s.p <= buf + len && s.n <= (size_t) (buf + len - s.p);
}

/* Every span the decoder filled lies inside the input. */
static bool
cert_spans_inside(const pc_cert *c, const uint8_t *buf, size_t len, const char **which)
{
#define IN(s) do { if (!span_inside((s), buf, len)) { *which = #s; return false; } } while (0)
	IN(c->tbs);
	IN(c->serial);
	IN(c->tbs_sig_alg);
	IN(c->tbs_sig_oid);
	IN(c->sig_alg);
	IN(c->sig_oid);
	IN(c->sig_value);
	IN(c->issuer.der);
	IN(c->subject.der);
	IN(c->not_before.text);
	IN(c->not_after.text);
	IN(c->spki.all);
	IN(c->spki.alg);
	IN(c->spki.alg_oid);
	IN(c->spki.params);
	IN(c->spki.key);
	IN(c->spki.rsa_n);
	IN(c->spki.rsa_e);
	IN(c->san);
	IN(c->ian);
	IN(c->aki_keyid);
	IN(c->ski);
	IN(c->aia);
	IN(c->crldp);
	for (int i = 0; i < c->issuer.nattr; i++)
	{
		IN(c->issuer.attr[i].oid);
		IN(c->issuer.attr[i].value);
		IN(c->issuer.attr[i].all);
	}
	for (int i = 0; i < c->subject.nattr; i++)
	{
		IN(c->subject.attr[i].oid);
		IN(c->subject.attr[i].value);
		IN(c->subject.attr[i].all);
	}
	for (int i = 0; i < c->next; i++)
	{
		IN(c->ext[i].oid);
		IN(c->ext[i].value);
		IN(c->ext[i].all);
	}
	for (int i = 0; i < c->neku; i++)
		IN(c->eku[i]);
	for (int i = 0; i < c->npolicy; i++)
	{
		IN(c->policy[i].oid);
		IN(c->policy[i].qualifiers);
	}
#undef IN
	*which = NULL;
	return true;
}

/*
 * Decode and lint; returns the report (valid until the next call).  When
 * 'at' is non-zero the rules are judged at that instant.
 */
static pc_report
lint_at(const uint8_t *buf, size_t len, int64_t at)
{
	pc_report	r;
	pc_options	opt = {0};

	if (at)
	{
		opt.at = at;
		opt.at_set = true;
	}
	pc_report_init(&r, items, items_cap);
	pc_lint_der(buf, len, &opt, scratch, &r);
	return r;
}

static pc_report
lint(const uint8_t *buf, size_t len)
{
	return lint_at(buf, len, 0);
}

static const pc_finding *
finding(const pc_report *r, const char *rule)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->items[i].rule->name, rule) == 0)
			return &r->items[i];
	return NULL;
}

/* The offset named in an unparseable finding's detail, or -1. */
static long long
fatal_offset(const pc_report *r)
{
	const pc_finding *f = finding(r, "f_certificate_unparseable");
	const char *p;

	if (f == NULL || (p = strstr(f->detail, "(at byte offset ")) == NULL)
		return -1;
	return strtoll(p + strlen("(at byte offset "), NULL, 10);
}

/*
 * Properties every input must have, whatever its bytes: decoding either
 * fails with an offset inside the input and a message, and linting then
 * yields exactly one fatal finding; or it succeeds with every span inside
 * the input and every finding well-formed.
 */
static bool
robust(const uint8_t *buf, size_t len, char *why, size_t whysize)
{
	pc_error	err;
	pc_report	r;
	const char *which;

	err.msg[0] = '\0';
	err.offset = (size_t) -1;
	if (!pc_decode(buf, len, scratch, &err))
	{
		if (err.offset > len || err.msg[0] == '\0')
		{
			snprintf(why, whysize, "decode error offset %zu (len %zu) msg \"%s\"",
					 err.offset, len, err.msg);
			return false;
		}
		r = lint(buf, len);
		if (r.n != 1 || r.items[0].rule != &pc_rule_unparseable ||
			r.items[0].severity != PC_FATAL || fatal_offset(&r) != (long long) err.offset)
		{
			snprintf(why, whysize, "undecodable input gave %zu findings", r.n);
			return false;
		}
		return true;
	}
	if (!cert_spans_inside(scratch, buf, len, &which))
	{
		snprintf(why, whysize, "span %s outside the input", which);
		return false;
	}
	r = lint_at(buf, len, PC_DATE(2030, 1, 1));
	for (size_t i = 0; i < r.n; i++)
	{
		if (r.items[i].rule == NULL || r.items[i].rule == &pc_rule_unparseable ||
			memchr(r.items[i].detail, '\0', sizeof(r.items[i].detail)) == NULL)
		{
			snprintf(why, whysize, "malformed finding %zu", i);
			return false;
		}
	}
	r = lint(buf, len);

	/* every 4th input: the chain pass verifies a signature, which is slow */
	if (chain_issuer && chain_tick++ % 4 == 0)
	{
		pc_options	opt = {0};

		opt.issuer = chain_issuer;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(buf, len, &opt, scratch, &r);
		for (size_t i = 0; i < r.n; i++)
			if (r.items[i].rule == NULL || memchr(r.items[i].detail, '\0', PC_DETAIL_MAX) == NULL)
			{
				snprintf(why, whysize, "malformed finding %zu with an issuer", i);
				return false;
			}
	}
	return true;
}

/* ---------------------------------------------------------------- files */

static char *
path_join(const char *a, const char *b, const char *c)
{
	size_t		n = strlen(a) + strlen(b) + (c ? strlen(c) : 0) + 3;
	char	   *p = xmalloc(n);

	snprintf(p, n, "%s/%s%s", a, b, c ? c : "");
	return p;
}

static uint8_t *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf;
	size_t		cap = 65536,
				n = 0;

	if (f == NULL)
		return NULL;
	buf = xmalloc(cap + 1);
	for (;;)
	{
		size_t		got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap + 1);
		if (buf == NULL)
			exit(2);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * A file of the source tree (rel from srcdir) as NUL-terminated text, or
 * NULL after a failed check naming it.  Set cur_test first.
 */
static char *
read_source(const char *rel)
{
	char	   *path = path_join(srcdir, rel, NULL);
	size_t		len;
	char	   *text = (char *) read_file(path, &len);

	CHECKF(text != NULL, "cannot read %s", path);
	free(path);
	return text;
}

/*
 * The first CERTIFICATE block of a PEM text, decoded into a fresh buffer
 * with the core's own PEM reader; NULL when there is none or its base64 is
 * broken.
 */
static uint8_t *
pem_to_der(const uint8_t *pem, size_t pemlen, size_t *len)
{
	pc_span		text = {pem, pemlen},
				body;
	uint8_t    *out;
	long		n;

	if (!pc_pem_next(&text, &body))
		return NULL;
	out = xmalloc(body.n ? body.n : 1);
	n = pc_base64_decode(body, out);
	if (n < 0)
	{
		free(out);
		return NULL;
	}
	*len = (size_t) n;
	return out;
}

/*
 * Load fixture 'name': name.pem (decoded) or name.der (raw).  The manifest's
 * malformed_empty has no file (test/fixtures/README.md): it is zero bytes.
 * Returns NULL when there is no such fixture.
 */
static uint8_t *
load_fixture(const char *name, size_t *len)
{
	char	   *dir = path_join(srcdir, "test/fixtures", NULL);
	char	   *pem_path,
			   *der_path;
	uint8_t    *raw,
			   *der = NULL;
	size_t		rawlen;

	pem_path = xmalloc(strlen(dir) + strlen(name) + 8);
	der_path = xmalloc(strlen(dir) + strlen(name) + 8);
	sprintf(pem_path, "%s/%s.pem", dir, name);
	sprintf(der_path, "%s/%s.der", dir, name);
	if ((raw = read_file(pem_path, &rawlen)) != NULL)
	{
		der = pem_to_der(raw, rawlen, len);
		free(raw);
	}
	else if ((raw = read_file(der_path, &rawlen)) != NULL)
	{
		der = raw;
		*len = rawlen;
	}
	else if (strcmp(name, "malformed_empty") == 0)
	{
		der = xmalloc(1);
		*len = 0;
	}
	free(pem_path);
	free(der_path);
	free(dir);
	return der;
}

/*
 * The next fixture file of an open test/fixtures directory: its name
 * (without .pem/.der) into 'name' and its DER, or NULL at the end.  .der
 * files only when with_der.
 */
static uint8_t *
next_fixture(DIR *dir, bool with_der, char *name, size_t namesize, size_t *len)
{
	struct dirent *ent;

	while ((ent = readdir(dir)) != NULL)
	{
		size_t		l = strlen(ent->d_name);
		uint8_t    *der;

		if (l < 5 || l >= namesize ||
			(strcmp(ent->d_name + l - 4, ".pem") != 0 &&
			 !(with_der && strcmp(ent->d_name + l - 4, ".der") == 0)))
			continue;
		memcpy(name, ent->d_name, l - 4);
		name[l - 4] = '\0';
		if ((der = load_fixture(name, len)) != NULL)
			return der;
	}
	return NULL;
}

/* ---------------------------------------------------------------- extension kinds */

/* A certificate whose extensions are the given OIDs (content octets), each valued NULL. */
static void
b_cert_oids(bld *b, const char *const *oids, const size_t *lens, int n)
{
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_tbs_fields(b, NULL, NULL);
	b_begin(b, PC_CTXC(3));
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < n; i++)
	{
		b_begin(b, PC_T_SEQUENCE);
		b_tlv(b, PC_T_OID, oids[i], lens[i]);
		b_begin(b, PC_T_OCTETSTRING);
		b_hex(b, "05 00");
		b_end(b);
		b_end(b);
	}
	b_end(b);
	b_end(b);
	b_end(b);
	b_sig(b);
	b_end(b);
}

/*
 * The decoder files each extension under its kind (a table for the id-ce
 * arc, a list for the rest): every known OID lands in its own slot and no
 * other, an unknown one (also in id-ce, also past octet 63) in none; the same
 * OID twice is a duplicate, known or not, and two different unknown OIDs are
 * not.
 */
static void
test_extension_kinds(void)
{
#define K(lit, x) {lit, sizeof(lit) - 1, x}
	static const struct
	{
		const char *oid;
		size_t		len;
		int			xid;
	}			kinds[] = {
		K(OID_X_AKI, PC_X_AKI), K(OID_X_SKI, PC_X_SKI), K(OID_X_KU, PC_X_KU),
		K(OID_X_CP, PC_X_CP), K(OID_X_PM, PC_X_PM), K(OID_X_SAN, PC_X_SAN),
		K(OID_X_IAN, PC_X_IAN), K(OID_X_SDA, PC_X_SDA), K(OID_X_BC, PC_X_BC),
		K(OID_X_NC, PC_X_NC), K(OID_X_PCONS, PC_X_PCONS), K(OID_X_EKU, PC_X_EKU),
		K(OID_X_CRLDP, PC_X_CRLDP), K(OID_X_IAP, PC_X_IAP), K(OID_X_FRESHEST, PC_X_FRESHEST),
		K(OID_X_AIA, PC_X_AIA), K(OID_X_SIA, PC_X_SIA), K(OID_X_QC, PC_X_QC),
		K(OID_X_TLSF, PC_X_TLSF), K(OID_X_NOCHECK, PC_X_NOCHECK), K(OID_X_POISON, PC_X_POISON),
		K(OID_X_SCT, PC_X_SCT), K(OID_X_ORGID, PC_X_ORGID),
		K("\x55\x1d\x01", -1), K("\x55\x1d\x3f", -1), K("\x55\x1d\x63", -1),
		K("\x55\x1d\x81\x00", -1), K("\x2b\x06\x01\x05\x05\x07\x01\x63", -1),
	};
#undef K
	const size_t nk = sizeof(kinds) / sizeof(kinds[0]);
	int			bad = 0;

	cur_test = "extension kinds";
	CHECK_EQ(nk, PC_X_COUNT + 5);
	for (size_t k = 0; k < nk; k++)
		for (int twice = 0; twice < 3; twice++)
		{
			/* once; twice; then beside the next entry (another OID) */
			const char *oids[2] = {kinds[k].oid, twice == 2 ? kinds[(k + 1) % nk].oid : kinds[k].oid};
			size_t		lens[2] = {kinds[k].len, twice == 2 ? kinds[(k + 1) % nk].len : kinds[k].len};
			bld			b;
			pc_error	err;
			bool		ok;

			b_init(&b);
			b_cert_oids(&b, oids, lens, twice ? 2 : 1);
			ok = pc_decode(b.buf, b.n, scratch, &err);
			b_free(&b);
			if (!ok)
			{
				bad++;
				continue;
			}
			for (int x = 0; x < PC_X_COUNT; x++)
			{
				bool		want = x == kinds[k].xid ||
					(twice == 2 && x == kinds[(k + 1) % nk].xid);

				bad += (scratch->xi[x] != 0) != want;
			}
			bad += scratch->ext_duplicate != (twice == 1);
		}
	CHECKF(bad == 0, "%d wrong extension filings", bad);
}

/* ---------------------------------------------------------------- DER reader */

static void
test_der_lengths(void)
{
	uint8_t		buf[70000];
	size_t		n;
	pc_der		d;
	pc_tlv		t;
	pc_error	e;
	uint32_t	flags;

	cur_test = "der lengths";

	/* short form */
	n = unhex("04 03 61 62 63", buf, sizeof(buf));
	flags = 0;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.id, 0x04);
	CHECK_EQ(t.tagnum, 4);
	CHECK_EQ(t.v.n, 3);
	CHECK(t.v.p == buf + 2);
	CHECK(t.all.p == buf && t.all.n == 5);
	CHECK(!pc_der_more(&d));
	CHECK_EQ(flags, 0);

	/* zero length */
	n = unhex("05 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e) && t.v.n == 0 && t.all.n == 2);

	/* long form, minimal: 81 80 */
	memset(buf, 0, sizeof(buf));
	n = unhex("04 81 80", buf, sizeof(buf)) + 128;
	flags = 0;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.v.n, 128);
	CHECK_EQ(t.all.n, 131);
	CHECK_EQ(flags, 0);

	/* long form where the short form fits: readable, flagged */
	n = unhex("04 81 05 01 02 03 04 05", buf, sizeof(buf));
	flags = 0;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.v.n, 5);
	CHECK(flags & PC_DF_LEN_NONMINIMAL);

	/* long form with a leading zero octet: flagged */
	memset(buf, 0, sizeof(buf));
	n = unhex("04 82 00 85", buf, sizeof(buf)) + 0x85;
	flags = 0;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.v.n, 0x85);
	CHECK(flags & PC_DF_LEN_NONMINIMAL);

	/* two-octet and three-octet lengths, minimal */
	memset(buf, 0, sizeof(buf));
	n = unhex("04 82 01 00", buf, sizeof(buf)) + 256;
	flags = 0;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e) && t.v.n == 256 && flags == 0);
	memset(buf, 0, sizeof(buf));
	n = unhex("04 83 01 00 00", buf, sizeof(buf)) + 65536;
	pc_der_init(&d, span_of(buf, n), buf, &flags);
	CHECK(pc_der_next(&d, &t, &e) && t.v.n == 65536 && flags == 0);

	/* flags pointer may be NULL */
	n = unhex("04 81 01 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(pc_der_next(&d, &t, &e) && t.v.n == 1);

	/* indefinite length: BER, rejected at the length octet */
	n = unhex("30 80 02 01 01 00 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "indefinite");
	CHECK_EQ(e.offset, 1);
	CHECK(d.p == buf);			/* cursor not moved on failure */

	/* length past the end */
	n = unhex("04 05 61 62", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "runs past the end");
	CHECK_EQ(e.offset, 0);

	/* a length claiming 4 GB */
	n = unhex("30 84 ff ff ff ff 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "runs past the end");

	/* a length field of 5..127 octets */
	n = unhex("30 85 01 00 00 00 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "length field too long");
	n = unhex("30 ff 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "length field too long");

	/* the length is checked against the enclosing value, not the buffer */
	n = unhex("30 03 04 05 61 62 63 64 65", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(pc_der_next(&d, &t, &e));
	{
		pc_der		inner;
		pc_tlv		t2;

		pc_der_init(&inner, t.v, buf, NULL);
		CHECK(!pc_der_next(&inner, &t2, &e));
		CHECK_EQ(e.offset, 2);	/* offsets are from the base, not the sub-span */
	}
}

static void
test_der_headers(void)
{
	uint8_t		buf[64];
	size_t		n;
	pc_der		d;
	pc_tlv		t;
	pc_error	e;

	cur_test = "der headers";

	/* empty input, and the empty span {NULL, 0} (was UB: NULL + 0) */
	pc_der_init(&d, PC_SPAN_EMPTY, NULL, NULL);
	CHECK(!pc_der_more(&d));
	CHECK_EQ(pc_der_peek(&d), 0);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "unexpected end of data");
	pc_der_init(&d, span_of(buf, 0), buf, NULL);
	CHECK(!pc_der_next(&d, &t, NULL));	/* err may be NULL */

	/* one octet */
	n = unhex("30", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "truncated TLV header");
	CHECK_EQ(e.offset, 0);

	/* long-form length cut short */
	n = unhex("30 82 01", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "truncated length");
	CHECK_EQ(e.offset, 1);

	/* high tag number, then no length */
	n = unhex("1f 81 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "truncated length");

	/* high tag number cut inside its continuation octets */
	n = unhex("1f 81", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "truncated tag number");
}

static void
test_der_high_tags(void)
{
	uint8_t		buf[64];
	size_t		n;
	pc_der		d;
	pc_tlv		t;
	pc_error	e;

	cur_test = "der high tags";

	/* [31] is the smallest high-form tag */
	n = unhex("9f 1f 01 aa", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.id, 0);
	CHECK_EQ(t.tagnum, 31);
	CHECK_EQ(t.v.n, 1);
	CHECK_EQ(t.v.p[0], 0xaa);

	/* 128 = 81 00 */
	n = unhex("bf 81 00 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(pc_der_next(&d, &t, &e) && t.tagnum == 128 && t.v.n == 0);

	/* four octets: the largest accepted, 2^28 - 1 */
	n = unhex("1f ff ff ff 7f 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(pc_der_next(&d, &t, &e));
	CHECK_EQ(t.tagnum, (1u << 28) - 1);

	/* five octets: too large */
	n = unhex("1f 81 80 80 80 00 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "tag number too large");

	/* a leading 0x80 is not minimal */
	n = unhex("1f 80 20 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "not minimally encoded");

	/* a number below 31 must use the low form */
	n = unhex("1f 1e 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_next(&d, &t, &e));
	CHECK_HAS(e.msg, "not minimally encoded");
	CHECK_EQ(e.offset, 0);

	/* pc_der_expect on a high tag: the identifier is reported as found */
	n = unhex("1f 81 00 00", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK(!pc_der_expect(&d, PC_T_SEQUENCE, &t, &e, "thing"));
	CHECK_HAS(e.msg, "thing: expected SEQUENCE");
	CHECK(d.p == buf);
}

static void
test_der_cursor(void)
{
	uint8_t		buf[64];
	size_t		n;
	pc_der		d;
	pc_tlv		t;
	pc_error	e;

	cur_test = "der cursor";

	n = unhex("02 01 05 30 00 0c 02 68 69", buf, sizeof(buf));
	pc_der_init(&d, span_of(buf, n), buf, NULL);
	CHECK_EQ(pc_der_peek(&d), 0x02);
	CHECK(!pc_der_expect(&d, PC_T_SEQUENCE, &t, &e, "field"));
	CHECK_STR(e.msg, "field: expected SEQUENCE, found INTEGER (0x02)");
	CHECK_EQ(e.offset, 0);
	CHECK(d.p == buf);			/* a wrong tag does not consume */
	CHECK(pc_der_expect(&d, PC_T_INTEGER, &t, &e, "field"));
	CHECK_EQ(t.v.p[0], 5);
	CHECK(pc_der_expect(&d, PC_T_SEQUENCE, &t, &e, "field") && t.v.n == 0);
	CHECK(pc_der_expect(&d, PC_T_UTF8STRING, &t, &e, "field") && t.v.n == 2);
	CHECK(!pc_der_more(&d));
	CHECK(!pc_der_expect(&d, PC_T_NULL, &t, &e, "tail"));
	CHECK_STR(e.msg, "tail: unexpected end of data");
	CHECK_EQ(e.offset, 9);

	CHECK_STR(pc_tag_name(0x30), "SEQUENCE");
	CHECK_STR(pc_tag_name(0xa3), "[3]");
	CHECK_STR(pc_tag_name(0x83), "[3]");
	CHECK_STR(pc_tag_name(0x17), "UTCTime");
	CHECK_STR(pc_tag_name(0x00), "unexpected tag");
	CHECK_STR(pc_tag_name(0xff), "unexpected tag");
	CHECK_STR(pc_tag_name(0x1f), "unexpected tag");
}

/* 10,000 nested SEQUENCEs: the reader never recurses, and decode fails cleanly. */
static void
test_der_deep_nesting(void)
{
	const int	depth = 10000;
	size_t		n = 0;
	size_t		cap = (size_t) depth * 6 + 16;
	uint8_t    *buf = xmalloc(cap);
	size_t		inner = 0;
	pc_error	e;
	pc_report	r;

	cur_test = "der deep nesting";

	/* build from the inside out: each level is 30 <len> around the previous */
	for (int i = 0; i < depth; i++)
	{
		uint8_t		hdr[9];
		size_t		h = len_octets(inner, hdr + 1);

		hdr[0] = 0x30;
		memmove(buf + cap - inner - h - 1, hdr, h + 1);
		inner += h + 1;
	}
	memmove(buf, buf + cap - inner, inner);
	n = inner;
	CHECK(n > (size_t) depth * 2);
	CHECK(!pc_decode(buf, n, scratch, &e));
	CHECK(e.offset <= n);
	r = lint(buf, n);
	CHECK(r.n == 1 && r.items[0].rule == &pc_rule_unparseable);

	/* cut by one octet: every level's length now runs past the end */
	CHECK(!pc_decode(buf, n - 1, scratch, &e));
	CHECK_HAS(e.msg, "runs past the end");
	CHECK_EQ(e.offset, 0);

	/* 10,000 indefinite-length SEQUENCEs */
	for (size_t i = 0; i + 1 < n; i += 2)
	{
		buf[i] = 0x30;
		buf[i + 1] = 0x80;
	}
	CHECK(!pc_decode(buf, n, scratch, &e));
	CHECK_HAS(e.msg, "indefinite length");
	CHECK_EQ(e.offset, 1);
	free(buf);
}

/* ---------------------------------------------------------------- OIDs */

static void
test_oid_text(void)
{
	static const struct
	{
		const char *text;
		const char *hex;
	}			good[] = {
		{"2.5.4.3", "55 04 03"},
		{"1.2.840.113549.1.1.11", "2a 86 48 86 f7 0d 01 01 0b"},
		{"0.9.2342.19200300.100.1.25", "09 92 26 89 93 f2 2c 64 01 19"},
		{"0.0", "00"},
		{"1.39", "4f"},
		{"2.0", "50"},
		{"2.47", "7f"},
		{"2.48", "81 00"},
		{"2.999.3", "88 37 03"},
		{"1.3.6.1.4.1.11129.2.4.3", "2b 06 01 04 01 d6 79 02 04 03"},
		{"2.5.29.37.0", "55 1d 25 00"},
		{"1.2.18446744073709551615", "2a 81 ff ff ff ff ff ff ff ff 7f"},
		{"2.18446744073709551535", "81 ff ff ff ff ff ff ff ff 7f"},
	};
	static const char *const bad_text[] = {
		"", "1", "3.1", "1.40", "0.40", "1.", ".1", "1..2", "01.2", "1.02", "1.2a",
		"1.2.", "a.b", "-1.2", "1.2.18446744073709551616", "2.18446744073709551536",
		"1 .2", "1.2 ", "+1.2",
	};
	static const char *const bad_der[] = {
		"", "80", "2a 86", "2a 80 01", "55 04 80 03", "ff",
	};
	uint8_t		buf[64],
				want[64];
	char		text[128];
	char		many[512];

	cur_test = "oid text";
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		size_t		wn = unhex(good[i].hex, want, sizeof(want));
		size_t		n = pc_oid_from_text(good[i].text, buf, sizeof(buf));

		CHECKF(n == wn && memcmp(buf, want, n) == 0, "pc_oid_from_text(\"%s\")", good[i].text);
		CHECKF(pc_oid_valid(span_of(want, wn)), "pc_oid_valid(%s)", good[i].hex);
		CHECKF(pc_oid_text(span_of(want, wn), text, sizeof(text)) &&
			   strcmp(text, good[i].text) == 0, "pc_oid_text(%s) = \"%s\", want \"%s\"",
			   good[i].hex, text, good[i].text);
	}
	for (size_t i = 0; i < sizeof(bad_text) / sizeof(bad_text[0]); i++)
		CHECKF(pc_oid_from_text(bad_text[i], buf, sizeof(buf)) == 0,
			   "pc_oid_from_text(\"%s\") should fail", bad_text[i]);
	for (size_t i = 0; i < sizeof(bad_der) / sizeof(bad_der[0]); i++)
	{
		size_t		n = unhex(bad_der[i], want, sizeof(want));

		CHECKF(!pc_oid_valid(span_of(n ? want : NULL, n)), "pc_oid_valid(%s) should fail", bad_der[i]);
		CHECKF(!pc_oid_text(span_of(n ? want : NULL, n), text, sizeof(text)) &&
			   strcmp(text, "(malformed OID)") == 0, "pc_oid_text(%s) = \"%s\"", bad_der[i], text);
	}

	/* an arc over 64 bits */
	unhex("2a 82 80 80 80 80 80 80 80 80 00", want, sizeof(want));
	CHECK(!pc_oid_text(span_of(want, 11), text, sizeof(text)));
	CHECK_STR(text, "(OID arc too large)");

	/* output too small: false, and the buffer stays a terminated string */
	unhex("2a 86 48 86 f7 0d 01 01 0b", want, sizeof(want));
	CHECK(!pc_oid_text(span_of(want, 9), text, 8));
	CHECK(strlen(text) < 8);
	CHECK(!pc_oid_text(span_of(want, 9), text, 0));
	CHECK(pc_oid_from_text("1.2.840.113549.1.1.11", buf, 8) == 0);
	CHECK(pc_oid_from_text("1.2.840.113549.1.1.11", buf, 9) == 9);

	/* 64 arcs are accepted, 65 are not */
	strcpy(many, "1.2");
	for (int i = 2; i < 64; i++)
		strcat(many, ".1");
	CHECK_EQ(pc_oid_from_text(many, buf, sizeof(buf)), 63);
	strcat(many, ".1");
	CHECK_EQ(pc_oid_from_text(many, buf, sizeof(buf)), 0);
}

/*
 * Every literal in oids.h: its octets must be what pc_oid_from_text makes
 * of the dotted form in its comment, and pc_oid_text must give that form
 * back.  The header is parsed at test time, so a line added later is
 * checked without touching this file.
 */
static void
test_oids_header(void)
{
	char	   *text;
	int			count = 0;

	cur_test = "oids.h";
	if ((text = read_source("src/core/oids.h")) == NULL)
		return;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
	{
		char		name[64];
		uint8_t		lit[64],
					made[64];
		size_t		nlit = 0,
					nmade;
		char		dotted[128],
					back[128];
		const char *q,
				   *c;
		int			nc;

		if (sscanf(line, "#define %63s \"%n", name, &nc) != 1 || strncmp(name, "OID_", 4) != 0)
			continue;
		q = strchr(line, '"');
		if (q == NULL)
			continue;
		/* the literal: \xNN escapes only, as gen-oids.py writes them */
		for (q++; *q && *q != '"'; q += 4)
		{
			unsigned	v;

			if (q[0] != '\\' || q[1] != 'x' || sscanf(q + 2, "%2x", &v) != 1 || nlit == sizeof(lit))
				break;
			lit[nlit++] = (uint8_t) v;
		}
		c = strstr(line, "/*");
		CHECKF(*q == '"' && c != NULL && sscanf(c, "/* %127s", dotted) == 1,
			   "%s: cannot parse the line", name);
		if (*q != '"' || c == NULL || sscanf(c, "/* %127s", dotted) != 1)
			continue;
		count++;
		nmade = pc_oid_from_text(dotted, made, sizeof(made));
		CHECKF(nmade == nlit && memcmp(made, lit, nlit) == 0,
			   "%s: octets differ from pc_oid_from_text(\"%s\")", name, dotted);
		/* a prefix (OID_POL_SMIME_PREFIX) is still a whole OID */
		CHECKF(pc_oid_valid(span_of(lit, nlit)), "%s: not a valid OID encoding", name);
		CHECKF(pc_oid_text(span_of(lit, nlit), back, sizeof(back)) && strcmp(back, dotted) == 0,
			   "%s: pc_oid_text gives \"%s\", comment says \"%s\"", name, back, dotted);
	}
	CHECKF(count >= 100, "only %d OIDs found in oids.h", count);
	free(text);
}

/* ---------------------------------------------------------------- time */

static int64_t
tparse(uint8_t tag, const char *s, uint8_t *flags)
{
	pc_time		t;
	bool		ok = pc_time_parse(tag, span_of((const uint8_t *) s, strlen(s)), &t);

	if (flags)
		*flags = t.flags;
	if (!ok)
	{
		/* a failure leaves the documented state */
		if (t.flags != PC_TF_INVALID || t.t != 0)
			return -2;
		return -1;
	}
	return t.t;
}

static void
test_time(void)
{
	static const char *const bad_utc[] = {
		"", "230101000", "230001000000Z", "231301000000Z", "230100000000Z",
		"230132000000Z", "230431000000Z", "230229000000Z", "230101240000Z", "230101006000Z",
		"230101000061Z", "2a0101000000Z", "230101000000Zx", "230101000000z", "230101000000+01",
		"230101000000+2400", "230101000000+0060", "230101000000+01000", "230101000000.Z",
		"230101000000.", "23010100000Z", " 30101000000Z", "230101000000 ", "-30101000000Z",
		"230101000000+-100", "2301010000005Z",
	};
	static const char *const bad_gen[] = {
		"", "2023010100", "20230229000000Z", "21000229000000Z", "20231301000000Z",
		"2023010100000Z", "20230101000000.", "20230101000000.Z", "20230101000000,Z",
		"2023+101000000Z", "20230101000000Zz",
	};
	uint8_t		f;
	pc_time		t;

	cur_test = "time";

	/* UTCTime: YY < 50 is 20YY, YY >= 50 is 19YY (RFC 5280 4.1.2.5.1) */
	CHECK_EQ(tparse(PC_T_UTCTIME, "491231235959Z", &f), PC_DATE(2049, 12, 31) + 86399);
	CHECK_EQ(f, 0);
	CHECK_EQ(tparse(PC_T_UTCTIME, "500101000000Z", &f), PC_DATE(1950, 1, 1));
	CHECK_EQ(tparse(PC_T_UTCTIME, "000101000000Z", &f), PC_DATE(2000, 1, 1));
	CHECK_EQ(tparse(PC_T_UTCTIME, "991231235959Z", &f), PC_DATE(1999, 12, 31) + 86399);
	CHECK_EQ(tparse(PC_T_UTCTIME, "700101000000Z", &f), 0);
	CHECK_EQ(tparse(PC_T_UTCTIME, "690101000000Z", &f), PC_DATE(1969, 1, 1));

	/* GeneralizedTime */
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20500101000000Z", &f), PC_DATE(2050, 1, 1));
	CHECK_EQ(f, 0);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "99991231235959Z", &f), 253402300799LL);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "19491231235959Z", &f), PC_DATE(1950, 1, 1) - 1);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "00000101000000Z", &f), PC_DATE(1970, 1, 1) - 719528LL * 86400);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "16000229120000Z", &f), -11670955200LL);

	/* missing seconds: read, flagged */
	CHECK_EQ(tparse(PC_T_UTCTIME, "2301011230Z", &f), PC_DATE(2023, 1, 1) + 12 * 3600 + 30 * 60);
	CHECK_EQ(f, PC_TF_NO_SECONDS);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "202301011230Z", &f), PC_DATE(2023, 1, 1) + 45000);
	CHECK_EQ(f, PC_TF_NO_SECONDS);

	/* fractional seconds: read (fraction dropped), flagged */
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20230101000000.123Z", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_FRACTION);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20230101000000,5Z", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_FRACTION);
	CHECK_EQ(tparse(PC_T_UTCTIME, "230101000000.9Z", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_FRACTION);

	/* offsets: the instant is local time minus the offset */
	CHECK_EQ(tparse(PC_T_UTCTIME, "230101000000+0100", &f), PC_DATE(2023, 1, 1) - 3600);
	CHECK_EQ(f, PC_TF_NOT_ZULU);
	CHECK_EQ(tparse(PC_T_UTCTIME, "230101000000-0130", &f), PC_DATE(2023, 1, 1) + 5400);
	CHECK_EQ(f, PC_TF_NOT_ZULU);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20231231230000-2359", &f),
			 PC_DATE(2024, 1, 1) + 23 * 3600 - 60 + 3600 - 3600 + 0);
	CHECK_EQ(tparse(PC_T_UTCTIME, "2301010000+0000", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_NO_SECONDS | PC_TF_NOT_ZULU);
	/* no zone at all: local time, read as UTC and flagged */
	CHECK_EQ(tparse(PC_T_UTCTIME, "230101000000", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_NOT_ZULU);
	CHECK_EQ(tparse(PC_T_UTCTIME, "2301010000", &f), PC_DATE(2023, 1, 1));
	CHECK_EQ(f, PC_TF_NO_SECONDS | PC_TF_NOT_ZULU);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20230101000000.5+0100", &f), PC_DATE(2023, 1, 1) - 3600);
	CHECK_EQ(f, PC_TF_FRACTION | PC_TF_NOT_ZULU);

	/* Feb 29 */
	CHECK_EQ(tparse(PC_T_UTCTIME, "240229000000Z", &f), PC_DATE(2024, 2, 29));
	CHECK_EQ(tparse(PC_T_UTCTIME, "000229000000Z", &f), PC_DATE(2000, 2, 29));
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "20000229000000Z", &f), PC_DATE(2000, 2, 29));
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "24000229000000Z", &f), PC_DATE(2400, 2, 29));
	CHECK_EQ(PC_DATE(2024, 2, 29) + PC_DAY, PC_DATE(2024, 3, 1));
	CHECK_EQ(PC_DATE(2023, 2, 28) + PC_DAY, PC_DATE(2023, 3, 1));

	/* a leap second is accepted (sec 60) and counts into the next minute */
	CHECK_EQ(tparse(PC_T_UTCTIME, "161231235960Z", &f), PC_DATE(2017, 1, 1));

	/* invalid text */
	for (size_t i = 0; i < sizeof(bad_utc) / sizeof(bad_utc[0]); i++)
		CHECKF(tparse(PC_T_UTCTIME, bad_utc[i], &f) == -1, "UTCTime \"%s\" should be invalid", bad_utc[i]);
	for (size_t i = 0; i < sizeof(bad_gen) / sizeof(bad_gen[0]); i++)
		CHECKF(tparse(PC_T_GENERALIZEDTIME, bad_gen[i], &f) == -1,
			   "GeneralizedTime \"%s\" should be invalid", bad_gen[i]);

	/* a tag that is not a time */
	CHECK_EQ(tparse(PC_T_UTF8STRING, "230101000000Z", &f), -1);
	/* GeneralizedTime text given as UTCTime and the reverse */
	CHECK_EQ(tparse(PC_T_UTCTIME, "20230101000000Z", &f), -1);
	CHECK_EQ(tparse(PC_T_GENERALIZEDTIME, "230101000000Z", &f), -1);

	/* the text span is kept; NULL with length 0 is fine */
	CHECK(!pc_time_parse(PC_T_UTCTIME, PC_SPAN_EMPTY, &t));
	CHECK(t.tag == PC_T_UTCTIME && t.text.n == 0);
}

/* PC_DATE (compile time) and pc_parse_iso_time (run time) must agree. */
static void
test_pc_date(void)
{
	static const char *const bad[] = {
		"", "2023", "2023-01", "2023-1-01", "2023-01-1", "2023/01/01", "2023-00-01",
		"2023-13-01", "2023-01-00", "2023-01-32", "2023-02-29", "2100-02-29",
		"2023-04-31", "2023-01-01T", "2023-01-01T1", "2023-01-01T10", "2023-01-01T10:0",
		"2023-01-01T24:00", "2023-01-01T10:60", "2023-01-01T10:00:60", "2023-01-01T10:00:0",
		"2023-01-01X", "2023-01-01T10:00Zx", "2023-01-01ZZ", "x2023-01-01", "2023-01-01 ",
		"2023-01-01T10:00:00+01:00",
	};
	int64_t		t;
	int			mismatches = 0,
				days = 0;
	int64_t		prev = PC_DATE(1899, 12, 31);
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	cur_test = "PC_DATE";

	/* fixed points */
	CHECK_EQ(PC_DATE(1970, 1, 1), 0);
	CHECK_EQ(PC_DATE(2000, 1, 1), 946684800);
	CHECK_EQ(PC_DATE(2020, 9, 1), 1598918400);
	CHECK_EQ(PC_DATE(2038, 1, 19), 2147472000);
	CHECK_EQ(PC_DATE(1969, 12, 31), -86400);
	CHECK_EQ(PC_DATE(9999, 12, 31), 253402214400LL);

	/* every day from 1900 to 2100, each one day after the last */
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
		{
			int			last = md[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));

			for (int d = 1; d <= last; d++)
			{
				char		s[32];

				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
				if (!pc_parse_iso_time(s, &t) || t != PC_DATE(y, m, d) || t != prev + PC_DAY)
					mismatches++;
				prev = PC_DATE(y, m, d);
				days++;
			}
		}
	CHECKF(mismatches == 0, "%d of %d days differ", mismatches, days);
	CHECK_EQ(days, 73414);

	/* times of day, separators and the optional Z */
	CHECK(pc_parse_iso_time("2020-09-01T00:00:00Z", &t) && t == PC_DATE(2020, 9, 1));
	CHECK(pc_parse_iso_time("2020-09-01T12:34", &t) && t == PC_DATE(2020, 9, 1) + 45240);
	CHECK(pc_parse_iso_time("2020-09-01 12:34:56", &t) && t == PC_DATE(2020, 9, 1) + 45296);
	CHECK(pc_parse_iso_time("2020-09-01Z", &t) && t == PC_DATE(2020, 9, 1));
	CHECK(pc_parse_iso_time("2024-02-29T23:59:59Z", &t) && t == PC_DATE(2024, 3, 1) - 1);
	CHECK(pc_parse_iso_time("0001-01-01", &t) && t == PC_DATE(1, 1, 1));
	CHECK(pc_parse_iso_time("9999-12-31T23:59:59", &t) && t == 253402300799LL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECKF(!pc_parse_iso_time(bad[i], &t), "\"%s\" should be invalid", bad[i]);
}

static void
test_format_time(void)
{
	char		buf[64];
	int			bad = 0;
	uint64_t	x = 88172645463325252ULL;

	cur_test = "pc_format_time";
	pc_format_time(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
	pc_format_time(-1, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-31T23:59:59Z");
	pc_format_time(-86400, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-31T00:00:00Z");
	pc_format_time(-86401, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-30T23:59:59Z");
	pc_format_time(PC_DATE(2024, 2, 29) + 3661, buf, sizeof(buf));
	CHECK_STR(buf, "2024-02-29T01:01:01Z");
	pc_format_time(253402300799LL, buf, sizeof(buf));
	CHECK_STR(buf, "9999-12-31T23:59:59Z");
	pc_format_time(2147483648LL, buf, sizeof(buf));
	CHECK_STR(buf, "2038-01-19T03:14:08Z");
	pc_format_date(PC_DATE(2026, 3, 15), buf, sizeof(buf));
	CHECK_STR(buf, "2026-03-15");
	pc_format_date(PC_DATE(2026, 3, 15) - 1, buf, sizeof(buf));
	CHECK_STR(buf, "2026-03-14");
	pc_format_date(-1, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-31");

	/* extremes must not overflow (regression: -t for INT64_MIN) */
	pc_format_time(INT64_MIN, buf, sizeof(buf));
	CHECK(strlen(buf) > 0);
	pc_format_time(INT64_MAX, buf, sizeof(buf));
	CHECK(strlen(buf) > 0);
	pc_format_date(INT64_MIN, buf, sizeof(buf));
	CHECK(strlen(buf) > 0);
	pc_format_date(INT64_MAX, buf, sizeof(buf));
	CHECK(strlen(buf) > 0);

	/* a small buffer truncates, terminated */
	pc_format_time(0, buf, 5);
	CHECK_STR(buf, "1970");

	/* format then parse gives the instant back, over years 1..9999 */
	for (int i = 0; i < 20000; i++)
	{
		int64_t		t,
					back;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t = PC_DATE(1, 1, 1) + (int64_t) (x % (uint64_t) (253402300800LL - PC_DATE(1, 1, 1)));
		pc_format_time(t, buf, sizeof(buf));
		if (!pc_parse_iso_time(buf, &back) || back != t)
			bad++;
	}
	CHECKF(bad == 0, "%d of 20000 instants do not round-trip", bad);
}

static void
test_validity_days(void)
{
	pc_cert    *c = scratch;
	int64_t		nb = PC_DATE(2021, 6, 1);

	cur_test = "validity days";
	memset(c, 0, sizeof(*c));
	c->not_before.t = nb;

	/* notBefore + N days - 1 s is exactly N days (both ends count) */
	c->not_after.t = nb + 398 * PC_DAY - 1;
	CHECK_EQ(pc_validity_seconds(c), 398 * PC_DAY);
	CHECK_EQ(pc_validity_days(c), 398);
	c->not_after.t = nb + 398 * PC_DAY;
	CHECK_EQ(pc_validity_seconds(c), 398 * PC_DAY + 1);
	CHECK_EQ(pc_validity_days(c), 399);		/* any part of a day counts */
	c->not_after.t = nb;
	CHECK_EQ(pc_validity_seconds(c), 1);
	CHECK_EQ(pc_validity_days(c), 1);
	c->not_after.t = nb - 1;
	CHECK_EQ(pc_validity_seconds(c), 0);
	CHECK_EQ(pc_validity_days(c), 0);
	c->not_after.t = nb - 10 * PC_DAY;
	CHECK_EQ(pc_validity_days(c), 0);
	c->not_after.t = nb + PC_DAY - 1;
	CHECK_EQ(pc_validity_days(c), 1);
	c->not_after.t = nb + PC_DAY;
	CHECK_EQ(pc_validity_days(c), 2);
	/* the extremes the parser can produce */
	c->not_before.t = PC_DATE(0, 1, 1);
	c->not_after.t = 253402300799LL;
	CHECK(pc_validity_days(c) > 3600000);
}

/* ---------------------------------------------------------------- decoder: built inputs */

static void
test_decode_built(void)
{
	bld			b;
	pc_error	e;
	pc_cert    *c = scratch;
	char		why[160];

	cur_test = "decode built";

	/* the minimal certificate without extensions */
	b_init(&b);
	b_cert(&b, NULL);
	CHECKF(pc_decode(b.buf, b.n, c, &e), "decode: %s at %zu", e.msg, e.offset);
	CHECK_EQ(c->version, 2);
	CHECK(!c->is_tbs);
	CHECK(!c->has_extensions);
	CHECK_EQ(c->serial.n, 1);
	CHECK_EQ(c->serial.p[0], 1);
	CHECK_EQ(c->not_before.t, PC_DATE(2023, 1, 1));
	CHECK_EQ(c->not_after.t, PC_DATE(2023, 3, 31));
	CHECK_EQ(c->subject.nattr, 1);
	CHECK_EQ(c->issuer.nattr, 1);
	CHECK(c->subject.attr[0].vtag == PC_T_UTF8STRING && c->subject.attr[0].value.n == 11);
	CHECK_EQ(c->spki.type, PC_KEY_ED25519);
	CHECK(c->spki.key_ok);
	CHECK_EQ(c->sig_value.n, 8);
	CHECK_EQ(c->bc_pathlen, -1);
	CHECK(c->kind & PC_K_SUB);
	CHECK(c->kind & PC_K_TLS);
	CHECK(robust(b.buf, b.n, why, sizeof(why)));

	/* trailing bytes after the certificate: fatal, at the first extra byte */
	b_hex(&b, "00 00 00");
	CHECK(!pc_decode(b.buf, b.n, c, &e));
	CHECK_HAS(e.msg, "3 bytes of trailing data");
	CHECK_EQ(e.offset, b.n - 3);
	b_free(&b);

	/* extensions decoded: BC, KU, EKU, SAN, CP, AKI, SKI */
	b_init(&b);
	b_cert(&b,
		   "30 0f 06 03 55 1d 13 01 01 ff 04 05 30 03 01 01 ff"	/* BC cA, critical */
		   "30 0e 06 03 55 1d 0f 01 01 ff 04 04 03 02 01 06"	/* KU keyCertSign cRLSign */
		   "30 13 06 03 55 1d 25 04 0c 30 0a 06 08 2b 06 01 05 05 07 03 01"	/* EKU serverAuth */
		   "30 1a 06 03 55 1d 11 04 13 30 11 82 0b 65 78 61 6d 70 6c 65 2e 63 6f 6d 87 02 0a 00"
		   "30 12 06 03 55 1d 20 04 0b 30 09 30 07 06 05 67 81 0c 01 01"	/* CP EV */
		   "30 0d 06 03 55 1d 23 04 06 30 04 80 02 aa bb"	/* AKI keyid */
		   "30 0b 06 03 55 1d 0e 04 04 04 02 cc dd");	/* SKI */
	CHECKF(pc_decode(b.buf, b.n, c, &e), "decode: %s at %zu", e.msg, e.offset);
	CHECK_EQ(c->next, 7);
	CHECK(c->has_extensions);
	CHECK(pc_ext_ok(c, PC_X_BC) && c->bc_ca && c->bc_pathlen == -1);
	CHECK(pc_ext_get(c, PC_X_BC)->critical && pc_ext_get(c, PC_X_BC)->critical_encoded);
	CHECK(pc_ext_ok(c, PC_X_KU));
	CHECK_EQ(c->ku, PC_KU_KEY_CERT_SIGN | PC_KU_CRL_SIGN);
	CHECK_EQ(c->eku_mask, PC_EKU_SERVER_AUTH);
	CHECK_EQ(c->neku, 1);
	CHECK(pc_ext_ok(c, PC_X_SAN));
	CHECK_EQ(c->nsan, 2);
	CHECK_EQ(c->san_types, (1u << PC_GN_DNS) | (1u << PC_GN_IP));
	CHECK_EQ(c->npolicy, 1);
	CHECK_EQ(c->policy_mask, PC_POL_EV);
	CHECK(c->aki_has_keyid && c->aki_keyid.n == 2 && c->aki_keyid.p[0] == 0xaa);
	CHECK(!c->aki_has_issuer && !c->aki_has_serial);
	CHECK(c->ski.n == 2 && c->ski.p[0] == 0xcc);
	CHECK(c->kind & PC_K_CA);
	CHECK(c->kind & PC_K_SUBCA);
	CHECK(c->kind & PC_K_EV);
	CHECK(!(c->kind & PC_K_SUB));
	CHECK(!c->ext_duplicate);
	CHECK_EQ(c->der_flags, 0);
	{
		pc_gn_iter	it;
		pc_gn		gn;

		pc_gn_begin(&it, c->san);
		CHECK(pc_gn_next(&it, &gn) && gn.type == PC_GN_DNS && gn.id == 0x82 && gn.v.n == 11);
		CHECK(pc_gn_next(&it, &gn) && gn.type == PC_GN_IP && gn.v.n == 2);
		CHECK(!pc_gn_next(&it, &gn));
		/* an absent SAN iterates as empty (the span is {NULL, 0}) */
		pc_gn_begin(&it, c->ian);
		CHECK(!pc_gn_next(&it, &gn));
	}
	CHECK(robust(b.buf, b.n, why, sizeof(why)));
	b_free(&b);

	/* BC pathLen, KU digitalSignature with a padded BIT STRING, duplicates */
	b_init(&b);
	b_cert(&b,
		   "30 12 06 03 55 1d 13 01 01 ff 04 08 30 06 01 01 ff 02 01 03"
		   "30 0e 06 03 55 1d 0f 01 01 00 04 04 03 02 00 80"	/* critical FALSE written */
		   "30 0c 06 03 55 1d 13 04 05 30 03 01 01 01");	/* duplicate BC, TRUE as 01 */
	CHECKF(pc_decode(b.buf, b.n, c, &e), "decode: %s at %zu", e.msg, e.offset);
	CHECK_EQ(c->bc_pathlen, 3);
	CHECK(c->ku == PC_KU_DIGITAL_SIGNATURE);
	CHECK(pc_ext_get(c, PC_X_KU)->not_der);	/* trailing zero bits */
	CHECK(c->der_flags & PC_DF_BITSTRING_PAD);
	CHECK(c->der_flags & PC_DF_DEFAULT_ENCODED);
	CHECK(c->ext_duplicate);
	CHECK(pc_ext_get(c, PC_X_BC) == &c->ext[0]);	/* the first is the one decoded */
	CHECK_EQ(c->ext[2].xid, PC_X_BC);
	b_free(&b);

	/* an extension that does not decode is bad, the certificate still decodes */
	b_init(&b);
	b_cert(&b,
		   "30 0d 06 03 55 1d 11 04 06 30 04 99 02 61 62"	/* SAN with tag 0x99 */
		   "30 0c 06 03 55 1d 25 04 05 30 03 02 01 01"	/* EKU with an INTEGER */
		   "30 0b 06 03 55 1d 0f 04 04 03 02 08 80");	/* KU unused bits 8 */
	CHECKF(pc_decode(b.buf, b.n, c, &e), "decode: %s at %zu", e.msg, e.offset);
	CHECK(pc_ext_get(c, PC_X_SAN)->bad);
	CHECK_HAS(pc_ext_get(c, PC_X_SAN)->why, "unexpected tag 0x99");
	CHECK_EQ(c->nsan, 0);
	CHECK(c->san.n == 0);
	CHECK(pc_ext_get(c, PC_X_EKU)->bad);
	CHECK_HAS(pc_ext_get(c, PC_X_EKU)->why, "KeyPurposeId");
	CHECK(pc_ext_get(c, PC_X_KU)->bad);
	CHECK(robust(b.buf, b.n, why, sizeof(why)));
	b_free(&b);

	/* the structure names the field and offset that is wrong */
	b_init(&b);
	b_cert(&b, "30 07 06 03 55 1d 13 05 00");	/* NULL where extnValue belongs */
	CHECK(!pc_decode(b.buf, b.n, c, &e));
	CHECK_HAS(e.msg, "extnValue: expected OCTET STRING, found NULL");
	CHECK(e.offset < b.n && b.buf[e.offset] == 0x05);
	b_free(&b);
}

/* The caps on fixed arrays are fatal, not silent truncation. */
static void
test_decode_caps(void)
{
	bld			b;
	pc_error	e;
	char		why[160];

	cur_test = "decode caps";

	/* 65 extensions */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_begin(&b, PC_T_SEQUENCE);
	b_tbs_fields(&b, NULL, NULL);
	b_begin(&b, PC_CTXC(3));
	b_begin(&b, PC_T_SEQUENCE);
	for (int i = 0; i <= PC_MAX_EXTS; i++)
	{
		char		oid[32];

		snprintf(oid, sizeof(oid), "1.2.3.%d", i);
		b_ext_hex(&b, oid, -1, "05 00");
	}
	b_end(&b);
	b_end(&b);
	b_end(&b);
	b_sig(&b);
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "more than 64 extensions");
	CHECK(robust(b.buf, b.n, why, sizeof(why)));
	b_free(&b);

	/* 65 subject attributes */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 03 06 01 00 30 00 30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a"
		  "17 0d 32 33 30 31 30 32 30 30 30 30 30 30 5a");
	b_begin(&b, PC_T_SEQUENCE);
	for (int i = 0; i <= PC_MAX_ATTRS; i++)
		b_rdn(&b, "2.5.4.11", PC_T_UTF8STRING, "x");
	b_end(&b);
	b_hex(&b, "30 08 30 03 06 01 00 03 01 00");
	b_end(&b);
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "subject: more than 64 attributes");
	b_free(&b);

	/* 70,000 empty RDNs: more than a 16-bit RDN index holds (regression) */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 03 06 01 00");
	b_begin(&b, PC_T_SEQUENCE);
	for (int i = 0; i < 70000; i++)
		b_hex(&b, "31 00");
	b_end(&b);
	b_end(&b);
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "issuer: more than 65534 RelativeDistinguishedNames");
	CHECK(robust(b.buf, b.n, why, sizeof(why)));
	b_free(&b);

	/* 1,000 empty RDNs are fine, and noted (a bare TBS) */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 03 06 01 00");
	b_begin(&b, PC_T_SEQUENCE);
	for (int i = 0; i < 1000; i++)
		b_hex(&b, "31 00");
	b_end(&b);
	b_hex(&b, "30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a"
		  "17 0d 32 33 30 31 30 32 30 30 30 30 30 30 5a 30 00 30 08 30 03 06 01 00 03 01 00");
	b_end(&b);
	CHECKF(pc_decode(b.buf, b.n, scratch, &e), "%s", e.msg);
	CHECK_EQ(scratch->issuer.nrdn, 1000);
	CHECK(scratch->issuer.empty_rdn);
	CHECK(scratch->is_tbs);
	b_free(&b);
}

/*
 * Inputs that crashed or read uninitialised memory before the fixes in
 * cert.c, der.c and time.c (test/fuzz/FINDINGS.md).  Each must now fail or
 * decode cleanly.
 */
static void
test_regressions(void)
{
	static const struct
	{
		const char *what;
		const char *ext_hex;	/* extensions content; NULL = see below */
		bool		decodes;
		const char *msg;		/* expected error or 'why' substring */
	}			cases[] = {
		/* basicConstraints 30 01 01: BOOLEAN tag with no length octet */
		{"BC cA header truncated", "30 0b 06 03 55 1d 13 04 04 30 02 01 01", true, "cA:"},
		/* basicConstraints 30 01 02: INTEGER tag with no length octet */
		{"BC pathLen header truncated", "30 0b 06 03 55 1d 13 04 04 30 02 02 01", true, "pathLenConstraint:"},
		{"BC cA then pathLen header truncated", "30 0e 06 03 55 1d 13 04 07 30 05 01 01 ff 02 05", true, "pathLenConstraint:"},
		/* Extension SEQUENCE { OID, 01 }: critical tag with no length */
		{"critical header truncated", "30 06 06 03 55 1d 13 01", false, "critical: truncated TLV header"},
		{"critical length past the end", "30 07 06 03 55 1d 13 01 05", false, "critical: length 5 runs past"},
	};
	bld			b;
	pc_error	e;
	char		why[160];
	uint8_t		buf[256];
	size_t		n;

	cur_test = "regressions";
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		bool		ok;

		b_init(&b);
		b_cert(&b, cases[i].ext_hex);
		ok = pc_decode(b.buf, b.n, scratch, &e);
		CHECKF(ok == cases[i].decodes, "%s: decode %s (%s)", cases[i].what, ok ? "succeeded" : "failed",
			   ok ? "" : e.msg);
		if (ok && cases[i].decodes)
		{
			const pc_ext *x = &scratch->ext[0];

			CHECKF(x->bad && strstr(x->why, cases[i].msg), "%s: why \"%s\"", cases[i].what, x->why);
		}
		else if (!ok)
			CHECKF(strstr(e.msg, cases[i].msg) != NULL && e.offset < b.n,
				   "%s: \"%s\" at %zu", cases[i].what, e.msg, e.offset);
		CHECKF(robust(b.buf, b.n, why, sizeof(why)), "%s: %s", cases[i].what, why);
		b_free(&b);
	}

	/* TBS beginning with [0] whose header is cut: version TLV truncated */
	n = unhex("30 13 30 01 a0 30 0b 06 09 2a 86 48 86 f7 0d 01 01 0b 03 01 00", buf, sizeof(buf));
	CHECK(!pc_decode(buf, n, scratch, &e));
	CHECK_HAS(e.msg, "version: truncated TLV header");
	CHECK_EQ(e.offset, 4);
	CHECK(robust(buf, n, why, sizeof(why)));

	/* issuerUniqueID / subjectUniqueID headers cut */
	{
		const char *uid[] = {"81", "a1", "82", "a2", "81 05", "81 01 00 82"};

		for (size_t i = 0; i < sizeof(uid) / sizeof(uid[0]); i++)
		{
			b_init(&b);
			b_begin(&b, PC_T_SEQUENCE);
			b_begin(&b, PC_T_SEQUENCE);
			b_tbs_fields(&b, NULL, NULL);
			b_hex(&b, uid[i]);
			b_end(&b);
			b_sig(&b);
			b_end(&b);
			CHECKF(!pc_decode(b.buf, b.n, scratch, &e) && strstr(e.msg, "UniqueID"),
				   "unique ID \"%s\": \"%s\"", uid[i], e.msg);
			CHECK(robust(b.buf, b.n, why, sizeof(why)));
			b_free(&b);
		}
	}

	/* an EC key without parameters: pc_der_init over {NULL, 0} (was UB) */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 03 06 01 00 30 00 30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 "
		  "30 30 5a 17 0d 32 33 30 31 30 32 30 30 30 30 30 30 5a 30 00");
	b_hex(&b, "30 0e 30 09 06 07 2a 86 48 ce 3d 02 01 03 01 00");
	b_end(&b);
	CHECKF(pc_decode(b.buf, b.n, scratch, &e), "%s at %zu", e.msg, e.offset);
	CHECK_EQ(scratch->spki.type, PC_KEY_EC);
	CHECK_EQ(scratch->spki.curve, PC_CURVE_OTHER);
	CHECK(robust(b.buf, b.n, why, sizeof(why)));
	b_free(&b);

	/*
	 * Structural OBJECT IDENTIFIERs must be valid encodings; those inside
	 * extensions make only the extension bad.
	 */
	{
		static const struct
		{
			const char *exts;
			const char *msg;
		}			bad_oid[] = {
			{"30 06 06 00 04 02 05 00", "extnID: malformed OBJECT IDENTIFIER"},
			{"30 09 06 03 55 80 1d 04 02 05 00", "extnID: malformed OBJECT IDENTIFIER"},
			{"30 08 06 02 55 9d 04 02 05 00", "extnID: malformed OBJECT IDENTIFIER"},
		};

		for (size_t i = 0; i < sizeof(bad_oid) / sizeof(bad_oid[0]); i++)
		{
			b_init(&b);
			b_cert(&b, bad_oid[i].exts);
			CHECKF(!pc_decode(b.buf, b.n, scratch, &e) && strstr(e.msg, bad_oid[i].msg) &&
				   b.buf[e.offset] == PC_T_OID, "bad extnID %zu: \"%s\" at %zu", i, e.msg, e.offset);
			b_free(&b);
		}
	}
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 03 06 01 00 30 0a 31 08 30 06 06 01 80 0c 01 78");
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "issuer: attribute type: malformed OBJECT IDENTIFIER");
	b_free(&b);
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 02 06 00");
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "signature: malformed OBJECT IDENTIFIER");
	b_free(&b);
	b_init(&b);
	b_cert(&b, "30 0e 06 03 55 1d 25 04 07 30 05 06 03 2b 80 01"	/* EKU 1.3.(0x80 0x01) */
		   "30 10 06 03 55 1d 20 04 09 30 07 30 05 06 03 2b 80 01");
	CHECKF(pc_decode(b.buf, b.n, scratch, &e), "%s", e.msg);
	CHECK(pc_ext_get(scratch, PC_X_EKU)->bad);
	CHECK_HAS(pc_ext_get(scratch, PC_X_EKU)->why, "KeyPurposeId is not a valid");
	CHECK(pc_ext_get(scratch, PC_X_CP)->bad);
	CHECK_HAS(pc_ext_get(scratch, PC_X_CP)->why, "policyIdentifier is not a valid");
	b_free(&b);
	b_init(&b);
	b_cert(&b, "30 0c 06 03 55 1d 11 04 05 30 03 88 01 80");	/* registeredID 80 */
	CHECK(pc_decode(b.buf, b.n, scratch, &e) && pc_ext_get(scratch, PC_X_SAN)->bad);
	b_free(&b);

	/* AlgorithmIdentifier with a field after the parameters */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_hex(&b, "02 01 01 30 07 06 01 00 05 00 05 00");
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_STR(e.msg, "signature: data after parameters");
	CHECK_EQ(e.offset, 12);
	b_free(&b);

	/* signatureValue BIT STRING with more than 7 unused bits, or bits unused of none */
	{
		const char *sigs[] = {"03 02 08 00", "03 01 01", "03 02 ff 00"};

		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		{
			b_init(&b);
			b_begin(&b, PC_T_SEQUENCE);
			b_begin(&b, PC_T_SEQUENCE);
			b_tbs_fields(&b, NULL, NULL);
			b_end(&b);
			b_hex(&b, "30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
			b_hex(&b, sigs[i]);
			b_end(&b);
			CHECKF(!pc_decode(b.buf, b.n, scratch, &e) && strstr(e.msg, "signatureValue: BIT STRING with"),
				   "signature %s: %s", sigs[i], e.msg);
			b_free(&b);
		}
		b_init(&b);
		b_cert(&b, NULL);		/* 03 09 00 ...: zero unused bits is fine */
		CHECK(pc_decode(b.buf, b.n, scratch, &e));
		b_free(&b);
	}

	/* a time with control octets is quoted printably in the error */
	b_init(&b);
	b_begin(&b, PC_T_SEQUENCE);
	b_begin(&b, PC_T_SEQUENCE);
	b_tbs_fields(&b, "23\x01\xff" "01000000Z", NULL);
	b_end(&b);
	b_sig(&b);
	b_end(&b);
	CHECK(!pc_decode(b.buf, b.n, scratch, &e));
	CHECK_HAS(e.msg, "notBefore: \"23??01000000Z\" is not a valid time");
	b_free(&b);

	/* a time that is not a time's TLV, or not a whole TLV, says which and where */
	b_init(&b);
	b_cert(&b, NULL);
	{
		static const uint8_t nb[] = "\x17\x0d" "230101000000Z";
		size_t		at = 0;

		while (at + sizeof(nb) - 1 <= b.n && memcmp(b.buf + at, nb, sizeof(nb) - 1) != 0)
			at++;
		CHECK(at + sizeof(nb) - 1 <= b.n);
		b.buf[at + 15] = PC_T_OCTETSTRING;
		CHECK(!pc_decode(b.buf, b.n, scratch, &e));
		CHECK_HAS(e.msg, "notAfter: expected UTCTime or GeneralizedTime, found OCTET STRING");
		CHECK(e.offset == at + 15);
		b.buf[at + 15] = PC_T_UTCTIME;
		b.buf[at + 1] = 0x30;
		CHECK(!pc_decode(b.buf, b.n, scratch, &e));
		CHECK_HAS(e.msg, "notBefore: length 48 runs past the end of the enclosing value");
		CHECK(e.offset == at);
	}
	b_free(&b);
}

/* ---------------------------------------------------------------- fixtures */

typedef struct manifest_row
{
	char	   *name;
	char	   *fires;			/* comma-separated, or "-" */
	char	   *note;
} manifest_row;

static manifest_row *rows;
static int	nrows;

static void
load_manifest(void)
{
	char	   *text;
	char	   *save = NULL;
	int			cap = 0;

	cur_test = "manifest";
	if ((text = read_source("test/fixtures/MANIFEST.tsv")) == NULL)
		return;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
	{
		char	   *tab1 = strchr(line, '\t'),
				   *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		size_t		l = strlen(line);

		if (l && line[l - 1] == '\r')
			line[l - 1] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (tab1 == NULL)
		{
			CHECKF(false, "manifest line without a tab: \"%s\"", line);
			continue;
		}
		*tab1 = '\0';
		if (tab2)
			*tab2 = '\0';
		if (strcmp(line, "name") == 0)
			continue;			/* header */
		if (nrows == cap)
		{
			cap = cap ? cap * 2 : 64;
			rows = realloc(rows, sizeof(*rows) * (size_t) cap);
		}
		rows[nrows].name = line;
		rows[nrows].fires = tab1 + 1;
		rows[nrows].note = tab2 ? tab2 + 1 : "";
		nrows++;
	}
	/* 'text' stays allocated: rows point into it */
}

static bool
list_has(const char *list, const char *name)
{
	size_t		n = strlen(name);

	for (const char *p = list; *p;)
	{
		const char *comma = strchr(p, ',');
		size_t		l = comma ? (size_t) (comma - p) : strlen(p);

		if (l == n && strncmp(p, name, n) == 0)
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

/*
 * For every manifest row: among all rules the manifest names anywhere,
 * exactly the listed ones fire.  Each mismatch is printed with the fixture,
 * the rule and the finding's detail (or the note, when it did not fire).
 */
static void
test_manifest(void)
{
	char	  **universe = NULL;
	int			nuniverse = 0;

	cur_test = "manifest";
	CHECKF(nrows > 0, "the manifest has no rows");
	for (int i = 0; i < nrows; i++)
	{
		char	   *copy = strdup(rows[i].fires);
		char	   *save = NULL;

		if (strcmp(rows[i].fires, "-") != 0)
			for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save))
			{
				bool		seen = false;

				for (int k = 0; k < nuniverse; k++)
					seen |= strcmp(universe[k], r) == 0;
				if (!seen)
				{
					universe = realloc(universe, sizeof(char *) * (size_t) (nuniverse + 1));
					universe[nuniverse++] = strdup(r);
					CHECKF(pc_rule_find(r) != NULL, "manifest names unknown rule %s", r);
				}
			}
		free(copy);
	}

	for (int i = 0; i < nrows; i++)
	{
		size_t		len;
		uint8_t    *der = load_fixture(rows[i].name, &len);
		pc_report	r;

		CHECKF(der != NULL, "%s: no %s.pem or %s.der", rows[i].name, rows[i].name, rows[i].name);
		if (der == NULL)
			continue;
		r = lint(der, len);
		for (int k = 0; k < nuniverse; k++)
		{
			const pc_finding *f = finding(&r, universe[k]);
			bool		want = list_has(rows[i].fires, universe[k]);

			if (want && !f)
				CHECKF(false, "%s: %s did not fire (%s)", rows[i].name, universe[k], rows[i].note);
			else if (!want && f)
				CHECKF(false, "%s: %s fired unexpectedly: %s", rows[i].name, universe[k], f->detail);
			else
				CHECK(true);
		}
		free(der);
	}
	for (int k = 0; k < nuniverse; k++)
		free(universe[k]);
	free(universe);
}

/* Malformed fixtures: fatal, with an offset inside the input and a reason. */
static void
test_malformed_fixtures(void)
{
	static const struct
	{
		const char *name;
		const char *msg;
	}			expect[] = {
		{"malformed_indefinite_length", "indefinite length"},
		{"malformed_trailing_garbage", "trailing data after the certificate"},
		{"malformed_truncated", "runs past the end"},
		{"malformed_length_overflow", ""},
		{"malformed_random", ""},
		{"malformed_empty", "empty input"},
	};
	int			seen = 0;

	cur_test = "malformed fixtures";
	for (int i = 0; i < nrows; i++)
	{
		size_t		len;
		uint8_t    *der;
		pc_error	e;
		pc_report	r;
		long long	off;

		if (strncmp(rows[i].name, "malformed_", 10) != 0)
			continue;
		seen++;
		der = load_fixture(rows[i].name, &len);
		if (der == NULL)
			continue;			/* reported by test_manifest */
		e.msg[0] = '\0';
		CHECKF(!pc_decode(der, len, scratch, &e), "%s decodes", rows[i].name);
		CHECKF(e.offset <= len && (len == 0 || e.offset < len || strstr(e.msg, "end")),
			   "%s: offset %zu of %zu (%s)", rows[i].name, e.offset, len, e.msg);
		CHECKF(e.msg[0] != '\0', "%s: no message", rows[i].name);
		r = lint(der, len);
		off = fatal_offset(&r);
		CHECKF(r.n == 1 && r.items[0].rule == &pc_rule_unparseable && off == (long long) e.offset,
			   "%s: %zu findings, offset %lld", rows[i].name, r.n, off);
		for (size_t k = 0; k < sizeof(expect) / sizeof(expect[0]); k++)
			if (strcmp(expect[k].name, rows[i].name) == 0)
				CHECKF(strstr(e.msg, expect[k].msg) != NULL, "%s: \"%s\" lacks \"%s\"",
					   rows[i].name, e.msg, expect[k].msg);
		printf("  %-32s fatal at %zu/%zu: %s\n", rows[i].name, e.offset, len, e.msg);
		free(der);
	}
	CHECKF(seen >= 5, "only %d malformed fixtures in the manifest", seen);
}

/*
 * Decoded fields of real certificates against what `openssl x509` says:
 *
 *   openssl x509 -in F -noout -serial -startdate -enddate -ext subjectAltName
 *   openssl x509 -in F -noout -subject -nameopt RFC2253 -text
 *
 * Dates are converted to epoch seconds with `date -u -d ... +%s`; the
 * extension count is the number of extensions `-text` lists.  When
 * test/gen-fixtures.py changes a fixture, take the values again the same way.
 */
typedef struct known_cert
{
	const char *name;
	const char *serial_hex;		/* as `openssl x509 -serial` prints it */
	int64_t		not_before;
	int64_t		not_after;
	pc_keytype	key;
	unsigned	bits;
	int			nsan;			/* -1: no SAN extension */
	const char *first_dns;		/* first dNSName, or NULL */
	int			next;			/* number of extensions */
	const char *cn;				/* subject commonName, or NULL */
	uint32_t	kind_has;		/* PC_K_* bits that must be set */
	uint32_t	kind_not;		/* PC_K_* bits that must not be */
} known_cert;

static const known_cert known_certs[] = {
	{"good_dv_2021", "5093B384C77AF17AA272B3E0AB4D0DCD", 1622505600, 1656806399, PC_KEY_RSA, 2048,
		2, "www.good-dv-2021.example.com", 8, "good-dv-2021.example.com",
		PC_K_SUB | PC_K_TLS | PC_K_DV, PC_K_CA | PC_K_PRECERT},
	{"good_ecdsa_p256_2021", "7048817D994084843D2105618104A3B6", 1622505600, 1656806399, PC_KEY_EC, 256,
		2, "good-ecdsa-p256-2021.example.com", 8, "good-ecdsa-p256-2021.example.com",
		PC_K_SUB | PC_K_TLS, PC_K_CA},
	{"good_ecdsa_p384_2021", "4DCE60FEB19BCF47BEA045FBEBD06A6C", 1622505600, 1656806399, PC_KEY_EC, 384,
		2, "www.good-ecdsa-p384-2021.example.com", 8, "good-ecdsa-p384-2021.example.com",
		PC_K_SUB | PC_K_TLS, PC_K_CA},
	{"good_root", "553A56295A2ACC82340F49DB03424C1D", 1420070400, 2208988800, PC_KEY_RSA, 4096,
		-1, NULL, 3, "profcheck Test Root R1", PC_K_CA | PC_K_ROOT, PC_K_SUB | PC_K_SUBCA},
	{"good_tls_ca", "60913557EF750C986E73328AD3D5D45D", 1451606400, 2082758400, PC_KEY_RSA, 2048,
		-1, NULL, 8, "profcheck Test TLS CA 1", PC_K_CA | PC_K_SUBCA, PC_K_SUB | PC_K_ROOT},
	{"bad_san_missing_2022", "4A31C10A8AB1160128D77515AC8DAC0C", 1654041600, 1688342399, PC_KEY_RSA, 2048,
		-1, NULL, 7, "bad-san-missing-2022.example.com", PC_K_SUB | PC_K_TLS, PC_K_CA},
	{"good_precert_2021", "765A64ACF1BB22F31B057268394B3A4F", 1622505600, 1656806399, PC_KEY_RSA, 2048,
		2, "good-ct-2021.example.com", 9, "good-ct-2021.example.com",
		PC_K_SUB | PC_K_TLS | PC_K_PRECERT, PC_K_CA},
	{"bad_rsa_1024_2021", "6D0E57D4C70CC67E420D9A895BA7C7DB", 1622505600, 1656806399, PC_KEY_RSA, 1024,
		2, "bad-rsa-1024-2021.example.com", 8, "bad-rsa-1024-2021.example.com", PC_K_SUB, PC_K_CA},
};

static void
serial_hex(pc_span s, char *buf, size_t size)
{
	size_t		i = 0,
				used = 0;

	/* openssl prints the magnitude without the sign octet */
	if (s.n > 1 && s.p[0] == 0)
		i = 1;
	buf[0] = '\0';
	for (; i < s.n && used + 3 < size; i++)
		used += (size_t) snprintf(buf + used, size - used, "%02X", s.p[i]);
}

static void
test_known_certs(void)
{
	cur_test = "openssl fields";
	for (size_t i = 0; i < sizeof(known_certs) / sizeof(known_certs[0]); i++)
	{
		const known_cert *k = &known_certs[i];
		size_t		len;
		uint8_t    *der = load_fixture(k->name, &len);
		pc_error	e;
		pc_cert    *c = scratch;
		char		hex[128];

		CHECKF(der != NULL, "missing fixture %s", k->name);
		if (der == NULL)
			continue;
		if (!pc_decode(der, len, c, &e))
		{
			CHECKF(false, "%s: %s at %zu", k->name, e.msg, e.offset);
			free(der);
			continue;
		}
		serial_hex(c->serial, hex, sizeof(hex));
		CHECKF(strcmp(hex, k->serial_hex) == 0, "%s: serial %s, openssl %s", k->name, hex, k->serial_hex);
		CHECKF(c->not_before.t == k->not_before, "%s: notBefore %lld, openssl %lld",
			   k->name, (long long) c->not_before.t, (long long) k->not_before);
		CHECKF(c->not_after.t == k->not_after, "%s: notAfter %lld, openssl %lld",
			   k->name, (long long) c->not_after.t, (long long) k->not_after);
		CHECKF(c->spki.type == k->key && c->spki.bits == k->bits && c->spki.key_ok,
			   "%s: key type %d bits %u ok %d", k->name, c->spki.type, c->spki.bits, c->spki.key_ok);
		CHECKF(c->next == k->next, "%s: %d extensions, openssl %d", k->name, c->next, k->next);
		if (k->nsan < 0)
			CHECKF(c->xi[PC_X_SAN] == 0, "%s: has a SAN", k->name);
		else
			CHECKF(pc_ext_ok(c, PC_X_SAN) && (int) c->nsan == k->nsan, "%s: %u SAN entries, openssl %d",
				   k->name, c->nsan, k->nsan);
		if (k->first_dns)
		{
			pc_gn_iter	it;
			pc_gn		gn;
			bool		found = false;

			pc_gn_begin(&it, c->san);
			while (!found && pc_gn_next(&it, &gn))
				found = gn.type == PC_GN_DNS && gn.v.n == strlen(k->first_dns) &&
					memcmp(gn.v.p, k->first_dns, gn.v.n) == 0;
			CHECKF(found, "%s: no dNSName %s", k->name, k->first_dns);
		}
		if (k->cn)
		{
			const pc_attr *a = PC_NAME_FIND(&c->subject, "\x55\x04\x03");

			CHECKF(a && a->value.n == strlen(k->cn) && memcmp(a->value.p, k->cn, a->value.n) == 0,
				   "%s: CN differs from %s", k->name, k->cn);
		}
		CHECKF((c->kind & k->kind_has) == k->kind_has && !(c->kind & k->kind_not),
			   "%s: kind 0x%x", k->name, c->kind);
		free(der);
	}
}

/* A bare TBSCertificate decodes to the same fields, without a signature. */
static void
test_bare_tbs(void)
{
	size_t		len,
				tlen;
	uint8_t    *der = load_fixture("good_dv_2021", &len);
	uint8_t    *tbs_file = load_fixture("tbs_dv_2021", &tlen);
	pc_cert    *full = xmalloc(sizeof(pc_cert));
	pc_error	e;
	pc_report	r;
	uint8_t    *tbs;
	size_t		n;
	size_t		sig_rules = 0;

	cur_test = "bare tbs";
	CHECK(der != NULL);
	if (der == NULL)
	{
		free(full);
		free(tbs_file);
		return;
	}
	CHECK(pc_decode(der, len, full, &e));
	n = full->tbs.n;
	tbs = xmalloc(n);
	memcpy(tbs, full->tbs.p, n);

	CHECKF(pc_decode(tbs, n, scratch, &e), "%s at %zu", e.msg, e.offset);
	CHECK(scratch->is_tbs);
	CHECK(scratch->kind & PC_K_TBS);
	CHECK_EQ(scratch->kind & ~PC_K_TBS, full->kind);
	CHECK(pc_span_eq(scratch->serial, full->serial));
	CHECK(pc_span_eq(scratch->issuer.der, full->issuer.der));
	CHECK(pc_span_eq(scratch->subject.der, full->subject.der));
	CHECK(pc_span_eq(scratch->spki.all, full->spki.all));
	CHECK_EQ(scratch->not_before.t, full->not_before.t);
	CHECK_EQ(scratch->not_after.t, full->not_after.t);
	CHECK_EQ(scratch->next, full->next);
	CHECK_EQ(scratch->nsan, full->nsan);
	CHECK(scratch->sig_alg.n == 0 && scratch->sig_value.n == 0);
	CHECK(scratch->tbs.p == tbs && scratch->tbs.n == n);

	/* the committed bare TBS fixture is these very bytes */
	CHECK(tbs_file != NULL && tlen == n && memcmp(tbs_file, tbs, n) == 0);

	/* rules that need the signature are skipped for a TBS */
	for (size_t i = 0; i < pc_rule_count(); i++)
	{
		const pc_rule *rule = pc_rule_at(i);

		if (rule->flags & PC_RF_NEEDS_SIGNATURE)
		{
			sig_rules++;
			CHECKF(!pc_rule_applies(rule, scratch), "%s applies to a bare TBS", rule->name);
		}
	}
	/*
	 * The TBS draws the same findings as the certificate, less the rules
	 * that need a signature.
	 */
	{
		pc_finding *full_items = xmalloc(items_cap * sizeof(pc_finding));
		pc_report	fr;
		pc_cert    *fc = xmalloc(sizeof(pc_cert));

		pc_report_init(&fr, full_items, items_cap);
		pc_lint_der(der, len, NULL, fc, &fr);
		r = lint(tbs, n);
		for (size_t i = 0; i < fr.n; i++)
			if (!(fr.items[i].rule->flags & PC_RF_NEEDS_SIGNATURE))
				CHECKF(finding(&r, fr.items[i].rule->name) != NULL,
					   "%s fires on the certificate but not on its TBS", fr.items[i].rule->name);
		for (size_t i = 0; i < r.n; i++)
		{
			bool		in_full = false;

			for (size_t k = 0; k < fr.n; k++)
				in_full |= fr.items[k].rule == r.items[i].rule;
			CHECKF(in_full, "%s fires on the TBS only: %s", r.items[i].rule->name, r.items[i].detail);
		}
		printf("  %zu rules need a signature; %zu findings on good_dv_2021, %zu on its TBS\n",
			   sig_rules, fr.n, r.n);
		free(full_items);
		free(fc);
	}

	/* a TBS starting with the serial (v1, no [0]) is also recognised */
	{
		pc_cert    *c = scratch;
		bld			b;

		b_init(&b);
		b_begin(&b, PC_T_SEQUENCE);
		b_tbs_fields_v(&b, NULL, NULL, false);
		b_end(&b);
		CHECKF(pc_decode(b.buf, b.n, c, &e), "%s at %zu", e.msg, e.offset);
		CHECK(c->is_tbs && c->version == 0 && !c->version_encoded);
		b_free(&b);
	}
	free(tbs);
	free(tbs_file);
	free(der);
	free(full);
}

/* Every fixture: every prefix, and single-octet changes, stay robust. */
static void
test_fixture_mutations(void)
{
	DIR		   *dir;
	char	   *path = path_join(srcdir, "test/fixtures", NULL);
	int			files = 0;
	long		inputs = 0;
	int			broken = 0;
	char		why[160];

	cur_test = "fixture mutations";

	/* leaves are also linted against the real issuing CA */
	{
		size_t		calen;
		pc_cert    *cac = xmalloc(sizeof(pc_cert));
		pc_error	e;

		/* freed at the end: the decoded issuer points into it */
		chain_issuer_der = load_fixture("good_tls_ca", &calen);
		if (chain_issuer_der && pc_decode(chain_issuer_der, calen, cac, &e))
			chain_issuer = cac;
		else
			free(cac);
	}
	dir = opendir(path);
	CHECKF(dir != NULL, "cannot open %s: %s", path, strerror(errno));
	if (dir == NULL)
	{
		free(path);
		return;
	}
	for (;;)
	{
		char		name[256];
		size_t		len;
		uint8_t    *der = next_fixture(dir, true, name, sizeof(name), &len);
		static const uint8_t vals[] = {0x00, 0x01, 0x7f, 0x80, 0x81, 0xff};

		if (der == NULL)
			break;
		files++;
		for (size_t cut = 0; cut <= len; cut++)
		{
			/* a fresh exact-size buffer so ASan sees any read past the end */
			uint8_t    *p = xmalloc(cut);

			memcpy(p, der, cut);
			inputs++;
			if (!robust(p, cut, why, sizeof(why)))
			{
				if (broken++ < 10)
					CHECKF(false, "%s cut at %zu: %s", name, cut, why);
			}
			free(p);
		}
		/* single-octet substitutions in the first 400 octets (the headers) */
		for (size_t pos = 0; pos < len && pos < 400; pos++)
			for (size_t v = 0; v < sizeof(vals); v++)
			{
				uint8_t    *p = xmalloc(len);

				memcpy(p, der, len);
				p[pos] = vals[v];
				inputs++;
				if (!robust(p, len, why, sizeof(why)))
				{
					if (broken++ < 10)
						CHECKF(false, "%s with octet %zu = 0x%02x: %s", name, pos, vals[v], why);
				}
				free(p);
			}
		free(der);
	}
	closedir(dir);
	free(path);

	/* the issuer mutated: every prefix and octet change of good_tls_ca as issuer of good_dv_2021 */
	{
		size_t		calen,
					leaflen;
		uint8_t    *ca = load_fixture("good_tls_ca", &calen);
		uint8_t    *leaf = load_fixture("good_dv_2021", &leaflen);
		pc_cert    *iss = xmalloc(sizeof(pc_cert));

		for (size_t pos = 0; ca && leaf && pos < calen; pos++)
			for (int v = 0; v < 3; v++)
			{
				uint8_t    *p = xmalloc(calen);
				pc_report	r;
				pc_options	opt = {0};
				size_t		n = v == 2 ? pos : calen;	/* v == 2: a prefix */

				memcpy(p, ca, calen);
				if (v < 2)
					p[pos] = v ? (uint8_t) (p[pos] ^ 0x01) : 0xff;
				pc_report_init(&r, items, items_cap);
				if (pc_decode_issuer(p, n, iss, &r))
					opt.issuer = iss;
				pc_lint_der(leaf, leaflen, &opt, scratch, &r);
				inputs++;
				for (size_t i = 0; i < r.n; i++)
					if (r.items[i].rule == NULL || memchr(r.items[i].detail, '\0', PC_DETAIL_MAX) == NULL)
					{
						if (broken++ < 10)
							CHECKF(false, "issuer octet %zu variant %d: malformed finding", pos, v);
						break;
					}
				free(p);
			}
		free(ca);
		free(leaf);
		free(iss);
	}
	if (chain_issuer)
	{
		free((void *) chain_issuer);
		chain_issuer = NULL;
	}
	free(chain_issuer_der);
	chain_issuer_der = NULL;
	CHECKF(broken == 0, "%d of %ld mutated inputs broke an invariant", broken, inputs);
	CHECKF(files >= 10, "only %d fixtures found", files);
	printf("  %d fixtures, %ld mutated inputs decoded and linted\n", files, inputs);
}

/* Fuzzer crashers kept in test/fuzz/regressions/ (one input per file). */
static void
test_fuzz_regressions(void)
{
	char	   *path = path_join(srcdir, "test/fuzz/regressions", NULL);
	DIR		   *dir = opendir(path);
	struct dirent *ent;
	int			count = 0;
	char		why[160];

	cur_test = "fuzz regressions";
	if (dir == NULL)
	{
		free(path);
		return;
	}
	while ((ent = readdir(dir)) != NULL)
	{
		char	   *file;
		size_t		len;
		uint8_t    *raw,
				   *p;

		if (ent->d_name[0] == '.' || strcmp(ent->d_name, "README") == 0)
			continue;
		file = path_join(path, ent->d_name, NULL);
		raw = read_file(file, &len);
		if (raw)
		{
			p = xmalloc(len);
			memcpy(p, raw, len);
			CHECKF(robust(p, len, why, sizeof(why)), "%s: %s", ent->d_name, why);
			count++;
			free(p);
			free(raw);
		}
		free(file);
	}
	closedir(dir);
	free(path);
	printf("  %d fuzzer regression inputs\n", count);
}

/* ---------------------------------------------------------------- engine */

/* ---------------------------------------------------------------- big numbers and memos */

static uint64_t
xorshift(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

/*
 * nat.c's s = floor(sqrt(a)) and rem = a - s^2, checked from the
 * definition with OpenSSL's arithmetic.
 */
static bool
sqrtrem_right(const BIGNUM *a, BN_CTX *ctx)
{
	static uint8_t bytes[PC_NAT_LIMBS * 8 + 64];
	static uint64_t na[PC_NAT_LIMBS + 1],
				ns[PC_NAT_LIMBS / 2 + 3],
				nr[PC_NAT_LIMBS + 1];
	BIGNUM	   *s = BN_new(),
			   *rem = BN_new(),
			   *t = BN_new(),
			   *u = BN_new();
	int			len = BN_num_bytes(a) <= (int) sizeof(bytes) ? BN_bn2bin(a, bytes) : -1;
	int			n = len < 0 ? -1 : pc_nat_from_bytes(na, PC_NAT_LIMBS, bytes, (size_t) len);
	int			sn;
	bool		ok;

	if (n < 0)					/* too long: refused, as documented */
		ok = BN_num_bytes(a) > PC_NAT_LIMBS * 8;
	else
	{
		if (n == 0)
			na[n++] = 0;
		sn = pc_nat_sqrtrem(ns, nr, na, n);
		ok = s && rem && t && u && sn >= 0 &&
			pc_nat_to_bn(ns, sn, s) && pc_nat_to_bn(nr, n + 1, rem) &&
			BN_sqr(t, s, ctx) && BN_cmp(t, a) <= 0 &&	/* s^2 <= a */
			BN_sub(u, a, t) && BN_cmp(u, rem) == 0 &&	/* rem = a - s^2 */
			BN_copy(u, s) && BN_add_word(u, 1) && BN_sqr(t, u, ctx) &&
			BN_cmp(t, a) > 0;	/* (s + 1)^2 > a */
	}
	BN_free(s);
	BN_free(rem);
	BN_free(t);
	BN_free(u);
	return ok;
}

static void
test_bn_sqrtrem(void)
{
	BN_CTX	   *ctx = pc_bn_ctx();
	BIGNUM	   *a = BN_new();
	uint64_t	st = 0x9e3779b97f4a7c15ULL;
	uint8_t		buf[2200];
	int			bad = 0,
				runs = 0;

	cur_test = "limb square roots";
	CHECK(ctx != NULL && a != NULL);
	/* small values, word-size edges, and powers of two with their neighbours */
	for (uint64_t v = 0; v < 2000; v++)
	{
		BN_set_word(a, v);
		bad += !sqrtrem_right(a, ctx);
		runs++;
	}
	for (int k = 1; k < 16500; k += (k < 140 ? 1 : 53))
	{
		for (int d = -1; d <= 1; d++)
		{
			BN_zero(a);
			BN_set_bit(a, k);
			if (d < 0)
				BN_sub_word(a, 1);
			else if (d > 0)
				BN_add_word(a, 1);
			bad += !sqrtrem_right(a, ctx);
			runs++;
		}
	}
	/* perfect squares and their neighbours, then random values of every size */
	for (int bytes = 1; bytes <= 2060; bytes += (bytes < 40 ? 1 : 29))
	{
		for (int rep = 0; rep < 6; rep++)
		{
			for (int i = 0; i < bytes; i++)
				buf[i] = (uint8_t) xorshift(&st);
			BN_bin2bn(buf, bytes, a);
			bad += !sqrtrem_right(a, ctx);
			BN_sqr(a, a, ctx);
			bad += !sqrtrem_right(a, ctx);
			BN_sub_word(a, 1);
			bad += !sqrtrem_right(a, ctx);
			runs += 3;
		}
	}
	CHECKF(bad == 0, "pc_nat_sqrtrem wrong on %d of %d values", bad, runs);
	BN_free(a);
}

/*
 * A value in limbs from a BIGNUM, for the square root's edge cases: returns
 * the limb count (0 for zero), or -1 when it does not fit 'max' limbs.
 */
static int
bn_to_limbs(const BIGNUM *v, uint64_t *out, int max)
{
	static uint8_t bytes[PC_NAT_LIMBS * 8 + 8];
	int			len = BN_num_bytes(v);

	if (len > max * 8)
		return -1;
	len = BN_bn2bin(v, bytes);
	return pc_nat_from_bytes(out, max, bytes, (size_t) len);
}

#define SQRT_CANARY 0xa5a5a5a5a5a5a5a5ULL

/*
 * pc_nat_sqrtrem on a value given as n limbs (the top one non-zero),
 * against OpenSSL's arithmetic: s^2 <= a < (s + 1)^2 and rem = a - s^2 in
 * its n + 1 limbs; the returned length is s's; nothing is written past the
 * documented room (s: n / 2 + 2 limbs, rem: n + 1); a is left alone; and
 * without a remainder the root is the same.
 */
static bool
nat_sqrtrem_ok(const uint64_t *a, int n, BN_CTX *ctx)
{
	static uint64_t s[PC_NAT_LIMBS / 2 + 6],
				s2[PC_NAT_LIMBS / 2 + 6],
				rem[PC_NAT_LIMBS + 5],
				copy[PC_NAT_LIMBS];
	int			sroom = n / 2 + 2,
				rroom = n + 1,
				sn,
				sn2;
	bool		ok;
	BIGNUM	   *ba = BN_new(),
			   *bs = BN_new(),
			   *br = BN_new(),
			   *t = BN_new(),
			   *u = BN_new();

	for (int i = 0; i < sroom + 4; i++)
		s[i] = s2[i] = SQRT_CANARY;
	for (int i = 0; i < rroom + 4; i++)
		rem[i] = SQRT_CANARY;
	memcpy(copy, a, sizeof(uint64_t) * (size_t) n);
	sn = pc_nat_sqrtrem(s, rem, a, n);
	sn2 = pc_nat_sqrtrem(s2, NULL, a, n);
	ok = ba && bs && br && t && u && sn > 0 && sn <= sroom && s[sn - 1] != 0 &&
		sn2 == sn && memcmp(s, s2, sizeof(uint64_t) * (size_t) sn) == 0 &&
		memcmp(copy, a, sizeof(uint64_t) * (size_t) n) == 0;
	for (int i = sroom; ok && i < sroom + 4; i++)
		ok = s[i] == SQRT_CANARY && s2[i] == SQRT_CANARY;
	for (int i = rroom; ok && i < rroom + 4; i++)
		ok = rem[i] == SQRT_CANARY;
	ok = ok && pc_nat_to_bn(a, n, ba) && pc_nat_to_bn(s, sn, bs) &&
		pc_nat_to_bn(rem, n + 1, br) &&
		BN_sqr(t, bs, ctx) && BN_cmp(t, ba) <= 0 &&	/* s^2 <= a */
		BN_sub(u, ba, t) && BN_cmp(u, br) == 0 &&	/* rem = a - s^2 */
		BN_copy(u, bs) && BN_add_word(u, 1) && BN_sqr(t, u, ctx) &&
		BN_cmp(t, ba) > 0;		/* (s + 1)^2 > a */
	BN_free(ba);
	BN_free(bs);
	BN_free(br);
	BN_free(t);
	BN_free(u);
	return ok;
}

/* A limb with the patterns that carries and corrections trip on, or random. */
static uint64_t
edge_limb(uint64_t *st)
{
	static const uint64_t edges[] = {
		0, 1, 2, ~0ULL, ~0ULL - 1, 1ULL << 63, (1ULL << 63) - 1, (1ULL << 63) + 1,
		1ULL << 62, (1ULL << 62) - 1, 0xffffffff00000000ULL, 0xffffffffULL
	};
	uint64_t	r = xorshift(st);

	return r % 3 ? edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))] : xorshift(st);
}

/*
 * n limbs of a random non-zero value: random limbs, limbs of the edges
 * (edge_limb), or those with the top limb shifted down to a random length.
 */
static void
random_nat(uint64_t *a, int n, uint64_t *st)
{
	int			kind = (int) (xorshift(st) % 3);

	for (int i = 0; i < n; i++)
		a[i] = kind == 0 ? xorshift(st) : edge_limb(st);
	if (kind == 2)
		a[n - 1] >>= xorshift(st) % 64;
	if (a[n - 1] == 0)
		a[n - 1] = 1;
}

/*
 * pc_nat_sqrtrem's algorithm (nat.c) splits a into halves down to one or
 * two limbs and corrects each level's root by one; these are the inputs
 * that reach its rarer branches, at every size from 1 to 70 limbs (odd and
 * even counts split differently) and a few beyond: every top limb shape
 * (1, just below and at 2^62 and 2^63, all ones: the normalising shift),
 * perfect squares and their neighbours s^2 - 1 and (s + 1)^2 - 1, tops of
 * the form (y + 1)^2 - 1 (whose root's remainder is the largest possible,
 * which makes the next level's quotient overflow), and limbs of all ones,
 * zeros and single bits.
 */
static void
test_nat_sqrtrem_edges(void)
{
	BN_CTX	   *ctx = pc_bn_ctx();
	BIGNUM	   *y = BN_new(),
			   *v = BN_new();
	static uint64_t a[PC_NAT_LIMBS],
				hi[PC_NAT_LIMBS];
	static const uint64_t tops[] = {
		1, 2, 3, (1ULL << 62) - 1, 1ULL << 62, (1ULL << 63) - 1, 1ULL << 63, ~0ULL
	};
	uint64_t	st = 0xd1b54a32d192ed03ULL;
	int			bad = 0,
				runs = 0;

	cur_test = "nat sqrtrem edges";
	CHECK(ctx != NULL && y != NULL && v != NULL);
	for (int n = 1; n <= PC_NAT_LIMBS; n += (n < 70 ? 1 : 37))
	{
		int			m = (n + 1) / 2,
					h = m - m / 2;

		/* top limb shapes over random, all-ones, zero and edge-patterned limbs */
		for (size_t ti = 0; ti < sizeof(tops) / sizeof(tops[0]); ti++)
			for (int fill = 0; fill < 4; fill++)
			{
				for (int i = 0; i < n - 1; i++)
					a[i] = fill == 0 ? xorshift(&st) : fill == 1 ? ~0ULL :
						fill == 2 ? 0 : edge_limb(&st);
				a[n - 1] = tops[ti];
				bad += !nat_sqrtrem_ok(a, n, ctx);
				runs++;
			}
		/* squares of m-limb values and their neighbours */
		for (int rep = 0; rep < 6; rep++)
		{
			int			an;

			for (int i = 0; i < m; i++)
				a[i] = rep < 2 ? xorshift(&st) : rep == 2 ? ~0ULL : edge_limb(&st);
			if (rep == 1)
				a[m - 1] >>= xorshift(&st) % 64;
			if (a[m - 1] == 0)
				a[m - 1] = 1;
			if (!pc_nat_to_bn(a, m, y) || !BN_sqr(v, y, ctx))
			{
				bad++;
				continue;
			}
			for (int d = 0; d < 3; d++)
			{
				/* y^2, y^2 - 1, y^2 + 2y = (y + 1)^2 - 1 */
				if (d == 1)
					BN_sub_word(v, 1);
				else if (d == 2)
				{
					BN_add_word(v, 1);
					BN_add(v, v, y);
					BN_add(v, v, y);
				}
				an = bn_to_limbs(v, a, PC_NAT_LIMBS);
				if (an > 0)
				{
					bad += !nat_sqrtrem_ok(a, an, ctx);
					runs++;
				}
			}
		}

		/*
		 * The top 2h limbs (the first half the algorithm takes) set to
		 * (y + 1)^2 - 1 for an h-limb y with its top bit set, over low limbs
		 * of each kind.
		 */
		if (n >= 2)
			for (int rep = 0; rep < 8; rep++)
			{
				int			hn;

				for (int i = 0; i < h; i++)
					hi[i] = rep % 2 ? ~0ULL : xorshift(&st);
				hi[h - 1] |= 1ULL << 63;
				if (!pc_nat_to_bn(hi, h, y) || !BN_copy(v, y) || !BN_add_word(v, 1) ||
					!BN_sqr(v, v, ctx) || !BN_sub_word(v, 1))
				{
					bad++;
					continue;
				}
				hn = bn_to_limbs(v, hi, PC_NAT_LIMBS);
				if (hn != 2 * h || n - 2 * h < 0)
					continue;
				for (int i = 0; i < n - 2 * h; i++)
					a[i] = rep / 2 == 0 ? xorshift(&st) : rep / 2 == 1 ? ~0ULL :
						rep / 2 == 2 ? 0 : edge_limb(&st);
				memcpy(a + (n - 2 * h), hi, sizeof(uint64_t) * (size_t) (2 * h));
				bad += !nat_sqrtrem_ok(a, n, ctx);
				runs++;
			}
	}
	/* random values of random sizes up to 70 limbs, limbs of every kind */
	for (int rep = 0; rep < 20000; rep++)
	{
		int			n = 1 + (int) (xorshift(&st) % 70);

		random_nat(a, n, &st);
		bad += !nat_sqrtrem_ok(a, n, ctx);
		runs++;
	}
	CHECKF(bad == 0, "pc_nat_sqrtrem wrong on %d of %d edge values", bad, runs);
	BN_free(y);
	BN_free(v);
}

/*
 * pc_nat_sqrtrem's base case, sqrtrem_digits (nat.c), which builds roots of
 * up to 16 limbs a limb at a time, estimating each limb and correcting it
 * down at most twice: every root length it takes (a of 2m - 1 and 2m limbs
 * for m = 1 .. 16; with a remainder wanted it computes the whole root, and
 * without, the top half of roots up to 32 limbs), against OpenSSL through
 * nat_sqrtrem_ok (s^2 <= a < (s + 1)^2 and the remainder).  The corrections
 * come from perfect squares and their neighbours, above all squares of
 * roots whose low limbs are zero or all ones (there the estimate from the
 * top limbs is one or two too big), and top limbs exactly 2^62 (the
 * smallest normalised top), 2^63 and all ones.  Every check is of a result:
 * nothing here loops on what the code returns.
 */
static void
test_nat_sqrt_digits(void)
{
	BN_CTX	   *ctx = pc_bn_ctx();
	BIGNUM	   *y = BN_new(),
			   *v = BN_new();
	static uint64_t a[PC_NAT_LIMBS],
				s[PC_NAT_LIMBS];
	static const uint64_t tops[] = {
		1ULL << 62, 1ULL << 63, ~0ULL, (1ULL << 62) - 1, (1ULL << 62) + 1,
		(1ULL << 63) - 1, 1, 3
	};
	uint64_t	st = 0x853c49e6748fea9bULL;
	int			bad = 0,
				runs = 0;

	cur_test = "nat sqrt digits";
	CHECK(ctx != NULL && y != NULL && v != NULL);
	for (int m = 1; m <= 16; m++)
	{
		/* top limb shapes over random, all-ones, zero and edge limbs, both parities */
		for (int n = 2 * m - 1; n <= 2 * m; n++)
			for (size_t ti = 0; ti < sizeof(tops) / sizeof(tops[0]); ti++)
				for (int fill = 0; fill < 4; fill++)
				{
					for (int i = 0; i < n - 1; i++)
						a[i] = fill == 0 ? xorshift(&st) : fill == 1 ? ~0ULL :
							fill == 2 ? 0 : edge_limb(&st);
					a[n - 1] = tops[ti];
					bad += !nat_sqrtrem_ok(a, n, ctx);
					runs++;
				}

		/*
		 * s^2, s^2 - 1 and s^2 + 2s = (s + 1)^2 - 1 for m-limb roots s:
		 * random, all ones, top bit only, edge limbs, short top limbs, and a
		 * random top over j zero or all-ones limbs, for every j.
		 */
		for (int rep = 0; rep < 6 + 2 * m; rep++)
		{
			int			j = (rep - 6) / 2;

			for (int i = 0; i < m; i++)
				s[i] = rep == 0 ? xorshift(&st) : rep == 1 ? ~0ULL : rep == 2 ? 0 :
					rep == 3 || rep == 4 ? edge_limb(&st) :
					rep == 5 || i >= j ? xorshift(&st) : rep % 2 ? ~0ULL : 0;
			if (rep == 2)
				s[m - 1] = 1ULL << 63;
			else if (rep == 4 || rep == 5)
				s[m - 1] >>= 1 + xorshift(&st) % 63;
			else if (rep != 1)
				s[m - 1] |= 1ULL << 63;
			if (s[m - 1] == 0)
				s[m - 1] = 1;
			if (!pc_nat_to_bn(s, m, y) || !BN_sqr(v, y, ctx))
			{
				bad++;
				continue;
			}
			for (int d = 0; d < 3; d++)
			{
				int			an;

				if (d == 1 && !BN_sub_word(v, 1))
					bad++;
				/* from s^2 - 1: + 1 + 2s */
				if (d == 2 && !(BN_add_word(v, 1) && BN_add(v, v, y) && BN_add(v, v, y)))
					bad++;
				an = bn_to_limbs(v, a, PC_NAT_LIMBS);
				if (an <= 0)
					continue;
				bad += !nat_sqrtrem_ok(a, an, ctx);
				runs++;
			}
		}

		/* random values of both parities, limbs of every kind */
		for (int rep = 0; rep < 600; rep++)
		{
			int			n = 2 * m - (rep & 1);

			if (n < 1)
				n = 1;
			random_nat(a, n, &st);
			bad += !nat_sqrtrem_ok(a, n, ctx);
			runs++;
		}
	}
	CHECKF(bad == 0, "pc_nat_sqrtrem wrong on %d of %d base-case values", bad, runs);
	CHECK(runs > 10000);
	BN_free(y);
	BN_free(v);
}

/* Residues modulo the primes below 752 (nat.c) agree with OpenSSL's. */
static void
test_small_residues(void)
{
	BIGNUM	   *a = BN_new();
	uint64_t	st = 0x2545f4914f6cdd1dULL;
	uint8_t		buf[PC_NAT_LIMBS * 8];
	uint64_t	na[PC_NAT_LIMBS];
	uint16_t	res[PC_SMALL_PRIMES];
	int			bad = 0;

	cur_test = "small residues";
	for (int bytes = 1; bytes <= PC_NAT_LIMBS * 8; bytes += (bytes < 64 ? 1 : 61))
	{
		int			n;

		for (int i = 0; i < bytes; i++)
			buf[i] = (uint8_t) xorshift(&st);
		n = pc_nat_from_bytes(na, PC_NAT_LIMBS, buf, (size_t) bytes);
		BN_bin2bn(buf, bytes, a);
		pc_nat_small_residues(na, n, res);
		for (int k = 0; k < PC_SMALL_PRIMES; k++)
			bad += res[k] != BN_mod_word(a, pc_small_primes[k]);
	}
	/*
	 * All-ones limbs, at every length up to past the 64-limb table: the
	 * largest products, so the three-word sums carry the most.
	 */
	for (int limbs = 1; limbs <= 70; limbs++)
	{
		int			n;

		memset(buf, 0xff, (size_t) limbs * 8);
		n = pc_nat_from_bytes(na, PC_NAT_LIMBS, buf, (size_t) limbs * 8);
		BN_bin2bn(buf, limbs * 8, a);
		pc_nat_small_residues(na, n, res);
		for (int k = 0; k < PC_SMALL_PRIMES; k++)
			bad += res[k] != BN_mod_word(a, pc_small_primes[k]);
	}
	/* a product of small primes is 0 modulo each of them, and 1 more is 1 */
	BN_one(a);
	for (int k = 0; k < PC_SMALL_PRIMES; k += 7)
		BN_mul_word(a, pc_small_primes[k]);
	for (int plus = 0; plus <= 1; plus++)
	{
		int			len = BN_bn2bin(a, buf);
		int			n = pc_nat_from_bytes(na, PC_NAT_LIMBS, buf, (size_t) len);

		pc_nat_small_residues(na, n, res);
		for (int k = 0; k < PC_SMALL_PRIMES; k++)
			bad += res[k] != BN_mod_word(a, pc_small_primes[k]) ||
				(k % 7 == 0 && res[k] != (uint16_t) plus);
		BN_add_word(a, 1);
	}
	CHECK_EQ(bad, 0);
	BN_free(a);
}

/*
 * pc_nat_mod_bytes (ROCA's quick test) agrees with OpenSSL's remainder at
 * every length modulo 8, with leading zero octets, all-ones octets and
 * moduli from 1 to 2^64 - 1; and pc_nat_from_bytes gives the same limbs
 * whatever leading zeros pad its input.
 */
static void
test_nat_mod_bytes(void)
{
	static const uint64_t mods[] = {
		1, 2, 3, 65537, UINT64_C(16294579238595022365), UINT64_C(1255945087840322880),
		UINT64_C(1) << 63, (UINT64_C(1) << 63) + 1, ~UINT64_C(0), UINT64_C(0x123456789)
	};
	BIGNUM	   *a = BN_new();
	uint64_t	st = 0x853c49e6748fea9bULL;
	static uint8_t buf[PC_NAT_LIMBS * 8 + 16];
	static uint64_t na[PC_NAT_LIMBS],
				nb[PC_NAT_LIMBS];
	int			bad = 0;

	cur_test = "nat mod bytes";
	for (int len = 0; len <= PC_NAT_LIMBS * 8 + 16; len += (len < 80 ? 1 : 37))
		for (int kind = 0; kind < 3; kind++)
		{
			int			zeros = (int) (xorshift(&st) % 12),
						n1,
						n2;

			for (int i = 0; i < len; i++)
				buf[i] = kind == 1 ? 0xff : (uint8_t) xorshift(&st);
			for (int i = 0; i < zeros && i < len; i++)
				buf[i] = 0;
			BN_bin2bn(buf, len, a);
			for (size_t k = 0; k < sizeof(mods) / sizeof(mods[0]); k++)
				bad += pc_nat_mod_bytes(buf, (size_t) len, mods[k]) != BN_mod_word(a, mods[k]);
			/* limbs: the same with and without the leading zero octets */
			n1 = pc_nat_from_bytes(na, PC_NAT_LIMBS, buf, (size_t) len);
			n2 = len > zeros ? pc_nat_from_bytes(nb, PC_NAT_LIMBS, buf + zeros, (size_t) (len - zeros)) : n1;
			bad += n1 != n2 || (n1 > 0 && len > zeros && memcmp(na, nb, sizeof(uint64_t) * (size_t) n1) != 0);
			if (n1 >= 0 && !BN_is_zero(a))
			{
				BIGNUM	   *b = BN_new();

				bad += !pc_nat_to_bn(na, n1, b) || BN_cmp(a, b) != 0;
				BN_free(b);
			}
			else
				bad += n1 >= 0 ? n1 != 0 : BN_num_bytes(a) <= PC_NAT_LIMBS * 8;
		}
	CHECK_EQ(bad, 0);
	BN_free(a);
}

/*
 * Fermat's rule against its definition: for n = x (x + 2d), Fermat's method
 * reaches a = x + d after a - (isqrt(n) + 1) + 1 rounds, so the rule must
 * fire exactly when that is at most 100.  x is odd, random and 512 to 2048
 * bits long; d is chosen to land just inside and just outside 100 rounds.
 */
static void
test_fermat_rule(void)
{
	const pc_rule *rule = pc_rule_find("e_rsa_fermat_factorization");
	BN_CTX	   *ctx = BN_CTX_new();
	BIGNUM	   *x = BN_new(),
			   *y = BN_new(),
			   *n = BN_new(),
			   *d = BN_new(),
			   *t = BN_new();
	uint64_t	st = 0x94d049bb133111ebULL;
	static uint8_t nbytes[PC_NAT_LIMBS * 8 + 1],
				xb[300];
	int			bad = 0,
				fired = 0,
				runs = 0;

	cur_test = "fermat rule";
	CHECK(rule != NULL);
	if (rule == NULL)
		return;
	for (int bits = 512; bits <= 2048; bits += 512)
		for (int want = 1; want <= 130; want += (want < 95 ? 47 : 1))
		{
			uint64_t	na[PC_NAT_LIMBS],
						ns[PC_NAT_LIMBS / 2 + 3];
			int			len,
						nn,
						sn;
			long		rounds;
			pc_report	r;
			pc_finding	items[4];

			if (want > 103 && want < 125)
				continue;
			for (int i = 0; i < bits / 8; i++)
				xb[i] = (uint8_t) xorshift(&st);
			xb[0] |= 0x80;
			xb[bits / 8 - 1] |= 1;
			BN_bin2bn(xb, bits / 8, x);
			/* d ~ sqrt(2 (want - 1) x) puts x + d about want - 1 steps past isqrt(n) + 1 */
			BN_mul_word(BN_copy(t, x), (BN_ULONG) (2 * (want - 1) + 1));
			len = BN_bn2bin(t, nbytes);
			nn = pc_nat_from_bytes(na, PC_NAT_LIMBS, nbytes, (size_t) len);
			sn = pc_nat_sqrtrem(ns, NULL, na, nn);
			pc_nat_to_bn(ns, sn, d);
			/* n = x (x + 2d) */
			BN_lshift1(t, d);
			BN_add(y, x, t);
			BN_mul(n, x, y, ctx);
			/* rounds = (x + d) - (isqrt(n) + 1) + 1 */
			len = BN_bn2bin(n, nbytes);
			nn = pc_nat_from_bytes(na, PC_NAT_LIMBS, nbytes, (size_t) len);
			sn = pc_nat_sqrtrem(ns, NULL, na, nn);
			pc_nat_to_bn(ns, sn, t);
			BN_add(y, x, d);
			BN_sub(t, y, t);
			rounds = (long) BN_get_word(t);
			/* as an INTEGER's content: a leading zero keeps it positive */
			memmove(nbytes + 1, nbytes, (size_t) len);
			nbytes[0] = 0;
			memset(scratch, 0, sizeof(*scratch));
			scratch->spki.type = PC_KEY_RSA;
			scratch->spki.rsa_n = (pc_span) {nbytes, (size_t) len + 1};
			pc_report_init(&r, items, 4);
			r.cur = rule;
			rule->check(scratch, &r);
			bad += (r.n > 0) != (rounds <= 100);
			fired += r.n > 0;
			runs++;
		}
	CHECKF(bad == 0, "Fermat rule wrong on %d of %d moduli", bad, runs);
	/* ROCA's fingerprint holds for n = 1 (65537^0 everywhere): not a key it judges */
	{
		const pc_rule *roca = pc_rule_find("e_rsa_roca_fingerprint");
		static const uint8_t one[] = {0x01},
					e65537[] = {0x01, 0x00, 0x01};
		pc_report	r;
		pc_finding	items[4];

		memset(scratch, 0, sizeof(*scratch));
		scratch->kind = PC_K_SUB | PC_K_TLS;
		scratch->spki.type = PC_KEY_RSA;
		scratch->spki.rsa_n = (pc_span) {one, 1};
		scratch->spki.rsa_e = (pc_span) {e65537, 3};
		scratch->spki.bits = 1;
		pc_report_init(&r, items, 4);
		r.cur = roca;
		CHECK(roca != NULL);
		if (roca)
			roca->check(scratch, &r);
		CHECK_EQ(r.n, 0);
	}
	CHECK(fired > 0 && fired < runs);	/* both outcomes were exercised */
	BN_free(x);
	BN_free(y);
	BN_free(n);
	BN_free(d);
	BN_free(t);
	BN_CTX_free(ctx);
}

/*
 * A 2048-bit modulus that is, modulo each odd prime up to 167, a power of
 * 65537 (a random one), except that it is divisible by the prime 'breaks'
 * (0: no exception).  Built by the Chinese remainder theorem plus a random
 * multiple of the primes' product.  Returns its length in 'out'.
 */
static int
roca_like_modulus(unsigned breaks, uint8_t out[300], BN_CTX *ctx)
{
	BIGNUM	   *m = BN_new(),
			   *x = BN_new(),
			   *t = BN_new(),
			   *u = BN_new(),
			   *p = BN_new(),
			   *k = BN_new();
	int			len;

	BN_one(m);
	for (int i = 1; pc_small_primes[i] <= 167; i++)
		BN_mul_word(m, pc_small_primes[i]);
	BN_zero(x);
	for (int i = 1; pc_small_primes[i] <= 167; i++)
	{
		unsigned	q = pc_small_primes[i],
					a = 1;

		for (int e = rand() % 1000; e > 0; e--)
			a = a * (65537 % q) % q;
		if (q == breaks)
			a = 0;
		/* x += a (m/q) ((m/q)^-1 mod q) */
		BN_copy(t, m);
		BN_div_word(t, q);
		BN_set_word(p, q);
		BN_mod_inverse(u, t, p, ctx);
		BN_mul(t, t, u, ctx);
		BN_mul_word(t, a);
		BN_add(x, x, t);
	}
	BN_mod(x, x, m, ctx);
	/* a random multiple of m brings it to 2048 bits, residues unchanged */
	BN_rand(k, 2048 - BN_num_bits(m), BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
	BN_mul(k, k, m, ctx);
	BN_add(x, x, k);
	out[0] = 0;
	len = BN_bn2bin(x, out + 1) + 1;
	BN_free(m);
	BN_free(x);
	BN_free(t);
	BN_free(u);
	BN_free(p);
	BN_free(k);
	return len;
}

/*
 * e_rsa_roca_fingerprint decides most moduli from the first fifteen primes
 * when the residues of all 133 are not at hand (passes() and the trigger),
 * and from those residues otherwise.  Both ways it must fire exactly on a
 * modulus whose every residue is a power of 65537: one that departs at a
 * prime inside the quick fifteen, past them, or at the last one is quiet.
 */
static void
test_roca_paths(void)
{
	static const unsigned breaks[] = {0, 11, 53, 59, 101, 167};
	const pc_rule *roca = pc_rule_find("e_rsa_roca_fingerprint"),
			   *small = pc_rule_find("w_rsa_mod_factors_smaller_than_752");
	static const uint8_t e65537[] = {0x01, 0x00, 0x01};
	BN_CTX	   *ctx = BN_CTX_new();
	int			bad = 0,
				runs = 0;

	cur_test = "roca paths";
	CHECK(roca != NULL && small != NULL);
	for (int round = 0; round < 20 && roca && small; round++)
		for (size_t b = 0; b < sizeof(breaks) / sizeof(breaks[0]); b++)
			for (int memo = 0; memo < 2; memo++)
			{
				uint8_t		n[300];
				int			len = roca_like_modulus(breaks[b], n, ctx);
				pc_report	r;
				bool		fired = false;

				memset(scratch, 0, sizeof(*scratch));
				scratch->kind = PC_K_SUB | PC_K_TLS;
				scratch->spki.type = PC_KEY_RSA;
				scratch->spki.rsa_n = (pc_span) {n, (size_t) len};
				scratch->spki.rsa_e = (pc_span) {e65537, 3};
				scratch->spki.bits = 2048;
				pc_report_init(&r, items, items_cap);
				if (memo)
				{
					/* the warning runs first and leaves all residues behind */
					r.cur = small;
					small->check(scratch, &r);
					CHECK(r.rsa_res_done);
				}
				r.cur = roca;
				roca->check(scratch, &r);
				for (size_t i = 0; i < r.n; i++)
					fired |= r.items[i].rule == roca;
				bad += fired != (breaks[b] == 0);
				runs++;
			}
	CHECKF(bad == 0, "ROCA verdict wrong on %d of %d moduli", bad, runs);
	BN_CTX_free(ctx);
}

/*
 * pc_options.min_severity (what passes() and the trigger use) skips only
 * rules below the threshold: on every fixture, the findings at or above it
 * are those of a full run, in the same order, with the same details.
 */
static void
test_min_severity(void)
{
	char	   *path = path_join(srcdir, "test/fixtures", NULL);
	DIR		   *dir = opendir(path);
	pc_finding *part = xmalloc(items_cap * sizeof(pc_finding));
	int			files = 0,
				bad = 0,
				skipped = 0;

	CHECKF(dir != NULL, "cannot open %s", path);
	while (dir != NULL)
	{
		char		name[256];
		size_t		len;
		uint8_t    *der = next_fixture(dir, false, name, sizeof(name), &len);

		if (der == NULL)
			break;
		files++;
		for (pc_severity t = PC_NOTICE; t <= PC_ERROR; t++)
		{
			pc_options	opt = {0};
			pc_report	full,
						cut;
			size_t		k = 0;

			pc_report_init(&full, items, items_cap);
			pc_lint_der(der, len, NULL, scratch, &full);
			opt.min_severity = t;
			pc_report_init(&cut, part, items_cap);
			pc_lint_der(der, len, &opt, scratch, &cut);
			skipped += full.n > cut.n;
			for (size_t i = 0; i < full.n; i++)
			{
				if (full.items[i].severity < t)
					continue;
				if (k >= cut.n || full.items[i].rule != cut.items[k].rule ||
					strcmp(full.items[i].detail, cut.items[k].detail) != 0)
				{
					bad++;
					break;
				}
				k++;
			}
			bad += k != cut.n;
		}
		free(der);
	}
	if (dir)
		closedir(dir);
	CHECKF(files > 50 && bad == 0, "min_severity changed findings on %d of %d fixture runs", bad, files * 3);
	CHECK(skipped > 0);			/* lower findings were really left out */
	free(part);
	free(path);
}

/*
 * The reference for the engine's cached rule plans: test every rule's
 * severity, scope, window and need of an issuer, as the engine did before
 * it kept plans.
 */
static void
lint_every_rule(const pc_cert *c, const pc_options *opt, pc_report *r)
{
	int64_t		at = opt->at_set ? opt->at : c->not_before.t;

	r->opt = opt;
	for (size_t i = 0; i < pc_rule_count(); i++)
	{
		const pc_rule *rule = pc_rule_at(i);

		if (rule->check == NULL || rule->severity < opt->min_severity ||
			!pc_rule_applies(rule, c) || !pc_rule_in_force(rule, at) ||
			((rule->flags & PC_RF_NEEDS_ISSUER) && opt->issuer == NULL))
			continue;
		r->cur = rule;
		rule->check(c, r);
	}
	r->cur = NULL;
}

static bool
same_findings(const pc_report *a, const pc_report *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->items[i].rule != b->items[i].rule ||
			strcmp(a->items[i].detail, b->items[i].detail) != 0)
			return false;
	return true;
}

static int	interrupt_calls;

static void
count_interrupt(void)
{
	interrupt_calls++;
}

/* Would pc_lint run this rule on c under opt (scope, severity, issuer, window, needs)? */
static bool
lint_would_run(const pc_rule *rule, const pc_cert *c, const pc_options *opt)
{
	pc_report	fr;
	int64_t		at = opt->at_set ? opt->at : c->not_before.t;

	pc_report_init(&fr, NULL, 0);
	return rule->check != NULL && rule->severity >= opt->min_severity &&
		pc_rule_applies(rule, c) && pc_rule_in_force(rule, at) &&
		!((rule->flags & PC_RF_NEEDS_ISSUER) && opt->issuer == NULL) &&
		(rule->needs & ~pc_cert_features(c, &fr, rule->needs)) == 0;
}

/* How many rules pc_lint runs on c under opt. */
static size_t
rules_run(const pc_cert *c, const pc_options *opt)
{
	size_t		n = 0;

	for (size_t i = 0; i < pc_rule_count(); i++)
		n += lint_would_run(pc_rule_at(i), c, opt);
	return n;
}

/*
 * The interrupt callback: before every rule without a pending flag; with
 * one, only while the flag is set (the extension's flag is PostgreSQL's
 * InterruptPending), and then before every rule.
 */
static void
test_interrupt_callback(void)
{
	size_t		len;
	uint8_t    *der = load_fixture("good_dv_2024", &len);
	volatile sig_atomic_t pending = 0;
	pc_error	err;

	cur_test = "interrupt callback";
	CHECK(der != NULL && pc_decode(der, len, scratch, &err));
	if (der == NULL)
		return;
	for (int mode = 0; mode < 3; mode++)
	{
		pc_options	opt = {0};
		pc_report	r;
		size_t		want = rules_run(scratch, &opt);

		opt.interrupt = count_interrupt;
		opt.interrupt_pending = mode == 0 ? NULL : &pending;
		pending = mode == 2;
		interrupt_calls = 0;
		pc_report_init(&r, items, items_cap);
		pc_lint(scratch, &opt, &r);
		CHECKF((size_t) interrupt_calls == (mode == 1 ? 0 : want),
			   "mode %d: %d calls for %zu rules", mode, interrupt_calls, want);
	}
	CHECK(rules_run(scratch, &(pc_options) {0}) > 100);
	free(der);
}

/*
 * Plans keep the rules in force per era, between consecutive window dates.
 * At every date any rule names, a second before and a second after,
 * certificates of several kinds (some of them failing) must get exactly
 * the findings of testing every rule's window.
 */
static void
test_plan_eras(void)
{
	static const char *const names[] = {"good_dv_2024", "good_ev_2021", "good_precert_2021",
	"good_tls_ca", "good_root", "bad_cn_not_in_san_2020", "bad_ca_ku_missing_2021"};
	pc_finding *ref_items = xmalloc(items_cap * sizeof(pc_finding));
	int			runs = 0,
				bad = 0;

	cur_test = "plan eras";
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
	{
		size_t		len;
		uint8_t    *der = load_fixture(names[k], &len);
		pc_error	err;

		CHECKF(der != NULL && pc_decode(der, len, scratch, &err), "fixture %s", names[k]);
		if (der == NULL)
			continue;
		for (size_t t = 0; t < pc_rule_table_count; t++)
			for (size_t i = 0; i < *pc_rule_tables[t].count; i++)
				for (int end = 0; end < 2; end++)
				{
					const pc_rule *rule = &pc_rule_tables[t].rules[i];
					int64_t		date = end ? rule->until : rule->from;

					if (date == 0)
						continue;
					for (int64_t delta = -1; delta <= 1; delta++)
						for (int sev = 0; sev < 2; sev++)
						{
							pc_options	opt = {0};
							pc_report	got,
										want;

							opt.at = date + delta;
							opt.at_set = true;
							opt.min_severity = sev ? PC_ERROR : 0;
							pc_report_init(&got, items, items_cap);
							pc_lint(scratch, &opt, &got);
							pc_report_init(&want, ref_items, items_cap);
							lint_every_rule(scratch, &opt, &want);
							runs++;
							if (!same_findings(&got, &want) && bad++ < 3)
								CHECKF(false, "%s at %s %+lld s: %zu findings by plan, %zu by every rule",
									   names[k], rule->name, (long long) delta, got.n, want.n);
						}
				}
		free(der);
	}
	CHECKF(bad == 0 && runs > 1000, "%d of %d runs differ", bad, runs);
	free(ref_items);
}

/*
 * Rule needs (pc_rule.needs).  The engine does not call a rule on a
 * certificate that lacks a feature the rule needs, so on such a
 * certificate the rule, called directly, must find nothing; and pc_lint,
 * with its per-plan memo of the steps a set of missing features skips,
 * must find what testing every rule finds.  Over every fixture and, when
 * ../shared is there, every ZLint test certificate, one after another
 * through the same plan cache.
 */
/* The fixture directories, under test/fixtures. */
static const char *const fixture_dirs[] = {"", "br_names/", "br_profile/", "chain/", "keys/", "names/", "rfc5280/"};

/*
 * Every fixture under the directories above that decodes, one at a time:
 * decoded into scratch, named (directory and file without extension) in
 * w->name.  Start from a zeroed walk; each call frees the previous input.
 */
typedef struct fixture_walk
{
	size_t		d;
	DIR		   *dir;
	char		name[300];
	uint8_t    *der;
} fixture_walk;

static bool
fixture_walk_next(fixture_walk *w)
{
	free(w->der);
	w->der = NULL;
	while (w->d < sizeof(fixture_dirs) / sizeof(fixture_dirs[0]))
	{
		struct dirent *ent;
		size_t		l,
					len;
		pc_error	err;

		if (w->dir == NULL)
		{
			char	   *path = path_join(srcdir, "test/fixtures/", fixture_dirs[w->d]);

			w->dir = opendir(path);
			CHECKF(w->dir != NULL, "cannot open %s", path);
			free(path);
		}
		if (w->dir == NULL || (ent = readdir(w->dir)) == NULL)
		{
			if (w->dir != NULL)
				closedir(w->dir);
			w->dir = NULL;
			w->d++;
			continue;
		}
		l = strlen(ent->d_name);
		if (l < 5 || (strcmp(ent->d_name + l - 4, ".pem") != 0 &&
					  strcmp(ent->d_name + l - 4, ".der") != 0))
			continue;
		snprintf(w->name, sizeof(w->name), "%s%.*s", fixture_dirs[w->d], (int) (l - 4), ent->d_name);
		if ((w->der = load_fixture(w->name, &len)) != NULL && pc_decode(w->der, len, scratch, &err))
			return true;
		free(w->der);
		w->der = NULL;
	}
	return false;
}

typedef struct needs_tally
{
	long		pairs;			/* (rule, certificate) where a need was missing */
	long		compared;		/* pc_lint runs compared with every rule */
	int			silent_broken;	/* rules that spoke without what they need */
	int			differ;			/* pc_lint runs that differed */
	bool	   *seen;			/* per rule: tested without a need at least once */
} needs_tally;

static void
needs_one(const pc_cert *c, const char *name, needs_tally *t, pc_finding *ref_items)
{
	static const pc_options none = {0};
	pc_report	fr;
	uint64_t	have;

	pc_report_init(&fr, NULL, 0);
	have = pc_cert_features(c, &fr, ~(uint64_t) 0);
	for (size_t i = 0; i < pc_rule_count(); i++)
	{
		const pc_rule *rule = pc_rule_at(i);
		pc_report	r;

		if (rule->check == NULL || (rule->needs & ~have) == 0 || !pc_rule_applies(rule, c) ||
			(rule->flags & PC_RF_NEEDS_ISSUER))
			continue;
		pc_report_init(&r, items, items_cap);
		r.opt = &none;
		r.cur = rule;
		rule->check(c, &r);
		t->pairs++;
		t->seen[i] = true;
		if (r.n > 0 && t->silent_broken++ < 5)
			CHECKF(false, "%s: %s fired (\"%s\") without features %#llx it needs", name,
				   rule->name, r.items[0].detail, (unsigned long long) (rule->needs & ~have));
	}
	for (int sev = 0; sev < 2; sev++)
	{
		pc_options	opt = {0};
		pc_report	got,
					want;

		opt.min_severity = sev ? PC_ERROR : PC_INFO;
		pc_report_init(&got, items, items_cap);
		pc_lint(c, &opt, &got);
		pc_report_init(&want, ref_items, items_cap);
		lint_every_rule(c, &opt, &want);
		t->compared++;
		if (!same_findings(&got, &want) && t->differ++ < 5)
			CHECKF(false, "%s: %zu findings by plan, %zu by every rule", name, got.n, want.n);
	}
}

static void
test_rule_needs(void)
{
	pc_finding *ref_items = xmalloc(items_cap * sizeof(pc_finding));
	needs_tally t = {0};
	char	   *zdir = path_join(srcdir, "../shared/zlint-corpus/testdata", NULL);
	DIR		   *dir;
	struct dirent *ent;
	int			certs = 0,
				annotated = 0,
				unseen = 0;
	pc_error	err;

	cur_test = "rule needs";
	t.seen = calloc(pc_rule_count(), sizeof(bool));
	{
		fixture_walk w = {0};

		while (fixture_walk_next(&w))
		{
			needs_one(scratch, w.name, &t, ref_items);
			certs++;
		}
	}
	if ((dir = opendir(zdir)) == NULL)
		printf("  %s absent: fixtures only\n", zdir);
	while (dir != NULL && (ent = readdir(dir)) != NULL)
	{
		size_t		l = strlen(ent->d_name),
					rawlen,
					len;
		char	   *file;
		uint8_t    *raw,
				   *der = NULL;

		if (l < 5 || strcmp(ent->d_name + l - 4, ".pem") != 0)
			continue;
		file = path_join(zdir, ent->d_name, NULL);
		if ((raw = read_file(file, &rawlen)) != NULL)
			der = pem_to_der(raw, rawlen, &len);
		if (der != NULL && pc_decode(der, len, scratch, &err))
		{
			needs_one(scratch, ent->d_name, &t, ref_items);
			certs++;
		}
		free(der);
		free(raw);
		free(file);
	}
	if (dir != NULL)
		closedir(dir);
	for (size_t i = 0; i < pc_rule_count(); i++)
		if (pc_rule_at(i)->needs != 0)
		{
			annotated++;
			unseen += !t.seen[i];
		}
	CHECKF(t.silent_broken == 0, "%d rules spoke without what they need", t.silent_broken);
	CHECKF(t.differ == 0, "%d of %ld runs differ from testing every rule", t.differ, t.compared);
	/* not vacuous: most rules with needs met a certificate without them */
	CHECKF(certs > 50 && annotated > 100 && unseen * 10 < annotated,
		   "%d certificates; %d of %d rules with needs never tested without them",
		   certs, unseen, annotated);
	printf("  %d certificates, %d rules with needs (%d never without them), %ld silent calls, %ld runs compared\n",
		   certs, annotated, unseen, t.pairs, t.compared);
	free(t.seen);
	free(zdir);
	free(ref_items);
}

/* The TLD an entry names by a linear scan: lower case, up to a NUL. */
static const pc_tld *
tld_by_scan(const uint8_t *p, size_t n)
{
	char		low[80];
	size_t		k = 0;

	for (; k < n && k < sizeof(low) - 1 && p[k] != '\0'; k++)
		low[k] = (char) tolower(p[k]);
	if (k == sizeof(low) - 1)
		return NULL;
	low[k] = '\0';
	for (size_t i = 0; i < sizeof(pc_tlds) / sizeof(pc_tlds[0]); i++)
		if (strcmp(low, pc_tlds[i].name) == 0)
			return &pc_tlds[i];
	return NULL;
}

/* Same entry?  (The unit test has its own copy of the table: compare names.) */
static bool
same_tld(const struct pc_tld *a, const pc_tld *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(((const pc_tld *) a)->name, b->name) == 0;
}


/*
 * 50,000 labels of minlen to minlen + spread - 1 octets drawn from the k
 * octets of alphabet (its terminating NUL may be one of them): how many
 * are found otherwise than by a scan.
 */
static int
random_tld_lookups(uint64_t *st, size_t minlen, size_t spread, const char *alphabet, size_t k)
{
	int			wrong = 0;

	for (int trial = 0; trial < 50000; trial++)
	{
		uint8_t		buf[16];
		size_t		len = minlen + xorshift(st) % spread;

		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t) alphabet[xorshift(st) % k];
		wrong += !same_tld(pc_tld_find((pc_span) {buf, len}), tld_by_scan(buf, len));
	}
	return wrong;
}
/* pc_tld_find (a hash index) against a scan: every TLD, in capitals, cut, with a NUL, random. */
static void
test_tld_find(void)
{
	uint64_t	st = 0x243f6a8885a308d3ULL;
	int			wrong = 0,
				found = 0;

	cur_test = "tld find";
	for (size_t i = 0; i < sizeof(pc_tlds) / sizeof(pc_tlds[0]); i++)
	{
		uint8_t		buf[80];
		size_t		n = strlen(pc_tlds[i].name);

		memcpy(buf, pc_tlds[i].name, n);
		for (int v = 0; v < 5; v++)
		{
			size_t		len = n;

			if (v == 1)
				for (size_t k = 0; k < n; k++)
					buf[k] = (uint8_t) toupper(buf[k]);
			if (v == 2)
				len = n - 1;
			if (v == 3)
			{
				memcpy(buf + n, "\0zz", 3);
				len = n + 3;
			}
			if (v == 4)
			{
				buf[n] = 'q';
				len = n + 1;
			}
			found += pc_tld_find((pc_span) {buf, len}) != NULL;
			wrong += !same_tld(pc_tld_find((pc_span) {buf, len}), tld_by_scan(buf, len));
		}
	}
	wrong += random_tld_lookups(&st, 1, 4, "abcdefghijklmnopqrstuvwxyzAZ-", 30);
	/*
	 * The index keys a label by its first eight octets and its length up
	 * to a NUL: every TLD with a NUL, an upper-case letter or another
	 * letter at each place (past the eighth octet too, where names of the
	 * same first eight octets and length differ), and labels of random
	 * letters of 7 to 10 octets, around the key's edge.
	 */
	for (size_t i = 0; i < sizeof(pc_tlds) / sizeof(pc_tlds[0]); i++)
	{
		uint8_t		buf[80];
		size_t		n = strlen(pc_tlds[i].name);

		for (size_t at = 0; at < n; at++)
			for (int v = 0; v < 3; v++)
			{
				memcpy(buf, pc_tlds[i].name, n);
				buf[at] = v == 0 ? '\0' : v == 1 ? (uint8_t) toupper(buf[at]) : (uint8_t) (buf[at] == 'z' ? 'a' : buf[at] + 1);
				wrong += !same_tld(pc_tld_find((pc_span) {buf, n}), tld_by_scan(buf, n));
			}
	}
	wrong += random_tld_lookups(&st, 7, 4, "abcdeinorstAZ-", 15);
	CHECKF(wrong == 0, "%d lookups differ from a scan", wrong);
	CHECKF(found >= 3 * (int) (sizeof(pc_tlds) / sizeof(pc_tlds[0])), "%d of the TLD variants found", found);
}

/*
 * pc_lint keeps a plan per (kind, bare TBS, minimum severity, issuer given)
 * and checks windows from it.  On every fixture, under three thresholds,
 * four instants (one before 1970, where a window that is always open must
 * still be open) and with and without an issuer (more keys than the cache
 * has slots, so plans are evicted and rebuilt), it must find exactly what
 * testing every rule finds.
 */
static void
test_rule_plans(void)
{
	static const int64_t instants[] = {0, 1262304000 /* 2010-01-01 */ , 1893456000 /* 2030-01-01 */ ,
	-631152000 /* 1950-01-01: windows open at "always" */ };
	pc_finding *ref_items = xmalloc(items_cap * sizeof(pc_finding));
	pc_cert    *issuer = xmalloc(sizeof(pc_cert));
	uint8_t    *issuer_der;
	size_t		issuer_len;
	pc_error	err;
	int			runs = 0,
				bad = 0,
				kinds = 0;
	uint32_t	seen[64];
	fixture_walk w = {0};

	cur_test = "rule plans";
	issuer_der = load_fixture("good_tls_ca", &issuer_len);
	CHECK(issuer_der != NULL && pc_decode(issuer_der, issuer_len, issuer, &err));
	while (fixture_walk_next(&w))
	{
		if (kinds < 64)
		{
			int			k = 0;

			while (k < kinds && seen[k] != scratch->kind)
				k++;
			if (k == kinds)
				seen[kinds++] = scratch->kind;
		}
		for (int v = 0; v < 3 * 4 * 2; v++)
		{
			pc_options	opt = {0};
			pc_report	got,
						want;

			opt.min_severity = (pc_severity[]) {0, PC_WARN, PC_ERROR}[v % 3];
			opt.at = instants[(v / 3) % 4];
			opt.at_set = opt.at != 0;
			opt.issuer = v / 12 ? issuer : NULL;
			pc_report_init(&got, items, items_cap);
			pc_lint(scratch, &opt, &got);
			pc_report_init(&want, ref_items, items_cap);
			lint_every_rule(scratch, &opt, &want);
			runs++;
			if (!same_findings(&got, &want))
			{
				if (bad++ < 5)
					fprintf(stderr, "  plan differs on %s (variant %d): %zu vs %zu findings\n",
							w.name, v, got.n, want.n);
			}
		}
	}
	CHECKF(runs > 1000 && bad == 0, "cached plans changed findings on %d of %d runs", bad, runs);
	/* kinds x 3 thresholds x 2 issuer settings must overflow the 32 slots */
	CHECKF(kinds * 6 > 32, "only %d certificate kinds among the fixtures", kinds);
	free(issuer_der);
	free(issuer);
	free(ref_items);
}

/* The memoised public-suffix lookup answers as the direct one, also past its slots. */
static void
test_psl_memo(void)
{
	static const char *const names[] = {
		"www.example.com", "example.co.uk", "a.b.example.co.uk", "city.kawasaki.jp",
		"www.city.kawasaki.jp", "foo.bar.kawasaki.jp", "localhost", "com", "co.uk", "Example.COM",
	};
	char		text[64 * 40];
	pc_span		span[64];
	size_t		pos = 0;
	pc_report	r;
	pc_finding	items[4];
	int			bad = 0;

	/* 64 names (twice the memo's slots), each at its own address */
	for (int i = 0; i < 64; i++)
	{
		const char *nm = names[i % 10];
		int			len = snprintf(text + pos, sizeof(text) - pos, "%s%s", i >= 10 ? "x." : "", nm);

		span[i] = (pc_span) {(const uint8_t *) text + pos, (size_t) len};
		pos += (size_t) len + 1;
	}
	pc_report_init(&r, items, 4);
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 64; i++)
		{
			bool		l1,
						l2;
			size_t		a = pc_public_suffix(&r, span[i], &l1),
						b = pc_public_suffix_at((const char *) span[i].p, span[i].n, &l2);

			bad += a != b || l1 != l2;
		}
	CHECK_EQ(bad, 0);
	/* known answers: plain, exception and wildcard rules, and the default rule */
	{
		static const struct
		{
			const char *name;
			size_t		off;
			bool		listed;
		}			known[] = {
			{"www.example.com", 12, true}, {"example.co.uk", 8, true},
			{"city.kawasaki.jp", 5, true},	/* !city.kawasaki.jp */
			{"www.city.kawasaki.jp", 9, true},
			{"foo.bar.kawasaki.jp", 4, true},	/* *.kawasaki.jp */
			{"a.b.c.sch.uk", 4, true},	/* *.sch.uk */
			{"www.ck", 4, true},	/* !www.ck */
			{"localhost", 0, false}, {"com", 0, true}, {"Example.COM", 8, true},
			{"host.example.com.", 13, true},	/* a trailing dot is ignored */
		};

		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
		{
			bool		listed;
			size_t		off = pc_public_suffix_at(known[k].name, strlen(known[k].name), &listed);

			CHECKF(off == known[k].off && listed == known[k].listed,
				   "public suffix of %s: offset %zu listed %d", known[k].name, off, (int) listed);
		}
	}
	/* the one-step answer for whole names agrees with the walk */
	{
		static const char *const whole[] = {
			"com", "co.uk", "uk", "kawasaki.jp", "city.kawasaki.jp", "foo.kawasaki.jp",
			"bar.foo.kawasaki.jp", "www.ck", "ck", "x.ck", "sch.uk", "a.sch.uk", "localhost",
			"example.com", "COM", "co.uk.", "", ".", "a..", "github.io", "s3.amazonaws.com",
			"xn--p1ai", "nom.br", "a.nom.br", "b.a.nom.br",
		};
		int			disagree = 0;

		for (size_t k = 0; k < sizeof(whole) / sizeof(whole[0]); k++)
		{
			pc_span		nm = {(const uint8_t *) whole[k], strlen(whole[k])};
			bool		listed;
			bool		walk = nm.n > 0 &&
				pc_public_suffix_at(whole[k], nm.n, &listed) == 0 && listed;

			if (walk != pc_psl_whole_name(nm))
			{
				disagree++;
				fprintf(stderr, "  whole-name public suffix disagrees on \"%s\"\n", whole[k]);
			}
		}
		CHECK_EQ(disagree, 0);
	}
	/* the same address with another length is another name */
	CHECK_EQ(pc_public_suffix(&r, (pc_span) {span[0].p, 11}, NULL), 4);	/* "www.example" */
	CHECK_EQ(pc_public_suffix(&r, span[0], NULL), 12);	/* "www.example.com": "com" */
}

static void
test_engine(void)
{
	pc_report	r;
	pc_finding	few[2];
	size_t		n = pc_rule_count();
	int			dup = 0;

	cur_test = "engine";
	CHECK(n > 1);
	CHECK(pc_rule_at(0) == &pc_rule_unparseable);
	CHECK(pc_rule_at(n) == NULL);
	CHECK_EQ(pc_report_capacity(), n);
	for (size_t i = 0; i < n; i++)
	{
		const pc_rule *a = pc_rule_at(i);

		/* only the core's fatal rules (undecodable input) have no check */
		CHECKF(a->name && (a->check != NULL || a->severity == PC_FATAL),
			   "rule %zu has no check", i);
		CHECKF(pc_rule_find(a->name) == a, "%s is not found by name", a->name);
		CHECKF(a->until == 0 || a->until > a->from, "%s: window is empty", a->name);
		CHECKF(strchr("ewnf", a->name[0]) && a->name[1] == '_' &&
			   (a->name[0] == 'f') == (a->severity == PC_FATAL),
			   "%s: prefix is not e_, w_, n_ (or f_ for the fatal rule)", a->name);
		/* ZLint keeps a few names whose prefix is not their severity; say so */
		if (!((a->name[0] == 'e' && a->severity == PC_ERROR) ||
			  (a->name[0] == 'w' && a->severity == PC_WARN) ||
			  (a->name[0] == 'n' && a->severity <= PC_NOTICE) || a->name[0] == 'f'))
			printf("  note: %s has severity %s\n", a->name, pc_severity_name(a->severity));
		for (size_t j = 0; j < i; j++)
			dup += strcmp(pc_rule_at(j)->name, a->name) == 0;
	}
	CHECK_EQ(dup, 0);
	CHECK(pc_rule_find("no_such_rule") == NULL);

	/* severities */
	{
		pc_severity s;

		CHECK(pc_severity_parse("warn", &s) && s == PC_WARN);
		CHECK(!pc_severity_parse("WARN", &s));
		CHECK_STR(pc_severity_name(PC_FATAL), "fatal");
		CHECK_STR(pc_severity_name((pc_severity) 99), "unknown");
	}

	/* windows: from inclusive, until exclusive */
	{
		pc_rule		w = {.from = PC_DATE(2020, 9, 1), .until = PC_DATE(2026, 3, 15)};

		CHECK(!pc_rule_in_force(&w, PC_DATE(2020, 9, 1) - 1));
		CHECK(pc_rule_in_force(&w, PC_DATE(2020, 9, 1)));
		CHECK(pc_rule_in_force(&w, PC_DATE(2026, 3, 15) - 1));
		CHECK(!pc_rule_in_force(&w, PC_DATE(2026, 3, 15)));
	}

	/* a full report: overflow is recorded, nothing written past cap */
	pc_report_init(&r, few, 1);
	r.cur = pc_rule_at(1);
	pc_fail(&r, "first");
	pc_fail(&r, "same rule extends %d", 2);
	r.cur = pc_rule_at(2);
	pc_fail(&r, "second");
	CHECK_EQ(r.n, 1);
	CHECK(r.overflow);
	CHECK_STR(few[0].detail, "first; same rule extends 2");

	/* a detail longer than PC_DETAIL_MAX is truncated, terminated */
	pc_report_init(&r, few, 2);
	r.cur = pc_rule_at(1);
	for (int i = 0; i < 100; i++)
		pc_fail(&r, "0123456789");
	CHECK(strlen(few[0].detail) < PC_DETAIL_MAX);

	/* empty input through pc_lint_der */
	r = lint((const uint8_t *) "", 0);
	CHECK(r.n == 1 && r.items[0].rule == &pc_rule_unparseable);
	CHECK_STR(r.items[0].detail, "empty input (at byte offset 0)");
}

/* ---------------------------------------------------------------- detail text */

/*
 * Is s text the database can hold: well-formed UTF-8 (no overlong forms,
 * surrogates or code points past U+10FFFF) and no control characters?  A
 * finding's detail becomes a SQL text value; bytes that are not UTF-8 make
 * a client with another client_encoding fail the whole query, and stored in
 * a table they break dump and restore.
 */
static bool
valid_text(const char *s, size_t *bad_at)
{
	const uint8_t *p = (const uint8_t *) s;
	size_t		i = 0;

	while (p[i])
	{
		uint8_t		b = p[i];
		int			n;
		uint32_t	cp;

		if (b < 0x20 || b == 0x7f)
			break;
		if (b < 0x80)
		{
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf)
			n = 1, cp = b & 0x1f;
		else if (b >= 0xe0 && b <= 0xef)
			n = 2, cp = b & 0x0f;
		else if (b >= 0xf0 && b <= 0xf4)
			n = 3, cp = b & 0x07;
		else
			break;
		for (int k = 1; k <= n; k++)
		{
			if ((p[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
			(n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			break;
		i += (size_t) n + 1;
	}
	if (p[i] == '\0')
		return true;
bad:
	*bad_at = i;
	return false;
}

/* The first 'max' octets of s, printable: other octets as \xNN. */
static void
escape_text(const char *s, size_t max, char *buf, size_t size)
{
	size_t		used = 0;

	for (size_t i = 0; s[i] && i < max && used + 5 < size; i++)
	{
		uint8_t		b = (uint8_t) s[i];

		if (b >= 0x20 && b < 0x7f)
			buf[used++] = (char) b;
		else
			used += (size_t) snprintf(buf + used, size - used, "\\x%02x", b);
	}
	buf[used] = '\0';
}

/* Check every finding of a lint run; report the first bad one. */
static void
check_details(const char *what, const uint8_t *der, size_t len)
{
	pc_report	r = lint_at(der, len, PC_DATE(2030, 1, 1));

	for (size_t i = 0; i < r.n; i++)
	{
		size_t		at = 0;
		char		shown[400];

		if (!valid_text(r.items[i].detail, &at))
		{
			escape_text(r.items[i].detail, 100, shown, sizeof(shown));
			CHECKF(false, "%s: %s detail is not UTF-8 text at octet %zu (0x%02x): %s",
				   what, r.items[i].rule->name, at, (uint8_t) r.items[i].detail[at], shown);
			return;
		}
	}
	CHECK(true);
}

static void
test_detail_text(void)
{
	static const char *const cns[] = {
		/* valid UTF-8 that an 80-octet cut splits inside a character */
		"a\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f"
		"\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f"
		"\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f"
		"\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f"
		"\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f\xd1\x8f.example.com",
		/* not UTF-8 at all, and control characters */
		"\xff\xfe bad \xc3",
		"esc\x1b[31mred\x7f\x01.example.com",
		"line\nbreak.example.com",
	};
	size_t		nmut = 0,
				nbad = 0;

	cur_test = "detail text";
	for (size_t i = 0; i < sizeof(cns) / sizeof(cns[0]); i++)
	{
		bld			b;
		char		what[32];
		uint8_t		key[33] = {0};

		b_init(&b);
		b_begin(&b, PC_T_SEQUENCE);
		b_begin(&b, PC_T_SEQUENCE);
		b_hex(&b, "a0 03 02 01 02  02 01 01  30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
		b_begin(&b, PC_T_SEQUENCE);
		b_rdn(&b, "2.5.4.3", PC_T_UTF8STRING, "Test CA");
		b_end(&b);
		b_hex(&b, "30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a 17 0d 32 33 30 33 33 31 30 30 30 30 30 30 5a");
		b_begin(&b, PC_T_SEQUENCE);
		b_rdn(&b, "2.5.4.3", PC_T_UTF8STRING, cns[i]);
		b_end(&b);
		b_begin(&b, PC_T_SEQUENCE);
		b_begin(&b, PC_T_SEQUENCE);
		b_oid(&b, "1.3.101.112");
		b_end(&b);
		b_tlv(&b, PC_T_BITSTRING, key, sizeof(key));
		b_end(&b);
		b_begin(&b, PC_CTXC(3));
		b_begin(&b, PC_T_SEQUENCE);
		b_begin(&b, PC_T_SEQUENCE);
		b_oid(&b, "2.5.29.17");
		b_begin(&b, PC_T_OCTETSTRING);
		b_begin(&b, PC_T_SEQUENCE);
		b_str(&b, PC_CTX(2), cns[i]);	/* the same bytes as a dNSName */
		b_str(&b, PC_CTX(2), "example.com");
		b_end(&b);
		b_end(&b);
		b_end(&b);
		b_end(&b);
		b_end(&b);
		b_end(&b);
		b_sig(&b);
		b_end(&b);
		snprintf(what, sizeof(what), "commonName %zu", i);
		check_details(what, b.buf, b.n);
		b_free(&b);
	}

	/* every fixture */
	for (int i = 0; i < nrows; i++)
	{
		size_t		len;
		uint8_t    *der = load_fixture(rows[i].name, &len);

		if (der)
			check_details(rows[i].name, der, len);
		free(der);
	}

	/* a fixture with each octet of its subject and SAN values set to 0xd1 */
	{
		size_t		len;
		uint8_t    *der = load_fixture("good_dv_2021", &len);

		for (size_t pos = 0; der && pos < len; pos++)
		{
			uint8_t    *p;
			pc_report	r;

			if (der[pos] < 'a' || der[pos] > 'z')
				continue;		/* only text octets */
			p = xmalloc(len);
			memcpy(p, der, len);
			p[pos] = 0xd1;
			r = lint_at(p, len, PC_DATE(2030, 1, 1));
			nmut++;
			for (size_t i = 0; i < r.n; i++)
			{
				size_t		at;

				if (!valid_text(r.items[i].detail, &at))
				{
					nbad++;
					break;
				}
			}
			free(p);
		}
		free(der);
	}
	CHECKF(nbad == 0, "%zu of %zu certificates with one non-UTF-8 octet in a name give a detail "
		   "that is not UTF-8 text", nbad, nmut);
}

/* ---------------------------------------------------------------- bounded time */

/*
 * A certificate with 'nsan' subjectAltName entries (dNSNames, or iPAddresses
 * when 'ip') and then 'last' as one more dNSName when not NULL, 'ncn'
 * commonNames (with an underscore, which only some name rules judge), and
 * when 'nnc' > 0 a CA nameConstraints extension with that
 * many permitted dNSName subtrees.
 */
static void
b_names_cert(bld *b, int ncn, int nsan, bool ip, int nnc, const char *last)
{
	char		name[64];

	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_hex(b, "a0 03 02 01 02  02 01 01  30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "Big");
	b_end(b);
	b_hex(b, "30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a 17 0d 32 33 30 33 33 31 30 30 30 30 30 30 5a");
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < ncn; i++)
	{
		snprintf(name, sizeof(name), "cn_%d.example.com", i);
		b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, name);
	}
	b_end(b);
	b_hex(b, "30 2a 30 05 06 03 2b 65 70 03 21 00 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11"
		  "11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11");
	b_begin(b, PC_CTXC(3));
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "2.5.29.17");
	b_begin(b, PC_T_OCTETSTRING);
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < nsan; i++)
	{
		if (ip)
		{
			uint8_t		a[4] = {10, (uint8_t) (i >> 16), (uint8_t) (i >> 8), (uint8_t) i};

			b_tlv(b, PC_CTX(7), a, 4);
		}
		else
		{
			snprintf(name, sizeof(name), "h%d.example.com", i);
			b_str(b, PC_CTX(2), name);
		}
	}
	if (last)
		b_str(b, PC_CTX(2), last);
	b_end(b);
	b_end(b);
	b_end(b);
	if (nnc > 0)
	{
		b_ext_hex(b, "2.5.29.19", 1, "30 03 01 01 ff");
		b_begin(b, PC_T_SEQUENCE);
		b_oid(b, "2.5.29.30");
		b_hex(b, "01 01 ff");
		b_begin(b, PC_T_OCTETSTRING);
		b_begin(b, PC_T_SEQUENCE);
		b_begin(b, PC_CTXC(0));
		for (int i = 0; i < nnc; i++)
		{
			b_begin(b, PC_T_SEQUENCE);
			snprintf(name, sizeof(name), "d%d.example.org", i);
			b_str(b, PC_CTX(2), name);
			b_end(b);
		}
		b_end(b);
		b_end(b);
		b_end(b);
		b_end(b);
	}
	b_end(b);
	b_end(b);
	b_end(b);
	b_sig(b);
	b_end(b);
}

/*
 * The BR name rules keep a certificate's DNS names in the report; one with
 * more names than it keeps is walked each time.  Either way the findings are
 * those of walking every time (forced here by marking the list too long),
 * including for the last name, just inside and past the kept count.
 */
static void
test_dns_name_memo(void)
{
	static const struct
	{
		int			ncn;
		int			nsan;
	}			shapes[] = {{0, 3}, {2, 5}, {1, PC_DNS_MEMO - 2}, {1, PC_DNS_MEMO - 1},
	{0, PC_DNS_MEMO}, {3, PC_DNS_MEMO + 4}, {PC_DNS_MEMO + 1, 2}};
	pc_finding *ref_items = xmalloc(items_cap * sizeof(pc_finding));
	int			fired = 0;

	cur_test = "dns name memo";
	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
	{
		bld			b;
		pc_error	err;
		pc_options	opt = {0};
		pc_report	got,
					want;
		bool		saw = false;

		b_init(&b);
		b_names_cert(&b, shapes[k].ncn, shapes[k].nsan, false, 0, "bad!name.example.com");
		CHECK(pc_decode(b.buf, b.n, scratch, &err));
		pc_report_init(&got, items, items_cap);
		pc_lint(scratch, &opt, &got);
		pc_report_init(&want, ref_items, items_cap);
		/* the reference walks every name and trusts no summary of them */
		want.dns_n = PC_DNS_MEMO + 1;
		want.dns_cert = scratch;
		want.dns_fcn = want.dns_fsan = UINT16_MAX;
		want.dns_san_empty = true;
		lint_every_rule(scratch, &opt, &want);
		CHECKF(same_findings(&got, &want), "names %d+%d: %zu findings kept, %zu walked",
			   shapes[k].ncn, shapes[k].nsan, got.n, want.n);
		for (size_t i = 0; i < got.n; i++)
			saw |= strcmp(got.items[i].rule->name, "e_dnsname_bad_character_in_label") == 0 &&
				strstr(got.items[i].detail, "bad!name") != NULL;
		fired += saw;
		b_free(&b);
	}
	CHECKF(fired == (int) (sizeof(shapes) / sizeof(shapes[0])), "last name judged in %d shapes", fired);

	/*
	 * The same walk notes whether some SAN entry is empty (pc_san_has_empty),
	 * which spares e_ext_san_empty_name its walk: against a walk on every
	 * fixture, and on built SANs whose last dNSName is empty, after
	 * dNSNames or iPAddresses, within and past the kept count.
	 */
	{
		int			wrong = 0,
					empty = 0,
					seen = 0;

		for (int i = 0; i < nrows + 2 * (int) (sizeof(shapes) / sizeof(shapes[0])); i++)
		{
			size_t		len = 0;
			uint8_t    *der = NULL;
			bld			b;
			pc_error	err;
			pc_report	r;
			pc_gn_iter	g;
			pc_gn		gn;
			bool		walked = false;
			int			k = (i - nrows) / 2;

			if (i < nrows)
				der = load_fixture(rows[i].name, &len);
			else
			{
				b_init(&b);
				b_names_cert(&b, shapes[k].ncn, shapes[k].nsan, (i - nrows) % 2, 0, "");
				der = b.buf;
				len = b.n;
				/* the empty last entry an rfc822Name or a URI, not a dNSName, in some */
				if (k % 3 && pc_decode(der, len, scratch, &err) &&
					scratch->san.p[scratch->san.n - 2] == PC_CTX(PC_GN_DNS))
					der[scratch->san.p + scratch->san.n - 2 - der] =
						k % 3 == 1 ? PC_CTX(PC_GN_RFC822) : PC_CTX(PC_GN_URI);
			}
			if (der != NULL && pc_decode(der, len, scratch, &err))
			{
				pc_report_init(&r, items, items_cap);
				pc_gn_begin(&g, scratch->san);
				while (pc_gn_next(&g, &gn))
					walked |= gn.v.n == 0;
				wrong += pc_san_has_empty(scratch, &r) != walked;
				empty += walked;
				seen++;
				if (i >= nrows)
				{
					pc_options	opt = {0};

					pc_report_init(&r, items, items_cap);
					pc_lint(scratch, &opt, &r);
					wrong += finding(&r, "e_ext_san_empty_name") == NULL;
				}
			}
			free(der);
		}
		CHECKF(wrong == 0 && empty >= 2 * (int) (sizeof(shapes) / sizeof(shapes[0])) && seen > 50,
			   "empty SAN entry: %d wrong over %d certificates (%d with one)", wrong, seen, empty);
	}

	/* the list belongs to one certificate: asked about another, it is made again */
	{
		bld			a,
					b;
		pc_cert    *other = xmalloc(sizeof(pc_cert));
		pc_error	err;
		pc_report	r;

		b_init(&a);
		b_init(&b);
		b_names_cert(&a, 1, 2, false, 0, "under_score.example.com");
		b_names_cert(&b, 1, 2, false, 0, "plain.example.com");
		CHECK(pc_decode(a.buf, a.n, scratch, &err) && pc_decode(b.buf, b.n, other, &err));
		pc_report_init(&r, items, items_cap);
		CHECK(pc_dns_facts(scratch, &r, false) & PC_DNSF_UNDERSCORE);
		CHECK(!(pc_dns_facts(other, &r, false) & PC_DNSF_UNDERSCORE));
		CHECK(pc_dns_facts(scratch, &r, false) & PC_DNSF_UNDERSCORE);
		b_free(&a);
		b_free(&b);
		free(other);
	}
	free(ref_items);
}

static void b_cn_san_cert(bld *b, const char *const *cns, int ncn, const char *const *sans, int nsan);

/* A TLS subscriber whose SAN holds the dNSNames given (no commonName). */
static void
b_dns_list_cert(bld *b, const char *const *names, int n)
{
	b_cn_san_cert(b, NULL, 0, names, n);
}

/* The detail of one rule called directly on c ("" when it finds nothing). */
static void
rule_detail(const char *name, const pc_cert *c, char *out, size_t size)
{
	const pc_rule *rule = pc_rule_find(name);
	pc_options	opt = {0};
	pc_report	r;

	pc_report_init(&r, items, items_cap);
	r.opt = &opt;
	r.cur = rule;
	rule->check(c, &r);
	snprintf(out, size, "%s", r.n > 0 ? r.items[0].detail : "");
}

/*
 * e_dnsname_not_valid_tld looks up a TLD only when a name's last label
 * differs from the previous name's, and takes a name that ends in '.' and
 * that label, octet for octet, without looking for its last dot.  On lists
 * of names that share TLDs exactly, in another case, inside a longer label
 * ("xcom" after "a.com"), as a whole name, with empty labels, unknown and
 * not-yet-delegated TLDs: the rule's detail for the list is the details of
 * each name alone, joined as pc_fail joins them.
 */
static void
test_tld_names(void)
{
	static const char *const pool[] = {
		"a.com", "b.com", "B.COM", "x.Com", "com", "xcom", ".com", "a.com.", "a.", ".", "",
		"a..com", "a.org", "b.ORG", "org", "a.zz", "b.zz", "zz", "a.xcom", "com.com", "a.c\0m",
		"a.app", "a.APP", "a.bcom", "c.om", "a.example", "a.llc",
		/* not TLDs, of the length of one and differing from it after its first octet */
		"a.cxm", "a.cox", "a.orx",
	};
	uint64_t	st = 0x510e527fade682d1ULL;
	pc_cert    *one = xmalloc(sizeof(pc_cert));
	int			wrong = 0,
				fired = 0;

	cur_test = "tld names";
	for (int trial = 0; trial < 3000; trial++)
	{
		const char *names[5];
		int			n = 1 + (int) (xorshift(&st) % 5);
		char		got[PC_DETAIL_MAX],
					want[PC_DETAIL_MAX] = "";
		bld			b;
		pc_error	err;

		for (int i = 0; i < n; i++)
			names[i] = pool[xorshift(&st) % (sizeof(pool) / sizeof(pool[0]))];
		b_init(&b);
		b_dns_list_cert(&b, names, n);
		if (!pc_decode(b.buf, b.n, scratch, &err))
		{
			CHECKF(false, "%d names: %s", n, err.msg);
			b_free(&b);
			continue;
		}
		rule_detail("e_dnsname_not_valid_tld", scratch, got, sizeof(got));
		for (int i = 0; i < n; i++)
		{
			bld			b1;
			char		alone[PC_DETAIL_MAX];
			size_t		used = strlen(want);

			b_init(&b1);
			b_dns_list_cert(&b1, &names[i], 1);
			if (pc_decode(b1.buf, b1.n, one, &err))
				rule_detail("e_dnsname_not_valid_tld", one, alone, sizeof(alone));
			else
				snprintf(alone, sizeof(alone), "(%s)", err.msg);
			b_free(&b1);
			if (alone[0] == '\0')
				continue;
			/* as pc_fail extends a detail */
			if (used > 0)
			{
				if (used + 3 >= sizeof(want))
					continue;
				memcpy(want + used, "; ", 3);
				used += 2;
			}
			snprintf(want + used, sizeof(want) - used, "%s", alone);
		}
		fired += want[0] != '\0';
		wrong += strcmp(got, want) != 0;
		if (strcmp(got, want) != 0 && wrong <= 3)
			CHECKF(false, "%d names: detail \"%s\", alone \"%s\"", n, got, want);
		b_free(&b);
	}
	CHECKF(wrong == 0 && fired > 1000 && fired < 3000, "%d lists judged wrong (%d with a finding)", wrong, fired);
	free(one);
}

/*
 * e_tbs_signature_rsa_encryption_parameter_not_null knows the PKCS #1 v1.5
 * algorithms by a prefix and a bit of the last octet, and takes the usual
 * fifteen-octet AlgorithmIdentifier with NULL parameters without reading
 * it.  Against eight comparisons and the parameters read by hand: every
 * last octet under the prefix, other prefixes and lengths, with no
 * parameters, NULL, a NULL with content, long-form lengths, other types.
 */
static void
test_pkcs1_params(void)
{
	static const char *const pkcs1[] = {
		OID_ALG_RSA, OID_ALG_MD2_RSA, OID_ALG_MD5_RSA, OID_ALG_SHA1_RSA,
		OID_ALG_SHA224_RSA, OID_ALG_SHA256_RSA, OID_ALG_SHA384_RSA, OID_ALG_SHA512_RSA,
	};
	static const struct
	{
		const char *hex;		/* parameters TLV, or "" for none */
		bool		null;
	}			params[] = {
		{"", false}, {"05 00", true}, {"05 01 00", false}, {"02 01 00", false},
		{"05 81 00", false}, {"30 00", false}, {"05 00 05 00", true}, {"05 01", false},
	};
	pc_cert    *c = xmalloc(sizeof(pc_cert));
	int			wrong = 0,
				fired = 0;

	cur_test = "pkcs1 params";
	for (int variant = 0; variant < 4; variant++)
		for (int last = 0; last < 256; last++)
			for (size_t k = 0; k < sizeof(params) / sizeof(params[0]); k++)
			{
				uint8_t		oid[12],
							alg[40],
							par[8];
				size_t		on = 9,
							pn,
							an = 0;
				bool		listed = false;
				char		got[PC_DETAIL_MAX];

				memcpy(oid, OID_ALG_RSA, 9);
				oid[8] = (uint8_t) last;
				if (variant == 1)
					oid[3] ^= 0x01;		/* another prefix */
				else if (variant == 2)
					oid[on++] = 0x01;	/* one octet longer */
				else if (variant == 3)
					on = 8;		/* one octet shorter, the last one moved */
				if (variant == 3)
					oid[7] = (uint8_t) last;
				for (size_t i = 0; i < sizeof(pkcs1) / sizeof(pkcs1[0]); i++)
					listed |= on == 9 && memcmp(oid, pkcs1[i], 9) == 0;
				pn = unhex(params[k].hex, par, sizeof(par));
				alg[an++] = PC_T_SEQUENCE;
				alg[an++] = (uint8_t) (2 + on + pn);
				alg[an++] = PC_T_OID;
				alg[an++] = (uint8_t) on;
				memcpy(alg + an, oid, on);
				an += on;
				memcpy(alg + an, par, pn);
				an += pn;
				memset(c, 0, sizeof(*c));
				c->tbs_sig_oid = (pc_span) {alg + 4, on};
				c->tbs_sig_alg = (pc_span) {alg, an};
				rule_detail("e_tbs_signature_rsa_encryption_parameter_not_null", c, got, sizeof(got));
				/* the parameters are the TLV after the OID; NULL is "05 00" exactly */
				if ((got[0] != '\0') != (listed && !params[k].null))
				{
					if (++wrong <= 3)
						CHECKF(false, "variant %d, last arc %d, parameters \"%s\": \"%s\"",
							   variant, last, params[k].hex, got);
				}
				fired += got[0] != '\0';
			}
	CHECKF(wrong == 0 && fired == 8 * 6, "%d answers wrong, %d findings", wrong, fired);
	free(c);
}

/*
 * The three basicConstraints rules read the value with read_bc, which takes
 * the empty SEQUENCE without opening it.  On values around that one, what
 * each rule finds (no keyUsage, so a pathLenConstraint with cA TRUE lacks
 * keyCertSign).
 */
static void
test_basic_constraints_read(void)
{
	static const struct
	{
		const char *hex;
		bool		invalid_der,	/* e_basic_constr_invalid_der */
					improper,	/* e_path_len_constraint_improperly_included */
					negative;	/* e_path_len_constraint_zero_or_less */
	}			cases[] = {
		{"30 00", false, false, false},
		{"30 00 00", false, false, false},
		{"31 00", false, false, false},
		{"30 01 00", false, false, false},
		{"30 80 00 00", false, false, false},
		{"30 02 01 00", false, false, false},
		{"30 03 01 01 ff", false, false, false},
		{"30 03 01 01 00", true, false, false},
		{"30 03 01 01 01", true, false, false},
		{"30 03 02 01 00", false, true, false},
		{"30 03 02 01 80", false, true, true},
		{"30 06 01 01 ff 02 01 00", false, true, false},
		{"30 06 01 01 00 02 01 ff", true, true, true},
	};
	pc_cert    *c = xmalloc(sizeof(pc_cert));
	int			wrong = 0;

	cur_test = "basicConstraints read";
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
	{
		uint8_t		v[16];
		size_t		n;
		char		a[PC_DETAIL_MAX],
					b[PC_DETAIL_MAX],
					d[PC_DETAIL_MAX];

		n = unhex(cases[k].hex, v, sizeof(v));
		memset(c, 0, sizeof(*c));
		c->next = 1;
		c->xi[PC_X_BC] = 1;
		c->xmask = 1u << PC_X_BC;
		c->ext[0].xid = PC_X_BC;
		c->ext[0].value = (pc_span) {v, n};
		rule_detail("e_basic_constr_invalid_der", c, a, sizeof(a));
		rule_detail("e_path_len_constraint_improperly_included", c, b, sizeof(b));
		rule_detail("e_path_len_constraint_zero_or_less", c, d, sizeof(d));
		if ((a[0] != '\0') != cases[k].invalid_der || (b[0] != '\0') != cases[k].improper ||
			(d[0] != '\0') != cases[k].negative)
		{
			CHECKF(false, "basicConstraints %s: \"%s\", \"%s\", \"%s\"", cases[k].hex, a, b, d);
			wrong++;
		}
	}
	CHECKF(wrong == 0, "%d basicConstraints values judged wrong", wrong);
	free(c);
}


/*
 * n random octets into name: a lower-case letter but one time in one_in,
 * then one of the k octets of others.
 */
static void
random_name(uint8_t *name, size_t n, uint64_t *st, unsigned one_in, const uint8_t *others, size_t k)
{
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	x = xorshift(st);

		name[i] = x % one_in ? (uint8_t) ('a' + (x >> 8) % 26) : others[(x >> 8) % k];
	}
}
/*
 * The facts of a DNS name against their definitions, written here from
 * the name split at its dots: crafted names, then random ones over an
 * alphabet of the octets the facts distinguish.
 */
static uint16_t
dns_facts_by_definition(const uint8_t *p, size_t n)
{
	uint16_t	f = 0;
	size_t		start = 0;
	char		low[300];

	for (size_t i = 0; i < n; i++)
	{
		uint8_t		ch = p[i];

		if (ch >= 'A' && ch <= 'Z')
			f |= PC_DNSF_UPPER;
		else if (ch == '-')
			f |= PC_DNSF_HYPHEN;
		else if (ch == '_')
			f |= PC_DNSF_UNDERSCORE;
		else if (ch == '*')
			f |= PC_DNSF_STAR;
		else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.'))
			f |= PC_DNSF_OTHER | (ch >= 0x80 ? PC_DNSF_NONASCII : 0);
		if (i + 1 < n && ch == '-' && p[i + 1] == '-')
			f |= PC_DNSF_DOUBLE_HYPHEN;
	}
	/* every label, including the empty ones */
	for (size_t i = 0; i <= n; i++)
	{
		size_t		len;

		if (i < n && p[i] != '.')
			continue;
		len = i - start;
		if (len == 0)
			f |= PC_DNSF_EMPTY_LABEL;
		if (len > 63)
			f |= PC_DNSF_LONG_LABEL;
		if (len > 0 && (p[start] == '-' || p[i - 1] == '-'))
			f |= PC_DNSF_HYPHEN_EDGE;
		start = i + 1;
	}
	if (n == 0 || memchr(p, '.', n) == NULL)
		f |= PC_DNSF_NO_DOT;
	if (n > 253)
		f |= PC_DNSF_TOO_LONG;
	for (size_t i = 0; i < n && i < sizeof(low) - 1; i++)
		low[i] = (char) tolower(p[i]);
	low[n < sizeof(low) - 1 ? n : sizeof(low) - 1] = '\0';
	if (n < sizeof(low) - 1 && n >= 6 && strcmp(low + n - 6, ".onion") == 0)
		f |= PC_DNSF_ONION;
	if (n < sizeof(low) - 1 && n >= 5 && strcmp(low + n - 5, ".arpa") == 0)
		f |= PC_DNSF_ARPA;
	return f;
}

static void
test_dns_name_facts(void)
{
	static const char *const crafted[] = {
		"", ".", "..", "a", "a.", ".a", "a..b", "www.example.com", "WWW.Example.COM",
		"-a.example.com", "a-.example.com", "a.-b.com", "a.b-.com", "a-b.com", "a--b.com",
		"xn--bcher-kva.example", "*.example.com", "a*.example.com", "a_b.example.com",
		"a b.com", "?.example.com", "x.onion", "X.ONION", "onion", "1.0.0.127.in-addr.arpa",
		"arpa", "x.ARPA", "-", "--", "a.b.c-",
	};
	static const uint8_t alphabet[] = "aZ09.-_*? \x80\xc3" "onirp";
	uint8_t		name[300];
	uint64_t	st = 0x6a09e667f3bcc908ULL;
	int			wrong = 0;

	cur_test = "dns name facts";
	for (size_t k = 0; k < sizeof(crafted) / sizeof(crafted[0]); k++)
	{
		pc_span		n = {(const uint8_t *) crafted[k], strlen(crafted[k])};
		uint16_t	got = pc_dns_name_facts(n),
					want = dns_facts_by_definition(n.p, n.n);

		CHECKF(got == want, "\"%s\": facts 0x%04x, by definition 0x%04x", crafted[k], got, want);
	}
	/* the NUL octet and long labels and names, which literals do not carry */
	memcpy(name, "a\0b.com", 7);
	CHECK_EQ(pc_dns_name_facts((pc_span) {name, 7}), dns_facts_by_definition(name, 7));
	for (int trial = 0; trial < 20000; trial++)
	{
		size_t		n = (size_t) (xorshift(&st) % (trial % 10 == 0 ? 290 : 24));
		uint16_t	got,
					want;

		/* mostly letters, so that labels grow past 63 in long names */
		random_name(name, n, &st, 4, alphabet, sizeof(alphabet) - 1);
		if (n >= 6 && trial % 7 == 0)
			memcpy(name + n - 6, trial % 2 ? ".oNion" : "x.arpa", 6);
		got = pc_dns_name_facts((pc_span) {name, n});
		want = dns_facts_by_definition(name, n);
		wrong += got != want;
		if (got != want && wrong <= 3)
			CHECKF(false, "random name of %zu octets: facts 0x%04x, by definition 0x%04x", n, got, want);
	}
	CHECKF(wrong == 0, "%d random names with wrong facts", wrong);

	/*
	 * Names of the usual octets only (lower-case letters, digits, '.', '-',
	 * '*'), which pc_dns_name_facts reads eight at a time: every length
	 * around the word and stride boundaries, the special octets at every
	 * place, the suffixes it compares as they are, and one octet of another
	 * class (upper case, '_', 0x80, NUL, ...) at every place, which sends
	 * the name back to the octet loop.
	 */
	wrong = 0;
	for (int trial = 0; trial < 60000; trial++)
	{
		static const uint8_t usual[] = "abcxyz09.-*";
		static const uint8_t odd[] = "AZ_?/ \x80\xff\x00:`{[@+,";
		size_t		n = (size_t) (trial % 3 ? 8 + xorshift(&st) % 24 : xorshift(&st) % 80);
		uint16_t	got,
					want;

		/* runs of letters between the special octets, pairs of them too */
		random_name(name, n, &st, 3, usual, sizeof(usual) - 1);
		if (n >= 6 && trial % 5 == 0)
			memcpy(name + n - 6, trial % 2 ? ".onion" : "x.arpa", 6);
		if (n > 0 && trial % 4 == 1)
			name[xorshift(&st) % n] = odd[xorshift(&st) % (sizeof(odd) - 1)];
		got = pc_dns_name_facts((pc_span) {name, n});
		want = dns_facts_by_definition(name, n);
		wrong += got != want;
		if (got != want && wrong <= 3)
			CHECKF(false, "usual name \"%.*s\" (%zu octets): facts 0x%04x, by definition 0x%04x",
				   (int) n, name, n, got, want);
	}
	CHECKF(wrong == 0, "%d usual names with wrong facts", wrong);
}

/* A TLS subscriber with the commonNames and SAN dNSNames given. */
static void
b_cn_san_cert(bld *b, const char *const *cns, int ncn, const char *const *sans, int nsan)
{
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_hex(b, "a0 03 02 01 02  02 01 01  30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "Big");
	b_end(b);
	b_hex(b, "30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a 17 0d 32 33 30 33 33 31 30 30 30 30 30 30 5a");
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < ncn; i++)
		b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, cns[i]);
	b_end(b);
	b_hex(b, "30 2a 30 05 06 03 2b 65 70 03 21 00 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11"
		  "11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11");
	b_begin(b, PC_CTXC(3));
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "2.5.29.17");
	b_begin(b, PC_T_OCTETSTRING);
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < nsan; i++)
		b_str(b, PC_CTX(2), sans[i]);
	b_end(b);					/* GeneralNames, extnValue, Extension */
	b_end(b);
	b_end(b);
	b_end(b);					/* Extensions, [3], TBSCertificate */
	b_end(b);
	b_end(b);
	b_sig(b);
	b_end(b);
}

/*
 * Do the report's summed facts of c's names (pc_dns_remember) equal the
 * facts of each name read alone, OR-ed?  The commonNames are judged with
 * pc_parse_ip_text_full, the plain test without its shortcut.
 */
static bool
dns_memo_facts_right(const pc_cert *c)
{
	pc_report	r;
	pc_gn_iter	g;
	pc_gn		gn;
	uint16_t	fcn = 0,
				fsan = 0;

	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		uint8_t		ip[16];
		size_t		iplen;

		if (PC_OID_IS(a->oid, OID_AT_CN) && a->value.n > 0 &&
			!pc_parse_ip_text_full(a->value, ip, &iplen))
			fcn |= pc_dns_name_facts(a->value);
	}
	pc_gn_begin(&g, c->san);
	while (pc_gn_next(&g, &gn))
		if (gn.type == PC_GN_DNS)
			fsan |= pc_dns_name_facts(gn.v);
	pc_report_init(&r, items, items_cap);
	pc_dns_remember(c, &r);
	return r.dns_fcn == fcn && r.dns_fsan == fsan;
}

/*
 * pc_dns_remember takes the first commonName's facts from the SAN name of
 * the same octets, when there is one, instead of reading it again: against
 * every name read alone, with commonNames that repeat a SAN name first,
 * last or not at all, that differ from one in case only, in one octet, or
 * are a prefix of one, several commonNames, IP-address commonNames, and on
 * every fixture.
 */
static void
test_dns_cn_facts_reuse(void)
{
	static const struct
	{
		const char *cn[3];
		const char *san[4];
	}			shapes[] = {
		{{"www.example.com"}, {"www.example.com", "example.com"}},
		{{"www.example.com"}, {"example.com", "a_b.example.com", "www.example.com"}},
		{{"WWW.example.com"}, {"www.example.com"}},
		{{"www.example.com"}, {"WWW.example.com"}},
		{{"a_b.example.com"}, {"a-b.example.com"}},
		{{"a-b.example.com"}, {"a_b.example.com"}},
		{{"www.example.co"}, {"www.example.com"}},
		{{"www.example.com"}, {"www.example.co"}},
		{{"*.example.com"}, {"x.example.com"}},
		{{"x.example.com", "*.example.com"}, {"x.example.com"}},
		{{"x.example.com", "*.example.com"}, {"*.example.com"}},
		{{"Big Co", "x--y.example.com", "x.example.com"}, {"x.example.com", "x--y.example.com"}},
		{{"10.0.0.1", "a_b.example.com"}, {"a-b.example.com", "10.0.0.1"}},
		{{"::1"}, {"::1", "x..y.example.com"}},
		{{"x.onion"}, {"y.onion", "x.onion"}},
		{{"xn--bcher-kva.example"}, {}},
		{{"a"}, {"a", "b"}},
		{{"A"}, {"a"}},
	};
	int			wrong = 0,
				seen = 0;

	cur_test = "dns cn facts reuse";
	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
	{
		bld			b;
		pc_error	err;
		int			ncn = 0,
					nsan = 0;

		while (ncn < 3 && shapes[k].cn[ncn])
			ncn++;
		while (nsan < 4 && shapes[k].san[nsan])
			nsan++;
		b_init(&b);
		b_cn_san_cert(&b, shapes[k].cn, ncn, shapes[k].san, nsan);
		CHECK(pc_decode(b.buf, b.n, scratch, &err));
		CHECKF(dns_memo_facts_right(scratch), "names of shape %zu (commonName \"%s\"): summed facts differ",
			   k, shapes[k].cn[0]);
		b_free(&b);
	}
	for (int i = 0; i < nrows; i++)
	{
		size_t		len = 0;
		uint8_t    *der = load_fixture(rows[i].name, &len);
		pc_error	err;

		if (der != NULL && pc_decode(der, len, scratch, &err))
		{
			wrong += !dns_memo_facts_right(scratch);
			seen++;
		}
		free(der);
	}
	CHECKF(wrong == 0 && seen > 50, "fixtures: %d of %d with wrong summed facts", wrong, seen);
}

/*
 * pc_parse_ip_text turns away names whose first two octets cannot be in an
 * address before calling pc_parse_ip_text_full: the two agree, address
 * octets too, on addresses of both families, mapped and compressed forms,
 * upper-case hex, and on host names and random strings of the octets that
 * addresses hold and a few that they do not.
 */
static void
test_ip_text_shortcut(void)
{
	static const char *const crafted[] = {
		"", "1", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "::", "::1", ":1",
		"1::", "fe80::1", "FE80::A", "::ffff:10.0.0.1", "::FFFF:1.2.3.4", "a::b", "ab", "ABC",
		".1", "..", "1.", ":.", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "g::1", "1g", "a:g",
		"www.example.com", "example.com", "*.example.com", "f.example.com", "fe.example.com",
		"1.2.3.4.5", " 1.2.3.4", "1.2.3.4 ", "@1", "`1", "/1", ";1", "1;", "Z", "F", "G",
		"1234:5678:9abc:def0:1234:5678:9abc:def0",
	};
	static const char alphabet[] = "0123456789abcdefABCDEF:.gxG/;@` -";
	uint64_t	st = 0x13198a2e03707344ULL;
	int			wrong = 0,
				addresses = 0;

	cur_test = "ip text shortcut";
	for (int trial = 0; trial < 200000 + (int) (sizeof(crafted) / sizeof(crafted[0])); trial++)
	{
		char		text[48];
		size_t		n;
		uint8_t		a1[16] = {0},
					a2[16] = {0};
		size_t		l1 = 0,
					l2 = 0;
		bool		got,
					want;

		if (trial < (int) (sizeof(crafted) / sizeof(crafted[0])))
		{
			n = strlen(crafted[trial]);
			memcpy(text, crafted[trial], n);
		}
		else
		{
			n = (size_t) (xorshift(&st) % 12);
			for (size_t i = 0; i < n; i++)
			{
				uint64_t	x = xorshift(&st);

				/* mostly digits and separators, so that some are addresses */
				text[i] = x % 3 ? "0123456789.:"[(x >> 8) % 12] :
					alphabet[(x >> 8) % (sizeof(alphabet) - 1)];
			}
		}
		got = pc_parse_ip_text((pc_span) {(const uint8_t *) text, n}, a1, &l1);
		want = pc_parse_ip_text_full((pc_span) {(const uint8_t *) text, n}, a2, &l2);
		addresses += want;
		if (got != want || (got && (l1 != l2 || memcmp(a1, a2, l1) != 0)))
		{
			if (++wrong <= 3)
				CHECKF(false, "\"%.*s\": %d with the shortcut, %d without", (int) n, text, got, want);
		}
	}
	CHECKF(wrong == 0 && addresses > 500, "%d strings judged differently (%d addresses)", wrong, addresses);
}

/*
 * pc_span_eq_nocase compares eight octets at a time, folding a word's case
 * only when the words differ; against an octet-by-octet fold on octets next
 * to the letters' edges ('@' '[' '`' '{'), letters with the high bit set,
 * and pairs that differ in the case bit alone, at every length around the
 * word boundaries.  pc_span_starts_nocase and pc_span_ends_nocase ride on it.
 */
static bool
eq_nocase_by_octet(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		uint8_t		x = a[i] >= 'A' && a[i] <= 'Z' ? (uint8_t) (a[i] + 32) : a[i],
					y = b[i] >= 'A' && b[i] <= 'Z' ? (uint8_t) (b[i] + 32) : b[i];

		if (x != y)
			return false;
	}
	return true;
}

static void
test_span_eq_nocase(void)
{
	static const uint8_t edge[] = "AZaz@[`{09 .-\x01\x7f\x80\xc1\xe1\xda\xfa\xff";
	uint8_t		a[48],
				b[48];
	uint64_t	st = 0xbb67ae8584caa73bULL;
	int			wrong = 0,
				equal = 0;

	cur_test = "span eq nocase";
	for (int trial = 0; trial < 100000; trial++)
	{
		size_t		n = (size_t) (xorshift(&st) % 40);
		bool		got,
					want;

		for (size_t i = 0; i < n; i++)
		{
			uint64_t	x = xorshift(&st);

			a[i] = x % 2 ? (uint8_t) ('a' + (x >> 8) % 26) : edge[(x >> 8) % (sizeof(edge) - 1)];
			b[i] = a[i];
			/* flip the case bit of some octets, letters or not */
			if ((x >> 16) % (trial % 3 ? 16 : 200) == 0)
				b[i] ^= 0x20;
		}
		got = pc_span_eq_nocase((pc_span) {a, n}, (pc_span) {b, n});
		want = eq_nocase_by_octet(a, b, n);
		equal += want;
		wrong += got != want;
		if (got != want && wrong <= 3)
			CHECKF(false, "%zu octets: eq_nocase %d, by octet %d", n, got, want);
		if (n > 0 && pc_span_eq_nocase((pc_span) {a, n}, (pc_span) {b, n - 1}))
			wrong++;
		if (n >= 3)
		{
			char		lit[48];

			memcpy(lit, b + 1, n - 1);
			lit[n - 1] = '\0';
			if (memchr(lit, '\0', n - 1) == NULL &&
				pc_span_ends_nocase((pc_span) {a, n}, lit) != eq_nocase_by_octet(a + 1, b + 1, n - 1))
				wrong++;
			lit[n - 2] = '\0';
			memcpy(lit, b, n - 2);
			if (memchr(lit, '\0', n - 2) == NULL &&
				pc_span_starts_nocase((pc_span) {a, n}, lit) != eq_nocase_by_octet(a, b, n - 2))
				wrong++;
		}
	}
	CHECKF(wrong == 0 && equal > 1000 && equal < 99000, "%d comparisons wrong (%d equal)", wrong, equal);
}

/*
 * pc_cert_is_ev asks a filter of the CA-specific EV policy OIDs before it
 * scans the list.  Every entry of the list (read from cabf_ev.c, by the
 * dotted form its comment gives), each with every octet changed, cut short
 * or lengthened, and random OIDs: filtered and scanned answers agree.
 */
static void
test_ev_policy_filter(void)
{
	char	   *text;
	uint64_t	st = 0x3c6ef372fe94f82bULL;
	int			entries = 0,
				listed = 0,
				wrong = 0;

	cur_test = "EV policy filter";
	if ((text = read_source("src/rules/cabf_ev.c")) == NULL)
		return;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
	{
		char		dotted[128];
		uint8_t		oid[64],
					m[64];
		size_t		n;
		const char *cm = strstr(line, "/* ");

		if (strncmp(line, "\t{\"\\x", 5) != 0 || cm == NULL ||
			sscanf(cm + 3, "%127s", dotted) != 1 || (n = pc_oid_from_text(dotted, oid, sizeof(oid))) == 0)
			continue;
		entries++;
		listed += pc_ev_policy_listed((pc_span) {oid, n}, true) &&
			pc_ev_policy_listed((pc_span) {oid, n}, false);
		for (size_t i = 0; i < n; i++)
			for (int v = 0; v < 3; v++)
			{
				memcpy(m, oid, n);
				m[i] = (uint8_t) (v == 0 ? m[i] + 1 : v == 1 ? m[i] ^ 0x80 : m[i] - 1);
				wrong += pc_ev_policy_listed((pc_span) {m, n}, true) !=
					pc_ev_policy_listed((pc_span) {m, n}, false);
			}
		memcpy(m, oid, n);
		m[n] = 0x01;
		for (size_t k = 0; k <= n + 1; k++)
			wrong += pc_ev_policy_listed((pc_span) {m, k}, true) !=
				pc_ev_policy_listed((pc_span) {m, k}, false);
		for (int trial = 0; trial < 200; trial++)
		{
			size_t		k = (size_t) (xorshift(&st) % (n + 3));

			for (size_t i = 0; i < k; i++)
				m[i] = i < n && xorshift(&st) % 4 ? oid[i] : (uint8_t) xorshift(&st);
			wrong += pc_ev_policy_listed((pc_span) {m, k}, true) !=
				pc_ev_policy_listed((pc_span) {m, k}, false);
		}
	}
	CHECKF(entries >= 35 && listed == entries && wrong == 0,
		   "%d entries read, %d found both ways, %d answers differ", entries, listed, wrong);
	free(text);
}

/* ---------------------------------------------------------------- per-certificate memos */

/*
 * A TLS subscriber certificate with the subject attributes given, an AIA
 * of naia URIs (alternately OCSP and caIssuers; last_aia replaces the last),
 * as many CRLDP URIs in two DistributionPoints (the last one ftp: when
 * last_aia is), and, when 'notice', a certificatePolicies userNotice in an
 * IA5String.
 */
typedef struct b_attr
{
	const char *oid;
	uint8_t		tag;
	const char *value;
} b_attr;

static void
b_memo_cert(bld *b, const b_attr *attrs, int nattrs, int naia, const char *last_aia, bool notice)
{
	uint8_t		key[33] = {0};
	char		uri[64];

	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_hex(b, "a0 03 02 01 02  02 01 01  30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "Test CA");
	b_end(b);
	/* 2024: after BR 2.0 (2023-09-15), whose AIA rules the memo serves */
	b_begin(b, PC_T_SEQUENCE);
	b_str(b, PC_T_UTCTIME, "240101000000Z");
	b_str(b, PC_T_UTCTIME, "240331000000Z");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < nattrs; i++)
		b_rdn(b, attrs[i].oid, attrs[i].tag, attrs[i].value);
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.3.101.112");
	b_end(b);
	memset(key + 1, 0x11, 32);
	b_tlv(b, PC_T_BITSTRING, key, sizeof(key));
	b_end(b);
	b_begin(b, PC_CTXC(3));
	b_begin(b, PC_T_SEQUENCE);
	b_ext_hex(b, "2.5.29.17", -1, "30 0d 82 0b 65 78 61 6d 70 6c 65 2e 63 6f 6d");	/* example.com */
	b_ext_hex(b, "2.5.29.37", -1, "30 0a 06 08 2b 06 01 05 05 07 03 01");	/* serverAuth */
	if (notice)
		b_ext_hex(b, "2.5.29.32", -1, "30 1f 30 1d 06 06 67 81 0c 01 02 01 30 13 30 11"
				  "06 08 2b 06 01 05 05 07 02 02 30 05 16 03 6e 6f 74");
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.3.6.1.5.5.7.1.1");
	b_begin(b, PC_T_OCTETSTRING);
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < naia; i++)
	{
		b_begin(b, PC_T_SEQUENCE);
		b_oid(b, i % 2 ? "1.3.6.1.5.5.7.48.2" : "1.3.6.1.5.5.7.48.1");
		snprintf(uri, sizeof(uri), "http://a%d.example.com/x", i);
		b_str(b, PC_CTX(PC_GN_URI), i + 1 == naia && last_aia ? last_aia : uri);
		b_end(b);
	}
	b_end(b);
	b_end(b);
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "2.5.29.31");
	b_begin(b, PC_T_OCTETSTRING);
	b_begin(b, PC_T_SEQUENCE);
	for (int i = 0; i < naia; i++)
	{
		if (i == 0 || i == naia / 2)
		{
			if (i > 0)
			{
				b_end(b);
				b_end(b);
				b_end(b);
			}
			b_begin(b, PC_T_SEQUENCE);
			b_begin(b, PC_CTXC(0));
			b_begin(b, PC_CTXC(0));
		}
		snprintf(uri, sizeof(uri), "%s://c%d.example.com/x.crl",
				 i + 1 == naia && last_aia && strncmp(last_aia, "ftp", 3) == 0 ? "ftp" : "http", i);
		b_str(b, PC_CTX(PC_GN_URI), uri);
	}
	b_end(b);					/* fullName, distributionPoint, DistributionPoint */
	b_end(b);
	b_end(b);
	b_end(b);					/* CRLDistributionPoints, extnValue, Extension */
	b_end(b);
	b_end(b);
	b_end(b);					/* Extensions, [3], TBSCertificate */
	b_end(b);
	b_end(b);
	b_sig(b);
	b_end(b);
}

/* The subject attribute kinds with their OIDs, as oids.h spells them. */
static const struct
{
	pc_attr_kind kind;
	const char *oid;
	size_t		n;
}			memo_kinds[] = {
#define MK(k, lit) {k, lit, sizeof(lit) - 1}
	MK(PC_AK_CN, OID_AT_CN), MK(PC_AK_SURNAME, OID_AT_SURNAME), MK(PC_AK_SERIAL, OID_AT_SERIAL),
	MK(PC_AK_C, OID_AT_C), MK(PC_AK_L, OID_AT_L), MK(PC_AK_ST, OID_AT_ST),
	MK(PC_AK_STREET, OID_AT_STREET), MK(PC_AK_O, OID_AT_O), MK(PC_AK_OU, OID_AT_OU),
	MK(PC_AK_TITLE, OID_AT_TITLE), MK(PC_AK_BUSINESS_CATEGORY, OID_AT_BUSINESS_CATEGORY),
	MK(PC_AK_POSTAL_CODE, OID_AT_POSTAL_CODE), MK(PC_AK_GIVEN_NAME, OID_AT_GIVEN_NAME),
	MK(PC_AK_INITIALS, OID_AT_INITIALS), MK(PC_AK_GENERATION, OID_AT_GENERATION),
	MK(PC_AK_DN_QUALIFIER, OID_AT_DN_QUALIFIER), MK(PC_AK_PSEUDONYM, OID_AT_PSEUDONYM),
	MK(PC_AK_ORG_ID, OID_AT_ORG_ID), MK(PC_AK_DC, OID_AT_DC), MK(PC_AK_UID, OID_AT_UID),
	MK(PC_AK_EMAIL, OID_AT_EMAIL), MK(PC_AK_JUR_L, OID_AT_JUR_L), MK(PC_AK_JUR_ST, OID_AT_JUR_ST),
	MK(PC_AK_JUR_C, OID_AT_JUR_C),
#undef MK
};

/* Does the subject hold an attribute of this type with a non-empty value?  (By a walk.) */
static bool
subj_has_value_by_walk(const pc_cert *c, const char *oid, size_t oidlen)
{
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];

		if (a->oid.n == oidlen && memcmp(a->oid.p, oid, oidlen) == 0 && a->value.n > 0)
			return true;
	}
	return false;
}

/* Count how far the subject summary of c departs from walking the attributes. */
static int
subject_summary_errors(const pc_cert *c, const char *what)
{
	pc_report	r;
	const pc_subject_memo *s;
	int			bad = 0;

	pc_report_init(&r, items, items_cap);
	s = pc_subject_info(c, &r);
	CHECK(s == &r.subj && s->cert == c && pc_subject_info(c, &r) == s);
	for (size_t k = 0; k < sizeof(memo_kinds) / sizeof(memo_kinds[0]); k++)
	{
		uint32_t	bit = PC_AK_BIT(memo_kinds[k].kind);
		int			n = pc_name_count(&c->subject, memo_kinds[k].oid, memo_kinds[k].n);
		bool		value = subj_has_value_by_walk(c, memo_kinds[k].oid, memo_kinds[k].n);
		size_t		maxlen = 0;

		for (int i = 0; i < c->subject.nattr; i++)
			if (pc_span_eq(c->subject.attr[i].oid,
						   (pc_span) {(const uint8_t *) memo_kinds[k].oid, memo_kinds[k].n}) &&
				c->subject.attr[i].value.n > maxlen)
				maxlen = c->subject.attr[i].value.n;
		if (((s->has & bit) != 0) != (n > 0) || ((s->multi & bit) != 0) != (n > 1) ||
			((s->has_value & bit) != 0) != value || (n > 0 && s->maxlen[memo_kinds[k].kind] != maxlen))
		{
			CHECKF(false, "%s: summary of attribute kind %d is wrong", what, (int) memo_kinds[k].kind);
			bad++;
		}
	}
	for (int i = 0; i < c->subject.nattr; i++)
	{
		const pc_attr *a = &c->subject.attr[i];
		uint8_t		want = 0;
		int			kind = PC_AK_OTHER;

		for (size_t k = 0; k < sizeof(memo_kinds) / sizeof(memo_kinds[0]); k++)
			if (pc_span_eq(a->oid, (pc_span) {(const uint8_t *) memo_kinds[k].oid, memo_kinds[k].n}))
				kind = memo_kinds[k].kind;
		if (!pc_str_ascii(a->vtag, a->value))
			want |= PC_AV_NOT_ASCII;
		for (size_t j = 0; j < a->value.n; j++)
		{
			uint8_t		ch = a->value.p[j];
			bool		alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');

			if (ch == '&')
				want |= PC_AV_AMP;
			if (ch != 0 && strchr("=:{};\"|\\[]", ch))
				want |= PC_AV_STL_PUNCT;
			if (alnum || ch > 127)
				want |= PC_AV_INFORMATIVE;
			if (!alnum && (ch == 0 || !strchr(" '()+,-./:=?", ch)))
				want |= PC_AV_NOT_PRINTABLE;
		}
		if (s->kind[i] != kind || s->av[i] != want || (s->av_any & want) != want)
		{
			CHECKF(false, "%s: attribute %d summarised as kind %d, octets 0x%02x; want %d, 0x%02x",
				   what, i, s->kind[i], s->av[i], kind, want);
			bad++;
		}
	}
	return bad;
}

/*
 * The subject summary (attrs.c) answers as walking the attributes does:
 * which kinds occur, once or more, with a value, the longest value, and
 * the classes of octets in each value, on every fixture and on built
 * subjects with every kind it names.
 */
static void
test_subject_summary(void)
{
	static const b_attr mixed[] = {
		{"2.5.4.6", PC_T_PRINTABLESTRING, "DE"},
		{"2.5.4.8", PC_T_UTF8STRING, "{\"st\": 1}"},
		{"2.5.4.7", PC_T_UTF8STRING, "M\xc3\x83\xc2\xbcnchen"},
		{"2.5.4.10", PC_T_UTF8STRING, "A &amp; B"},
		{"2.5.4.10", PC_T_UTF8STRING, "A second, longer organization name"},
		{"2.5.4.11", PC_T_PRINTABLESTRING, "-"},
		{"2.5.4.11", PC_T_BMPSTRING, ""},
		{"2.5.4.3", PC_T_PRINTABLESTRING, "example.com"},
		{"2.5.4.3", PC_T_PRINTABLESTRING, "bad*char"},
		{"0.9.2342.19200300.100.1.25", PC_T_IA5STRING, "com"},
		{"0.9.2342.19200300.100.1.1", PC_T_UTF8STRING, "uid"},
		{"0.9.2342.19200300.100.1.2", PC_T_UTF8STRING, "not a kind"},
		{"1.2.840.113549.1.9.1", PC_T_IA5STRING, "a@example.com"},
		{"1.2.840.113549.1.9.2", PC_T_IA5STRING, "not a kind"},
		{"1.3.6.1.4.1.311.60.2.1.1", PC_T_UTF8STRING, "Munich"},
		{"1.3.6.1.4.1.311.60.2.1.2", PC_T_UTF8STRING, "Bavaria"},
		{"1.3.6.1.4.1.311.60.2.1.3", PC_T_PRINTABLESTRING, "DE"},
		{"1.3.6.1.4.1.311.60.2.1.4", PC_T_PRINTABLESTRING, "not a kind"},
		{"2.5.4.4", PC_T_UTF8STRING, "Surname"},
		{"2.5.4.42", PC_T_UTF8STRING, "Given"},
		{"2.5.4.5", PC_T_PRINTABLESTRING, "12345"},
		{"2.5.4.9", PC_T_UTF8STRING, "Street 1"},
		{"2.5.4.17", PC_T_UTF8STRING, "80331"},
		{"2.5.4.15", PC_T_UTF8STRING, "Private Organization"},
		{"2.5.4.97", PC_T_UTF8STRING, "NTRDE-123"},
		{"2.5.4.12", PC_T_UTF8STRING, "Title"},
		{"2.5.4.43", PC_T_UTF8STRING, "I"},
		{"2.5.4.44", PC_T_UTF8STRING, "Jr"},
		{"2.5.4.46", PC_T_UTF8STRING, "q"},
		{"2.5.4.65", PC_T_UTF8STRING, "p"},
		{"2.5.4.200", PC_T_UTF8STRING, "two-octet arc"},
		{"2.5.4.1", PC_T_UTF8STRING, "alias"},
	};
	int			bad = 0,
				seen = 0;
	bld			b;
	pc_error	err;

	cur_test = "subject summary";
	b_init(&b);
	b_memo_cert(&b, mixed, (int) (sizeof(mixed) / sizeof(mixed[0])), 1, NULL, false);
	CHECK(pc_decode(b.buf, b.n, scratch, &err));
	bad += subject_summary_errors(scratch, "built subject");
	for (size_t k = 0; k < sizeof(memo_kinds) / sizeof(memo_kinds[0]); k++)
		CHECKF(pc_subject_info(scratch, &(pc_report) {.subj.cert = NULL})->has & PC_AK_BIT(memo_kinds[k].kind),
			   "built subject lacks kind %d", (int) memo_kinds[k].kind);
	b_free(&b);
	for (int i = 0; i < nrows; i++)
	{
		size_t		len;
		uint8_t    *der = load_fixture(rows[i].name, &len);

		if (der != NULL && pc_decode(der, len, scratch, &err))
		{
			bad += subject_summary_errors(scratch, rows[i].name);
			seen++;
		}
		free(der);
	}
	CHECKF(bad == 0 && seen > 50, "%d summaries wrong over %d fixtures", bad, seen);
}

/*
 * The report's per-certificate memos (subject summary, AIA and URI counts,
 * userNotice, EV, DNS names, public suffixes) must not outlive their
 * certificate.  Lint every fixture and built certificate right after
 * another one, with the same report and the same pc_cert storage (so that
 * only the engine's forgetting tells them apart): the findings must be
 * those of linting it alone.
 */
static void
test_memos_per_certificate(void)
{
	static const b_attr org[] = {
		{"2.5.4.6", PC_T_PRINTABLESTRING, "DE"},
		{"2.5.4.8", PC_T_UTF8STRING, "Bayern"},
		{"2.5.4.7", PC_T_UTF8STRING, "M\xc3\x83\xc2\xbcnchen"},
		{"2.5.4.10", PC_T_UTF8STRING, "A &amp; B"},
		{"2.5.4.3", PC_T_UTF8STRING, "example.com"},
	};
	static const b_attr dv[] = {
		{"2.5.4.3", PC_T_UTF8STRING, "example.com"},
	};
	pc_finding *alone_items = xmalloc(items_cap * sizeof(pc_finding));
	uint8_t    *der[256];
	size_t		len[256];
	int			n = 0,
				differ = 0;
	pc_report	r;
	pc_options	opt = {0};
	pc_error	err;

	cur_test = "memos per certificate";
	for (int i = 0; i < nrows && n < 250; i++)
	{
		der[n] = load_fixture(rows[i].name, &len[n]);
		if (der[n] != NULL)
			n++;
	}
	for (int k = 0; k < 4; k++)
	{
		bld			b;

		b_init(&b);
		b_memo_cert(&b, k % 2 ? org : dv, k % 2 ? 5 : 1, k < 2 ? 2 : PC_AIA_MEMO + 2,
					k < 2 ? NULL : "ftp://a1.example.com/x", k % 2);
		der[n] = b.buf;
		len[n] = b.n;
		n++;
	}
	/* the built certificates exercise the memos: a userNotice, AIA past the kept count */
	for (int k = 0; k < 4; k++)
	{
		pc_report	alone;

		CHECK(pc_decode(der[n - 4 + k], len[n - 4 + k], scratch, &err));
		pc_report_init(&alone, items, items_cap);
		pc_lint(scratch, &opt, &alone);
		CHECKF((finding(&alone, "e_ext_cert_policy_explicit_text_ia5_string") != NULL) == (k % 2) &&
			   (finding(&alone, "e_aia_ca_issuers_must_have_http_only") != NULL) == (k >= 2),
			   "built certificate %d: %zu findings", k, alone.n);
	}
	pc_report_init(&r, items, items_cap);
	for (int i = 0; i < 2 * n; i++)
	{
		int			cur = i % n;
		pc_report	alone;

		/* the shared report carries on from the previous certificate */
		r.n = 0;
		if (!pc_decode(der[cur], len[cur], scratch, &err))
			continue;
		pc_lint(scratch, &opt, &r);
		pc_report_init(&alone, alone_items, items_cap);
		pc_lint(scratch, &opt, &alone);
		if (!same_findings(&r, &alone))
		{
			CHECKF(false, "certificate %d after %d: %zu findings, %zu alone", cur,
				   (i + n - 1) % n, r.n, alone.n);
			differ++;
		}
		/* every second round runs backwards, so each certificate follows two others */
		if (i == n - 1)
			for (int a = 0, z = n - 1; a < z; a++, z--)
			{
				uint8_t    *t = der[a];
				size_t		tl = len[a];

				der[a] = der[z];
				len[a] = len[z];
				der[z] = t;
				len[z] = tl;
			}
	}
	CHECKF(differ == 0, "%d of %d certificates judged differently after another", differ, 2 * n);
	for (int i = 0; i < n; i++)
		free(der[i]);
	free(alone_items);
}

/*
 * The report keeps the first PC_AIA_MEMO AccessDescriptions; an AIA with
 * more is walked in the DER each time.  Either way every description is
 * judged, the last too: a duplicate location or a non-HTTP URL at the end
 * is found, just inside and past the kept count.
 */
static void
test_access_memo(void)
{
	static const int sizes[] = {3, PC_AIA_MEMO - 1, PC_AIA_MEMO, PC_AIA_MEMO + 1, PC_AIA_MEMO + 5};
	static const b_attr dv[] = {{"2.5.4.3", PC_T_UTF8STRING, "example.com"}};
	int			found = 0,
				quiet = 0;

	cur_test = "access memo";
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		for (int variant = 0; variant < 3; variant++)
		{
			bld			b;
			pc_error	err;
			pc_options	opt = {0};
			pc_report	r;
			char		last[64];
			const char *rule;
			int			n = sizes[k];

			/* the last description repeats one of its method, is ftp, or is fine */
			if (variant == 0)
				snprintf(last, sizeof(last), "HTTP://A%d.example.COM/x", n - 3);
			else if (variant == 1)
				snprintf(last, sizeof(last), "ftp://a%d.example.com/x", n - 1);
			else
				snprintf(last, sizeof(last), "http://a%d.example.com/x", n - 1);
			rule = variant == 0 ? "e_aia_unique_access_locations" :
				(n - 1) % 2 ? "e_aia_ca_issuers_must_have_http_only" : "e_aia_ocsp_must_have_http_only";
			b_init(&b);
			b_memo_cert(&b, dv, 1, n, last, false);
			CHECK(pc_decode(b.buf, b.n, scratch, &err));
			pc_report_init(&r, items, items_cap);
			pc_lint(scratch, &opt, &r);
			CHECK(r.access.cert == scratch && r.access.aia_all == (n <= PC_AIA_MEMO));
			CHECK(r.access.naia == (n <= PC_AIA_MEMO ? n : PC_AIA_MEMO));
			CHECK(r.access.cdp_all == (n <= PC_CDP_MEMO) && r.access.cdp_uri == n);
			CHECKF((finding(&r, "e_crl_distrib_points_not_http") != NULL) == (variant == 1) &&
				   (variant != 1 || strstr(finding(&r, "e_crl_distrib_points_not_http")->detail, "ftp://c")),
				   "%d CRLDP URIs: e_crl_distrib_points_not_http wrong", n);
			CHECKF(r.access.ocsp_uri == (n + 1) / 2 && r.access.ca_uri == n / 2,
				   "%d descriptions: %d OCSP and %d caIssuers URIs counted", n,
				   r.access.ocsp_uri, r.access.ca_uri);
			if (variant < 2)
			{
				const pc_finding *f = finding(&r, rule);

				CHECKF(f != NULL && strstr(f->detail, variant == 0 ? "HTTP://A" : "ftp://") != NULL,
					   "%d descriptions: %s %s", n, rule, f ? f->detail : "did not fire");
				found += f != NULL;
			}
			else
			{
				CHECKF(finding(&r, "e_aia_unique_access_locations") == NULL &&
					   finding(&r, "e_aia_ocsp_must_have_http_only") == NULL &&
					   finding(&r, "e_aia_ca_issuers_must_have_http_only") == NULL,
					   "%d descriptions: AIA finding on a good AIA", n);
				quiet++;
			}
			b_free(&b);
		}
	CHECKF(found == 2 * (int) (sizeof(sizes) / sizeof(sizes[0])) && quiet == found / 2,
		   "last description judged in %d shapes", found);

	/*
	 * The memo counts a URL as http when it starts "http://" in any case
	 * (four letters compared at once with the case bit set), and the
	 * caIssuers rule skips its walk when every caIssuers URL is so counted:
	 * against the definitions, on schemes next to those edges.
	 */
	{
		static const char *const urls[] = {
			"http://a.example/x", "HTTP://a.example/x", "hTtP://a", "Http://", "http:/a",
			"http:a", "http:", "http", "htt", "https://a", "httpx://a", "http//a",
			"http;//a", "http:\\\\a", "\x48\x54\x54\x50://a", "\x68\x74\x74\x70\x3a\x2f\x2f",
			"(ttp://a", "Jttp://a", "hTTP:\x2f/a", "h\x74tp:/\x0f", "ittp://a", "HTTQ://a",
			"http:\x0f/a", "\xe8ttp://a", "ftp://a", "",
		};

		for (size_t k = 0; k < sizeof(urls) / sizeof(urls[0]); k++)
		{
			static const b_attr dv[] = {{"2.5.4.3", PC_T_UTF8STRING, "example.com"}};
			const char *u = urls[k];
			size_t		n = strlen(u);
			bool		http = n >= 7 && eq_nocase_by_octet((const uint8_t *) u, (const uint8_t *) "http://", 7),
						scheme_http = n >= 5 && u[4] == ':' &&
				eq_nocase_by_octet((const uint8_t *) u, (const uint8_t *) "http", 4);
			bld			b;
			pc_error	err;
			pc_options	opt = {0};
			pc_report	r;

			b_init(&b);
			/* two descriptions: OCSP, then caIssuers u */
			b_memo_cert(&b, dv, 1, 2, u, false);
			CHECK(pc_decode(b.buf, b.n, scratch, &err));
			pc_report_init(&r, items, items_cap);
			pc_lint(scratch, &opt, &r);
			CHECKF(r.access.ca_uri == 1 && r.access.ca_http == (int) http &&
				   r.access.ocsp_http == 1,
				   "caIssuers \"%s\": counted %d of %d as http", u, r.access.ca_http, r.access.ca_uri);
			CHECKF((finding(&r, "e_aia_ca_issuers_must_have_http_only") == NULL) == scheme_http,
				   "caIssuers \"%s\": e_aia_ca_issuers_must_have_http_only %s", u,
				   scheme_http ? "fired" : "did not fire");
			b_free(&b);
		}
	}
}

static double
seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Seconds one rule's check takes on c, alone. */
static double
time_rule(const pc_rule *rule, const pc_cert *c, const pc_options *opt)
{
	pc_report	r;
	double		t0;

	pc_report_init(&r, items, items_cap);
	r.opt = opt;
	r.cur = rule;
	t0 = seconds_now();
	rule->check(c, &r);
	return seconds_now() - t0;
}

static bool
rule_runs(const pc_rule *rule, const pc_cert *c, bool self)
{
	return rule->check != NULL && pc_rule_applies(rule, c) &&
		((rule->flags & PC_RF_NEEDS_ISSUER) != 0) == self;
}

/*
 * No rule may take time that grows faster than the input: the backend
 * running it cannot be cancelled until the rule returns, so a quadratic rule
 * over a few megabytes of subjectAltName holds a connection for hours.
 * Each rule runs on inputs of size n and 2n; more than three times slower
 * (past a 0.2 s floor, so timer noise on fast rules does not count) is
 * super-linear.  Machine speed and sanitizers change both times alike; a
 * rule that looks super-linear is timed twice more at both sizes and judged
 * on the best times, so a busy machine does not fail a linear rule.
 */
static void
test_bounded_time(void)
{
	static const struct
	{
		const char *what;
		int			nsan;
		bool		ip;
		int			nnc;
		bool		self;
	}			shapes[] = {
		{"dNSNames", 5000, false, 0, false},
		{"iPAddresses", 5000, true, 0, false},
		{"dNSNames and name constraints, issuer itself", 3000, false, 3000, true},
	};
	pc_cert    *c1 = xmalloc(sizeof(pc_cert));
	pc_cert    *c2 = xmalloc(sizeof(pc_cert));

	cur_test = "bounded time";
	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
	{
		bld			b1,
					b2;
		int			ran = 0;
		pc_error	e;
		pc_options	o1 = {0},
					o2 = {0};

		b_init(&b1);
		b_init(&b2);
		b_names_cert(&b1, 64, shapes[k].nsan, shapes[k].ip, shapes[k].nnc, NULL);
		b_names_cert(&b2, 64, 2 * shapes[k].nsan, shapes[k].ip, 2 * shapes[k].nnc, NULL);
		if (!pc_decode(b1.buf, b1.n, c1, &e) || !pc_decode(b2.buf, b2.n, c2, &e))
		{
			CHECKF(false, "big certificate does not decode: %s at %zu", e.msg, e.offset);
			b_free(&b1);
			b_free(&b2);
			continue;
		}
		o1.issuer = shapes[k].self ? c1 : NULL;
		o2.issuer = shapes[k].self ? c2 : NULL;
		for (size_t i = 0; i < pc_rule_count(); i++)
		{
			const pc_rule *rule = pc_rule_at(i);
			double		t1,
						t2;

			if (!rule_runs(rule, c1, shapes[k].self) || !rule_runs(rule, c2, shapes[k].self))
				continue;
			ran++;
			t1 = time_rule(rule, c1, &o1);
			t2 = time_rule(rule, c2, &o2);
			for (int again = 0; again < 2 && t2 >= 0.2 && t2 >= 3 * t1; again++)
			{
				double		a1 = time_rule(rule, c1, &o1),
							a2 = time_rule(rule, c2, &o2);

				t1 = a1 < t1 ? a1 : t1;
				t2 = a2 < t2 ? a2 : t2;
			}
			CHECKF(t2 < 0.2 || t2 < 3 * t1,
				   "%s is super-linear in %s: %.3f s at %d, %.3f s at %d (%zu octets)",
				   rule->name, shapes[k].what, t1, shapes[k].nsan, t2,
				   2 * shapes[k].nsan, b2.n);
		}
		printf("  %d rules timed on %d and %d %s\n", ran, shapes[k].nsan, 2 * shapes[k].nsan,
			   shapes[k].what);
		b_free(&b1);
		b_free(&b2);
	}
	free(c1);
	free(c2);
}

/* ---------------------------------------------------------------- main */

/* ---------------------------------------------------------------- weak keys */

static bool
collect_fp(void *arg, const uint8_t fp[PC_WK_FP_LEN])
{
	pc_weak_keys *s = arg;

	return pc_wk_add(s, 2048, fp);
}

/* A pc_options.weak_key that records what it was asked. */
typedef struct wk_probe
{
	const pc_weak_keys *set;
	int			calls;
	unsigned	bits;
} wk_probe;

static bool
probe_lookup(void *arg, unsigned bits, const uint8_t fp[10])
{
	wk_probe   *p = arg;

	p->calls++;
	p->bits = bits;
	return pc_wk_contains(p->set, bits, fp);
}

/* SHA-1 of a text, last 10 octets: the format's definition, done directly. */
static void
sha1_tail(const char *text, uint8_t out[PC_WK_FP_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(text, strlen(text), md, &mdlen, EVP_sha1(), NULL) != 1 || mdlen != 20)
	{
		fprintf(stderr, "SHA-1 unavailable\n");
		exit(2);
	}
	memcpy(out, md + 10, PC_WK_FP_LEN);
}

static void
test_weak_keys(void)
{
	static const char good[] =
		"# openssl-blacklist format\n"
		"00005890bc78bcbee3ca\n"
		"\n"
		"  00005C9C49FD31E889A3\r\n"
		"# a comment in the middle\n"
		"0000d80c186767f2473a\t\n"
		"00005890bc78bcbee3ca\n"
		"ffffffffffffffffffff";	/* no newline at the end */
	static const struct
	{
		const char *text;
		unsigned long line;
		const char *shown;
	}			bad[] = {
		{"# fine\n00005890bc78bcbee3ca\nnot a key\n", 3, "\"not a key\""},
		{"00005890bc78bcbee3c\n", 1, "\"00005890bc78bcbee3c\""},
		{"00005890bc78bcbee3ca0\n", 1, "\"00005890bc78bcbee3ca0\""},
		{"00005890bc78bcbee3cg\n", 1, "\"00005890bc78bcbee3cg\""},
		{"\n\n0x005890bc78bcbee3ca\n", 3, "\"0x005890bc78bcbee3ca\""},
		{"00005890bc78bcbee3ca # comment\n", 1, "# comment"},
		{"00005890bc78 bcbee3ca\n", 1, "\"00005890bc78 bcbee3ca\""},
		{"0000\x01" "890bc78bcbee3ca\n", 1, "\\x01"},
	};
	/* the br_profile TLS fixtures' key, by `openssl x509 -modulus | sha1sum` */
	static const char fixture_fp_hex[] = "5a151f81f4cff12bfc1b";
	uint8_t		fp[PC_WK_FP_LEN],
				want[PC_WK_FP_LEN],
				fixture_fp[PC_WK_FP_LEN],
				other[PC_WK_FP_LEN] = {0};
	pc_weak_keys set,
				empty;
	pc_wk_error err;
	long		n;

	cur_test = "weak keys";

	/* the parser: keys in order, comments, blank lines, CRLF, upper case */
	pc_wk_init(&set, NULL, NULL);
	memset(&err, 0, sizeof(err));
	n = pc_wk_parse(good, strlen(good), collect_fp, &set, &err);
	CHECK_EQ(n, 5);
	CHECK_EQ(pc_wk_count(&set), 5);
	CHECK(!set.sorted);
	unhex("00005c9c49fd31e889a3", fp, sizeof(fp));
	CHECK(pc_wk_contains(&set, 2048, fp));	/* unsorted: found by scanning */
	pc_wk_sort(&set);
	CHECK(set.sorted);
	CHECK_EQ(pc_wk_count(&set), 4);	/* the repeated key is kept once */
	CHECK(pc_wk_contains(&set, 2048, fp));
	CHECK(!pc_wk_contains(&set, 4096, fp));
	unhex("ffffffffffffffffffff", fp, sizeof(fp));
	CHECK(pc_wk_contains(&set, 2048, fp));
	unhex("0000d80c186767f2473a", fp, sizeof(fp));
	CHECK(pc_wk_lookup(&set, 2048, fp));
	unhex("0000d80c186767f2473b", fp, sizeof(fp));
	CHECK(!pc_wk_lookup(&set, 2048, fp));
	CHECK(!pc_wk_contains(&set, 2048, other));
	pc_wk_free(&set);
	CHECK_EQ(pc_wk_count(&set), 0);

	/* malformed lines: refused with their number, nothing after them read */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		pc_wk_init(&set, NULL, NULL);
		memset(&err, 0, sizeof(err));
		n = pc_wk_add_text(&set, 2048, bad[i].text, strlen(bad[i].text), &err);
		CHECKF(n == -1, "bad list %zu: parse returned %ld", i, n);
		CHECKF(err.line == bad[i].line, "bad list %zu: line %lu, want %lu", i, err.line, bad[i].line);
		CHECK_HAS(err.msg, bad[i].shown);
		pc_wk_free(&set);
	}
	/* an empty list is fine and has no keys */
	pc_wk_init(&set, NULL, NULL);
	CHECK_EQ(pc_wk_add_text(&set, 2048, "", 0, &err), 0);
	CHECK_EQ(pc_wk_add_text(&set, 2048, "# only a comment\n\n", 18, &err), 0);
	pc_wk_free(&set);

	/* many keys: binary search finds each, and nothing else */
	pc_wk_init(&set, NULL, NULL);
	for (uint32_t i = 0; i < 5000; i++)
	{
		uint8_t		k[PC_WK_FP_LEN] = {0};

		k[0] = (uint8_t) (i * 2654435761u >> 24);
		k[8] = (uint8_t) (i >> 8);
		k[9] = (uint8_t) i;
		pc_wk_add(&set, i % 2 ? 2048 : 4096, k);
	}
	pc_wk_sort(&set);
	{
		int			found = 0,
					wrong = 0;

		for (uint32_t i = 0; i < 5000; i++)
		{
			uint8_t		k[PC_WK_FP_LEN] = {0};

			k[0] = (uint8_t) (i * 2654435761u >> 24);
			k[8] = (uint8_t) (i >> 8);
			k[9] = (uint8_t) i;
			found += pc_wk_contains(&set, i % 2 ? 2048 : 4096, k);
			wrong += pc_wk_contains(&set, i % 2 ? 4096 : 2048, k);
		}
		CHECK_EQ(found, 5000);
		CHECK_EQ(wrong, 0);
	}
	pc_wk_free(&set);

	/* the fingerprint: "Modulus=" + upper-case hex without leading zeros */
	{
		static const uint8_t n1[] = {0x00, 0x0a, 0xbc};
		static const uint8_t n2[] = {0x00, 0x00, 0xab, 0xcd};

		CHECK(pc_wk_fingerprint(n1, sizeof(n1), fp));
		sha1_tail("Modulus=ABC\n", want);
		CHECK(memcmp(fp, want, PC_WK_FP_LEN) == 0);
		CHECK(pc_wk_fingerprint(n2, sizeof(n2), fp));
		sha1_tail("Modulus=ABCD\n", want);
		CHECK(memcmp(fp, want, PC_WK_FP_LEN) == 0);
	}

	/* the rule, through the engine, on a 2025 TLS certificate */
	{
		size_t		len,
					len23,
					lenec;
		uint8_t    *der = load_fixture("br_profile/good_tls_2025", &len);
		uint8_t    *der23 = load_fixture("br_profile/bad_aia_no_ocsp_2023", &len23);
		uint8_t    *ec = load_fixture("br_profile/good_ec_p256_2025", &lenec);
		pc_options	opt = {0};
		wk_probe	probe = {0};
		pc_report	r;
		char		hex[2 * PC_WK_FP_LEN + 1];
		char	   *text;
		const pc_finding *f;

		if (der == NULL || der23 == NULL || ec == NULL)
		{
			CHECKF(false, "br_profile fixtures missing");
			free(der);
			free(der23);
			free(ec);
			return;
		}
		unhex(fixture_fp_hex, fixture_fp, sizeof(fixture_fp));

		/* our fingerprint of the decoded modulus is openssl's */
		pc_report_init(&r, items, items_cap);
		pc_lint_der(der, len, NULL, scratch, &r);
		CHECK(scratch->spki.type == PC_KEY_RSA && scratch->spki.bits == 2048);
		CHECK(pc_wk_fingerprint(scratch->spki.rsa_n.p, scratch->spki.rsa_n.n, fp));
		CHECK(memcmp(fp, fixture_fp, PC_WK_FP_LEN) == 0);
		CHECK(finding(&r, "e_debian_weak_key") == NULL);	/* no lookup */

		/* a list that holds the key, as the CLI loads it */
		text = xmalloc(64);
		snprintf(text, 64, "# test\n%s\n", fixture_fp_hex);
		pc_wk_init(&set, NULL, NULL);
		CHECK_EQ(pc_wk_add_text(&set, 2048, text, strlen(text), &err), 1);
		pc_wk_sort(&set);
		free(text);
		probe.set = &set;
		opt.weak_key = probe_lookup;
		opt.weak_key_arg = &probe;

		pc_report_init(&r, items, items_cap);
		pc_lint_der(der, len, &opt, scratch, &r);
		f = finding(&r, "e_debian_weak_key");
		CHECK(f != NULL);
		CHECK_EQ(probe.calls, 1);
		CHECK_EQ(probe.bits, 2048);
		if (f != NULL)
		{
			CHECK_EQ(f->severity, PC_ERROR);
			for (int i = 0; i < PC_WK_FP_LEN; i++)
				snprintf(hex + 2 * i, 3, "%02x", fixture_fp[i]);
			CHECK_HAS(f->detail, hex);
			CHECK_HAS(f->detail, "2048");
		}

		/* the same key issued in 2023, before the rule: quiet unless judged in 2025 */
		probe.calls = 0;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(der23, len23, &opt, scratch, &r);
		CHECK(finding(&r, "e_debian_weak_key") == NULL);
		CHECK_EQ(probe.calls, 0);
		opt.at = PC_DATE(2025, 6, 1);
		opt.at_set = true;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(der23, len23, &opt, scratch, &r);
		CHECK(finding(&r, "e_debian_weak_key") != NULL);
		opt.at_set = false;

		/* an EC key is never looked up */
		probe.calls = 0;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(ec, lenec, &opt, scratch, &r);
		CHECK(finding(&r, "e_debian_weak_key") == NULL);
		CHECK_EQ(probe.calls, 0);

		/* a list without the key, and one with it under another size: quiet */
		pc_wk_init(&empty, NULL, NULL);
		pc_wk_add(&empty, 2048, other);
		pc_wk_add(&empty, 4096, fixture_fp);
		pc_wk_sort(&empty);
		opt.weak_key = pc_wk_lookup;
		opt.weak_key_arg = &empty;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(der, len, &opt, scratch, &r);
		CHECK(finding(&r, "e_debian_weak_key") == NULL);

		/* pc_wk_lookup itself as the lookup, with the key: fires */
		opt.weak_key_arg = &set;
		pc_report_init(&r, items, items_cap);
		pc_lint_der(der, len, &opt, scratch, &r);
		CHECK(finding(&r, "e_debian_weak_key") != NULL);

		pc_wk_free(&set);
		pc_wk_free(&empty);
		free(der);
		free(der23);
		free(ec);
	}
}

/* ---------------------------------------------------------------- decoder shortcuts */

/*
 * The decoder takes shortcuts for the usual forms beside its general code:
 * each must agree with the general code (or, where that is not callable, with
 * a reference written here) on every input, the edges above all.
 */

/* pc_oid_valid as it was written first, octet by octet. */
static bool
ref_oid_valid(const uint8_t *p, size_t n)
{
	if (n == 0 || (p[n - 1] & 0x80))
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] == 0x80 && (i == 0 || !(p[i - 1] & 0x80)))
			return false;
	return true;
}

/* pc_oid_valid on a copy that ends its allocation (ASan sees over-reads). */
static bool
oid_valid_tight(const uint8_t *p, size_t n)
{
	uint8_t    *copy = xmalloc(n);
	bool		ok;

	if (n)
		memcpy(copy, p, n);
	ok = pc_oid_valid((pc_span) {n ? copy : NULL, n});
	free(copy);
	return ok;
}

static void
test_oid_valid_words(void)
{
	static const uint8_t edge[] = {0x00, 0x01, 0x06, 0x55, 0x7f, 0x80, 0x81, 0x86, 0xc0, 0xff};
	const size_t ne = sizeof(edge);
	uint8_t		o[40];
	int			bad = 0;
	unsigned	seed = 12345;

	cur_test = "pc_oid_valid word at a time";
	/* every OID of one and two octets */
	for (unsigned v = 0; v < 256; v++)
	{
		o[0] = (uint8_t) v;
		bad += oid_valid_tight(o, 1) != ref_oid_valid(o, 1);
		for (unsigned w = 0; w < 256; w++)
		{
			o[1] = (uint8_t) w;
			bad += oid_valid_tight(o, 2) != ref_oid_valid(o, 2);
		}
	}
	/* every OID of up to five octets drawn from the edge values */
	for (size_t n = 3; n <= 5; n++)
	{
		size_t		total = 1;

		for (size_t i = 0; i < n; i++)
			total *= ne;
		for (size_t k = 0; k < total; k++)
		{
			size_t		r = k;

			for (size_t i = 0; i < n; i++, r /= ne)
				o[i] = edge[r % ne];
			bad += oid_valid_tight(o, n) != ref_oid_valid(o, n);
		}
	}
	/* longer ones: mostly valid, with one 0x80 or a high octet placed anywhere */
	for (int iter = 0; iter < 200000; iter++)
	{
		size_t		n;

		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % sizeof(o);
		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245u + 12345u;
			o[i] = (seed >> 16) % 4 == 0 ? edge[(seed >> 20) % ne] : (uint8_t) ((seed >> 16) & 0x7f);
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 2)
			o[(seed >> 18) % n] = 0x80;
		bad += oid_valid_tight(o, n) != ref_oid_valid(o, n);
	}
	/* a 0x80 at each position of OIDs around the word sizes, after either kind of octet */
	for (size_t n = 1; n <= 25; n++)
		for (size_t at = 0; at < n; at++)
			for (int cont = 0; cont < 2; cont++)
			{
				for (size_t i = 0; i < n; i++)
					o[i] = 0x05;
				if (at > 0)
					o[at - 1] = cont ? 0x81 : 0x01;
				o[at] = 0x80;
				if (at == n - 1)
					o[at] = 0x00;	/* keep the last octet a final one */
				bad += oid_valid_tight(o, n) != ref_oid_valid(o, n);
			}
	CHECKF(bad == 0, "%d OIDs judged unlike the octet-by-octet reference", bad);
}

/* Is the TLV and reader state the same? */
static bool
same_read(bool ok1, const pc_der *d1, const pc_tlv *t1, const pc_error *e1, uint32_t f1,
		  bool ok2, const pc_der *d2, const pc_tlv *t2, const pc_error *e2, uint32_t f2)
{
	if (ok1 != ok2 || d1->p != d2->p || f1 != f2)
		return false;
	if (ok1)
		return t1->id == t2->id && t1->tagnum == t2->tagnum && t1->all.p == t2->all.p &&
			t1->all.n == t2->all.n && t1->v.p == t2->v.p && t1->v.n == t2->v.n;
	return e1->offset == e2->offset && strcmp(e1->msg, e2->msg) == 0;
}

static void
test_der_long_shortcut(void)
{
	static const uint8_t tags[] = {0x02, 0x04, 0x30, 0xa3, 0x1f};
	static const uint8_t lens[] = {0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff};
	static const uint8_t octs[] = {0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xff};
	enum
	{
		BODY = 0x300
	};
	int			bad = 0,
				fast = 0;

	cur_test = "DER long-form shortcut";
	for (size_t ti = 0; ti < sizeof(tags); ti++)
		for (size_t li = 0; li < sizeof(lens); li++)
			for (size_t a = 0; a < sizeof(octs); a++)
				for (size_t b = 0; b < sizeof(octs); b++)
				{
					uint8_t		hdr[4] = {tags[ti], lens[li], octs[a], octs[b]};

					/* the header, then every length of content up to past any it names */
					for (size_t avail = 0; avail <= 4 + BODY; avail += avail < 8 ? 1 : 61)
					{
						uint8_t    *buf = xmalloc(avail ? avail : 1);
						pc_der		d1,
									d2;
						pc_tlv		t1,
									t2;
						pc_error	e1,
									e2;
						uint32_t	f1 = 0,
									f2 = 0;
						bool		ok1,
									ok2;

						memset(buf, 0x05, avail);
						memcpy(buf, hdr, avail < 4 ? avail : 4);
						pc_der_init(&d1, (pc_span) {buf, avail}, buf, &f1);
						pc_der_init(&d2, (pc_span) {buf, avail}, buf, &f2);
						ok1 = pc_der_next(&d1, &t1, &e1);
						ok2 = pc_der_next_general(&d2, &t2, &e2);
						bad += !same_read(ok1, &d1, &t1, &e1, f1, ok2, &d2, &t2, &e2, f2);
						fast += ok1 && t1.all.n - t1.v.n > 2;

						/* pc_der_expect: the same TLV for its tag, a refusal otherwise */
						for (int right = 0; right < 2; right++)
						{
							uint8_t		want = right ? tags[ti] : 0x31;

							f1 = 0;
							pc_der_init(&d1, (pc_span) {buf, avail}, buf, &f1);
							ok1 = pc_der_expect(&d1, want, &t1, &e1, "x");
							if (ok2 && t2.id == want)
								bad += !ok1 || d1.p != d2.p || f1 != f2 || t1.all.n != t2.all.n ||
									t1.v.p != t2.v.p || t1.v.n != t2.v.n;
							else
								bad += ok1 || d1.p != buf || strncmp(e1.msg, "x: ", 3) != 0 ||
									(!ok2 && (e1.offset != e2.offset || strcmp(e1.msg + 3, e2.msg) != 0));
						}
						free(buf);
					}
				}
	CHECKF(bad == 0, "%d reads unlike the general reader", bad);
	CHECKF(fast > 100, "only %d long forms read", fast);
}

/* Three-octet OIDs, which expect_oid accepts without pc_oid_valid when no octet is high. */
static void
test_oid3_shortcut(void)
{
	static const uint8_t edge[] = {0x00, 0x04, 0x1d, 0x55, 0x7f, 0x80, 0x81, 0xff};
	int			bad = 0;

	cur_test = "three-octet OID shortcut";
	for (size_t i = 0; i < sizeof(edge); i++)
		for (size_t j = 0; j < sizeof(edge); j++)
			for (size_t k = 0; k < sizeof(edge); k++)
			{
				char		oid[3] = {(char) edge[i], (char) edge[j], (char) edge[k]};
				const char *oids[1] = {oid};
				size_t		lens[1] = {3};
				bld			b;
				pc_error	err;
				bool		ok;

				b_init(&b);
				b_cert_oids(&b, oids, lens, 1);
				ok = pc_decode(b.buf, b.n, scratch, &err);
				b_free(&b);
				bad += ok != ref_oid_valid((const uint8_t *) oid, 3);
				if (!ok)
					bad += strstr(err.msg, "extnID: malformed OBJECT IDENTIFIER") == NULL;
			}
	CHECKF(bad == 0, "%d three-octet extnIDs judged unlike the reference", bad);
}

/*
 * pc_time_parse reads YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ by a shortcut; the
 * same text with +0000 for Z goes the general way, and must name the same
 * instant (or be as invalid), flagged only as not Zulu.
 */
static int
time_vs_general(uint8_t tag, const uint8_t *digits, size_t nd)
{
	uint8_t		z[16],
				off[20];
	pc_time		a,
				b;
	bool		oka,
				okb;

	memcpy(z, digits, nd);
	z[nd] = 'Z';
	memcpy(off, digits, nd);
	memcpy(off + nd, "+0000", 5);
	oka = pc_time_parse(tag, (pc_span) {z, nd + 1}, &a);
	okb = pc_time_parse(tag, (pc_span) {off, nd + 5}, &b);
	if (oka != okb)
		return 1;
	if (!oka)
		return a.flags != PC_TF_INVALID || a.t != 0;
	/* the shortcut's form has no flag; others may (".5" fractions) */
	for (size_t i = 0; i < nd; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return a.t != b.t || (a.flags | PC_TF_NOT_ZULU) != b.flags;
	return a.t != b.t || a.flags != 0 || b.flags != PC_TF_NOT_ZULU;
}

static void
test_time_shortcut(void)
{
	static const char *const utc[] = {
		"000101000000", "491231235959", "500101000000", "991231235960", "230229000000",
		"240229120000", "000229000000", "231301000000", "230001000000", "230100000000",
		"230132000000", "230431000000", "230101240000", "230101236000", "230101235961",
	};
	static const char *const gen[] = {
		"00000101000000", "00000229000000", "16000229000000", "19000229000000",
		"20000229000000", "21000229000000", "99991231235959", "99991231235960",
		"20231301000000", "20230100000000", "20230101240000", "19500101000000",
	};
	int			bad = 0;
	unsigned	seed = 777;

	cur_test = "time shortcut";
	for (size_t i = 0; i < sizeof(utc) / sizeof(utc[0]); i++)
		bad += time_vs_general(PC_T_UTCTIME, (const uint8_t *) utc[i], 12);
	for (size_t i = 0; i < sizeof(gen) / sizeof(gen[0]); i++)
		bad += time_vs_general(PC_T_GENERALIZEDTIME, (const uint8_t *) gen[i], 14);
	/* every octet value at every position */
	for (unsigned pos = 0; pos < 14; pos++)
		for (unsigned v = 0; v < 256; v++)
		{
			uint8_t		u[12],
						g[14];

			memcpy(u, "230615123456", 12);
			memcpy(g, "20230615123456", 14);
			if (pos < 12)
			{
				u[pos] = (uint8_t) v;
				bad += time_vs_general(PC_T_UTCTIME, u, 12);
			}
			g[pos] = (uint8_t) v;
			bad += time_vs_general(PC_T_GENERALIZEDTIME, g, 14);
		}
	/* random digit strings: every day of every month, valid or not */
	for (int iter = 0; iter < 100000; iter++)
	{
		uint8_t		g[14];

		for (int i = 0; i < 14; i++)
		{
			seed = seed * 1103515245u + 12345u;
			g[i] = (uint8_t) ('0' + (seed >> 16) % 10);
		}
		g[4] = (uint8_t) ('0' + (g[4] - '0') % 2);	/* month 00-19 */
		g[6] = (uint8_t) ('0' + (g[6] - '0') % 4);	/* day 00-39 */
		g[8] = (uint8_t) ('0' + (g[8] - '0') % 3);	/* hour 00-29 */
		bad += time_vs_general(PC_T_GENERALIZEDTIME, g, 14);
		bad += time_vs_general(PC_T_UTCTIME, g + 2, 12);
	}
	/*
	 * every day 0-32 of every month 0-13 of the years around and inside
	 * 1901-2099, where the day count takes no division, at 23:59:60
	 */
	for (unsigned y = 1895; y <= 2105; y++)
		for (unsigned m = 0; m <= 13; m++)
			for (unsigned d = 0; d <= 32; d++)
			{
				char		g[15];

				snprintf(g, sizeof(g), "%04u%02u%02u235960", y, m, d);
				bad += time_vs_general(PC_T_GENERALIZEDTIME, (const uint8_t *) g, 14);
				if (y >= 1950 && y <= 2049)
					bad += time_vs_general(PC_T_UTCTIME, (const uint8_t *) g + 2, 12);
			}
	/* the wrong tag or length never takes the shortcut's answer */
	{
		pc_time		t;

		bad += pc_time_parse(PC_T_UTCTIME, (pc_span) {(const uint8_t *) "20230615123456Z", 15}, &t);
		bad += pc_time_parse(PC_T_GENERALIZEDTIME, (pc_span) {(const uint8_t *) "230615123456Z", 13}, &t);
		bad += pc_time_parse(PC_T_OCTETSTRING, (pc_span) {(const uint8_t *) "230615123456Z", 13}, &t);
	}
	CHECKF(bad == 0, "%d times read unlike the general parser", bad);
}

/* keyUsage: every first and second content octet against the bit-by-bit reading. */
static void
test_ku_bits(void)
{
	int			bad = 0;

	cur_test = "keyUsage bits";
	for (unsigned n = 2; n <= 3; n++)
		for (unsigned v = 0; v < 256; v++)
			for (unsigned w = 0; w < (n == 3 ? 256u : 1u); w += n == 3 ? 0x40 : 1)
			{
				char		hex[64];
				bld			b;
				pc_error	err;
				uint16_t	want = 0;
				const uint8_t oct[3] = {0, (uint8_t) v, (uint8_t) w};

				/* unused bits 0, so no padding rule interferes with the value */
				snprintf(hex, sizeof(hex), "30 %02x 06 03 55 1d 0f 04 %02x 03 %02x 00 %02x %02x",
						 9 + n, 2 + n, n, v, w);
				if (n == 2)
					hex[strlen(hex) - 3] = '\0';
				b_init(&b);
				b_cert(&b, hex);
				for (unsigned bit = 0; bit <= 8; bit++)
					if (1 + bit / 8 < n && (oct[1 + bit / 8] & (0x80u >> (bit % 8))))
						want |= (uint16_t) (1u << bit);
				if (!pc_decode(b.buf, b.n, scratch, &err) || !pc_ext_get(scratch, PC_X_KU))
					bad++;
				else
					bad += scratch->ku != want;
				b_free(&b);
			}
	CHECKF(bad == 0, "%d keyUsage values read wrongly", bad);
}

/* pc_name_count and pc_name_find against a walk, for types in and outside 2.5.4.0-63. */
static void
test_name_attr_bits(void)
{
	static const uint8_t types[][3] = {
		{0x55, 0x04, 0x03}, {0x55, 0x04, 0x06}, {0x55, 0x04, 0x00}, {0x55, 0x04, 0x3f},
		{0x55, 0x04, 0x40}, {0x55, 0x04, 0x61}, {0x55, 0x05, 0x03}, {0x56, 0x04, 0x03},
	};
	const size_t nt = sizeof(types) / sizeof(types[0]);
	int			bad = 0;
	unsigned	seed = 99;

	cur_test = "name attribute bits";
	for (int iter = 0; iter < 3000; iter++)
	{
		bld			b;
		pc_error	err;
		int			nattr;

		seed = seed * 1103515245u + 12345u;
		nattr = (int) ((seed >> 16) % 7);
		b_init(&b);
		b_begin(&b, PC_T_SEQUENCE);
		b_begin(&b, PC_T_SEQUENCE);
		b_hex(&b, "a0 03 02 01 02 02 01 01 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00");
		b_hex(&b, "30 00 30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a"
			  " 17 0d 32 33 30 33 33 31 30 30 30 30 30 30 5a");
		b_begin(&b, PC_T_SEQUENCE);
		for (int i = 0; i < nattr; i++)
		{
			seed = seed * 1103515245u + 12345u;
			b_begin(&b, PC_T_SET);
			b_begin(&b, PC_T_SEQUENCE);
			b_tlv(&b, PC_T_OID, types[(seed >> 16) % nt], 3);
			b_str(&b, PC_T_UTF8STRING, "x");
			b_end(&b);
			b_end(&b);
		}
		b_end(&b);
		b_hex(&b, "30 2a 30 05 06 03 2b 65 70 03 21 00 11 11 11 11 11 11 11 11 11 11 11 11 11 11"
			  " 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11");
		b_end(&b);
		b_sig(&b);
		b_end(&b);
		if (!pc_decode(b.buf, b.n, scratch, &err))
		{
			bad++;
			b_free(&b);
			continue;
		}
		for (size_t t = 0; t < nt; t++)
		{
			int			want = 0;
			const pc_attr *first = NULL;

			for (int i = 0; i < scratch->subject.nattr; i++)
				if (scratch->subject.attr[i].oid.n == 3 &&
					memcmp(scratch->subject.attr[i].oid.p, types[t], 3) == 0)
				{
					want++;
					if (!first)
						first = &scratch->subject.attr[i];
				}
			bad += pc_name_count(&scratch->subject, (const char *) types[t], 3) != want;
			bad += pc_name_find(&scratch->subject, (const char *) types[t], 3) != first;
		}
		bad += scratch->subject.nattr != nattr;
		b_free(&b);
	}
	CHECKF(bad == 0, "%d attribute counts unlike a walk", bad);
}

/* ---------------------------------------------------------------- shortcuts against the general decoder */

/* The decoder built without its shortcuts (cert_general.c). */
bool		pc_decode_general(const uint8_t *buf, size_t len, pc_cert *c, pc_error *err);

static pc_cert *scratch_general;

/*
 * Decode a copy of the input (exact size, for ASan) with pc_decode and with
 * pc_decode_general: 0 when they agree on the verdict, the error and its
 * offset, and on every octet of the decoded model, else 1.  The two models
 * start alike (zeroed by the caller, then equal after each agreeing
 * decode), so that a field one decoder writes and the other does not shows.
 */
static int
decode_vs_general(const uint8_t *buf, size_t len)
{
	uint8_t    *copy = xmalloc(len);
	pc_error	e1,
				e2;
	bool		ok1,
				ok2;
	int			differ;

	if (len)
		memcpy(copy, buf, len);
	memset(&e1, 0, sizeof(e1));
	memset(&e2, 0, sizeof(e2));
	ok1 = pc_decode(copy, len, scratch, &e1);
	ok2 = pc_decode_general(copy, len, scratch_general, &e2);
	differ = ok1 != ok2 || memcmp(scratch, scratch_general, sizeof(pc_cert)) != 0 ||
		(!ok1 && (e1.offset != e2.offset || strcmp(e1.msg, e2.msg) != 0));
	if (differ)
		memcpy(scratch_general, scratch, sizeof(pc_cert));
	free(copy);
	return differ;
}

/*
 * Every prefix of buf, and buf with each octet (from 'from' on) replaced by
 * each of 'vals' (all 256 values when vals is NULL), against the general
 * decoder.  Returns the number of inputs on which they differ, printing the
 * first few.
 */
static int
mutations_vs_general(const char *name, const uint8_t *buf, size_t len,
					 const uint8_t *vals, size_t nvals, long *inputs)
{
	uint8_t    *p = xmalloc(len);
	int			bad = 0;

	for (size_t cut = 0; cut <= len; cut++)
	{
		(*inputs)++;
		if (decode_vs_general(buf, cut) && bad++ < 3)
			printf("  %s cut at %zu: the decoders differ\n", name, cut);
	}
	memcpy(p, buf, len);
	for (size_t pos = 0; pos < len; pos++)
	{
		size_t		n = vals ? nvals : 256;

		for (size_t v = 0; v < n; v++)
		{
			p[pos] = vals ? vals[v] : (uint8_t) v;
			(*inputs)++;
			if (decode_vs_general(p, len) && bad++ < 3)
				printf("  %s with octet %zu = 0x%02x: the decoders differ\n", name, pos, p[pos]);
		}
		p[pos] = buf[pos];
	}
	free(p);
	return bad;
}

/*
 * A certificate with the forms the shortcuts read and their neighbours:
 * single- and multi-valued RDNs, attribute types inside and outside
 * 2.5.4.x, a value with a long length; every GeneralName choice; access
 * descriptions; known and other key purposes and policies; the extensions
 * of the id-pe and CT arcs; an extension value with a long length.
 */
static void
b_rich_cert(bld *b)
{
	uint8_t		sct[140];

	memset(sct, 0x33, sizeof(sct));
	b_begin(b, PC_T_SEQUENCE);
	b_begin(b, PC_T_SEQUENCE);
	b_hex(b, "a0 03 02 01 02 02 01 01");
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.2.840.113549.1.1.11");
	b_hex(b, "05 00");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.6", PC_T_PRINTABLESTRING, "US");
	b_rdn(b, "2.5.4.10", PC_T_UTF8STRING, "");
	b_rdn(b, "1.2.840.113549.1.9.1", PC_T_IA5STRING, "a@b");
	b_rdn(b, "2.5.4.97", PC_T_UTF8STRING, "x");
	b_begin(b, PC_T_SET);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "2.5.4.3");
	b_str(b, PC_T_UTF8STRING, "a");
	b_end(b);
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "2.5.4.5");
	b_str(b, PC_T_PRINTABLESTRING, "1");
	b_end(b);
	b_end(b);
	b_hex(b, "31 00");
	b_end(b);
	b_hex(b, "30 1e 17 0d 32 33 30 31 30 31 30 30 30 30 30 30 5a"
		  " 18 0d 32 30 32 33 30 33 33 31 30 30 30 30 5a");
	b_begin(b, PC_T_SEQUENCE);
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING, "example.com");
	b_rdn(b, "2.5.4.3", PC_T_UTF8STRING,
		  "a long common name to take a long form of length, a long common name to take a long"
		  " form of length");
	b_end(b);
	b_hex(b, "30 2a 30 05 06 03 2b 65 70 03 21 00 11 11 11 11 11 11 11 11 11 11 11 11 11 11"
		  " 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11");
	b_begin(b, PC_CTXC(3));
	b_begin(b, PC_T_SEQUENCE);
	b_ext_hex(b, "2.5.29.19", 1, "30 06 01 01 ff 02 01 00");
	b_ext_hex(b, "2.5.29.15", 1, "03 02 01 86");
	b_ext_hex(b, "2.5.29.37", -1, "30 1a 06 08 2b 06 01 05 05 07 03 01 06 08 2b 06 01 05 05 07 03 14"
			  " 06 04 55 1d 25 00");
	b_ext_hex(b, "2.5.29.17", 0, "30 36 81 03 61 40 62 82 03 61 2e 62 86 04 68 3a 2f 2f 87 04 7f 00 00 01"
			  " a4 0d 30 0b 31 09 30 07 06 03 55 04 03 0c 00 a0 0a 06 03 2a 03 04 a0 03 0c 01 78"
			  " 88 03 2a 03 04");
	b_ext_hex(b, "1.3.6.1.5.5.7.1.1", -1, "30 29 30 12 06 08 2b 06 01 05 05 07 30 01 86 06 68 3a 2f 2f"
			  " 6f 2f 30 13 06 08 2b 06 01 05 05 07 30 02 82 07 63 61 2e 74 65 73 74");
	b_ext_hex(b, "1.3.6.1.5.5.7.1.11", -1, "30 0f 30 0d 06 08 2b 06 01 05 05 07 30 05 82 01 78");
	b_ext_hex(b, "2.5.29.32", -1, "30 2a 30 08 06 06 67 81 0c 01 02 01 30 13 06 06 67 81 0c 01 05 01"
			  " 30 09 30 07 06 03 2a 03 04 16 00 30 09 06 07 2b 06 01 04 01 82 37");
	b_ext_hex(b, "2.5.29.35", -1, "30 06 80 04 01 02 03 04");
	b_ext_hex(b, "2.5.29.14", -1, "04 04 01 02 03 04");
	b_ext_hex(b, "2.5.29.31", -1, "30 0a 30 08 a0 06 a0 04 86 02 68 3a");
	b_begin(b, PC_T_SEQUENCE);
	b_oid(b, "1.3.6.1.4.1.11129.2.4.2");
	b_begin(b, PC_T_OCTETSTRING);
	b_tlv(b, PC_T_OCTETSTRING, sct, sizeof(sct));
	b_end(b);
	b_end(b);
	b_ext_hex(b, "1.3.6.1.4.1.11129.2.4.3", 1, "05 00");
	b_ext_hex(b, "1.3.6.1.5.5.7.1.24", -1, "30 03 02 01 05");
	b_ext_hex(b, "1.3.6.1.5.5.7.1.12", -1, "30 00");
	b_end(b);
	b_end(b);
	b_end(b);
	b_sig(b);
	b_end(b);
}

/*
 * Extension values in each length form: short, 0x81, 0x82, the non-minimal
 * ones, and lengths one off either way, for an extension read by
 * ext_single (subjectKeyIdentifier) and one whose content is walked
 * (subjectAltName).
 */
static int
ext_lengths_vs_general(long *inputs)
{
	static const size_t sizes[] = {0, 1, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x101};
	int			bad = 0;

	for (int ext = 0; ext < 2; ext++)
		for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
			for (int form = 0; form < 4; form++)
				for (int off = -1; off <= 1; off++)
				{
					size_t		n = sizes[si];
					uint8_t    *v = xmalloc(n + 8);
					size_t		h = 0;
					size_t		named = (size_t) ((long) n + off);
					bld			b;

					v[h++] = ext ? PC_T_SEQUENCE : PC_T_OCTETSTRING;
					if (form == 0)
						v[h++] = (uint8_t) named;
					else if (form == 1)
					{
						v[h++] = 0x81;
						v[h++] = (uint8_t) named;
					}
					else if (form == 2)
					{
						v[h++] = 0x82;
						v[h++] = (uint8_t) (named >> 8);
						v[h++] = (uint8_t) named;
					}
					else
					{
						v[h++] = 0x83;
						v[h++] = 0;
						v[h++] = (uint8_t) (named >> 8);
						v[h++] = (uint8_t) named;
					}
					/* dNSNames of two octets, so that SAN's content can be whole */
					for (size_t i = 0; i < n; i++)
						v[h + i] = ext ? ((n - i) % 2 == 0 ? 0x82 : 0x00) : 0x44;
					b_init(&b);
					b_begin(&b, PC_T_SEQUENCE);
					b_begin(&b, PC_T_SEQUENCE);
					b_tbs_fields(&b, NULL, NULL);
					b_begin(&b, PC_CTXC(3));
					b_begin(&b, PC_T_SEQUENCE);
					b_begin(&b, PC_T_SEQUENCE);
					b_oid(&b, ext ? "2.5.29.17" : "2.5.29.14");
					b_tlv(&b, PC_T_OCTETSTRING, v, h + n);
					b_end(&b);
					b_end(&b);
					b_end(&b);
					b_end(&b);
					b_sig(&b);
					b_end(&b);
					(*inputs)++;
					if (decode_vs_general(b.buf, b.n) && bad++ < 3)
						printf("  extension %d of %zu octets, length form %d, off by %d: the decoders differ\n",
							   ext, n, form, off);
					b_free(&b);
					free(v);
				}
	return bad;
}

static void
test_shortcuts_vs_general(void)
{
	static const uint8_t vals[] = {0x00, 0x01, 0x03, 0x30, 0x7f, 0x80, 0x81, 0x82, 0xff};
	DIR		   *dir;
	char	   *path = path_join(srcdir, "test/fixtures", NULL);
	long		inputs = 0;
	int			bad = 0,
				files = 0;
	bld			b;

	cur_test = "shortcuts against the general decoder";
	scratch_general = xmalloc(sizeof(pc_cert));

	/* the rich certificate with every octet at every value */
	b_init(&b);
	b_rich_cert(&b);
	CHECKF(pc_decode(b.buf, b.n, scratch, NULL), "the rich certificate does not decode");
	CHECKF(scratch->nsan == 7 && scratch->subject.nattr == 2 && scratch->issuer.nattr == 6 &&
		   scratch->next == 14 && !scratch->ext_duplicate, "the rich certificate decodes unlike its making");
	for (int i = 0; i < scratch->next; i++)
		CHECKF(!scratch->ext[i].bad, "extension %d of the rich certificate is bad: %s", i,
			   scratch->ext[i].why);
	memset(scratch, 0, sizeof(pc_cert));
	memset(scratch_general, 0, sizeof(pc_cert));
	bad += mutations_vs_general("rich certificate", b.buf, b.n, NULL, 0, &inputs);
	b_free(&b);

	bad += ext_lengths_vs_general(&inputs);

	/* every fixture with edge values at every octet */
	dir = opendir(path);
	CHECKF(dir != NULL, "cannot open %s: %s", path, strerror(errno));
	while (dir)
	{
		char		name[256];
		size_t		len;
		uint8_t    *der = next_fixture(dir, true, name, sizeof(name), &len);

		if (der == NULL)
			break;
		files++;
		bad += mutations_vs_general(name, der, len, vals, sizeof(vals), &inputs);
		free(der);
	}
	if (dir)
		closedir(dir);
	free(path);
	free(scratch_general);
	CHECKF(bad == 0, "%d of %ld inputs decoded unlike the general decoder", bad, inputs);
	CHECKF(files >= 10, "only %d fixtures found", files);
	printf("  %ld inputs decoded with and without the shortcuts\n", inputs);
}

static void
test_decoder_shortcuts(void)
{
	test_oid_valid_words();
	test_der_long_shortcut();
	test_oid3_shortcut();
	test_time_shortcut();
	test_ku_bits();
	test_name_attr_bits();
	test_shortcuts_vs_general();
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	scratch = xmalloc(sizeof(pc_cert));
	items_cap = pc_report_capacity();
	items = xmalloc(items_cap * sizeof(pc_finding));

	test_der_lengths();
	test_der_headers();
	test_der_high_tags();
	test_der_cursor();
	test_der_deep_nesting();
	test_decoder_shortcuts();
	test_oid_text();
	test_oids_header();
	test_time();
	test_pc_date();
	test_format_time();
	test_validity_days();
	test_engine();
	test_bn_sqrtrem();
	test_nat_sqrtrem_edges();
	test_nat_sqrt_digits();
	test_psl_memo();
	test_small_residues();
	test_nat_mod_bytes();
	test_fermat_rule();
	test_min_severity();
	test_extension_kinds();
	test_roca_paths();
	test_rule_plans();
	test_tld_find();
	test_plan_eras();
	test_rule_needs();
	test_interrupt_callback();
	test_decode_built();
	test_decode_caps();
	test_regressions();
	load_manifest();
	test_manifest();
	test_malformed_fixtures();
	test_known_certs();
	test_bare_tbs();
	test_fuzz_regressions();
	test_fixture_mutations();
	test_detail_text();
	test_dns_name_memo();
	test_dns_name_facts();
	test_dns_cn_facts_reuse();
	test_ip_text_shortcut();
	test_tld_names();
	test_pkcs1_params();
	test_basic_constraints_read();
	test_span_eq_nocase();
	test_ev_policy_filter();
	test_subject_summary();
	test_memos_per_certificate();
	test_access_memo();
	test_bounded_time();
	test_weak_keys();

	free(scratch);
	free(items);
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
