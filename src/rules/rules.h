/*
 * rules.h
 *		What every rules file needs: the model, OIDs, the table macros, and
 *		small helpers shared by checks.
 *
 * A rule is a static check function and one entry of its document's table.
 * Checks read the decoded certificate and call pc_fail() with the values
 * that make it wrong; they never look at dates or scope themselves.
 */
#ifndef PC_RULES_H
#define PC_RULES_H

#include "../core/pc.h"
#include "../core/oids.h"
#include "../core/registry.h"

#include <stdio.h>
#include <string.h>

/* Scope shorthands for the rule tables. */
#define SCOPE_ANY			0
#define SCOPE_SUB			PC_K_SUB
#define SCOPE_TLS_SUB		(PC_K_SUB | PC_K_TLS)
#define SCOPE_CA			PC_K_CA
#define SCOPE_ROOT			(PC_K_CA | PC_K_ROOT)
#define SCOPE_SUBCA			(PC_K_CA | PC_K_SUBCA)
#define SCOPE_PRECERT		PC_K_PRECERT

/* Format an attribute or GeneralName value for a finding's detail. */
static inline int
pc_span_width(pc_span s)
{
	return (int) (s.n > 80 ? 80 : s.n);
}

#define PC_SPAN_FMT "%.*s"
#define PC_SPAN_ARG(s) pc_span_width(s), (const char *) (s).p

/* Is the subject's attribute present? */
#define SUBJ_HAS(c, lit) PC_NAME_HAS(&(c)->subject, lit)

/* ASCII case-insensitive equality of two spans. */
bool		pc_span_eq_nocase(pc_span a, pc_span b);

/* Does the SAN contain a dNSName equal to s (exactly, or ignoring case)? */
bool		pc_san_has_dns(const pc_cert *c, pc_span s, bool ignore_case);

/* Does the SAN contain an iPAddress whose text form equals s? */
bool		pc_san_has_ip_text(const pc_cert *c, pc_span s);

/* Is the signature algorithm (outer or TBS) one that uses SHA-1? */
bool		pc_sig_is_sha1(pc_span oid);

/*
 * Report when the validity period, counted inclusively as RFC 5280 4.1.2.5
 * and BR 6.3.2 (from 2020-09-01) count it, is longer than 'days'.
 */
void		pc_validity_over(const pc_cert *c, pc_report *r, int64_t days);

/* Add 'months' calendar months to t, clamping the day as Go's AddDate does not. */
int64_t		pc_add_months(int64_t t, int months);

#endif							/* PC_RULES_H */
