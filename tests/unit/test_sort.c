/* Sorting 64-bit keys in linear time (analysis/sort.c). */
#include "unit.h"

/* Order 64-bit keys, for qsort: the reference. */
static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The next number of a fixed pseudo-random sequence (xorshift64). */
static uint64_t
next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void
keys_of_every_shape_sort_as_qsort_sorts_them(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 2, 63, 64, 65, 1000, 70000 };
	uint64_t		*v, *w, x = 88172645463325252ULL;
	size_t			 s, i, n, shape;

	(void)state;
	for (shape = 0; shape < 4; shape++) {
		for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
			n = sizes[s];
			v = xreallocarray(NULL, n + 1, sizeof *v);
			w = xreallocarray(NULL, n + 1, sizeof *w);
			for (i = 0; i < n; i++) {
				switch (shape) {
				case 0:	/* hashes: every byte varies */
					v[i] = next_random(&x);
					break;
				case 1:	/* (term id, count): high bytes zero */
					v[i] = (next_random(&x) % 50000) << 32 |
					    (next_random(&x) % 300);
					break;
				case 2:	/* many duplicates */
					v[i] = next_random(&x) % 7;
					break;
				default: /* already sorted, then reversed */
					v[i] = n - i;
					break;
				}
				w[i] = v[i];
			}
			sort_u64(v, n);
			qsort(w, n, sizeof *w, u64_cmp);
			for (i = 0; i < n; i++)
				assert_true(v[i] == w[i]);
			free(v);
			free(w);
		}
	}
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(keys_of_every_shape_sort_as_qsort_sorts_them))
