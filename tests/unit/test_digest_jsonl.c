/* The JSONL archive: records, required fields, bad lines. */
#include "unit.h"

/* Parse JSONL text; NULL with cause on error. */
static struct digest *
parse(const char *text, int skip_bad, char **cause)
{
	struct digest_options	 o = { .name = "a.jsonl", .date = DAY_NONE,
	    .skip_bad = skip_bad };

	*cause = NULL;
	return digest_parse(FORMAT_AUTO, text, strlen(text), &o, cause);
}

/* The error for a one-record archive, or "ok". */
static char msg[512];
static const char *
error_of(const char *text)
{
	struct digest	*d;
	char		*cause;

	d = parse(text, 0, &cause);
	if (d != NULL) {
		digest_free(d);
		return "ok";
	}
	snprintf(msg, sizeof msg, "%s", cause);
	free(cause);
	return msg;
}

static void
each_line_is_a_paper_with_its_own_day(void **state)
{
	struct digest	*d;
	char		*cause, buf[11];

	(void)state;
	d = parse("{\"date\":\"2025-03-14\",\"id\":\"2503.10622v2\",\"title\":"
	    "\"A  paper\\n title\",\"abstract\":\"Text\"}\n\n"
	    "{\"date\":\"2025-03-15\",\"title\":\"Another\",\"source\":\"x\"}\n",
	    0, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_int_equal(d->date, DAY_NONE);
	assert_string_equal(d->entries[0].title, "A paper title");
	assert_string_equal(d->entries[0].key, "2503.10622");
	assert_int_equal(d->entries[0].line, 1);
	assert_int_equal(d->entries[1].line, 3);
	day_format(d->entries[1].day, buf);
	assert_string_equal(buf, "2025-03-15");
	assert_null(d->entries[1].abstract);
	assert_int_equal(strncmp(d->entries[1].key, "title:", 6), 0);
	digest_free(d);
}

static void
a_bad_record_names_its_line_and_what_is_wrong(void **state)
{
	(void)state;
	assert_string_equal(error_of("{\"title\":\"x\"}"),
	    "a.jsonl:1: no \"date\" string");
	assert_string_equal(error_of("{\"date\":\"2025-01-01\"}"),
	    "a.jsonl:1: no \"title\" string");
	assert_string_equal(error_of("{\"date\":\"2025-02-30\",\"title\":\"x\"}"),
	    "a.jsonl:1: impossible date \"2025-02-30\" (want YYYY-MM-DD)");
	assert_string_equal(error_of("{\"date\":20250101,\"title\":\"x\"}"),
	    "a.jsonl:1: no \"date\" string");
	assert_string_equal(error_of("{\"date\":\"2025-01-01\",\"title\":\"x\","
	    "\"id\":5}"), "a.jsonl:1: \"id\", \"abstract\" and \"url\" must be "
	    "strings");
	assert_non_null(strstr(error_of("{\"date\":\"2025-01-01\",\"title\":\"x\""
	    "}\n{\"date\": broken"), "a.jsonl:2: invalid JSON: "));
	assert_string_equal(error_of("{\"date\":\"2025-01-01\",\"title\":\"\xff\"}"),
	    "a.jsonl:1: invalid UTF-8 at column 31");
	assert_non_null(strstr(error_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"a\\u0000b\"}"), "a.jsonl:1: invalid JSON: \\u0000 is not "
	    "allowed"));
	assert_string_equal(error_of("\n\n"), "a.jsonl: empty file: no digest "
	    "in it");
}

static void
skip_bad_keeps_the_good_lines_and_counts_the_rest(void **state)
{
	struct digest	*d;
	char		*cause;

	(void)state;
	d = parse("{\"date\":\"2025-01-01\",\"title\":\"good\"}\n"
	    "not json\n"
	    "{\"date\":\"2025-01-02\",\"title\":\"good too\"}\n"
	    "{\"date\":\"2025-01-02\"}\n", 1, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_int_equal(d->skipped, 2);
	assert_int_equal(d->skipped_first_line, 2);
	assert_non_null(strstr(d->skipped_first_cause, "invalid JSON"));
	digest_free(d);
}

/* The title of a one-record archive, or its error. */
static char title_msg[512];
static const char *
title_of(const char *text)
{
	struct digest	*d;
	char		*cause;

	if ((d = parse(text, 0, &cause)) == NULL) {
		snprintf(title_msg, sizeof title_msg, "error: %s", cause);
		free(cause);
		return title_msg;
	}
	snprintf(title_msg, sizeof title_msg, "%s|%s", d->entries[0].title,
	    d->entries[0].abstract != NULL ? d->entries[0].abstract : "-");
	digest_free(d);
	return title_msg;
}

static void
records_read_directly_or_by_jansson_read_alike(void **state)
{
	(void)state;
	/* Escapes, a surrogate pair, null, an unknown member. */
	assert_string_equal(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"a\\\"b\\\\c\\/d\\u00e9\\ud83d\\ude00 \\n x\",\"abstract\":null,"
	    "\"extra\":\"\\u0041\"}"), "a\"b\\c/d\xc3\xa9\xf0\x9f\x98\x80 x|-");
	/* A member given twice keeps its last value. */
	assert_string_equal(title_of("{\"title\":\"first\",\"date\":"
	    "\"2025-01-01\",\"title\":\"second\"}"), "second|-");
	/* Spaces around everything. */
	assert_string_equal(title_of("  { \"date\" : \"2025-01-01\" , "
	    "\"title\" : \"t\" , \"abstract\" : \"x y\" }  "), "t|x y");
	/* Numbers, objects, arrays: jansson reads those lines. */
	assert_string_equal(title_of("{\"date\":\"2025-01-01\",\"n\":5,"
	    "\"o\":{\"a\":[1,true]},\"title\":\"t\"}"), "t|-");
	assert_string_equal(title_of("{\"date\":\"2025-01-01\",\"title\":5}"),
	    "error: a.jsonl:1: no \"title\" string");
	/* Errors are jansson's, whichever reader met them first. */
	assert_non_null(strstr(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"\\ud800\"}"), "error: a.jsonl:1: invalid JSON: "));
	assert_non_null(strstr(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"t\"} x"), "error: a.jsonl:1: invalid JSON: "));
	assert_non_null(strstr(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"a\tb\"}"), "error: a.jsonl:1: invalid JSON: "));
	assert_non_null(strstr(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"a\\qb\"}"), "error: a.jsonl:1: invalid JSON: "));
	assert_string_equal(title_of("{\"date\":\"2025-01-01\",\"title\":"
	    "\"t\"}\n[1]"), "error: a.jsonl:2: not a JSON object");
}

