/*
 * profile.c
 *		Certificate profiles: names, checks of a certificate against a
 *		profile, and the audit of a profile against built-in rule windows.
 *
 * No PostgreSQL headers here; see profile.h.
 */
#include "profile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "oids.h"

/* ---------------------------------------------------------------- names */

typedef struct pcp_named_oid
{
	const char *name;
	const char *oid;			/* dotted */
} pcp_named_oid;

static const pcp_named_oid pcp_ekus[] = {
	{"serverAuth", "1.3.6.1.5.5.7.3.1"},
	{"clientAuth", "1.3.6.1.5.5.7.3.2"},
	{"codeSigning", "1.3.6.1.5.5.7.3.3"},
	{"emailProtection", "1.3.6.1.5.5.7.3.4"},
	{"timeStamping", "1.3.6.1.5.5.7.3.8"},
	{"OCSPSigning", "1.3.6.1.5.5.7.3.9"},
	{"anyExtendedKeyUsage", "2.5.29.37.0"},
	{"precertificateSigning", "1.3.6.1.4.1.11129.2.4.4"},
	{NULL, NULL}
};

static const pcp_named_oid pcp_attrs[] = {
	{"CN", "2.5.4.3"}, {"commonName", "2.5.4.3"},
	{"surname", "2.5.4.4"}, {"SN", "2.5.4.4"},
	{"serialNumber", "2.5.4.5"},
	{"C", "2.5.4.6"}, {"countryName", "2.5.4.6"},
	{"L", "2.5.4.7"}, {"localityName", "2.5.4.7"},
	{"ST", "2.5.4.8"}, {"stateOrProvinceName", "2.5.4.8"},
	{"street", "2.5.4.9"}, {"streetAddress", "2.5.4.9"},
	{"O", "2.5.4.10"}, {"organizationName", "2.5.4.10"},
	{"OU", "2.5.4.11"}, {"organizationalUnitName", "2.5.4.11"},
	{"title", "2.5.4.12"},
	{"businessCategory", "2.5.4.15"},
	{"postalCode", "2.5.4.17"},
	{"givenName", "2.5.4.42"}, {"GN", "2.5.4.42"},
	{"initials", "2.5.4.43"},
	{"generationQualifier", "2.5.4.44"},
	{"dnQualifier", "2.5.4.46"},
	{"pseudonym", "2.5.4.65"},
	{"organizationIdentifier", "2.5.4.97"},
	{"DC", "0.9.2342.19200300.100.1.25"}, {"domainComponent", "0.9.2342.19200300.100.1.25"},
	{"UID", "0.9.2342.19200300.100.1.1"},
	{"emailAddress", "1.2.840.113549.1.9.1"},
	{"jurisdictionL", "1.3.6.1.4.1.311.60.2.1.1"},
	{"jurisdictionST", "1.3.6.1.4.1.311.60.2.1.2"},
	{"jurisdictionC", "1.3.6.1.4.1.311.60.2.1.3"},
	{NULL, NULL}
};

static const pcp_named_oid pcp_exts[] = {
	{"subjectDirectoryAttributes", "2.5.29.9"},
	{"subjectKeyIdentifier", "2.5.29.14"},
	{"keyUsage", "2.5.29.15"},
	{"subjectAltName", "2.5.29.17"},
	{"issuerAltName", "2.5.29.18"},
	{"basicConstraints", "2.5.29.19"},
	{"nameConstraints", "2.5.29.30"},
	{"cRLDistributionPoints", "2.5.29.31"},
	{"certificatePolicies", "2.5.29.32"},
	{"policyMappings", "2.5.29.33"},
	{"authorityKeyIdentifier", "2.5.29.35"},
	{"policyConstraints", "2.5.29.36"},
	{"extKeyUsage", "2.5.29.37"},
	{"freshestCRL", "2.5.29.46"},
	{"inhibitAnyPolicy", "2.5.29.54"},
	{"authorityInfoAccess", "1.3.6.1.5.5.7.1.1"},
	{"qcStatements", "1.3.6.1.5.5.7.1.3"},
	{"subjectInfoAccess", "1.3.6.1.5.5.7.1.11"},
	{"tlsFeature", "1.3.6.1.5.5.7.1.24"},
	{"ocspNoCheck", "1.3.6.1.5.5.7.48.1.5"},
	{"ctPoison", "1.3.6.1.4.1.11129.2.4.3"},
	{"ctSCTList", "1.3.6.1.4.1.11129.2.4.2"},
	{"cabfOrganizationIdentifier", "2.23.140.3.1"},
	{NULL, NULL}
};

static const struct
{
	const char *name;
	int			bit;
}			pcp_kus[] = {
	{"digitalSignature", PC_KU_DIGITAL_SIGNATURE},
	{"nonRepudiation", PC_KU_NON_REPUDIATION},
	{"contentCommitment", PC_KU_NON_REPUDIATION},
	{"keyEncipherment", PC_KU_KEY_ENCIPHERMENT},
	{"dataEncipherment", PC_KU_DATA_ENCIPHERMENT},
	{"keyAgreement", PC_KU_KEY_AGREEMENT},
	{"keyCertSign", PC_KU_KEY_CERT_SIGN},
	{"cRLSign", PC_KU_CRL_SIGN},
	{"encipherOnly", PC_KU_ENCIPHER_ONLY},
	{"decipherOnly", PC_KU_DECIPHER_ONLY},
	{NULL, 0}
};

static const char *const pcp_family_names[PCP_F_COUNT] = {"rsa", "ec", "ed25519", "ed448"};

static const struct
{
	const char *name;
	int			type;
}			pcp_sans[] = {
	{"dns", PC_GN_DNS}, {"ip", PC_GN_IP}, {"email", PC_GN_RFC822}, {"uri", PC_GN_URI},
	{"dirname", PC_GN_DIRNAME}, {"othername", PC_GN_OTHER}, {"rid", PC_GN_RID},
	{"x400", PC_GN_X400}, {"ediparty", PC_GN_EDIPARTY},
	{NULL, 0}
};

