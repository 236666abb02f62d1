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

/* The big-endian 8 octets at p as a limb. */
static inline uint64_t
load_be64(const uint8_t *p)
{
	uint64_t	w;

	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The top len % 8 octets of a big-endian number, as the short top limb. */
static inline uint64_t
load_be_short(const uint8_t *p, size_t len)
{
	uint64_t	w = 0;

	for (size_t k = 0; k < len % 8; k++)
		w = w << 8 | p[k];
	return w;
}

int
pc_nat_from_bytes(uint64_t *a, int max, const uint8_t *p, size_t len)
{
	const uint8_t *end;
	int			whole;

	while (len > 0 && p[0] == 0)
	{
		p++;
		len--;
	}
	if (len > (size_t) max * 8)
		return -1;
	a[0] = 0;
	/* whole limbs from the least significant end, then the short top limb */
	whole = (int) (len / 8);
	end = p + len;
	for (int i = 0; i < whole; i++)
		a[i] = load_be64(end - 8 * (i + 1));
	if (len % 8)
		a[whole++] = load_be_short(p, len);
	return whole;
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

/* m shifted until its top bit is set (d), and d's reciprocal for rem_preinv. */
static uint64_t
normalised_divisor(uint64_t m, uint64_t *v)
{
	uint64_t	d = m << __builtin_clzll(m),
				unused;

	*v = div_2by1(~d, ~(uint64_t) 0, d, &unused);
	return d;
}

/* pw[j] = 2^(64 j) mod d for j < n; each below d, so each next quotient fits. */
static void
powers_of_limb_base(uint64_t *pw, int n, uint64_t d)
{
	pw[0] = 1;
	for (int j = 1; j < n; j++)
		(void) div_2by1(pw[j - 1], 0, d, &pw[j]);
}

/*
 * a mod d for a of at most 64 limbs, from pw[j] = 2^(64 j) mod d: the sum
 * of a[j] pw[j], the products added in three words without a reduction
 * between them (64 products of two limbs stay below 2^134), then two
 * remainder steps.  The multiplications are independent, where Horner's
 * rule makes each limb wait for the previous limb's remainder.
 */
static inline uint64_t
sum_mod_preinv(const uint64_t *a, int n, const uint64_t *pw, uint64_t d, uint64_t v)
{
	u128		lo = 0;
	uint64_t	hi = 0;

	for (int j = 0; j < n; j++)
	{
		u128		p = (u128) a[j] * pw[j];

		lo += p;
		hi += lo < p;
	}
	return rem_preinv(rem_preinv(hi, (uint64_t) (lo >> 64), d, v), (uint64_t) lo, d, v);
}

#define MOD_TABLE_LIMBS 64		/* 4096 bits: the largest common RSA key */

/*
 * A word modulus m prepared for sum_mod_preinv: d, m shifted until its top
 * bit is set (a mod d gives a mod m, as m divides d), d's reciprocal, and
 * 2^(64 j) mod d.  Fermat's and ROCA's filters take remainders modulo two
 * constants, so each thread keeps tables for the last two moduli it met.
 */
typedef struct mod_table
{
	uint64_t	m,
				d,
				v;
	uint64_t	pow[MOD_TABLE_LIMBS];
} mod_table;

static const mod_table *
mod_table_for(uint64_t m)
{
	static _Thread_local mod_table t[2];
	static _Thread_local unsigned next;
	mod_table  *x;

	for (unsigned i = 0; i < 2; i++)
		if (t[i].m == m)
			return &t[i];
	x = &t[next];
	next ^= 1;
	x->d = normalised_divisor(m, &x->v);
	powers_of_limb_base(x->pow, MOD_TABLE_LIMBS, x->d);
	x->m = m;
	return x;
}

uint64_t
pc_nat_mod_word(const uint64_t *a, int n, uint64_t m)
{
	uint64_t	rem = 0;

	n = nat_len(a, n);
	if (n <= MOD_TABLE_LIMBS && m > 1)
	{
		const mod_table *t = mod_table_for(m);

		return sum_mod_preinv(a, n, t->pow, t->d, t->v) % m;
	}
	/* longer numbers by Horner's rule, one division a limb */
	for (int i = n - 1; i >= 0; i--)
		(void) div_2by1(rem, a[i], m, &rem);
	return rem;
}

uint64_t
pc_nat_mod_bytes(const uint8_t *p, size_t len, uint64_t m)
{
	uint64_t	limbs[MOD_TABLE_LIMBS];
	int			n = pc_nat_from_bytes(limbs, MOD_TABLE_LIMBS, p, len);
	uint64_t	rem;

	if (n >= 0)
		return pc_nat_mod_word(limbs, n, m);
	/* longer: Horner's rule a limb at a time from the top */
	rem = load_be_short(p, len) % m;
	for (size_t i = len % 8; i < len; i += 8)
		(void) div_2by1(rem, load_be64(p + i), m, &rem);
	return rem;
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

/* ---------------------------------------------------------------- square root */

/*
 * Limb-vector primitives for the square root.  Their lengths are exact and
 * known to the caller, so unlike the pc_nat_* helpers they never scan for
 * high zero limbs; each returns the carry or borrow out of the top limb,
 * and n is at least 1.
 *
 * On x86-64 they are a few lines of assembly: the carry flag chains the
 * limbs, where C has to go through 128-bit temporaries and comparisons
 * that gcc compiles to about twice the instructions, and these loops are
 * most of the square root's time.  The loops run an index from -n up to
 * zero over pointers to the ends of the vectors (inc keeps the carry
 * flag).  Sanitizer builds take the C versions, whose every limb access is
 * checked.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define NAT_PORTABLE 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || !defined(__x86_64__)
#define NAT_PORTABLE 1
#endif

#ifndef NAT_PORTABLE

/* r = a + b, n limbs (r may be a or b). */
static inline uint64_t
add_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n)
{
	uint64_t	t;
	ptrdiff_t	i = -(ptrdiff_t) n;

	__asm__ volatile("clc\n"
					 "1:\n\t"
					 "movq (%[a],%[i],8), %[t]\n\t"
					 "adcq (%[b],%[i],8), %[t]\n\t"
					 "movq %[t], (%[r],%[i],8)\n\t"
					 "incq %[i]\n\t"
					 "jnz 1b\n\t"
					 "sbbq %[t], %[t]"
					 : [t] "=&r"(t), [i] "+&r"(i)
					 : [a] "r"(a + n), [b] "r"(b + n), [r] "r"(r + n)
					 : "cc", "memory");
	return -t;
}

/* r = a - b, n limbs (r may be a or b). */
static inline uint64_t
sub_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n)
{
	uint64_t	t;
	ptrdiff_t	i = -(ptrdiff_t) n;

	__asm__ volatile("clc\n"
					 "1:\n\t"
					 "movq (%[a],%[i],8), %[t]\n\t"
					 "sbbq (%[b],%[i],8), %[t]\n\t"
					 "movq %[t], (%[r],%[i],8)\n\t"
					 "incq %[i]\n\t"
					 "jnz 1b\n\t"
					 "sbbq %[t], %[t]"
					 : [t] "=&r"(t), [i] "+&r"(i)
					 : [a] "r"(a + n), [b] "r"(b + n), [r] "r"(r + n)
					 : "cc", "memory");
	return -t;
}

/* r = a * w, n limbs; returns the high limb. */
static inline uint64_t
mul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;
	ptrdiff_t	i = -(ptrdiff_t) n;

	__asm__ volatile("1:\n\t"
					 "movq (%[a],%[i],8), %%rax\n\t"
					 "mulq %[w]\n\t"
					 "addq %[c], %%rax\n\t"
					 "adcq $0, %%rdx\n\t"
					 "movq %%rax, (%[r],%[i],8)\n\t"
					 "movq %%rdx, %[c]\n\t"
					 "incq %[i]\n\t"
					 "jnz 1b"
					 : [c] "+&r"(c), [i] "+&r"(i)
					 : [a] "r"(a + n), [r] "r"(r + n), [w] "r"(w)
					 : "rax", "rdx", "cc", "memory");
	return c;
}

