/* Counting by document: one count per paper, phrases within runs. */
#include "unit.h"


/* The papers of the term or phrase q on day in tally t. */
static uint32_t
df(struct tally *t, day_t day, const char *q)
{
	struct tally_cell	*c;
	enum term_kind		 kind;
	char			*key, *cause = NULL;
	size_t			 n, i, klen;
	uint32_t		 r = 0;

	key = tokenizer_query_key(tk, q, &kind, &cause);
	assert_non_null(key);
	c = tally_cells(t, &n);
	for (i = 0; i < n; i++) {
		if (c[i].day == day &&
		    strcmp(tokenizer_key(tk, c[i].term, &klen), key) == 0)
			r = c[i].df;
	}
	free(key);
	return r;
}

static void
a_term_counts_once_per_paper_however_often_repeated(void **state)
{
	struct tally	*t = tally_new(tk);

	(void)state;
	tally_add_paper(t, 100, "Mamba mamba", "Mamba MAMBA models.");
	tally_add_paper(t, 100, "Transformers", "No snakes here.");
	tally_add_paper(t, 101, "Mamba again", NULL);
	assert_int_equal(df(t, 100, "mamba"), 1);
	assert_int_equal(df(t, 101, "mamba"), 1);
	assert_int_equal(df(t, 100, "transformer"), 1);
	tally_free(t);
}

static void
phrases_are_two_or_three_words_that_never_cross_punctuation(void **state)
{
	struct tally	*t = tally_new(tk);

	(void)state;
	tally_add_paper(t, 5, "Large language models",
	    "Large language models. Vision transformers for large language "
	    "models");
	assert_int_equal(df(t, 5, "large language models"), 1);
	assert_int_equal(df(t, 5, "language models"), 1);
	assert_int_equal(df(t, 5, "vision transformers"), 1);
	assert_int_equal(df(t, 5, "models vision"), 0);
	/* The title and the abstract are separate runs too. */
	tally_add_paper(t, 6, "Diffusion policies", "Robot arms");
	assert_int_equal(df(t, 6, "policies robot"), 0);
	assert_int_equal(df(t, 6, "robot arms"), 1);
	tally_free(t);
}

static void
the_display_form_is_the_commonest_written_form(void **state)
{
	struct tally	*t = tally_new(tk);
	enum term_kind	 kind;
	char		*key, *cause = NULL, *d;
	struct tally_cell *c;
	size_t		 n, i, klen;

	(void)state;
	tally_add_paper(t, 1, "LLMs rule", NULL);
	tally_add_paper(t, 1, "An LLM", NULL);
	tally_add_paper(t, 1, "More LLMs", NULL);
	key = tokenizer_query_key(tk, "llm", &kind, &cause);
	c = tally_cells(t, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(tokenizer_key(tk, c[i].term, &klen), key) == 0) {
			d = tally_display(t, c[i].term);
			assert_string_equal(d, "LLMs");
			assert_int_equal(tally_display_count(t, c[i].term), 2);
			free(d);
		}
	}
	free(key);
	tally_free(t);
}

static void
known_days_include_days_without_new_papers(void **state)
{
	struct tally	*t = tally_new(tk);
	day_t		*days;
	uint32_t	*papers;

	(void)state;
	tally_add_paper(t, 9, "Something learned", NULL);
	tally_add_day(t, 7);
	tally_add_paper(t, 9, "Something else", NULL);
	assert_int_equal(tally_days(t, &days, &papers), 2);
	assert_int_equal(days[0], 7);
	assert_int_equal(papers[0], 0);
	assert_int_equal(days[1], 9);
	assert_int_equal(papers[1], 2);
	free(days);
	free(papers);
	tally_free(t);
}

static void
a_cleared_tally_counts_the_next_day_afresh(void **state)
{
	struct tally		*t = tally_new(tk);
	struct tally_cell	*a, *b;
	size_t			 na, nb, i, klen;
	uint32_t		 mamba = UINT32_MAX;

	(void)state;
	tally_add_paper(t, 7, "Mamba models", "MAMBA beats Mamba.");
	tally_add_paper(t, 7, "More Mamba", NULL);
	a = tally_cells(t, &na);
	/* Asked again without a change: the same sorted cells, kept. */
	b = tally_cells(t, &nb);
	assert_ptr_equal(a, b);
	assert_int_equal(na, nb);
	assert_int_equal(df(t, 7, "mamba"), 2);
	for (i = 0; i < na; i++)
		if (strcmp(tokenizer_key(tk, a[i].term, &klen), "mamba") == 0)
			mamba = a[i].term;
	assert_int_not_equal(mamba, UINT32_MAX);
	assert_int_equal(tally_display_count(t, mamba), 2);
	tally_clear(t);
	a = tally_cells(t, &na);
	assert_int_equal(na, 0);
	assert_int_equal(tally_display_count(t, mamba), 0);
	/* The same tokenizer goes on: the next day counts from zero. */
	tally_add_paper(t, 8, "Mamba", NULL);
	assert_int_equal(df(t, 8, "mamba"), 1);
	assert_int_equal(df(t, 7, "mamba"), 0);
	assert_int_equal(tally_display_count(t, mamba), 1);
	tally_free(t);
}

