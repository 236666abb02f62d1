/*
 * nat.c
 *		Natural numbers of a few thousand bits in fixed arrays of 64-bit
 *		limbs, for the RSA modulus checks that run on every certificate.
 *
 * OpenSSL's BIGNUM is made for secrets: its division is constant-time and
 * every call checks, expands and normalises its operands.  A modulus is
 * public, and Fermat's check needs one integer square root per key: done
 * with BIGNUMs it cost about 2 us, most of it call overhead on small
 * numbers.  These routines work in place on the caller's arrays, allocate
 * nothing and handle moduli up to PC_NAT_LIMBS * 64 bits; the caller falls
 * back to BIGNUMs beyond that.
 *
 * Limbs are little-endian (limb 0 is the least significant).  A length is a
 * count of limbs that may include high zero limbs unless a function says
 * otherwise.
 */
#include "rules.h"

#include <math.h>
#include <openssl/bn.h>

typedef unsigned __int128 u128;

/* Number of significant limbs. */
static int
nat_len(const uint64_t *a, int n)
{
	while (n > 0 && a[n - 1] == 0)
		n--;
	return n;
}

int
pc_nat_bits(const uint64_t *a, int n)
{
	n = nat_len(a, n);
	return n == 0 ? 0 : 64 * (n - 1) + (64 - __builtin_clzll(a[n - 1]));
}

/*
 * (hi:lo) / d and the remainder, for hi < d: one hardware division on
 * x86-64 (the compiler's 128-bit division is a call that divides twice
 * for the quotient and the remainder).
 */
static inline uint64_t
div_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__)
	uint64_t	q,
				r;

	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
	*rem = r;
	return q;
#else
	u128		num = (u128) hi << 64 | lo;

	*rem = (uint64_t) (num % d);
	return (uint64_t) (num / d);
#endif
}

