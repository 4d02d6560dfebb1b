/* The plain-text digest: furniture, the date line, entries, bad input. */
#include "unit.h"

/* Parse text with digest date near; NULL with cause on error. */
static struct digest *
parse(const char *text, size_t len, day_t near, char **cause)
{
	struct digest_options	 o = { .name = "digest.txt", .date = near };

	*cause = NULL;
	return digest_parse(FORMAT_TEXT, text, len, &o, cause);
}

static void
the_seed_holds_107_papers_and_no_furniture(void **state)
{
	struct digest	*d;
	char		*text, *cause, buf[11];
	size_t		 len, i;
	day_t		 near;

	(void)state;
	text = unit_slurp("tests/fixtures/seed-hf-2025-03-14.txt", &len);
	day_parse("2025-06-01", &near);
	d = parse(text, len, near, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 107);
	day_format(d->date, buf);
	assert_string_equal(buf, "2025-03-14");
	for (i = 0; i < d->n; i++) {
		assert_int_equal(d->entries[i].day, d->date);
		assert_string_not_equal(d->entries[i].title, "Subscribe");
		assert_string_not_equal(d->entries[i].title, "new");
		assert_true(strlen(d->entries[i].abstract) >= 80);
		assert_non_null(d->entries[i].key);
	}
	assert_string_equal(d->entries[0].title, "Initialization using "
	    "Update Approximation is a Silver Bullet for Extremely Efficient "
	    "Low-Rank Fine-Tuning");
	digest_free(d);
	free(text);
}

/* Line is a date line that reads as day want when the page was read near. */
static void
date_line_is(const char *line, day_t near, const char *want)
{
	day_t	 d;

	assert_int_equal(digest_text_date_line(line, strlen(line), near, &d),
	    1);
	assert_string_equal(unit_day(d), want);
}

static void
date_lines_come_in_four_shapes(void **state)
{
	day_t	 near, d;

	(void)state;
	day_parse("2025-06-01", &near);
	date_line_is("Mar 14", near, "2025-03-14");
	date_line_is("14 March 2024", near, "2024-03-14");
	date_line_is("March 14, 2023", near, "2023-03-14");
	assert_int_equal(digest_text_date_line("2022-03-14", 10, near, &d), 1);
	assert_int_equal(digest_text_date_line("Subscribe", 9, near, &d), 0);
	assert_int_equal(digest_text_date_line("May the best model win", 22,
	    near, &d), 0);
	assert_int_equal(digest_text_date_line("Feb 30", 6, near, &d), -1);
}

static void
a_date_without_year_is_the_last_one_before_the_page_was_read(void **state)
{
	day_t	 near;

	(void)state;
	day_parse("2025-01-02", &near);
	date_line_is("Dec 31", near, "2024-12-31");
	day_parse("2026-11-29", &near);
	date_line_is("Mar 14", near, "2026-03-14");
	/* Never a day after the page's: "Dec 3" four days ahead is last year's. */
	date_line_is("Dec 3", near, "2025-12-03");
	date_line_is("Nov 29", near, "2026-11-29");
	date_line_is("Nov 30", near, "2025-11-30");
	/* A leap day takes the last leap year. */
	date_line_is("Feb 29", near, "2024-02-29");
}

static void
bad_text_is_refused_with_file_and_line(void **state)
{
	struct digest	*d;
	char		*cause, *big;

	(void)state;
	d = parse("\n \n", 3, 20000, &cause);
	assert_null(d);
	assert_string_equal(cause, "digest.txt: empty file: no digest in it");
	free(cause);
	d = parse("Title\n\nabc\0def\n", 15, 20000, &cause);
	assert_null(d);
	assert_string_equal(cause, "digest.txt:3: NUL byte: not a text "
	    "digest");
	free(cause);
	d = parse("Title\n\nbad \xff byte\n", 18, 20000, &cause);
	assert_null(d);
	assert_non_null(strstr(cause, "digest.txt:3: invalid UTF-8"));
	free(cause);
	big = malloc(2 * 1024 * 1024);
	memset(big, 'x', 2 * 1024 * 1024);
	d = parse(big, 2 * 1024 * 1024, 20000, &cause);
	assert_null(d);
	assert_string_equal(cause, "digest.txt:1: line longer than 1 MiB");
	free(cause);
	free(big);
	d = parse("Feb 30\n\nTitle\n", 14, 20000, &cause);
	assert_null(d);
	assert_string_equal(cause, "digest.txt:1: impossible date \"Feb 30\"");
	free(cause);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(the_seed_holds_107_papers_and_no_furniture),
    cmocka_unit_test(date_lines_come_in_four_shapes),
    cmocka_unit_test(a_date_without_year_is_the_last_one_before_the_page_was_read),
    cmocka_unit_test(bad_text_is_refused_with_file_and_line))
