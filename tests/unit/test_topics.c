/* Topics: the file format, its errors, and whole-word matching. */
#include "unit.h"


/* Parse text as a topics file; NULL and *cause on error. */
static struct topics *
parse(const char *text, char **cause)
{
	*cause = NULL;
	return topics_parse(tk, text, strlen(text), "t.txt", cause);
}

/* The names of the topics found in text, joined by commas. */
static char *
found(const struct topics *tp, const char *text)
{
	struct tokens	 t = { NULL, 0, 0 };
	uint32_t	 hit[64];
	size_t		 n, i;
	char		*out = xstrdup(""), *prev;

	tokenize(tk, text, strlen(text), &t, 0);
	n = topics_match(tp, t.v, t.n, hit);
	for (i = 0; i < n; i++) {
		prev = out;
		xasprintf(&out, "%s%s%s", prev, *prev ? "," : "",
		    topics_name(tp, hit[i]));
		free(prev);
	}
	tokens_free(&t);
	return out;
}

static void
the_shipped_topics_parse_and_cover_the_usual_fields(void **state)
{
	struct topics	*tp;
	char		*cause = NULL;
	size_t		 i;
	int		 lora = 0, nerf = 0;

	(void)state;
	tp = topics_default(tk, &cause);
	assert_non_null(tp);
	assert_true(topics_count(tp) >= 17);
	for (i = 0; i < topics_count(tp); i++) {
		lora |= strcmp(topics_name(tp, i), "PEFT/LoRA") == 0;
		nerf |= strcmp(topics_name(tp, i), "NeRF") == 0;
	}
	assert_true(lora && nerf);
	topics_free(tp);
}

static void
patterns_match_whole_words_folded_and_stemmed(void **state)
{
	struct topics	*tp;
	char		*cause, *s;

	(void)state;
	tp = parse("AI: AI\nAgents: agent\nMoE: mixture of experts\n"
	    "Splat: Gaussian splatting\n", &cause);
	assert_non_null(tp);
	s = found(tp, "Send an email to the mailing list.");
	assert_string_equal(s, "");
	free(s);
	s = found(tp, "Agents for AI: a Mixture of Experts.");
	assert_string_equal(s, "Agents,AI,MoE");
	free(s);
	s = found(tp, "Gaussian models; splatting is elsewhere.");
	assert_string_equal(s, "");
	free(s);
	s = found(tp, "3D Gaussian Splatting, again Gaussian splatting.");
	assert_string_equal(s, "Splat");
	free(s);
	topics_free(tp);
}

static void
names_and_versions_match_inside_longer_names(void **state)
{
	struct topics	*tp;
	char		*cause, *s;

	(void)state;
	tp = parse("Reasoning: o1, R1\nLlama: Llama\n", &cause);
	assert_non_null(tp);
	s = found(tp, "We distil DeepSeek-R1 into Llama 3.");
	assert_string_equal(s, "Reasoning,Llama");
	free(s);
	topics_free(tp);
}

static void
continuation_lines_and_comments_extend_a_topic(void **state)
{
	struct topics	*tp;
	char		*cause, *s;

	(void)state;
	tp = parse("# comment\n\nRAG: RAG, # here too\n"
	    "    retrieval-augmented generation,\n\tretrieval\n", &cause);
	assert_non_null(tp);
	assert_int_equal(topics_count(tp), 1);
	s = found(tp, "Better retrieval for QA.");
	assert_string_equal(s, "RAG");
	free(s);
	topics_free(tp);
}

/* Check that text is refused with exactly message. */
static void
refused(const char *text, const char *message)
{
	char	*cause;

	assert_null(parse(text, &cause));
	assert_string_equal(cause, message);
	free(cause);
}

static void
errors_name_the_file_the_line_and_what_is_wrong(void **state)
{
	(void)state;
	refused("A: x1\nno colon here\n",
	    "t.txt:2: expected \"NAME: pattern, pattern, ...\", found no ':'");
	refused("A: x1\n: y1\n", "t.txt:2: empty topic name before ':'");
	refused("A: x1\na: y1\n",
	    "t.txt:2: topic \"a\" is defined twice (first on line 1)");
	refused("A:\nB: y1\n", "t.txt:1: topic \"A\" has no pattern");
	refused("A: x1,, y1\n", "t.txt:1: empty pattern between commas");
	refused("A: of the\n", "t.txt:1: pattern \"of the\" has no word to "
	    "match (stop words and numbers are skipped)");
	refused("  x1\n", "t.txt:1: a continuation line (it starts with a "
	    "blank) before any topic");
	refused("A: \xff\n", "t.txt: invalid UTF-8 at byte 3");
	refused("A: a1 b1 c1 d1 e1 f1 g1\n", "t.txt:1: pattern \"a1 b1 c1 d1 "
	    "e1 f1 g1\" has more than 6 words");
}

static void
a_user_stop_word_drops_shipped_patterns_not_the_topics(void **state)
{
	struct wordlist		*wl = wordlist_default();
	struct tokenizer	*own;
	struct topics		*tp, *shipped;
	struct tokens		 t = { NULL, 0, 0 };
	const char		*text = "Mamba and SSM layers";
	uint32_t		 hit[8];
	char			*cause = NULL;

	(void)state;
	wordlist_add_text(wl, "mamba\n", 6);
	own = tokenizer_new(wl);
	/* The shipped file says "Mamba": a user's file would be refused. */
	tp = topics_default(own, &cause);
	assert_non_null(tp);
	assert_null(cause);
	shipped = topics_default(tk, &cause);
	assert_int_equal(topics_count(tp), topics_count(shipped));
	topics_free(shipped);
	tokenize(own, text, strlen(text), &t, 0);
	assert_int_equal(topics_match(tp, t.v, t.n, hit), 1);
	assert_string_equal(topics_name(tp, hit[0]), "State-space models");
	tokens_free(&t);
	topics_free(tp);
	assert_null(topics_parse(own, "SSM: Mamba\n", 11, "t.txt", &cause));
	assert_non_null(strstr(cause, "pattern \"Mamba\" has no word"));
	free(cause);
	tokenizer_free(own);
	wordlist_free(wl);
}

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(the_shipped_topics_parse_and_cover_the_usual_fields),
    cmocka_unit_test(patterns_match_whole_words_folded_and_stemmed),
    cmocka_unit_test(names_and_versions_match_inside_longer_names),
    cmocka_unit_test(continuation_lines_and_comments_extend_a_topic),
    cmocka_unit_test(errors_name_the_file_the_line_and_what_is_wrong),
    cmocka_unit_test(a_user_stop_word_drops_shipped_patterns_not_the_topics))
