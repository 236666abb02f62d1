/*
 * diff.c
 *		Differential test of the profcheck decoder against OpenSSL.
 *
 * Usage: diff SRCDIR [DIR...]
 *
 * Every certificate in SRCDIR/test/fixtures (PEM, and the raw .der inputs)
 * and every CERTIFICATE PEM block under SRCDIR/../shared/zlint-corpus/testdata
 * (skipped with a message when that directory is absent) is decoded twice:
 * by pc_decode and by OpenSSL's d2i_X509.  The two must agree on whether the
 * input is a certificate and, when both read it, on
 *
 *	 serial			INTEGER content octets
 *	 issuer/subject	Name DER bytes
 *	 notBefore/notAfter	seconds since the epoch
 *	 spki			SubjectPublicKeyInfo DER bytes
 *	 extensions		the OIDs in order, each with its criticality
 *	 san			each GeneralName: choice and content octets
 *
 * Each disagreement is printed with the file and the reason.  Differences
 * that are legitimate (one side is lenient or stricter by design) are listed
 * in test/diff/expected-differences.tsv as "file <TAB> check <TAB> reason";
 * the test fails on any disagreement not listed there.  One result per
 * certificate; the last line is "N passed, N failed".
 *
 * Each further DIR is a directory of raw DER inputs (a fuzzer corpus, say)
 * compared the same way and labelled "extra/NAME"; for exploring, not for
 * the committed gate.
 */
#include "../../src/core/pc.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* ---------------------------------------------------------------- expected differences */

typedef struct expected
{
	char	   *file;
	char	   *check;
	char	   *reason;
	int			used;
} expected;

static expected *exp_rows;
static int	n_exp;

static void
load_expected(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[4096];

	if (f == NULL)
	{
		printf("diff: no %s; every disagreement counts\n", path);
		return;
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *t1,
				   *t2;
		size_t		l = strlen(line);

		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2)
		{
			printf("diff: malformed line in %s: %s\n", path, line);
			continue;
		}
		*t1 = *t2 = '\0';
		if (strcmp(line, "file") == 0)
			continue;
		exp_rows = realloc(exp_rows, sizeof(*exp_rows) * (size_t) (n_exp + 1));
		exp_rows[n_exp].file = strdup(line);
		exp_rows[n_exp].check = strdup(t1 + 1);
		exp_rows[n_exp].reason = strdup(t2 + 1);
		exp_rows[n_exp].used = 0;
		n_exp++;
	}
	fclose(f);
}

static expected *
find_expected(const char *file, const char *check)
{
	for (int i = 0; i < n_exp; i++)
		if (strcmp(exp_rows[i].file, file) == 0 && strcmp(exp_rows[i].check, check) == 0)
			return &exp_rows[i];
	return NULL;
}

/* ---------------------------------------------------------------- reporting */

static int	n_pass,
			n_fail,
			n_known,
			n_both_reject;
static long n_fields;			/* field comparisons made, for the summary */
static int	cert_unlisted;		/* unlisted disagreements of the current certificate */
static int	cert_listed;

static void disagree(const char *file, const char *check, const char *fmt,...) pg_attribute_printf(3, 4);

static void
disagree(const char *file, const char *check, const char *fmt,...)
{
	va_list		ap;
	expected   *e = find_expected(file, check);
	char		msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (e)
	{
		e->used++;
		cert_listed++;
		printf("known  %s: %s: %s [listed: %s]\n", file, check, msg, e->reason);
	}
	else
	{
		cert_unlisted++;
		printf("DIFF   %s: %s: %s\n", file, check, msg);
	}
}

static void
hex(const uint8_t *p, size_t n, char *buf, size_t size)
{
	size_t		used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 3 < size; i++)
		used += (size_t) snprintf(buf + used, size - used, "%02x", p[i]);
	if (n * 2 + 1 > size && size > 4)
		strcpy(buf + size - 4, "...");
}

/* Compare two byte strings; on a difference, say where. */
static void
cmp_bytes(const char *file, const char *check, const uint8_t *a, size_t an,
		  const uint8_t *b, size_t bn)
{
	size_t		i = 0;
	char		ha[100],
				hb[100];

	n_fields++;
	if (an == bn && (an == 0 || memcmp(a, b, an) == 0))
		return;
	while (i < an && i < bn && a[i] == b[i])
		i++;
	hex(a + i, an - i > 16 ? 16 : an - i, ha, sizeof(ha));
	hex(b + i, bn - i > 16 ? 16 : bn - i, hb, sizeof(hb));
	disagree(file, check, "profcheck %zu octets, openssl %zu; first difference at %zu: %s vs %s",
			 an, bn, i, ha, hb);
}

/* ---------------------------------------------------------------- helpers */

