/*
 * DESIGN section 9 against hostile XML and HTML: external entities, DTDs
 * and XInclude are never loaded; entity expansion never happens (a
 * reference to a declared entity stays as written text); deep nesting
 * and huge text nodes end in a clear error or a capped result.
 */
#include <sys/resource.h>

#include "unit.h"

/* Parse text as format f on 2025-03-14; NULL with *cause on error. */
static struct digest *
parse(enum digest_format f, const char *text, size_t len, char **cause)
{
	struct digest_options	 o = { .name = "evil.xml", .date = 20161 };

	*cause = NULL;
	return digest_parse(f, text, len, &o, cause);
}

/* Whether any text of any entry contains s. */
static int
digest_mentions(const struct digest *d, const char *s)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		if ((d->entries[i].title && strstr(d->entries[i].title, s)) ||
		    (d->entries[i].abstract &&
		    strstr(d->entries[i].abstract, s)) ||
		    (d->entries[i].url && strstr(d->entries[i].url, s)))
			return 1;
	}
	return 0;
}

/* Peak resident memory of this process so far, in MB. */
static long
peak_mb(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static void
external_entities_and_dtds_pointing_at_local_files_are_never_read(
    void **state)
{
	struct digest	*d;
	const char	*dir = getenv("TOPICD_SOURCE_DIR");
	char		*x, *cause;

	(void)state;
	xasprintf(&x, "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE rss SYSTEM \"file://%s/tests/data/evil.dtd\" [\n"
	    "<!ENTITY xxe SYSTEM \"file://%s/tests/data/secret.txt\">\n"
	    "<!ENTITY %% pe SYSTEM \"file://%s/tests/data/evil.dtd\"> %%pe;\n"
	    "]>\n<rss><channel><item><title>A &xxe; B &secret; C &dtdsecret;"
	    "</title><link>https://x.org/&xxe;</link><description "
	    "a=\"&xxe;\">&xxe;</description></item></channel></rss>\n",
	    dir, dir, dir);
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 1);
	assert_false(digest_mentions(d, "LEAKED"));
	/* A reference to a declared entity stays as written. */
	assert_string_equal(d->entries[0].title,
	    "A &xxe; B &secret; C &dtdsecret;");
	digest_free(d);
	free(x);
}

static void
xinclude_is_never_processed(void **state)
{
	struct digest	*d;
	char		*x, *cause;

	(void)state;
	xasprintf(&x, "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	    "<channel><item><title>A <xi:include href=\"file://%s/tests/data/"
	    "secret.txt\" parse=\"text\"/> B</title></item></channel></rss>",
	    getenv("TOPICD_SOURCE_DIR"));
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	assert_non_null(d);
	assert_false(digest_mentions(d, "LEAKED"));
	assert_string_equal(d->entries[0].title, "A B");
	digest_free(d);
	free(x);
}

/* Billion laughs: ten levels of ten references, 10^9 "lol"s if expanded. */
static char *
billion_laughs(void)
{
	char	*x, *s, *t;
	int	 i, j;

	s = xstrdup("<!ENTITY lol0 \"lol\">");
	for (i = 1; i < 10; i++) {
		xasprintf(&t, "%s<!ENTITY lol%d \"", s, i);
		free(s);
		s = t;
		for (j = 0; j < 10; j++) {
			xasprintf(&t, "%s&lol%d;", s, i - 1);
			free(s);
			s = t;
		}
		xasprintf(&t, "%s\">", s);
		free(s);
		s = t;
	}
	xasprintf(&x, "<?xml version=\"1.0\"?><!DOCTYPE rss [%s]><rss><channel>"
	    "<item><title>x &lol9; y</title><link href=\"&lol9;\"/>"
	    "</item></channel></rss>", s);
	free(s);
	return x;
}

/* Quadratic blow-up: a 100 kB entity referenced 100,000 times (10 GB). */
static char *
quadratic(void)
{
	size_t	 n = 100000, i, len;
	char	*x = malloc(2 * n + 4 * n + 200), *o = x;

	o += sprintf(o, "<!DOCTYPE rss [<!ENTITY a \"");
	memset(o, 'a', n);
	o += n;
	o += sprintf(o, "\">]><rss><channel><item><title>t</title>"
	    "<description>");
	for (i = 0; i < n; i++) {
		memcpy(o, "&a;", 3);
		o += 3;
	}
	len = (size_t)sprintf(o, "</description></item></channel></rss>");
	o[len] = '\0';
	return x;
}

