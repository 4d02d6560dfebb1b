/* The Hugging Face Daily Papers API: papers, upvotes, bad answers. */
#include "unit.h"

/* Parse JSON text as hf-json on 2025-03-14; NULL with cause on error. */
static struct digest *
parse(const char *text, size_t len, char **cause)
{
	struct digest_options	 o = { .name = "hf.json" };

	day_parse("2025-03-14", &o.date);
	*cause = NULL;
	return digest_parse(FORMAT_AUTO, text, len, &o, cause);
}

static void
each_element_is_a_paper_ranked_by_its_upvotes(void **state)
{
	struct digest	*d;
	char		*cause;

	(void)state;
	d = unit_parse_file("tests/data/hf-daily-papers-2025-03-14.json",
	    FORMAT_AUTO, "2025-03-14", &cause);
	assert_non_null(d);
	assert_int_equal(d->format, FORMAT_HFJSON);
	assert_int_equal(d->n, 3);
	assert_string_equal(d->entries[0].key, "2503.10622");
	assert_string_equal(d->entries[0].title,
	    "Transformers without Normalization");
	assert_int_equal(strncmp(d->entries[0].abstract, "Normalization layers "
	    "are ubiquitous in modern neural networks. We show that "
	    "transformers", 84), 0);
	assert_int_equal(d->entries[0].rank, 117);
	assert_string_equal(d->entries[0].url,
	    "https://huggingface.co/papers/2503.10622");
	assert_string_equal(d->entries[0].authors, "Lina Chen, Marco Rossi");
	assert_string_equal(unit_day(d->entries[0].day), "2025-03-14");
	assert_string_equal(unit_day(d->entries[0].published), "2025-03-13");
	assert_string_equal(d->entries[1].title,
	    "World Models as Agents' Planners");
	assert_int_equal(d->entries[1].rank, 42);
	assert_string_equal(d->entries[2].title, "Caf\xc3\xa9 Benchmarks for "
	    "Multilingual \xe2\x80\x9cReasoning\xe2\x80\x9d");
	assert_string_equal(unit_day(d->entries[2].published), "2025-03-13");
	digest_free(d);
}

static void
a_truncated_answer_keeps_its_complete_papers(void **state)
{
	struct digest	*d;
	char		*text, *cause;
	size_t		 len;

	(void)state;
	text = unit_slurp("tests/data/hf-daily-papers-2025-03-14.json", &len);
	d = parse(text, strstr(text, "Caf") - text, &cause);
	assert_non_null(d);
	assert_int_equal(d->n, 2);
	assert_non_null(d->warning);
	assert_non_null(strstr(d->warning, "hf.json: item 3: "));
	assert_non_null(strstr(d->warning, "kept 2 complete papers"));
	digest_free(d);
	free(text);
}

static void
bad_answers_are_refused_with_a_reason(void **state)
{
	struct digest	*d;
	char		*cause;
	const char	*err = "{\"error\":\"Invalid date\"}";

	(void)state;
	d = parse(err, strlen(err), &cause);
	assert_null(d);	/* sniffed as JSONL: an object a line */
	free(cause);
	d = digest_parse(FORMAT_HFJSON, err, strlen(err),
	    &(struct digest_options){ .name = "hf.json", .date = 20161 },
	    &cause);
	assert_null(d);
	assert_string_equal(cause, "hf.json: Hugging Face API error: Invalid "
	    "date");
	free(cause);
	d = parse("[{\"paper\":{\"id\":\"1\"}}]", 22, &cause);
	assert_null(d);
	assert_string_equal(cause, "hf.json: item 1: no paper title");
	free(cause);
	d = parse("[]", 2, &cause);
	assert_non_null(d);	/* a day without papers */
	assert_int_equal(d->n, 0);
	digest_free(d);
}

static void
invalid_utf8_is_replaced_never_stored_raw(void **state)
{
	struct digest	*d;
	char		*cause;
	const char	*t = "[{\"paper\":{\"id\":\"2503.1\",\"title\":\"Bad "
	    "\xff\xfe bytes\"}}]";
	size_t		 bad;

	(void)state;
	d = parse(t, strlen(t), &cause);
	assert_non_null(d);
	assert_true(utf8_valid(d->entries[0].title,
	    strlen(d->entries[0].title), &bad));
	assert_string_equal(d->entries[0].title,
	    "Bad \xef\xbf\xbd\xef\xbf\xbd bytes");
	digest_free(d);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(each_element_is_a_paper_ranked_by_its_upvotes),
    cmocka_unit_test(a_truncated_answer_keeps_its_complete_papers),
    cmocka_unit_test(bad_answers_are_refused_with_a_reason),
    cmocka_unit_test(invalid_utf8_is_replaced_never_stored_raw))