static const char *const pcp_kinds[] = {
	"tls_server", "tls_client", "smime", "code_signing", "timestamping", "ocsp",
	"ca", "root_ca", "sub_ca", "other", NULL
};

void
pcp_init(pc_profile *p)
{
	memset(p, 0, sizeof(*p));
	p->bc_ca = -1;
}

bool
pcp_dotted_oid(const char *name, pcp_oid *out)
{
	size_t		n;

	if (strlen(name) >= PCP_MAX_NAME)
		return false;
	n = pc_oid_from_text(name, out->b, sizeof(out->b));
	if (n == 0 || !pc_oid_valid((pc_span) {out->b, n}))
		return false;
	out->n = (uint8_t) n;
	strcpy(out->name, name);
	return true;
}

static bool
pcp_named(const pcp_named_oid *table, const char *name, pcp_oid *out)
{
	for (int i = 0; table[i].name; i++)
		if (strcmp(table[i].name, name) == 0)
		{
			if (!pcp_dotted_oid(table[i].oid, out))
				return false;
			strcpy(out->name, name);
			return true;
		}
	if (name[0] >= '0' && name[0] <= '2' && strchr(name, '.'))
		return pcp_dotted_oid(name, out);
	return false;
}

bool
pcp_eku_oid(const char *name, pcp_oid *out)
{
	return pcp_named(pcp_ekus, name, out);
}

bool
pcp_attr_oid(const char *name, pcp_oid *out)
{
	return pcp_named(pcp_attrs, name, out);
}

bool
pcp_ext_oid(const char *name, pcp_oid *out)
{
	return pcp_named(pcp_exts, name, out);
}

int
pcp_ku_bit(const char *name)
{
	for (int i = 0; pcp_kus[i].name; i++)
		if (strcmp(pcp_kus[i].name, name) == 0)
			return pcp_kus[i].bit;
	return 0;
}

int
pcp_family_parse(const char *name)
{
	for (int i = 0; i < PCP_F_COUNT; i++)
		if (strcmp(pcp_family_names[i], name) == 0)
			return i;
	return -1;
}

int
pcp_san_type(const char *name)
{
	for (int i = 0; pcp_sans[i].name; i++)
		if (strcmp(pcp_sans[i].name, name) == 0)
			return pcp_sans[i].type;
	return -1;
}

static const char *
pcp_san_name(int type)
{
	for (int i = 0; pcp_sans[i].name; i++)
		if (pcp_sans[i].type == type)
			return pcp_sans[i].name;
	return "?";
}

bool
pcp_kind_valid(const char *kind)
{
	for (int i = 0; pcp_kinds[i]; i++)
		if (strcmp(pcp_kinds[i], kind) == 0)
			return true;
	return false;
}

bool
pcp_source_known(const char *source)
{
	size_t		n = pc_rule_count();

	for (size_t i = 0; i < n; i++)
		if (strcmp(pc_rule_at(i)->source, source) == 0)
			return true;
	return false;
}

/*
 * Key types: "rsa<bits>" (bits 512..16384), "p192", "p224", "p256", "p384",
 * "p521", "ed25519", "ed448".  Weak entries are accepted here so that
 * audit_profile can report them; a certificate is matched exactly.
 */
bool
pcp_key_parse(const char *name, pcp_key *out)
{
	memset(out, 0, sizeof(*out));
	if (strlen(name) >= sizeof(out->name))
		return false;
	strcpy(out->name, name);
	if (strncmp(name, "rsa", 3) == 0)
	{
		const char *s = name + 3;
		unsigned	v = 0;

		if (*s < '1' || *s > '9')
			return false;
		for (; *s; s++)
		{
			if (*s < '0' || *s > '9' || v > 100000)
				return false;
			v = v * 10 + (unsigned) (*s - '0');
		}
		if (v < 512 || v > 16384)
			return false;
		out->family = PCP_F_RSA;
		out->bits = v;
		return true;
	}
	out->family = PCP_F_EC;
	if (strcmp(name, "p256") == 0)
		out->curve = PC_CURVE_P256;
	else if (strcmp(name, "p384") == 0)
		out->curve = PC_CURVE_P384;
	else if (strcmp(name, "p521") == 0)
		out->curve = PC_CURVE_P521;
	else if (strcmp(name, "p192") == 0 || strcmp(name, "p224") == 0)
		out->curve = PC_CURVE_OTHER;
	else if (strcmp(name, "ed25519") == 0)
		out->family = PCP_F_ED25519;
	else if (strcmp(name, "ed448") == 0)
		out->family = PCP_F_ED448;
	else
		return false;
	return true;
}

/* ---------------------------------------------------------------- rules */

#define PROFILE "profile"

enum
{
	R_VALIDITY,
	R_KEY_TYPE,
	R_EKU_MISSING,
	R_EKU_FORBIDDEN,
	R_EKU_NOT_ALLOWED,
	R_KU,
	R_SUBJ_MISSING,
	R_SUBJ_NOT_ALLOWED,
	R_SAN_MISSING,
	R_SAN_TYPE,
	R_POLICY_MISSING,
	R_EXT_MISSING,
	R_EXT_FORBIDDEN,
	R_EXT_CRITICALITY,
	R_BC,
	R_NOT_IN_FORCE,
	R_SUSPENDED,
	/* audit */
	A_VALIDITY,
	A_VALIDITY_SHOULD,
	A_VALIDITY_NEXT,
	A_VALIDITY_UNBOUNDED,
	A_IV_NAME,
	A_OV_SUBJECT,
	A_DV_SUBJECT,
	A_DV_UNRESTRICTED,
	A_CLIENT_AUTH,
	A_CLIENT_AUTH_NEXT,
	A_EC_KE,
	A_KEY_TYPE,
	A_SAN_TYPE,
	R_COUNT
};

