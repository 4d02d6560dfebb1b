/* Emerging clusters: one event is one item, a broad word is not a magnet. */
#include "unit.h"

/* Papers as item lists (each sorted). */
static const uint32_t p0[] = { 0, 1, 2 }, p1[] = { 0, 1 }, p2[] = { 0, 1, 2 },
    p3[] = { 0, 2 }, p4[] = { 3, 4 }, p5[] = { 3, 4 }, p6[] = { 3 },
    p7[] = { 5 };

static void
terms_rising_in_the_same_papers_are_one_cluster(void **state)
{
	struct cluster_paper	 papers[] = { { p0, 3 }, { p1, 2 }, { p2, 3 },
	    { p3, 2 }, { p4, 2 }, { p5, 2 }, { p6, 1 }, { p7, 1 } };
	size_t			 leader[6];

	(void)state;
	assert_int_equal(cluster_items(6, papers, 8, NULL, leader), 3);
	assert_int_equal(leader[0], 0);
	assert_int_equal(leader[1], 0);
	assert_int_equal(leader[2], 0);
	assert_int_equal(leader[3], 3);
	assert_int_equal(leader[4], 3);
	assert_int_equal(leader[5], 5);
}

static void
a_broad_word_does_not_swallow_a_narrow_event(void **state)
{
	/* Item 0 is in 20 papers, item 1 (the event) in 4 of them. */
	static const uint32_t both[] = { 0, 1 }, broad[] = { 0 };
	struct cluster_paper	 papers[20];
	size_t			 i, leader[2];

	(void)state;
	for (i = 0; i < 20; i++) {
		papers[i].items = i < 4 ? both : broad;
		papers[i].n = i < 4 ? 2 : 1;
	}
	assert_int_equal(cluster_items(2, papers, 20, NULL, leader), 2);
	assert_int_equal(leader[1], 1);
}

static void
a_phrase_joins_the_word_it_extends_with_half_its_papers(void **state)
{
	/* "test-time" in 8 papers; "scaling test-time compute" in 2 of them
	 * and 2 others: 50% of the smaller, related by their words. */
	static const uint32_t both[] = { 0, 1 }, word[] = { 0 }, phr[] = { 1 };
	static const uint8_t related[4] = { 0, 1, 1, 0 };
	struct cluster_paper	 papers[10];
	size_t			 i, leader[2];

	(void)state;
	for (i = 0; i < 10; i++) {
		papers[i].items = i < 2 ? both : i < 8 ? word : phr;
		papers[i].n = i < 2 ? 2 : 1;
	}
	assert_int_equal(cluster_items(2, papers, 10, NULL, leader), 2);
	assert_int_equal(cluster_items(2, papers, 10, related, leader), 1);
	assert_int_equal(leader[1], 0);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(terms_rising_in_the_same_papers_are_one_cluster),
    cmocka_unit_test(a_broad_word_does_not_swallow_a_narrow_event),
    cmocka_unit_test(
        a_phrase_joins_the_word_it_extends_with_half_its_papers))
