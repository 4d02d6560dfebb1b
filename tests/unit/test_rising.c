/* Window rising: Dunning's G2, the log ratio, the selection's filters, and
 * synthetic streams with planted rises (known ground truth). */
#include <math.h>

#include "unit.h"

static void
g2_matches_a_worked_example_and_is_signed(void **state)
{
	double	 e1, e2, want;

	(void)state;
	/* a = 10 of 100, b = 5 of 200: E1 = 5, E2 = 10. */
	e1 = 100.0 * 15 / 300;
	e2 = 200.0 * 15 / 300;
	want = 2 * (10 * log(10 / e1) + 5 * log(5 / e2));
	assert_true(fabs(rising_g2(10, 100, 5, 200) - want) < 1e-9);
	assert_true(fabs(rising_g2(5, 200, 10, 100) + want) < 1e-9);
	assert_true(rising_g2(1, 10, 2, 20) == 0);
}

static void
zero_log_zero_is_zero_so_a_new_term_has_a_finite_score(void **state)
{
	double	 g, lr;

	(void)state;
	g = rising_g2(4, 100, 0, 400);
	assert_true(isfinite(g) && g > 0);
	assert_true(fabs(g - 8 * log(5.0)) < 1e-9);
	lr = rising_lr(4, 100, 0, 400);
	assert_true(isfinite(lr));
	assert_true(fabs(lr - log2((4.5 / 100.5) / (0.5 / 400.5))) < 1e-9);
	assert_true(rising_g2(0, 0, 0, 0) == 0);
	assert_true(isfinite(rising_lr(0, 0, 0, 0)));
	assert_true(fabs(rising_pvalue(10.83) - 0.001) < 1e-4);
}

static void
durations_are_days_or_weeks_and_nothing_else(void **state)
{
	int	 d;

	(void)state;
	assert_int_equal(duration_days("7d", &d), 0);
	assert_int_equal(d, 7);
	assert_int_equal(duration_days("4w", &d), 0);
	assert_int_equal(d, 28);
	assert_int_equal(duration_days("7", &d), -1);
	assert_int_equal(duration_days("0d", &d), -1);
	assert_int_equal(duration_days("-3d", &d), -1);
	assert_int_equal(duration_days("3dd", &d), -1);
	assert_int_equal(duration_days("d", &d), -1);
	assert_int_equal(duration_days("", &d), -1);
	assert_int_equal(duration_days("7 d", &d), -1);
	assert_int_equal(duration_days("99999999999999999999d", &d), -1);
}

static void
fdr_cut_is_benjamini_hochberg(void **state)
{
	double	 p[5] = { 0.04, 0.001, 0.03, 0.5, 0.012 };
	double	 none[2] = { 0.9, 0.5 };

	(void)state;
	/* Sorted: .001 .012 .03 .04 .5; k q / m at q = .05: .01 .02 .03 .04. */
	assert_true(rising_fdr_cut(p, 5, 0.05) == 0.04);
	assert_true(rising_fdr_cut(none, 2, 0.05) < 0);
}

/* One term's input with its window days and busiest day. */
static struct rising_in
term(uint32_t a, uint32_t b, uint32_t c, uint16_t days, uint16_t peak)
{
	struct rising_in	 v;

	v.a = a;
	v.b = b;
	v.c = c;
	v.days = days;
	v.peak = peak;
	v.shape = 0;
	return v;
}

static void
every_candidate_is_ranked_and_labelled(void **state)
{
	struct rising_params	 p;
	struct rising_in	 v[5];
	struct rising_item	*it;
	size_t			 n, tested;

	(void)state;
	rising_defaults(&p);
	p.window_days = 7;
	v[0] = term(30, 10, 100, 6, 8);		/* a real riser */
	v[1] = term(30, 10, 100, 1, 30);	/* one day only */
	v[2] = term(5, 4, 60, 3, 2);		/* a small rise */
	v[3] = term(2, 0, 0, 2, 1);		/* below min_count */
	v[4] = term(40, 160, 1600, 7, 7);	/* stationary: not rising */
	n = rising_select(&p, v, 5, 1000, 4000, 50000, &it, &tested);
	assert_int_equal(n, 2);
	assert_int_equal(it[0].id, 0);
	assert_true(it[0].significant);
	assert_false(it[0].isnew);
	assert_true(it[0].score > 1);
	assert_int_equal(it[1].id, 2);
	assert_false(it[1].significant);	/* tentative, still listed */
	assert_true(it[1].score < it[0].score);
	free(it);
}