#define PR(n, sev, src, cit, desc) {.name = n, .severity = sev, .source = src, .citation = cit, .description = desc}

static const pc_rule pcp_rules[R_COUNT] = {
	[R_VALIDITY] = PR("e_profile_validity_max_days", PC_ERROR, PROFILE, "validity_max_days",
					  "Validity (whole days, BR 6.3.2 count) exceeds the profile's validity_max_days."),
	[R_KEY_TYPE] = PR("e_profile_key_type_not_allowed", PC_ERROR, PROFILE, "key_types",
					  "The subject public key is not one of the profile's key_types."),
	[R_EKU_MISSING] = PR("e_profile_eku_missing", PC_ERROR, PROFILE, "eku",
						 "An extended key usage the profile requires is absent."),
	[R_EKU_FORBIDDEN] = PR("e_profile_eku_forbidden", PC_ERROR, PROFILE, "eku.forbidden",
						   "An extended key usage the profile forbids is present."),
	[R_EKU_NOT_ALLOWED] = PR("e_profile_eku_not_allowed", PC_ERROR, PROFILE, "eku.exact",
							 "An extended key usage outside the profile's exact set is present."),
	[R_KU] = PR("e_profile_key_usage", PC_ERROR, PROFILE, "key_usage",
				"keyUsage differs from the exact set the profile gives for the key family."),
	[R_SUBJ_MISSING] = PR("e_profile_subject_attribute_missing", PC_ERROR, PROFILE, "subject.required",
						  "A subject attribute the profile requires is absent."),
	[R_SUBJ_NOT_ALLOWED] = PR("e_profile_subject_attribute_not_allowed", PC_ERROR, PROFILE, "subject.allowed",
							  "A subject attribute outside the profile's required and allowed lists is present."),
	[R_SAN_MISSING] = PR("e_profile_san_missing", PC_ERROR, PROFILE, "san.required",
						 "The profile requires subjectAltName and it is absent."),
	[R_SAN_TYPE] = PR("e_profile_san_type_not_allowed", PC_ERROR, PROFILE, "san.types",
					  "subjectAltName holds a name type outside the profile's san.types."),
	[R_POLICY_MISSING] = PR("e_profile_policy_missing", PC_ERROR, PROFILE, "policies.required",
							"A certificate policy OID the profile requires is absent."),
	[R_EXT_MISSING] = PR("e_profile_extension_missing", PC_ERROR, PROFILE, "extensions.required",
						 "An extension the profile requires is absent."),
	[R_EXT_FORBIDDEN] = PR("e_profile_extension_forbidden", PC_ERROR, PROFILE, "extensions.forbidden",
						   "An extension the profile forbids is present."),
	[R_EXT_CRITICALITY] = PR("e_profile_extension_criticality", PC_ERROR, PROFILE, "extensions.critical",
							 "An extension's criticality differs from the profile's critical/non_critical lists."),
	[R_BC] = PR("e_profile_basic_constraints", PC_ERROR, PROFILE, "basic_constraints.ca",
				"basicConstraints cA differs from the profile."),
	[R_NOT_IN_FORCE] = PR("e_profile_not_in_force", PC_ERROR, PROFILE, "effective_from",
						  "No version of the profile was in force at the instant the certificate is judged at."),

	[R_SUSPENDED] = PR("e_profile_suspended", PC_ERROR, PROFILE, "suspended",
					   "The profile version in force is suspended: nothing may be issued under it."),

	[A_VALIDITY] = PR("e_profile_audit_validity_exceeds_limit", PC_ERROR, "CABF_BR", "BRs: 6.3.2",
					  "validity_max_days exceeds the TLS subscriber maximum in force."),
	[A_VALIDITY_SHOULD] = PR("w_profile_audit_validity_exceeds_recommended", PC_WARN, "CABF_BR", "BRs: 6.3.2",
							 "validity_max_days equals the maximum in force; the BRs advise one day less."),
	[A_VALIDITY_NEXT] = PR("n_profile_audit_validity_exceeds_next_limit", PC_NOTICE, "CABF_BR", "BRs: 6.3.2",
						   "validity_max_days exceeds the next scheduled TLS subscriber maximum."),
	[A_VALIDITY_UNBOUNDED] = PR("w_profile_audit_validity_unbounded", PC_WARN, "CABF_BR", "BRs: 6.3.2",
								"TLS profile without validity_max_days."),
	[A_IV_NAME] = PR("e_profile_audit_iv_requires_personal_name", PC_ERROR, "CABF_BR", "BRs: 7.1.2.7.3",
					 "IV profile (2.23.140.1.2.3) does not require givenName and surname."),
	[A_OV_SUBJECT] = PR("e_profile_audit_ov_subject", PC_ERROR, "CABF_BR", "BRs: 7.1.2.7.4",
						"OV profile (2.23.140.1.2.2) does not require O, C, and L or ST."),
	[A_DV_SUBJECT] = PR("e_profile_audit_dv_subject", PC_ERROR, "CABF_BR", "BRs: 7.1.2.7.2",
						"DV profile (2.23.140.1.2.1) allows O, L, ST, street or postalCode."),
	[A_DV_UNRESTRICTED] = PR("w_profile_audit_dv_subject_unrestricted", PC_WARN, "CABF_BR", "BRs: 7.1.2.7.2",
							 "DV profile without subject.allowed: any attribute is accepted."),
	[A_CLIENT_AUTH] = PR("e_profile_audit_client_auth", PC_ERROR, "Chrome", "CRP v1.8: 1.3.2",
						 "TLS subscriber profile includes clientAuth; Chrome requires serverAuth only from 2027-03-15."),
	[A_CLIENT_AUTH_NEXT] = PR("n_profile_audit_client_auth_next", PC_NOTICE, "Chrome", "CRP v1.8: 1.3.2",
							  "TLS subscriber profile includes clientAuth, which Chrome forbids from 2027-03-15."),
	[A_EC_KE] = PR("e_profile_audit_ec_key_encipherment", PC_ERROR, "RFC8813", "RFC 8813: 3",
				   "key_usage for EC keys allows keyEncipherment or dataEncipherment."),
	[A_KEY_TYPE] = PR("e_profile_audit_key_type", PC_ERROR, "CABF_BR", "BRs: 6.1.5",
					  "key_types allows a key the BRs do not (RSA < 2048 or not a multiple of 8, curves other than P-256/384/521, EdDSA for TLS)."),
	[A_SAN_TYPE] = PR("e_profile_audit_san_type", PC_ERROR, "CABF_BR", "BRs: 7.1.2.7.12",
					  "TLS profile allows subjectAltName types other than dNSName and iPAddress."),
};

