/* The string interner and the 64-bit map. */
#include "unit.h"

static void
strmap_gives_each_distinct_string_one_dense_index(void **state)
{
	struct strmap	*m = strmap_new();
	char		 buf[32];
	int		 added, i;
	size_t		 len;

	(void)state;
	assert_int_equal(strmap_intern(m, "mamba", 5, &added), 0);
	assert_true(added);
	assert_int_equal(strmap_intern(m, "lora", 4, &added), 1);
	assert_int_equal(strmap_intern(m, "mamba", 5, &added), 0);
	assert_false(added);
	assert_int_equal(strmap_find(m, "lora", 4), 1);
	assert_int_equal(strmap_find(m, "lor", 3), -1);
	for (i = 0; i < 100000; i++) {
		snprintf(buf, sizeof buf, "w%d", i);
		strmap_intern(m, buf, strlen(buf), NULL);
	}
	assert_int_equal(strmap_count(m), 100002);
	assert_int_equal(strmap_find(m, "w99999", 6), 100001);
	assert_string_equal(strmap_string(m, 1, &len), "lora");
	assert_int_equal(len, 4);
	strmap_free(m);
}

static void
u64map_holds_key_zero_and_survives_growth(void **state)
{
	struct u64map	*m = u64map_new();
	uint64_t	 k, key;
	uint32_t	 v;
	size_t		 pos = 0, seen = 0;
	int		 added;

	(void)state;
	*u64map_slot(m, 0, &added) = 7;
	assert_true(added);
	for (k = 1; k <= 50000; k++)
		*u64map_slot(m, k << 20, NULL) = (uint32_t)k;
	assert_int_equal(*u64map_get(m, 0), 7);
	assert_int_equal(*u64map_get(m, (uint64_t)4242 << 20), 4242);
	assert_null(u64map_get(m, 5));
	assert_int_equal(u64map_count(m), 50001);
	while (u64map_next(m, &pos, &key, &v))
		seen++;
	assert_int_equal(seen, 50001);
	u64map_free(m);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(strmap_gives_each_distinct_string_one_dense_index),
    cmocka_unit_test(u64map_holds_key_zero_and_survives_growth))
