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
	return v;
}

static void
evidence_must_be_spread_over_days_and_above_the_background(void **state)
{
	struct rising_params	 p;
	struct rising_in	 v[5];
	struct rising_item	*it;
	size_t			 n, tested;

	(void)state;
	rising_defaults(&p);
	p.window_days = 7;
	v[0] = term(30, 10, 100, 6, 8);		/* a real riser */
	v[1] = term(30, 10, 100, 1, 30);	/* one group's batch, one day */
	v[2] = term(30, 10, 2000, 6, 8);	/* back to its usual rate */
	v[3] = term(2, 0, 0, 2, 1);		/* below min_count */
	v[4] = term(40, 160, 1600, 7, 7);	/* stationary */
	n = rising_select(&p, v, 5, 1000, 4000, 50000, &it, &tested);
	assert_int_equal(tested, 4);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 0);
	assert_false(it[0].isnew);
	assert_true(it[0].score > 0);
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
	free(it);
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

/* Whether the user's words q make a generic term. */
static int
generic(struct tokenizer *vtk, const struct strmap *set, const uint8_t *where,
    const char *q)
{
	enum term_kind	 kind;
	char		*key, *cause = NULL;
	int		 r;

	key = tokenizer_query_key(vtk, q, &kind, &cause);
	assert_non_null(key);
	r = rising_generic(set, where, key);
	free(key);
	return r;
}

static void
generic_words_never_name_an_item_nor_edge_a_phrase(void **state)
{
	struct wordlist		*wl = wordlist_default();
	struct tokenizer	*vtk = tokenizer_new(wl);
	struct strmap		*set;
	uint8_t			*where;

	(void)state;
	set = rising_generic_keys(vtk, &where);
	assert_true(generic(vtk, set, where, "available"));
	assert_true(generic(vtk, set, where, "area"));
	assert_true(generic(vtk, set, where, "clever"));
	assert_true(generic(vtk, set, where, "sparse flexibility"));
	assert_true(generic(vtk, set, where, "questions"));
	assert_false(generic(vtk, set, where, "question answering"));
	assert_false(generic(vtk, set, where, "test-time scaling"));
	assert_false(generic(vtk, set, where, "GRPO"));
	assert_false(generic(vtk, set, where, "Gaussian splatting"));
	strmap_free(set);
	free(where);
	tokenizer_free(vtk);
	wordlist_free(wl);
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

/*
 * A synthetic stream: SYN_TERMS terms at log-uniform rates, 365 days of
 * background, 28 of baseline, 7 of window. With planted set, terms
 * 0..SYN_PLANTED-1 rise 3x to 8x in the window, and SYN_BATCHES others
 * get one day's batch of papers (one group's, not a trend). Returns the
 * number selected; *tp the true positives among them.
 */
static size_t
synthetic(int planted, size_t *tp, size_t *batches)
{
	struct rising_params	 p;
	struct rising_in	*v = xcalloc(SYN_TERMS, sizeof *v);
	struct rising_item	*it;
	size_t			 i, n, tested;
	double			 rate, up;
	uint32_t		 d, k;

	rng_state = planted ? 0x9e3779b97f4a7c15ULL : 0x2545f4914f6cdd1dULL;
	for (i = 0; i < SYN_TERMS; i++) {
		rate = exp(log(0.0005) + rng_uniform() * (log(0.2) -
		    log(0.0005)));
		up = 1;
		if (planted && i < SYN_PLANTED) {
			rate = 0.001 + rng_uniform() * 0.01;
			up = 3 + 5 * rng_uniform();
		}
		v[i].c = rng_binomial(365 * SYN_DAY, rate);
		v[i].b = rng_binomial(28 * SYN_DAY, rate);
		for (d = 0; d < 7; d++) {
			k = rng_binomial(SYN_DAY, rate * up);
			if (planted && i >= SYN_PLANTED &&
			    i < SYN_PLANTED + SYN_BATCHES && d == 3)
				k += 8;		/* one group's batch */
			v[i].a += k;
			v[i].days += k > 0;
			if (k > v[i].peak)
				v[i].peak = (uint16_t)k;
		}
	}
	rising_defaults(&p);
	p.window_days = 7;
	n = rising_select(&p, v, SYN_TERMS, 7 * SYN_DAY, 28 * SYN_DAY,
	    365 * SYN_DAY, &it, &tested);
	*tp = *batches = 0;
	for (i = 0; i < n; i++) {
		*tp += it[i].id < SYN_PLANTED;
		*batches += it[i].id >= SYN_PLANTED &&
		    it[i].id < SYN_PLANTED + SYN_BATCHES;
	}
	free(it);
	free(v);
	return n;
}

static void
planted_rises_are_found_with_high_precision_and_recall(void **state)
{
	size_t	 n, tp, batches;
	double	 precision, recall;

	(void)state;
	n = synthetic(1, &tp, &batches);
	precision = n > 0 ? (double)tp / (double)n : 0;
	recall = (double)tp / SYN_PLANTED;
	print_message("planted: %zu selected, %zu true: precision %.2f, "
	    "recall %.2f, one-day batches %zu\n", n, tp, precision, recall,
	    batches);
	assert_true(precision >= 0.95);
	assert_true(recall >= 0.8);
	assert_int_equal(batches, 0);
}

static void
a_stationary_stream_reports_nothing(void **state)
{
	size_t	 tp, batches;

	(void)state;
	assert_int_equal(synthetic(0, &tp, &batches), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(g2_matches_a_worked_example_and_is_signed),
		cmocka_unit_test(
		    zero_log_zero_is_zero_so_a_new_term_has_a_finite_score),
		cmocka_unit_test(durations_are_days_or_weeks_and_nothing_else),
		cmocka_unit_test(fdr_cut_is_benjamini_hochberg),
		cmocka_unit_test(
		    evidence_must_be_spread_over_days_and_above_the_background),
		cmocka_unit_test(falling_is_the_mirror_image),
		cmocka_unit_test(empty_windows_select_nothing),
		cmocka_unit_test(a_phrase_must_be_a_collocation_of_its_edge_words),
		cmocka_unit_test(
		    generic_words_never_name_an_item_nor_edge_a_phrase),
		cmocka_unit_test(
		    planted_rises_are_found_with_high_precision_and_recall),
		cmocka_unit_test(a_stationary_stream_reports_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
