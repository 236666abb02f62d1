/*
 * pc.h
 *		profcheck core: DER reader, certificate model, rule registry, engine.
 *
 * Nothing here includes PostgreSQL headers.  The same sources are built into
 * the extension, the command-line linter, the unit tests and the fuzzer.
 *
 * Memory model: the decoder never allocates.  A pc_cert holds spans that point
 * into the caller's buffer, which must outlive it.  Lists that real
 * certificates keep short (extensions, name attributes, policies, EKUs) are
 * fixed arrays with documented caps; a certificate over a cap is reported as
 * a fatal finding rather than truncated silently.  Unbounded lists
 * (GeneralNames) are kept as validated spans and walked with iterators.
 */
#ifndef PC_H
#define PC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* printf-style format checking, named as PostgreSQL names it. */
#ifndef pg_attribute_printf
#if defined(__GNUC__)
#define pg_attribute_printf(f, a) __attribute__((format(printf, f, a)))
#else
#define pg_attribute_printf(f, a)
#endif
#endif

/*
 * A function on the rare path: a rule that fails.  Marking it cold lets the
 * compiler move the code that reports a finding out of the way of the code
 * that checks, so the checks of ~200 rules a certificate run through fewer
 * cache lines.
 */
#ifndef pc_attribute_cold
#if defined(__GNUC__)
#define pc_attribute_cold __attribute__((cold))
#else
#define pc_attribute_cold
#endif
#endif

/* ---------------------------------------------------------------- spans */

typedef struct pc_span
{
	const uint8_t *p;
	size_t		n;
} pc_span;

#define PC_SPAN_EMPTY ((pc_span) {NULL, 0})

/*
 * Copy a span a field at a time.  The DER reader writes a TLV's spans field
 * by field, and a whole-struct copy just after reads them back with one
 * 16-byte load, which the processor cannot forward from the two 8-byte
 * stores still in flight: it waits a dozen cycles or so.  The decoder
 * copies spans out of TLVs about a hundred times a certificate; copied
 * this way, a decode took 17% less time (perf had shown half of the
 * extension loop's cycles on such loads).
 */
static inline void
pc_span_copy(pc_span *dst, const pc_span *src)
{
	dst->p = src->p;
	dst->n = src->n;
}

/* Compare an OID's content octets with a string literal of octets. */
#define PC_OID_IS(span, lit) \
	((span).n == sizeof(lit) - 1 && memcmp((span).p, (lit), sizeof(lit) - 1) == 0)

