/*
 * Durations ("30s", "5m", "6h", "1d", "2w") and sizes ("512K", "15M",
 * "1G") as written in the configuration and on the command line. Pure
 * parsing; the values are seconds and bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/base/base.h"

/* Parse a whole non-negative integer followed by one unit letter. */
static int
units_parse(const char *s, const char *units, const long long *mult,
    long long *out, int bare)
{
	char		*end;
	long long	 v;
	size_t		 i;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || v < 0)
		return -1;
	if (*end == '\0') {
		if (!bare)
			return -1;
		*out = v;
		return 0;
	}
	if (end[1] != '\0')
		return -1;
	for (i = 0; units[i] != '\0'; i++) {
		if (*end == units[i]) {
			if (v > INT64_MAX / mult[i])
				return -1;
			*out = v * mult[i];
			return 0;
		}
	}
	return -1;
}

/* A duration in seconds: a number and s, m, h, d or w; -1 if malformed. */
int
duration_parse(const char *s, long long *seconds)
{
	static const long long mult[] = { 1, 60, 3600, 86400, 604800 };

	return units_parse(s, "smhdw", mult, seconds, 0);
}

/*
 * A duration in whole days ("7d", "4w"), at least one day and at most a
 * century; -1 for anything else.
 */
int
duration_days(const char *s, int *days)
{
	long long	 seconds;

	if (duration_parse(s, &seconds) != 0 || seconds < 86400 ||
	    seconds % 86400 != 0 || seconds > 36600LL * 86400)
		return -1;
	*days = (int)(seconds / 86400);
	return 0;
}

/* A size in bytes: a number, bare or with K, M or G (powers of 1024). */
int
size_parse(const char *s, long long *bytes)
{
	static const long long mult[] = { 1024, 1048576, 1073741824 };

	return units_parse(s, "KMG", mult, bytes, 1);
}

/* A size for people: "512 bytes", "138.1K", "1.3M" or "2.05G". */
void
size_format(double bytes, char *buf, size_t len)
{
	if (bytes < 1024)
		snprintf(buf, len, "%.0f bytes", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, len, "%.1fK", bytes / 1024);
	else if (bytes < 1024.0 * 1024 * 1024)
		snprintf(buf, len, "%.1fM", bytes / (1024 * 1024));
	else
		snprintf(buf, len, "%.2fG", bytes / (1024.0 * 1024 * 1024));
}
