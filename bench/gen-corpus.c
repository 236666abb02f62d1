/*
 * gen-corpus.c
 *		Generate a reproducible corpus of realistic X.509 certificates for
 *		profcheck's benchmarks.
 *
 *	gen-corpus [-n N] [-s SEED] [-j THREADS] [-o corpus.bin] [-c corpus.copy] [-f] [-V]
 *	gen-corpus --pgcopy corpus.bin [-n N]	   write PostgreSQL binary COPY to stdout
 *	gen-corpus --count corpus.bin			   print the number of certificates
 *
 * Every certificate is a pure function of (seed, index) and of a pool of
 * subject keys that is itself derived from the seed (cached under
 * bench/data/keys because RSA-4096 primes take a while), so the first K
 * certificates of an N-certificate corpus are those of a K-certificate one
 * and two runs with the same seed write the same bytes.
 *
 * Signatures: issuers with P-256 keys sign for real (ECDSA with a nonce
 * derived from the key and the digest, computed with libcrypto's EC_POINT
 * arithmetic), so those certificates verify (-V checks each with OpenSSL).
 * RSA issuers would cost a private-key operation per certificate, and P-384
 * ones 0.9 ms (libcrypto 3.0 has no fast P-384); their signatures are
 * pseudo-random octets of the right size and shape (--real-p384 signs the
 * P-384 ones for real).  Either way the output is a well-formed DER
 * Certificate with a signature of realistic size.
 *
 * Output, corpus.bin: "PCCORP1\n", u64 count, u64 seed, u32 generator
 * version (little-endian), then per certificate a u32 big-endian length and
 * the DER.  corpus.copy (optional): one "\\x<hex>" bytea per line, ready for
 * COPY ... FROM in text format.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include "../src/core/pc.h"

#define GEN_VERSION 1
#define CORPUS_MAGIC "PCCORP1\n"
#define KEYS_MAGIC "PCKEYS1\n"
#define DEFAULT_SEED UINT64_C(20240601)
#define BATCH 8192
#define MAX_THREADS 64
#define CERT_MAX 16384

static void
die(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	fprintf(stderr, "gen-corpus: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* ---------------------------------------------------------------- random */