size_t
pcp_rule_count(void)
{
	return R_COUNT;
}

const pc_rule *
pcp_rule_at(size_t i)
{
	return i < R_COUNT ? &pcp_rules[i] : NULL;
}

const pc_rule *
pcp_rule_find(const char *name)
{
	for (int i = 0; i < R_COUNT; i++)
		if (strcmp(pcp_rules[i].name, name) == 0)
			return &pcp_rules[i];
	return NULL;
}

/* ---------------------------------------------------------------- emitting */

typedef struct pcp_ctx
{
	const pc_profile *p;
	pcp_emit_fn emit;
	void	   *arg;
} pcp_ctx;

static void pcp_emit(pcp_ctx *x, int rule, const char *fmt,...) pg_attribute_printf(3, 4);

static void
pcp_emit(pcp_ctx *x, int rule, const char *fmt,...)
{
	const pc_rule *r = &pcp_rules[rule];
	pc_severity sev = r->severity;
	char		detail[PC_DETAIL_MAX];
	va_list		ap;

	/* A profile may exclude or re-grade its own rules too. */
	if (!pcp_keep_builtin(x->p, r, &sev))
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	x->emit(x->arg, r, sev, detail);
}

bool
pcp_keep_builtin(const pc_profile *p, const pc_rule *rule, pc_severity *sev)
{
	*sev = rule->severity;
	for (int i = 0; i < p->nexclude; i++)
		if (strcmp(p->exclude[i], rule->name) == 0)
			return false;
	/* "sources" selects built-in documents; profile findings always stay. */
	if (p->has_sources && strcmp(rule->source, PROFILE) != 0 && rule != &pc_rule_unparseable)
	{
		bool		found = false;

		for (int i = 0; i < p->nsources && !found; i++)
			found = strcmp(p->sources[i], rule->source) == 0;
		if (!found)
			return false;
	}
	for (int i = 0; i < p->nseverity; i++)
		if (strcmp(p->severity[i].rule, rule->name) == 0)
			*sev = p->severity[i].severity;
	return true;
}

/* ---------------------------------------------------------------- lists */

static bool
pcp_list_has(const pcp_oidlist *l, pc_span oid)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].n == oid.n && memcmp(l->v[i].b, oid.p, oid.n) == 0)
			return true;
	return false;
}

static void
pcp_list_text(const pcp_oidlist *l, char *buf, size_t size)
{
	size_t		used = 0;

	buf[0] = '\0';
	for (int i = 0; i < l->n && used + 1 < size; i++)
		used += snprintf(buf + used, size - used, "%s%s", i ? ", " : "", l->v[i].name);
}

static bool
pcp_list_has_text(const pcp_oidlist *l, const char *dotted)
{
	pcp_oid		o;

	if (!pcp_dotted_oid(dotted, &o))
		return false;
	return pcp_list_has(l, (pc_span) {o.b, o.n});
}

/* Name an OID of the certificate by the profile's name for it, or dotted. */
static void
pcp_oid_label(const pcp_named_oid *table, pc_span oid, char *buf, size_t size)
{
	char		dotted[128];

	if (!pc_oid_text(oid, dotted, sizeof(dotted)))
		snprintf(dotted, sizeof(dotted), "(malformed OID)");
	for (int i = 0; table && table[i].name; i++)
		if (strcmp(table[i].oid, dotted) == 0)
		{
			snprintf(buf, size, "%s", table[i].name);
			return;
		}
	snprintf(buf, size, "%s", dotted);
}

static void
pcp_ku_text(uint16_t ku, char *buf, size_t size)
{
	size_t		used = 0;
	uint16_t	seen = 0;

	buf[0] = '\0';
	for (int i = 0; pcp_kus[i].name && used + 1 < size; i++)
		if ((ku & pcp_kus[i].bit) && !(seen & pcp_kus[i].bit))
		{
			seen |= (uint16_t) pcp_kus[i].bit;
			used += snprintf(buf + used, size - used, "%s%s", used ? ", " : "", pcp_kus[i].name);
		}
	if (!buf[0])
		snprintf(buf, size, "none");
}

/* ---------------------------------------------------------------- check */

static int
pcp_cert_family(const pc_cert *c)
{
	switch (c->spki.type)
	{
		case PC_KEY_RSA:
			return PCP_F_RSA;
		case PC_KEY_EC:
			return PCP_F_EC;
		case PC_KEY_ED25519:
			return PCP_F_ED25519;
		case PC_KEY_ED448:
			return PCP_F_ED448;
		default:
			return -1;
	}
}

