/*
 * engine.c
 *		The rule engine: which rules apply, which are in force, and the report.
 *
 * A check never decides whether its rule applies or is in force; the engine
 * does, from the rule's metadata (scope and window), so that a dated
 * requirement is a row of data and never a date compared inside code.
 */
#include "pc.h"
#include "registry.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>

const pc_rule pc_rule_unparseable = {
	.name = "f_certificate_unparseable",
	.severity = PC_FATAL,
	.source = "profcheck",
	.citation = "RFC 5280 4.1; X.690 (DER)",
	.description = "The input is not a DER-encoded certificate or TBSCertificate; the detail says what is wrong and at which byte offset.",
};

const pc_rule pc_rule_issuer_unparseable = {
	.name = "f_issuer_unparseable",
	.severity = PC_FATAL,
	.source = "profcheck",
	.citation = "RFC 5280 4.1; X.690 (DER)",
	.description = "The issuer certificate given for chain rules is not a DER-encoded certificate; the rules that need it did not run.",
};

/* The rules the engine itself reports, before any document's. */
static const pc_rule *const pc_core_rules[] = {&pc_rule_unparseable, &pc_rule_issuer_unparseable};

#define PC_NCORE (sizeof(pc_core_rules) / sizeof(pc_core_rules[0]))

const char *
pc_severity_name(pc_severity s)
{
	static const char *const names[] = {"info", "notice", "warn", "error", "fatal"};

	return (unsigned) s <= PC_FATAL ? names[s] : "unknown";
}