/* r += a * w, n limbs; returns the high limb. */
static inline uint64_t
addmul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;
	ptrdiff_t	i = -(ptrdiff_t) n;

	__asm__ volatile("1:\n\t"
					 "movq (%[a],%[i],8), %%rax\n\t"
					 "mulq %[w]\n\t"
					 "addq %[c], %%rax\n\t"
					 "adcq $0, %%rdx\n\t"
					 "addq %%rax, (%[r],%[i],8)\n\t"
					 "adcq $0, %%rdx\n\t"
					 "movq %%rdx, %[c]\n\t"
					 "incq %[i]\n\t"
					 "jnz 1b"
					 : [c] "+&r"(c), [i] "+&r"(i)
					 : [a] "r"(a + n), [r] "r"(r + n), [w] "r"(w)
					 : "rax", "rdx", "cc", "memory");
	return c;
}

/*
 * r -= a * w, n limbs; returns what is owed above the top limb.  This is
 * the division's inner loop, most of the square root's instructions, so
 * it goes two limbs a turn (an odd n starts with one limb).
 */
static inline uint64_t
submul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;
	ptrdiff_t	i = -(ptrdiff_t) (n & ~1);

	if (n & 1)
	{
		u128		p = (u128) a[0] * w;
		uint64_t	lo = (uint64_t) p;

		c = (uint64_t) (p >> 64) + (r[0] < lo);
		r[0] -= lo;
		if (n == 1)
			return c;
	}
	/* a * w + c + 1 < 2^128, so the borrow folds into the carry */
	__asm__ volatile("1:\n\t"
					 "movq (%[a],%[i],8), %%rax\n\t"
					 "mulq %[w]\n\t"
					 "addq %[c], %%rax\n\t"
					 "adcq $0, %%rdx\n\t"
					 "subq %%rax, (%[r],%[i],8)\n\t"
					 "adcq $0, %%rdx\n\t"
					 "movq %%rdx, %[c]\n\t"
					 "movq 8(%[a],%[i],8), %%rax\n\t"
					 "mulq %[w]\n\t"
					 "addq %[c], %%rax\n\t"
					 "adcq $0, %%rdx\n\t"
					 "subq %%rax, 8(%[r],%[i],8)\n\t"
					 "adcq $0, %%rdx\n\t"
					 "movq %%rdx, %[c]\n\t"
					 "addq $2, %[i]\n\t"
					 "jnz 1b"
					 : [c] "+&r"(c), [i] "+&r"(i)
					 : [a] "r"(a + n), [r] "r"(r + n), [w] "r"(w)
					 : "rax", "rdx", "cc", "memory");
	return c;
}