/* The content octets of a DER TLV that OpenSSL encoded. */
static bool
tlv_content(const uint8_t *der, size_t n, pc_tlv *t)
{
	pc_der		d;

	pc_der_init(&d, (pc_span) {der, n}, der, NULL);
	return pc_der_next(&d, t, NULL) && !pc_der_more(&d);
}

/*
 * OpenSSL's reading of a time as seconds since the epoch, by OpenSSL's own
 * calendar arithmetic (ASN1_TIME_diff), so no profcheck code is involved.
 */
static bool
ossl_time(const ASN1_TIME *t, int64_t *out)
{
	static ASN1_TIME *epoch;
	int			days,
				secs;

	if (epoch == NULL)
		epoch = ASN1_TIME_set(NULL, 0);
	if (t == NULL || epoch == NULL || !ASN1_TIME_diff(&days, &secs, epoch, t))
		return false;
	*out = (int64_t) days * 86400 + secs;
	return true;
}

static const char *
gn_type_name(int type)
{
	static const char *const names[] = {
		"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
		"ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID",
	};

	return type >= 0 && type <= 8 ? names[type] : "?";
}

static void
cmp_san(const char *file, const pc_cert *c, X509 *x)
{
	const pc_ext *ours = pc_ext_get(c, PC_X_SAN);
	int			idx = (int) (ours - c->ext);
	X509_EXTENSION *ext;
	GENERAL_NAMES *gns;
	pc_gn_iter	it;
	pc_gn		gn;
	int			n;
	int			i = 0;

	if (ours == NULL || idx >= X509_get_ext_count(x))
		return;
	ext = X509_get_ext(x, idx);
	if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) != NID_subject_alt_name)
		return;					/* reported as an extension-list difference */
	gns = X509V3_EXT_d2i(ext);
	ERR_clear_error();
	if (gns == NULL && !ours->bad)
	{
		disagree(file, "san", "openssl cannot decode the subjectAltName; profcheck reads %u names",
				 c->nsan);
		return;
	}
	if (gns != NULL && ours->bad)
	{
		disagree(file, "san", "profcheck marks subjectAltName bad (%s); openssl reads %d names",
				 ours->why, sk_GENERAL_NAME_num(gns));
		GENERAL_NAMES_free(gns);
		return;
	}
	if (gns == NULL)
		return;					/* both reject it */
	n = sk_GENERAL_NAME_num(gns);
	if ((int) c->nsan != n)
		disagree(file, "san", "profcheck %u names, openssl %d", c->nsan, n);
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn) && i < n)
	{
		GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, i);
		unsigned char *der = NULL;
		int			len = i2d_GENERAL_NAME(g, &der);
		pc_tlv		t;
		char		check[32];

		snprintf(check, sizeof(check), "san[%d]", i);
		if (len <= 0 || !tlv_content(der, (size_t) len, &t))
			disagree(file, check, "openssl cannot re-encode %s", gn_type_name(g->type));
		else if (g->type != gn.type)
			disagree(file, check, "profcheck %s, openssl %s", gn_type_name(gn.type),
					 gn_type_name(g->type));
		else
			cmp_bytes(file, check, gn.v.p, gn.v.n, t.v.p, t.v.n);
		OPENSSL_free(der);
		i++;
	}
	GENERAL_NAMES_free(gns);
}

/* ---------------------------------------------------------------- one certificate */

static pc_cert *cert;

