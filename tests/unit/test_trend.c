/* Trends: Mann-Kendall with Sen's slope, Kleinberg's two-state bursts. */
#include <math.h>

#include "unit.h"

static void
mann_kendall_sees_a_steady_rise_and_its_slope(void **state)
{
	double		 x[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct trend	 t;

	(void)state;
	trend_mann_kendall(x, 10, &t);
	assert_true(t.s == 45);
	/* Var = 10 * 9 * 25 / 18 = 125; Z = 44 / sqrt(125). */
	assert_true(fabs(t.z - 44 / sqrt(125.0)) < 1e-9);
	assert_true(t.p < 0.001);
	assert_true(fabs(t.slope - 1) < 1e-12);
}

static void
ties_and_flat_series_are_no_trend(void **state)
{
	double		 flat[6] = { 2, 2, 2, 2, 2, 2 };
	double		 mixed[8] = { 3, 1, 4, 1, 5, 1, 3, 2 };
	struct trend	 t;

	(void)state;
	trend_mann_kendall(flat, 6, &t);
	assert_true(t.s == 0 && t.z == 0 && t.p == 1 && t.slope == 0);
	trend_mann_kendall(mixed, 8, &t);
	assert_true(t.p > 0.2);
	trend_mann_kendall(mixed, 2, &t);
	assert_true(t.p == 1);
}

static void
kleinberg_finds_the_last_burst_with_a_viterbi_pass(void **state)
{
	int64_t	 r[30], d[30], start, end;
	size_t	 i;

	(void)state;
	for (i = 0; i < 30; i++) {
		d[i] = 100;
		r[i] = i >= 22 ? 12 : 2;
	}
	assert_int_equal(trend_burst_last(r, d, 30, 2, 1, &start, &end), 0);
	assert_int_equal(start, 22);
	assert_int_equal(end, 29);
	/* A burst in the middle, then calm: it ends where the calm starts. */
	for (i = 0; i < 30; i++)
		r[i] = i >= 10 && i < 15 ? 12 : 2;
	assert_int_equal(trend_burst_last(r, d, 30, 2, 1, &start, &end), 0);
	assert_int_equal(start, 10);
	assert_int_equal(end, 14);
	/* One busy day does not pay for going up (gamma ln n). */
	for (i = 0; i < 30; i++)
		r[i] = i == 20 ? 6 : 2;
	assert_int_equal(trend_burst_last(r, d, 30, 2, 1, &start, &end), -1);
}

static void
kleinberg_sees_no_burst_in_a_flat_or_empty_series(void **state)
{
	int64_t	 r[20], d[20], start, end;
	size_t	 i;

	(void)state;
	for (i = 0; i < 20; i++) {
		d[i] = 50;
		r[i] = 5;
	}
	assert_int_equal(trend_burst_last(r, d, 20, 2, 1, &start, &end), -1);
	for (i = 0; i < 20; i++)
		r[i] = 0;
	assert_int_equal(trend_burst_last(r, d, 20, 2, 1, &start, &end), -1);
	assert_int_equal(trend_burst_last(r, d, 0, 2, 1, &start, &end), -1);
}

static void
steady_risers_pass_the_fdr_and_noise_does_not(void **state)
{
	uint32_t		 w[12][3], *df[12];
	int64_t			 papers[12];
	struct rising_item	*it;
	size_t			 i, n, tested;

	(void)state;
	for (i = 0; i < 12; i++) {
		papers[i] = 100;
		w[i][0] = (uint32_t)(2 + 2 * i);	/* steady riser */
		w[i][1] = (uint32_t)(10 + (i * 7) % 5);	/* noise */
		w[i][2] = i == 11 ? 1 : 0;		/* too rare to test */
		df[i] = w[i];
	}
	n = trend_steady(df, papers, 12, 3, 6, 0.05, 0, &it, &tested);
	assert_int_equal(tested, 2);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 0);
	free(it);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(mann_kendall_sees_a_steady_rise_and_its_slope),
    cmocka_unit_test(ties_and_flat_series_are_no_trend),
    cmocka_unit_test(
        kleinberg_finds_the_last_burst_with_a_viterbi_pass),
    cmocka_unit_test(
        kleinberg_sees_no_burst_in_a_flat_or_empty_series),
    cmocka_unit_test(steady_risers_pass_the_fdr_and_noise_does_not))
