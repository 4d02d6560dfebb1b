/* The spike test: the Poisson tail and the EWMA baseline. */
#include <math.h>

#include "unit.h"

/* Whether a and b agree to a relative 1e-9. */
static void
assert_close(double a, double b)
{
	if (fabs(a - b) > 1e-9 * fabs(b))
		fail_msg("%.17g is not %.17g", a, b);
}

static void
the_poisson_tail_matches_direct_sums_far_into_the_tail(void **state)
{
	(void)state;
	assert_close(spike_poisson_tail(1, 1), 0.6321205588285578);
	assert_close(spike_poisson_tail(2.5, 3), 0.45618688411667035);
	assert_close(spike_poisson_tail(3, 3), 0.5768099188731564);
	assert_close(spike_poisson_tail(0.1, 10), 2.516347806770322e-17);
	assert_close(spike_poisson_tail(0.3, 40), 1.1120022401247847e-69);
	assert_close(spike_poisson_tail(1000, 1100), 0.0009626304058662792);
	assert_close(spike_poisson_tail(50, 30), 0.9990831711385418);
}

static void
a_count_of_zero_is_never_surprising_and_nothing_expected_makes_any_paper_news(
    void **state)
{
	(void)state;
	assert_true(spike_poisson_tail(0, 0) == 1.0);
	assert_true(spike_poisson_tail(5, 0) == 1.0);
	assert_true(spike_poisson_tail(0, 1) == 0.0);
	assert_true(spike_poisson_tail(1e-300, 500) == 0.0);
}

static const struct spike_params params = { 0.2, 1e-3, 0.05, 3, 7 };

static void
a_steady_term_is_calm_and_a_jump_qualifies(void **state)
{
	int64_t			 c[12], n[12];
	struct spike_result	 r;
	size_t			 i;

	(void)state;
	for (i = 0; i < 12; i++) {
		c[i] = 2;
		n[i] = 40;
	}
	spike_test(c, n, 12, &params, &r);
	assert_close(r.share, 0.05);
	assert_close(r.expected, 2.0);
	assert_false(r.qualifies);
	assert_true(r.calm);
	c[11] = 12;
	spike_test(c, n, 12, &params, &r);
	assert_true(r.qualifies);
	assert_false(r.calm);
	assert_true(r.p < 1e-5);
	/* Between the thresholds: neither. */
	c[11] = 6;
	spike_test(c, n, 12, &params, &r);
	assert_false(r.qualifies);
	assert_false(r.calm);
}

static void
too_few_papers_never_qualify_however_unlikely(void **state)
{
	int64_t			 c[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 2 };
	int64_t			 n[9] = { 30, 30, 30, 30, 30, 30, 30, 30, 30 };
	struct spike_result	 r;

	(void)state;
	spike_test(c, n, 9, &params, &r);
	assert_true(r.p == 0.0);
	assert_false(r.qualifies);
	assert_true(r.calm);
}

static void
without_warmup_days_there_is_no_verdict(void **state)
{
	int64_t			 c[4] = { 0, 0, 0, 9 };
	int64_t			 n[4] = { 30, 30, 30, 30 };
	struct spike_result	 r;

	(void)state;
	spike_test(c, n, 4, &params, &r);
	assert_false(r.qualifies);
	assert_false(r.calm);
	assert_true(r.p == 1.0);
	assert_false(r.judged);
	assert_int_equal(r.history, 3);
}

static void
a_spike_does_not_hide_its_own_second_day_but_a_new_level_becomes_normal(
    void **state)
{
	int64_t			 c[30], n[30];
	struct spike_result	 r;
	size_t			 i;

	(void)state;
	for (i = 0; i < 30; i++) {
		c[i] = i < 10 ? 1 : 10;
		n[i] = 40;
	}
	/* Day 11: the day before (10 of 40) stays out of the baseline. */
	spike_test(c, n, 12, &params, &r);
	assert_close(r.expected, 1.0);
	assert_true(r.qualifies);
	/* A month at the new level: the baseline has caught up. */
	spike_test(c, n, 30, &params, &r);
	assert_false(r.qualifies);
	assert_true(r.calm);
}

static void
days_without_papers_do_not_move_the_baseline(void **state)
{
	int64_t			 c[10] = { 2, 2, 2, 2, 0, 2, 2, 2, 2, 2 };
	int64_t			 n[10] = { 40, 40, 40, 40, 0, 40, 40, 40, 40,
	    40 };
	struct spike_result	 r;

	(void)state;
	spike_test(c, n, 10, &params, &r);
	assert_close(r.share, 0.05);
	assert_int_equal(r.history, 8);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(the_poisson_tail_matches_direct_sums_far_into_the_tail),
    cmocka_unit_test(a_count_of_zero_is_never_surprising_and_nothing_expected_makes_any_paper_news),
    cmocka_unit_test(a_steady_term_is_calm_and_a_jump_qualifies),
    cmocka_unit_test(too_few_papers_never_qualify_however_unlikely),
    cmocka_unit_test(without_warmup_days_there_is_no_verdict),
    cmocka_unit_test(a_spike_does_not_hide_its_own_second_day_but_a_new_level_becomes_normal),
    cmocka_unit_test(days_without_papers_do_not_move_the_baseline))