static void
compare(const char *file, const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509	   *x;
	pc_error	err;
	bool		ok = pc_decode(der, len, cert, &err);
	pc_cert    *c = cert;
	char		why[256] = "";

	ERR_clear_error();
	x = d2i_X509(NULL, &p, (long) len);
	if (x == NULL)
	{
		/*
		 * The innermost reason OpenSSL gives ("illegal padding"), and the
		 * field it names ("Field=serialNumber, Type=X509_CINF").
		 */
		const char *data = NULL;
		int			flags = 0;
		unsigned long code = ERR_peek_error_data(&data, &flags);
		const char *reason = code ? ERR_reason_error_string(code) : NULL;
		size_t		used;

		used = (size_t) snprintf(why, sizeof(why), "%s", reason ? reason : "no reason given");
		while ((code = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0)
			if (data && (flags & ERR_TXT_STRING) && strstr(data, "Field=") && used < sizeof(why))
			{
				used += (size_t) snprintf(why + used, sizeof(why) - used, " (%s)", data);
				break;
			}
	}
	cert_unlisted = 0;
	cert_listed = 0;
	ERR_clear_error();

	/*
	 * d2i_X509 stops at the end of the certificate; bytes after it are not
	 * an error to OpenSSL.  profcheck rejects them.
	 */
	if (x && (size_t) (p - der) != len && !ok)
		disagree(file, "parse", "openssl reads the first %zu of %zu octets; profcheck: %s (at %zu)",
				 (size_t) (p - der), len, err.msg, err.offset);
	else if (x && !ok)
		disagree(file, "parse", "openssl accepts; profcheck: %s (at %zu)", err.msg, err.offset);
	else if (!x && ok)
		disagree(file, "parse", "profcheck accepts (%s); openssl rejects: %s",
				 c->is_tbs ? "as a bare TBSCertificate" : "as a certificate", why);
	else if (!x && !ok)
		n_both_reject++;

	if (x && ok)
	{
		const unsigned char *nder;
		size_t		nlen;
		unsigned char *buf = NULL;
		int			blen;
		pc_tlv		t;
		int64_t		tv;
		int			next = X509_get_ext_count(x);

		/* serial */
		blen = i2d_ASN1_INTEGER((ASN1_INTEGER *) X509_get0_serialNumber(x), &buf);
		if (blen > 0 && tlv_content(buf, (size_t) blen, &t))
			cmp_bytes(file, "serial", c->serial.p, c->serial.n, t.v.p, t.v.n);
		else
			disagree(file, "serial", "openssl cannot encode the serial");
		OPENSSL_free(buf);
		buf = NULL;

		/* names, as encoded */
		if (X509_NAME_get0_der(X509_get_issuer_name(x), &nder, &nlen))
			cmp_bytes(file, "issuer", c->issuer.der.p, c->issuer.der.n, nder, nlen);
		if (X509_NAME_get0_der(X509_get_subject_name(x), &nder, &nlen))
			cmp_bytes(file, "subject", c->subject.der.p, c->subject.der.n, nder, nlen);

		/* validity */
		if (!ossl_time(X509_get0_notBefore(x), &tv))
			disagree(file, "notBefore", "openssl cannot read \"%.*s\"; profcheck %lld",
					 (int) c->not_before.text.n, (const char *) c->not_before.text.p,
					 (long long) c->not_before.t);
		else if (n_fields++, tv != c->not_before.t)
			disagree(file, "notBefore", "profcheck %lld, openssl %lld (\"%.*s\")",
					 (long long) c->not_before.t, (long long) tv,
					 (int) c->not_before.text.n, (const char *) c->not_before.text.p);
		if (!ossl_time(X509_get0_notAfter(x), &tv))
			disagree(file, "notAfter", "openssl cannot read \"%.*s\"; profcheck %lld",
					 (int) c->not_after.text.n, (const char *) c->not_after.text.p,
					 (long long) c->not_after.t);
		else if (n_fields++, tv != c->not_after.t)
			disagree(file, "notAfter", "profcheck %lld, openssl %lld (\"%.*s\")",
					 (long long) c->not_after.t, (long long) tv,
					 (int) c->not_after.text.n, (const char *) c->not_after.text.p);
		ERR_clear_error();

		/* subjectPublicKeyInfo */
		blen = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &buf);
		if (blen > 0)
			cmp_bytes(file, "spki", c->spki.all.p, c->spki.all.n, buf, (size_t) blen);
		else
			disagree(file, "spki", "openssl cannot encode the key");
		OPENSSL_free(buf);
		buf = NULL;

		/* extensions: OIDs in order, with criticality */
		if (next != c->next)
			disagree(file, "extensions", "profcheck %d extensions, openssl %d", c->next, next);
		for (int i = 0; i < next && i < c->next; i++)
		{
			X509_EXTENSION *e = X509_get_ext(x, i);
			const ASN1_OBJECT *o = X509_EXTENSION_get_object(e);
			char		check[32],
						ours[128],
						theirs[128];
			int			crit = X509_EXTENSION_get_critical(e);

			snprintf(check, sizeof(check), "extension[%d]", i);
			n_fields++;
			pc_oid_text(c->ext[i].oid, ours, sizeof(ours));
			OBJ_obj2txt(theirs, sizeof(theirs), o, 1);
			if (OBJ_length(o) != c->ext[i].oid.n ||
				memcmp(OBJ_get0_data(o), c->ext[i].oid.p, c->ext[i].oid.n) != 0)
				disagree(file, check, "profcheck %s, openssl %s", ours, theirs);
			else if ((crit > 0) != c->ext[i].critical)
				disagree(file, check, "%s critical: profcheck %d, openssl %d", ours,
						 c->ext[i].critical, crit > 0);
		}

		cmp_san(file, c, x);
	}
	X509_free(x);
	ERR_clear_error();

	if (cert_unlisted)
		n_fail++;
	else
	{
		n_pass++;
		if (cert_listed)
			n_known++;
	}
}

/* ---------------------------------------------------------------- inputs */