static void
entity_expansion_never_happens_and_costs_no_memory(void **state)
{
	struct digest	*d;
	char		*x, *cause;
	long		 before = peak_mb();

	(void)state;
	x = billion_laughs();
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	assert_non_null(d);
	assert_false(digest_mentions(d, "lollol"));
	assert_string_equal(d->entries[0].title, "x &lol9; y");
	digest_free(d);
	free(x);
	x = quadratic();
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	if (d != NULL) {
		assert_false(digest_mentions(d, "aaaa"));
		digest_free(d);
	} else {
		assert_int_equal(strncmp(cause, "evil.xml:1:", 11), 0);
		free(cause);
	}
	free(x);
	print_message("peak memory %ld MB -> %ld MB\n", before, peak_mb());
	assert_true(peak_mb() - before < 100);
}

/* An item nested depth elements deep, after a good one. */
static char *
deep(int depth, int good)
{
	size_t	 cap = (size_t)depth * 8 + 256;
	char	*x = malloc(cap), *o = x;
	int	 i;

	o += sprintf(o, "<rss><channel>%s<item><title>", good ?
	    "<item><title>good</title></item>" : "");
	for (i = 0; i < depth; i++)
		o += sprintf(o, "<b>");
	o += sprintf(o, "deep");
	for (i = 0; i < depth; i++)
		o += sprintf(o, "</b>");
	sprintf(o, "</title></item></channel></rss>");
	return x;
}

static void
ten_thousand_deep_nesting_ends_in_a_clear_error(void **state)
{
	struct digest	*d;
	char		*x, *cause;

	(void)state;
	x = deep(10000, 0);
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	assert_null(d);
	assert_non_null(strstr(cause, "Excessive depth in document"));
	assert_int_equal(strncmp(cause, "evil.xml:1:", 11), 0);
	free(cause);
	free(x);
	x = deep(10000, 1);
	d = parse(FORMAT_AUTO, x, strlen(x), &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 1);
	assert_non_null(strstr(d->warning, "kept 1 complete items"));
	digest_free(d);
	free(x);
	x = deep(10000, 1);	/* HTML has no such limit: read, no crash */
	d = parse(FORMAT_HTML, x, strlen(x), &cause);
	digest_free(d);
	free(cause);
	free(x);
}

/* A feed (or page, html) with an 11 MB abstract. */
static char *
huge_text(int html, size_t *len)
{
	size_t	 n = 11 * 1024 * 1024;
	char	*x = malloc(n + 256), *o = x;

	o += sprintf(o, html ? "<html><body><article><h3><a href=\"/p/1\">"
	    "Title</a></h3><p>" : "<rss><channel><item><title>Title</title>"
	    "<description>");
	memset(o, 'w', n);
	o += n;
	o += sprintf(o, html ? "</p></article></body></html>" :
	    "</description></item></channel></rss>");
	*len = (size_t)(o - x);
	return x;
}

static void
an_11_mb_text_node_ends_capped(void **state)
{
	struct digest	*d;
	char		*x, *cause;
	size_t		 len;
	int		 html;

	(void)state;
	for (html = 0; html < 2; html++) {
		x = huge_text(html, &len);
		d = parse(html ? FORMAT_HTML : FORMAT_RSS, x, len, &cause);
		if (d != NULL) {
			assert_int_equal(d->n, 1);
			assert_true(strlen(d->entries[0].abstract) <=
			    1024 * 1024);
			digest_free(d);
		} else {
			assert_non_null(strstr(cause, "text node"));
			free(cause);
		}
		free(x);
	}
}

static void
an_11_mb_attribute_is_refused_by_what_it_is(void **state)
{
	struct digest	*d;
	size_t		 n = 11 * 1024 * 1024, len;
	char		*x, *o, *cause;

	(void)state;
	o = x = malloc(n + 200);
	o += sprintf(o, "<rss><channel><item><title a=\"");
	memset(o, 'w', n);
	o += n;
	o += sprintf(o, "\">Title</title></item></channel></rss>");
	len = (size_t)(o - x);
	d = parse(FORMAT_RSS, x, len, &cause);
	assert_null(d);
	assert_string_equal(cause, "evil.xml:1:21: tag, attribute or comment "
	    "larger than 10 MB");
	free(cause);
	free(x);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(
        entity_expansion_never_happens_and_costs_no_memory),
    cmocka_unit_test(
        external_entities_and_dtds_pointing_at_local_files_are_never_read),
    cmocka_unit_test(xinclude_is_never_processed),
    cmocka_unit_test(
        ten_thousand_deep_nesting_ends_in_a_clear_error),
    cmocka_unit_test(an_11_mb_text_node_ends_capped),
    cmocka_unit_test(an_11_mb_attribute_is_refused_by_what_it_is))