static void
pcp_cert_key_name(const pc_cert *c, char *buf, size_t size)
{
	switch (c->spki.type)
	{
		case PC_KEY_RSA:
			snprintf(buf, size, "rsa%u", c->spki.bits);
			break;
		case PC_KEY_RSA_PSS:
			snprintf(buf, size, "rsassa-pss%u", c->spki.bits);
			break;
		case PC_KEY_EC:
			snprintf(buf, size, "%s",
					 c->spki.curve == PC_CURVE_P256 ? "p256" :
					 c->spki.curve == PC_CURVE_P384 ? "p384" :
					 c->spki.curve == PC_CURVE_P521 ? "p521" : "ec (other curve)");
			break;
		case PC_KEY_ED25519:
			snprintf(buf, size, "ed25519");
			break;
		case PC_KEY_ED448:
			snprintf(buf, size, "ed448");
			break;
		case PC_KEY_DSA:
			snprintf(buf, size, "dsa%u", c->spki.bits);
			break;
		default:
			snprintf(buf, size, "unknown");
	}
}

static bool
pcp_key_matches(const pcp_key *k, const pc_cert *c)
{
	switch (k->family)
	{
		case PCP_F_RSA:
			return c->spki.type == PC_KEY_RSA && c->spki.bits == k->bits;
		case PCP_F_EC:
			return c->spki.type == PC_KEY_EC && k->curve != PC_CURVE_OTHER &&
				c->spki.curve == k->curve;
		case PCP_F_ED25519:
			return c->spki.type == PC_KEY_ED25519;
		case PCP_F_ED448:
			return c->spki.type == PC_KEY_ED448;
		default:
			return false;
	}
}

static const pc_ext *
pcp_cert_ext(const pc_cert *c, const pcp_oid *o)
{
	for (int i = 0; i < c->next; i++)
		if (c->ext[i].oid.n == o->n && memcmp(c->ext[i].oid.p, o->b, o->n) == 0)
			return &c->ext[i];
	return NULL;
}

static bool
pcp_cert_has_eku(const pc_cert *c, const pcp_oid *o)
{
	for (int i = 0; i < c->neku; i++)
		if (c->eku[i].n == o->n && memcmp(c->eku[i].p, o->b, o->n) == 0)
			return true;
	return false;
}

static void
pcp_check_eku(pcp_ctx *x, const pc_cert *c)
{
	const pc_profile *p = x->p;
	char		label[128];
	bool		has_eku = pc_ext_ok(c, PC_X_EKU);
	const pcp_oidlist *req = p->has_eku_exact ? &p->eku_exact : &p->eku_required;

	for (int i = 0; i < req->n; i++)
		if (!has_eku)
			pcp_emit(x, R_EKU_MISSING, "extKeyUsage is absent; the profile requires %s", req->v[i].name);
		else if (!pcp_cert_has_eku(c, &req->v[i]))
			pcp_emit(x, R_EKU_MISSING, "extKeyUsage lacks %s, which the profile requires", req->v[i].name);
	if (!has_eku)
		return;
	for (int i = 0; i < c->neku; i++)
	{
		pc_span		e = c->eku[i];

		if (pcp_list_has(&p->eku_forbidden, e))
		{
			pcp_oid_label(pcp_ekus, e, label, sizeof(label));
			pcp_emit(x, R_EKU_FORBIDDEN, "extKeyUsage has %s, which the profile forbids", label);
		}
		else if (p->has_eku_exact && !pcp_list_has(&p->eku_exact, e))
		{
			char		set[512];

			pcp_oid_label(pcp_ekus, e, label, sizeof(label));
			pcp_list_text(&p->eku_exact, set, sizeof(set));
			pcp_emit(x, R_EKU_NOT_ALLOWED, "extKeyUsage has %s, outside the profile's exact set [%s]",
					 label, set);
		}
	}
}

