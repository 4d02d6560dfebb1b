/* RSS 2.0 and RDF feeds: arXiv's quirks, real-world tolerance, charsets. */
#include "unit.h"
#include "analysis/digest/digest_int.h"

static void
arxiv_rss_items_are_papers_and_replacements_are_updates(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/arxiv-rss-cs.CL.xml", "2025-06-01");
	assert_int_equal(d->format, FORMAT_RSS);
	assert_int_equal(d->n, 4);
	assert_string_equal(unit_day(d->date), "2025-03-14");
	assert_null(d->warning);
	assert_string_equal(d->entries[0].key, "2503.10001");
	assert_string_equal(d->entries[0].id, "oai:arXiv.org:2503.10001v1");
	assert_string_equal(d->entries[0].url,
	    "https://arxiv.org/abs/2503.10001");
	assert_string_equal(d->entries[0].title, "Token-Efficient "
	    "Long-Context Reasoning with Sparse Memory Layers");
	assert_int_equal(strncmp(d->entries[0].abstract, "Large language "
	    "models struggle", 30), 0);
	assert_null(strstr(d->entries[0].abstract, "Announce"));
	assert_string_equal(d->entries[0].authors, "Ada Lovelace, Alan Turing");
	assert_int_equal(d->entries[0].update, 0);
	assert_int_equal(d->entries[0].rank, 1);
	assert_string_equal(unit_day(d->entries[0].day), "2025-03-14");
	assert_int_equal(d->entries[1].update, 0);	/* cross: new here */
	assert_int_equal(d->entries[2].update, 1);	/* replace */
	assert_string_equal(d->entries[2].key, "2412.00003");
	assert_string_equal(d->entries[2].authors, "Karen Sp\xc3\xa4rck Jones");
	assert_int_equal(d->entries[3].update, 1);	/* replace-cross */
	digest_free(d);
}

static void
an_empty_feed_is_a_snapshot_without_papers(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/arxiv-rss-empty.xml", "2025-06-01");
	assert_int_equal(d->n, 0);
	assert_string_equal(unit_day(d->date), "2025-03-15");
	digest_free(d);
}

static void
rdf_titles_lose_the_arxiv_suffix_and_updated_ones_are_updates(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/arxiv-rdf-cs.CL.xml", "2025-06-01");
	assert_int_equal(d->format, FORMAT_RDF);
	assert_int_equal(d->n, 3);
	assert_string_equal(unit_day(d->date), "2023-03-14");
	assert_string_equal(d->entries[0].title,
	    "The Science of Detecting LLM-Generated Texts");
	assert_string_equal(d->entries[0].key, "2303.07205");
	assert_string_equal(d->entries[0].id, "http://arxiv.org/abs/2303.07205");
	assert_string_equal(d->entries[0].abstract, "The emergence of large "
	    "language models (LLMs) has resulted in the production of "
	    "LLM-generated texts that are highly sophisticated and almost "
	    "indistinguishable from texts written by humans. We survey "
	    "detection methods: black-box and white-box, with p < 0.05 where "
	    "it matters.");
	assert_string_equal(d->entries[0].authors,
	    "Ruixiang Tang, Yu-Neng Chuang, Xia Hu");
	assert_int_equal(d->entries[0].update, 0);
	assert_string_equal(d->entries[1].title,
	    "Multilingual Instruction Tuning at Scale");
	assert_int_equal(d->entries[1].update, 0);
	assert_string_equal(d->entries[2].title, "Prompting Is Programming: "
	    "A Query Language for Large Language Models");
	assert_int_equal(d->entries[2].update, 1);
	digest_free(d);
}

static void
html_entities_cdata_markup_and_odd_dates_are_read_as_feed_readers_do(
    void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/rss-quirks.xml", "2025-06-01");
	assert_null(d->warning);
	assert_int_equal(d->n, 3);	/* the item without a title is none */
	assert_string_equal(unit_day(d->date), "2025-03-14");
	assert_string_equal(d->entries[0].title,
	    "Deep Learning for Weather Forecasts");
	assert_string_equal(d->entries[0].abstract, "We forecast weather with "
	    "deep learning & satellites; skill rises when p < 0.05.");
	assert_string_equal(d->entries[0].url,
	    "https://lab.example.org/papers/weather.html");
	assert_string_equal(unit_day(d->entries[0].published), "2025-03-12");
	assert_string_equal(d->entries[1].title,
	    "A Bold Claim about Graph Neural Networks");
	assert_string_equal(d->entries[1].abstract, "Graph neural networks, "
	    "revisited\xe2\x80\xa6 with \xc3\xa9l\xc3\xa9gance.");
	assert_string_equal(unit_day(d->entries[1].published), "2025-03-11");
	/* An unknown date falls back to the digest's. */
	assert_string_equal(unit_day(d->entries[2].published), "2025-03-14");
	assert_null(d->entries[2].url);
	assert_int_equal(strncmp(d->entries[2].key, "title:", 6), 0);
	digest_free(d);
}

