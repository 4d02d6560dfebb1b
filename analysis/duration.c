/*
 * Durations as users write them on the command line ("7d", "4w"): a whole
 * number of days or weeks. Pure: no clock, no locale.
 */
#include <stdlib.h>

#include "analysis.h"

#define DURATION_MAX_DAYS	36600	/* a century */

/*
 * Parse "Nd" or "Nw" (N a positive whole number) into *days. Returns -1
 * for anything else: no unit, another unit, zero, signs, blanks or a
 * duration longer than a century.
 */
int
duration_parse(const char *s, int *days)
{
	long	 n = 0;
	size_t	 i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		n = n * 10 + (s[i] - '0');
		if (n > DURATION_MAX_DAYS)
			return -1;
	}
	if (i == 0 || n == 0 || s[i] == '\0' || s[i + 1] != '\0')
		return -1;
	switch (s[i]) {
	case 'd':
		break;
	case 'w':
		n *= 7;
		break;
	default:
		return -1;
	}
	if (n > DURATION_MAX_DAYS)
		return -1;
	*days = (int)n;
	return 0;
}
