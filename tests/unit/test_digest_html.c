/* HTML pages of paper cards: the huggingface.co/papers preset, XPath. */
#include "unit.h"

static void
the_hf_preset_prefers_the_embedded_data_props(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/hf-papers-2025-03-14.html", "2025-03-14");
	assert_int_equal(d->format, FORMAT_HTML);
	/* Three papers in data-props, one card in the markup. */
	assert_int_equal(d->n, 3);
	assert_string_equal(d->entries[0].key, "2503.10622");
	assert_int_equal(d->entries[0].rank, 117);
	assert_string_equal(d->entries[0].authors, "Lina Chen, Marco Rossi");
	assert_string_equal(d->entries[2].title, "Caf\xc3\xa9 Benchmarks for "
	    "Multilingual \xe2\x80\x9cReasoning\xe2\x80\x9d");
	digest_free(d);
}

static void
without_data_props_the_cards_are_read_and_links_resolved(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/hf-papers-cards.html", "2025-03-14");
	assert_int_equal(d->n, 3);
	assert_string_equal(d->entries[0].title,
	    "Transformers without Normalization");
	assert_string_equal(d->entries[0].abstract,
	    "Normalization layers are ubiquitous; we drop them.");
	assert_string_equal(d->entries[0].url,
	    "https://huggingface.co/papers/2503.10622");
	assert_string_equal(d->entries[0].key, "2503.10622");
	assert_int_equal(d->entries[0].rank, 117);
	/* windows-1252 from the meta tag: 0x92 is a right quote. */
	assert_string_equal(d->entries[1].title,
	    "World Models as Agents\xe2\x80\x99 Planners & Tools");
	assert_null(d->entries[1].abstract);
	assert_string_equal(d->entries[2].title, "Caf\xc3\xa9 Benchmarks");
	assert_string_equal(d->entries[2].abstract,
	    "An abstract with bold text.");
	digest_free(d);
}

/* A page of n cards; the caller frees it. */
static char *
page(size_t n, size_t *len)
{
	size_t	 cap = 256 + n * 200, i;
	char	*s = malloc(cap);

	*len = (size_t)snprintf(s, cap, "<html><body><ul>\n");
	for (i = 0; i < n; i++)
		*len += (size_t)snprintf(s + *len, cap - *len, "<li class=\"p\">"
		    "<span class=\"t\">Paper %zu on topic %zu</span> <a href=\"p/"
		    "%zu\">pdf</a><div>Abstract of %zu.</div></li>\n", i, i % 7,
		    i, i);
	*len += (size_t)snprintf(s + *len, cap - *len, "</ul></body></html>\n");
	return s;
}

/* The XPath steps of parsing a page of n cards with XPath selectors. */
static unsigned long
parse_steps(size_t n)
{
	struct digest_options	 o = { .name = "big.html", .date = 20161,
	    .base_url = "https://example.org/list/",
	    .item_xpath = "//li[@class='p']",
	    .title_xpath = "span[@class='t']", .abstract_xpath = "div",
	    .link_xpath = "a/@href" };
	struct digest		*d;
	char			*s, *cause = NULL, want[64];
	size_t			 len;
	unsigned long		 steps;

	s = page(n, &len);
	d = digest_parse(FORMAT_AUTO, s, len, &o, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, n);
	snprintf(want, sizeof want, "https://example.org/list/p/%zu", n - 1);
	assert_string_equal(d->entries[n - 1].url, want);
	assert_int_equal(d->entries[1].rank, 2);
	steps = d->xpath_steps;
	digest_free(d);
	free(s);
	return steps;
}

/*
 * Work counted, not time: libxml2's XPath steps (nodes visited, operations
 * done) for 10,000 and 100,000 items. Linear is 10 times; a selector run
 * from the root for each item would be about 100.
 */
static void
xpath_selectors_read_100000_items_in_linear_time(void **state)
{
	unsigned long	 small, big;

	(void)state;
	small = parse_steps(10000);
	big = parse_steps(100000);
	print_message("XPath steps: 10,000 items %lu, 100,000 items %lu\n",
	    small, big);
	assert_true(small >= 10000);
	assert_true(big <= small * 11);
}

static void
bad_selectors_and_pages_without_cards_are_refused(void **state)
{
	struct digest_options	 o = { .name = "p.html", .date = 20161,
	    .item_xpath = "//li[" };
	struct digest		*d;
	char			*cause = NULL;
	const char		*h = "<html><body><p>Hello</p></body></html>";

	(void)state;
	d = digest_parse(FORMAT_HTML, h, strlen(h), &o, &cause);
	assert_null(d);
	assert_string_equal(cause, "p.html: --item-xpath: not an XPath "
	    "expression: \"//li[\"");
	free(cause);
	cause = NULL;
	o.item_xpath = NULL;
	d = digest_parse(FORMAT_AUTO, h, strlen(h), &o, &cause);
	assert_null(d);
	assert_non_null(strstr(cause, "p.html: no paper cards found"));
	free(cause);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(the_hf_preset_prefers_the_embedded_data_props),
    cmocka_unit_test(
        without_data_props_the_cards_are_read_and_links_resolved),
    cmocka_unit_test(
        xpath_selectors_read_100000_items_in_linear_time),
    cmocka_unit_test(
        bad_selectors_and_pages_without_cards_are_refused))