/* Parse a one-item charset fixture and check its title. */
static void
title_is(const char *rel, const char *title)
{
	struct digest	*d;
	size_t		 bad;

	d = unit_parse_ok(rel, "2025-06-01");
	assert_int_equal(d->n, 1);
	assert_true(utf8_valid(d->entries[0].title,
	    strlen(d->entries[0].title), &bad));
	assert_string_equal(d->entries[0].title, title);
	digest_free(d);
}

static void
latin1_cp1252_and_utf16_feeds_end_as_utf8(void **state)
{
	(void)state;
	title_is("tests/data/rss-latin1.xml",
	    "Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9");
	title_is("tests/data/rss-cp1252.xml", "\xe2\x80\x9cQuoted\xe2\x80\x9d "
	    "\xe2\x80\x94 and \xe2\x82\xac" "5");
	title_is("tests/data/rss-utf16.xml", "Unicode \xc3\xbc" "ber "
	    "\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80");
	title_is("tests/data/rss-invalid-utf8.xml", "Broken \xef\xbf\xbd bytes");
}

static void
a_truncated_feed_keeps_its_complete_items_and_says_so(void **state)
{
	struct digest	*d;

	(void)state;
	d = unit_parse_ok("tests/data/rss-truncated.xml", "2025-06-01");
	assert_int_equal(d->n, 2);
	assert_non_null(d->warning);
	assert_int_equal(strncmp(d->warning, "tests/data/rss-truncated.xml:",
	    29), 0);
	assert_non_null(strstr(d->warning, "kept 2 complete items"));
	/* Where it was cut, not the push parser's "Extra content". */
	assert_non_null(strstr(d->warning, ":44:47: Premature end of data in "
	    "tag title line 44"));
	digest_free(d);
}

static void
bare_ampersands_and_unknown_entities_are_text(void **state)
{
	struct digest_options	 o = { .name = "amp.xml", .date = 20161 };
	struct digest		*d;
	char			*cause = NULL;
	const char		*x = "<rss><channel><item><title>AT&T and R&D "
	    "&foo; &#233;</title><link>https://x.org/?a=1&b=2</link></item>"
	    "<item><title>x &lt;i&gt;y&lt;/i&gt; &amp; z &eacute;&lt;a "
	    "href=\"a&gt;b\"&gt;&lt;/a&gt;</title>"
	    "<description><![CDATA[a && b]]></description></item>"
	    "</channel></rss>";

	(void)state;
	d = digest_parse(FORMAT_AUTO, x, strlen(x), &o, &cause);
	assert_non_null(d);
	assert_null(d->warning);
	assert_int_equal(d->n, 2);
	assert_string_equal(d->entries[0].title,
	    "AT&T and R&D &foo; \xc3\xa9");
	assert_string_equal(d->entries[0].url, "https://x.org/?a=1&b=2");
	assert_string_equal(d->entries[1].title, "x y & z \xc3\xa9");
	assert_string_equal(d->entries[1].abstract, "a && b");
	digest_free(d);
}

static void
the_channel_date_and_link_may_follow_the_items(void **state)
{
	struct digest_options	 o = { .name = "late.xml" };
	struct digest		*d;
	char			*cause = NULL;
	const char		*x = "<rss><channel><title>t</title>"
	    "<item><title>A</title><link>/p/1</link></item>"
	    "<item><title>B</title><link>https://b.org/2</link>"
	    "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate></item>"
	    "<link>https://example.org/list/</link>"
	    "<pubDate>Mon, 03 Mar 2025 00:00:00 GMT</pubDate>"
	    "</channel></rss>";

	(void)state;
	day_parse("2025-06-01", &o.date);
	d = digest_parse(FORMAT_RSS, x, strlen(x), &o, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_string_equal(unit_day(d->date), "2025-03-03");
	assert_string_equal(d->entries[0].url, "https://example.org/p/1");
	assert_string_equal(unit_day(d->entries[0].day), "2025-03-03");
	assert_string_equal(unit_day(d->entries[0].published), "2025-03-03");
	assert_string_equal(d->entries[1].url, "https://b.org/2");
	assert_string_equal(unit_day(d->entries[1].day), "2025-03-03");
	assert_string_equal(unit_day(d->entries[1].published), "2025-03-04");
	digest_free(d);
}

/* An RSS feed of n items, "Paper i" with a bare '&' in every 7th. */
static char *
many_items(size_t n, size_t *len)
{
	size_t	 cap = 200 + n * 300, i;
	char	*x = malloc(cap), *o = x;

	o += sprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\"><channel><title>t</title>\n"
	    "<pubDate>Mon, 03 Mar 2025 00:00:00 GMT</pubDate>\n");
	for (i = 0; i < n; i++)
		o += sprintf(o, "<item><title>Paper %zu</title><link>"
		    "https://example.org/p/%zu</link><description>Words %s "
		    "about paper %zu, padded to cross the pieces the parser "
		    "is handed.</description></item>\n", i, i,
		    i % 7 == 0 ? "R&D" : "and more", i);
	o += sprintf(o, "</channel></rss>\n");
	*len = (size_t)(o - x);
	return x;
}