typedef struct rng
{
	uint64_t	s[4];
} rng;

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t	z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Independent streams: (seed, domain, index) -> generator state. */
static void
rng_init(rng *r, uint64_t seed, uint64_t domain, uint64_t index)
{
	uint64_t	x = seed;

	x = splitmix(&x) ^ (domain * UINT64_C(0xd1342543de82ef95));
	x = splitmix(&x) ^ index;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rnd(rng *r)
{
	uint64_t   *s = r->s;
	uint64_t	res = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

static uint32_t
below(rng *r, uint32_t n)
{
	return (uint32_t) (((rnd(r) >> 32) * n) >> 32);
}

static bool
permille(rng *r, unsigned p)
{
	return below(r, 1000) < p;
}

static void
rnd_bytes(rng *r, uint8_t *out, size_t n)
{
	while (n > 0)
	{
		uint64_t	v = rnd(r);
		size_t		k = n < 8 ? n : 8;

		memcpy(out, &v, k);
		out += k;
		n -= k;
	}
}

/* Index drawn with the given weights. */
static int
pick(rng *r, const unsigned *w, int n)
{
	unsigned	total = 0,
				x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = below(r, total);
	for (int i = 0; i < n; i++)
	{
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, w) pick((r), (w), (int) (sizeof(w) / sizeof((w)[0])))
#define COUNT(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* ---------------------------------------------------------------- DER writer */

typedef struct buf
{
	uint8_t    *p;
	size_t		n;
	size_t		cap;
} buf;

static void
put(buf *b, const void *data, size_t n)
{
	if (b->n + n > b->cap)
		die("certificate buffer overflow");
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void
put1(buf *b, uint8_t v)
{
	put(b, &v, 1);
}

/* Open a constructed value: reserve room for the longest header we write. */
static size_t
open_tlv(buf *b)
{
	if (b->n + 4 > b->cap)
		die("certificate buffer overflow");
	b->n += 4;
	return b->n;
}

/* Close it: write the minimal header and slide the content up to it. */
static void
close_tlv(buf *b, size_t start, uint8_t tag)
{
	size_t		len = b->n - start;
	uint8_t		hdr[4];
	size_t		hl = 0;

	hdr[hl++] = tag;
	if (len < 0x80)
		hdr[hl++] = (uint8_t) len;
	else if (len < 0x100)
	{
		hdr[hl++] = 0x81;
		hdr[hl++] = (uint8_t) len;
	}
	else if (len < 0x10000)
	{
		hdr[hl++] = 0x82;
		hdr[hl++] = (uint8_t) (len >> 8);
		hdr[hl++] = (uint8_t) len;
	}
	else
		die("value too long");
	memmove(b->p + start - 4 + hl, b->p + start, len);
	memcpy(b->p + start - 4, hdr, hl);
	b->n = start - 4 + hl + len;
}

static void
tlv(buf *b, uint8_t tag, const void *data, size_t n)
{
	size_t		s = open_tlv(b);

	put(b, data, n);
	close_tlv(b, s, tag);
}

static void
tlv_str(buf *b, uint8_t tag, const char *s)
{
	tlv(b, tag, s, strlen(s));
}

/* A non-negative INTEGER from big-endian magnitude octets. */
static void
put_uint(buf *b, const uint8_t *mag, size_t n)
{
	size_t		s;

	while (n > 1 && mag[0] == 0)
		mag++, n--;
	s = open_tlv(b);
	if (mag[0] & 0x80)
		put1(b, 0);
	put(b, mag, n);
	close_tlv(b, s, 0x02);
}

/* ---------------------------------------------------------------- OIDs */

enum
{
	O_SHA256_RSA, O_SHA384_RSA, O_SHA1_RSA, O_ECDSA_SHA256, O_ECDSA_SHA384, O_ECDSA_SHA1,
	O_RSA, O_EC, O_P256, O_P384,
	O_AT_C, O_AT_ST, O_AT_L, O_AT_O, O_AT_OU, O_AT_CN, O_AT_SERIAL, O_AT_GN, O_AT_SN,
	O_AT_BUSCAT, O_AT_JUR_C, O_AT_STREET, O_AT_POSTAL,
	O_X_SKI, O_X_KU, O_X_SAN, O_X_BC, O_X_CRLDP, O_X_CP, O_X_AKI, O_X_EKU, O_X_AIA,
	O_X_SCT, O_X_POISON,
	O_KP_SERVER, O_KP_CLIENT, O_KP_EMAIL,
	O_AD_OCSP, O_AD_CAISSUERS,
	O_POL_DV, O_POL_OV, O_POL_IV, O_POL_EV, O_POL_ANY, O_POL_SMIME, O_QT_CPS,
	O_COUNT
};

static const char *const oid_text[O_COUNT] = {
	"1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.5",
	"1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.1",
	"1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.2.840.10045.3.1.7", "1.3.132.0.34",
	"2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3", "2.5.4.5", "2.5.4.42",
	"2.5.4.4", "2.5.4.15", "1.3.6.1.4.1.311.60.2.1.3", "2.5.4.9", "2.5.4.17",
	"2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.31", "2.5.29.32", "2.5.29.35",
	"2.5.29.37", "1.3.6.1.5.5.7.1.1",
	"1.3.6.1.4.1.11129.2.4.2", "1.3.6.1.4.1.11129.2.4.3",
	"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4",
	"1.3.6.1.5.5.7.48.1", "1.3.6.1.5.5.7.48.2",
	"2.23.140.1.2.1", "2.23.140.1.2.2", "2.23.140.1.2.3", "2.23.140.1.1", "2.5.29.32.0",
	"2.23.140.1.5.1.3", "1.3.6.1.5.5.7.2.1",
};

typedef struct oid
{
	uint8_t		len;
	uint8_t		b[23];
} oid;

static oid oids[O_COUNT];

static oid
oid_encode(const char *text)
{
	oid			o = {0};
	uint64_t	arcs[24];
	int			n = 0;
	const char *s = text;

	while (*s && n < 24)
	{
		char	   *end;

		arcs[n++] = strtoull(s, &end, 10);
		s = *end == '.' ? end + 1 : end;
	}
	if (n < 2)
		die("bad OID %s", text);
	arcs[1] += arcs[0] * 40;
	for (int i = 1; i < n; i++)
	{
		uint8_t		tmp[10];
		int			k = 0;
		uint64_t	v = arcs[i];

		do
		{
			tmp[k++] = (uint8_t) (v & 0x7f);
			v >>= 7;
		} while (v);
		while (k > 0)
		{
			k--;
			if (o.len >= sizeof(o.b))
				die("OID too long: %s", text);
			o.b[o.len++] = (uint8_t) (tmp[k] | (k > 0 ? 0x80 : 0));
		}
	}
	return o;
}

static void
put_oid(buf *b, int id)
{
	tlv(b, 0x06, oids[id].b, oids[id].len);
}

static void
put_oidv(buf *b, const oid *o)
{
	tlv(b, 0x06, o->b, o->len);
}

/* ---------------------------------------------------------------- time */

/* Dates (PC_DATE) and day numbers come from the core (src/core/pc.h, time.c). */

/* UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
static void
put_time(buf *b, int64_t t)
{
	int64_t		days = t / 86400;
	int			secs = (int) (t % 86400);
	int			y;
	unsigned	m,
				d;
	char		s[32];

	pc_civil_from_days(days, &y, &m, &d);
	if (y >= 1950 && y < 2050)
	{
		snprintf(s, sizeof(s), "%02d%02u%02u%02d%02d%02dZ", y % 100, m, d,
				 secs / 3600, secs / 60 % 60, secs % 60);
		tlv_str(b, 0x17, s);
	}
	else
	{
		snprintf(s, sizeof(s), "%04d%02u%02u%02d%02d%02dZ", y, m, d,
				 secs / 3600, secs / 60 % 60, secs % 60);
		tlv_str(b, 0x18, s);
	}
}

/* ---------------------------------------------------------------- digests */

static const EVP_MD *md_sha1,
		   *md_sha256,
		   *md_sha384,
		   *md_sha512;

static void
digest(const EVP_MD *md, const void *data, size_t n, uint8_t *out)
{
	unsigned	len;

	if (!EVP_Digest(data, n, out, &len, md, NULL))
		die("EVP_Digest failed");
}

/* ---------------------------------------------------------------- key pool */

enum
{
	K_RSA1024, K_RSA2048, K_RSA3072, K_RSA4096, K_P256, K_P384, K_NTYPES
};

static const char *const key_names[K_NTYPES] = {
	"RSA-1024", "RSA-2048", "RSA-3072", "RSA-4096", "P-256", "P-384"
};
static const int key_bits[K_NTYPES] = {1024, 2048, 3072, 4096, 256, 384};
static const int pool_size[K_NTYPES] = {8, 64, 24, 24, 64, 24};

typedef struct key
{
	int			type;
	uint16_t	spki_len;
	uint8_t		spki[600];
	uint8_t		ski[20];		/* SHA-1 of the subjectPublicKey bits */
} key;

typedef struct pool
{
	int			n[K_NTYPES];
	key		   *k[K_NTYPES];
} pool;

static pool keys;

static void
put_spki_rsa(buf *b, const BIGNUM *n, uint8_t *ski)
{
	uint8_t		mag[600];
	size_t		s1,
				s2,
				s3,
				keystart;
	static const uint8_t e[3] = {0x01, 0x00, 0x01};
	int			len = BN_bn2bin(n, mag);

	s1 = open_tlv(b);
	s2 = open_tlv(b);
	put_oid(b, O_RSA);
	tlv(b, 0x05, NULL, 0);
	close_tlv(b, s2, 0x30);
	s2 = open_tlv(b);
	put1(b, 0);
	keystart = b->n;
	s3 = open_tlv(b);
	put_uint(b, mag, (size_t) len);
	put_uint(b, e, sizeof(e));
	close_tlv(b, s3, 0x30);
	digest(md_sha1, b->p + keystart, b->n - keystart, ski);
	close_tlv(b, s2, 0x03);
	close_tlv(b, s1, 0x30);
}

static void
put_spki_ec(buf *b, int curve_oid, const uint8_t *point, size_t n, uint8_t *ski)
{
	size_t		s1,
				s2;

	s1 = open_tlv(b);
	s2 = open_tlv(b);
	put_oid(b, O_EC);
	put_oid(b, curve_oid);
	close_tlv(b, s2, 0x30);
	s2 = open_tlv(b);
	put1(b, 0);
	put(b, point, n);
	digest(md_sha1, point, n, ski);
	close_tlv(b, s2, 0x03);
	close_tlv(b, s1, 0x30);
}

/* A prime of exactly 'bits' bits with the top two bits set, p-1 prime to 65537. */
static BIGNUM *
gen_prime(int bits, rng *r, BN_CTX *ctx)
{
	uint8_t		raw[512];
	int			n = bits / 8;
	BIGNUM	   *p = BN_new(),
			   *pm1 = BN_new();

	rnd_bytes(r, raw, (size_t) n);
	raw[0] |= 0xc0;
	raw[n - 1] |= 1;
	BN_bin2bn(raw, n, p);
	for (;;)
	{
		if (BN_mod_word(p, 65537) != 1 && BN_check_prime(p, ctx, NULL) == 1)
			break;
		BN_add_word(p, 2);
	}
	BN_free(pm1);
	return p;
}

/* Derive a scalar in [1, order) from a stream. */
static void
gen_scalar(BIGNUM *d, const BIGNUM *order, rng *r)
{
	uint8_t		raw[64];
	int			n = BN_num_bytes(order);
	BN_CTX	   *ctx = BN_CTX_new();

	do
	{
		rnd_bytes(r, raw, (size_t) n + 8);
		BN_bin2bn(raw, n + 8, d);
		BN_mod(d, d, order, ctx);
	} while (BN_is_zero(d));
	BN_CTX_free(ctx);
}

static void gen_key(key *k, int type, uint64_t seed, int idx);

static void
gen_key(key *k, int type, uint64_t seed, int idx)
{
	rng			r;
	BN_CTX	   *ctx = BN_CTX_new();
	buf			b = {k->spki, 0, sizeof(k->spki)};

	rng_init(&r, seed, 100 + (uint64_t) type, (uint64_t) idx);
	k->type = type;
	if (type <= K_RSA4096)
	{
		BIGNUM	   *p = gen_prime(key_bits[type] / 2, &r, ctx);
		BIGNUM	   *q = gen_prime(key_bits[type] / 2, &r, ctx);
		BIGNUM	   *n = BN_new();

		BN_mul(n, p, q, ctx);
		put_spki_rsa(&b, n, k->ski);
		BN_free(p);
		BN_free(q);
		BN_free(n);
	}
	else
	{
		EC_GROUP   *g = EC_GROUP_new_by_curve_name(type == K_P256 ? NID_X9_62_prime256v1 : NID_secp384r1);
		EC_POINT   *pt = EC_POINT_new(g);
		BIGNUM	   *d = BN_new();
		uint8_t		oct[200];
		size_t		n;

		gen_scalar(d, EC_GROUP_get0_order(g), &r);
		if (!EC_POINT_mul(g, pt, d, NULL, NULL, ctx))
			die("EC_POINT_mul failed");
		n = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, oct, sizeof(oct), ctx);
		put_spki_ec(&b, type == K_P256 ? O_P256 : O_P384, oct, n, k->ski);
		BN_free(d);
		EC_POINT_free(pt);
		EC_GROUP_free(g);
	}
	k->spki_len = (uint16_t) b.n;
	BN_CTX_free(ctx);
}

typedef struct keyjob
{
	key		   *all;
	int		   *order;			/* indexes into all, most expensive first */
	int			n;
	int			next;
	uint64_t	seed;
	pthread_mutex_t mu;
} keyjob;

static void *
key_worker(void *arg)
{
	keyjob	   *j = arg;

	for (;;)
	{
		int			i;

		pthread_mutex_lock(&j->mu);
		i = j->next++;
		pthread_mutex_unlock(&j->mu);
		if (i >= j->n)
			return NULL;
		i = j->order[i];
		/* all[i] carries its type, and its index within the type in spki_len */
		gen_key(&j->all[i], j->all[i].type, j->seed, (int) j->all[i].spki_len);
	}
}

static void
pool_load_or_make(const char *dir, uint64_t seed, int threads)
{
	char		path[4096];
	int			total = 0,
				at = 0;
	key		   *all;
	FILE	   *f;

	for (int t = 0; t < K_NTYPES; t++)
		total += pool_size[t];
	all = calloc((size_t) total, sizeof(key));
	snprintf(path, sizeof(path), "%s/pool-%016" PRIx64 "-v%d.bin", dir, seed, GEN_VERSION);

	f = fopen(path, "rb");
	if (f)
	{
		char		magic[8];
		uint32_t	n;

		if (fread(magic, 1, 8, f) != 8 || memcmp(magic, KEYS_MAGIC, 8) != 0 ||
			fread(&n, 4, 1, f) != 1 || n != (uint32_t) total ||
			fread(all, sizeof(key), (size_t) total, f) != (size_t) total)
		{
			fclose(f);
			f = NULL;
			fprintf(stderr, "gen-corpus: ignoring unreadable key pool %s\n", path);
		}
		else
			fclose(f);
	}
	if (!f)
	{
		keyjob		j = {.all = all, .n = total, .seed = seed};
		pthread_t	th[MAX_THREADS];
		struct timespec t0,
					t1;
		char		tmp[4200];

		clock_gettime(CLOCK_MONOTONIC, &t0);
		fprintf(stderr, "gen-corpus: generating %d subject keys into %s ...\n", total, path);
		for (int t = 0; t < K_NTYPES; t++)
			for (int i = 0; i < pool_size[t]; i++)
			{
				all[at].type = t;
				all[at].spki_len = (uint16_t) i;
				at++;
			}
		pthread_mutex_init(&j.mu, NULL);
		/* RSA keys first, largest first, so that the threads finish together */
		j.order = malloc(sizeof(int) * (size_t) total);
		at = 0;
		for (int t = K_RSA4096; t >= K_RSA1024; t--)
			for (int i = 0; i < total; i++)
				if (all[i].type == t)
					j.order[at++] = i;
		for (int i = 0; i < total; i++)
			if (all[i].type > K_RSA4096)
				j.order[at++] = i;
		for (int t = 0; t < threads; t++)
			pthread_create(&th[t], NULL, key_worker, &j);
		for (int t = 0; t < threads; t++)
			pthread_join(th[t], NULL);
		free(j.order);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "gen-corpus: keys done in %.1f s\n",
				(double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9);
		mkdir(dir, 0755);
		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		f = fopen(tmp, "wb");
		if (f)
		{
			uint32_t	n = (uint32_t) total;

			fwrite(KEYS_MAGIC, 1, 8, f);
			fwrite(&n, 4, 1, f);
			fwrite(all, sizeof(key), (size_t) total, f);
			if (fclose(f) == 0)
				rename(tmp, path);
		}
	}
	at = 0;
	for (int t = 0; t < K_NTYPES; t++)
	{
		keys.n[t] = pool_size[t];
		keys.k[t] = all + at;
		at += pool_size[t];
	}
}

/* ---------------------------------------------------------------- issuers */

enum
{
	VT_DV, VT_OV, VT_IV, VT_EV, VT_NTYPES
};
static const char *const vt_names[VT_NTYPES] = {"DV", "OV", "IV", "EV"};

typedef struct issuer
{
	const char *c;
	const char *o;
	const char *cn;
	const char *domain;
	int			keytype;
	unsigned	vt_mask;		/* 1 << VT_* it issues; 0 = S/MIME or CA issuer */
	unsigned	weight;
	bool		crldp;
	bool		ca_policy;		/* adds its own policy OID with a CPS pointer */
	const char *policy;			/* its own policy OID */
	/* filled at start-up */
	uint8_t		name[256];
	size_t		name_len;
	uint8_t		keyid[20];
	uint8_t		d[48];			/* ECDSA private scalar (EC issuers) */
	int			dlen;
} issuer;

#define VM(x) (1u << VT_##x)

static issuer issuers[] = {
	{"US", "Northwind Encrypt", "NW1", "northwind-encrypt.com", K_RSA2048, VM(DV), 34, false, false, "1.3.6.1.4.1.55501.1.1"},
	{"US", "Northwind Encrypt", "NE1", "northwind-encrypt.com", K_P256, VM(DV), 20, false, false, "1.3.6.1.4.1.55501.1.1"},
	{"US", "Contoso Trust Services", "Contoso TLS RSA CA 2020", "pki.contoso-trust.com", K_RSA2048, VM(DV) | VM(OV), 12, true, true, "1.3.6.1.4.1.55502.1.2"},
	{"US", "Contoso Trust Services", "Contoso TLS ECC CA 2020", "pki.contoso-trust.com", K_P256, VM(DV) | VM(OV), 8, true, true, "1.3.6.1.4.1.55502.1.2"},
	{"GB", "Fabrikam Limited", "Fabrikam RSA Organization Validation Secure Server CA", "ca.fabrikam-pki.net", K_RSA4096, VM(OV) | VM(IV), 7, true, true, "1.3.6.1.4.1.55503.1.2.2"},
	{"GB", "Fabrikam Limited", "Fabrikam RSA Extended Validation Secure Server CA G2", "ca.fabrikam-pki.net", K_RSA2048, VM(EV), 5, true, true, "1.3.6.1.4.1.55503.1.2.1"},
	{"BE", "Tailspin nv-sa", "Tailspin RSA OV TLS Issuing CA 2024", "secure.tailspin-trust.com", K_RSA2048, VM(DV) | VM(OV) | VM(IV), 8, true, true, "1.3.6.1.4.1.55504.1.10"},
	{"BE", "Tailspin nv-sa", "Tailspin ECC TLS Issuing CA 2024", "secure.tailspin-trust.com", K_P384, VM(DV) | VM(OV) | VM(EV), 6, true, true, "1.3.6.1.4.1.55504.1.10"},
	/* S/MIME */
	{"DE", "Adatum AG", "Adatum S/MIME Mailbox CA 2023", "pki.adatum-ca.de", K_RSA2048, 0, 1, true, false, "1.3.6.1.4.1.55505.2.1"},
	/* roots that issue the CA certificates */
	{"US", "Northwind Encrypt", "Northwind Root X1", "northwind-encrypt.com", K_RSA4096, 0, 1, true, false, "1.3.6.1.4.1.55501.1.1"},
	{"US", "Contoso Trust Services", "Contoso Root ECC G2", "pki.contoso-trust.com", K_P384, 0, 1, true, false, "1.3.6.1.4.1.55502.1.2"},
};

#define N_TLS_ISSUERS 8
#define SMIME_ISSUER 8
#define ROOT_ISSUER0 9
#define N_ISSUERS COUNT(issuers)

static void put_attr(buf *b, int oid_id, uint8_t tag, const char *value);

static void
put_attr(buf *b, int oid_id, uint8_t tag, const char *value)
{
	size_t		s1 = open_tlv(b),
				s2 = open_tlv(b);

	put_oid(b, oid_id);
	tlv_str(b, tag, value);
	close_tlv(b, s2, 0x30);
	close_tlv(b, s1, 0x31);
}

static void
issuers_init(uint64_t seed)
{
	for (int i = 0; i < N_ISSUERS; i++)
	{
		issuer	   *is = &issuers[i];
		buf			b = {is->name, 0, sizeof(is->name)};
		size_t		s = open_tlv(&b);
		rng			r;

		put_attr(&b, O_AT_C, 0x13, is->c);
		put_attr(&b, O_AT_O, 0x13, is->o);
		put_attr(&b, O_AT_CN, 0x13, is->cn);
		close_tlv(&b, s, 0x30);
		is->name_len = b.n;

		rng_init(&r, seed, 200, (uint64_t) i);
		if (is->keytype == K_P256 || is->keytype == K_P384)
		{
			EC_GROUP   *g = EC_GROUP_new_by_curve_name(is->keytype == K_P256 ? NID_X9_62_prime256v1 : NID_secp384r1);
			EC_POINT   *pt = EC_POINT_new(g);
			BIGNUM	   *d = BN_new();
			BN_CTX	   *ctx = BN_CTX_new();
			uint8_t		oct[200];
			size_t		n;

			gen_scalar(d, EC_GROUP_get0_order(g), &r);
			is->dlen = BN_num_bytes(EC_GROUP_get0_order(g));
			BN_bn2binpad(d, is->d, is->dlen);
			EC_POINT_mul(g, pt, d, NULL, NULL, ctx);
			n = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, oct, sizeof(oct), ctx);
			digest(md_sha1, oct, n, is->keyid);
			BN_free(d);
			BN_CTX_free(ctx);
			EC_POINT_free(pt);
			EC_GROUP_free(g);
		}
		else
			rnd_bytes(&r, is->keyid, sizeof(is->keyid));
	}
}

/* ---------------------------------------------------------------- ECDSA */

typedef struct ecdsa
{
	EC_GROUP   *grp;
	const BIGNUM *order;
	EC_POINT   *R;
	BIGNUM	   *k,
			   *kinv,
			   *r,
			   *s,
			   *e,
			   *x,
			   *d,
			   *t;
	BN_CTX	   *ctx;
	int			nbytes;
} ecdsa;

static void
ecdsa_init(ecdsa *es, int nid)
{
	es->grp = EC_GROUP_new_by_curve_name(nid);
	es->order = EC_GROUP_get0_order(es->grp);
	es->R = EC_POINT_new(es->grp);
	es->k = BN_new();
	es->kinv = BN_new();
	es->r = BN_new();
	es->s = BN_new();
	es->e = BN_new();
	es->x = BN_new();
	es->d = BN_new();
	es->t = BN_new();
	es->ctx = BN_CTX_new();
	es->nbytes = BN_num_bytes(es->order);
}

/*
 * ECDSA over a digest with a nonce derived from the private key and the
 * digest (in the spirit of RFC 6979), so that the corpus is reproducible.
 * Writes the DER Ecdsa-Sig-Value.
 */
static void
ecdsa_sign(ecdsa *es, const uint8_t *dkey, int dlen, const uint8_t *h, size_t hlen, buf *out)
{
	uint8_t		in[48 + 64 + 4],
				kb[64],
				rb[64],
				sb[64];
	uint32_t	ctr = 0;
	size_t		s;

	BN_bin2bn(dkey, dlen, es->d);
	BN_bin2bn(h, (int) (hlen < (size_t) es->nbytes ? hlen : (size_t) es->nbytes), es->e);
	memcpy(in, dkey, (size_t) dlen);
	memcpy(in + dlen, h, hlen);
	for (;;)
	{
		memcpy(in + (size_t) dlen + hlen, &ctr, 4);
		ctr++;
		digest(md_sha512, in, (size_t) dlen + hlen + 4, kb);
		BN_bin2bn(kb, es->nbytes, es->k);
		if (BN_is_zero(es->k) || BN_cmp(es->k, es->order) >= 0)
			continue;
		if (!EC_POINT_mul(es->grp, es->R, es->k, NULL, NULL, es->ctx) ||
			!EC_POINT_get_affine_coordinates(es->grp, es->R, es->x, NULL, es->ctx))
			die("EC_POINT_mul failed");
		BN_nnmod(es->r, es->x, es->order, es->ctx);
		if (BN_is_zero(es->r))
			continue;
		BN_mod_inverse(es->kinv, es->k, es->order, es->ctx);
		BN_mod_mul(es->t, es->r, es->d, es->order, es->ctx);
		BN_mod_add(es->t, es->t, es->e, es->order, es->ctx);
		BN_mod_mul(es->s, es->kinv, es->t, es->order, es->ctx);
		if (!BN_is_zero(es->s))
			break;
	}
	BN_bn2binpad(es->r, rb, es->nbytes);
	BN_bn2binpad(es->s, sb, es->nbytes);
	s = open_tlv(out);
	put_uint(out, rb, (size_t) es->nbytes);
	put_uint(out, sb, (size_t) es->nbytes);
	close_tlv(out, s, 0x30);
}

/* A well-formed but random Ecdsa-Sig-Value of the curve's size. */
static void
fake_ecdsa(rng *r, int nbytes, buf *out)
{
	uint8_t		v[64];
	size_t		s = open_tlv(out);

	rnd_bytes(r, v, (size_t) nbytes);
	v[0] |= 1;
	put_uint(out, v, (size_t) nbytes);
	rnd_bytes(r, v, (size_t) nbytes);
	v[0] |= 1;
	put_uint(out, v, (size_t) nbytes);
	close_tlv(out, s, 0x30);
}

/* ---------------------------------------------------------------- words */

static const char *const words[] = {
	"alpha", "amber", "anchor", "apex", "arbor", "atlas", "aurora", "azure", "basil", "beacon",
	"birch", "blue", "bolt", "breeze", "bright", "brook", "cactus", "canyon", "cedar", "cinder",
	"cloud", "clover", "cobalt", "comet", "coral", "cove", "crane", "crest", "crimson", "crystal",
	"cyan", "dawn", "delta", "desert", "drift", "dune", "eagle", "echo", "ember", "emerald",
	"falcon", "fern", "field", "fjord", "flame", "flint", "forest", "fox", "frost", "garden",
	"garnet", "glacier", "glen", "gold", "granite", "grove", "harbor", "hawk", "hazel", "heron",
	"hill", "horizon", "indigo", "iris", "island", "ivory", "jade", "jasper", "juniper", "kestrel",
	"lagoon", "lake", "lantern", "lark", "laurel", "lemon", "lilac", "linden", "lotus", "lunar",
	"maple", "marble", "meadow", "mesa", "mint", "mist", "moon", "moss", "nectar", "nova",
	"oak", "oasis", "ocean", "olive", "onyx", "opal", "orbit", "orchid", "pearl", "pebble",
	"pine", "pixel", "plaza", "polar", "prairie", "prism", "quartz", "quill", "rain", "raven",
	"reef", "ridge", "river", "robin", "rose", "ruby", "sage", "sand", "sapphire", "shadow",
	"sierra", "silver", "sky", "slate", "snow", "solar", "spark", "spruce", "star", "stone",
	"storm", "summit", "sun", "swift", "tide", "timber", "topaz", "trail", "tundra", "valley",
	"vega", "velvet", "violet", "vista", "wave", "willow", "wind", "winter", "zephyr", "bakery",
	"dental", "motors", "studio", "labs", "media", "cloudops", "travel", "legal", "clinic", "market",
};

static const char *const tlds[] = {
	"com", "net", "org", "de", "co.uk", "fr", "io", "co.jp", "nl", "ru", "com.br", "com.au",
	"info", "app", "dev", "it", "es", "pl", "ca", "ch",
};
static const unsigned tld_w[] = {50, 8, 8, 6, 4, 3, 4, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1};

static const char *const subs[] = {
	"www", "mail", "api", "shop", "blog", "dev", "app", "cdn", "portal", "vpn", "login", "static",
	"m", "secure", "admin", "test", "staging", "docs", "support", "status", "autodiscover", "cpanel",
	"webmail", "ftp", "smtp", "images", "git", "grafana", "auth", "intranet",
};

static const char *const given[] = {
	"Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kaito",
	"Lena", "Marco", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera",
	"Wei", "Xenia", "Yusuf", "Zoë",
};
static const char *const surnames[] = {
	"Andersen", "Bakker", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Horvath", "Ivanova",
	"Jansen", "Kowalski", "Larsen", "Müller", "Nakamura", "O'Brien", "Petrov", "Quinn", "Rossi",
	"Schmidt", "Tanaka", "Usman", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang",
};

typedef struct place
{
	const char *c;
	const char *st;
	const char *l;
	const char *postal;
} place;

static const place places[] = {
	{"US", "California", "San Francisco", "94105"}, {"US", "New York", "New York", "10001"},
	{"US", "Texas", "Austin", "73301"}, {"US", "Washington", "Seattle", "98101"},
	{"DE", "Bayern", "München", "80331"}, {"DE", "Berlin", "Berlin", "10115"},
	{"FR", "Île-de-France", "Paris", "75001"}, {"GB", "England", "London", "EC1A 1BB"},
	{"JP", "Tokyo", "Minato-ku", "105-0011"}, {"CA", "Ontario", "Toronto", "M5H 2N2"},
	{"NL", "Noord-Holland", "Amsterdam", "1012 AB"}, {"AU", "New South Wales", "Sydney", "2000"},
	{"BR", "São Paulo", "São Paulo", "01000-000"}, {"IT", "Lombardia", "Milano", "20121"},
	{"ES", "Madrid", "Madrid", "28001"}, {"CH", "Zürich", "Zürich", "8001"},
};

static const char *const org_suffix[] = {
	"Inc.", "LLC", "GmbH", "Ltd", "S.A.", "B.V.", "K.K.", "Pty Ltd", "AG", "S.p.A.", "Corp.",
};

static const char *
word(rng *r)
{
	return words[below(r, COUNT(words))];
}

static void
make_domain(rng *r, char *out, size_t size)
{
	const char *tld = tlds[PICK(r, tld_w)];

	switch (below(r, 5))
	{
		case 0:
			snprintf(out, size, "%s-%s.%s", word(r), word(r), tld);
			break;
		case 1:
			snprintf(out, size, "%s%u.%s", word(r), below(r, 1000), tld);
			break;
		default:
			snprintf(out, size, "%s%s.%s", word(r), word(r), tld);
			break;
	}
}

/* ---------------------------------------------------------------- profile */

enum
{
	C_FINAL, C_PRECERT, C_CA, C_SMIME, C_NKINDS
};
static const char *const kind_names[C_NKINDS] = {
	"tls final (with SCTs)", "tls precertificate", "ca", "s/mime"
};
static const unsigned kind_w[C_NKINDS] = {600, 375, 15, 10};

enum
{
	D_NONE,
	D_VALIDITY_LONG,
	D_NO_SAN,
	D_IV_NO_NAMES,
	D_SHA1,
	D_CN_NOT_IN_SAN,
	D_DV_WITH_ORG,
	D_OV_NO_ORG,
	D_NO_CP,
	D_RSA1024,
	D_POISON_NOT_CRITICAL,
	D_EMPTY_SCT,
	D_CA_FLAG_LEAF,
	D_BOOL_NOT_DER,
	D_TRUNCATED,
	D_CA_KU_NOT_CRITICAL,
	D_CA_BC_NOT_CRITICAL,
	D_CA_NO_KU,
	D_CA_NO_CRLSIGN,
	D_COUNT
};

static const char *const defect_names[D_COUNT] = {
	"none", "validity too long", "no SAN", "IV without personal names", "SHA-1 signature",
	"CN not in SAN", "DV with organization", "OV without organization", "no certificatePolicies",
	"RSA-1024 key", "poison not critical", "empty SCT list", "cA TRUE on a leaf",
	"BOOLEAN TRUE as 0x01 (BER)", "truncated DER", "CA keyUsage not critical",
	"CA basicConstraints not critical", "CA without keyUsage", "CA keyUsage without cRLSign",
};

/* Per mille of subscriber certificates with each defect (about 3.7% in all). */
static const unsigned leaf_defect_w[] = {
	[D_NONE] = 963,
	[D_VALIDITY_LONG] = 8, [D_NO_SAN] = 3, [D_IV_NO_NAMES] = 2, [D_SHA1] = 3,
	[D_CN_NOT_IN_SAN] = 4, [D_DV_WITH_ORG] = 4, [D_OV_NO_ORG] = 2, [D_NO_CP] = 2,
	[D_RSA1024] = 2, [D_POISON_NOT_CRITICAL] = 1, [D_EMPTY_SCT] = 1, [D_CA_FLAG_LEAF] = 1,
	[D_BOOL_NOT_DER] = 2, [D_TRUNCATED] = 2,
};

static const unsigned keytype_w[K_NTYPES] = {0, 550, 50, 100, 250, 50};
static const unsigned vt_w[VT_NTYPES] = {800, 140, 10, 50};

typedef struct stats
{
	uint64_t	n;
	uint64_t	bytes;
	uint64_t	kind[C_NKINDS];
	uint64_t	vt[VT_NTYPES];
	uint64_t	key[K_NTYPES];
	uint64_t	issuer[16];
	uint64_t	defect[D_COUNT];
	uint64_t	real_sigs;
	uint64_t	nsan;
	uint32_t	minlen,
				maxlen;
} stats;

/* P-384 signing costs about 0.9 ms in libcrypto 3.0 (no fixed-base table): off by default. */
static bool real_p384;

typedef struct gen
{
	uint64_t	seed;
	ecdsa		p256,
				p384;
	stats		st;
	uint8_t		tbs_mem[CERT_MAX];
	uint8_t		cert_mem[CERT_MAX];
	uint8_t		sig_mem[1024];
} gen;

typedef struct prof
{
	int			kind;
	int			vt;
	int			keytype;
	int			defect;
	const issuer *iss;
	const key  *k;
	int64_t		nb,
				na;
	int			sig_oid;
} prof;

/* Validity in days for a TLS subscriber certificate issued at nb. */
static int
tls_days(rng *r, int64_t nb)
{
	if (nb < PC_DATE(2018, 3, 1))
	{
		static const int d[] = {90, 365, 730, 1095};
		static const unsigned w[] = {40, 30, 20, 10};

		return d[PICK(r, w)];
	}
	if (nb < PC_DATE(2020, 9, 1))
	{
		static const int d[] = {90, 365, 730, 825};
		static const unsigned w[] = {50, 30, 15, 5};

		return d[PICK(r, w)];
	}
	if (nb < PC_DATE(2026, 3, 15))
	{
		static const int d[] = {90, 397, 365, 180};
		static const unsigned w[] = {60, 20, 15, 5};

		return d[PICK(r, w)];
	}
	if (nb < PC_DATE(2027, 3, 15))
		return permille(r, 600) ? 90 : 199;
	if (nb < PC_DATE(2029, 3, 15))
		return permille(r, 600) ? 90 : 99;
	return permille(r, 600) ? 45 : 46;
}

/* Length a defective certificate overstays its era's limit by. */
static int
tls_limit(int64_t nb)
{
	if (nb < PC_DATE(2018, 3, 1))
		return 1186;
	if (nb < PC_DATE(2020, 9, 1))
		return 825;
	if (nb < PC_DATE(2026, 3, 15))
		return 398;
	if (nb < PC_DATE(2027, 3, 15))
		return 200;
	if (nb < PC_DATE(2029, 3, 15))
		return 100;
	return 47;
}

/* ---------------------------------------------------------------- extensions */

/* Open an Extension; returns the mark of its extnValue OCTET STRING content. */
static size_t
ext_open(buf *b, int oid_id, bool critical, bool ber_bool, size_t *outer)
{
	*outer = open_tlv(b);
	put_oid(b, oid_id);
	if (critical)
	{
		uint8_t		v = ber_bool ? 0x01 : 0xff;

		tlv(b, 0x01, &v, 1);
	}
	return open_tlv(b);
}

static void
ext_close(buf *b, size_t inner, size_t outer)
{
	close_tlv(b, inner, 0x04);
	close_tlv(b, outer, 0x30);
}

/* keyUsage bits 0..8 as a DER named BIT STRING. */
static void
put_ku(buf *b, unsigned bits, bool critical, bool ber_bool)
{
	size_t		o,
				x = ext_open(b, O_X_KU, critical, ber_bool, &o);
	uint8_t		v[3];
	int			hi = 8;
	size_t		nbytes;
	int			unused;

	while (hi >= 0 && !(bits & (1u << hi)))
		hi--;
	if (hi < 0)
	{
		v[0] = 0;
		tlv(b, 0x03, v, 1);
	}
	else
	{
		nbytes = (size_t) hi / 8 + 1;
		unused = (int) (nbytes * 8) - 1 - hi;
		v[0] = (uint8_t) unused;
		v[1] = v[2] = 0;
		for (int i = 0; i <= hi; i++)
			if (bits & (1u << i))
				v[1 + i / 8] |= (uint8_t) (0x80 >> (i % 8));
		tlv(b, 0x03, v, nbytes + 1);
	}
	ext_close(b, x, o);
}

static void
put_eku(buf *b, const int *kp, int n)
{
	size_t		o,
				x = ext_open(b, O_X_EKU, false, false, &o),
				s = open_tlv(b);

	for (int i = 0; i < n; i++)
		put_oid(b, kp[i]);
	close_tlv(b, s, 0x30);
	ext_close(b, x, o);
}

static void
put_bc(buf *b, bool ca, int pathlen, bool critical)
{
	size_t		o,
				x = ext_open(b, O_X_BC, critical, false, &o),
				s = open_tlv(b);

	if (ca)
	{
		uint8_t		t = 0xff;

		tlv(b, 0x01, &t, 1);
		if (pathlen >= 0)
		{
			uint8_t		p = (uint8_t) pathlen;

			tlv(b, 0x02, &p, 1);
		}
	}
	close_tlv(b, s, 0x30);
	ext_close(b, x, o);
}

static void
put_ski(buf *b, const uint8_t *id)
{
	size_t		o,
				x = ext_open(b, O_X_SKI, false, false, &o);

	tlv(b, 0x04, id, 20);
	ext_close(b, x, o);
}

static void
put_aki(buf *b, const uint8_t *id)
{
	size_t		o,
				x = ext_open(b, O_X_AKI, false, false, &o),
				s = open_tlv(b);

	tlv(b, 0x80, id, 20);
	close_tlv(b, s, 0x30);
	ext_close(b, x, o);
}

static void
put_access(buf *b, int method, const char *uri)
{
	size_t		s = open_tlv(b);

	put_oid(b, method);
	tlv_str(b, 0x86, uri);
	close_tlv(b, s, 0x30);
}

static void
put_aia(buf *b, const issuer *is, bool ocsp)
{
	size_t		o,
				x = ext_open(b, O_X_AIA, false, false, &o),
				s = open_tlv(b);
	char		uri[256],
				slug[128];
	size_t		k = 0;

	for (const char *p = is->cn; *p && k + 1 < sizeof(slug); p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			slug[k++] = (char) (*p | 0x20);
	slug[k] = '\0';
	if (ocsp)
	{
		snprintf(uri, sizeof(uri), "http://ocsp.%s", is->domain);
		put_access(b, O_AD_OCSP, uri);
	}
	snprintf(uri, sizeof(uri), "http://%s/certs/%s.crt", is->domain, slug);
	put_access(b, O_AD_CAISSUERS, uri);
	close_tlv(b, s, 0x30);
	ext_close(b, x, o);
}

static void
put_crldp(buf *b, const issuer *is, unsigned shard)
{
	size_t		o,
				x = ext_open(b, O_X_CRLDP, false, false, &o),
				s1 = open_tlv(b),
				s2 = open_tlv(b),
				s3 = open_tlv(b),
				s4 = open_tlv(b);
	char		uri[256];

	snprintf(uri, sizeof(uri), "http://crl.%s/shard%u.crl", is->domain, shard);
	tlv_str(b, 0x86, uri);
	close_tlv(b, s4, 0xa0);
	close_tlv(b, s3, 0xa0);
	close_tlv(b, s2, 0x30);
	close_tlv(b, s1, 0x30);
	ext_close(b, x, o);
}

static void
put_policy(buf *b, const oid *pol, const char *cps)
{
	size_t		s = open_tlv(b);

	put_oidv(b, pol);
	if (cps)
	{
		size_t		q1 = open_tlv(b),
					q2 = open_tlv(b);

		put_oid(b, O_QT_CPS);
		tlv_str(b, 0x16, cps);
		close_tlv(b, q2, 0x30);
		close_tlv(b, q1, 0x30);
	}
	close_tlv(b, s, 0x30);
}

static void
put_cp(buf *b, int cabf, const issuer *is, bool own_policy)
{
	size_t		o,
				x = ext_open(b, O_X_CP, false, false, &o),
				s = open_tlv(b);

	put_policy(b, &oids[cabf], NULL);
	if (is && own_policy)
	{
		oid			own = oid_encode(is->policy);
		char		cps[200];

		snprintf(cps, sizeof(cps), "https://%s/repository/cps", is->domain);
		put_policy(b, &own, cps);
	}
	close_tlv(b, s, 0x30);
	ext_close(b, x, o);
}

static const uint8_t log_ids[6][4] = {
	{0x3b, 0x59, 0x77, 0xad}, {0x7d, 0x59, 0x1e, 0x12}, {0xe8, 0x3e, 0xd0, 0xda},
	{0x48, 0xb0, 0xe3, 0x6b}, {0xee, 0xcd, 0xd0, 0x64}, {0x76, 0xff, 0x88, 0x3f},
};

/* RFC 6962 3.3: an OCTET STRING holding a TLS SignedCertificateTimestampList. */
static void
put_scts(buf *b, rng *r, int64_t nb, int n)
{
	size_t		o,
				x = ext_open(b, O_X_SCT, false, false, &o),
				s = open_tlv(b);
	uint8_t		list[1024];
	size_t		len = 2;
	uint64_t	ts = (uint64_t) nb * 1000 + below(r, 1000);
	uint8_t		first = (uint8_t) below(r, 6);

	for (int i = 0; i < n; i++)
	{
		uint8_t		sct[160];
		size_t		k = 0;
		uint8_t		sigmem[80];
		buf			sig = {sigmem, 0, sizeof(sigmem)};
		const uint8_t *id = log_ids[(first + i) % 6];

		sct[k++] = 0;			/* v1 */
		for (int j = 0; j < 32; j++)
			sct[k++] = (uint8_t) (id[j % 4] ^ (j * 37));
		for (int j = 7; j >= 0; j--)
			sct[k++] = (uint8_t) ((ts + (uint64_t) i * 37) >> (8 * j));
		sct[k++] = 0;			/* no extensions */
		sct[k++] = 0;
		sct[k++] = 4;			/* sha256 */
		sct[k++] = 3;			/* ecdsa */
		fake_ecdsa(r, 32, &sig);
		sct[k++] = (uint8_t) (sig.n >> 8);
		sct[k++] = (uint8_t) sig.n;
		memcpy(sct + k, sig.p, sig.n);
		k += sig.n;
		list[len++] = (uint8_t) (k >> 8);
		list[len++] = (uint8_t) k;
		memcpy(list + len, sct, k);
		len += k;
	}
	list[0] = (uint8_t) ((len - 2) >> 8);
	list[1] = (uint8_t) (len - 2);
	put(b, list, len);
	close_tlv(b, s, 0x04);
	ext_close(b, x, o);
}

static void
put_poison(buf *b, bool critical)
{
	size_t		o,
				x = ext_open(b, O_X_POISON, critical, false, &o);

	tlv(b, 0x05, NULL, 0);
	ext_close(b, x, o);
}

/* ---------------------------------------------------------------- names */

typedef struct names
{
	int			n;
	char		v[20][96];
	bool		ip[20];
	uint8_t		ipv[20][16];
	int			iplen[20];
	bool		email;
} names;

static bool
names_has(const names *s, const char *v)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return true;
	return false;
}

static void
names_add(names *s, const char *v)
{
	if (s->n < 20 && !names_has(s, v))
	{
		snprintf(s->v[s->n], sizeof(s->v[0]), "%s", v);
		s->ip[s->n] = false;
		s->n++;
	}
}

static void
make_names(rng *r, names *s, bool ev)
{
	static const int sizes[] = {1, 2, 3, 4, 5, 6, 8, 10, 14, 20};
	static const unsigned size_w[] = {350, 350, 80, 40, 30, 40, 30, 30, 20, 30};
	int			want = sizes[PICK(r, size_w)];
	char		base[80],
				tmp[96];

	s->n = 0;
	s->email = false;
	make_domain(r, base, sizeof(base));
	if (want == 1)
	{
		if (permille(r, 500))
			names_add(s, base);
		else
		{
			snprintf(tmp, sizeof(tmp), "%s.%s", subs[below(r, COUNT(subs))], base);
			names_add(s, tmp);
		}
	}
	else
	{
		names_add(s, base);
		if (!ev && permille(r, 120))
			snprintf(tmp, sizeof(tmp), "*.%s", base);
		else
			snprintf(tmp, sizeof(tmp), "www.%s", base);
		names_add(s, tmp);
	}
	for (int guard = 0; s->n < want && guard < 100; guard++)
	{
		if (permille(r, 300))
		{
			make_domain(r, base, sizeof(base));
			names_add(s, base);
			if (s->n < want)
			{
				snprintf(tmp, sizeof(tmp), "www.%s", base);
				names_add(s, tmp);
			}
		}
		else
		{
			snprintf(tmp, sizeof(tmp), "%s.%s", subs[below(r, COUNT(subs))], base);
			names_add(s, tmp);
		}
	}
	/* now and then an IP address, never the first name */
	if (!ev && s->n > 1 && s->n < 20 && permille(r, 15))
	{
		int			i = s->n++;

		s->ip[i] = true;
		/* public unicast only: none of the IANA special-purpose ranges */
		if (permille(r, 700))
		{
			static const uint8_t first[] = {23, 34, 52, 81, 104, 151, 185};

			s->iplen[i] = 4;
			s->ipv[i][0] = first[below(r, COUNT(first))];
			rnd_bytes(r, s->ipv[i] + 1, 3);
		}
		else
		{
			s->iplen[i] = 16;
			rnd_bytes(r, s->ipv[i], 16);
			s->ipv[i][0] = 0x2a;
			s->ipv[i][1] = (uint8_t) below(r, 16);
		}
		s->v[i][0] = '\0';
	}
}

static void
put_san(buf *b, const names *s, bool critical)
{
	size_t		o,
				x = ext_open(b, O_X_SAN, critical, false, &o),
				q = open_tlv(b);

	for (int i = 0; i < s->n; i++)
	{
		if (s->ip[i])
			tlv(b, 0x87, s->ipv[i], (size_t) s->iplen[i]);
		else
			tlv_str(b, s->email ? 0x81 : 0x82, s->v[i]);
	}
	close_tlv(b, q, 0x30);
	ext_close(b, x, o);
}

/* ---------------------------------------------------------------- certificates */

static void
put_alg(buf *b, int sig_oid)
{
	size_t		s = open_tlv(b);

	put_oid(b, sig_oid);
	if (sig_oid == O_SHA256_RSA || sig_oid == O_SHA384_RSA || sig_oid == O_SHA1_RSA)
		tlv(b, 0x05, NULL, 0);
	close_tlv(b, s, 0x30);
}

static int
sig_oid_for(int keytype, bool sha1)
{
	if (keytype == K_P256 || keytype == K_P384)
		return sha1 ? O_ECDSA_SHA1 : keytype == K_P384 ? O_ECDSA_SHA384 : O_ECDSA_SHA256;
	return sha1 ? O_SHA1_RSA : O_SHA256_RSA;
}

static const key *
pick_key(rng *r, int type)
{
	return &keys.k[type][below(r, (uint32_t) keys.n[type])];
}

static void
put_serial(buf *b, rng *r, size_t n)
{
	uint8_t		v[20];

	rnd_bytes(r, v, n);
	v[0] = (uint8_t) ((v[0] & 0x7f) | 0x01);
	tlv(b, 0x02, v, n);
}

/* Subject of a TLS subscriber certificate. */
static void
put_tls_subject(buf *b, rng *r, const prof *p, const char *cn)
{
	const place *pl = &places[below(r, COUNT(places))];
	size_t		s = open_tlv(b);
	char		org[160];
	int			vt = p->vt;
	bool		org_ok = p->defect != D_OV_NO_ORG;

	snprintf(org, sizeof(org), "%s %s %s", word(r), word(r), org_suffix[below(r, COUNT(org_suffix))]);
	org[0] = (char) (org[0] & ~0x20);
	if (vt == VT_EV)
	{
		char		reg[32];

		put_attr(b, O_AT_JUR_C, 0x13, pl->c);
		put_attr(b, O_AT_BUSCAT, 0x0c, "Private Organization");
		snprintf(reg, sizeof(reg), "%u", 1000000 + below(r, 90000000));
		put_attr(b, O_AT_SERIAL, 0x13, reg);
	}
	if (vt == VT_OV || vt == VT_EV || vt == VT_IV || p->defect == D_DV_WITH_ORG)
	{
		put_attr(b, O_AT_C, 0x13, pl->c);
		put_attr(b, O_AT_ST, 0x0c, pl->st);
		put_attr(b, O_AT_L, 0x0c, pl->l);
		if (vt == VT_IV)
		{
			if (p->defect != D_IV_NO_NAMES)
			{
				/* BR 7.1.2.7.3 / 7.1.4.2 order: surname before givenName */
				put_attr(b, O_AT_SN, 0x0c, surnames[below(r, COUNT(surnames))]);
				put_attr(b, O_AT_GN, 0x0c, given[below(r, COUNT(given))]);
			}
		}
		else if (org_ok)
			put_attr(b, O_AT_O, 0x0c, org);
	}
	if (cn)
		put_attr(b, O_AT_CN, 0x0c, cn);
	close_tlv(b, s, 0x30);
}

static void
put_spki_or_die(buf *b, const key *k)
{
	put(b, k->spki, k->spki_len);
}

static void
build_tls_tbs(gen *g, rng *r, prof *p, buf *b)
{
	names		san;
	char		cn[96];
	bool		has_cn;
	bool		ec = p->keytype == K_P256 || p->keytype == K_P384;
	size_t		s,
				xs,
				xq;
	int			cabf = p->vt == VT_DV ? O_POL_DV : p->vt == VT_OV ? O_POL_OV : p->vt == VT_IV ? O_POL_IV : O_POL_EV;

	make_names(r, &san, p->vt == VT_EV);	/* EV: no wildcards, no IP addresses */
	g->st.nsan += (uint64_t) san.n;
	has_cn = !(p->vt == VT_DV && p->nb >= PC_DATE(2020, 1, 1) && permille(r, 80));
	if (p->defect == D_CN_NOT_IN_SAN)
	{
		has_cn = true;
		snprintf(cn, sizeof(cn), "%s.%s", word(r), san.v[0]);
	}
	else
		snprintf(cn, sizeof(cn), "%s", san.v[0]);

	s = open_tlv(b);
	{
		uint8_t		v = 2;
		size_t		vs = open_tlv(b);

		tlv(b, 0x02, &v, 1);
		close_tlv(b, vs, 0xa0);
	}
	put_serial(b, r, permille(r, 700) ? 16 : 18);
	put_alg(b, p->sig_oid);
	put(b, p->iss->name, p->iss->name_len);
	{
		size_t		vs = open_tlv(b);

		put_time(b, p->nb);
		put_time(b, p->na);
		close_tlv(b, vs, 0x30);
	}
	put_tls_subject(b, r, p, has_cn ? cn : NULL);
	put_spki_or_die(b, p->k);

	xs = open_tlv(b);
	xq = open_tlv(b);
	put_ku(b, ec ? 1u : (1u | 4u), true, p->defect == D_BOOL_NOT_DER);
	{
		static const int both[] = {O_KP_SERVER, O_KP_CLIENT};

		/* clientAuth goes away ahead of Chrome's 2027-03-15 deadline */
		put_eku(b, both, p->nb < PC_DATE(2026, 6, 15) && permille(r, 850) ? 2 : 1);
	}
	if (p->defect == D_CA_FLAG_LEAF)
		put_bc(b, true, -1, true);
	else if (permille(r, 700))
		put_bc(b, false, -1, true);
	/* subjectKeyIdentifier is NOT RECOMMENDED in subscriber certificates from BR 2.0 */
	if (permille(r, p->nb < PC_DATE(2023, 9, 15) ? 900 : 500))
		put_ski(b, p->k->ski);
	put_aki(b, p->iss->keyid);
	put_aia(b, p->iss, p->nb < PC_DATE(2025, 6, 1) || permille(r, 300));
	if (p->defect != D_NO_SAN)
		put_san(b, &san, !has_cn && p->vt == VT_DV && p->defect != D_DV_WITH_ORG);
	if (p->defect != D_NO_CP)
		put_cp(b, cabf, p->iss, p->iss->ca_policy);
	if (p->iss->crldp || p->nb >= PC_DATE(2024, 6, 1))
		put_crldp(b, p->iss, below(r, 128));
	if (p->kind == C_PRECERT)
		put_poison(b, p->defect != D_POISON_NOT_CRITICAL);
	else if (p->defect == D_EMPTY_SCT)
		put_scts(b, r, p->nb, 0);
	else
	{
		/* as many logs as the CT policies ask for the lifetime (15/27/39 months) */
		int64_t		life = p->na - p->nb;
		int			n = life < 456 * 86400 ? 2 : life < 821 * 86400 ? 3 : life < 1186 * 86400 ? 4 : 5;

		put_scts(b, r, p->nb, n + (permille(r, 150) ? 1 : 0));
	}
	close_tlv(b, xq, 0x30);
	close_tlv(b, xs, 0xa3);
	close_tlv(b, s, 0x30);
}

static void
build_smime_tbs(rng *r, prof *p, buf *b)
{
	names		san;
	char		dom[80],
				email[96],
				cn[128];
	const char *gn = given[below(r, COUNT(given))],
			   *sn = surnames[below(r, COUNT(surnames))];
	bool		ec = p->keytype == K_P256 || p->keytype == K_P384;
	size_t		s,
				xs,
				xq;

	make_domain(r, dom, sizeof(dom));
	snprintf(email, sizeof(email), "%c.%s%u@%s", gn[0] | 0x20, word(r), below(r, 100), dom);
	snprintf(cn, sizeof(cn), "%s %s", gn, sn);
	san.n = 0;
	names_add(&san, email);
	san.email = true;

	s = open_tlv(b);
	{
		uint8_t		v = 2;
		size_t		vs = open_tlv(b);

		tlv(b, 0x02, &v, 1);
		close_tlv(b, vs, 0xa0);
	}
	put_serial(b, r, 16);
	put_alg(b, p->sig_oid);
	put(b, p->iss->name, p->iss->name_len);
	{
		size_t		vs = open_tlv(b);

		put_time(b, p->nb);
		put_time(b, p->na);
		close_tlv(b, vs, 0x30);
	}
	{
		size_t		ss = open_tlv(b);

		put_attr(b, O_AT_CN, 0x0c, cn);
		close_tlv(b, ss, 0x30);
	}
	put_spki_or_die(b, p->k);
	xs = open_tlv(b);
	xq = open_tlv(b);
	put_ku(b, ec ? 1u : (1u | 4u), true, false);
	{
		static const int kp[] = {O_KP_EMAIL, O_KP_CLIENT};

		put_eku(b, kp, 2);
	}
	put_ski(b, p->k->ski);
	put_aki(b, p->iss->keyid);
	put_aia(b, p->iss, true);
	put_san(b, &san, false);
	put_cp(b, O_POL_SMIME, NULL, false);
	put_crldp(b, p->iss, below(r, 16));
	close_tlv(b, xq, 0x30);
	close_tlv(b, xs, 0xa3);
	close_tlv(b, s, 0x30);
}

static void
build_ca_tbs(rng *r, prof *p, buf *b, bool root)
{
	char		org[160],
				cn[200];
	uint8_t		name[400];
	buf			nb = {name, 0, sizeof(name)};
	const place *pl = &places[below(r, COUNT(places))];
	size_t		s,
				xs,
				xq;
	unsigned	ku = (1u << 5) | (1u << 6) | (root ? 0u : 1u);

	snprintf(org, sizeof(org), "%s %s Trust %s", word(r), word(r), org_suffix[below(r, COUNT(org_suffix))]);
	org[0] = (char) (org[0] & ~0x20);
	snprintf(cn, sizeof(cn), "%s %s %s CA %d", org, root ? "Root" : "TLS",
			 p->keytype >= K_P256 ? "ECC" : "RSA", 2016 + (int) below(r, 14));
	{
		size_t		ns = open_tlv(&nb);

		put_attr(&nb, O_AT_C, 0x13, pl->c);
		put_attr(&nb, O_AT_O, 0x0c, org);
		put_attr(&nb, O_AT_CN, 0x0c, cn);
		close_tlv(&nb, ns, 0x30);
	}
	if (p->defect == D_CA_NO_CRLSIGN)
		ku &= ~(1u << 6);

	s = open_tlv(b);
	{
		uint8_t		v = 2;
		size_t		vs = open_tlv(b);

		tlv(b, 0x02, &v, 1);
		close_tlv(b, vs, 0xa0);
	}
	put_serial(b, r, 16);
	put_alg(b, p->sig_oid);
	if (root)
		put(b, name, nb.n);
	else
		put(b, p->iss->name, p->iss->name_len);
	{
		size_t		vs = open_tlv(b);

		put_time(b, p->nb);
		put_time(b, p->na);
		close_tlv(b, vs, 0x30);
	}
	put(b, name, nb.n);
	put_spki_or_die(b, p->k);
	xs = open_tlv(b);
	xq = open_tlv(b);
	if (p->defect != D_CA_NO_KU)
		put_ku(b, ku, p->defect != D_CA_KU_NOT_CRITICAL, false);
	put_bc(b, true, root ? -1 : (int) below(r, 2), p->defect != D_CA_BC_NOT_CRITICAL);
	put_ski(b, p->k->ski);
	if (!root)
	{
		static const int both[] = {O_KP_SERVER, O_KP_CLIENT};

		put_aki(b, p->iss->keyid);
		if (permille(r, 900))
			put_eku(b, both, 2);
		put_aia(b, p->iss, permille(r, 500));
		/* anyPolicy alone (affiliated) or a reserved OID and the CA's own */
		if (permille(r, 500))
			put_cp(b, O_POL_ANY, NULL, false);
		else
			put_cp(b, O_POL_DV, p->iss, true);
		put_crldp(b, p->iss, 0);
	}
	close_tlv(b, xq, 0x30);
	close_tlv(b, xs, 0xa3);
	close_tlv(b, s, 0x30);
}

static const issuer *
pick_tls_issuer(rng *r, int vt)
{
	unsigned	w[N_TLS_ISSUERS];

	for (int i = 0; i < N_TLS_ISSUERS; i++)
		w[i] = (issuers[i].vt_mask & (1u << vt)) ? issuers[i].weight : 0;
	return &issuers[pick(r, w, N_TLS_ISSUERS)];
}

/* Build certificate 'index' into out (DER); returns its length. */
static size_t
build_cert(gen *g, uint64_t index, uint8_t *out)
{
	rng			r;
	prof		p = {0};
	buf			tbs = {g->tbs_mem, 0, sizeof(g->tbs_mem)};
	buf			cert = {out, 0, CERT_MAX};
	buf			sig = {g->sig_mem, 0, sizeof(g->sig_mem)};
	const issuer *signer;
	int			signer_key;
	size_t		s,
				bs;

	rng_init(&r, g->seed, 1, index);
	p.kind = PICK(&r, kind_w);
	p.nb = PC_DATE(2016, 1, 1) + (int64_t) (rnd(&r) % (uint64_t) (PC_DATE(2030, 1, 1) - PC_DATE(2016, 1, 1)));
	p.keytype = PICK(&r, keytype_w);

	if (p.kind == C_CA)
	{
		static const unsigned w[] = {
			[D_NONE] = 850, [D_CA_KU_NOT_CRITICAL] = 40, [D_CA_BC_NOT_CRITICAL] = 40,
			[D_CA_NO_KU] = 30, [D_CA_NO_CRLSIGN] = 40,
		};
		bool		root = permille(&r, 200);

		p.defect = PICK(&r, w);
		p.keytype = permille(&r, 500) ? (permille(&r, 500) ? K_RSA2048 : K_RSA4096) : (permille(&r, 500) ? K_P256 : K_P384);
		p.k = pick_key(&r, p.keytype);
		p.iss = &issuers[ROOT_ISSUER0 + below(&r, 2)];
		p.na = p.nb + (int64_t) (root ? 20 + below(&r, 6) : 5 + below(&r, 6)) * 365 * 86400 - 1;
		if (root)
		{
			/* self-signed with its own (pool) key: the signature is random */
			p.sig_oid = sig_oid_for(p.keytype, false);
			signer = NULL;
			signer_key = p.keytype;
		}
		else
		{
			p.sig_oid = sig_oid_for(p.iss->keytype, false);
			signer = p.iss;
			signer_key = p.iss->keytype;
		}
		build_ca_tbs(&r, &p, &tbs, root);
		p.vt = -1;
	}
	else if (p.kind == C_SMIME)
	{
		p.defect = D_NONE;
		p.iss = &issuers[SMIME_ISSUER];
		p.k = pick_key(&r, p.keytype);
		p.na = p.nb + (int64_t) (permille(&r, 500) ? 365 : 730) * 86400 - 1;
		p.sig_oid = sig_oid_for(p.iss->keytype, false);
		signer = p.iss;
		signer_key = p.iss->keytype;
		build_smime_tbs(&r, &p, &tbs);
		p.vt = -1;
	}
	else
	{
		int			days;

		p.defect = PICK(&r, leaf_defect_w);
		if (p.defect == D_POISON_NOT_CRITICAL)
			p.kind = C_PRECERT;
		if (p.defect == D_EMPTY_SCT)
			p.kind = C_FINAL;
		p.vt = PICK(&r, vt_w);
		if (p.defect == D_IV_NO_NAMES)
			p.vt = VT_IV;
		else if (p.defect == D_DV_WITH_ORG)
			p.vt = VT_DV;
		else if (p.defect == D_OV_NO_ORG)
			p.vt = VT_OV;
		if (p.defect == D_RSA1024)
			p.keytype = K_RSA1024;
		p.iss = pick_tls_issuer(&r, p.vt);
		p.k = pick_key(&r, p.keytype);
		days = p.defect == D_VALIDITY_LONG ? tls_limit(p.nb) + 30 + (int) below(&r, 365) : tls_days(&r, p.nb);
		if (p.vt == VT_EV && p.defect != D_VALIDITY_LONG && days > 730)
			days = 730;			/* EV: at most 27 months before 2018 */
		p.na = p.nb + (int64_t) days * 86400 - 1;
		p.sig_oid = sig_oid_for(p.iss->keytype, p.defect == D_SHA1);
		signer = p.iss;
		signer_key = p.iss->keytype;
		build_tls_tbs(g, &r, &p, &tbs);
	}

	/* signature */
	if (signer && signer_key == K_P256 && p.sig_oid == O_ECDSA_SHA256)
	{
		uint8_t		h[32];

		digest(md_sha256, tbs.p, tbs.n, h);
		ecdsa_sign(&g->p256, signer->d, signer->dlen, h, 32, &sig);
		g->st.real_sigs++;
	}
	else if (signer && signer_key == K_P384 && real_p384 && p.sig_oid == O_ECDSA_SHA384)
	{
		uint8_t		h[48];

		digest(md_sha384, tbs.p, tbs.n, h);
		ecdsa_sign(&g->p384, signer->d, signer->dlen, h, 48, &sig);
		g->st.real_sigs++;
	}
	else if (signer_key == K_P256 || signer_key == K_P384)
		fake_ecdsa(&r, signer_key == K_P256 ? 32 : 48, &sig);
	else
	{
		size_t		n = (size_t) key_bits[signer_key] / 8;

		rnd_bytes(&r, sig.p, n);
		sig.p[0] = (uint8_t) ((sig.p[0] & 0x7f) | 0x01);
		sig.n = n;
	}

	s = open_tlv(&cert);
	put(&cert, tbs.p, tbs.n);
	put_alg(&cert, p.sig_oid);
	bs = open_tlv(&cert);
	put1(&cert, 0);
	put(&cert, sig.p, sig.n);
	close_tlv(&cert, bs, 0x03);
	close_tlv(&cert, s, 0x30);

	if (p.defect == D_TRUNCATED)
		cert.n = cert.n / 2 + below(&r, (uint32_t) (cert.n / 2 - 1));

	g->st.n++;
	g->st.bytes += cert.n;
	g->st.kind[p.kind]++;
	if (p.vt >= 0)
		g->st.vt[p.vt]++;
	g->st.key[p.keytype]++;
	g->st.issuer[signer ? signer - issuers : 15]++;
	g->st.defect[p.defect]++;
	if (g->st.minlen == 0 || cert.n < g->st.minlen)
		g->st.minlen = (uint32_t) cert.n;
	if (cert.n > g->st.maxlen)
		g->st.maxlen = (uint32_t) cert.n;
	return cert.n;
}

/* ---------------------------------------------------------------- driver */

typedef struct slice
{
	gen		   *g;
	uint64_t	from,
				to;
	uint8_t    *out;			/* u32 length + DER, back to back */
	size_t		len,
				cap;
} slice;

static void *
slice_worker(void *arg)
{
	slice	   *sl = arg;

	sl->len = 0;
	for (uint64_t i = sl->from; i < sl->to; i++)
	{
		size_t		n;

		if (sl->len + 4 + CERT_MAX > sl->cap)
		{
			sl->cap = sl->cap * 2 + 4 + CERT_MAX;
			sl->out = realloc(sl->out, sl->cap);
			if (!sl->out)
				die("out of memory");
		}
		n = build_cert(sl->g, i, sl->out + sl->len + 4);
		sl->out[sl->len] = (uint8_t) (n >> 24);
		sl->out[sl->len + 1] = (uint8_t) (n >> 16);
		sl->out[sl->len + 2] = (uint8_t) (n >> 8);
		sl->out[sl->len + 3] = (uint8_t) n;
		sl->len += 4 + n;
	}
	return NULL;
}

static void
write_copy_text(FILE *f, const uint8_t *rec, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char		line[2 * CERT_MAX + 8];
	size_t		k = 0;

	line[k++] = '\\';
	line[k++] = '\\';
	line[k++] = 'x';
	for (size_t i = 0; i < len; i++)
	{
		line[k++] = hex[rec[i] >> 4];
		line[k++] = hex[rec[i] & 15];
	}
	line[k++] = '\n';
	fwrite(line, 1, k, f);
}

static void
merge(stats *a, const stats *b)
{
	a->n += b->n;
	a->bytes += b->bytes;
	for (int i = 0; i < C_NKINDS; i++)
		a->kind[i] += b->kind[i];
	for (int i = 0; i < VT_NTYPES; i++)
		a->vt[i] += b->vt[i];
	for (int i = 0; i < K_NTYPES; i++)
		a->key[i] += b->key[i];
	for (int i = 0; i < 16; i++)
		a->issuer[i] += b->issuer[i];
	for (int i = 0; i < D_COUNT; i++)
		a->defect[i] += b->defect[i];
	a->real_sigs += b->real_sigs;
	a->nsan += b->nsan;
	if (b->minlen && (a->minlen == 0 || b->minlen < a->minlen))
		a->minlen = b->minlen;
	if (b->maxlen > a->maxlen)
		a->maxlen = b->maxlen;
}

static void
print_stats(FILE *f, const stats *st, uint64_t seed, double secs)
{
	fprintf(f, "profcheck benchmark corpus (gen-corpus v%d)\n", GEN_VERSION);
	fprintf(f, "seed %" PRIu64 ", %" PRIu64 " certificates, %" PRIu64 " bytes (mean %.0f, min %u, max %u)\n",
			seed, st->n, st->bytes, st->n ? (double) st->bytes / (double) st->n : 0.0,
			st->minlen, st->maxlen);
	if (secs > 0)
		fprintf(f, "generated in %.1f s (%.0f certs/s)\n", secs, (double) st->n / secs);
	fprintf(f, "real ECDSA signatures: %" PRIu64 "; mean SAN entries per TLS certificate: %.2f\n",
			st->real_sigs,
			(st->kind[C_FINAL] + st->kind[C_PRECERT]) ?
			(double) st->nsan / (double) (st->kind[C_FINAL] + st->kind[C_PRECERT]) : 0.0);
	fprintf(f, "\nkind:\n");
	for (int i = 0; i < C_NKINDS; i++)
		fprintf(f, "  %-28s %10" PRIu64 "\n", kind_names[i], st->kind[i]);
	fprintf(f, "validation type (TLS):\n");
	for (int i = 0; i < VT_NTYPES; i++)
		fprintf(f, "  %-28s %10" PRIu64 "\n", vt_names[i], st->vt[i]);
	fprintf(f, "subject key:\n");
	for (int i = 0; i < K_NTYPES; i++)
		fprintf(f, "  %-28s %10" PRIu64 "\n", key_names[i], st->key[i]);
	fprintf(f, "signed by:\n");
	for (int i = 0; i < N_ISSUERS; i++)
		fprintf(f, "  %-28.28s %10" PRIu64 "  (%s)\n", issuers[i].cn, st->issuer[i], key_names[issuers[i].keytype]);
	fprintf(f, "  %-28s %10" PRIu64 "\n", "(self-signed roots)", st->issuer[15]);
	fprintf(f, "defects (%.2f%% of all):\n",
			st->n ? 100.0 * (double) (st->n - st->defect[D_NONE]) / (double) st->n : 0.0);
	for (int i = 1; i < D_COUNT; i++)
		fprintf(f, "  %-34s %8" PRIu64 "\n", defect_names[i], st->defect[i]);
}

/* ---------------------------------------------------------------- corpus files */

typedef struct header
{
	uint64_t	count;
	uint64_t	seed;
	uint32_t	version;
} header;

static bool
read_header(FILE *f, header *h)
{
	char		magic[8];

	return fread(magic, 1, 8, f) == 8 && memcmp(magic, CORPUS_MAGIC, 8) == 0 &&
		fread(&h->count, 8, 1, f) == 1 && fread(&h->seed, 8, 1, f) == 1 &&
		fread(&h->version, 4, 1, f) == 1;
}

static void
put_be32(FILE *f, uint32_t v)
{
	uint8_t		b[4] = {(uint8_t) (v >> 24), (uint8_t) (v >> 16), (uint8_t) (v >> 8), (uint8_t) v};

	fwrite(b, 1, 4, f);
}

/* corpus.bin -> PostgreSQL binary COPY (one bytea column) on stdout. */
static int
to_pgcopy(const char *path, uint64_t limit)
{
	FILE	   *f = fopen(path, "rb");
	header		h;
	static const uint8_t sig[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0};
	uint8_t    *rec = malloc(1 << 20);

	if (!f || !read_header(f, &h))
		die("%s: not a corpus file", path);
	fwrite(sig, 1, sizeof(sig), stdout);
	put_be32(stdout, 0);
	put_be32(stdout, 0);
	for (uint64_t i = 0; i < h.count && i < limit; i++)
	{
		uint8_t		lb[4];
		uint32_t	len;

		if (fread(lb, 1, 4, f) != 4)
			die("%s: truncated", path);
		len = (uint32_t) lb[0] << 24 | (uint32_t) lb[1] << 16 | (uint32_t) lb[2] << 8 | lb[3];
		if (len > (1 << 20) || fread(rec, 1, len, f) != len)
			die("%s: truncated", path);
		fputc(0, stdout);
		fputc(1, stdout);
		put_be32(stdout, len);
		fwrite(rec, 1, len, stdout);
	}
	fputc(0xff, stdout);
	fputc(0xff, stdout);
	fclose(f);
	free(rec);
	return fflush(stdout) == 0 ? 0 : 1;
}

static void
usage(void)
{
	fprintf(stderr,
			"usage: gen-corpus [-n N] [-s SEED] [-j THREADS] [-o corpus.bin] [-c corpus.copy]\n"
			"                  [-k keydir] [-m manifest] [-f] [-V]\n"
			"       gen-corpus --pgcopy corpus.bin [-n N]   PostgreSQL binary COPY to stdout\n"
			"       gen-corpus --count corpus.bin           number of certificates in the file\n"
			"  -f  regenerate even if the output already holds this corpus\n"
			"  -V  verify every real ECDSA signature with libcrypto while generating (slow)\n"
			"  --real-p384  sign for real with the P-384 issuers too (about 10x slower)\n");
	exit(2);
}

static bool verify_sigs;

static void
verify_ecdsa(const issuer *is, const uint8_t *der, size_t len)
{
	/* Rebuild the issuer's public key and check the signature with EVP. */
	EC_GROUP   *g = EC_GROUP_new_by_curve_name(is->keytype == K_P256 ? NID_X9_62_prime256v1 : NID_secp384r1);
	EC_POINT   *pt = EC_POINT_new(g);
	BIGNUM	   *d = BN_bin2bn(is->d, is->dlen, NULL);
	uint8_t		oct[200],
				spkimem[300];
	uint8_t		ski[20];
	size_t		n;
	buf			sb = {spkimem, 0, sizeof(spkimem)};
	const uint8_t *p;
	EVP_PKEY   *pk;
	X509	   *x;

	EC_POINT_mul(g, pt, d, NULL, NULL, NULL);
	n = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, oct, sizeof(oct), NULL);
	put_spki_ec(&sb, is->keytype == K_P256 ? O_P256 : O_P384, oct, n, ski);
	p = spkimem;
	pk = d2i_PUBKEY(NULL, &p, (long) sb.n);
	p = der;
	x = d2i_X509(NULL, &p, (long) len);
	if (!pk || !x || X509_verify(x, pk) != 1)
		die("ECDSA signature does not verify");
	X509_free(x);
	EVP_PKEY_free(pk);
	BN_free(d);
	EC_POINT_free(pt);
	EC_GROUP_free(g);
}

/* -V: OpenSSL must parse every certificate but the truncated ones, and real signatures must verify. */
static void
verify_record(const uint8_t *der, size_t len, uint64_t *unparsed)
{
	const uint8_t *p = der;
	X509	   *x = d2i_X509(NULL, &p, (long) len);
	X509_NAME  *in;
	const uint8_t *ider;
	size_t		ilen;

	if (!x)
	{
		(*unparsed)++;
		return;
	}
	in = X509_get_issuer_name(x);
	X509_NAME_get0_der(in, &ider, &ilen);
	for (int k = 0; k < N_ISSUERS; k++)
		if (issuers[k].dlen && ilen == issuers[k].name_len &&
			memcmp(ider, issuers[k].name, ilen) == 0 &&
			X509_get_signature_nid(x) != NID_ecdsa_with_SHA1 &&
			(issuers[k].keytype == K_P256 || real_p384))
			verify_ecdsa(&issuers[k], der, len);
	X509_free(x);
}

int
main(int argc, char **argv)
{
	uint64_t	n = 1000000,
				seed = DEFAULT_SEED;
	int			threads = (int) sysconf(_SC_NPROCESSORS_ONLN);
	const char *out = "bench/data/corpus.bin",
			   *copy = NULL,
			   *keydir = NULL,
			   *manifest = NULL,
			   *pgcopy = NULL,
			   *count = NULL;
	bool		force = false,
				n_set = false;
	char		keydir_buf[4096],
				manifest_buf[4096];
	FILE	   *fo,
			   *fc = NULL;
	gen		   *gens;
	slice		sl[MAX_THREADS] = {{0}};
	stats		total = {0};
	struct timespec t0,
				t1;
	double		secs;
	char		tmp[4200];
	uint64_t	unparsed = 0;

	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];

		if (strcmp(a, "-n") == 0 && i + 1 < argc)
			n = strtoull(argv[++i], NULL, 10), n_set = true;
		else if (strcmp(a, "-s") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(a, "-j") == 0 && i + 1 < argc)
			threads = atoi(argv[++i]);
		else if (strcmp(a, "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(a, "-c") == 0 && i + 1 < argc)
			copy = argv[++i];
		else if (strcmp(a, "-k") == 0 && i + 1 < argc)
			keydir = argv[++i];
		else if (strcmp(a, "-m") == 0 && i + 1 < argc)
			manifest = argv[++i];
		else if (strcmp(a, "--pgcopy") == 0 && i + 1 < argc)
			pgcopy = argv[++i];
		else if (strcmp(a, "--count") == 0 && i + 1 < argc)
			count = argv[++i];
		else if (strcmp(a, "-f") == 0)
			force = true;
		else if (strcmp(a, "-V") == 0)
			verify_sigs = true;
		else if (strcmp(a, "--real-p384") == 0)
			real_p384 = true;
		else
			usage();
	}
	if (pgcopy)
		return to_pgcopy(pgcopy, n_set ? n : UINT64_MAX);
	if (count)
	{
		FILE	   *f = fopen(count, "rb");
		header		h;

		if (!f || !read_header(f, &h))
		{
			printf("0\n");
			return 1;
		}
		printf("%" PRIu64 "\n", h.version == GEN_VERSION ? h.count : 0);
		fclose(f);
		return 0;
	}
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;

	/* Up to date already? */
	if (!force)
	{
		FILE	   *f = fopen(out, "rb");
		header		h;

		if (f && read_header(f, &h) && h.count == n && h.seed == seed && h.version == GEN_VERSION)
		{
			fprintf(stderr, "gen-corpus: %s already holds %" PRIu64 " certificates (seed %" PRIu64 ")\n",
					out, n, seed);
			fclose(f);
			return 0;
		}
		if (f)
			fclose(f);
	}

	/* bench/data/corpus.bin -> bench/data/keys, bench/data/corpus.manifest */
	{
		const char *slash = strrchr(out, '/');
		int			dl = slash ? (int) (slash - out) : 1;
		const char *dir = slash ? out : ".";

		if (!keydir)
		{
			snprintf(keydir_buf, sizeof(keydir_buf), "%.*s/keys", dl, dir);
			keydir = keydir_buf;
		}
		if (!manifest)
		{
			snprintf(manifest_buf, sizeof(manifest_buf), "%.*s/corpus.manifest", dl, dir);
			manifest = manifest_buf;
		}
	}

	md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
	md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	md_sha384 = EVP_MD_fetch(NULL, "SHA384", NULL);
	md_sha512 = EVP_MD_fetch(NULL, "SHA512", NULL);
	if (!md_sha1 || !md_sha256 || !md_sha384 || !md_sha512)
		die("cannot fetch digests");
	for (int i = 0; i < O_COUNT; i++)
		oids[i] = oid_encode(oid_text[i]);

	pool_load_or_make(keydir, seed, threads);
	issuers_init(seed);

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	fo = fopen(tmp, "wb");
	if (!fo)
		die("cannot write %s: %s", tmp, strerror(errno));
	{
		uint32_t	v = GEN_VERSION;

		fwrite(CORPUS_MAGIC, 1, 8, fo);
		fwrite(&n, 8, 1, fo);
		fwrite(&seed, 8, 1, fo);
		fwrite(&v, 4, 1, fo);
	}
	if (copy)
	{
		fc = fopen(copy, "wb");
		if (!fc)
			die("cannot write %s: %s", copy, strerror(errno));
	}

	gens = calloc((size_t) threads, sizeof(gen));
	for (int t = 0; t < threads; t++)
	{
		gens[t].seed = seed;
		ecdsa_init(&gens[t].p256, NID_X9_62_prime256v1);
		ecdsa_init(&gens[t].p384, NID_secp384r1);
		sl[t].g = &gens[t];
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint64_t start = 0; start < n; start += BATCH)
	{
		uint64_t	end = start + BATCH < n ? start + BATCH : n;
		uint64_t	per = (end - start + (uint64_t) threads - 1) / (uint64_t) threads;
		pthread_t	th[MAX_THREADS];

		for (int t = 0; t < threads; t++)
		{
			sl[t].from = start + per * (uint64_t) t;
			sl[t].to = sl[t].from + per < end ? sl[t].from + per : end;
			if (sl[t].from > end)
				sl[t].from = end;
			pthread_create(&th[t], NULL, slice_worker, &sl[t]);
		}
		for (int t = 0; t < threads; t++)
		{
			pthread_join(th[t], NULL);
			fwrite(sl[t].out, 1, sl[t].len, fo);
			if (fc || verify_sigs)
				for (size_t off = 0; off < sl[t].len;)
				{
					const uint8_t *rec = sl[t].out + off;
					size_t		len = (size_t) rec[0] << 24 | (size_t) rec[1] << 16 |
						(size_t) rec[2] << 8 | rec[3];

					if (fc)
						write_copy_text(fc, rec + 4, len);
					if (verify_sigs)
						verify_record(rec + 4, len, &unparsed);
					off += 4 + len;
				}
		}
		if (isatty(2) && (start / BATCH) % 8 == 7)
			fprintf(stderr, "\r%" PRIu64 " / %" PRIu64, end, n);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (isatty(2))
		fprintf(stderr, "\r");
	secs = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (fclose(fo) != 0 || rename(tmp, out) != 0)
		die("cannot write %s", out);
	if (fc && fclose(fc) != 0)
		die("cannot write %s", copy);

	for (int t = 0; t < threads; t++)
		merge(&total, &gens[t].st);
	print_stats(stderr, &total, seed, secs);
	if (verify_sigs)
	{
		fprintf(stderr, "verify: %" PRIu64 " certificates OpenSSL cannot parse (truncated: %" PRIu64 "); "
				"every real ECDSA signature verified\n", unparsed, total.defect[D_TRUNCATED]);
		if (unparsed != total.defect[D_TRUNCATED])
			die("unexpected unparseable certificates");
	}
	{
		FILE	   *fm = fopen(manifest, "w");

		if (fm)
		{
			print_stats(fm, &total, seed, 0);
			fclose(fm);
		}
	}
	return 0;
}
