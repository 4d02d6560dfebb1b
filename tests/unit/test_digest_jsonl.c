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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_line_is_a_paper_with_its_own_day),
		cmocka_unit_test(a_bad_record_names_its_line_and_what_is_wrong),
		cmocka_unit_test(skip_bad_keeps_the_good_lines_and_counts_the_rest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
