/*
 * profile.h
 *		Certificate profiles: a CA's own constraints for one kind of
 *		certificate, checked beside the built-in rules, and audited against
 *		the built-in rule windows before any certificate is issued.
 *
 * Nothing here includes PostgreSQL headers.  The PostgreSQL layer
 * (src/pg/profile.c) reads a profile's jsonb definition into a pc_profile
 * with the name helpers below; this file checks certificates against it
 * and audits it.  Lists have fixed caps (PCP_MAX_LIST); the reader refuses
 * a definition over a cap rather than truncating it.
 */
#ifndef PC_PROFILE_H
#define PC_PROFILE_H

#include "pc.h"

#define PCP_MAX_LIST	32
#define PCP_MAX_OID		40			/* content octets */
#define PCP_MAX_NAME	64

/* An OID with the name it was written as in the definition. */
typedef struct pcp_oid
{
	uint8_t		b[PCP_MAX_OID];
	uint8_t		n;
	char		name[PCP_MAX_NAME];
} pcp_oid;

typedef struct pcp_oidlist
{
	int			n;
	pcp_oid		v[PCP_MAX_LIST];
} pcp_oidlist;

/* Key families, for key_types and for key_usage per family. */
typedef enum pcp_family
{
	PCP_F_RSA,
	PCP_F_EC,
	PCP_F_ED25519,
	PCP_F_ED448,
	PCP_F_COUNT
} pcp_family;

typedef struct pcp_key
{
	pcp_family	family;
	unsigned	bits;			/* RSA modulus size; 0 otherwise */
	pc_curve	curve;			/* EC: the curve; PC_CURVE_OTHER for p192/p224 */
	char		name[16];		/* as written: "rsa2048", "p256", ... */
} pcp_key;

typedef struct pcp_sev
{
	char		rule[PCP_MAX_NAME];
	pc_severity severity;
} pcp_sev;

typedef struct pc_profile
{
	int64_t		validity_max_days;	/* 0 = no maximum */

	bool		has_key_types;
	int			nkey_types;
	pcp_key		key_types[PCP_MAX_LIST];

	pcp_oidlist eku_required;
	pcp_oidlist eku_forbidden;
	bool		has_eku_exact;
	pcp_oidlist eku_exact;

	bool		has_ku[PCP_F_COUNT];
	uint16_t	ku[PCP_F_COUNT];	/* PC_KU_* bits: the exact set */

	pcp_oidlist subj_required;
	bool		has_subj_allowed;
	pcp_oidlist subj_allowed;

	bool		has_san_types;
	uint32_t	san_types;		/* 1 << PC_GN_* */
	bool		san_required;

	pcp_oidlist pol_required;

	pcp_oidlist ext_required;
	pcp_oidlist ext_forbidden;
	pcp_oidlist ext_critical;
	pcp_oidlist ext_non_critical;

	int			bc_ca;			/* -1 unset, 0 false, 1 true */

	bool		has_sources;
	int			nsources;
	char		sources[PCP_MAX_LIST][PCP_MAX_NAME];
	int			nexclude;
	char		exclude[PCP_MAX_LIST][PCP_MAX_NAME];
	int			nseverity;
	pcp_sev		severity[PCP_MAX_LIST];

	bool		suspended;		/* no certificate may be issued under it */

	bool		has_effective_from;
	int64_t		effective_from;
	char		kind[PCP_MAX_NAME];	/* "" when not given */
} pc_profile;

void		pcp_init(pc_profile *p);

/*
 * Name helpers for the reader.  Each accepts the documented names or a
 * dotted OID where an OID makes sense, fills 'out' and returns true.
 */
bool		pcp_eku_oid(const char *name, pcp_oid *out);
bool		pcp_attr_oid(const char *name, pcp_oid *out);
bool		pcp_ext_oid(const char *name, pcp_oid *out);
bool		pcp_dotted_oid(const char *name, pcp_oid *out);
int			pcp_ku_bit(const char *name);	/* PC_KU_* bit, 0 if unknown */
bool		pcp_key_parse(const char *name, pcp_key *out);
int			pcp_family_parse(const char *name);	/* pcp_family, -1 if unknown */
int			pcp_san_type(const char *name);	/* PC_GN_*, -1 if unknown */
bool		pcp_kind_valid(const char *kind);
bool		pcp_source_known(const char *source);

/* The rules a profile reports under (source "profile"). */
size_t		pcp_rule_count(void);
const pc_rule *pcp_rule_at(size_t i);
const pc_rule *pcp_rule_find(const char *name);

/*
 * Findings go to a callback: the rule, its severity after the profile's
 * overrides, and a detail text.
 */
typedef void (*pcp_emit_fn) (void *arg, const pc_rule *rule, pc_severity sev,
							 const char *detail);

/*
 * Does a built-in finding survive the profile's "rules" section?  Returns
 * false when excluded (by source or name); otherwise sets *sev, applying
 * any severity override.
 */
bool		pcp_keep_builtin(const pc_profile *p, const pc_rule *rule, pc_severity *sev);

/* Check a decoded certificate against the profile's own constraints. */
void		pcp_check(const pc_profile *p, const pc_cert *c, pcp_emit_fn emit, void *arg);

/* Audit the definition itself against the built-in rule windows at 'at'. */
void		pcp_audit(const pc_profile *p, int64_t at, pcp_emit_fn emit, void *arg);

#endif							/* PC_PROFILE_H */
