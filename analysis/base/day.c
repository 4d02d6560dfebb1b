/*
 * Calendar days as integers (days since 1970-01-01, proleptic Gregorian):
 * parsing, formatting and ISO weeks. Pure arithmetic; never reads the clock.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analysis/base/base.h"

/* Whether y is a Gregorian leap year. */
static int
day_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
static int
day_month_length(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && day_leap(y) ? 29 : len[m - 1];
}

/*
 * Convert y-m-d to a day number; -1 for an impossible date (2025-02-30)
 * or a year outside 1000-9999. Howard Hinnant's days_from_civil.
 */
int
day_from_ymd(int y, int m, int d, day_t *out)
{
	int	 era, yoe, doy, doe;

	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > day_month_length(y, m))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

/* Convert a day number back to y-m-d (civil_from_days). */
void
day_to_ymd(day_t z, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Parse exactly "YYYY-MM-DD"; -1 if malformed or impossible. */
int
day_parse(const char *s, day_t *out)
{
	int	 y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return day_from_ymd(y, m, d, out);
}

/* Read up to 4 digits at s[*i]; -1 if none. *ndig gets how many. */
static int
day_digits(const char *s, size_t *i, int *ndig)
{
	int	 v = 0, n = 0;

	while (n < 4 && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*ndig = n;
	return n == 0 ? -1 : v;
}

/*
 * The calendar date of a date as feeds write it: RFC 3339 / ISO 8601
 * ("2025-03-13T17:59:06.000Z", "2025/03/13"), RFC 822 and its kin ("Fri,
 * 14 Mar 2025 00:00:00 -0400", "14-Mar-25", asctime), and "March 14,
 * 2025". The date is taken as written: the time and zone are ignored. -1
 * if it cannot be read or is impossible.
 */
int
day_parse_loose(const char *s, day_t *out)
{
	size_t	 i = 0, w;
	int	 num[3], nd, v, n = 0, m = -1, y, d;

	if (s == NULL)
		return -1;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	if ((y = day_digits(s, &i, &nd)) >= 0 && nd == 4 &&
	    (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
		i++;
		if ((m = day_digits(s, &i, &nd)) < 0 || nd > 2 ||
		    (s[i] != '-' && s[i] != '/' && s[i] != '.'))
			return -1;
		i++;
		if ((d = day_digits(s, &i, &nd)) < 0 || nd > 2 ||
		    (s[i] >= '0' && s[i] <= '9'))
			return -1;
		return day_from_ymd(y, m, d, out);
	}
	for (i = 0; s[i] != '\0'; ) {
		if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') {
			for (w = 0; ((s[i + w] | 0x20) >= 'a' &&
			    (s[i + w] | 0x20) <= 'z') || s[i + w] == '.'; w++)
				;
			if (m < 0)
				m = day_month_from_name(s + i, w);
			i += w;
		} else if (s[i] >= '0' && s[i] <= '9') {
			v = day_digits(s, &i, &nd);
			if (s[i] == ':') {	/* a time: skip it */
				while (s[i] == ':' || (s[i] >= '0' &&
				    s[i] <= '9'))
					i++;
				continue;
			}
			if ((s[i] >= '0' && s[i] <= '9') || n == 3)
				return -1;
			num[n++] = nd == 4 ? -v - 1 : v;	/* years < 0 */
		} else if ((s[i] == '+' || s[i] == '-') && n >= 2)
			break;		/* a zone offset */
		else
			i++;
	}
	if (m < 0 || n != 2)
		return -1;
	if (num[0] < 0 && num[1] >= 0) {	/* "2025 Mar 14" */
		y = -num[0] - 1;
		d = num[1];
	} else if (num[1] < 0) {
		d = num[0];
		y = -num[1] - 1;
	} else {			/* a two-digit year */
		d = num[0];
		y = num[1] < 70 ? 2000 + num[1] : 1900 + num[1];
	}
	return day_from_ymd(y, m, d, out);
}

/* Format a day as "YYYY-MM-DD". */
void
day_format(day_t day, char out[11])
{
	int	 y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000U,
	    (unsigned)m % 100U, (unsigned)d % 100U);
}

/* Format the day's month as "YYYY-MM". */
void
day_format_month(day_t day, char out[8])
{
	int	 y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000U,
	    (unsigned)m % 100U);
}

/* Month number 1-12 from an English name or its 3-letter abbreviation. */
int
day_month_from_name(const char *s, size_t len)
{
	static const char *names[] = { "january", "february", "march",
	    "april", "may", "june", "july", "august", "september", "october",
	    "november", "december" };
	int	 i;

	if (len < 3)
		return -1;
	for (i = 0; i < 12; i++) {
		if (strncasecmp(s, names[i], len) == 0 &&
		    (len == 3 || len == strlen(names[i]) ||
		    (len == 4 && s[3] == '.')))
			return i + 1;
		if (len == 4 && s[3] == '.' && strncasecmp(s, names[i], 3) == 0)
			return i + 1;
	}
	return -1;
}

/* Day of the week, 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
int
day_weekday(day_t day)
{
	int	 w = (int)((day % 7 + 7 + 3) % 7);

	return w + 1;
}

/* The ISO 8601 week-numbering year and week (1-53) of a day. */
void
day_iso_week(day_t day, int *year, int *week)
{
	day_t	 thursday = day - day_weekday(day) + 4, jan1 = 0;
	int	 y, m, d;

	day_to_ymd(thursday, &y, &m, &d);
	day_from_ymd(y, 1, 1, &jan1);
	*year = y;
	*week = (thursday - jan1) / 7 + 1;
}

/* The Monday that starts ISO week w of year y. */
day_t
day_iso_week_start(int y, int w)
{
	day_t	 jan4;

	if (day_from_ymd(y, 1, 4, &jan4) != 0)
		return DAY_NONE;
	return jan4 - (day_weekday(jan4) - 1) + (w - 1) * 7;
}

/* Format the day's ISO week as "YYYY-Www". */
void
day_format_week(day_t day, char out[9])
{
	int	 y, w;

	day_iso_week(day, &y, &w);
	snprintf(out, 9, "%04u-W%02u", (unsigned)y % 10000U,
	    (unsigned)w % 100U);
}
