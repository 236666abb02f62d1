/*
 * core-bench.c
 *		Time profcheck's core over a corpus written by gen-corpus.
 *
 *	core-bench [-n N] [-r REPEAT] [-R] [-s SEVERITY] [-D FILE] corpus.bin
 *
 * The corpus is read into memory first, so the timings are of the core
 * alone: pc_decode over every certificate (decode only), then pc_lint_der
 * (decode and every rule in force at the certificate's notBefore), single
 * threaded, reusing one pc_cert and one findings buffer as the extension
 * and the command-line linter do.  Each pass runs REPEAT times (default 3);
 * the best run is reported, as the machine is shared and noisy.  With -s
 * only rules at or above SEVERITY run, as in passes() and the enforce
 * trigger (default: every rule, as lint() does).
 *
 * Prints a human summary, findings by severity and by rule (-R), and one
 * "RESULT key=value ..." line for bench/run.sh.  -D writes every finding
 * of the first lint pass to FILE (certificate index, rule, detail), so a
 * change meant only for speed can be shown to leave the findings alone.
 */
#include "../src/core/pc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct corpus
{
	uint8_t    *data;
	size_t		size;
	size_t		n;
	const uint8_t **cert;
	size_t	   *len;
	size_t		bytes;
} corpus;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
load(const char *path, size_t limit, corpus *c)
{
	FILE	   *f = fopen(path, "rb");
	uint64_t	count;
	size_t		off = 28;

	if (!f)
	{
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	c->size = (size_t) ftell(f);
	fseek(f, 0, SEEK_SET);
	c->data = malloc(c->size);
	if (!c->data || fread(c->data, 1, c->size, f) != c->size)
	{
		fprintf(stderr, "%s: cannot read\n", path);
		exit(1);
	}
	fclose(f);
	if (c->size < 28 || memcmp(c->data, "PCCORP1\n", 8) != 0)
	{
		fprintf(stderr, "%s: not a gen-corpus file\n", path);
		exit(1);
	}
	memcpy(&count, c->data + 8, 8);
	if (limit && limit < count)
		count = limit;
	c->cert = malloc(sizeof(*c->cert) * (size_t) count);
	c->len = malloc(sizeof(*c->len) * (size_t) count);
	c->n = 0;
	c->bytes = 0;
	while (c->n < count && off + 4 <= c->size)
	{
		size_t		len = (size_t) c->data[off] << 24 | (size_t) c->data[off + 1] << 16 |
			(size_t) c->data[off + 2] << 8 | c->data[off + 3];

		off += 4;
		if (off + len > c->size)
			break;
		c->cert[c->n] = c->data + off;
		c->len[c->n] = len;
		c->bytes += len;
		c->n++;
		off += len;
	}
	if (c->n < count)
		fprintf(stderr, "%s: only %zu of %" PRIu64 " certificates readable\n", path, c->n, count);
}

/* Rule tally for -R (not timed). */
typedef struct tally
{
	const pc_rule *rule;
	uint64_t	n;
} tally;

static int
tally_cmp(const void *a, const void *b)
{
	const tally *x = a,
			   *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->rule->name, y->rule->name);
}