static void
a_feed_of_many_pieces_reads_every_item_in_order(void **state)
{
	struct digest_options	 o = { .name = "many.xml" };
	struct digest		*d;
	char			*x, *cause = NULL, want[64];
	size_t			 len, i, n = 20000;

	(void)state;
	day_parse("2025-06-01", &o.date);
	x = many_items(n, &len);
	assert_true(len > 2 * 1024 * 1024);	/* many push pieces */
	d = digest_parse(FORMAT_RSS, x, len, &o, &cause);
	free(x);
	assert_non_null(d);
	assert_null(d->warning);
	assert_int_equal(d->n, n);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof want, "Paper %zu", i);
		assert_string_equal(d->entries[i].title, want);
		assert_int_equal(d->entries[i].rank, (int)i + 1);
	}
	assert_non_null(strstr(d->entries[(n - 1) / 7 * 7].abstract, "R&D"));
	assert_string_equal(unit_day(d->entries[n - 1].day), "2025-03-03");
	digest_free(d);
}

/* A hook that reads every <item> and notes the most its parent held. */
static int
count_siblings(xmlNodePtr n, void *arg)
{
	size_t		*most = arg, held = 0;
	xmlNodePtr	 c;

	if (!xml_is(n, NULL, "item"))
		return 0;
	for (c = n->parent->children; c != NULL; c = c->next)
		held++;
	if (held > *most)
		*most = held;
	return 1;
}

static void
the_tree_holds_one_item_at_a_time_not_the_feed(void **state)
{
	struct digest_options	 o = { .name = "many.xml" };
	struct xml_doc		 xd;
	size_t			 len, most = 0;
	char			*x, *cause = NULL;
	struct xml_items	 items = { count_siblings, &most };

	(void)state;
	x = many_items(5000, &len);
	assert_int_equal(xml_read(x, len, &o, &items, &xd, &cause), 0);
	/*
	 * The channel's title, pubDate and the blank text between them,
	 * the item read before (swept after this one is read) and this one.
	 */
	assert_true(most <= 8);
	xml_doc_clear(&xd);
	free(x);
}

static void
broken_xml_is_refused_with_line_and_column(void **state)
{
	struct digest_options	 o = { .name = "bad.xml" };
	struct digest		*d;
	char			*cause = NULL;
	const char		*x = "<?xml version=\"1.0\"?>\n<rss><channel>\n"
	    "<title>x</title>\n<item><title>a</tilte>";

	(void)state;
	day_parse("2025-03-14", &o.date);
	d = digest_parse(FORMAT_RSS, x, strlen(x), &o, &cause);
	assert_null(d);
	assert_non_null(cause);
	assert_string_equal(cause, "bad.xml:4:23: Opening and ending tag "
	    "mismatch: title line 4 and tilte");
	free(cause);
	cause = NULL;
	d = digest_parse(FORMAT_RSS, "<feed/>", 7, &o, &cause);
	assert_null(d);
	assert_string_equal(cause, "bad.xml: not an RSS feed (the root element "
	    "is <feed>)");
	free(cause);
	cause = NULL;
	d = digest_parse(FORMAT_RSS, "", 0, &o, &cause);
	assert_null(d);
	assert_non_null(cause);
	assert_int_equal(strncmp(cause, "bad.xml:", 8), 0);
	free(cause);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(
        arxiv_rss_items_are_papers_and_replacements_are_updates),
    cmocka_unit_test(an_empty_feed_is_a_snapshot_without_papers),
    cmocka_unit_test(
        rdf_titles_lose_the_arxiv_suffix_and_updated_ones_are_updates),
    cmocka_unit_test(
        html_entities_cdata_markup_and_odd_dates_are_read_as_feed_readers_do),
    cmocka_unit_test(latin1_cp1252_and_utf16_feeds_end_as_utf8),
    cmocka_unit_test(
        a_truncated_feed_keeps_its_complete_items_and_says_so),
    cmocka_unit_test(bare_ampersands_and_unknown_entities_are_text),
    cmocka_unit_test(the_channel_date_and_link_may_follow_the_items),
    cmocka_unit_test(a_feed_of_many_pieces_reads_every_item_in_order),
    cmocka_unit_test(the_tree_holds_one_item_at_a_time_not_the_feed),
    cmocka_unit_test(broken_xml_is_refused_with_line_and_column))