/* Every CERTIFICATE block of a PEM file, each compared on its own. */
static int
compare_pem_file(const char *label, const char *path)
{
	BIO		   *bio = BIO_new_file(path, "r");
	int			count = 0;

	if (bio == NULL)
	{
		printf("diff: cannot open %s\n", path);
		ERR_clear_error();
		return 0;
	}
	for (;;)
	{
		char	   *name = NULL,
				   *header = NULL;
		unsigned char *data = NULL;
		long		len = 0;

		if (!PEM_read_bio(bio, &name, &header, &data, &len))
			break;
		if (strcmp(name, "CERTIFICATE") == 0 || strcmp(name, "X509 CERTIFICATE") == 0)
		{
			char		file[1024];

			if (count == 0)
				snprintf(file, sizeof(file), "%s", label);
			else
				snprintf(file, sizeof(file), "%s#%d", label, count + 1);
			compare(file, data, (size_t) len);
			count++;
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
	}
	ERR_clear_error();
	BIO_free(bio);
	return count;
}

static void
compare_der_file(const char *label, const char *path)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf;
	size_t		n = 0,
				cap = 1 << 16;

	if (f == NULL)
		return;
	buf = malloc(cap);
	while (buf)
	{
		size_t		got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	fclose(f);
	if (buf)
	{
		/* an exact-size copy, so neither side can read past it unnoticed */
		uint8_t    *exact = malloc(n ? n : 1);

		memcpy(exact, buf, n);
		compare(label, exact, n);
		free(exact);
	}
	free(buf);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Walk dir (recursively), in name order, comparing .pem (and .der when 'der'; every file when 'raw'). */
static bool raw_mode;

static int
walk(const char *dir, const char *prefix, bool der)
{
	DIR		   *d = opendir(dir);
	struct dirent *ent;
	char	  **names = NULL;
	int			n = 0,
				certs = 0;

	if (d == NULL)
		return -1;
	while ((ent = readdir(d)) != NULL)
	{
		if (ent->d_name[0] == '.')
			continue;
		names = realloc(names, sizeof(char *) * (size_t) (n + 1));
		names[n++] = strdup(ent->d_name);
	}
	closedir(d);
	qsort(names, (size_t) n, sizeof(char *), cmp_str);
	for (int i = 0; i < n; i++)
	{
		char		path[2048],
					label[2048];
		struct stat st;
		size_t		l = strlen(names[i]);

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(label, sizeof(label), "%s/%s", prefix, names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		{
			/* test/fixtures/keys holds private keys, not certificates */
			if (strcmp(names[i], "keys") != 0)
				certs += walk(path, label, der);
		}
		else if (raw_mode)
		{
			compare_der_file(label, path);
			certs++;
		}
		else if (l > 4 && strcmp(names[i] + l - 4, ".pem") == 0)
			certs += compare_pem_file(label, path);
		else if (der && l > 4 && strcmp(names[i] + l - 4, ".der") == 0)
		{
			compare_der_file(label, path);
			certs++;
		}
		free(names[i]);
	}
	free(names);
	return certs;
}

int
main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : ".";
	char		path[2048];
	int			nfix,
				nz;

	setvbuf(stdout, NULL, _IOLBF, 0);
	cert = malloc(sizeof(pc_cert));
	snprintf(path, sizeof(path), "%s/test/diff/expected-differences.tsv", src);
	load_expected(path);

	snprintf(path, sizeof(path), "%s/test/fixtures", src);
	nfix = walk(path, "fixtures", true);
	if (nfix < 0)
		printf("diff: %s not found\n", path);

	snprintf(path, sizeof(path), "%s/../shared/zlint-corpus/testdata", src);
	nz = walk(path, "zlint", false);
	if (nz < 0)
		printf("diff: %s not present; the ZLint corpus is skipped\n", path);

	raw_mode = true;
	for (int i = 2; i < argc; i++)
		if (walk(argv[i], "extra", false) < 0)
			printf("diff: cannot read %s\n", argv[i]);
	raw_mode = false;

	for (int i = 0; i < n_exp; i++)
		if (!exp_rows[i].used)
			printf("stale  %s: %s: listed, but the difference no longer occurs\n",
				   exp_rows[i].file, exp_rows[i].check);
	printf("diff: %d fixture inputs, %d ZLint corpus certificates, %ld field comparisons; "
		   "%d agree (%d of them rejected by both), %d with listed differences only\n",
		   nfix < 0 ? 0 : nfix, nz < 0 ? 0 : nz, n_fields, n_pass - n_known, n_both_reject, n_known);
	printf("%d passed, %d failed\n", n_pass, n_fail);
	free(cert);
	return n_fail ? 1 : 0;
}