int
main(int argc, char **argv)
{
	const char *path = NULL;
	size_t		limit = 0;
	int			repeat = 3;
	bool		by_rule = false;
	const char *dump_path = NULL;
	FILE	   *dump = NULL;
	pc_options	opt = {0};
	corpus		c;
	pc_cert    *cert = malloc(sizeof(pc_cert));
	size_t		cap = pc_report_capacity();
	pc_finding *items = malloc(cap * sizeof(pc_finding));
	pc_report	rep;
	pc_error	err;
	uint64_t	sev[PC_FATAL + 1] = {0};
	uint64_t	decoded = 0,
				flagged = 0,
				findings = 0;
	volatile uint64_t sink = 0;
	double		best_decode = 1e30,
				best_lint = 1e30;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			limit = (size_t) strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (strcmp(argv[i], "-R") == 0)
			by_rule = true;
		else if (strcmp(argv[i], "-D") == 0 && i + 1 < argc)
			dump_path = argv[++i];
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc &&
				 pc_severity_parse(argv[i + 1], &opt.min_severity))
			i++;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
		{
			fprintf(stderr, "usage: core-bench [-n N] [-r REPEAT] [-R] [-s SEVERITY] [-D FILE] corpus.bin\n");
			return 2;
		}
	}
	if (!path)
		path = "bench/data/corpus.bin";
	if (repeat < 1)
		repeat = 1;
	load(path, limit, &c);
	if (dump_path && (dump = fopen(dump_path, "w")) == NULL)
	{
		perror(dump_path);
		return 1;
	}
	if (c.n == 0)
	{
		fprintf(stderr, "%s: empty corpus\n", path);
		return 1;
	}

	for (int r = 0; r < repeat; r++)
	{
		double		t0 = now(),
					t;
		uint64_t	ok = 0;

		for (size_t i = 0; i < c.n; i++)
			ok += pc_decode(c.cert[i], c.len[i], cert, &err);
		t = now() - t0;
		if (t < best_decode)
			best_decode = t;
		decoded = ok;
	}

	for (int r = 0; r < repeat; r++)
	{
		double		t0 = now(),
					t;
		uint64_t	s[PC_FATAL + 1] = {0};
		uint64_t	fl = 0,
					nf = 0;

		for (size_t i = 0; i < c.n; i++)
		{
			pc_report_init(&rep, items, cap);
			pc_lint_der(c.cert[i], c.len[i], &opt, cert, &rep);
			for (size_t k = 0; k < rep.n; k++)
				s[rep.items[k].severity]++;
			for (size_t k = 0; dump && r == 0 && k < rep.n; k++)
				fprintf(dump, "%zu %s %s\n", i, rep.items[k].rule->name, rep.items[k].detail);
			fl += rep.n > 0;
			nf += rep.n;
		}
		t = now() - t0;
		if (dump && r == 0 && fclose(dump) != 0)
		{
			perror(dump_path);
			return 1;
		}
		if (t < best_lint)
			best_lint = t;
		memcpy(sev, s, sizeof(sev));
		flagged = fl;
		findings = nf;
		sink += nf;
	}

	printf("corpus            %s: %zu certificates, %.1f MB (mean %.0f bytes)\n", path, c.n,
		   (double) c.bytes / 1e6, (double) c.bytes / (double) c.n);
	printf("rules             %zu (including the fatal one)\n", pc_rule_count());
	printf("decode only       %10.0f certs/s  %8.0f ns/cert  (%" PRIu64 " decoded, %" PRIu64 " fatal; best of %d)\n",
		   (double) c.n / best_decode, best_decode * 1e9 / (double) c.n, decoded,
		   (uint64_t) c.n - decoded, repeat);
	printf("decode + lint     %10.0f certs/s  %8.0f ns/cert  (best of %d)\n",
		   (double) c.n / best_lint, best_lint * 1e9 / (double) c.n, repeat);
	printf("findings          %" PRIu64 " on %" PRIu64 " certificates (%.2f%%): info %" PRIu64
		   ", notice %" PRIu64 ", warn %" PRIu64 ", error %" PRIu64 ", fatal %" PRIu64 "\n",
		   findings, flagged, 100.0 * (double) flagged / (double) c.n,
		   sev[PC_INFO], sev[PC_NOTICE], sev[PC_WARN], sev[PC_ERROR], sev[PC_FATAL]);

	if (by_rule)
	{
		size_t		nr = pc_rule_count();
		tally	   *t = calloc(nr, sizeof(tally));

		for (size_t i = 0; i < nr; i++)
			t[i].rule = pc_rule_at(i);
		for (size_t i = 0; i < c.n; i++)
		{
			pc_report_init(&rep, items, cap);
			pc_lint_der(c.cert[i], c.len[i], &opt, cert, &rep);
			for (size_t k = 0; k < rep.n; k++)
				for (size_t j = 0; j < nr; j++)
					if (t[j].rule == rep.items[k].rule)
					{
						t[j].n++;
						break;
					}
		}
		qsort(t, nr, sizeof(tally), tally_cmp);
		printf("findings by rule:\n");
		for (size_t i = 0; i < nr && t[i].n > 0; i++)
			printf("  %8" PRIu64 "  %-7s %s\n", t[i].n, pc_severity_name(t[i].rule->severity),
				   t[i].rule->name);
		free(t);
	}

	printf("RESULT n=%zu decode_cps=%.0f decode_ns=%.0f lint_cps=%.0f lint_ns=%.0f "
		   "info=%" PRIu64 " notice=%" PRIu64 " warn=%" PRIu64 " error=%" PRIu64 " fatal=%" PRIu64
		   " flagged=%" PRIu64 " rules=%zu\n",
		   c.n, (double) c.n / best_decode, best_decode * 1e9 / (double) c.n,
		   (double) c.n / best_lint, best_lint * 1e9 / (double) c.n,
		   sev[PC_INFO], sev[PC_NOTICE], sev[PC_WARN], sev[PC_ERROR], sev[PC_FATAL], flagged,
		   pc_rule_count());
	(void) sink;
	free(cert);
	free(items);
	return 0;
}
