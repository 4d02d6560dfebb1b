/*
 * The weekly report: one walk, four renderings. A report built by hand
 * (an empty section, markup in the data, zero counts) in every format:
 * the sections in order, each string escaped for its target, and an
 * empty list said in words, never an empty table.
 */
#include <jansson.h>

#include "unit.h"
#include "reports/reports.h"

#define MARKUP	"<b>&\"*_[x]"	/* markup of every target in one string */
#define WINDOW	"window 1970-01-01..1970-01-01 (12 papers)"
#define AGAINST	"against 1970-01-01..1970-01-01 (40 papers)"

/* The headings of the sections, after the head, in each format. */
static const char *text_heads[] = { "\nSources\n",
	"\nRising topics and emerging clusters\n", "\nNew terms\n",
	"\nFalling\n", "\nSteady risers (", "\nAlerts\n" };
static const char *md_heads[] = { "\n## Sources\n",
	"\n## Rising topics and emerging clusters\n", "\n## New terms\n",
	"\n## Falling\n", "\n## Steady risers\n", "\n## Alerts\n" };
static const char *html_heads[] = { "<h2>Sources</h2>",
	"<h2>Rising topics and emerging clusters</h2>", "<h2>New terms</h2>",
	"<h2>Falling</h2>", "<h2>Steady risers</h2>", "<h2>Alerts</h2>" };
static const char *json_keys[] = { "week", "from", "to", "volume",
	"sources", "rising", "new_terms", "falling", "steady", "alerts" };

/* One rising row called term, with an example paper at url. */
static void
report_row(struct rising_row *row, const char *term, const char *title,
    const char *url)
{
	memset(row, 0, sizeof *row);
	row->term = xstrdup(term);
	row->a = 5;
	row->n1 = 12;
	row->n2 = 40;
	row->score = 1.25;
	row->significant = 1;
	row->isnew = 1;
	row->nexamples = 1;
	row->examples = xcalloc(1, sizeof *row->examples);
	row->examples[0].id = xstrdup("2502.00001");
	row->examples[0].title = xstrdup(title);
	row->examples[0].url = url != NULL ? xstrdup(url) : NULL;
	row->examples[0].day = DAY_NONE;
}

/*
 * A report of a week without papers: one source with markup in its name
 * and error, rising items over a window of 12 papers (none if !rows),
 * falling with no paper in its window, one steady riser, no alert.
 */
static void
report_fixture(struct report *r, int rows)
{
	size_t	 i;

	memset(r, 0, sizeof *r);
	strcpy(r->week, "2025-W09");
	assert_int_equal(day_parse("2025-02-24", &r->from), 0);
	assert_int_equal(day_parse("2025-03-02", &r->to), 0);
	for (i = 0; i < REPORT_WEEKS; i++)
		snprintf(r->volume[i].week, sizeof r->volume[i].week,
		    "2025-W%02zu", i + 2);
	r->nsources = 1;
	r->sources = xcalloc(1, sizeof *r->sources);
	r->sources[0].name = xstrdup("src " MARKUP);
	r->sources[0].last_error = xstrdup("HTTP 500 " MARKUP);
	r->rising.window.documents = 12;
	r->rising.baseline.documents = 40;
	if (rows) {
		r->rising.n = 2;
		r->rising.rows = xcalloc(2, sizeof *r->rising.rows);
		report_row(&r->rising.rows[0], "term " MARKUP,
		    "title " MARKUP, "https://example.org/?a=1&b=2");
		report_row(&r->rising.rows[1], "plain", "no link",
		    "javascript:alert(1)");
		r->spark = xcalloc(2 * REPORT_WEEKS, sizeof *r->spark);
	}
	r->steady.n = 1;
	r->steady.rows = xcalloc(1, sizeof *r->steady.rows);
	r->steady.rows[0].term = xstrdup("steady " MARKUP);
}

/* Whether each of heads is in s, after the one before it. */
static void
assert_in_order(const char *s, const char **heads, size_t n)
{
	const char	*at = s, *next;
	size_t		 i;

	for (i = 0; i < n; i++) {
		next = strstr(at, heads[i]);
		if (next == NULL)
			fail_msg("\"%s\" missing or out of order", heads[i]);
		at = next + strlen(heads[i]);
	}
}