static void
falling_is_the_mirror_image(void **state)
{
	struct rising_params	 p;
	struct rising_in	 v[2];
	struct rising_item	*it;
	size_t			 n, tested;

	(void)state;
	rising_defaults(&p);
	p.falling = 1;
	v[0] = term(2, 200, 100, 2, 1);
	v[1] = term(40, 160, 1600, 7, 7);
	n = rising_select(&p, v, 2, 1000, 4000, 50000, &it, &tested);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 0);
	assert_true(it[0].g2 < 0 && it[0].lr < 0 && it[0].score > 0);
	assert_true(it[0].significant);
	free(it);
}

static void
a_frequent_faller_never_gets_a_small_rising_p_value(void **state)
{
	double	 p;

	(void)state;
	/* a + b above 2,000: the chi-square branch keeps the sign. */
	p = rising_term_pvalue(1000, 100000, 3000, 100000);
	assert_true(p > 0.999);
	p = rising_term_pvalue(3000, 100000, 1000, 100000);
	assert_true(p < 1e-100);
	assert_true(fabs(rising_pvalue_above(10.83) - 0.0005) < 1e-4);
	assert_true(fabs(rising_pvalue_above(-10.83) - 0.9995) < 1e-4);
	/* Small counts: the exact tail, also one-sided. */
	assert_true(rising_term_pvalue(0, 100, 10, 100) == 1);
	assert_true(rising_term_pvalue(10, 100, 0, 100) < 0.001);
}

static void
many_frequent_fallers_do_not_loosen_the_cut_for_a_riser(void **state)
{
	struct rising_params	 p;
	struct rising_in	*v = xcalloc(2001, sizeof *v);
	struct rising_item	*it, *it2;
	size_t			 n, tested, tested2, i;

	(void)state;
	rising_defaults(&p);
	p.window_days = 7;
	/* One borderline riser among 2,000 quiet terms. */
	v[0] = term(14, 20, 200, 7, 3);
	for (i = 1; i <= 2000; i++)
		v[i] = term(10, 40, 400, 7, 2);
	n = rising_select(&p, v, 2001, 10000, 40000, 400000, &it, &tested);
	/* The same, with the quiet terms turned into frequent fallers. */
	for (i = 1; i <= 2000; i++)
		v[i] = term(1200, 8000, 80000, 7, 300);
	rising_select(&p, v, 2001, 10000, 40000, 400000, &it2, &tested2);
	assert_true(n >= 1);
	assert_int_equal(it[0].id, 0);
	assert_int_equal(it2[0].id, 0);
	assert_int_equal(tested, tested2);
	/* Fallers' tiny two-sided p-values must not make it significant. */
	assert_int_equal(it[0].significant, it2[0].significant);
	assert_false(it2[0].significant);
	for (i = 0; i < 2001; i++)
		assert_true(it2[0].p <= 1);
	free(it);
	free(it2);
	free(v);
}

static void
history_shape_tells_steady_from_bursty(void **state)
{
	uint32_t	 steady[12] = { 10, 11, 9, 10, 12, 10, 9, 11, 10, 10,
			     11, 9 };
	uint32_t	 bursty[12] = { 0, 0, 40, 2, 0, 0, 0, 55, 1, 0, 20, 2 };
	uint32_t	 none[12] = { 0 };
	int64_t		 n[12];
	size_t		 i;
	double		 ks, kb;

	(void)state;
	for (i = 0; i < 12; i++)
		n[i] = 1000;
	ks = rising_history_shape(steady, n, 12);
	kb = rising_history_shape(bursty, n, 12);
	print_message("steady k %.1f, bursty k %.2f\n", ks, kb);
	assert_true(ks > 20);
	assert_true(kb < 1);
	assert_true(rising_history_shape(none, n, 12) == 0);
	/* Periods without papers are unknown, not zero. */
	n[3] = 0;
	steady[3] = 0;
	assert_true(rising_history_shape(steady, n, 12) > 20);
	assert_true(rising_history_shape(steady, n, 0) == 0);
}

static void
beta_cdf_matches_closed_forms(void **state)
{
	(void)state;
	assert_true(fabs(rising_beta_cdf(0.3, 1, 1) - 0.3) < 1e-12);
	assert_true(fabs(rising_beta_cdf(0.5, 2, 2) - 0.5) < 1e-12);
	assert_true(fabs(rising_beta_cdf(0.6, 3, 1) - 0.216) < 1e-12);
	assert_true(fabs(rising_beta_cdf(0.6, 1, 3) - (1 - 0.064)) < 1e-12);
	assert_true(rising_beta_cdf(0, 2, 3) == 0);
	assert_true(rising_beta_cdf(1, 2, 3) == 1);
	assert_true(isfinite(rising_beta_cdf(0.999, 5000, 3)));
}

