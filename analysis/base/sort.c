/*
 * Sorting 64-bit keys in linear time, for the hot paths of storing a
 * tally (term ids, phrase hashes): glibc's qsort calls a comparison
 * function n log n times and allocates as much again.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/base/base.h"

#define SORT_SMALL	64	/* below this, insertion sort */

/*
 * Sort v[0..n) ascending. Least-significant-digit radix sort, a byte a
 * pass, over only the bytes in which some keys differ (term ids leave
 * their high bytes alike, a tally's days most of theirs): one pass finds
 * them, one counts them, and each sorts by one, so a tally's keys take
 * three or four passes.
 */
void
sort_u64(uint64_t *v, size_t n)
{
	size_t		 count[8][256], i, j, k, sum, c;
	uint64_t	*tmp, *a = v, *b, *t, x, differ = 0;
	unsigned	 pass[8], np = 0;

	if (n < SORT_SMALL) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	for (i = 1; i < n; i++)
		differ |= v[i] ^ v[0];
	for (k = 0; k < 8; k++)
		if ((differ >> (8 * k)) & 255)
			pass[np++] = (unsigned)(8 * k);
	if (np == 0)
		return;
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		for (k = 0; k < np; k++)
			count[k][(v[i] >> pass[k]) & 255]++;
	b = tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (k = 0; k < np; k++) {
		for (sum = 0, c = 0; c < 256; c++) {
			x = count[k][c];
			count[k][c] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++)
			b[count[k][(a[i] >> pass[k]) & 255]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != v)
		memcpy(v, a, n * sizeof *v);
	free(tmp);
}