bool
pc_severity_parse(const char *s, pc_severity *out)
{
	for (int i = PC_INFO; i <= PC_FATAL; i++)
	{
		if (strcmp(s, pc_severity_name((pc_severity) i)) == 0)
		{
			*out = (pc_severity) i;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------- registry */

size_t
pc_rule_count(void)
{
	size_t		n = PC_NCORE;

	for (size_t t = 0; t < pc_rule_table_count; t++)
		n += *pc_rule_tables[t].count;
	return n;
}

const pc_rule *
pc_rule_at(size_t i)
{
	if (i < PC_NCORE)
		return pc_core_rules[i];
	i -= PC_NCORE;
	for (size_t t = 0; t < pc_rule_table_count; t++)
	{
		if (i < *pc_rule_tables[t].count)
			return &pc_rule_tables[t].rules[i];
		i -= *pc_rule_tables[t].count;
	}
	return NULL;
}

const pc_rule *
pc_rule_find(const char *name)
{
	size_t		n = pc_rule_count();

	for (size_t i = 0; i < n; i++)
	{
		const pc_rule *r = pc_rule_at(i);

		if (strcmp(r->name, name) == 0)
			return r;
	}
	return NULL;
}

/*
 * A short fingerprint of the rule set: every rule's name, severity, window
 * and scope, hashed with 64-bit FNV-1a.  Stored findings carry it, so a
 * scan knows when a newer build changed what the rules say.
 */
void
pc_ruleset_version(char *buf, size_t size)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		n = pc_rule_count();

	for (size_t i = 0; i < n; i++)
	{
		const pc_rule *r = pc_rule_at(i);
		char		meta[512];
		int			len = snprintf(meta, sizeof(meta), "%s|%d|%lld|%lld|%u|%u;", r->name,
								   (int) r->severity, (long long) r->from, (long long) r->until,
								   (unsigned) r->scope, (unsigned) r->exclude);

		for (int k = 0; k < len && k < (int) sizeof(meta); k++)
		{
			h ^= (uint8_t) meta[k];
			h *= 0x100000001b3ULL;
		}
	}
	snprintf(buf, size, "%zu-%016llx", n, (unsigned long long) h);
}

void
pc_scope_text(const pc_rule *r, char *buf, size_t size)
{
	char		inc[160],
				exc[160];
	const char *note = "";

	/* kinds first, so the text stays a list; a narrowing goes after it */
	if (r->flags & PC_RF_TLS_LEAF)
		note = " (the check keeps TLS leaves: TLS subscribers, and cA certificates "
			"without keyCertSign whose EKU allows serverAuth)";
	else if (r->flags & PC_RF_BR_CERT)
		note = " (the check keeps CAs and TLS leaves: TLS subscribers, and cA certificates "
			"without keyCertSign whose EKU allows serverAuth)";
	pc_kind_text(r->scope, inc, sizeof(inc));
	if (r->exclude)
	{
		pc_kind_text(r->exclude, exc, sizeof(exc));
		snprintf(buf, size, "%s; not %s%s", inc, exc, note);
	}
	else
		snprintf(buf, size, "%s%s", inc, note);
}

/* ---------------------------------------------------------------- report */

size_t
pc_report_capacity(void)
{
	return pc_rule_count();
}

/* Empty the per-certificate memo. */
static void
forget_certificate(pc_report *r)
{
	r->psl_used = 0;
	r->rsa_res_done = false;
	r->is_ev = -1;
	r->dns_n = -1;
	r->subj.cert = NULL;
	r->access.cert = NULL;
	r->unotice = -1;
}

void
pc_report_init(pc_report *r, pc_finding *items, size_t cap)
{
	r->items = items;
	r->n = 0;
	r->cap = cap;
	r->cur = NULL;
	r->opt = NULL;
	r->overflow = false;
	forget_certificate(r);
}

/*
 * Details quote certificate values, which may hold anything.  Make the text
 * safe wherever it goes (a PostgreSQL text value, JSON, a terminal): every
 * byte that is not part of a well-formed UTF-8 character, and every control
 * character, becomes '?'.
 */
static void
sanitize_utf8(char *s)
{
	unsigned char *p = (unsigned char *) s;

	while (*p)
	{
		int			len = 0;
		uint32_t	cp = 0;

		if (*p < 0x80)
		{
			if (*p < 0x20 || *p == 0x7f)
				*p = '?';
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0)
			len = 2, cp = *p & 0x1f;
		else if ((*p & 0xf0) == 0xe0)
			len = 3, cp = *p & 0x0f;
		else if ((*p & 0xf8) == 0xf0)
			len = 4, cp = *p & 0x07;
		for (int i = 1; i < len; i++)
		{
			if ((p[i] & 0xc0) != 0x80)
			{
				len = 0;
				break;
			}
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		/* no overlong forms, surrogates or code points past U+10FFFF */
		if (len == 0 || (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
			(len == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		{
			*p++ = '?';
			continue;
		}
		p += len;
	}
}

void
pc_fail(pc_report *r, const char *fmt,...)
{
	va_list		ap;
	pc_finding *f;
	size_t		used = 0;

	/* A rule reports once; further calls extend its detail. */
	if (r->n > 0 && r->items[r->n - 1].rule == r->cur)
	{
		f = &r->items[r->n - 1];
		used = strlen(f->detail);
		if (used + 3 >= sizeof(f->detail))
			return;
		memcpy(f->detail + used, "; ", 3);
		used += 2;
	}
	else
	{
		if (r->n == r->cap)
		{
			r->overflow = true;
			return;
		}
		f = &r->items[r->n++];
		f->rule = r->cur;
		f->severity = r->cur->severity;
		f->detail[0] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(f->detail + used, sizeof(f->detail) - used, fmt, ap);
	va_end(ap);
	sanitize_utf8(f->detail + used);
}

/* ---------------------------------------------------------------- engine */

bool
pc_rule_applies(const pc_rule *rule, const pc_cert *c)
{
	if ((c->kind & rule->scope) != rule->scope)
		return false;
	if (c->kind & rule->exclude)
		return false;
	if ((rule->flags & PC_RF_NEEDS_SIGNATURE) && c->is_tbs)
		return false;
	return true;
}

bool
pc_rule_in_force(const pc_rule *rule, int64_t at)
{
	if (rule->from != 0 && at < rule->from)
		return false;
	if (rule->until != 0 && at >= rule->until)
		return false;
	return true;
}

_Static_assert(PC_X_COUNT <= 23, "extension kinds overflow PC_NEEDS_EXT's bits");
_Static_assert(PC_GN_RID < 9, "name types overflow PC_NEEDS_SAN's bits");
_Static_assert(PC_AK_COUNT <= 25, "attribute kinds overflow PC_NEEDS_SUBJ's bits");

uint64_t
pc_cert_features(const pc_cert *c, pc_report *r, uint64_t wanted)
{
	static const uint64_t key[] = {
		[PC_KEY_RSA] = PC_NEEDS_RSA | PC_NEEDS_RSA_ANY,
		[PC_KEY_RSA_PSS] = PC_NEEDS_RSA_PSS | PC_NEEDS_RSA_ANY,
		[PC_KEY_EC] = PC_NEEDS_EC,
		[PC_KEY_DSA] = PC_NEEDS_DSA,
	};
	_Static_assert(sizeof(key) / sizeof(key[0]) == PC_KEY_DSA + 1, "a key type past PC_KEY_DSA");
	uint64_t	f = c->xmask | (uint64_t) (c->san_types & 0x1ff) << 23 | key[c->spki.type];

	if (c->eku_mask & PC_EKU_OCSP_SIGNING)
		f |= PC_NEEDS_OCSP_EKU;
	/* the two that take a look: only when some rule of the plan asks */
	if ((wanted & PC_NEEDS_EV) && pc_cert_is_ev(c, r))
		f |= PC_NEEDS_EV;
	if (wanted & PC_NEEDS_SUBJ_ANY)
		f |= (uint64_t) (r->subj.cert == c ? &r->subj : pc_subject_info_make(c, r))->has << 32;
	return f;
}

/*
 * Rule plans.
 *
 * Whether a rule applies to a certificate depends only on the rule's
 * metadata and on a few facts: the certificate's kind bits, whether it is a
 * bare TBSCertificate, the caller's minimum severity and whether an issuer
 * was given.  Consecutive certificates of a scan or a bulk load nearly always
 * share all four, so the engine lists the rules that apply for such a key
 * once (a plan) and afterwards calls the checks, instead of reading every
 * rule's metadata for every certificate.
 *
 * Which of a plan's rules are in force depends on the instant judged at
 * only through the window dates of its rules.  Between two consecutive
 * dates (an era) the set is fixed, so the plan keeps it per era as a bit
 * mask over its steps: a certificate costs a branch-free search of the
 * dates and a walk over set bits.  Comparing each step's window instead
 * was a branch the processor mispredicted whenever consecutive
 * certificates were judged at different instants (a historic load at
 * notBefore): perf put 40% of the rule loop's time there.
 *
 * A plan also lists, per feature a rule may need (PC_NEEDS_*), the steps
 * that need it.  The features a certificate lacks remove those steps from
 * the era's mask before the walk, so a check that could only return at
 * once is not called: a few ANDs instead of about eighty of the 208 calls
 * the error rules in force make on a DV certificate.
 *
 * The plans are a per-thread cache (per backend in PostgreSQL) of bounded
 * size, derived from the constant rule tables alone; when a plan cannot be
 * allocated the engine tests each rule as before.
 */
#define PLAN_SLOTS 32
#define SKIP_MEMO 4

typedef struct plan_step
{
	pc_check_fn check;
	const pc_rule *rule;
} plan_step;

typedef struct plan
{
	uint32_t	kind;
	bool		is_tbs;
	bool		issuer;
	pc_severity min_severity;
	size_t		n;				/* steps */
	size_t		words;			/* 64-bit words of a mask: (n + 63) / 64 */
	size_t		nb;				/* window dates, distinct, ascending */
	uint64_t	needs;			/* every feature some step needs, OR-ed */
	plan_step  *steps;			/* NULL: slot empty; one allocation with ... */
	int64_t    *bound;			/* ... the dates, ... */
	uint64_t   *mask;			/* ... per era e (nb + 1 of them), words bits, ... */
	uint64_t   *need;			/* ... per feature bit f (64), the steps needing it, ... */
	uint64_t   *skip;			/* ... per memo entry, the steps its features skip, ... */
	uint64_t   *keep;			/* ... and words of scratch: the steps to run */
	uint64_t	skip_key[SKIP_MEMO];	/* missing features of each memo entry; 0 = free */
	unsigned	skip_next;		/* memo entry to replace next */
} plan;

typedef struct plan_cache
{
	unsigned	last;			/* slot of the previous hit */
	unsigned	victim;			/* next slot to reuse when all are taken */
	plan		slot[PLAN_SLOTS];
} plan_cache;

/* Does the rule run on this certificate, the window aside? */
static bool
rule_applies_here(const pc_rule *rule, const pc_cert *c, const pc_options *opt)
{
	return rule->severity >= opt->min_severity && pc_rule_applies(rule, c) &&
		!((rule->flags & PC_RF_NEEDS_ISSUER) && opt->issuer == NULL);
}

static bool
plan_matches(const plan *p, const pc_cert *c, const pc_options *opt)
{
	return p->steps != NULL && p->kind == c->kind && p->is_tbs == c->is_tbs &&
		p->min_severity == opt->min_severity && p->issuer == (opt->issuer != NULL);
}

static int
cmp_int64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/* Era of an instant: how many of the plan's dates are at or before it. */
static size_t
plan_era(const plan *p, int64_t at)
{
	const int64_t *base = p->bound;
	size_t		len = p->nb;

	if (len == 0)
		return 0;
	/* branch-free: the instants of a historic load come in no order */
	while (len > 1)
	{
		size_t		half = len / 2;

		base = base[half] <= at ? base + half : base;
		len -= half;
	}
	return (size_t) (base - p->bound) + (*base <= at);
}

/* Sort window dates and drop repeats; returns how many are left. */
static size_t
dates_distinct(int64_t *d, size_t nb)
{
	size_t		k = 0;

	qsort(d, nb, sizeof(int64_t), cmp_int64);
	for (size_t i = 0; i < nb; i++)
		if (k == 0 || d[i] != d[k - 1])
			d[k++] = d[i];
	return k;
}

/* Fill each era's mask from an instant inside it (its first second). */
static void
plan_masks(plan *p)
{
	for (size_t e = 0; e <= p->nb; e++)
	{
		uint64_t   *m = p->mask + e * p->words;
		int64_t		at = e == 0 ? (p->nb > 0 ? p->bound[0] - 1 : 0) : p->bound[e - 1];

		memset(m, 0, p->words * sizeof(uint64_t));
		for (size_t i = 0; i < p->n; i++)
			if (pc_rule_in_force(p->steps[i].rule, at))
				m[i / 64] |= (uint64_t) 1 << (i % 64);
	}
}

/* Per feature, the steps that need it; and the features any step needs. */
static void
plan_needs(plan *p)
{
	memset(p->need, 0, 64 * p->words * sizeof(uint64_t));
	p->needs = 0;
	for (size_t i = 0; i < p->n; i++)
		for (uint64_t f = p->steps[i].rule->needs; f != 0; f &= f - 1)
			p->need[(size_t) __builtin_ctzll(f) * p->words + i / 64] |= (uint64_t) 1 << (i % 64);
	for (size_t i = 0; i < p->n; i++)
		p->needs |= p->steps[i].rule->needs;
}

/*
 * The steps needing any of the missing features, OR-ed from the per-feature
 * rows.  A certificate lacks some twenty features of a TLS plan, and
 * consecutive certificates mostly lack the same ones, so the plan remembers
 * the last few answers.
 */
static const uint64_t *
plan_skip(plan *p, uint64_t missing)
{
	unsigned	i;
	uint64_t   *skip;

	for (i = 0; i < SKIP_MEMO; i++)
		if (p->skip_key[i] == missing)
			return p->skip + i * p->words;
	i = p->skip_next;
	p->skip_next = (i + 1) % SKIP_MEMO;
	p->skip_key[i] = missing;
	skip = p->skip + i * p->words;
	memset(skip, 0, p->words * sizeof(uint64_t));
	for (; missing != 0; missing &= missing - 1)
	{
		const uint64_t *row = p->need + (size_t) __builtin_ctzll(missing) * p->words;

		for (size_t w = 0; w < p->words; w++)
			skip[w] |= row[w];
	}
	return skip;
}

/*
 * The steps of the era's mask that this certificate has the features for:
 * the mask itself when it lacks none, else the plan's scratch words.
 */
static const uint64_t *
plan_keep(plan *p, const uint64_t *m, uint64_t missing)
{
	const uint64_t *skip;

	if (missing == 0)
		return m;
	skip = plan_skip(p, missing);
	for (size_t w = 0; w < p->words; w++)
		p->keep[w] = m[w] & ~skip[w];
	return p->keep;
}

/*
 * Build the plan for this key into a free slot, or the oldest one: the
 * rules that apply, then their window dates, then the masks, in one
 * allocation sized to them.
 */
static plan *
plan_build(plan_cache *pc, const pc_cert *c, const pc_options *opt)
{
	unsigned	s = pc->victim;
	plan	   *p;
	size_t		n = 0,
				nb = 0,
				words;
	int64_t    *dates;

	for (unsigned i = 0; i < PLAN_SLOTS; i++)
		if (pc->slot[i].steps == NULL)
		{
			s = i;
			break;
		}
	p = &pc->slot[s];
	pc->victim = (s + 1) % PLAN_SLOTS;
	free(p->steps);
	p->steps = NULL;
	if ((dates = malloc(2 * pc_rule_count() * sizeof(int64_t) + 1)) == NULL)
		return NULL;
	for (size_t t = 0; t < pc_rule_table_count; t++)
		for (size_t i = 0; i < *pc_rule_tables[t].count; i++)
		{
			const pc_rule *rule = &pc_rule_tables[t].rules[i];

			if (!rule_applies_here(rule, c, opt))
				continue;
			n++;
			if (rule->from != 0)
				dates[nb++] = rule->from;
			if (rule->until != 0)
				dates[nb++] = rule->until;
		}
	nb = dates_distinct(dates, nb);
	words = (n + 63) / 64;
	p->steps = malloc(n * sizeof(plan_step) + nb * sizeof(int64_t) +
					  (nb + 1 + 64 + SKIP_MEMO + 1) * words * sizeof(uint64_t) + 1);
	if (p->steps == NULL)
	{
		free(dates);
		return NULL;
	}
	p->bound = (int64_t *) (p->steps + n);
	p->mask = (uint64_t *) (p->bound + nb);
	p->need = p->mask + (nb + 1) * words;
	p->skip = p->need + 64 * words;
	p->keep = p->skip + SKIP_MEMO * words;
	memset(p->skip_key, 0, sizeof(p->skip_key));
	p->skip_next = 0;
	memcpy(p->bound, dates, nb * sizeof(int64_t));
	free(dates);
	n = 0;
	for (size_t t = 0; t < pc_rule_table_count; t++)
		for (size_t i = 0; i < *pc_rule_tables[t].count; i++)
		{
			const pc_rule *rule = &pc_rule_tables[t].rules[i];

			if (rule_applies_here(rule, c, opt))
				p->steps[n++] = (plan_step) {rule->check, rule};
		}
	p->n = n;
	p->words = words;
	p->nb = nb;
	plan_masks(p);
	plan_needs(p);
	p->kind = c->kind;
	p->is_tbs = c->is_tbs;
	p->issuer = opt->issuer != NULL;
	p->min_severity = opt->min_severity;
	pc->last = s;
	return p;
}

/*
 * The flag the engine reads before each rule: the caller's pending flag, or,
 * with an interrupt callback and no flag, one always set (call it every
 * time), or without a callback one never set.  One load and a test per rule.
 */
static const volatile sig_atomic_t flag_set = 1;
static const volatile sig_atomic_t flag_clear = 0;

static inline const volatile sig_atomic_t *
interrupt_flag(const pc_options *opt)
{
	if (opt->interrupt == NULL)
		return &flag_clear;
	return opt->interrupt_pending ? opt->interrupt_pending : &flag_set;
}

/*
 * Run the steps whose bits are set in the words of m, in order.  The loop
 * keeps few values live across the indirect call, so they stay in
 * registers: the position in the mask, the bits left of its word, the first
 * step of the word and the flag.
 */
static void
run_steps(const pc_cert *c, pc_report *r, const plan_step *st,
		  const uint64_t *m, const uint64_t *end, const volatile sig_atomic_t *flag)
{
	for (; m < end; m++, st += 64)
		for (uint64_t bits = *m; bits != 0;)
		{
			const plan_step *s = st + __builtin_ctzll(bits);

			bits &= bits - 1;
			if (*flag)
				r->opt->interrupt();
			r->cur = s->rule;
			s->check(c, r);
		}
}

static plan *
plan_for(const pc_cert *c, const pc_options *opt)
{
	static _Thread_local plan_cache cache;
	plan_cache *pc = &cache;

	if (plan_matches(&pc->slot[pc->last], c, opt))
		return &pc->slot[pc->last];
	for (unsigned i = 0; i < PLAN_SLOTS; i++)
		if (plan_matches(&pc->slot[i], c, opt))
		{
			pc->last = i;
			return &pc->slot[i];
		}
	return plan_build(pc, c, opt);
}

void
pc_lint(const pc_cert *c, const pc_options *opt, pc_report *r)
{
	static const pc_options none = {0};
	plan	   *p;
	int64_t		at;

	if (opt == NULL)
		opt = &none;
	r->opt = opt;
	forget_certificate(r);
	at = opt->at_set ? opt->at : c->not_before.t;

	p = plan_for(c, opt);
	if (p != NULL)
	{
		const uint64_t *m = p->mask + plan_era(p, at) * p->words;

		m = plan_keep(p, m, p->needs & ~pc_cert_features(c, r, p->needs));
		run_steps(c, r, p->steps, m, m + p->words, interrupt_flag(opt));
	}
	else
	{
		/* no memory for a plan: test every rule as a plan would */
		for (size_t t = 0; t < pc_rule_table_count; t++)
			for (size_t i = 0; i < *pc_rule_tables[t].count; i++)
			{
				const pc_rule *rule = &pc_rule_tables[t].rules[i];

				if (!rule_applies_here(rule, c, opt) || !pc_rule_in_force(rule, at))
					continue;
				if (*interrupt_flag(opt))
					opt->interrupt();
				r->cur = rule;
				rule->check(c, r);
			}
	}
	r->cur = NULL;
}

void
pc_lint_der(const uint8_t *buf, size_t len, const pc_options *opt,
			pc_cert *c, pc_report *r)
{
	pc_error	err;

	if (!pc_decode(buf, len, c, &err))
	{
		r->cur = &pc_rule_unparseable;
		pc_fail(r, "%s (at byte offset %zu)", err.msg, err.offset);
		r->cur = NULL;
		return;
	}
	pc_lint(c, opt, r);
}

bool
pc_decode_issuer(const uint8_t *buf, size_t len, pc_cert *issuer, pc_report *r)
{
	pc_error	err;

	if (pc_decode(buf, len, issuer, &err) && !issuer->is_tbs)
		return true;
	if (issuer->is_tbs)
		snprintf(err.msg, sizeof(err.msg), "a bare TBSCertificate");
	r->cur = &pc_rule_issuer_unparseable;
	pc_fail(r, "issuer: %s (at byte offset %zu)", err.msg, issuer->is_tbs ? 0 : err.offset);
	r->cur = NULL;
	return false;
}
