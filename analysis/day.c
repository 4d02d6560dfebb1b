/*
 * Calendar days as integers (days since 1970-01-01, proleptic Gregorian):
 * parsing, formatting and ISO weeks. Pure arithmetic; never reads the clock.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analysis.h"

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