/* The part of s from the heading from to the heading to (freed by caller). */
static char *
between(const char *s, const char *from, const char *to)
{
	const char	*a = strstr(s, from), *b;

	assert_non_null(a);
	b = strstr(a, to);
	assert_non_null(b);
	return strndup(a, (size_t)(b - a));
}

/* What a rendering must hold and must not. */
struct expect {
	int		 format;
	const char	*has[5];
	const char	*lacks[3];
};

/* Render r in each format of e and check what it holds. */
static void
assert_renders(const struct report *r, const struct expect *e, size_t n)
{
	char	*s;
	size_t	 i, k;

	for (i = 0; i < n; i++) {
		s = report_render(r, e[i].format);
		for (k = 0; k < 5 && e[i].has[k] != NULL; k++) {
			if (strstr(s, e[i].has[k]) == NULL)
				fail_msg("format %d lacks \"%s\"", e[i].format,
				    e[i].has[k]);
		}
		for (k = 0; k < 3 && e[i].lacks[k] != NULL; k++) {
			if (strstr(s, e[i].lacks[k]) != NULL)
				fail_msg("format %d has \"%s\"", e[i].format,
				    e[i].lacks[k]);
		}
		free(s);
	}
}

static void
every_format_has_the_sections_in_order(void **state)
{
	struct report	 r;
	json_t		*j;
	const char	*key;
	void		*it;
	char		*s;
	size_t		 i;
	int		 rows;

	(void)state;
	for (rows = 0; rows < 2; rows++) {
		report_fixture(&r, rows);
		s = report_render(&r, REPORT_TEXT);
		assert_true(strncmp(s, "topicd weekly report 2025-W09 ",
		    30) == 0);
		assert_in_order(s, text_heads, 6);
		free(s);
		s = report_render(&r, REPORT_MD);
		assert_true(strncmp(s, "# Weekly report 2025-W09\n", 25) == 0);
		assert_in_order(s, md_heads, 6);
		free(s);
		s = report_render(&r, REPORT_HTML);
		assert_true(strncmp(s, "<!DOCTYPE html>\n", 16) == 0);
		assert_in_order(s, html_heads, 6);
		assert_non_null(strstr(s, "</body></html>\n"));
		free(s);
		s = report_render(&r, REPORT_JSON);
		j = json_loads(s, 0, NULL);
		assert_non_null(j);
		for (i = 0, it = json_object_iter(j); it != NULL;
		    i++, it = json_object_iter_next(j, it)) {
			key = json_object_iter_key(it);
			assert_true(i < 10);
			assert_string_equal(key, json_keys[i]);
		}
		assert_int_equal(i, 10);
		json_decref(j);
		free(s);
		report_clear(&r);
	}
}

static void
an_unknown_format_is_text(void **state)
{
	struct report	 r;
	char		*a, *b;

	(void)state;
	report_fixture(&r, 1);
	a = report_render(&r, REPORT_TEXT);
	b = report_render(&r, 99);
	assert_string_equal(a, b);
	free(a);
	free(b);
	report_clear(&r);
}

static void
data_is_escaped_for_each_target(void **state)
{
	static const struct expect	 e[] = {
		/* Text: as it is, cut to its cell. */
		{ REPORT_TEXT, { "  src " MARKUP, "    last error: HTTP 500 "
		    MARKUP " ", "       title " MARKUP }, { NULL } },
		/* Markdown: what starts markup gets a backslash; links as HTML. */
		{ REPORT_MD, { "| src \\<b\\>&\"\\*\\_\\[x\\] |",
		    "[title \\<b\\>&\"\\*\\_\\[x\\]]"
		    "(https://example.org/?a=1&b=2)",
		    "[no link](https://arxiv.org/abs/2502.00001)",
		    "- steady \\<b\\>&\"\\*\\_\\[x\\] (" },
		    { MARKUP, "javascript:" } },
		/* HTML: entities; a link only to http(s) (an arXiv id gives its
		 * abstract), its address escaped too. */
		{ REPORT_HTML, { "<td>src &lt;b&gt;&amp;&quot;*_[x]</td>",
		    "<a href=\"https://example.org/?a=1&amp;b=2\">title "
		    "&lt;b&gt;&amp;&quot;*_[x]</a>", "<a href=\"https://arxiv.org/"
		    "abs/2502.00001\">no link</a>" }, { MARKUP, "javascript:" } },
	};
	struct report	 r;
	json_t		*j, *item;
	char		*s;

	(void)state;
	report_fixture(&r, 1);
	assert_renders(&r, e, sizeof e / sizeof e[0]);
	/* JSON: the strings as they are, quoted by jansson. */
	s = report_render(&r, REPORT_JSON);
	j = json_loads(s, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "sources"), 0), "name")), "src " MARKUP);
	item = json_array_get(json_object_get(json_object_get(j, "rising"),
	    "items"), 0);
	assert_string_equal(json_string_value(json_object_get(item, "term")),
	    "term " MARKUP);
	assert_int_equal(json_array_size(json_object_get(item,
	    "weekly_share")), REPORT_WEEKS);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(j, "new_terms"), 0)), "term " MARKUP);
	json_decref(j);
	free(s);
	report_clear(&r);
}