void
pcp_check(const pc_profile *p, const pc_cert *c, pcp_emit_fn emit, void *arg)
{
	pcp_ctx		x = {p, emit, arg};
	char		label[128];
	char		buf[512];
	int			fam = pcp_cert_family(c);

	if (p->suspended)
		pcp_emit(&x, R_SUSPENDED, "the profile version in force is suspended");

	if (p->validity_max_days > 0 && pc_validity_days(c) > p->validity_max_days)
	{
		char		nb[32],
					na[32];

		pc_format_time(c->not_before.t, nb, sizeof(nb));
		pc_format_time(c->not_after.t, na, sizeof(na));
		pcp_emit(&x, R_VALIDITY, "validity %lld days (%s to %s) exceeds the profile maximum of %lld days",
				 (long long) pc_validity_days(c), nb, na, (long long) p->validity_max_days);
	}

	if (p->has_key_types)
	{
		bool		ok = false;
		size_t		used = 0;

		buf[0] = '\0';
		for (int i = 0; i < p->nkey_types; i++)
		{
			ok = ok || pcp_key_matches(&p->key_types[i], c);
			if (used + 1 < sizeof(buf))
				used += snprintf(buf + used, sizeof(buf) - used, "%s%s",
								 i ? ", " : "", p->key_types[i].name);
		}
		if (!ok)
		{
			pcp_cert_key_name(c, label, sizeof(label));
			pcp_emit(&x, R_KEY_TYPE, "key %s is not one of the profile's key types [%s]", label, buf);
		}
	}

	pcp_check_eku(&x, c);

	if (fam >= 0 && p->has_ku[fam])
	{
		bool		present = pc_ext_ok(c, PC_X_KU);
		uint16_t	have = present ? c->ku : 0;

		if (!present || have != p->ku[fam])
		{
			char		want[256];

			pcp_ku_text(p->ku[fam], want, sizeof(want));
			if (!present)
				pcp_emit(&x, R_KU, "keyUsage is absent; the profile requires exactly [%s] for %s keys",
						 want, pcp_family_names[fam]);
			else
			{
				pcp_ku_text(have, buf, sizeof(buf));
				pcp_emit(&x, R_KU, "keyUsage [%s] differs from the profile's [%s] for %s keys",
						 buf, want, pcp_family_names[fam]);
			}
		}
	}

	for (int i = 0; i < p->subj_required.n; i++)
		if (pc_name_count(&c->subject, (const char *) p->subj_required.v[i].b, p->subj_required.v[i].n) == 0)
			pcp_emit(&x, R_SUBJ_MISSING, "subject lacks %s, which the profile requires",
					 p->subj_required.v[i].name);
	if (p->has_subj_allowed)
	{
		for (int i = 0; i < c->subject.nattr; i++)
		{
			pc_span		oid = c->subject.attr[i].oid;
			bool		dup = false;

			if (pcp_list_has(&p->subj_allowed, oid) || pcp_list_has(&p->subj_required, oid))
				continue;
			for (int j = 0; j < i && !dup; j++)
				dup = pc_span_eq(c->subject.attr[j].oid, oid);
			if (dup)
				continue;
			pcp_oid_label(pcp_attrs, oid, label, sizeof(label));
			pcp_emit(&x, R_SUBJ_NOT_ALLOWED, "subject has %s, which the profile does not allow", label);
		}
	}

	if (p->san_required && !pc_ext_get(c, PC_X_SAN))
		pcp_emit(&x, R_SAN_MISSING, "subjectAltName is absent; the profile requires it");
	if (p->has_san_types && pc_ext_ok(c, PC_X_SAN))
	{
		uint32_t	extra = c->san_types & ~p->san_types;

		for (int t = 0; t <= PC_GN_RID; t++)
			if (extra & (1u << t))
				pcp_emit(&x, R_SAN_TYPE, "subjectAltName has a %s name, which the profile does not allow",
						 pcp_san_name(t));
	}

	for (int i = 0; i < p->pol_required.n; i++)
	{
		const pcp_oid *o = &p->pol_required.v[i];
		bool		found = false;

		for (int j = 0; j < c->npolicy && !found; j++)
			found = c->policy[j].oid.n == o->n && memcmp(c->policy[j].oid.p, o->b, o->n) == 0;
		if (!found)
			pcp_emit(&x, R_POLICY_MISSING, "certificatePolicies lacks %s, which the profile requires", o->name);
	}

	for (int i = 0; i < p->ext_required.n; i++)
		if (!pcp_cert_ext(c, &p->ext_required.v[i]))
			pcp_emit(&x, R_EXT_MISSING, "extension %s is absent; the profile requires it",
					 p->ext_required.v[i].name);
	for (int i = 0; i < p->ext_forbidden.n; i++)
		if (pcp_cert_ext(c, &p->ext_forbidden.v[i]))
			pcp_emit(&x, R_EXT_FORBIDDEN, "extension %s is present; the profile forbids it",
					 p->ext_forbidden.v[i].name);
	for (int i = 0; i < p->ext_critical.n; i++)
	{
		const pc_ext *e = pcp_cert_ext(c, &p->ext_critical.v[i]);

		if (e && !e->critical)
			pcp_emit(&x, R_EXT_CRITICALITY, "extension %s is not critical; the profile requires it critical",
					 p->ext_critical.v[i].name);
	}
	for (int i = 0; i < p->ext_non_critical.n; i++)
	{
		const pc_ext *e = pcp_cert_ext(c, &p->ext_non_critical.v[i]);

		if (e && e->critical)
			pcp_emit(&x, R_EXT_CRITICALITY, "extension %s is critical; the profile requires it non-critical",
					 p->ext_non_critical.v[i].name);
	}

	if (p->bc_ca >= 0)
	{
		bool		ca = pc_ext_ok(c, PC_X_BC) && c->bc_ca;

		if (ca != (p->bc_ca == 1))
			pcp_emit(&x, R_BC, "basicConstraints cA is %s; the profile requires %s",
					 ca ? "TRUE" : (pc_ext_get(c, PC_X_BC) ? "FALSE" : "absent (FALSE)"),
					 p->bc_ca ? "TRUE" : "FALSE");
	}
}

/* ---------------------------------------------------------------- audit */

/*
 * TLS subscriber validity limits.  The windows come from the built-in
 * registry (the rule named here); the dates after the name are used only
 * if that rule is missing from the registry.  39 months is taken as 1184
 * days: the shortest 39 calendar months (three years plus February, March
 * and April of a common year).  Sources: requirements.md section 1.1.
 */
static const struct
{
	const char *rule;
	const char *should_rule;	/* the one-day-less SHOULD, or NULL */
	int64_t		days;
	int64_t		from;
	int64_t		until;
}			pcp_limits[] = {
	{"e_sub_cert_valid_time_longer_than_39_months", NULL, 1184, PC_DATE(2016, 7, 2), PC_DATE(2018, 3, 2)},
	{"e_sub_cert_valid_time_longer_than_825_days", NULL, 825, PC_DATE(2018, 3, 2), PC_DATE(2020, 9, 1)},
	{"e_sub_cert_valid_time_longer_than_398_days", "w_sub_cert_valid_time_longer_than_397_days", 398,
	PC_DATE(2020, 9, 1), PC_DATE(2026, 3, 15)},
	{"e_server_cert_valid_time_longer_than_200_days", "w_server_cert_valid_time_longer_than_199_days", 200,
	PC_DATE(2026, 3, 15), PC_DATE(2027, 3, 15)},
	{"e_server_cert_valid_time_longer_than_100_days", "w_server_cert_valid_time_longer_than_99_days", 100,
	PC_DATE(2027, 3, 15), PC_DATE(2029, 3, 15)},
	{"e_server_cert_valid_time_longer_than_47_days", "w_server_cert_valid_time_longer_than_46_days", 47,
	PC_DATE(2029, 3, 15), 0},
};

#define PCP_NLIMITS ((int) (sizeof(pcp_limits) / sizeof(pcp_limits[0])))

/* Chrome Root Program Policy v1.8 1.3.2 (requirements.md 6.2, CH2). */
#define PCP_CHROME_SERVER_AUTH_ONLY PC_DATE(2027, 3, 15)

