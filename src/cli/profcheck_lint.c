/*
 * profcheck_lint.c
 *		profcheck-lint: the core as a command-line linter.
 *
 *	profcheck-lint [--at DATE] [--format text|json] [--threshold SEV]
 *				   [--weak-keys [BITS:]LIST]... [FILE...]
 *	profcheck-lint --rules [--format text|json|markdown]
 *
 * Input is PEM with any number of CERTIFICATE blocks, or one DER
 * certificate (or TBSCertificate); '-' or no file reads standard input.
 * --weak-keys loads a list of known weak RSA keys in openssl-blacklist
 * format (weakkeys.h) for e_debian_weak_key; it may be given once per
 * modulus size.
 * Exit status: 0 clean, 1 when a finding reaches the threshold (default
 * error), 2 on usage or I/O errors.
 */
#include "../core/pc.h"
#include "../core/weakkeys.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum
{
	FMT_TEXT,
	FMT_JSON,
	FMT_MARKDOWN
} out_format;

typedef struct lint_state
{
	pc_options	opt;
	out_format	format;
	pc_severity threshold;
	pc_cert    *cert;
	pc_finding *items;
	size_t		cap;
	int			worst;			/* highest severity seen, -1 for none */
	long		ncert;
} lint_state;

static void
usage(FILE *f)
{
	fprintf(f,
			"usage: profcheck-lint [--at DATE] [--format text|json] [--threshold SEV]\n"
			"                      [--weak-keys [BITS:]LIST]... [FILE...]\n"
			"       profcheck-lint --rules [--format text|json|markdown]\n"
			"Lints PEM (any number of CERTIFICATE blocks) or DER certificates.\n"
			"  --at DATE        judge rule windows at DATE (YYYY-MM-DD[THH:MM:SSZ]) instead of notBefore\n"
			"  --threshold SEV  exit 1 when a finding reaches SEV (default error)\n"
			"  --weak-keys [BITS:]LIST\n"
			"                   known weak RSA keys of BITS-bit moduli for e_debian_weak_key, in\n"
			"                   openssl-blacklist format (one 20-hex-digit line per key, # comments),\n"
			"                   e.g. the CA/Browser Forum's Debian weak-key lists; without BITS:\n"
			"                   the size is taken from a name ending in RSA-<bits> (blacklist.RSA-2048);\n"
			"                   repeat for more lists; without any, the rule checks nothing\n"
			"  --rules          print the rule catalogue\n");
}

