/*
 * libFuzzer harness for the user's word files: the input's first line is
 * a stop-word list (--stopwords), the rest a topics file (--topics). Both
 * the shipped topics and the input's are parsed with those stop words and
 * matched against the input's own words: an error or topics out, never a
 * crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/digest/digest.h"
#include "analysis/trend/trend.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Count the topics of tp in text with tk; nothing to return. */
static void
match(struct tokenizer *tk, const struct topics *tp, const char *text,
    size_t len)
{
	struct tokens	 t = { NULL, 0, 0 };
	uint32_t	*hit;

	tokenize(tk, text, len, &t, 0);
	hit = xreallocarray(NULL, topics_count(tp) + 1, sizeof *hit);
	(void)topics_match(tp, t.v, t.n, hit);
	free(hit);
	tokens_free(&t);
}

/* Parse one input as a stop-word line and a topics file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*text = (const char *)data;
	const char		*nl = memchr(text, '\n', size);
	size_t			 first = nl != NULL ? (size_t)(nl - text) : size;
	struct wordlist		*wl = wordlist_default();
	struct tokenizer	*tk;
	struct topics		*tp;
	char			*cause = NULL;

	wordlist_add_text(wl, text, first);
	tk = tokenizer_new(wl);
	/* The shipped topics are never refused, whatever the stop words. */
	if ((tp = topics_default(tk, &cause)) == NULL)
		abort();
	match(tk, tp, text, size);
	topics_free(tp);
	tp = topics_parse(tk, text + first, size - first, "fuzz", &cause);
	if (tp != NULL)
		match(tk, tp, text, size);
	topics_free(tp);
	free(cause);
	tokenizer_free(tk);
	wordlist_free(wl);
	return 0;
}