/* r[2i .. 2i + 1] += a[i]^2 for i < n, carried along; returns the carry. */
static inline uint64_t
addsq_n(uint64_t *r, const uint64_t *a, int n)
{
	uint64_t	c = 0;
	ptrdiff_t	i = -(ptrdiff_t) n;

	/* the carry waits in c (0 or -1) while mul clobbers the flags */
	__asm__ volatile("1:\n\t"
					 "movq (%[a],%[i],8), %%rax\n\t"
					 "mulq %%rax\n\t"
					 "negq %[c]\n\t"
					 "adcq %%rax, (%[r])\n\t"
					 "adcq %%rdx, 8(%[r])\n\t"
					 "sbbq %[c], %[c]\n\t"
					 "leaq 16(%[r]), %[r]\n\t"
					 "incq %[i]\n\t"
					 "jnz 1b"
					 : [c] "+&r"(c), [i] "+&r"(i), [r] "+&r"(r)
					 : [a] "r"(a + n)
					 : "rax", "rdx", "cc", "memory");
	return -c;
}

#else							/* NAT_PORTABLE */

static inline uint64_t
add_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		t = (u128) a[i] + b[i] + c;

		r[i] = (uint64_t) t;
		c = (uint64_t) (t >> 64);
	}
	return c;
}

static inline uint64_t
sub_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		t = (u128) a[i] - b[i] - c;

		r[i] = (uint64_t) t;
		c = (uint64_t) (t >> 64) & 1;
	}
	return c;
}

static inline uint64_t
mul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		t = (u128) a[i] * w + c;

		r[i] = (uint64_t) t;
		c = (uint64_t) (t >> 64);
	}
	return c;
}

static inline uint64_t
addmul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		t = (u128) a[i] * w + r[i] + c;

		r[i] = (uint64_t) t;
		c = (uint64_t) (t >> 64);
	}
	return c;
}

static inline uint64_t
submul_1(uint64_t *r, const uint64_t *a, int n, uint64_t w)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		p = (u128) a[i] * w + c;
		uint64_t	lo = (uint64_t) p;

		c = (uint64_t) (p >> 64) + (r[i] < lo);
		r[i] -= lo;
	}
	return c;
}

static inline uint64_t
addsq_n(uint64_t *r, const uint64_t *a, int n)
{
	uint64_t	c = 0;

	for (int i = 0; i < n; i++)
	{
		u128		p = (u128) a[i] * a[i];
		u128		t = (u128) r[2 * i] + (uint64_t) p + c;

		r[2 * i] = (uint64_t) t;
		t = (u128) r[2 * i + 1] + (uint64_t) (p >> 64) + (uint64_t) (t >> 64);
		r[2 * i + 1] = (uint64_t) t;
		c = (uint64_t) (t >> 64);
	}
	return c;
}

#endif							/* NAT_PORTABLE */

