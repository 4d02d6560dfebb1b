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
 * pass, skipping the passes in which every key has the same byte (term
 * ids leave their high bytes zero), so most sorts take four passes.
 */
void
sort_u64(uint64_t *v, size_t n)
{
	size_t		 count[8][256], i, j, pass, sum, c;
	uint64_t	*tmp, *a = v, *b, *t, x;

	if (n < SORT_SMALL) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		for (pass = 0; pass < 8; pass++)
			count[pass][(v[i] >> (8 * pass)) & 255]++;
	b = tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (pass = 0; pass < 8; pass++) {
		if (count[pass][(v[0] >> (8 * pass)) & 255] == n)
			continue;
		for (sum = 0, c = 0; c < 256; c++) {
			x = count[pass][c];
			count[pass][c] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++)
			b[count[pass][(a[i] >> (8 * pass)) & 255]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != v)
		memcpy(v, a, n * sizeof *v);
	free(tmp);
}
