/*
 * conformance.c
 *		Run ZLint's test corpus through the core and compare verdicts.
 *
 *	conformance [--corpus DIR] [--exceptions FILE] [--out-of-scope FILE]
 *				[--lint NAME] [--verbose]
 *
 * For every row of expected.tsv whose lint profcheck implements under the
 * same name: Pass, NA and NE must give no finding of that rule; Notice,
 * Warn and Error must give a finding of that rule at that severity.  A
 * disagreement listed in the exceptions file (lint, file, reason) is
 * justified; any other fails, and so does an exception that no longer
 * disagrees.  Prints coverage per source and ends with "N passed, N failed".
 * When the corpus is absent it says so and exits 0 without running.
 */
#include "../../src/core/pc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 8192

static char *
xstrdup(const char *s)
{
	char	   *d = strdup(s);

	if (!d)
		abort();
	return d;
}

/* Split a line at tabs in place; returns the number of fields. */
static int
split(char *line, char **f, int max)
{
	int			n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t')
		{
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static uint8_t *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	long		n;
	uint8_t    *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf && fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t) n;
	return buf;
}

/* DER of the first CERTIFICATE block of a PEM file; NULL when none. */
static uint8_t *
pem_first_cert(const uint8_t *buf, size_t len, size_t *outlen)
{
	pc_span		text = {buf, len},
				body;
	uint8_t    *out;
	long		n;

	if (!pc_pem_next(&text, &body))
		return NULL;
	out = malloc(body.n ? body.n : 1);
	if (!out)
		abort();
	n = pc_base64_decode(body, out);
	if (n < 0)
	{
		free(out);
		return NULL;
	}
	*outlen = (size_t) n;
	return out;
}

/*
 * The profcheck rule for a ZLint lint name.  Names are the same, except
 * that profcheck's never contain a space (ZLint has one lint,
 * "e_excessively backdated", whose name does): a space maps to '_'.
 */
static const pc_rule *
rule_for_lint(const char *lint)
{
	char		name[256];
	size_t		i;

	for (i = 0; lint[i] && i + 1 < sizeof(name); i++)
		name[i] = lint[i] == ' ' ? '_' : lint[i];
	name[i] = '\0';
	return pc_rule_find(name);
}

/* Findings per corpus file, computed once. */
typedef struct file_result
{
	char	   *file;
	bool		readable;
	pc_finding *items;
	size_t		n;
} file_result;

static file_result *results;
static size_t nresults,
			capresults;

static const file_result *
lint_file(const char *dir, const char *file, pc_cert *cert)
{
	char		path[4096];
	uint8_t    *buf,
			   *der;
	size_t		len,
				dlen;
	file_result *fr;
	pc_report	r;
	size_t		cap = pc_report_capacity();

	for (size_t i = 0; i < nresults; i++)
		if (strcmp(results[i].file, file) == 0)
			return &results[i];
	if (nresults == capresults)
	{
		capresults = capresults ? capresults * 2 : 512;
		results = realloc(results, capresults * sizeof(file_result));
		if (!results)
			abort();
	}
	fr = &results[nresults++];
	fr->file = xstrdup(file);
	fr->items = calloc(cap, sizeof(pc_finding));
	fr->n = 0;
	fr->readable = false;
	snprintf(path, sizeof(path), "%s/testdata/%s", dir, file);
	buf = read_file(path, &len);
	if (!buf)
		return fr;
	der = pem_first_cert(buf, len, &dlen);
	free(buf);
	if (!der)
		return fr;
	fr->readable = true;
	pc_report_init(&r, fr->items, cap);
	pc_lint_der(der, dlen, NULL, cert, &r);
	fr->n = r.n;
	free(der);
	return fr;
}

static bool
expected_severity(const char *e, bool *fires, pc_severity *sev)
{
	*fires = true;
	if (strcmp(e, "Error") == 0)
		*sev = PC_ERROR;
	else if (strcmp(e, "Warn") == 0)
		*sev = PC_WARN;
	else if (strcmp(e, "Notice") == 0)
		*sev = PC_NOTICE;
	else if (strcmp(e, "Pass") == 0 || strcmp(e, "NA") == 0 || strcmp(e, "NE") == 0)
		*fires = false;
	else
		return false;
	return true;
}

