/*
 * time.c
 *		UTCTime and GeneralizedTime, read leniently and described exactly.
 *
 * RFC 5280 fixes the formats (YYMMDDHHMMSSZ, YYYYMMDDHHMMSSZ).  Deviations
 * that still name an instant (no seconds, an offset instead of Z, fractional
 * seconds) are read and flagged for the rules to report; text that names no
 * instant is PC_TF_INVALID.
 */
#include "pc.h"

#include <stdio.h>

static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned) (y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t) doe - 719468;
}

void
pc_civil_from_days(int64_t z, int *yy, unsigned *mm, unsigned *dd)
{
	int64_t		era;
	unsigned	doe,
				yoe,
				doy,
				mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned) (z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*dd = doy - (153 * mp + 2) / 5 + 1;
	*mm = mp < 10 ? mp + 3 : mp - 9;
	*yy = (int) (yoe + era * 400 + (*mm <= 2));
}

static bool
digits(const uint8_t *p, size_t n, unsigned *out)
{
	unsigned	v = 0;

	for (size_t i = 0; i < n; i++)
	{
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (unsigned) (p[i] - '0');
	}
	*out = v;
	return true;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned
month_days(int y, unsigned m)
{
	static const unsigned md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : md[m - 1];
}

#define OCTETS(b)	(UINT64_C(0x0101010101010101) * (b))

/*
 * Are the 8 octets of w all ASCII digits?  The high nibble must be 3, and
 * adding 6 must not carry out of the low nibble (which is then 0 to 9); no
 * octet can carry into the next, as 0x3f + 6 < 0x100.
 */
static inline bool
word_digits(uint64_t w)
{
	return (w & OCTETS(0xf0)) == OCTETS(0x30) &&
		((w + OCTETS(0x06)) & OCTETS(0xf0)) == OCTETS(0x30);
}

/* The two digits at p as a number; the caller checked they are digits. */
static inline unsigned
two(const uint8_t *p)
{
	return (unsigned) (p[0] - '0') * 10 + (unsigned) (p[1] - '0');
}

/*
 * The last step of pc_time_parse: check the fields' ranges and compute the
 * instant.
 */
static inline bool
time_finish(pc_time *out, unsigned year, unsigned mon, unsigned day, unsigned hour,
			unsigned min, unsigned sec, int64_t offset, uint8_t flags)
{
	if (mon < 1 || mon > 12 || day < 1 || day > month_days((int) year, mon) ||
		hour > 23 || min > 59 || sec > 60)
		return false;

	out->t = days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
	out->flags = flags;
	return true;
}

/*
 * time_finish for years 1901 to 2099 with no offset and no flag, the years
 * of nearly every certificate.  There every fourth year is a leap year,
 * 2000 included, so the day count needs no division: days_from_civil's
 * answer is 365 days a year from 1970, plus the 29ths of February between,
 * plus the days of the year before the month.  Other years go the general
 * way.
 */
static inline bool
time_finish_recent(pc_time *out, unsigned year, unsigned mon, unsigned day, unsigned hour,
				   unsigned min, unsigned sec)
{
	/* days of the year before each month (1-12), in a common year */
	static const uint16_t before[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	static const uint8_t md[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned	leap;
	int64_t		days;

	if (year < 1901 || year > 2099)
		return time_finish(out, year, mon, day, hour, min, sec, 0, 0);
	leap = (year & 3) == 0;
	if (mon < 1 || mon > 12 || day < 1 || day > md[mon] + (mon == 2 ? leap : 0) ||
		hour > 23 || min > 59 || sec > 60)
		return false;
	/* leap days in [1970, year): floor((year - 1969) / 4), year - 1901 >= 0 */
	days = (int64_t) ((int) year - 1970) * 365 + (int64_t) ((year - 1901) >> 2) - 17 +
		before[mon] + (mon > 2 ? leap : 0) + day - 1;
	out->t = days * 86400 + hour * 3600 + min * 60 + sec;
	out->flags = 0;
	return true;
}

/*
 * The forms RFC 5280 prescribes, YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ, which
 * nearly every certificate uses: all digits, then Z.  The general parser
 * reads them the same way (seconds present, no fraction, Zulu: no flags);
 * this spares its generality.  Returns false, having done nothing, for
 * anything else.
 */
static inline bool
time_canonical(uint8_t tag, const uint8_t *p, size_t n, pc_time *out, bool *ok)
{
	unsigned	year;

	if (tag == PC_T_UTCTIME && n == 13 && p[12] == 'Z')
	{
		/* octets 0-7, then 4-11 */
		if (!word_digits(pc_load_word(p)) || !word_digits(pc_load_word(p + 4)))
			return false;
		year = two(p);
		year += year >= 50 ? 1900 : 2000;
		p += 2;
	}
	else if (tag == PC_T_GENERALIZEDTIME && n == 15 && p[14] == 'Z')
	{
		/* octets 0-7, then 6-13 */
		if (!word_digits(pc_load_word(p)) || !word_digits(pc_load_word(p + 6)))
			return false;
		year = two(p) * 100 + two(p + 2);
		p += 4;
	}
	else
		return false;
	*ok = time_finish_recent(out, year, two(p), two(p + 2), two(p + 4), two(p + 6), two(p + 8));
	return true;
}

/*
 * pc_time_parse for every form but the canonical ones, apart so that the
 * canonical path stays small.  'out' has been reset.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool
time_parse_general(uint8_t tag, const uint8_t *p, size_t n, pc_time *out)
{
	size_t		i;
	unsigned	year,
				mon,
				day,
				hour,
				min,
				sec = 0;
	int64_t		offset = 0;
	uint8_t		flags = 0;

	if (tag == PC_T_UTCTIME)
	{
		if (n < 10 || !digits(p, 2, &year))
			return false;
		year += year >= 50 ? 1900 : 2000;
		i = 2;
	}
	else if (tag == PC_T_GENERALIZEDTIME)
	{
		if (n < 12 || !digits(p, 4, &year))
			return false;
		i = 4;
	}
	else
		return false;

	if (!digits(p + i, 2, &mon) || !digits(p + i + 2, 2, &day) ||
		!digits(p + i + 4, 2, &hour) || !digits(p + i + 6, 2, &min))
		return false;
	i += 8;
	if (i + 2 <= n && p[i] >= '0' && p[i] <= '9')
	{
		if (!digits(p + i, 2, &sec))
			return false;
		i += 2;
	}
	else
		flags |= PC_TF_NO_SECONDS;

	if (i < n && (p[i] == '.' || p[i] == ','))
	{
		size_t		j = i + 1;

		while (j < n && p[j] >= '0' && p[j] <= '9')
			j++;
		if (j == i + 1)
			return false;
		flags |= PC_TF_FRACTION;
		i = j;
	}

	if (i < n && p[i] == 'Z')
		i++;
	else if (i < n && (p[i] == '+' || p[i] == '-'))
	{
		unsigned	oh,
					om;

		if (i + 5 > n || !digits(p + i + 1, 2, &oh) || !digits(p + i + 3, 2, &om) ||
			oh > 23 || om > 59)
			return false;
		offset = (int64_t) (oh * 3600 + om * 60) * (p[i] == '+' ? 1 : -1);
		flags |= PC_TF_NOT_ZULU;
		i += 5;
	}
	else
		flags |= PC_TF_NOT_ZULU;	/* local time: read as UTC */

	if (i != n)
		return false;
	return time_finish(out, year, mon, day, hour, min, sec, offset, flags);
}

bool
pc_time_parse(uint8_t tag, pc_span text, pc_time *out)
{
	bool		ok;

	out->tag = tag;
	out->text = text;
	out->t = 0;
	out->flags = PC_TF_INVALID;

	if (time_canonical(tag, text.p, text.n, out, &ok))
		return ok;
	return time_parse_general(tag, text.p, text.n, out);
}

/*
 * Whole days before t, rounding toward minus infinity.  Written without
 * negating t, which overflows for INT64_MIN (a caller may pass any instant).
 */
static int64_t
floor_days(int64_t t)
{
	int64_t		days = t / 86400;

	if (t % 86400 < 0)
		days--;
	return days;
}

void
pc_format_date(int64_t t, char *buf, size_t size)
{
	int			y;
	unsigned	m,
				d;
	int64_t		days = floor_days(t);

	pc_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02u-%02u", y, m, d);
}

void
pc_format_time(int64_t t, char *buf, size_t size)
{
	int			y;
	unsigned	m,
				d;
	int64_t		days = floor_days(t);
	int64_t		rem = t % 86400;	/* not t - days * 86400: that overflows */

	if (rem < 0)
		rem += 86400;

	pc_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
			 (unsigned) (rem / 3600), (unsigned) (rem / 60 % 60), (unsigned) (rem % 60));
}

bool
pc_parse_iso_time(const char *s, int64_t *out)
{
	unsigned	y,
				m,
				d,
				hh = 0,
				mm = 0,
				ss = 0;
	size_t		n = strlen(s);
	const uint8_t *p = (const uint8_t *) s;

	if (n < 10 || !digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &m) ||
		p[7] != '-' || !digits(p + 8, 2, &d))
		return false;
	p += 10;
	n -= 10;
	if (n > 0 && (*p == 'T' || *p == ' '))
	{
		if (n < 6 || !digits(p + 1, 2, &hh) || p[3] != ':' || !digits(p + 4, 2, &mm))
			return false;
		p += 6;
		n -= 6;
		if (n >= 3 && *p == ':')
		{
			if (!digits(p + 1, 2, &ss))
				return false;
			p += 3;
			n -= 3;
		}
	}
	if (n == 1 && *p == 'Z')
		n = 0;
	if (n != 0 || m < 1 || m > 12 || d < 1 || d > month_days((int) y, m) ||
		hh > 23 || mm > 59 || ss > 59)
		return false;
	*out = days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}