static inline bool
pc_span_eq(pc_span a, pc_span b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/*
 * Eight octets at p as a word, in the machine's order, for the tests that
 * look at every octet alike (classes, case, high bits): memcpy is one load
 * where eight octet loads are not merged.
 */
static inline uint64_t
pc_load_word(const void *p)
{
	uint64_t	w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* ---------------------------------------------------------------- DER */

/* Identifier octets of the universal tags we meet (low-tag-number form). */
enum
{
	PC_T_BOOLEAN = 0x01,
	PC_T_INTEGER = 0x02,
	PC_T_BITSTRING = 0x03,
	PC_T_OCTETSTRING = 0x04,
	PC_T_NULL = 0x05,
	PC_T_OID = 0x06,
	PC_T_ENUMERATED = 0x0a,
	PC_T_UTF8STRING = 0x0c,
	PC_T_NUMERICSTRING = 0x12,
	PC_T_PRINTABLESTRING = 0x13,
	PC_T_TELETEXSTRING = 0x14,
	PC_T_VIDEOTEXSTRING = 0x15,
	PC_T_IA5STRING = 0x16,
	PC_T_UTCTIME = 0x17,
	PC_T_GENERALIZEDTIME = 0x18,
	PC_T_VISIBLESTRING = 0x1a,
	PC_T_UNIVERSALSTRING = 0x1c,
	PC_T_BMPSTRING = 0x1e,
	PC_T_SEQUENCE = 0x30,
	PC_T_SET = 0x31,
};

#define PC_CTX(n)	(0x80 | (n))	/* [n] IMPLICIT primitive */
#define PC_CTXC(n)	(0xa0 | (n))	/* [n] constructed (EXPLICIT or IMPLICIT SEQUENCE) */

/* One TLV.  'id' is the identifier octet, or 0 for a high-tag-number form. */
typedef struct pc_tlv
{
	uint8_t		id;
	uint32_t	tagnum;			/* tag number, also for high forms */
	pc_span		all;			/* identifier + length + content */
	pc_span		v;				/* content */
} pc_tlv;

/* Non-fatal DER deviations found while reading; kept on the certificate. */
enum
{
	PC_DF_LEN_NONMINIMAL = 1 << 0,	/* long-form length that fits a shorter form */
	PC_DF_BOOL_NOT_DER = 1 << 1,	/* BOOLEAN TRUE not encoded as 0xFF */
	PC_DF_DEFAULT_ENCODED = 1 << 2, /* a DEFAULT value written out */
	PC_DF_INT_NONMINIMAL = 1 << 3,	/* INTEGER with redundant leading octet */
	PC_DF_SET_ORDER = 1 << 4,		/* SET OF elements not in DER order */
	PC_DF_BITSTRING_PAD = 1 << 5,	/* named BIT STRING with trailing zero bits */
};

/* A read cursor over DER content. */
typedef struct pc_der
{
	const uint8_t *p;
	const uint8_t *end;
	const uint8_t *base;		/* start of the whole input, for offsets */
	uint32_t   *flags;			/* where to record PC_DF_* (may be NULL) */
} pc_der;

/* Why decoding failed, and where. */
typedef struct pc_error
{
	size_t		offset;			/* byte offset into the input */
	char		msg[160];
} pc_error;

/*
 * The reader's small steps are inline: the decoder and the rules take
 * hundreds of them per certificate.
 */
static inline void
pc_der_init(pc_der *d, pc_span s, const uint8_t *base, uint32_t *flags)
{
	d->p = s.p;
	/* An empty span may be {NULL, 0}; NULL + 0 is undefined behaviour in C. */
	d->end = s.n ? s.p + s.n : s.p;
	d->base = base ? base : s.p;
	d->flags = flags;
}

static inline bool
pc_der_more(const pc_der *d)
{
	return d->p < d->end;
}

/* pc_der_next for everything but the short forms (der.c). */
bool		pc_der_next_full(pc_der *d, pc_tlv *t, pc_error *err);

/*
 * The reader with no shortcut at all, for every form and every error; the
 * shortcuts must agree with it (unit-tested).
 */
bool		pc_der_next_general(pc_der *d, pc_tlv *t, pc_error *err);

/*
 * Read the next TLV.  Returns false (and fills err when non-NULL) for a
 * truncated header, an indefinite or over-long length, a length past the end
 * of the enclosing value, or a malformed tag.  The usual element, a
 * low-number tag with a length below 128 that fits, is read here.
 */
static inline bool
pc_der_next(pc_der *d, pc_tlv *t, pc_error *err)
{
	const uint8_t *p = d->p;
	size_t		avail = (size_t) (d->end - p);

	if (avail >= 2 && (p[0] & 0x1f) != 0x1f && p[1] < 0x80 && p[1] <= avail - 2)
	{
		t->id = p[0];
		t->tagnum = p[0] & 0x1f;
		t->all = (pc_span) {p, (size_t) p[1] + 2};
		t->v = (pc_span) {p + 2, p[1]};
		d->p = p + 2 + p[1];
		return true;
	}
	return pc_der_next_full(d, t, err);
}

/* pc_der_expect for everything but a matching short form (der.c). */
bool		pc_der_expect_full(pc_der *d, uint8_t id, pc_tlv *t, pc_error *err, const char *what);

/*
 * Read the next TLV and require its identifier octet to be 'id'.  The usual
 * case, the expected low-number tag with a short length that fits, is read
 * here; anything else, including every error, goes to pc_der_expect_full.
 */
static inline bool
pc_der_expect(pc_der *d, uint8_t id, pc_tlv *t, pc_error *err, const char *what)
{
	const uint8_t *p = d->p;
	size_t		avail = (size_t) (d->end - p);

	if (avail >= 2 && p[0] == id && (id & 0x1f) != 0x1f && p[1] < 0x80 && p[1] <= avail - 2)
	{
		t->id = id;
		t->tagnum = id & 0x1f;
		t->all = (pc_span) {p, (size_t) p[1] + 2};
		t->v = (pc_span) {p + 2, p[1]};
		d->p = p + 2 + p[1];
		return true;
	}
	return pc_der_expect_full(d, id, t, err, what);
}

/* Peek at the next identifier octet without consuming (0 at end). */
uint8_t		pc_der_peek(const pc_der *d);

/* Describe an identifier octet ("SEQUENCE", "[0]", "INTEGER", ...). */
const char *pc_tag_name(uint8_t id);

size_t		pc_offset(const pc_der *d, const uint8_t *p);

/* OID content octets as dotted text; returns false if malformed. */
bool		pc_oid_text(pc_span oid, char *buf, size_t size);

/* Parse dotted text into content octets; returns length or 0 when invalid. */
size_t		pc_oid_from_text(const char *text, uint8_t *out, size_t size);

/* Is this a well-formed OID content encoding (minimal subidentifiers)? */
bool		pc_oid_valid(pc_span oid);

/* ---------------------------------------------------------------- time */

enum
{
	PC_TF_NO_SECONDS = 1 << 0,
	PC_TF_NOT_ZULU = 1 << 1,
	PC_TF_FRACTION = 1 << 2,
	PC_TF_INVALID = 1 << 3,		/* not a readable time at all */
};

typedef struct pc_time
{
	int64_t		t;				/* seconds since 1970-01-01T00:00:00Z */
	uint8_t		tag;			/* PC_T_UTCTIME or PC_T_GENERALIZEDTIME */
	uint8_t		flags;			/* PC_TF_* */
	pc_span		text;
} pc_time;

bool		pc_time_parse(uint8_t tag, pc_span text, pc_time *out);

/* Days-from-civil as a constant expression (valid for years >= 1). */
#define PC__Y(y, m)		((int64_t) (y) - ((m) <= 2))
#define PC__ERA(y, m)	(PC__Y(y, m) / 400)
#define PC__YOE(y, m)	(PC__Y(y, m) - PC__ERA(y, m) * 400)
#define PC__DOY(m, d)	((153 * ((m) > 2 ? (m) - 3 : (m) + 9) + 2) / 5 + (d) - 1)
#define PC__DOE(y, m, d) \
	(PC__YOE(y, m) * 365 + PC__YOE(y, m) / 4 - PC__YOE(y, m) / 100 + PC__DOY(m, d))
#define PC_DATE(y, m, d) \
	((PC__ERA(y, m) * 146097 + PC__DOE(y, m, d) - 719468) * (int64_t) 86400)
#define PC_DAY ((int64_t) 86400)

/* The civil date (proleptic Gregorian) of a day number (days since 1970-01-01). */
void		pc_civil_from_days(int64_t z, int *yy, unsigned *mm, unsigned *dd);

/* Format seconds since the epoch as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ. */
void		pc_format_date(int64_t t, char *buf, size_t size);
void		pc_format_time(int64_t t, char *buf, size_t size);

/* Parse YYYY-MM-DD[THH:MM[:SS]][Z]; false when invalid. */
bool		pc_parse_iso_time(const char *s, int64_t *out);

/* ---------------------------------------------------------------- model */

#define PC_MAX_ATTRS		64
#define PC_MAX_EXTS			64
#define PC_MAX_POLICIES		32
#define PC_MAX_EKUS			32

typedef struct pc_attr
{
	pc_span		oid;			/* attribute type, OID content octets */
	uint8_t		vtag;			/* identifier octet of the value */
	pc_span		value;			/* value content octets */
	pc_span		vall;			/* the value TLV */
	pc_span		all;			/* the AttributeTypeAndValue TLV */
	uint16_t	rdn;			/* index of its RelativeDistinguishedName */
} pc_attr;

typedef struct pc_name
{
	pc_span		der;			/* the whole Name TLV */
	uint16_t	nattr;
	uint16_t	nrdn;
	bool		multi_valued;	/* some RDN holds more than one attribute */
	bool		empty_rdn;		/* some RDN is an empty SET */
	/*
	 * Bit x: an attribute of type 2.5.4.x (x < 64) occurs (at_seen), occurs
	 * more than once (at_repeated); lets pc_name_count and pc_name_find
	 * answer for the usual attribute types without a walk.
	 */
	uint64_t	at_seen;
	uint64_t	at_repeated;
	pc_attr		attr[PC_MAX_ATTRS];
} pc_name;

/* Extensions profcheck decodes; index into pc_cert.xi. */
typedef enum pc_xid
{
	PC_X_AKI,
	PC_X_SKI,
	PC_X_KU,
	PC_X_CP,
	PC_X_PM,
	PC_X_SAN,
	PC_X_IAN,
	PC_X_SDA,
	PC_X_BC,
	PC_X_NC,
	PC_X_PCONS,
	PC_X_EKU,
	PC_X_CRLDP,
	PC_X_IAP,
	PC_X_FRESHEST,
	PC_X_AIA,
	PC_X_SIA,
	PC_X_QC,
	PC_X_TLSF,
	PC_X_NOCHECK,
	PC_X_POISON,
	PC_X_SCT,
	PC_X_ORGID,
	PC_X_COUNT
} pc_xid;

typedef struct pc_ext
{
	pc_span		oid;
	pc_span		value;			/* content of extnValue OCTET STRING */
	pc_span		all;
	bool		critical;
	bool		critical_encoded;	/* the critical field was present */
	bool		bad;			/* value does not decode per its ASN.1 */
	bool		not_der;		/* decodes, but is BER rather than DER */
	int16_t		xid;			/* pc_xid, or -1 when not one we decode */
	char		why[96];		/* for 'bad': what is wrong */
} pc_ext;

/* keyUsage bits, numbered as in RFC 5280 (bit 0 = digitalSignature). */
enum
{
	PC_KU_DIGITAL_SIGNATURE = 1 << 0,
	PC_KU_NON_REPUDIATION = 1 << 1,
	PC_KU_KEY_ENCIPHERMENT = 1 << 2,
	PC_KU_DATA_ENCIPHERMENT = 1 << 3,
	PC_KU_KEY_AGREEMENT = 1 << 4,
	PC_KU_KEY_CERT_SIGN = 1 << 5,
	PC_KU_CRL_SIGN = 1 << 6,
	PC_KU_ENCIPHER_ONLY = 1 << 7,
	PC_KU_DECIPHER_ONLY = 1 << 8,
};

/* Well-known EKUs as bits of pc_cert.eku_mask. */
enum
{
	PC_EKU_SERVER_AUTH = 1 << 0,
	PC_EKU_CLIENT_AUTH = 1 << 1,
	PC_EKU_CODE_SIGNING = 1 << 2,
	PC_EKU_EMAIL = 1 << 3,
	PC_EKU_TIME_STAMPING = 1 << 4,
	PC_EKU_OCSP_SIGNING = 1 << 5,
	PC_EKU_ANY = 1 << 6,
	PC_EKU_PRECERT_SIGNING = 1 << 7,
	PC_EKU_OTHER = 1 << 8,
};

/* CA/Browser Forum reserved policy OIDs as bits of pc_cert.policy_mask. */
enum
{
	PC_POL_DV = 1 << 0,
	PC_POL_OV = 1 << 1,
	PC_POL_IV = 1 << 2,
	PC_POL_EV = 1 << 3,
	PC_POL_ANY = 1 << 4,
	PC_POL_SMIME = 1 << 5,		/* any 2.23.140.1.5.x.y */
	PC_POL_CODE_SIGNING = 1 << 6,
	PC_POL_OTHER = 1 << 7,
};

/* GeneralName choice numbers (RFC 5280 4.2.1.6). */
enum
{
	PC_GN_OTHER = 0,
	PC_GN_RFC822 = 1,
	PC_GN_DNS = 2,
	PC_GN_X400 = 3,
	PC_GN_DIRNAME = 4,
	PC_GN_EDIPARTY = 5,
	PC_GN_URI = 6,
	PC_GN_IP = 7,
	PC_GN_RID = 8,
};

typedef struct pc_gn
{
	uint8_t		type;			/* PC_GN_* */
	uint8_t		id;				/* identifier octet as encoded */
	pc_span		v;				/* content (for dirName: the Name TLV) */
} pc_gn;

/* Iterator over a validated GeneralNames SEQUENCE content. */
typedef struct pc_gn_iter
{
	pc_der		d;
} pc_gn_iter;

static inline void
pc_gn_begin(pc_gn_iter *it, pc_span names)
{
	pc_der_init(&it->d, names, names.p, NULL);
}

static inline bool
pc_gn_next(pc_gn_iter *it, pc_gn *out)
{
	pc_tlv		t;

	if (!pc_der_more(&it->d) || !pc_der_next(&it->d, &t, NULL))
		return false;
	out->id = t.id;
	out->type = (uint8_t) t.tagnum;
	out->v = t.v;
	return true;
}

typedef struct pc_policy
{
	pc_span		oid;
	pc_span		qualifiers;		/* content of policyQualifiers SEQUENCE, or empty */
	bool		has_qualifiers;
} pc_policy;

typedef enum pc_keytype
{
	PC_KEY_UNKNOWN,
	PC_KEY_RSA,
	PC_KEY_RSA_PSS,
	PC_KEY_EC,
	PC_KEY_ED25519,
	PC_KEY_ED448,
	PC_KEY_DSA,
} pc_keytype;

typedef enum pc_curve
{
	PC_CURVE_NONE,
	PC_CURVE_P256,
	PC_CURVE_P384,
	PC_CURVE_P521,
	PC_CURVE_OTHER,
} pc_curve;

typedef struct pc_spki
{
	pc_span		all;			/* SubjectPublicKeyInfo TLV */
	pc_span		alg;			/* AlgorithmIdentifier TLV */
	pc_span		alg_oid;
	pc_span		params;			/* parameters TLV, empty when absent */
	pc_span		key;			/* BIT STRING content without the unused-bits octet */
	pc_keytype	type;
	pc_curve	curve;
	bool		key_ok;			/* key octets decode for the algorithm */
	unsigned	bits;			/* RSA modulus / EC field / DSA p size in bits */
	pc_span		rsa_n;			/* INTEGER content (may have a leading 0x00) */
	pc_span		rsa_e;
	uint64_t	rsa_e_small;	/* exponent when it fits 64 bits, else 0 */
} pc_spki;

/* What a certificate is (pc_cert.kind); rules declare which kinds they apply to. */
enum
{
	PC_K_CA = 1 << 0,			/* basicConstraints cA TRUE */
	PC_K_SUB = 1 << 1,			/* not a CA (end entity) */
	PC_K_ROOT = 1 << 2,			/* CA whose non-empty subject equals its issuer, byte for byte */
	PC_K_SUBCA = 1 << 3,		/* CA that is not self-issued */
	PC_K_TLS = 1 << 4,			/* end entity usable for TLS servers (MRSP 1.1) */
	PC_K_SMIME = 1 << 5,		/* end entity under the S/MIME BR (SBR 1.1) */
	PC_K_PRECERT = 1 << 6,		/* carries the CT poison extension */
	PC_K_OCSP = 1 << 7,			/* delegated OCSP responder */
	PC_K_PRECERT_CA = 1 << 8,	/* CA with the precertificate-signing EKU */
	PC_K_DV = 1 << 9,
	PC_K_OV = 1 << 10,
	PC_K_IV = 1 << 11,
	PC_K_EV = 1 << 12,
	PC_K_TBS = 1 << 13,			/* bare TBSCertificate: no signature */
	PC_K_CODE_SIGNING = 1 << 14, /* end entity for code signing */
};

typedef struct pc_cert
{
	pc_span		der;			/* the whole input value */
	pc_span		tbs;			/* TBSCertificate TLV */
	bool		is_tbs;			/* input was a bare TBSCertificate */
	uint32_t	der_flags;		/* PC_DF_*, anywhere in the outer structure */
	uint32_t	kind;			/* PC_K_* */

	int			version;		/* 0 = v1, 1 = v2, 2 = v3 */
	bool		version_encoded;	/* [0] present */
	pc_span		serial;			/* INTEGER content octets */
	pc_span		tbs_sig_alg;	/* AlgorithmIdentifier TLV in TBS */
	pc_span		tbs_sig_oid;
	pc_span		sig_alg;		/* outer signatureAlgorithm TLV (empty for TBS) */
	pc_span		sig_oid;
	pc_span		sig_value;		/* BIT STRING content without unused-bits octet */

	pc_name		issuer;
	pc_name		subject;
	pc_time		not_before;
	pc_time		not_after;
	pc_spki		spki;
	bool		issuer_uid;
	bool		subject_uid;

	bool		has_extensions; /* [3] present */
	uint16_t	next;
	pc_ext		ext[PC_MAX_EXTS];
	uint8_t		xi[PC_X_COUNT]; /* 1 + index of first extension of each kind */
	uint32_t	xmask;			/* 1 << PC_X_* for each kind present */
	bool		ext_duplicate;	/* some extension OID occurs twice */

	/* decoded extensions (valid when the extension is present and not bad) */
	bool		bc_ca;
	int			bc_pathlen;		/* -1 when absent */
	uint16_t	ku;				/* PC_KU_* */
	uint32_t	eku_mask;		/* PC_EKU_* */
	uint16_t	neku;
	pc_span		eku[PC_MAX_EKUS];
	uint16_t	npolicy;
	uint32_t	policy_mask;	/* PC_POL_* */
	pc_policy	policy[PC_MAX_POLICIES];
	pc_span		san;			/* GeneralNames content */
	uint32_t	san_types;		/* 1 << PC_GN_* for each type present */
	uint32_t	nsan;
	pc_span		ian;
	pc_span		aki_keyid;
	bool		aki_has_keyid;
	bool		aki_has_issuer;
	bool		aki_has_serial;
	pc_span		ski;
	pc_span		aia;			/* AuthorityInfoAccessSyntax content */
	pc_span		crldp;			/* CRLDistributionPoints content */
} pc_cert;

static inline const pc_ext *
pc_ext_get(const pc_cert *c, pc_xid x)
{
	return c->xi[x] ? &c->ext[c->xi[x] - 1] : NULL;
}

/* Present and decoded without error? */
static inline bool
pc_ext_ok(const pc_cert *c, pc_xid x)
{
	const pc_ext *e = pc_ext_get(c, x);

	return e != NULL && !e->bad;
}

/*
 * Decode a Certificate or a bare TBSCertificate.  Returns false with err
 * filled when the input cannot be a certificate; the caller reports that as
 * a fatal finding.  Never reads outside [buf, buf+len).
 */
bool		pc_decode(const uint8_t *buf, size_t len, pc_cert *c, pc_error *err);

/* Name helpers. */
int			pc_name_count(const pc_name *n, const char *oid, size_t oidlen);
const pc_attr *pc_name_find(const pc_name *n, const char *oid, size_t oidlen);

#define PC_NAME_COUNT(n, lit) pc_name_count((n), (lit), sizeof(lit) - 1)
#define PC_NAME_FIND(n, lit) pc_name_find((n), (lit), sizeof(lit) - 1)
#define PC_NAME_HAS(n, lit) (PC_NAME_COUNT(n, lit) > 0)

/*
 * Verify the certificate's signature with the issuer's public key (OpenSSL).
 * Returns 1 when it verifies, 0 when it does not, -1 when the algorithm or
 * key is not supported; 'why' says what happened.
 */
int			pc_verify_signature(const pc_cert *c, const pc_cert *issuer, char *why, size_t whysize);

/*
 * Compare a precertificate with its final certificate (RFC 6962 3.2, BR
 * 7.1.2.9): everything but the poison and SCT list extensions must be
 * identical.  Calls 'report' once per difference; returns how many.
 */
typedef void (*pc_diff_fn) (void *arg, const char *field, const char *detail);
int			pc_precert_diff(const pc_cert *pre, const pc_cert *cert, pc_diff_fn report, void *arg);

/*
 * PEM.  pc_pem_next finds the next CERTIFICATE block in *text, sets base64
 * to its body and advances *text past it; false when there is none.
 * pc_base64_decode writes at most in.n * 3 / 4 bytes (whitespace and '='
 * skipped) and returns their number, or -1 - i for an invalid character at
 * offset i.
 */
bool		pc_pem_next(pc_span *text, pc_span *base64);
long		pc_base64_decode(pc_span in, uint8_t *out);

/* Text forms: RFC 4514 names, "DNS:x"-style GeneralNames, hex. */
void		pc_name_text(const pc_name *n, char *buf, size_t size);
void		pc_gn_text(const pc_gn *gn, char *buf, size_t size);
void		pc_hex(pc_span s, char *buf, size_t size);
void		pc_serial_hex(pc_span serial, char *buf, size_t size);

/* The value of a hexadecimal digit, either case, or -1. */
static inline int
pc_hex_digit(uint8_t ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* An iPAddress (4 or 16 octets) as text, IPv6 per RFC 5952; false otherwise. */
bool		pc_ip_text(pc_span ip, char *buf, size_t size);

/* Validity in seconds as the BR count it: notAfter - notBefore + 1. */
static inline int64_t
pc_validity_seconds(const pc_cert *c)
{
	return c->not_after.t - c->not_before.t + 1;
}

/* Whole days, rounding any part of a day up (BR 6.3.2). */
static inline int64_t
pc_validity_days(const pc_cert *c)
{
	int64_t		s = pc_validity_seconds(c);

	return s <= 0 ? 0 : (s + PC_DAY - 1) / PC_DAY;
}

/* Describe the certificate's kind bits as text ("tls subscriber, precert"). */
void		pc_kind_text(uint32_t kind, char *buf, size_t size);

/* ---------------------------------------------------------------- rules */

typedef enum pc_severity
{
	PC_INFO = 0,
	PC_NOTICE,
	PC_WARN,
	PC_ERROR,
	PC_FATAL,
} pc_severity;

const char *pc_severity_name(pc_severity s);
bool		pc_severity_parse(const char *s, pc_severity *out);

struct pc_report;

typedef void (*pc_check_fn) (const pc_cert *c, struct pc_report *r);

enum
{
	PC_RF_NEEDS_SIGNATURE = 1 << 0, /* skipped for a bare TBSCertificate */
	PC_RF_NEEDS_ISSUER = 1 << 1,	/* runs only when the issuing certificate is given */
	/*
	 * The check itself narrows a scope of "any" to TLS leaves in substance
	 * (TLS subscribers, and cA certificates whose keyUsage lacks keyCertSign
	 * and whose EKU allows serverAuth, which ZLint also judges as leaves),
	 * or to those and CAs; kind bits cannot say it, so the scope text adds
	 * it in parentheses after the kinds.
	 */
	PC_RF_TLS_LEAF = 1 << 2,
	PC_RF_BR_CERT = 1 << 3,
};

/*
 * Features a rule may need (pc_rule.needs), one bit each: an extension of
 * a kind, a subjectAltName entry of a type, a subject key of a type, an EV
 * policy.  A rule whose check can find nothing on a certificate that lacks
 * one of the features it names lists them, and the engine does not call it
 * on such certificates: on a typical TLS subscriber over a third of the
 * error rules in force ask about an extension, a name type, an attribute
 * or a key type the certificate does not have.  The check still tests for itself (so it is
 * right when called directly); the unit tests hold every rule to its needs
 * on every fixture and corpus certificate.  See pc_cert_features.
 */
#define PC_NEEDS_EXT(x)		((uint64_t) 1 << (x))	/* PC_X_*: bits 0-22 */
#define PC_NEEDS_SAN(t)		((uint64_t) 1 << (23 + (t)))	/* PC_GN_*: bits 23-31 */
#define PC_NEEDS_SUBJ(k)	((uint64_t) 1 << (32 + (k)))	/* PC_AK_* in the subject: bits 32-56 */
#define PC_NEEDS_SUBJ_ANY	(((uint64_t) 1 << 57) - ((uint64_t) 1 << 32))
#define PC_NEEDS_RSA		((uint64_t) 1 << 57)	/* key PC_KEY_RSA */
#define PC_NEEDS_RSA_PSS	((uint64_t) 1 << 58)	/* key PC_KEY_RSA_PSS */
#define PC_NEEDS_RSA_ANY	((uint64_t) 1 << 59)	/* key PC_KEY_RSA or PC_KEY_RSA_PSS */
#define PC_NEEDS_EC			((uint64_t) 1 << 60)	/* key PC_KEY_EC */
#define PC_NEEDS_DSA		((uint64_t) 1 << 61)	/* key PC_KEY_DSA */
#define PC_NEEDS_EV			((uint64_t) 1 << 62)	/* pc_cert_is_ev */
#define PC_NEEDS_OCSP_EKU	((uint64_t) 1 << 63)	/* id-kp-OCSPSigning in eku_mask */

typedef struct pc_rule
{
	const char *name;
	pc_severity severity;
	const char *source;			/* document: "RFC5280", "CABF_BR", "Apple", ... */
	const char *citation;		/* section of that document */
	int64_t		from;			/* effective from (inclusive); 0 = always */
	int64_t		until;			/* ineffective from (exclusive); 0 = never */
	uint32_t	scope;			/* every PC_K_* bit here must be set on the cert */
	uint32_t	exclude;		/* no PC_K_* bit here may be set on the cert */
	uint32_t	flags;			/* PC_RF_* */
	uint64_t	needs;			/* PC_NEEDS_*: features without which check finds nothing */
	const char *description;
	pc_check_fn check;
} pc_rule;

/* Human-readable scope of a rule ("tls subscriber", "ca", "any"). */
void		pc_scope_text(const pc_rule *r, char *buf, size_t size);

/* The registry: every built-in rule, in a stable order. */
size_t		pc_rule_count(void);
const pc_rule *pc_rule_at(size_t i);
const pc_rule *pc_rule_find(const char *name);

/* "<count>-<hash>": changes whenever any rule's name, severity, window or scope does. */
void		pc_ruleset_version(char *buf, size_t size);

/* The rules used for input that cannot be decoded. */
extern const pc_rule pc_rule_unparseable;
extern const pc_rule pc_rule_issuer_unparseable;

#define PC_DETAIL_MAX 240

typedef struct pc_finding
{
	const pc_rule *rule;
	pc_severity severity;
	char		detail[PC_DETAIL_MAX];
} pc_finding;

/* Options for one lint run. */
typedef struct pc_options
{
	int64_t		at;				/* judge windows at this instant ... */
	bool		at_set;			/* ... when set; otherwise at notBefore */
	const pc_cert *issuer;		/* issuing CA certificate, when known */

	/*
	 * Rules of a lower severity are not run (0, PC_INFO, runs all).  A
	 * caller that only asks whether a finding reaches a threshold, as
	 * passes() and the trigger do, spares the rest; the findings at or
	 * above it are the same.
	 */
	pc_severity min_severity;

	/*
	 * Called before each rule when set.  The PostgreSQL layer passes a
	 * function that runs CHECK_FOR_INTERRUPTS(), so a query cancel or
	 * statement_timeout takes effect within one rule, even on a hostile
	 * certificate that makes every rule work hard.  It may not return.
	 * When interrupt_pending is set too, the engine reads that flag before
	 * each rule instead and calls interrupt only while it is non-zero (the
	 * extension points it at PostgreSQL's InterruptPending, which is what
	 * CHECK_FOR_INTERRUPTS() tests first), sparing a call per rule.
	 */
	void		(*interrupt) (void);
	const volatile sig_atomic_t *interrupt_pending;

	/*
	 * Known weak keys (BR 6.1.1.3(5)), for e_debian_weak_key.  The lists are
	 * data the CA supplies, so the caller passes a lookup: it is called with
	 * an RSA key's modulus size in bits and the openssl-blacklist
	 * fingerprint of its modulus (the last 10 octets of SHA-1 over
	 * "Modulus=<HEX>\n", see weakkeys.h, whose pc_wk_lookup fits here with
	 * a pc_weak_keys set as weak_key_arg) and returns true when the key is
	 * listed.  When NULL the rule does nothing, not even the hashing.
	 */
	bool		(*weak_key) (void *arg, unsigned bits, const uint8_t fp[10]);
	void	   *weak_key_arg;
} pc_options;

/*
 * Memo of one public-suffix lookup (rules/community.c).  About ten rules
 * need each DNS name's public suffix; the report keeps the answers for the
 * certificate being checked, so each name is looked up once.
 */
#define PC_PSL_MEMO 32

/* Number of primes below 752 (BR 6.1.6), whose residues the report keeps. */
#define PC_SMALL_PRIMES 133

typedef struct pc_psl_memo
{
	const uint8_t *p;			/* the name looked up (address and length) */
	size_t		n;
	size_t		off;			/* pc_public_suffix_at's answer */
	bool		listed;
} pc_psl_memo;

/*
 * Kinds of attribute in a Name that rules name (rules/attrs.c), so that a
 * rule tests a bit instead of comparing OIDs.  Anything else is
 * PC_AK_OTHER.
 */
typedef enum pc_attr_kind
{
	PC_AK_OTHER,
	PC_AK_CN,
	PC_AK_SURNAME,
	PC_AK_SERIAL,
	PC_AK_C,
	PC_AK_L,
	PC_AK_ST,
	PC_AK_STREET,
	PC_AK_O,
	PC_AK_OU,
	PC_AK_TITLE,
	PC_AK_BUSINESS_CATEGORY,
	PC_AK_POSTAL_CODE,
	PC_AK_GIVEN_NAME,
	PC_AK_INITIALS,
	PC_AK_GENERATION,
	PC_AK_DN_QUALIFIER,
	PC_AK_PSEUDONYM,
	PC_AK_ORG_ID,
	PC_AK_DC,
	PC_AK_UID,
	PC_AK_EMAIL,
	PC_AK_JUR_L,
	PC_AK_JUR_ST,
	PC_AK_JUR_C,
	PC_AK_COUNT
} pc_attr_kind;

#define PC_AK_BIT(k) ((uint32_t) 1 << (k))

/* What the octets of one attribute value hold, as bits (rules/attrs.c). */
enum
{
	PC_AV_NOT_ASCII = 1 << 0,	/* pc_str_ascii() is false: UCS-2/4, or an octet outside 0x20-0x7E */
	PC_AV_AMP = 1 << 1,			/* an '&' */
	PC_AV_STL_PUNCT = 1 << 2,	/* one of = : { } ; " | \ [ ] */
	PC_AV_INFORMATIVE = 1 << 3, /* an ASCII letter or digit, or an octet above 127 */
	PC_AV_NOT_PRINTABLE = 1 << 4,	/* an octet outside the PrintableString alphabet */
};

/*
 * Summary of the subject of the certificate being checked, made on first
 * use (rules/attrs.c pc_subject_info) and kept in the report: some twenty
 * rules ask which attributes occur, how long they are or what characters
 * they hold, and each would otherwise walk the attributes comparing OIDs.
 */
typedef struct pc_subject_memo
{
	const pc_cert *cert;		/* whose subject this is; NULL: not made yet */
	uint32_t	has;			/* PC_AK_BIT(k): an attribute of kind k */
	uint32_t	has_value;		/* ... one of them with a non-empty value */
	uint32_t	multi;			/* ... more than one of them */
	uint8_t		av_any;			/* union of av[] */
	size_t		maxlen[PC_AK_COUNT];	/* octets of the longest value, where 'has' */
	uint8_t		kind[PC_MAX_ATTRS]; /* pc_attr_kind of each attribute */
	uint8_t		av[PC_MAX_ATTRS];	/* PC_AV_* of each attribute's value octets */
} pc_subject_memo;

/*
 * The certificate's authorityInfoAccess and the URIs of its
 * cRLDistributionPoints as the BR rules read them, and how many URIs of
 * each kind they hold (rules/cabf_br_profile.c).
 * Made in one walk of each on first use: a dozen rules walk the AIA, and
 * half a dozen ask only whether there is a URI of some kind.
 */
#define PC_AIA_MEMO 8
#define PC_CDP_MEMO 8

typedef struct pc_access_desc
{
	pc_span		method;			/* accessMethod OID content */
	pc_gn		loc;			/* accessLocation */
} pc_access_desc;

typedef struct pc_access_memo
{
	const pc_cert *cert;		/* whose extensions these are; NULL: not made yet */
	bool		aia_all;		/* aia[] holds every AccessDescription read */
	uint8_t		naia;
	pc_access_desc aia[PC_AIA_MEMO];
	bool		cdp_all;		/* cdp[] holds every fullName URI */
	uint8_t		ncdp;
	pc_span		cdp[PC_CDP_MEMO];
	int			ocsp_uri;		/* id-ad-ocsp uniformResourceIdentifiers */
	int			ocsp_http;		/* ... of them starting "http://" in any case */
	int			ca_uri;			/* id-ad-caIssuers uniformResourceIdentifiers */
	int			ca_http;
	int			cdp_uri;		/* fullName uniformResourceIdentifiers */
	int			cdp_http;
} pc_access_memo;

/* DNS names a certificate claims, kept per certificate (dnsnames.c). */
#define PC_DNS_MEMO 32

typedef struct pc_report
{
	pc_finding *items;			/* caller-provided storage */
	size_t		n;
	size_t		cap;
	const pc_rule *cur;			/* rule being checked */
	const pc_options *opt;
	bool		overflow;
	/* per-certificate memo, emptied by pc_report_init and pc_lint */
	uint32_t	psl_used;		/* bit i: psl[i] holds an answer */
	pc_psl_memo psl[PC_PSL_MEMO];
	/* whether the certificate is EV (cabf_ev.c): -1 not yet known */
	int8_t		is_ev;
	/* the RSA modulus modulo each prime below 752 (cabf_br_profile.c) */
	bool		rsa_res_done;
	bool		rsa_res_ok;
	uint16_t	rsa_res[PC_SMALL_PRIMES];
	/* DNS names: dns_cn from the commonNames, then the SAN's; -1 not yet */
	int8_t		dns_n;			/* PC_DNS_MEMO + 1: too many to keep */
	uint8_t		dns_cn;
	const struct pc_cert *dns_cert; /* whose names these are */
	uint16_t	dns_fcn;		/* PC_DNSF_* of every commonName name, OR-ed */
	uint16_t	dns_fsan;		/* ... and of every SAN dNSName (all, not only kept) */
	bool		dns_san_empty;	/* some SAN GeneralName, of any type, is empty */
	pc_span		dns[PC_DNS_MEMO];
	/* the subject's attributes in brief (rules/attrs.c) */
	pc_subject_memo subj;
	/* whether some policy has a userNotice qualifier (rfc5280.c): -1 not yet known */
	int8_t		unotice;
	/* the AIA, and URI counts of AIA and CRLDP (rules/cabf_br_profile.c) */
	pc_access_memo access;
} pc_report;

/* Report a violation of the rule being checked, with printf-style detail. */
void		pc_fail(pc_report *r, const char *fmt,...) pg_attribute_printf(2, 3) pc_attribute_cold;

/* Storage needed for any report: one finding per rule plus the fatal one. */
size_t		pc_report_capacity(void);

void		pc_report_init(pc_report *r, pc_finding *items, size_t cap);

/* Does the rule apply to this certificate, and is it in force at 'at'? */
bool		pc_rule_applies(const pc_rule *rule, const pc_cert *c);
bool		pc_rule_in_force(const pc_rule *rule, int64_t at);

/*
 * The PC_NEEDS_* features the certificate has, of those asked for in
 * 'wanted' (the EV test, which reads the policies, runs only when asked).
 */
uint64_t	pc_cert_features(const pc_cert *c, pc_report *r, uint64_t wanted);

/*
 * Is the certificate EV: 2.23.140.1.1, or a CA-specific EV policy OID that
 * EVG 1.x allowed (src/rules/cabf_ev.c, remembered in the report)?
 */
bool		pc_cert_is_ev(const pc_cert *c, pc_report *r);

/* The subject's attributes in brief (src/rules/attrs.c; rules.h reads it). */
const pc_subject_memo *pc_subject_info_make(const pc_cert *c, pc_report *r);

/* Run every applicable rule in force; findings are appended to r. */
void		pc_lint(const pc_cert *c, const pc_options *opt, pc_report *r);

/*
 * Decode and lint in one step.  Input that cannot be decoded yields one
 * fatal finding naming the problem and its byte offset.  'c' is scratch
 * space supplied by the caller (it is large; reuse it across calls).
 */
void		pc_lint_der(const uint8_t *buf, size_t len, const pc_options *opt,
						pc_cert *c, pc_report *r);

/*
 * Decode the issuer certificate for chain rules.  When it is not a
 * certificate, adds an f_issuer_unparseable finding to r and returns false;
 * the caller then lints without an issuer.
 */
bool		pc_decode_issuer(const uint8_t *buf, size_t len, pc_cert *issuer, pc_report *r);

#endif							/* PC_H */