static uint8_t *
read_all(FILE *f, size_t *len)
{
	size_t		cap = 1 << 16,
				n = 0;
	uint8_t    *buf = malloc(cap);

	while (buf)
	{
		size_t		got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
		if (n == cap)
		{
			uint8_t    *nb = realloc(buf, cap * 2);

			if (!nb)
			{
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
	}
	*len = n;
	return buf;
}

/*
 * --weak-keys [BITS:]LIST: add the list to the set.  The key size is the
 * BITS prefix, else the number after "RSA-" at the end of the file's name,
 * as the openssl-blacklist files are named.  Returns 0, or 2 after a message.
 */
static int
load_weak_keys(pc_weak_keys *set, const char *arg)
{
	const char *path = arg,
			   *p,
			   *base;
	unsigned long bits = 0;
	FILE	   *f;
	uint8_t    *buf;
	size_t		len;
	long		n;
	pc_wk_error err;

	for (p = arg; isdigit((unsigned char) *p); p++)
		;
	if (p > arg && *p == ':')
	{
		bits = strtoul(arg, NULL, 10);
		path = p + 1;
	}
	else
	{
		base = strrchr(path, '/');
		base = base ? base + 1 : path;
		p = strstr(base, "RSA-");
		while (p != NULL && strstr(p + 1, "RSA-") != NULL)
			p = strstr(p + 1, "RSA-");
		if (p != NULL && p[4] != '\0' && strspn(p + 4, "0123456789") == strlen(p + 4))
			bits = strtoul(p + 4, NULL, 10);
		else
		{
			fprintf(stderr, "profcheck-lint: --weak-keys %s: cannot tell the key size: "
					"write BITS:%s, or name the file ...RSA-<bits>\n", arg, arg);
			return 2;
		}
	}
	if (bits < 256 || bits > 65536)
	{
		fprintf(stderr, "profcheck-lint: --weak-keys %s: key size %lu is not a plausible RSA modulus size\n",
				arg, bits);
		return 2;
	}
	f = fopen(path, "rb");
	if (!f)
	{
		fprintf(stderr, "profcheck-lint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	buf = read_all(f, &len);
	fclose(f);
	if (!buf)
	{
		fprintf(stderr, "profcheck-lint: %s: out of memory\n", path);
		return 2;
	}
	n = pc_wk_add_text(set, (unsigned) bits, (const char *) buf, len, &err);
	free(buf);
	if (n < 0)
	{
		fprintf(stderr, "profcheck-lint: %s:%lu: %s\n", path, err.line, err.msg);
		return 2;
	}
	return 0;
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s; s++)
	{
		unsigned char ch = (unsigned char) *s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static void
lint_one(lint_state *st, const char *label, const uint8_t *der, size_t len)
{
	pc_report	r;

	pc_report_init(&r, st->items, st->cap);
	pc_lint_der(der, len, &st->opt, st->cert, &r);

	if (st->format == FMT_JSON)
	{
		printf("%s{\"input\":", st->ncert ? ",\n" : "");
		json_string(label);
		printf(",\"findings\":[");
	}
	else
		printf("%s: %zu finding%s\n", label, r.n, r.n == 1 ? "" : "s");

	for (size_t i = 0; i < r.n; i++)
	{
		const pc_finding *f = &r.items[i];

		if ((int) f->severity > st->worst)
			st->worst = (int) f->severity;
		if (st->format == FMT_JSON)
		{
			printf("%s{\"rule\":", i ? "," : "");
			json_string(f->rule->name);
			printf(",\"severity\":\"%s\",\"source\":", pc_severity_name(f->severity));
			json_string(f->rule->source);
			printf(",\"citation\":");
			json_string(f->rule->citation ? f->rule->citation : "");
			printf(",\"detail\":");
			json_string(f->detail);
			putchar('}');
		}
		else
			printf("  %-6s %s: %s\n", pc_severity_name(f->severity), f->rule->name, f->detail);
	}
	if (st->format == FMT_JSON)
		printf("]}");
	st->ncert++;
}

/* Lint every CERTIFICATE block of a PEM text; false when there is none. */
static bool
lint_pem(lint_state *st, const char *name, const uint8_t *buf, size_t len)
{
	pc_span		text = {buf, len},
				body;
	int			block = 0;

	while (pc_pem_next(&text, &body))
	{
		uint8_t    *der = malloc(body.n ? body.n : 1);
		long		n = der ? pc_base64_decode(body, der) : -1;
		char		label[1024];

		block++;
		snprintf(label, sizeof(label), "%s#%d", name, block);
		if (n < 0)
			fprintf(stderr, "profcheck-lint: %s: invalid base64\n", label);
		else
			lint_one(st, label, der, (size_t) n);
		free(der);
	}
	return block > 0;
}

static int
lint_file(lint_state *st, const char *path)
{
	FILE	   *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	uint8_t    *buf;
	size_t		len;

	if (!f)
	{
		fprintf(stderr, "profcheck-lint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	buf = read_all(f, &len);
	if (f != stdin)
		fclose(f);
	if (!buf)
	{
		fprintf(stderr, "profcheck-lint: %s: out of memory\n", path);
		return 2;
	}
	if (!lint_pem(st, path, buf, len))
		lint_one(st, path, buf, len);
	free(buf);
	return 0;
}

static void
print_rules(out_format format)
{
	size_t		n = pc_rule_count();

	if (format == FMT_MARKDOWN)
		printf("| rule | severity | source | citation | effective | scope | description |\n"
			   "|---|---|---|---|---|---|---|\n");
	if (format == FMT_JSON)
		putchar('[');
	for (size_t i = 0; i < n; i++)
	{
		const pc_rule *r = pc_rule_at(i);
		char		from[16] = "",
					until[16] = "",
					scope[256];

		if (r->from)
			pc_format_date(r->from, from, sizeof(from));
		if (r->until)
			pc_format_date(r->until, until, sizeof(until));
		pc_scope_text(r, scope, sizeof(scope));
		if (format == FMT_MARKDOWN)
			printf("| `%s` | %s | %s | %s | %s%s%s | %s | %s |\n", r->name,
				   pc_severity_name(r->severity), r->source, r->citation ? r->citation : "",
				   from[0] ? from : "always", until[0] ? " to " : "", until, scope, r->description);
		else if (format == FMT_JSON)
		{
			printf("%s{\"rule\":", i ? ",\n" : "");
			json_string(r->name);
			printf(",\"severity\":\"%s\",\"source\":", pc_severity_name(r->severity));
			json_string(r->source);
			printf(",\"citation\":");
			json_string(r->citation ? r->citation : "");
			printf(",\"effective_from\":\"%s\",\"effective_until\":\"%s\",\"scope\":", from, until);
			json_string(scope);
			printf(",\"description\":");
			json_string(r->description);
			putchar('}');
		}
		else
			printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->name, pc_severity_name(r->severity),
				   r->source, r->citation ? r->citation : "", from, until, scope, r->description);
	}
	if (format == FMT_JSON)
		printf("]\n");
}

int
main(int argc, char **argv)
{
	lint_state	st = {.format = FMT_TEXT, .threshold = PC_ERROR, .worst = -1};
	bool		rules = false;
	int			status = 0;
	int			nfiles = 0;
	char	  **files = calloc((size_t) argc, sizeof(char *));
	pc_weak_keys weak;
	bool		have_weak = false;

	pc_wk_init(&weak, NULL, NULL);

	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		{
			usage(stdout);
			return 0;
		}
		else if (strcmp(a, "--rules") == 0)
			rules = true;
		else if (strcmp(a, "--at") == 0 && i + 1 < argc)
		{
			if (!pc_parse_iso_time(argv[++i], &st.opt.at))
			{
				fprintf(stderr, "profcheck-lint: invalid --at date \"%s\"\n", argv[i]);
				return 2;
			}
			st.opt.at_set = true;
		}
		else if (strcmp(a, "--format") == 0 && i + 1 < argc)
		{
			const char *f = argv[++i];

			if (strcmp(f, "text") == 0)
				st.format = FMT_TEXT;
			else if (strcmp(f, "json") == 0)
				st.format = FMT_JSON;
			else if (strcmp(f, "markdown") == 0)
				st.format = FMT_MARKDOWN;
			else
			{
				fprintf(stderr, "profcheck-lint: unknown format \"%s\"\n", f);
				return 2;
			}
		}
		else if (strcmp(a, "--threshold") == 0 && i + 1 < argc)
		{
			if (!pc_severity_parse(argv[++i], &st.threshold))
			{
				fprintf(stderr, "profcheck-lint: unknown severity \"%s\"\n", argv[i]);
				return 2;
			}
		}
		else if (strcmp(a, "--weak-keys") == 0 && i + 1 < argc)
		{
			if (load_weak_keys(&weak, argv[++i]) != 0)
				return 2;
			have_weak = true;
		}
		else if (a[0] == '-' && a[1] == '-')
		{
			usage(stderr);
			return 2;
		}
		else
			files[nfiles++] = argv[i];
	}
	if (rules)
	{
		print_rules(st.format);
		return 0;
	}

	if (have_weak)
	{
		pc_wk_sort(&weak);
		st.opt.weak_key = pc_wk_lookup;
		st.opt.weak_key_arg = &weak;
	}
	st.cap = pc_report_capacity();
	st.items = calloc(st.cap, sizeof(pc_finding));
	st.cert = malloc(sizeof(pc_cert));
	if (!st.items || !st.cert)
	{
		fprintf(stderr, "profcheck-lint: out of memory\n");
		return 2;
	}
	if (st.format == FMT_JSON)
		putchar('[');
	if (nfiles == 0)
		status = lint_file(&st, "-");
	for (int i = 0; i < nfiles; i++)
	{
		int			s = lint_file(&st, files[i]);

		if (s > status)
			status = s;
	}
	if (st.format == FMT_JSON)
		printf("]\n");
	free(st.items);
	free(st.cert);
	free(files);
	pc_wk_free(&weak);
	if (status)
		return status;
	return st.worst >= (int) st.threshold ? 1 : 0;
}