int
pc_nat_from_bytes(uint64_t *a, int max, const uint8_t *p, size_t len)
{
	int			n;

	while (len > 0 && p[0] == 0)
	{
		p++;
		len--;
	}
	if (len > (size_t) max * 8)
		return -1;
	n = (int) ((len + 7) / 8);
	a[0] = 0;
	/* whole limbs from the end, then the short top limb */
	for (int i = 0; i < n; i++)
	{
		size_t		end = len - 8 * (size_t) i;
		uint64_t	w = 0;

		if (end >= 8)
		{
			/* a whole big-endian limb */
			memcpy(&w, p + end - 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			w = __builtin_bswap64(w);
#endif
		}
		else
			for (size_t k = 0; k < end; k++)
				w = w << 8 | p[k];
		a[i] = w;
	}
	return n;
}


uint64_t
pc_nat_mod_word(const uint64_t *a, int n, uint64_t m)
{
	uint64_t	rem = 0;

	for (int i = nat_len(a, n) - 1; i >= 0; i--)
		(void) div_2by1(rem, a[i], m, &rem);
	return rem;
}

/* r = a >> bits (r may be a); returns r's length. */
static int
nat_shr(uint64_t *r, const uint64_t *a, int n, int bits)
{
	int			w = bits / 64,
				b = bits % 64,
				rn = n - w;

	if (rn <= 0)
	{
		r[0] = 0;
		return 0;
	}
	for (int i = 0; i < rn; i++)
	{
		uint64_t	lo = a[i + w],
					hi = i + w + 1 < n ? a[i + w + 1] : 0;

		r[i] = b ? (lo >> b) | (hi << (64 - b)) : lo;
	}
	return nat_len(r, rn);
}

/* r = a << bits (r must not overlap a); returns r's length. */
int
pc_nat_shl(uint64_t *r, const uint64_t *a, int n, int bits)
{
	int			w = bits / 64,
				b = bits % 64;

	memset(r, 0, sizeof(uint64_t) * (size_t) (n + w + 1));
	for (int i = 0; i < n; i++)
	{
		r[i + w] |= a[i] << b;
		if (b)
			r[i + w + 1] = a[i] >> (64 - b);
	}
	return nat_len(r, n + w + 1);
}

/* r = a + b, with n = max length; r has n + 1 limbs of room. */
int
pc_nat_add(uint64_t *r, const uint64_t *a, int an, const uint64_t *b, int bn)
{
	uint64_t	carry = 0;
	int			i;

	if (an < bn)
	{
		/* the longer one first (r may be either) */
		const uint64_t *tp = a;
		int			tn = an;

		a = b;
		an = bn;
		b = tp;
		bn = tn;
	}
	for (i = 0; i < bn; i++)
	{
		u128		t = (u128) a[i] + b[i] + carry;

		r[i] = (uint64_t) t;
		carry = (uint64_t) (t >> 64);
	}
	for (; i < an; i++)
	{
		uint64_t	t = a[i] + carry;

		carry = t < carry;
		r[i] = t;
	}
	r[an] = carry;
	return nat_len(r, an + 1);
}

/* a -= b where a >= b; returns a's length. */
int
pc_nat_sub(uint64_t *a, int an, const uint64_t *b, int bn)
{
	uint64_t	borrow = 0;

	for (int i = 0; i < an; i++)
	{
		uint64_t	y = i < bn ? b[i] : 0;
		uint64_t	t = a[i] - y;
		uint64_t	b1 = a[i] < y;

		a[i] = t - borrow;
		borrow = b1 | (t < borrow);
	}
	return nat_len(a, an);
}

static int
nat_cmp(const uint64_t *a, int an, const uint64_t *b, int bn)
{
	an = nat_len(a, an);
	bn = nat_len(b, bn);
	if (an != bn)
		return an < bn ? -1 : 1;
	for (int i = an - 1; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* r = a * a (schoolbook; r has 2n limbs of room, no overlap). */
static int
nat_sqr(uint64_t *r, const uint64_t *a, int n)
{
	memset(r, 0, sizeof(uint64_t) * (size_t) (2 * n > 0 ? 2 * n : 1));
	for (int i = 0; i < n; i++)
	{
		uint64_t	carry = 0;

		for (int j = 0; j < n; j++)
		{
			u128		t = (u128) a[i] * a[j] + r[i + j] + carry;

			r[i + j] = (uint64_t) t;
			carry = (uint64_t) (t >> 64);
		}
		r[i + n] = carry;
	}
	return nat_len(r, 2 * n);
}

/*
 * q = u / v and, when r is not NULL, r = u mod v (Knuth, TAOCP 4.3.1,
 * algorithm D).  u has un limbs, v has vn >= 1 significant limbs; q gets
 * un - vn + 1 limbs, r vn.  'work' has room for un + 1 + vn limbs.  Returns
 * q's length; *rn (when r is given) is r's.
 */
static int
nat_divrem(uint64_t *q, uint64_t *r, int *rn, const uint64_t *u, int un,
		   const uint64_t *v, int vn, uint64_t *work)
{
	uint64_t   *nu = work,
			   *nv = work + un + 1;
	int			s;

	un = nat_len(u, un);
	if (un < vn)
	{
		if (r)
		{
			memcpy(r, u, sizeof(uint64_t) * (size_t) (un > 0 ? un : 1));
			*rn = un;
		}
		q[0] = 0;
		return 0;
	}
	if (vn == 1)
	{
		uint64_t	rem = 0;

		for (int i = un - 1; i >= 0; i--)
			q[i] = div_2by1(rem, u[i], v[0], &rem);
		if (r)
		{
			r[0] = rem;
			*rn = rem != 0;
		}
		return nat_len(q, un);
	}
	/* normalise so that v's top limb has its top bit set */
	s = __builtin_clzll(v[vn - 1]);
	for (int i = vn - 1; i > 0; i--)
		nv[i] = s ? (v[i] << s) | (v[i - 1] >> (64 - s)) : v[i];
	nv[0] = v[0] << s;
	nu[un] = s ? u[un - 1] >> (64 - s) : 0;
	for (int i = un - 1; i > 0; i--)
		nu[i] = s ? (u[i] << s) | (u[i - 1] >> (64 - s)) : u[i];
	nu[0] = u[0] << s;

	for (int j = un - vn; j >= 0; j--)
	{
		uint64_t	qhat,
					rhat,
					carry = 0;
		bool		rhat_big = false;

		/* the top limbs give qhat, at most 2 too big; the next limb fixes most */
		if (nu[j + vn] >= nv[vn - 1])
		{
			/* qhat = B - 1; rhat = (top:next) - qhat * v1 = next + top... */
			u128		t = ((u128) nu[j + vn] << 64 | nu[j + vn - 1]) -
				(u128) (~(uint64_t) 0) * nv[vn - 1];

			qhat = ~(uint64_t) 0;
			rhat_big = (t >> 64) != 0;
			rhat = (uint64_t) t;
		}
		else
			qhat = div_2by1(nu[j + vn], nu[j + vn - 1], nv[vn - 1], &rhat);
		while (!rhat_big &&
			   (u128) qhat * nv[vn - 2] > ((u128) rhat << 64 | nu[j + vn - 2]))
		{
			qhat--;
			rhat_big = rhat + nv[vn - 1] < rhat;
			rhat += nv[vn - 1];
		}
		/*
		 * nu[j .. j+vn] -= qhat * nv, the borrow folded into the carry
		 * (qhat * v + carry + 1 still fits 128 bits)
		 */
		for (int i = 0; i < vn; i++)
		{
			u128		p = (u128) qhat * nv[i] + carry;
			uint64_t	lo = (uint64_t) p;

			carry = (uint64_t) (p >> 64) + (nu[i + j] < lo);
			nu[i + j] -= lo;
		}
		{
			uint64_t	top = nu[j + vn];

			nu[j + vn] = top - carry;
			if (top < carry)
			{
				/* qhat was one too big: add v back */
				uint64_t	c = 0;

				qhat--;
				for (int i = 0; i < vn; i++)
				{
					u128		t = (u128) nu[i + j] + nv[i] + c;

					nu[i + j] = (uint64_t) t;
					c = (uint64_t) (t >> 64);
				}
				nu[j + vn] += c;
			}
		}
		q[j] = qhat;
	}
	if (r)
	{
		/* the remainder is nu[0 .. vn), still shifted left by s */
		for (int i = 0; i < vn; i++)
			r[i] = s ? (nu[i] >> s) | (i + 1 < vn ? nu[i + 1] << (64 - s) : 0) : nu[i];
		*rn = nat_len(r, vn);
	}
	return nat_len(q, un - vn + 1);
}

/* floor(sqrt(a)) for a < 2^124, exactly. */
static uint64_t
isqrt_small(u128 v)
{
	uint64_t	x = (uint64_t) sqrtl((long double) v);

	while (x > 0 && (u128) x * x > v)
		x--;
	while ((u128) (x + 1) * (x + 1) <= v)
		x++;
	return x;
}

/* r = a mod 2^bits (r may be a); returns r's length. */
static int
nat_low(uint64_t *r, const uint64_t *a, int n, int bits)
{
	int			w = bits / 64,
				b = bits % 64,
				rn = w + (b != 0);

	if (rn > n)
		rn = n;
	memmove(r, a, sizeof(uint64_t) * (size_t) (rn > 0 ? rn : 1));
	if (b && w < n)
		r[w] &= (((uint64_t) 1) << b) - 1;
	return nat_len(r, rn);
}

/*
 * Zimmermann's divide-and-conquer square root ("Karatsuba Square Root",
 * INRIA RR-3805, 1999).  With a = H b^2 + a1 b + a0 and b = 2^k, k =
 * floor(bits / 4): (s', r') = sqrtrem(H); (q, u) = divrem(r' b + a1, 2s');
 * s = s' b + q; r = u b + a0 - q^2, and r < 0 means s is one too big.  H >=
 * 2^(2k-2) keeps s' >= b / 2, which bounds that correction to one.  The
 * level's work is one division of 3/4 of a's size by 1/4 of it, and every
 * level costs a quarter of the one above.
 *
 * s gets room n / 2 + 2 limbs, r n + 1.  'scratch': this level keeps 3n + 7
 * limbs and hands the rest to the level below (then reuses it for the
 * division), so 8n + 64 limbs suffice for every n.  Returns s's length;
 * *rn is r's.
 */
static int
sqrtrem_dc(uint64_t *s, uint64_t *r, int *rn, const uint64_t *a, int n, uint64_t *scratch)
{
	int			bits = pc_nat_bits(a, n),
				k,
				hn,
				a1n,
				a0n,
				numn,
				dn,
				qn,
				un = 0,
				sn,
				tn;
	uint64_t   *h,
			   *a1,
			   *a0,
			   *num,
			   *d,
			   *q,
			   *u,
			   *t;

	n = nat_len(a, n);
	if (bits <= 124)
	{
		u128		v = (u128) (n > 1 ? a[1] : 0) << 64 | (n > 0 ? a[0] : 0);
		uint64_t	x = isqrt_small(v);
		u128		rem = v - (u128) x * x;

		s[0] = x;
		r[0] = (uint64_t) rem;
		r[1] = (uint64_t) (rem >> 64);
		*rn = nat_len(r, 2);
		return nat_len(s, 1);
	}
	k = bits / 4;
	/* this level's pieces, each at most n + 2 limbs */
	h = scratch;
	a1 = h + n + 1;
	a0 = a1 + n / 2 + 2;
	num = a0 + n / 2 + 2;
	t = num + n + 2;			/* below: q, u, d and the division's work */
	hn = nat_shr(h, a, n, 2 * k);
	a1n = nat_shr(a1, a, n, k);
	a1n = nat_low(a1, a1, a1n, k);
	a0n = nat_low(a0, a, n, k);

	/* (s', r') of the top half, into s and r */
	{
		int			rpn;

		sn = sqrtrem_dc(s, r, &rpn, h, hn, t);
		/* num = r' b + a1 */
		numn = pc_nat_shl(num, r, rpn, k);
		numn = pc_nat_add(num, num, numn, a1, a1n);
	}
	/* (q, u) = divrem(num, 2 s'), in the space after num */
	d = t;
	dn = pc_nat_shl(d, s, sn, 1);
	q = d + dn + 1;
	u = q + numn + 1;
	qn = nat_divrem(q, u, &un, num, numn, d, dn, u + dn + 1);

	/* s = s' b + q */
	tn = pc_nat_shl(h, s, sn, k);	/* h is free again */
	sn = pc_nat_add(s, h, tn, q, qn);

	/* r = u b + a0 - q^2; when that is negative, s - 1 and r + 2s - 1 */
	tn = pc_nat_shl(num, u, un, k);	/* num is free again */
	tn = pc_nat_add(num, num, tn, a0, a0n);
	{
		int			q2n = nat_sqr(h, q, qn > 0 ? qn : 1);

		if (nat_cmp(num, tn, h, q2n) < 0)
		{
			/* r = num + 2s - 1 - q^2 with the old s; then s -= 1 */
			tn = pc_nat_add(num, num, tn, s, sn);
			tn = pc_nat_add(num, num, tn, s, sn);
			for (int i = 0; i < sn; i++)
				if (s[i]-- != 0)
					break;
			sn = nat_len(s, sn);
			tn = pc_nat_sub(num, tn, (const uint64_t[]) {1}, 1);
		}
		tn = pc_nat_sub(num, tn, h, q2n);
	}
	memcpy(r, num, sizeof(uint64_t) * (size_t) (tn > 0 ? tn : 1));
	*rn = tn;
	return sn;
}

/*
 * s = floor(sqrt(a)) and rem = a - s^2 (rem may be NULL), a of n limbs.
 * s needs n / 2 + 2 limbs, rem n + 1.  Returns s's length, or -1 when a is
 * too long.
 */
int
pc_nat_sqrtrem(uint64_t *s, uint64_t *rem, const uint64_t *a, int n)
{
	uint64_t	scratch[8 * PC_NAT_LIMBS + 64],
				r[PC_NAT_LIMBS + 2];
	int			rn;
	int			sn;

	n = nat_len(a, n);
	if (n > PC_NAT_LIMBS)
		return -1;
	sn = sqrtrem_dc(s, r, &rn, a, n, scratch);
	if (rem)
	{
		memset(rem, 0, sizeof(uint64_t) * (size_t) (n + 1));
		memcpy(rem, r, sizeof(uint64_t) * (size_t) (rn > 0 ? rn : 1));
	}
	return sn;
}




int
pc_nat_mul_word(uint64_t *a, int n, uint64_t w)
{
	uint64_t	carry = 0;

	for (int i = 0; i < n; i++)
	{
		u128		t = (u128) a[i] * w + carry;

		a[i] = (uint64_t) t;
		carry = (uint64_t) (t >> 64);
	}
	a[n] = carry;
	return nat_len(a, n + 1);
}

/* ---------------------------------------------------------------- small primes */

/* The primes below 752 (BR 6.1.6's bound), ascending. */
const uint16_t pc_small_primes[PC_SMALL_PRIMES] = {
	2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
	73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151,
	157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233,
	239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317,
	331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419,
	421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503,
	509, 521, 523, 541, 547, 557, 563, 569, 571, 577, 587, 593, 599, 601, 607,
	613, 617, 619, 631, 641, 643, 647, 653, 659, 661, 673, 677, 683, 691, 701,
	709, 719, 727, 733, 739, 743, 751
};

#define MAX_GROUPS 40
#define PRODUCT_LIMBS 20

/*
 * The odd primes in groups whose product m fits 64 bits, each with d = m
 * shifted until its top bit is set (n mod d determines n mod every prime
 * of the group) and d's reciprocal v = floor((2^128 - 1) / d) - 2^64, so
 * that a remainder step costs two multiplications instead of a division
 * (Moller and Granlund, "Improved division by invariant integers", IEEE
 * TC 60(2), 2011, algorithm 4).  inv[i] = floor((2^64 - 1) / prime i) gives
 * a prime's residue from the group's.  Built once per thread.
 */
typedef struct residue_tables
{
	bool		built;
	int			ngroups;
	struct
	{
		uint64_t	d,
					v;
		int			first,
					count;
	}			g[MAX_GROUPS];
	uint64_t	inv[PC_SMALL_PRIMES];
	/* the product of all the odd primes (about 1045 bits) */
	uint64_t	prod[PRODUCT_LIMBS];
	int			prodn;
} residue_tables;

static const residue_tables *
get_residue_tables(void)
{
	static _Thread_local residue_tables t;

	if (!t.built)
	{
		int			i = 1;			/* 2 is read off the lowest bit */

		t.ngroups = 0;
		while (i < PC_SMALL_PRIMES && t.ngroups < MAX_GROUPS)
		{
			uint64_t	m = 1,
						unused;
			int			first = i;

			while (i < PC_SMALL_PRIMES && m <= UINT64_MAX / pc_small_primes[i])
				m *= pc_small_primes[i++];
			t.g[t.ngroups].d = m << __builtin_clzll(m);
			t.g[t.ngroups].v = div_2by1(~t.g[t.ngroups].d, ~(uint64_t) 0, t.g[t.ngroups].d,
										&unused);
			t.g[t.ngroups].first = first;
			t.g[t.ngroups].count = i - first;
			t.ngroups++;
		}
		for (int k = 0; k < PC_SMALL_PRIMES; k++)
			t.inv[k] = UINT64_MAX / pc_small_primes[k];
		t.prod[0] = 1;
		t.prodn = 1;
		for (int k = 1; k < PC_SMALL_PRIMES; k++)
			t.prodn = pc_nat_mul_word(t.prod, t.prodn, pc_small_primes[k]);
		t.built = true;
	}
	return &t;
}

/* (u1:u0) mod d for u1 < d, d normalised, v its reciprocal. */
static inline uint64_t
rem_preinv(uint64_t u1, uint64_t u0, uint64_t d, uint64_t v)
{
	u128		q = (u128) v * u1 + ((u128) (u1 + 1) << 64 | u0);
	uint64_t	q1 = (uint64_t) (q >> 64),
				q0 = (uint64_t) q,
				r = u0 - q1 * d;

	/* without branches: the data decide them at random */
	r += d & -(uint64_t) (r > q0);
	r -= d & -(uint64_t) (r >= d);
	return r;
}

void
pc_nat_small_residues(const uint64_t *a, int n, uint16_t *out)
{
	const residue_tables *t = get_residue_tables();
	uint64_t	rg[MAX_GROUPS] = {0};
	uint64_t	q[PC_NAT_LIMBS + 1],
				rem[PRODUCT_LIMBS],
				work[PC_NAT_LIMBS + PRODUCT_LIMBS + 2];
	const uint64_t *x = a;
	int			xn;

	n = nat_len(a, n);
	out[0] = (uint16_t) (n > 0 ? a[0] & 1 : 0);
	/*
	 * A modulus longer than the product of the odd primes is first reduced
	 * by it (one division): the groups then walk 17 limbs, not 32 or 64.
	 */
	xn = n;
	if (n > t->prodn && n <= PC_NAT_LIMBS)
	{
		(void) nat_divrem(q, rem, &xn, a, n, t->prod, t->prodn, work);
		x = rem;
	}
	/* every group's remainder, a limb at a time from the top */
	for (int i = xn - 1; i >= 0; i--)
		for (int g = 0; g < t->ngroups; g++)
			rg[g] = rem_preinv(rg[g], x[i], t->g[g].d, t->g[g].v);
	for (int g = 0; g < t->ngroups; g++)
		for (int k = t->g[g].first; k < t->g[g].first + t->g[g].count; k++)
		{
			/* r mod p from r: the estimate is low by at most one */
			uint64_t	p = pc_small_primes[k],
						q = (uint64_t) (((u128) rg[g] * t->inv[k]) >> 64),
						rem = rg[g] - q * p;

			out[k] = (uint16_t) (rem >= p ? rem - p : rem);
		}
}

/* As BIGNUMs, for tests. */
bool
pc_nat_to_bn(const uint64_t *a, int n, BIGNUM *out)
{
	uint8_t		buf[PC_NAT_LIMBS * 8 + 8];

	n = nat_len(a, n);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 8; k++)
			buf[8 * (n - 1 - i) + (7 - k)] = (uint8_t) (a[i] >> (8 * k));
	return BN_bin2bn(buf, 8 * n, out) != NULL;
}
