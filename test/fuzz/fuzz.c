/*
 * fuzz.c
 *		libFuzzer harness over the profcheck core.
 *
 * Each input is decoded and linted with every rule: as given, judged at
 * two fixed instants (so rules whose windows the certificate's own
 * notBefore would exclude still run), as a bare TBSCertificate when it
 * decodes as a full certificate, and with itself as its issuer so the chain
 * rules run.  An input of two TLVs back to back is also read as issuer then
 * certificate (seed.sh makes such pairs from the fixtures), which drives
 * the chain rules, signature verification and the precertificate diff with
 * two independent certificates.  Findings, the decoded model and its text
 * forms are then read back in full so that a span pointing outside the
 * input, or an unterminated string, is touched and caught by
 * AddressSanitizer; LeakSanitizer catches OpenSSL objects left behind.
 */
#include "../../src/core/pc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The decoder without its shortcuts (test/unit/cert_general.c). */
bool		pc_decode_general(const uint8_t *buf, size_t len, pc_cert *c, pc_error *err);

static pc_cert *cert;
static pc_cert *issuer;
static pc_finding *items;
static size_t cap;

/* Touch every byte of a span, so ASan sees a span that escapes the input. */
static unsigned
touch(pc_span s)
{
	unsigned	sum = 0;

	for (size_t i = 0; i < s.n; i++)
		sum += s.p[i];
	return sum;
}

static unsigned
touch_name(const pc_name *n)
{
	unsigned	sum = touch(n->der);

	for (int i = 0; i < n->nattr; i++)
		sum += touch(n->attr[i].oid) + touch(n->attr[i].value) + touch(n->attr[i].all);
	return sum;
}

/* Read back everything the decoder produced. */
static unsigned
touch_cert(const pc_cert *c)
{
	unsigned	sum = 0;
	char		buf[512];
	pc_gn_iter	it;
	pc_gn		gn;

	sum += touch(c->der) + touch(c->tbs) + touch(c->serial) + touch(c->tbs_sig_alg);
	sum += touch(c->tbs_sig_oid) + touch(c->sig_alg) + touch(c->sig_oid) + touch(c->sig_value);
	sum += touch_name(&c->issuer) + touch_name(&c->subject);
	sum += touch(c->not_before.text) + touch(c->not_after.text);
	sum += touch(c->spki.all) + touch(c->spki.alg) + touch(c->spki.params) + touch(c->spki.key);
	sum += touch(c->spki.rsa_n) + touch(c->spki.rsa_e);
	for (int i = 0; i < c->next; i++)
	{
		sum += touch(c->ext[i].oid) + touch(c->ext[i].value) + touch(c->ext[i].all);
		sum += (unsigned) strlen(c->ext[i].why);
		pc_oid_text(c->ext[i].oid, buf, sizeof(buf));
		sum += (unsigned) strlen(buf);
	}
	for (int i = 0; i < c->neku; i++)
		sum += touch(c->eku[i]);
	for (int i = 0; i < c->npolicy; i++)
		sum += touch(c->policy[i].oid) + touch(c->policy[i].qualifiers);
	sum += touch(c->san) + touch(c->ian) + touch(c->aki_keyid) + touch(c->ski);
	sum += touch(c->aia) + touch(c->crldp);
	pc_gn_begin(&it, c->san);
	while (pc_gn_next(&it, &gn))
	{
		sum += touch(gn.v) + gn.type;
		pc_gn_text(&gn, buf, sizeof(buf));
		sum += (unsigned) strlen(buf);
	}
	pc_gn_begin(&it, c->ian);
	while (pc_gn_next(&it, &gn))
		sum += touch(gn.v) + gn.type;
	pc_name_text(&c->issuer, buf, sizeof(buf));
	sum += (unsigned) strlen(buf);
	pc_name_text(&c->subject, buf, 16);		/* a small buffer truncates */
	sum += (unsigned) strlen(buf);
	pc_serial_hex(c->serial, buf, sizeof(buf));
	pc_hex(c->ski, buf, 7);
	pc_format_time(c->not_before.t, buf, sizeof(buf));
	pc_format_date(c->not_after.t, buf, sizeof(buf));
	pc_kind_text(c->kind, buf, sizeof(buf));
	return sum;
}

static unsigned
touch_report(const pc_report *r)
{
	unsigned	sum = 0;

	for (size_t i = 0; i < r->n; i++)
	{
		if (r->items[i].rule == NULL)
			abort();
		sum += (unsigned) strlen(r->items[i].detail) + (unsigned) strlen(r->items[i].rule->name);
	}
	return sum;
}

static void
count_diff(void *arg, const char *field, const char *detail)
{
	*(size_t *) arg += strlen(field) + strlen(detail);
}