/* Exceptions and out-of-scope lists: first columns lint[, file], last the reason. */
typedef struct listed
{
	char	   *lint;
	char	   *file;
	bool		used;
} listed;

static listed *
load_list(const char *path, int keycols, size_t *n)
{
	FILE	   *f = fopen(path, "r");
	char		line[MAX_LINE];
	listed	   *l = NULL;
	size_t		cap = 0;

	*n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f))
	{
		char	   *fld[8];
		int			nf;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		nf = split(line, fld, 8);
		if (nf < keycols + 1 || fld[nf - 1][0] == '\0')
		{
			fprintf(stderr, "conformance: %s: every entry needs a reason: %s\n", path, fld[0]);
			exit(2);
		}
		if (*n == cap)
		{
			cap = cap ? cap * 2 : 64;
			l = realloc(l, cap * sizeof(listed));
			if (!l)
				abort();
		}
		l[*n].lint = xstrdup(fld[0]);
		l[*n].file = keycols > 1 ? xstrdup(fld[1]) : NULL;
		l[*n].used = false;
		(*n)++;
	}
	fclose(f);
	return l;
}

static listed *
find_listed(listed *l, size_t n, const char *lint, const char *file)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].lint, lint) == 0 && (!l[i].file || !file || strcmp(l[i].file, file) == 0))
			return &l[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *dir = getenv("PC_ZLINT_CORPUS");
	const char *exc_path = "test/conformance/exceptions.tsv";
	const char *oos_path = "test/conformance/out-of-scope.tsv";
	const char *only = NULL;
	bool		verbose = false;
	char		path[4096],
				line[MAX_LINE];
	FILE	   *f;
	pc_cert    *cert = malloc(sizeof(pc_cert));
	listed	   *exc,
			   *oos;
	size_t		nexc,
				noos;
	long		run = 0,
				matched = 0,
				excepted = 0,
				failed = 0,
				skipped_config = 0,
				stale = 0;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--exceptions") == 0 && i + 1 < argc)
			exc_path = argv[++i];
		else if (strcmp(argv[i], "--out-of-scope") == 0 && i + 1 < argc)
			oos_path = argv[++i];
		else if (strcmp(argv[i], "--lint") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
			verbose = true;
		else
		{
			fprintf(stderr, "usage: conformance [--corpus DIR] [--exceptions FILE] [--out-of-scope FILE] [--lint NAME] [--verbose]\n");
			return 2;
		}
	}
	if (!dir)
		dir = "../shared/zlint-corpus";
	snprintf(path, sizeof(path), "%s/expected.tsv", dir);
	f = fopen(path, "r");
	if (!f)
	{
		printf("conformance: ZLint corpus not found at %s; skipping (set PC_ZLINT_CORPUS)\n", dir);
		return 0;
	}
	exc = load_list(exc_path, 2, &nexc);
	oos = load_list(oos_path, 1, &noos);

	while (fgets(line, sizeof(line), f))
	{
		char	   *fld[8];
		int			nf;
		const pc_rule *rule;
		const file_result *fr;
		const pc_finding *hit = NULL;
		bool		want_fire;
		pc_severity want_sev = PC_ERROR;
		bool		ok;
		listed	   *ex;

		if (line[0] == '#')
			continue;
		nf = split(line, fld, 8);
		if (nf < 4 || strcmp(fld[2], "cert") != 0)
			continue;
		if (only && strcmp(fld[0], only) != 0)
			continue;
		rule = rule_for_lint(fld[0]);
		if (!rule)
			continue;
		if (nf >= 5 && fld[4][0] != '\0')
		{
			skipped_config++;
			continue;
		}
		if (!expected_severity(fld[3], &want_fire, &want_sev))
			continue;
		fr = lint_file(dir, fld[1], cert);
		for (size_t i = 0; i < fr->n; i++)
			if (fr->items[i].rule == rule)
				hit = &fr->items[i];
		run++;
		ok = want_fire ? (hit && hit->severity == want_sev) : (hit == NULL);
		ex = find_listed(exc, nexc, fld[0], fld[1]);
		if (ok)
		{
			matched++;
			if (ex)
			{
				stale++;
				printf("STALE exception (now agrees): %s %s\n", fld[0], fld[1]);
			}
			continue;
		}
		if (ex)
		{
			ex->used = true;
			excepted++;
			if (verbose)
				printf("excepted: %s %s\n", fld[0], fld[1]);
			continue;
		}
		failed++;
		printf("DISAGREE %s %s: ZLint expects %s, profcheck %s%s%s%s\n", fld[0], fld[1], fld[3],
			   !fr->readable ? "could not read the file" :
			   hit ? pc_severity_name(hit->severity) : "reports nothing",
			   hit ? " (" : "", hit ? hit->detail : "", hit ? ")" : "");
		if (verbose && fr->readable)
			for (size_t i = 0; i < fr->n; i++)
				printf("    %s %s: %s\n", pc_severity_name(fr->items[i].severity),
					   fr->items[i].rule->name, fr->items[i].detail);
	}
	fclose(f);

	/* Coverage: catalogue lints for certificates, by source. */
	snprintf(path, sizeof(path), "%s/lints.tsv", dir);
	f = fopen(path, "r");
	if (f)
	{
		struct
		{
			char		source[32];
			int			total,
						implemented,
						out_of_scope;
		}			src[32];
		int			nsrc = 0;

		memset(src, 0, sizeof(src));
		while (fgets(line, sizeof(line), f))
		{
			char	   *fld[12];
			int			nf = split(line, fld, 12);
			int			s;

			if (nf < 4 || strcmp(fld[0], "name") == 0 || strcmp(fld[3], "certificate") != 0)
				continue;
			for (s = 0; s < nsrc; s++)
				if (strcmp(src[s].source, fld[2]) == 0)
					break;
			if (s == nsrc && nsrc < 32)
				snprintf(src[nsrc++].source, sizeof(src[0].source), "%s", fld[2]);
			if (s >= 32)
				continue;
			src[s].total++;
			if (rule_for_lint(fld[0]))
				src[s].implemented++;
			else if (find_listed(oos, noos, fld[0], NULL))
				src[s].out_of_scope++;
			else if (verbose)
				printf("not implemented: %s (%s)\n", fld[0], fld[2]);
		}
		fclose(f);
		printf("\ncoverage of ZLint's certificate lints (implemented / in scope; out of scope listed with reasons):\n");
		for (int s = 0; s < nsrc; s++)
			printf("  %-14s %4d / %-4d  %5.1f%%%s\n", src[s].source, src[s].implemented,
				   src[s].total - src[s].out_of_scope,
				   src[s].total - src[s].out_of_scope > 0 ?
				   100.0 * src[s].implemented / (src[s].total - src[s].out_of_scope) : 100.0,
				   src[s].out_of_scope ? "  (+ out of scope)" : "");
	}
	for (size_t i = 0; i < nexc; i++)
		if (!exc[i].used && (!only || strcmp(exc[i].lint, only) == 0) && rule_for_lint(exc[i].lint) &&
			verbose)
			printf("unused exception: %s %s\n", exc[i].lint, exc[i].file);

	printf("\nconformance: %ld rows run, %ld agree, %ld justified exceptions, %ld disagree, %ld stale exceptions, %ld configured rows skipped\n",
		   run, matched, excepted, failed, stale, skipped_config);
	printf("agreement: %.2f%% (%.2f%% outside justified exceptions)\n",
		   run ? 100.0 * matched / run : 100.0,
		   run - excepted ? 100.0 * matched / (run - excepted) : 100.0);
	printf("%ld passed, %ld failed\n", matched + excepted, failed + stale);
	return failed + stale ? 1 : 0;
}
