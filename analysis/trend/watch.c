/*
 * What an alert rule watches ("topic:LLM* term:mamba term:\"test-time
 * scaling\" emerging") and the word splitting it shares with the rule's
 * exec command line: blanks separate words, double quotes group them.
 * Pure parsing; topic names are matched with fnmatch(3) globs.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/trend/trend.h"

/*
 * Split s into words: runs of non-blanks, where "..." (inside or around a
 * word) keeps blanks and drops the quotes; no escapes, no variables, no
 * shell. -1 with *cause on an unclosed quote or an empty result.
 */
int
split_words(const char *s, char ***words, size_t *n, char **cause)
{
	char	*w, *out;
	size_t	 len = strlen(s);
	int	 quoted, any;

	*words = NULL;
	*n = 0;
	out = xmalloc(len + 1);
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		w = out;
		quoted = any = 0;
		for (; *s != '\0' && (quoted || (*s != ' ' && *s != '\t'));
		    s++) {
			if (*s == '"') {
				quoted = !quoted;
				any = 1;
			} else
				*w++ = *s;
		}
		if (quoted) {
			xasprintf(cause, "a quote is not closed");
			goto fail;
		}
		*w = '\0';
		if (w == out && !any)
			continue;
		*words = xreallocarray(*words, *n + 1, sizeof **words);
		(*words)[(*n)++] = xstrdup(out);
	}
	free(out);
	if (*n == 0) {
		xasprintf(cause, "empty");
		return -1;
	}
	return 0;
fail:
	free(out);
	split_free(*words, *n);
	*words = NULL;
	*n = 0;
	return -1;
}

/* Free words from split_words. */
void
split_free(char **words, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/*
 * Parse a watch list into w: topic:GLOB, term:WORD, term:"a phrase",
 * emerging. -1 with *cause naming the first bad item.
 */
int
watch_parse(const char *s, struct watch *w, char **cause)
{
	struct watch_item	*it;
	char			**words, *why = NULL;
	size_t			 n, i;

	memset(w, 0, sizeof *w);
	if (split_words(s, &words, &n, &why) != 0) {
		xasprintf(cause, "watch list: %s", why);
		free(why);
		return -1;
	}
	w->v = xcalloc(n, sizeof *w->v);
	for (i = 0; i < n; i++) {
		it = &w->v[w->n];
		if (strncmp(words[i], "topic:", 6) == 0) {
			it->kind = WATCH_TOPIC;
			it->arg = xstrdup(words[i] + 6);
		} else if (strncmp(words[i], "term:", 5) == 0) {
			it->kind = WATCH_TERM;
			it->arg = xstrdup(words[i] + 5);
		} else if (strcmp(words[i], "emerging") == 0) {
			it->kind = WATCH_EMERGING;
			it->arg = xstrdup("");
		} else {
			xasprintf(cause, "unknown watch \"%s\": want topic:NAME, "
			    "term:WORD, term:\"a phrase\" or emerging",
			    words[i]);
			goto fail;
		}
		w->n++;
		if (it->kind != WATCH_EMERGING && *it->arg == '\0') {
			xasprintf(cause, "\"%s\" names no %s", words[i],
			    it->kind == WATCH_TOPIC ? "topic" : "term");
			goto fail;
		}
		if (it->kind == WATCH_TOPIC &&
		    strpbrk(it->arg, "\"\\\t\n") != NULL) {
			xasprintf(cause, "\"%s\": a topic name is a word or a "
			    "glob such as LLM* (no quotes or backslashes)",
			    words[i]);
			goto fail;
		}
	}
	split_free(words, n);
	return 0;
fail:
	split_free(words, n);
	watch_clear(w);
	return -1;
}

/* Free a watch list's items. */
void
watch_clear(struct watch *w)
{
	size_t	 i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].arg);
	free(w->v);
	memset(w, 0, sizeof *w);
}

/* Whether topic name matches the glob of a topic: watch. */
int
watch_topic_match(const char *glob, const char *name)
{
	return fnmatch(glob, name, 0) == 0;
}