static void
an_empty_list_is_said_in_words_not_an_empty_table(void **state)
{
	static const char	*rising[] = {
		"\nRising topics and emerging clusters\n  " WINDOW "\n  "
		    AGAINST "\n\n  (nothing with enough evidence)\n",
		"\n## Rising topics and emerging clusters\n\n" WINDOW " "
		    AGAINST ".\n\nNothing with enough evidence.\n",
		"<h2>Rising topics and emerging clusters</h2>\n<p class=\""
		    "window\">" WINDOW " " AGAINST "</p>\n<p class=\"none\">"
		    "Nothing with enough evidence.</p>\n",
	};
	static const struct expect	 e[] = {
		{ REPORT_TEXT, { "\nNew terms\n  (none)\n", "\nFalling\n  (no "
		    "papers in the window)\n", "\nAlerts\n  (none this "
		    "week)\n" }, { NULL } },
		{ REPORT_MD, { "\n## New terms\n\nNone.\n", "\n## Falling\n\n"
		    "No papers in the window.\n", "\n## Alerts\n\nNone this "
		    "week.\n" }, { NULL } },
		{ REPORT_HTML, { "<h2>New terms</h2>\n<p><span class=\"none\">"
		    "None.</span></p>\n", "<h2>Falling</h2>\n<p class=\"none\">"
		    "No papers in the window.</p>\n", "<h2>Alerts</h2>\n<ul>\n"
		    "<li class=\"none\">None this week.</li>\n</ul>\n" },
		    { NULL } },
	};
	const char	**heads[] = { text_heads, md_heads, html_heads };
	int		  formats[] = { REPORT_TEXT, REPORT_MD, REPORT_HTML };
	struct report	  r;
	json_t		 *j;
	char		 *s, *part;
	size_t		  i;

	(void)state;
	report_fixture(&r, 0);
	for (i = 0; i < 3; i++) {
		s = report_render(&r, formats[i]);
		part = between(s, heads[i][1], heads[i][2]);
		assert_string_equal(part, rising[i]);
		free(part);
		free(s);
	}
	assert_renders(&r, e, sizeof e / sizeof e[0]);
	s = report_render(&r, REPORT_JSON);
	j = json_loads(s, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j,
	    "rising"), "items")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "new_terms")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "alerts")), 0);
	json_decref(j);
	free(s);
	report_clear(&r);
}

static void
zero_counts_read_as_zero(void **state)
{
	static const struct expect	 e[] = {
		{ REPORT_TEXT, { "  0 papers on 0 known days; the weeks before "
		    "averaged 0.\n", "No paper this week", "   0 snapshots   0 "
		    "failures  0/7 days known\n", " +0.00% a week\n" },
		    { NULL } },
		{ REPORT_MD, { "**0 papers** on 0 known days (the weeks before "
		    "averaged 0)", "| 2025-W09 | 0 | 0 |\n",
		    " | 0 | 0 | 0/7 | " }, { NULL } },
		{ REPORT_HTML, { "<b>0 papers</b> on 0 known days;" },
		    { NULL } },
		{ REPORT_JSON, { "{\"week\":\"2025-W09\",\"papers\":0,"
		    "\"days\":0}" }, { NULL } },
	};
	struct report	 r;

	(void)state;
	report_fixture(&r, 0);
	assert_renders(&r, e, sizeof e / sizeof e[0]);
	report_clear(&r);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(every_format_has_the_sections_in_order),
    cmocka_unit_test(an_unknown_format_is_text),
    cmocka_unit_test(data_is_escaped_for_each_target),
    cmocka_unit_test(
        an_empty_list_is_said_in_words_not_an_empty_table),
    cmocka_unit_test(zero_counts_read_as_zero))