/* Compare a and b, n limbs each: -1, 0 or 1. */
static inline int
cmp_n(const uint64_t *a, const uint64_t *b, int n)
{
	for (int i = n - 1; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/*
 * r = a^2, r of 2n limbs, no overlap: each cross product a[i] a[j] (i < j)
 * once, the sum doubled, then the squares a[i]^2 added, which is about half
 * the multiplications of a general product.
 */
static void
sqr_n(uint64_t *r, const uint64_t *a, int n)
{
	if (n == 1)
	{
		u128		p = (u128) a[0] * a[0];

		r[0] = (uint64_t) p;
		r[1] = (uint64_t) (p >> 64);
		return;
	}
	/* row i adds a[i] a[i + 1 ..] at r[2i + 1 ..] and ends at r[i + n] */
	r[0] = 0;
	r[n] = mul_1(r + 1, a + 1, n - 1, a[0]);
	for (int i = 1; i < n - 1; i++)
		r[n + i] = addmul_1(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
	r[2 * n - 1] = add_n(r + 1, r + 1, r + 1, 2 * n - 2);
	(void) addsq_n(r, a, n);
}

/*
 * The square root's division: q2 = u / d and u = u mod d (in u[0 .. dn)),
 * for d of dn limbs whose top limb has its top bit set and u of qn + dn
 * limbs whose top dn limbs are below d, so that q2 has qn limbs.  What the
 * square root wants is q2 / 2 with 'hi' (q2's digit above these) on top,
 * so q gets qn limbs of that and the bit shifted out is returned.
 *
 * This is Knuth's algorithm D (TAOCP 4.3.1) without its normalisation: the
 * square root's divisors arrive normalised.  u's limbs from dn up are left
 * undefined.
 */
static uint64_t
div_norm(uint64_t *q, uint64_t *u, int qn, const uint64_t *d, int dn, uint64_t hi)
{
	uint64_t	d1 = d[dn - 1],
				d0;

	if (dn == 1)
	{
		uint64_t	rem = u[qn];

		for (int j = qn - 1; j >= 0; j--)
		{
			uint64_t	qhat = div_2by1(rem, u[j], d1, &rem);

			q[j] = (qhat >> 1) | (hi << 63);
			hi = qhat;
		}
		u[0] = rem;
		return hi & 1;
	}
	d0 = d[dn - 2];
	for (int j = qn - 1; j >= 0; j--)
	{
		uint64_t   *w = u + j;
		uint64_t	qhat,
					rhat;
		bool		rhat_big;

		/*
		 * qhat from the top two limbs over d1, made exact for the top three
		 * over d1:d0 (so at most one too big for the whole window).  The
		 * window's top dn limbs are below d, so w[dn] <= d1; when equal,
		 * qhat = B - 1 and rhat = w[dn - 1] + d1.
		 */
		if (w[dn] >= d1)
		{
			qhat = ~(uint64_t) 0;
			rhat = w[dn - 1] + d1;
			rhat_big = rhat < d1;
		}
		else
		{
			qhat = div_2by1(w[dn], w[dn - 1], d1, &rhat);
			rhat_big = false;
		}
		while (!rhat_big &&
			   (u128) qhat * d0 > ((u128) rhat << 64 | w[dn - 2]))
		{
			qhat--;
			rhat += d1;
			rhat_big = rhat < d1;
		}
		if (w[dn] < submul_1(w, d, dn, qhat))
		{
			/* qhat was one too big: add d back (the top limb cancels) */
			qhat--;
			(void) add_n(w, w, d, dn);
		}
		q[j] = (qhat >> 1) | (hi << 63);
		hi = qhat;
	}
	return hi & 1;
}

/*
 * s = floor(sqrt(hi B + lo)) for hi >= 2^62 (B = 2^64), and the remainder,
 * at most 2s < 2^65: its low limb in *rlo, its top bit returned.  This is
 * Zimmermann's step (sqrtrem_norm, below) on 32-bit halves: isqrt(hi) from
 * a double is within one of the truth (hi's 64 bits round to 53, which
 * moves a 32-bit root by far less than one) and is then made exact, and
 * one division gives the low half.
 */
static uint64_t
sqrtrem_2(uint64_t *s, uint64_t hi, uint64_t lo, uint64_t *rlo)
{
	uint64_t	s1 = (uint64_t) sqrt((double) hi),
				r1,
				q,
				u,
				x;
	u128		r;

	if (s1 > 0xffffffff)
		s1 = 0xffffffff;
	if (s1 * s1 > hi)
		s1--;
	r1 = hi - s1 * s1;
	if (r1 > 2 * s1)
	{
		/* (s1 + 1)^2 <= hi */
		r1 -= 2 * s1 + 1;
		s1++;
	}
	/* s1 in [2^31, 2^32), r1 <= 2 s1: (q, u) = divrem(r1 2^32 + lo / 2^32, 2 s1) */
	q = div_2by1(r1 >> 32, r1 << 32 | lo >> 32, 2 * s1, &u);
	if (q >> 32)
	{
		/* q = 2^32 is one too big (see sqrtrem_norm); q - 1 is the root's half */
		q--;
		u += 2 * s1;
	}
	x = s1 << 32 | q;
	r = ((u128) u << 32 | (lo & 0xffffffff)) - (u128) q * q;
	if ((r >> 127) != 0)
	{
		/* negative: x was one too big */
		r += 2 * (u128) x - 1;
		x--;
	}
	*s = x;
	*rlo = (uint64_t) r;
	return (uint64_t) (r >> 64);
}

/*
 * The step below for m = 2, where every level's recursion ends (a of 4
 * limbs, a[3] >= 2^62): the same arithmetic on single limbs, in registers.
 */
static uint64_t
sqrtrem_4(uint64_t *s, uint64_t *a)
{
	uint64_t	sh,
				rh,
				c,
				t = 0,
				q,
				u,
				e,
				lo,
				b;
	u128		x,
				p,
				sub;

	c = sqrtrem_2(&sh, a[3], a[2], &rh);
	while (c != 0 || rh >= sh)
	{
		c -= rh < sh;
		rh -= sh;
		t++;
	}
	q = div_2by1(rh, a[1], sh, &u);
	e = q & 1;
	q = (q >> 1) | (t << 63);
	if (t == 2)
	{
		q = ~(uint64_t) 0;
		e += 2;
	}
	/* r = (u + e sh) B + a[0] - q^2: x B + lo, x going below zero when r does */
	x = (u128) u + (u128) e * sh;
	p = (u128) q * q;
	lo = a[0] - (uint64_t) p;
	b = a[0] < (uint64_t) p;
	sub = (p >> 64) + b;
	if (x < sub)
	{
		/* s was one too big: s - 1, and r + 2 (s - 1) + 1 */
		u128		twice;

		if (q-- == 0)
			sh--;
		twice = (u128) (sh >> 63) << 64 | (sh << 1 | q >> 63);
		x += twice + (lo + 2 * q + 1 < lo);
		lo += 2 * q + 1;
	}
	x -= sub;
	s[0] = q;
	s[1] = sh;
	a[0] = lo;
	a[1] = (uint64_t) x;
	return (uint64_t) (x >> 64);
}

/* r += v over n limbs; returns the carry out of the top limb. */
static inline uint64_t
add_1(uint64_t *r, int n, uint64_t v)
{
	for (int i = 0; i < n && v != 0; i++)
	{
		r[i] += v;
		v = r[i] < v;
	}
	return v;
}

#define SQRT_DIGITS_MAX 16		/* longest root sqrtrem_digits takes */

/*
 * The estimate of the next root limb in sqrtrem_digits: with U = floor(R /
 * 2B) (R's limbs r[0 .. k + 2], shifted right by 65 bits) and S's top two
 * limbs d1 (top bit set) and d0, Knuth's trial quotient (TAOCP 4.3.1,
 * algorithm D) from U's top two limbs over d1, capped at B - 1 and lowered
 * while U's top three limbs over d1:d0 show it too big.  The lowering runs
 * at most twice: each turn adds d1 >= B / 2 to rhat, and a second one
 * takes rhat past B, which ends the loop.
 *
 * With Q = floor(U / S) = floor(R / 2SB), the result q satisfies
 * min(Q, B - 1) <= q <= Q + 1:
 *
 * - q >= min(Q, B - 1): the two-limb quotient is at least Q (Knuth's
 *   theorem A), and it is lowered only while q (d1 B + d0) > U3, U's top
 *   three limbs, where Q (d1 B + d0) <= U3 (Q S <= U, cut both at limb
 *   k - 2).
 * - q <= Q + 1: when the loop ends q (d1 B + d0) <= U3 (either its test
 *   failed, or rhat >= B, so that q d1 B <= (U2 - B) B), hence q S <= U +
 *   q (S mod B^(k - 2)) < U + B^(k - 1) < U + S, and (q - Q) S < 2S.
 */
static inline uint64_t
sqrt_digit_estimate(const uint64_t *r, int k, uint64_t d1, uint64_t d0)
{
	uint64_t	u2 = r[k + 1] >> 1 | r[k + 2] << 63,
				u1 = r[k] >> 1 | r[k + 1] << 63,
				u0 = r[k - 1] >> 1 | r[k] << 63,
				q,
				rhat;
	bool		rhat_big;

	if (u2 >= d1)
	{
		/*
		 * q = B - 1 and rhat = (u2 B + u1) - (B - 1) d1 = u1 + d1.  U <= S B
		 * + B / 2 - 1 (R <= 2S B^2 + B^2 - 1), whose top limb is d1, so u2 >
		 * d1 cannot happen; were it to, rhat would be past B.
		 */
		q = ~(uint64_t) 0;
		rhat = u1 + d1;
		rhat_big = u2 > d1 || rhat < d1;
	}
	else
	{
		q = div_2by1(u2, u1, d1, &rhat);
		rhat_big = false;
	}
	while (!rhat_big && (u128) q * d0 > ((u128) rhat << 64 | u0))
	{
		q--;
		rhat += d1;
		rhat_big = rhat < d1;
	}
	return q;
}

/*
 * sqrtrem_norm's result (root in s[0 .. m), remainder over a[0 .. m), its
 * bit 64m returned) for 2 <= m <= SQRT_DIGITS_MAX, a root limb at a time:
 * the schoolbook method, which on roots this short beats the recursion's
 * fixed costs.
 *
 * Let S = isqrt(A) for A, the top 2k limbs of a, and r = A - S^2 <= 2S.
 * Bringing down the next two limbs gives R = r B^2 + (those limbs), and
 * the root of the top 2k + 2 limbs is S B + q, for the largest q with
 * (2S B + q) q <= R; q < B, as (S + 1)^2 B^2 exceeds them.  2S is kept as
 * a vector T, so that R -= (T B + q) q is a single submul_1 and the next
 * T, T B + 2q, costs two stores.
 *
 * The estimate is never too small and at most two too big: (T B + q) q <=
 * R needs q <= Q = floor(R / TB), and q = Q - 1 (for Q <= B) leaves R -
 * TB (Q - 1) >= TB > B^2 > q^2, so the largest such q is Q or Q - 1 (B -
 * 1 when Q = B), and sqrt_digit_estimate's lies in [min(Q, B - 1), Q + 1].
 * (In fact at most one too big: the largest q is Q - 1 < B - 1 only when
 * R mod TB < B^2, so that U - Q S < B / 2, and then U's top three limbs
 * are below (Q + 1)(d1 B + d0), which rules out the estimate Q + 1.  The
 * loop allows two, the bound that needs no such argument.)  (T B + q) q
 * grows with q, so each turn that finds R below zero lowers q by one and
 * adds back (T B + q) q - (T B + q - 1)(q - 1) = (T B + q - 1) + q.  R <
 * 2B^(k + 2) (r <= 2S < 2B^k) and (T B + q) q < 2B^(k + 2), so the limb
 * above R's k + 2 owes at most 2: 'hi' holds it, and ends at 0.
 *
 * S's top two limbs come from sqrtrem_4 and do not change as S grows.
 * R sits in place in a: after k limbs of the root, r is a[2m - 2k .. 2m -
 * k] (its top limb 0 or 1), so R is a[2m - 2k - 2 .. 2m - k].
 */
static uint64_t
sqrtrem_digits(uint64_t *s, uint64_t *a, int m)
{
	uint64_t	t[SQRT_DIGITS_MAX + 1];
	uint64_t	d1,
				d0;

	/* the root's top two limbs, and r's top limb (its bit 128) above it */
	a[2 * m - 2] = sqrtrem_4(s + m - 2, a + 2 * m - 4);
	d1 = s[m - 1];
	d0 = s[m - 2];
	/* T = 2S in t[m - k .. m] (top limb 1, as d1 >= 2^63), a free limb below */
	t[m - 2] = d0 << 1;
	t[m - 1] = d1 << 1 | d0 >> 63;
	t[m] = d1 >> 63;
	for (int k = 2; k < m; k++)
	{
		uint64_t   *r = a + 2 * m - 2 * k - 2;	/* R: k + 3 limbs */
		uint64_t   *w = t + m - 1 - k;	/* T B + q: k + 2 limbs */
		uint64_t	q = sqrt_digit_estimate(r, k, d1, d0);
		int64_t		hi;

		w[0] = q;
		hi = (int64_t) r[k + 2] - (int64_t) submul_1(r, w, k + 2, q);
		/* at most two corrections (above); counted, so no state can loop */
		for (int fix = 0; fix < 2 && hi < 0; fix++)
		{
			w[0] = --q;
			hi += (int64_t) add_n(r, r, w, k + 2);
			hi += (int64_t) add_1(r, k + 2, q + 1);
		}
		s[m - 1 - k] = q;
		/* T B + 2q: T's low limb is twice a limb, so even, and takes 2q's top bit */
		w[0] = q << 1;
		w[1] |= q >> 63;
	}
	return a[m];
}

static uint64_t sqrtrem_norm(uint64_t *s, uint64_t *a, int m, uint64_t *work);

/*
 * Zimmermann's divide-and-conquer square root ("Karatsuba Square Root",
 * INRIA RR-3805, 1999) on a normalised a of 2m limbs, a[2m - 1] >= 2^62.
 * With l = floor(m / 2), h = m - l, b = B^l and a = a_hi b^2 + a1 b + a0
 * (a_hi of 2h limbs, a1 and a0 of l):
 *
 *		(s', r') = sqrtrem(a_hi); (q, u) = divrem(r' b + a1, 2 s');
 *		s = s' b + q; r = u b + a0 - q^2; if r < 0, r += 2s - 1 and s -= 1.
 *
 * a_hi keeps a's top limb, so every level is normalised as well, which
 * gives s' >= b / 2 and so q <= b and at most one correction; s' also has
 * its top bit set, so it serves as the divisor as it is: divide by s' and
 * halve the quotient.  q = b (s' b + b overflows m limbs) is known to be
 * one too big and taken as b - 1 at once.
 *
 * This is the first half: s' b + q into s[0 .. m) and u b + a0 in a[0 ..
 * m) with the limb above it returned; sqrtrem_norm and sqrt_norm finish.
 * a's limbs above m are destroyed.  'work' has room for m limbs.  m is at
 * least 3: smaller roots go to sqrtrem_2 and sqrtrem_4, called directly to
 * spare this function's larger frame.  s' of up to SQRT_DIGITS_MAX limbs
 * comes from sqrtrem_digits, which is cheaper there than recursing.
 */
static inline uint64_t
sqrt_divide(uint64_t *s, uint64_t *a, int m, uint64_t *work)
{
	int			l = m / 2,
				h = m - l;
	uint64_t   *sh = s + l;
	uint64_t	e,
				t,
				top;

	/* s' and r' from a_hi = a[2l .. 2m): s' into s[l .. m), r' over a_hi's low half */
	top = h <= SQRT_DIGITS_MAX ? sqrtrem_digits(sh, a + 2 * l, h) :
		sqrtrem_norm(sh, a + 2 * l, h, work);

	/*
	 * Divide r' b + a1 = a[l .. l + m) + top B^m by s': the quotient q2 =
	 * 2q + (0 or 1) is at most 2b + 1, since q <= b.  Its top digit (0, 1
	 * or 2, as r' <= 2s') is r' / s', which a subtraction or two find;
	 * the division proper then has l limbs to find.  Two at most, by
	 * count: a wrong r' (a bug below) must not set this spinning.
	 */
	t = 0;
	while (t < 2 && (top != 0 || cmp_n(a + 2 * l, sh, h) >= 0))
	{
		top -= sub_n(a + 2 * l, a + 2 * l, sh, h);
		t++;
	}
	e = div_norm(s, a + l, l, sh, h, t);
	if (t == 2)
	{
		/* q = b: take b - 1, which leaves u = u2 + (q2 - 2 (b - 1)) s' */
		for (int i = 0; i < l; i++)
			s[i] = ~(uint64_t) 0;
		e += 2;
	}
	/* u = u2 + e s', below 4 s' */
	top = 0;
	for (; e > 0; e--)
		top += add_n(a + l, a + l, sh, h);
	return top;
}

/* s -= 1 over m limbs, s > 0. */
static inline void
decrement_n(uint64_t *s, int m)
{
	for (int i = 0; i < m; i++)
		if (s[i]-- != 0)
			break;
}

/*
 * The whole step: s gets m limbs; the remainder (at most 2s) replaces a[0
 * .. m), and its bit 64m is returned.
 */
static uint64_t
sqrtrem_norm(uint64_t *s, uint64_t *a, int m, uint64_t *work)
{
	int			l = m / 2;
	uint64_t	top = sqrt_divide(s, a, m, work),
				owed;

	/* r = u b + a0 - q^2 in a[0 .. m) and 'top', which may go below zero */
	sqr_n(work, s, l);
	owed = sub_n(a, a, work, 2 * l);
	for (int i = 2 * l; i < m && owed; i++)
		owed = a[i]-- == 0;
	if (top < owed)
	{
		/* r < 0: s was one too big; r + 2s - 1 = r + 2 (s - 1) + 1 */
		uint64_t	c = 1,
					prev = 0;

		decrement_n(s, m);
		for (int i = 0; i < m; i++)
		{
			uint64_t	twice = (s[i] << 1) | (prev >> 63);
			u128		sum = (u128) a[i] + twice + c;

			a[i] = (uint64_t) sum;
			c = (uint64_t) (sum >> 64);
			prev = s[i];
		}
		top += c + (prev >> 63);
	}
	return top - owed;
}

/*
 * Is q^2 > x, for q of l >= 2 limbs and x of 2l?  Usually the top two limbs
 * of each decide: with Q = q's top two limbs, q^2 / B^(2l - 2) lies in
 * [H, H + 3) for H = Q^2 / B^2 (q^2 / B^(2l - 4) is below (Q + 1)^2 =
 * Q^2 + 2Q + 1 < Q^2 + 2 B^2), so x's top two limbs below H or above H + 2
 * settle it.  Otherwise (a perfect square, or nearly) q^2 is worked out.
 * 'work' has room for 2l limbs.
 */
static bool
square_exceeds(const uint64_t *q, int l, const uint64_t *x, uint64_t *work)
{
	uint64_t	qh = q[l - 1],
				ql = q[l - 2];
	u128		x_hi = (u128) x[2 * l - 1] << 64 | x[2 * l - 2],
				cross = (u128) qh * ql,
				lo = (u128) ql * ql,
				mid,
				hi;

	/*
	 * Q^2 = qh^2 B^2 + 2 qh ql B + ql^2; H is its part from B^2 up: qh^2,
	 * twice the cross product's high limb, and the carry out of the limb
	 * at B (twice the cross product's low limb plus ql^2's high one).
	 */
	mid = (lo >> 64) + (uint64_t) cross + (uint64_t) cross;
	hi = (u128) qh * qh + (cross >> 64) + (cross >> 64) + (mid >> 64);
	if (x_hi < hi)
		return true;
	if (x_hi > hi && x_hi - hi > 2)
		return false;
	sqr_n(work, q, l);
	return cmp_n(work, x, 2 * l) > 0;
}

/*
 * sqrtrem_norm's root without its remainder, for the top level of a root
 * whose remainder is not wanted: r's sign is all the correction needs, and
 * square_exceeds mostly finds it without squaring q.
 */
static void
sqrt_norm(uint64_t *s, uint64_t *a, int m, uint64_t *work)
{
	int			l = m / 2;
	bool		negative;

	/* r = X - q^2 with X = u b + a0 = top B^m + a[0 .. m) and q^2 < B^(2l) */
	if (sqrt_divide(s, a, m, work) != 0 || (m & 1 && a[m - 1] != 0))
		negative = false;
	else if (l == 1)
		negative = (u128) s[0] * s[0] > ((u128) a[1] << 64 | a[0]);
	else
		negative = square_exceeds(s, l, a, work);
	if (negative)
		decrement_n(s, m);
}

/*
 * s = floor(sqrt(a)) and rem = a - s^2 (rem may be NULL), a of n limbs.
 * s needs n / 2 + 2 limbs, rem n + 1.  Returns s's length, or -1 when a is
 * too long.  Without rem the top level skips the remainder (sqrt_norm),
 * about a fifth of the work for a 2048-bit a.
 *
 * a is shifted left by an even 2k bits (and a zero limb put below an odd
 * count) so that it has 2m limbs and its top limb is at least 2^62, the
 * form sqrtrem_norm wants; then with a 4^k = S^2 + R and S = s 2^k + s0
 * (s0 < 2^k), s = floor(sqrt(a)) and 4^k (a - s^2) = R + s0 (2S - s0).
 */
int
pc_nat_sqrtrem(uint64_t *s, uint64_t *rem, const uint64_t *a, int n)
{
	uint64_t	x[PC_NAT_LIMBS + 2],
				work[PC_NAT_LIMBS / 2 + 2];
	int			m,
				z,
				k;
	uint64_t	top;

	n = nat_len(a, n);
	if (n > PC_NAT_LIMBS)
		return -1;
	if (n == 0)
	{
		s[0] = 0;
		if (rem)
			rem[0] = 0;
		return 0;
	}
	if (n == 1)
	{
		/* a double's root is within one of the truth, below 2^32 */
		uint64_t	v = a[0],
					root = (uint64_t) sqrt((double) v);

		if (root > 0xffffffff)
			root = 0xffffffff;
		if (root * root > v)
			root--;
		else if (v - root * root > 2 * root)
			root++;
		s[0] = root;
		if (rem)
		{
			rem[0] = v - root * root;
			rem[1] = 0;
		}
		return 1;
	}
	m = (n + 1) / 2;
	z = __builtin_clzll(a[n - 1]) & ~1;
	k = z / 2 + 32 * (n & 1);
	/* x = a 4^k: an odd count gets a zero limb below */
	{
		uint64_t   *xp = x + (n & 1);

		if (n & 1)
			x[0] = 0;
		if (z == 0)
			memcpy(xp, a, sizeof(uint64_t) * (size_t) n);
		else
		{
			for (int i = n - 1; i > 0; i--)
				xp[i] = (a[i] << z) | (a[i - 1] >> (64 - z));
			xp[0] = a[0] << z;
		}
	}
	if (rem == NULL && m >= 3)
	{
		/* the root alone: the top level need not work out its remainder */
		sqrt_norm(s, x, m, work);
		top = 0;
	}
	else
		top = m == 1 ? sqrtrem_2(s, x[1], x[0], &x[0]) :
			m == 2 ? sqrtrem_4(s, x) :
			m <= SQRT_DIGITS_MAX ? sqrtrem_digits(s, x, m) : sqrtrem_norm(s, x, m, work);

	if (k == 0)
	{
		if (rem)
		{
			memcpy(rem, x, sizeof(uint64_t) * (size_t) m);
			rem[m] = top;
			for (int i = m + 1; i <= n; i++)
				rem[i] = 0;
		}
		return nat_len(s, m);
	}
	if (rem)
	{
		/*
		 * x = R + s0 (2S - s0) = R + 2 s0 S - s0^2: R + 2 s0 S <= 2S (s0 +
		 * 1) < 2^(64m + k + 1), so m + 1 limbs hold it, and as k < 64, 2 s0
		 * is a limb.
		 */
		uint64_t	s0 = s[0] & ((((uint64_t) 1) << k) - 1);
		u128		sq = (u128) s0 * s0;
		uint64_t	owed = (uint64_t) (sq >> 64);
		int			w = (2 * k) / 64,
					b = (2 * k) % 64,
					xn;
		uint64_t   *xs;

		x[m] = top + addmul_1(x, s, m, 2 * s0);
		owed += x[0] < (uint64_t) sq;
		x[0] -= (uint64_t) sq;
		/* x >= 0 stops the borrow by x[m]; the bound holds it there regardless */
		for (int i = 1; owed != 0 && i <= m; i++)
		{
			uint64_t	y = owed;

			owed = x[i] < y;
			x[i] -= y;
		}
		/* rem = x / 4^k */
		xs = x + w;
		xn = m + 1 - w;
		if (b == 0)
			memcpy(rem, xs, sizeof(uint64_t) * (size_t) xn);
		else
		{
			for (int i = 0; i < xn - 1; i++)
				rem[i] = (xs[i] >> b) | (xs[i + 1] << (64 - b));
			rem[xn - 1] = xs[xn - 1] >> b;
		}
		for (int i = xn; i <= n; i++)
			rem[i] = 0;
	}
	/* s = S / 2^k */
	for (int i = 0; i < m - 1; i++)
		s[i] = (s[i] >> k) | (s[i + 1] << (64 - k));
	s[m - 1] >>= k;
	return nat_len(s, m);
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
#define POW_LIMBS 64			/* 4096 bits: the largest common RSA key */

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
	/* pow[g][j] = 2^(64 j) mod d of group g, for moduli up to POW_LIMBS */
	uint64_t	pow[MAX_GROUPS][POW_LIMBS];
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
			uint64_t	m = 1;
			int			first = i;

			while (i < PC_SMALL_PRIMES && m <= UINT64_MAX / pc_small_primes[i])
				m *= pc_small_primes[i++];
			t.g[t.ngroups].d = normalised_divisor(m, &t.g[t.ngroups].v);
			t.g[t.ngroups].first = first;
			t.g[t.ngroups].count = i - first;
			t.ngroups++;
		}
		for (int k = 0; k < PC_SMALL_PRIMES; k++)
			t.inv[k] = UINT64_MAX / pc_small_primes[k];
		for (int g = 0; g < t.ngroups; g++)
			powers_of_limb_base(t.pow[g], POW_LIMBS, t.g[g].d);
		t.prod[0] = 1;
		t.prodn = 1;
		for (int k = 1; k < PC_SMALL_PRIMES; k++)
			t.prodn = pc_nat_mul_word(t.prod, t.prodn, pc_small_primes[k]);
		t.built = true;
	}
	return &t;
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
	if (n <= POW_LIMBS)
	{
		/* up to 4096 bits: sums of limb products (sum_mod_preinv) */
		for (int g = 0; g < t->ngroups; g++)
			rg[g] = sum_mod_preinv(a, n, t->pow[g], t->g[g].d, t->g[g].v);
	}
	else
	{
		/*
		 * A longer modulus is first reduced by the product of the odd
		 * primes (one division): the groups then walk 17 limbs by Horner's
		 * rule, a limb at a time from the top.
		 */
		xn = n;
		if (n > t->prodn && n <= PC_NAT_LIMBS)
		{
			(void) nat_divrem(q, rem, &xn, a, n, t->prod, t->prodn, work);
			x = rem;
		}
		for (int i = xn - 1; i >= 0; i--)
			for (int g = 0; g < t->ngroups; g++)
				rg[g] = rem_preinv(rg[g], x[i], t->g[g].d, t->g[g].v);
	}
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