/*
 * The decoder's shortcuts must change nothing: decode with and without them
 * into models zeroed alike, and abort unless the verdict, the error and its
 * offset, and every octet of the model agree.
 */
static void
compare_general(const uint8_t *buf, size_t len)
{
	static pc_cert *a,
			   *b;
	pc_error	ea,
				eb;
	bool		oka,
				okb;

	if (a == NULL)
	{
		a = malloc(sizeof(pc_cert));
		b = malloc(sizeof(pc_cert));
		if (!a || !b)
			abort();
	}
	memset(a, 0, sizeof(pc_cert));
	memset(b, 0, sizeof(pc_cert));
	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	oka = pc_decode(buf, len, a, &ea);
	okb = pc_decode_general(buf, len, b, &eb);
	if (oka != okb || memcmp(a, b, sizeof(pc_cert)) != 0 ||
		(!oka && (ea.offset != eb.offset || strcmp(ea.msg, eb.msg) != 0)))
		abort();
}

static void
run(const uint8_t *buf, size_t len, const pc_options *opt)
{
	pc_report	r;
	volatile unsigned sink;

	pc_report_init(&r, items, cap);
	pc_lint_der(buf, len, opt, cert, &r);
	sink = touch_report(&r);
	if (r.n > 0 && r.items[0].rule == &pc_rule_unparseable)
	{
		/* an undecodable input yields exactly that one finding */
		if (r.n != 1)
			abort();
	}
	else
		sink += touch_cert(cert);
	(void) sink;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_error	err;
	pc_options	at = {0};
	uint8_t    *copy;

	if (cert == NULL)
	{
		cert = malloc(sizeof(pc_cert));
		issuer = malloc(sizeof(pc_cert));
		cap = pc_report_capacity();
		items = malloc(cap * sizeof(pc_finding));
		if (!cert || !issuer || !items)
			abort();
	}

	/*
	 * An exact-size heap copy: libFuzzer's buffer is already exact, but this
	 * keeps the harness honest if it is ever driven from a larger buffer.
	 */
	copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);

	compare_general(copy, size);
	run(copy, size, NULL);

	/* Judge at a late instant so every dated window is open at least once. */
	at.at_set = true;
	at.at = PC_DATE(2030, 1, 1);
	run(copy, size, &at);
	at.at = PC_DATE(2015, 1, 1);
	run(copy, size, &at);

	/* The certificate as its own issuer: the chain rules run on it. */
	if (pc_decode(copy, size, issuer, &err))
	{
		pc_options	self = {0};

		self.issuer = issuer;
		run(copy, size, &self);
	}

	/*
	 * Two TLVs back to back: the first is the issuer, the second the
	 * certificate.  An issuer that does not decode adds its fatal finding
	 * and the certificate is linted without it, as the SQL layer does.
	 */
	{
		pc_der		d;
		pc_tlv		first;

		pc_der_init(&d, (pc_span) {copy, size}, copy, NULL);
		if (size > 0 && pc_der_next(&d, &first, NULL) && pc_der_more(&d))
		{
			size_t		ilen = first.all.n;
			size_t		clen = size - ilen;
			uint8_t    *ibuf = malloc(ilen);
			uint8_t    *cbuf = malloc(clen);
			pc_report	r;
			pc_options	chain = {0};
			volatile size_t sink = 0;

			if (!ibuf || !cbuf)
				abort();
			memcpy(ibuf, copy, ilen);
			memcpy(cbuf, copy + ilen, clen);
			pc_report_init(&r, items, cap);
			if (pc_decode_issuer(ibuf, ilen, issuer, &r))
				chain.issuer = issuer;
			pc_lint_der(cbuf, clen, &chain, cert, &r);
			sink += touch_report(&r);
			if (chain.issuer && pc_decode(cbuf, clen, cert, &err))
			{
				char		why[160];
				size_t		n = 0;

				sink += (size_t) pc_verify_signature(cert, issuer, why, sizeof(why));
				sink += strlen(why);
				sink += (size_t) pc_precert_diff(cert, issuer, count_diff, &n);
				sink += (size_t) pc_precert_diff(issuer, cert, count_diff, &n);
				sink += n;
			}
			(void) sink;
			free(ibuf);
			free(cbuf);
		}
	}

	/* Feed the TBSCertificate alone, as the bare-TBS entry point sees it. */
	if (pc_decode(copy, size, cert, &err) && !cert->is_tbs)
	{
		size_t		n = cert->tbs.n;
		uint8_t    *tbs = malloc(n);

		if (!tbs)
			abort();
		memcpy(tbs, cert->tbs.p, n);
		run(tbs, n, NULL);
		free(tbs);
	}
	free(copy);
	return 0;
}