static void
merging_the_log_many_times_counts_as_merging_it_once(void **state)
{
	struct tally		*all = tally_new(tk), *day[3];
	struct tally_cell	*a, *r;
	size_t			 na, nr, i, k, p, at = 0, len;
	char			 text[1024];

	(void)state;
	for (k = 0; k < 3; k++)
		day[k] = tally_new(tk);
	/*
	 * 1,200 papers, the three days in turn, of two shared words and
	 * sixty names of their own: 220,000 logged terms, which one tally
	 * merges into its cells three times, the three others once each.
	 */
	for (p = 0; p < 1200; p++) {
		len = (size_t)snprintf(text, sizeof text, "alpha beta");
		for (i = 0; i < 60; i++)
			len += (size_t)snprintf(text + len, sizeof text - len,
			    " z%zu", p * 60 + i);
		snprintf(text + len, sizeof text - len, ".");
		tally_add_paper(all, (day_t)(10 + p % 3), NULL, text);
		tally_add_paper(day[p % 3], (day_t)(10 + p % 3), NULL, text);
	}
	a = tally_cells(all, &na);
	for (k = 0; k < 3; k++) {
		r = tally_cells(day[k], &nr);
		assert_true(at + nr <= na);
		for (i = 0; i < nr; i++) {
			assert_int_equal(a[at + i].day, r[i].day);
			assert_int_equal(a[at + i].term, r[i].term);
			assert_int_equal(a[at + i].df, r[i].df);
		}
		at += nr;
		tally_free(day[k]);
	}
	assert_int_equal(at, na);
	assert_int_equal(df(all, 11, "alpha beta"), 400);
	assert_int_equal(df(all, 10, "z599"), 1);	/* paper 9's */
	assert_int_equal(df(all, 11, "z599"), 0);
	tally_free(all);
}

static void
a_moved_day_leaves_its_tally_and_counts_again_if_fed_again(void **state)
{
	struct tally	*a = tally_new(tk), *b = tally_new(tk);
	size_t		 n, before;

	(void)state;
	tally_add_paper(a, 100, "Mamba models", NULL);
	tally_add_paper(b, 100, "Mamba robots", NULL);
	tally_add_paper(b, 101, "Robots", NULL);
	before = tally_cell_count(b);
	tally_move_day(a, b, 100);
	assert_int_equal(df(a, 100, "mamba"), 2);
	assert_int_equal(df(a, 100, "robot"), 1);
	assert_int_equal(df(b, 100, "mamba"), 0);
	assert_false(tally_has_day(b, 100));
	/* b keeps day 101 alone: one term. */
	assert_int_equal(tally_cell_count(b), 1);
	assert_true(before > 1);
	tally_cells(b, &n);
	assert_int_equal(n, 1);
	assert_int_equal(df(b, 101, "robot"), 1);
	/* Fed day 100 again, b counts it from nothing. */
	tally_add_paper(b, 100, "Mamba", NULL);
	assert_int_equal(df(b, 100, "mamba"), 1);
	assert_int_equal(tally_cell_count(b), 2);
	tally_cells(b, &n);
	assert_int_equal(n, 2);
	tally_free(a);
	tally_free(b);
}

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(a_term_counts_once_per_paper_however_often_repeated),
    cmocka_unit_test(phrases_are_two_or_three_words_that_never_cross_punctuation),
    cmocka_unit_test(the_display_form_is_the_commonest_written_form),
    cmocka_unit_test(known_days_include_days_without_new_papers),
    cmocka_unit_test(a_cleared_tally_counts_the_next_day_afresh),
    cmocka_unit_test(merging_the_log_many_times_counts_as_merging_it_once),
    cmocka_unit_test(a_moved_day_leaves_its_tally_and_counts_again_if_fed_again))