static void
the_lower_bound_grows_with_evidence_and_shrinks_with_steadiness(void **state)
{
	double	 mu = 0.01, lb3, lb12, lbsteady, lbbursty;

	(void)state;
	lb3 = rising_lower_bound(3, 1000, 0, 4000, 1, 0.0001, 0.9);
	lb12 = rising_lower_bound(12, 1000, 0, 4000, 1, 0.0001, 0.9);
	assert_true(lb12 > lb3);
	/* The same rise: a steady word's history holds it near 1. */
	lbsteady = rising_lower_bound(25, 1000, 40, 4000, 1000, mu, 0.9);
	lbbursty = rising_lower_bound(25, 1000, 40, 4000, 0.5, mu, 0.9);
	print_message("steady %.2f, bursty %.2f\n", lbsteady, lbbursty);
	assert_true(lbsteady < 0.2);
	assert_true(lbbursty > 0.5);
	/* Zero counts, huge counts: finite. */
	assert_true(isfinite(rising_lower_bound(0, 1000, 0, 4000, 1, mu,
	    0.9)));
	assert_true(isfinite(rising_lower_bound(1000000, 2000000, 1, 4000000,
	    1000, 0.5, 0.9)));
}

static void
a_subject_partner_needs_shared_papers_beyond_chance(void **state)
{
	(void)state;
	/* 6 of its 8 papers share a term in 20 of 600: a subject. */
	assert_true(rising_partner(6, 8, 20, 600, 50));
	/* A term in most papers is shared by chance. */
	assert_false(rising_partner(6, 8, 500, 600, 50));
	assert_false(rising_partner(2, 2, 3, 600, 1));	/* too few */
	assert_false(rising_partner(3, 3, 0, 0, 1));
	assert_false(rising_partner(3, 3, 600, 600, 1));
}

static void
one_name_is_one_line(void **state)
{
	(void)state;
	assert_true(rising_same_name("World models", "World Models"));
	assert_true(rising_same_name("Quantization", "quantization"));
	assert_true(rising_same_name("Gaussian splatting",
	    "Gaussian Splatting"));
	assert_true(rising_same_name("test-time scaling",
	    "Test Time Scaling"));
	assert_true(rising_same_name("LLMs", "LLM"));
	assert_false(rising_same_name("GPT-5", "GPT-5 families"));
	assert_false(rising_same_name("o1", "o3"));
	assert_false(rising_same_name("RL", "RLHF"));
	assert_true(rising_same_name("", ""));
}

static void
empty_windows_select_nothing(void **state)
{
	struct rising_params	 p;
	struct rising_in	 v = term(3, 0, 0, 3, 1);
	struct rising_item	*it;
	size_t			 tested;

	(void)state;
	rising_defaults(&p);
	assert_int_equal(rising_select(&p, &v, 1, 0, 100, 0, &it, &tested), 0);
	assert_null(it);
	assert_int_equal(rising_select(&p, &v, 1, 100, 0, 0, &it, &tested), 0);
}

static void
a_phrase_must_be_a_collocation_of_its_edge_words(void **state)
{
	struct rising_params	 p;
	int64_t			 tts[2] = { 40, 900 };	/* test-time, scaling */
	int64_t			 wide[2] = { 300, 500 };	/* widely, available */

	(void)state;
	rising_defaults(&p);
	assert_true(rising_assoc_ok(&p, 25, tts, 2));
	assert_false(rising_assoc_ok(&p, 8, wide, 2));
}

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state;

static double
rng_uniform(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) /
	    (double)(1ULL << 53);
}

/* Binomial(n, p) by geometric waiting times (fast for small p). */
static uint32_t
rng_binomial(uint32_t n, double p)
{
	double		 pos = 0, lq = log1p(-p);
	uint32_t	 k = 0;

	for (;;) {
		pos += floor(log(1 - rng_uniform()) / lq) + 1;
		if (pos > n)
			return k;
		k++;
	}
}

#define SYN_TERMS	3000
#define SYN_DAY		150		/* papers a day */
#define SYN_PLANTED	25
#define SYN_BATCHES	10

#define SYN_WEEKS	52		/* background, in weekly blocks */

/*
 * A synthetic stream: SYN_TERMS terms at log-uniform rates, SYN_WEEKS
 * weeks of background (its weekly blocks give each term its history's
 * shape), 28 days of baseline, 7 of window. With planted set, terms
 * 0..SYN_PLANTED-1 rise 3x to 8x in the window. Returns the number of
 * items; *tp the planted among the first SYN_PLANTED, *sig the items
 * labelled significant, *sigtp the planted among those.
 */