/*
 * The window of a limit.  The built-in rules overlap (the 39-month rule has
 * no end in the registry), so a limit's window ends where the next begins.
 */
static void
pcp_limit_window(int i, int64_t *from, int64_t *until, const char **citation)
{
	const pc_rule *r = pc_rule_find(pcp_limits[i].rule);

	*from = r ? r->from : pcp_limits[i].from;
	*until = r && r->until ? r->until : pcp_limits[i].until;
	*citation = r ? r->citation : "BRs: 6.3.2";
	if (i + 1 < PCP_NLIMITS)
	{
		const pc_rule *n = pc_rule_find(pcp_limits[i + 1].rule);
		int64_t		next = n ? n->from : pcp_limits[i + 1].from;

		if (*until == 0 || next < *until)
			*until = next;
	}
}

/* Is any of the named built-in rules in force at 'at'?  Its citation. */
static const char *
pcp_in_force(int64_t at, const char *const *names)
{
	for (int i = 0; names[i]; i++)
	{
		const pc_rule *r = pc_rule_find(names[i]);

		if (r && pc_rule_in_force(r, at))
			return r->citation;
	}
	return NULL;
}

static void pcp_emit_cited(pcp_ctx *x, int rule, const char *citation, const char *fmt,...) pg_attribute_printf(4, 5);

static void
pcp_emit_cited(pcp_ctx *x, int rule, const char *citation, const char *fmt,...)
{
	pc_rule		r = pcp_rules[rule];
	char		detail[PC_DETAIL_MAX];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (citation)
	{
		/* the emit callback copies what it needs before returning */
		r.citation = citation;
	}
	x->emit(x->arg, &r, r.severity, detail);
}

static bool
pcp_is_tls(const pc_profile *p)
{
	if (p->kind[0])
		return strcmp(p->kind, "tls_server") == 0;
	return pcp_list_has_text(&p->eku_required, "1.3.6.1.5.5.7.3.1") ||
		pcp_list_has_text(&p->eku_exact, "1.3.6.1.5.5.7.3.1") ||
		pcp_list_has_text(&p->pol_required, "2.23.140.1.2.1") ||
		pcp_list_has_text(&p->pol_required, "2.23.140.1.2.2") ||
		pcp_list_has_text(&p->pol_required, "2.23.140.1.2.3") ||
		pcp_list_has_text(&p->pol_required, "2.23.140.1.1");
}

/* May a certificate of the profile carry this subject attribute? */
static bool
pcp_subject_may(const pc_profile *p, const char *dotted)
{
	if (pcp_list_has_text(&p->subj_required, dotted))
		return true;
	return p->has_subj_allowed && pcp_list_has_text(&p->subj_allowed, dotted);
}

static void
pcp_audit_validity(pcp_ctx *x, int64_t at)
{
	const pc_profile *p = x->p;
	char		d1[16];

	if (p->validity_max_days <= 0)
	{
		pcp_emit_cited(x, A_VALIDITY_UNBOUNDED, NULL,
					   "TLS profile sets no validity_max_days; the BRs limit subscriber certificates");
		return;
	}
	for (int i = 0; i < PCP_NLIMITS; i++)
	{
		int64_t		from,
					until;
		const char *cit;

		pcp_limit_window(i, &from, &until, &cit);
		if (at >= from && (until == 0 || at < until))
		{
			pc_format_date(from, d1, sizeof(d1));
			if (p->validity_max_days > pcp_limits[i].days)
				pcp_emit_cited(x, A_VALIDITY, cit,
							   "profile allows %lld days; limit %lld days since %s (%s)",
							   (long long) p->validity_max_days, (long long) pcp_limits[i].days,
							   d1, pcp_limits[i].rule);
			else if (pcp_limits[i].should_rule && p->validity_max_days == pcp_limits[i].days)
				pcp_emit_cited(x, A_VALIDITY_SHOULD, cit,
							   "profile allows %lld days; the BRs advise at most %lld since %s (%s)",
							   (long long) p->validity_max_days, (long long) pcp_limits[i].days - 1,
							   d1, pcp_limits[i].should_rule);
		}
		else if (at < from && p->validity_max_days > pcp_limits[i].days)
		{
			/* the first later window whose limit the profile exceeds */
			pc_format_date(from, d1, sizeof(d1));
			pcp_emit_cited(x, A_VALIDITY_NEXT, cit,
						   "profile allows %lld days; limit becomes %lld days on %s (%s)",
						   (long long) p->validity_max_days, (long long) pcp_limits[i].days,
						   d1, pcp_limits[i].rule);
			break;
		}
	}
}

