/* Atom feeds and arXiv API answers: entries, text constructs, errors. */
#include "unit.h"

static void
arxiv_api_entries_are_papers_with_wrapped_titles_collapsed(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/arxiv-api.atom", "2025-06-01");
	assert_int_equal(d->format, FORMAT_ATOM);
	assert_int_equal(d->n, 2);
	assert_string_equal(unit_day(d->date), "2025-03-20");
	assert_string_equal(d->entries[0].key, "2503.10000");
	assert_string_equal(d->entries[0].id,
	    "http://arxiv.org/abs/2503.10000v2");
	assert_string_equal(d->entries[0].url,
	    "http://arxiv.org/abs/2503.10000v2");
	assert_string_equal(d->entries[0].title,
	    "Mixture-of-Experts Routing Without Load-Balancing Losses");
	assert_int_equal(strncmp(d->entries[0].abstract, "We show that expert "
	    "routing in mixture-of-experts transformers stays balanced", 76),
	    0);
	assert_string_equal(d->entries[0].authors,
	    "Claude Shannon, Emmy Noether");
	assert_string_equal(unit_day(d->entries[0].published), "2025-03-13");
	/* type="html" is escaped markup: unescaped and stripped. */
	assert_string_equal(d->entries[1].title,
	    "Reward Models Are Overconfident");
	digest_free(d);
}

static void
the_arxiv_error_entry_is_an_error_not_a_paper(void **state)
{
	struct digest	*d;
	char		*cause;

	(void)state;
	d = unit_parse_file("tests/data/arxiv-api-error.atom", FORMAT_AUTO,
	    "2025-06-01", &cause);
	assert_null(d);
	assert_string_equal(cause, "tests/data/arxiv-api-error.atom: arXiv API "
	    "error: incorrect id format for 1234.12345");
	free(cause);
}

static void
an_empty_result_is_a_snapshot_without_papers(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/arxiv-api-empty.atom", "2025-06-01");
	assert_int_equal(d->n, 0);
	assert_string_equal(unit_day(d->date), "2025-03-14");
	digest_free(d);
}

static void
relative_links_resolve_against_xml_base_and_the_feed_url(void **state)
{
	struct digest_options	 o = { .name = "f.atom",
	    .base_url = "https://example.org/feeds/atom.xml" };
	struct digest		*d;
	char			*cause = NULL;
	const char		*x = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<updated>2025-03-14T00:00:00Z</updated>"
	    "<entry><title>One</title><link href=\"one.html\"/></entry>"
	    "<entry xml:base=\"/papers/\"><title>Two</title>"
	    "<link rel=\"alternate\" href=\"two\"/></entry></feed>";

	(void)state;
	d = digest_parse(FORMAT_AUTO, x, strlen(x), &o, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_string_equal(d->entries[0].url,
	    "https://example.org/feeds/one.html");
	assert_string_equal(d->entries[1].url,
	    "https://example.org/papers/two");
	digest_free(d);
}

static void
the_feed_date_may_follow_the_entries(void **state)
{
	struct digest_options	 o = { .name = "late.atom" };
	struct digest		*d;
	char			*cause = NULL;
	const char		*x = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<entry><title>One</title><id>a</id></entry>"
	    "<entry><title>Two</title><id>b</id>"
	    "<published>2025-03-02T10:00:00Z</published></entry>"
	    "<updated>2025-03-03T00:00:00Z</updated></feed>";

	(void)state;
	day_parse("2025-06-01", &o.date);
	d = digest_parse(FORMAT_ATOM, x, strlen(x), &o, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_string_equal(unit_day(d->entries[0].day), "2025-03-03");
	assert_string_equal(unit_day(d->entries[0].published), "2025-03-03");
	assert_string_equal(unit_day(d->entries[1].day), "2025-03-03");
	assert_string_equal(unit_day(d->entries[1].published), "2025-03-02");
	digest_free(d);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(
        arxiv_api_entries_are_papers_with_wrapped_titles_collapsed),
    cmocka_unit_test(the_arxiv_error_entry_is_an_error_not_a_paper),
    cmocka_unit_test(an_empty_result_is_a_snapshot_without_papers),
    cmocka_unit_test(
        relative_links_resolve_against_xml_base_and_the_feed_url),
    cmocka_unit_test(the_feed_date_may_follow_the_entries))