static size_t
synthetic(int planted, size_t *tp, size_t *sig, size_t *sigtp)
{
	struct rising_params	 p;
	struct rising_in	*v = xcalloc(SYN_TERMS, sizeof *v);
	struct rising_item	*it;
	uint32_t		 x[SYN_WEEKS];
	int64_t			 np[SYN_WEEKS];
	size_t			 i, n, tested, w;
	double			 rate, up;
	uint32_t		 d, k;

	rng_state = planted ? 0x9e3779b97f4a7c15ULL : 0x2545f4914f6cdd1dULL;
	for (w = 0; w < SYN_WEEKS; w++)
		np[w] = 7 * SYN_DAY;
	for (i = 0; i < SYN_TERMS; i++) {
		rate = exp(log(0.0005) + rng_uniform() * (log(0.2) -
		    log(0.0005)));
		up = 1;
		if (planted && i < SYN_PLANTED) {
			rate = 0.001 + rng_uniform() * 0.01;
			up = 3 + 5 * rng_uniform();
		}
		for (w = 0; w < SYN_WEEKS; w++) {
			x[w] = rng_binomial(7 * SYN_DAY, rate);
			v[i].c += x[w];
		}
		v[i].shape = (float)rising_history_shape(x, np, SYN_WEEKS);
		v[i].b = rng_binomial(28 * SYN_DAY, rate);
		for (d = 0; d < 7; d++) {
			k = rng_binomial(SYN_DAY, rate * up);
			v[i].a += k;
			v[i].days += k > 0;
			if (k > v[i].peak)
				v[i].peak = (uint16_t)k;
		}
	}
	rising_defaults(&p);
	p.window_days = 7;
	n = rising_select(&p, v, SYN_TERMS, 7 * SYN_DAY, 28 * SYN_DAY,
	    SYN_WEEKS * 7 * SYN_DAY, &it, &tested);
	*tp = *sig = *sigtp = 0;
	for (i = 0; i < n; i++) {
		if (i < SYN_PLANTED)
			*tp += it[i].id < SYN_PLANTED;
		*sig += it[i].significant;
		*sigtp += it[i].significant && it[i].id < SYN_PLANTED;
	}
	free(it);
	free(v);
	return n;
}

static void
planted_rises_lead_the_ranking_and_earn_the_label(void **state)
{
	size_t	 n, tp, sig, sigtp;

	(void)state;
	n = synthetic(1, &tp, &sig, &sigtp);
	print_message("planted: %zu ranked, %zu of the first %d planted; "
	    "%zu significant, %zu of them planted\n", n, tp, SYN_PLANTED,
	    sig, sigtp);
	assert_true(n > 100);			/* a full list */
	assert_true(tp >= 20);
	assert_true(sig >= 15);
	assert_true(sigtp * 100 >= sig * 95);
}

static void
a_stationary_stream_gives_only_tentative_items(void **state)
{
	size_t	 n, tp, sig, sigtp;

	(void)state;
	n = synthetic(0, &tp, &sig, &sigtp);
	print_message("stationary: %zu ranked, %zu significant\n", n, sig);
	assert_true(n > 100);			/* never silent */
	assert_int_equal(sig, 0);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(g2_matches_a_worked_example_and_is_signed),
    cmocka_unit_test(
        zero_log_zero_is_zero_so_a_new_term_has_a_finite_score),
    cmocka_unit_test(durations_are_days_or_weeks_and_nothing_else),
    cmocka_unit_test(fdr_cut_is_benjamini_hochberg),
    cmocka_unit_test(every_candidate_is_ranked_and_labelled),
    cmocka_unit_test(falling_is_the_mirror_image),
    cmocka_unit_test(
        a_frequent_faller_never_gets_a_small_rising_p_value),
    cmocka_unit_test(
        many_frequent_fallers_do_not_loosen_the_cut_for_a_riser),
    cmocka_unit_test(history_shape_tells_steady_from_bursty),
    cmocka_unit_test(beta_cdf_matches_closed_forms),
    cmocka_unit_test(
        the_lower_bound_grows_with_evidence_and_shrinks_with_steadiness),
    cmocka_unit_test(
        a_subject_partner_needs_shared_papers_beyond_chance),
    cmocka_unit_test(one_name_is_one_line),
    cmocka_unit_test(empty_windows_select_nothing),
    cmocka_unit_test(a_phrase_must_be_a_collocation_of_its_edge_words),
    cmocka_unit_test(
        planted_rises_lead_the_ranking_and_earn_the_label),
    cmocka_unit_test(a_stationary_stream_gives_only_tentative_items))