void
pcp_audit(const pc_profile *p, int64_t at, pcp_emit_fn emit, void *arg)
{
	pcp_ctx		x = {p, emit, arg};
	bool		tls = pcp_is_tls(p);
	const char *cit;

	if (tls)
		pcp_audit_validity(&x, at);

	/*
	 * IV: givenName and surname.  Under BR 1.x 7.1.6.1 (the non-strict rule,
	 * until 2023-09-15) organizationName could stand in for the two names.
	 */
	{
		static const char *const iv[] = {"e_cab_iv_requires_personal_name_strict",
		"e_cab_iv_requires_personal_name", NULL};
		bool		gn = pcp_list_has_text(&p->subj_required, "2.5.4.42");
		bool		sn = pcp_list_has_text(&p->subj_required, "2.5.4.4");
		const pc_rule *strict = pc_rule_find(iv[0]);
		bool		org_ok = !(strict && pc_rule_in_force(strict, at)) &&
			pcp_list_has_text(&p->subj_required, "2.5.4.10");

		if (pcp_list_has_text(&p->pol_required, "2.23.140.1.2.3") && (cit = pcp_in_force(at, iv)) &&
			!(gn && sn) && !org_ok)
			pcp_emit_cited(&x, A_IV_NAME, cit,
						   "IV profile (2.23.140.1.2.3) does not require %s",
						   !gn && !sn ? "givenName and surname" : !gn ? "givenName" : "surname");
	}

	/* OV: O, C, and L or ST. */
	{
		static const char *const ov[] = {"e_cab_ov_requires_org", "e_cert_policy_ov_requires_country",
		"e_cert_policy_ov_requires_province_or_locality", NULL};

		if (pcp_list_has_text(&p->pol_required, "2.23.140.1.2.2") && (cit = pcp_in_force(at, ov)))
		{
			char		miss[128] = "";

			if (!pcp_list_has_text(&p->subj_required, "2.5.4.10"))
				strcat(miss, ", O");
			if (!pcp_list_has_text(&p->subj_required, "2.5.4.6"))
				strcat(miss, ", C");
			if (!pcp_list_has_text(&p->subj_required, "2.5.4.7") &&
				!pcp_list_has_text(&p->subj_required, "2.5.4.8"))
				strcat(miss, ", L or ST");
			if (miss[0])
				pcp_emit_cited(&x, A_OV_SUBJECT, cit,
							   "OV profile (2.23.140.1.2.2) does not require %s", miss + 2);
		}
	}

	/* DV: no O, L, ST, street, postalCode. */
	{
		static const char *const dv[] = {"e_cab_dv_subject_invalid_values", "e_cab_dv_conflicts_with_org",
		NULL};
		static const struct
		{
			const char *oid;
			const char *name;
		}			bad[] = {
			{"2.5.4.10", "O"}, {"2.5.4.7", "L"}, {"2.5.4.8", "ST"}, {"2.5.4.9", "street"},
			{"2.5.4.17", "postalCode"}
		};

		if (pcp_list_has_text(&p->pol_required, "2.23.140.1.2.1") && (cit = pcp_in_force(at, dv)))
		{
			char		found[128] = "";

			for (int i = 0; i < 5; i++)
				if (pcp_subject_may(p, bad[i].oid))
				{
					strcat(found, ", ");
					strcat(found, bad[i].name);
				}
			if (found[0])
				pcp_emit_cited(&x, A_DV_SUBJECT, cit,
							   "DV profile (2.23.140.1.2.1) allows %s in the subject", found + 2);
			else if (!p->has_subj_allowed)
				pcp_emit_cited(&x, A_DV_UNRESTRICTED, cit,
							   "DV profile (2.23.140.1.2.1) has no subject.allowed list; O, L, ST, street and postalCode would be accepted");
		}
	}

	/* clientAuth in a TLS subscriber profile (Chrome); window from the registry. */
	if (tls && (pcp_list_has_text(&p->eku_required, "1.3.6.1.5.5.7.3.2") ||
				pcp_list_has_text(&p->eku_exact, "1.3.6.1.5.5.7.3.2")))
	{
		const pc_rule *ch = pc_rule_find("e_client_auth_not_allowed");
		int64_t		from = ch ? ch->from : PCP_CHROME_SERVER_AUTH_ONLY;
		char		d[16];

		cit = ch ? ch->citation : NULL;
		pc_format_date(from, d, sizeof(d));
		if (at >= from)
			pcp_emit_cited(&x, A_CLIENT_AUTH, cit,
						   "TLS profile includes clientAuth; Chrome requires serverAuth only since %s", d);
		else
			pcp_emit_cited(&x, A_CLIENT_AUTH_NEXT, cit,
						   "TLS profile includes clientAuth; Chrome requires serverAuth only from %s", d);
	}

	/* EC keys with keyEncipherment / dataEncipherment. */
	if (p->has_ku[PCP_F_EC] &&
		(p->ku[PCP_F_EC] & (PC_KU_KEY_ENCIPHERMENT | PC_KU_DATA_ENCIPHERMENT)))
	{
		static const char *const ec[] = {"e_ecdsa_allowed_ku", NULL};

		if ((cit = pcp_in_force(at, ec)) != NULL || pc_rule_find("e_ecdsa_allowed_ku") == NULL)
			pcp_emit_cited(&x, A_EC_KE, cit,
						   "key_usage.ec allows %s",
						   (p->ku[PCP_F_EC] & PC_KU_KEY_ENCIPHERMENT) ? "keyEncipherment" : "dataEncipherment");
	}

	/* Weak or unknown keys. */
	for (int i = 0; i < p->nkey_types; i++)
	{
		const pcp_key *k = &p->key_types[i];

		if (k->family == PCP_F_RSA && k->bits < 2048)
			pcp_emit_cited(&x, A_KEY_TYPE, NULL, "key_types allows %s: RSA keys must be at least 2048 bits",
						   k->name);
		else if (k->family == PCP_F_RSA && k->bits % 8 != 0)
			pcp_emit_cited(&x, A_KEY_TYPE, "MRSP: 5.1",
						   "key_types allows %s: RSA modulus size must be a multiple of 8", k->name);
		else if (k->family == PCP_F_EC && k->curve == PC_CURVE_OTHER)
			pcp_emit_cited(&x, A_KEY_TYPE, NULL, "key_types allows %s: only P-256, P-384 and P-521 are allowed",
						   k->name);
		else if (tls && (k->family == PCP_F_ED25519 || k->family == PCP_F_ED448))
			pcp_emit_cited(&x, A_KEY_TYPE, NULL, "key_types allows %s in a TLS profile: only RSA and ECDSA keys are allowed",
						   k->name);
	}

	/* SAN types for TLS. */
	if (tls && p->has_san_types)
	{
		uint32_t	extra = p->san_types & ~((1u << PC_GN_DNS) | (1u << PC_GN_IP));

		for (int t = 0; t <= PC_GN_RID; t++)
			if (extra & (1u << t))
				pcp_emit_cited(&x, A_SAN_TYPE, NULL,
							   "TLS profile allows %s names in subjectAltName; only dns and ip are allowed",
							   pcp_san_name(t));
	}
}
