/* The tokenizer's rules (DESIGN section 4), one sentence a test. */
#include "unit.h"

static char		 out[4096];

/* The keys of text's tokens joined by "|"; names-only parts in (). */
static const char *
keys(const char *text)
{
	struct tokens	 t = { NULL, 0, 0 };
	size_t		 i, len;
	const char	*k;

	out[0] = '\0';
	tokenize(tk, text, strlen(text), &t, 0);
	for (i = 0; i < t.n; i++) {
		k = tokenizer_key(tk, t.v[i].term, &len);
		if (i > 0)
			strcat(out, "|");
		if (t.v[i].flags & TOKEN_NOPHRASE)
			strcat(out, "(");
		strncat(out, k, len);
		if (t.v[i].flags & TOKEN_NOPHRASE)
			strcat(out, ")");
	}
	tokens_free(&t);
	return out;
}

/* The key a query is looked up under, or "-" with the reason ignored. */
static const char *
query(const char *q)
{
	enum term_kind	 kind;
	char		*key, *cause = NULL;

	key = tokenizer_query_key(tk, q, &kind, &cause);
	if (key == NULL) {
		free(cause);
		return "-";
	}
	snprintf(out, sizeof out, "%s/%d", key, (int)kind);
	free(key);
	return out;
}

static void
plurals_and_inflections_fold_together(void **state)
{
	(void)state;
	assert_string_equal(keys("models model Models"), "model|model|model");
	assert_string_equal(keys("diffusion diffusions"), "diffus|diffus");
}

static void
acronyms_and_model_names_keep_their_identity(void **state)
{
	(void)state;
	assert_string_equal(keys("LLMs LLM llm"), "llm|llm|llm");
	assert_string_equal(keys("o1 R1 GPT-4o 3D LoRA Mamba"),
	    "o1|r1|(gpt)|(4o)|gpt-4o|3d|lora|mamba");
	assert_string_equal(keys("MoEs DeepSeek"), "moe|deepseek");
}

static void
stop_words_and_paper_speak_are_never_terms(void **state)
{
	(void)state;
	assert_string_equal(keys("We propose a novel method that shows "
	    "significant results"), "");
	assert_string_equal(keys("the state-of-the-art approach"), "");
}

static void
urls_addresses_math_and_bare_numbers_are_dropped(void **state)
{
	(void)state;
	assert_string_equal(keys("code at https://github.com/x/y-z and "
	    "www.example.org or mail me@example.com"), "code|mail");
	assert_string_equal(keys("loss $\\mathcal{L}_{2}$ drops 27-90 "
	    "times in 2024 by 3.5%"), "loss|drop|time");
	assert_string_equal(keys("r x r matrix"), "matrix");
}

static void
a_version_after_a_name_belongs_to_it(void **state)
{
	(void)state;
	assert_string_equal(keys("Gemini 2.5 beats Llama 3 and SAM 2"),
	    "(gemini)|gemini 2.5|beat|(llama)|llama 3|(sam)|sam 2");
	assert_string_equal(keys("YOLOv8 Qwen2.5"), "yolov8|qwen2.5");
	assert_string_equal(keys("with 3 layers"), "layer");
	assert_string_equal(keys("Llama, 3 times"), "llama|time");
}

static void
names_inside_hyphenated_names_count_too(void **state)
{
	(void)state;
	assert_string_equal(keys("DeepSeek-R1"),
	    "(deepseek)|(r1)|deepseek-r1");
	assert_string_equal(keys("o1-like Mamba-2"),
	    "(o1)|o1-like|(mamba)|mamba-2");
	assert_string_equal(keys("test-time fine-tuning"),
	    "test-time|fine-tune");
}

static void
unicode_is_normalized_and_case_folded(void **state)
{
	(void)state;
	/* A ligature, full-width letters and a no-break space. */
	assert_string_equal(keys("\xef\xac\x81ne-tuning"), "fine-tune");
	assert_string_equal(keys("\xef\xbc\xad\xef\xbd\x81\xef\xbd\x8d"
	    "\xef\xbd\x82\xef\xbd\x81"), "mamba");
	assert_string_equal(keys("Stra\xc3\x9f" "e\xc2\xa0" "caf\xc3\xa9"),
	    "strass|café");
}

static void
queries_find_phrases_the_way_they_are_counted(void **state)
{
	char	 first[4096];

	(void)state;
	snprintf(first, sizeof first, "%s", query("large language models"));
	assert_string_equal(first, "larg languag model/2");
	assert_string_equal(query("Large Language Model"), first);
	assert_string_equal(query("Mamba"), "mamba/1");
	assert_string_equal(query("Gemini 2.5"), "gemini 2.5/1");
	assert_string_equal(query("mixture of experts"), "-");
	assert_string_equal(query("foo, bar"), "-");
	assert_string_equal(query("a b c d e f"), "-");
	assert_string_equal(query("one two three four"), "-");
	assert_string_equal(query(""), "-");
}

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(plurals_and_inflections_fold_together),
    cmocka_unit_test(acronyms_and_model_names_keep_their_identity),
    cmocka_unit_test(stop_words_and_paper_speak_are_never_terms),
    cmocka_unit_test(urls_addresses_math_and_bare_numbers_are_dropped),
    cmocka_unit_test(a_version_after_a_name_belongs_to_it),
    cmocka_unit_test(names_inside_hyphenated_names_count_too),
    cmocka_unit_test(unicode_is_normalized_and_case_folded),
    cmocka_unit_test(queries_find_phrases_the_way_they_are_counted))