/* The titles and lines of d, one "line:title" a line. */
static char *
digest_summary(const struct digest *d)
{
	char	*out = xstrdup(""), *s;
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		xasprintf(&s, "%s%ld:%s\n", out, d->entries[i].line,
		    d->entries[i].title);
		free(out);
		out = s;
	}
	return out;
}

static void
a_stream_in_pieces_of_any_size_reads_the_same_papers(void **state)
{
	struct digest_options	 o = { .name = "a.jsonl", .date = DAY_NONE };
	struct jsonl_stream	*js;
	struct digest		*whole, *d;
	char			*cause = NULL, *want, *got, *text;
	size_t			 len, at, step;

	(void)state;
	/* Blank lines, CRLF, a long line and no final newline. */
	text = xstrdup("{\"date\":\"2025-01-01\",\"title\":\"one\"}\r\n\n"
	    "{\"date\":\"2025-01-02\",\"title\":\"two\",\"abstract\":\""
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n"
	    "  \n{\"date\":\"2025-01-02\",\"title\":\"three\"}");
	len = strlen(text);
	whole = parse(text, 0, &cause);
	assert_non_null(whole);
	assert_int_equal(whole->n, 3);
	want = digest_summary(whole);
	for (step = 1; step <= len; step++) {
		js = jsonl_stream_new(&o);
		d = xcalloc(1, sizeof *d);
		for (at = 0; at < len; at += step)
			assert_int_equal(jsonl_stream_feed(js, text + at,
			    len - at < step ? len - at : step, d, &cause), 0);
		assert_int_equal(jsonl_stream_end(js, d, &cause), 0);
		got = digest_summary(d);
		assert_string_equal(got, want);
		assert_string_equal(d->entries[2].key,
		    whole->entries[2].key);
		free(got);
		digest_free(d);
		jsonl_stream_free(js);
	}
	free(want);
	free(text);
	digest_free(whole);
}

static void
a_stream_takes_and_drops_papers_as_they_come(void **state)
{
	struct digest_options	 o = { .name = "a.jsonl", .date = DAY_NONE };
	struct jsonl_stream	*js = jsonl_stream_new(&o);
	struct digest		*d = xcalloc(1, sizeof *d);
	const char		*a = "{\"date\":\"2025-01-01\",\"title\":"
	    "\"one\"}\n{\"date\":\"2025-", *b = "01-02\",\"title\":\"two\"}\n"
	    "not json\n";
	char			*cause = NULL;

	(void)state;
	assert_int_equal(jsonl_stream_feed(js, a, strlen(a), d, &cause), 0);
	assert_int_equal(d->n, 1);
	digest_entries_free(digest_take(d, 1), 1);
	assert_int_equal(d->n, 0);
	assert_int_equal(jsonl_stream_feed(js, b, strlen(b), d, &cause), -1);
	assert_int_equal(d->n, 1);
	assert_string_equal(d->entries[0].title, "two");
	assert_non_null(strstr(cause, "a.jsonl:3: invalid JSON"));
	free(cause);
	digest_free(d);
	jsonl_stream_free(js);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(each_line_is_a_paper_with_its_own_day),
    cmocka_unit_test(a_bad_record_names_its_line_and_what_is_wrong),
    cmocka_unit_test(skip_bad_keeps_the_good_lines_and_counts_the_rest),
    cmocka_unit_test(a_stream_in_pieces_of_any_size_reads_the_same_papers),
    cmocka_unit_test(records_read_directly_or_by_jansson_read_alike),
    cmocka_unit_test(a_stream_takes_and_drops_papers_as_they_come))
