/*
 * Topics: named groups of terms and phrases from a topics file, matched
 * in a paper's tokens on whole words, the way terms are counted. Parsing
 * reports file:line and what is wrong; it never reads the file itself.
 *
 * The file (words/topics.txt is the shipped default):
 *   # a comment, to the end of the line
 *   NAME: PATTERN, PATTERN, ...
 *       PATTERN, ...        (a line that starts with a blank continues)
 * A pattern is a word, a name or a phrase of at most six words. It is
 * tokenized like a paper, so it matches case-folded and stemmed ("agent"
 * matches "Agents"), names keep their identity ("o1", "LoRA"), and a
 * pattern never matches inside a word ("AI" is not in "email"). Stop
 * words and bare numbers in a pattern are skipped ("mixture of experts"
 * matches "mixture of experts" and "mixtures of expert"). A paper has a
 * topic when any of its patterns occurs in it; it counts once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/text/text.h"

#define TOPICS_MAX_WORDS	6
#define TOPICS_MAX_NAME		64

struct topic_pattern {
	uint32_t	 terms[TOPICS_MAX_WORDS];
	uint8_t		 n;
	uint32_t	 topic;
	int64_t		 next;		/* next pattern, same first term */
};

struct topics {
	char			**names;
	uint32_t		*terms;		/* each topic's term */
	size_t			 n;
	struct topic_pattern	*pat;
	size_t			 npat, pat_cap;
	struct u64map		*first;		/* first term -> pattern + 1 */
	struct tokenizer	*tk;
	int			 lenient;	/* skip wordless patterns */
};

/* Free topics; NULL is fine. */
void
topics_free(struct topics *tp)
{
	size_t	 i;

	if (tp == NULL)
		return;
	for (i = 0; i < tp->n; i++)
		free(tp->names[i]);
	free(tp->names);
	free(tp->terms);
	free(tp->pat);
	u64map_free(tp->first);
	free(tp);
}

/* How many topics. */
size_t
topics_count(const struct topics *tp)
{
	return tp->n;
}

/* The name of topic i. */
const char *
topics_name(const struct topics *tp, size_t i)
{
	return tp->names[i];
}

/* The tokenizer term topic i is counted under. */
uint32_t
topics_term(const struct topics *tp, size_t i)
{
	return tp->terms[i];
}

/* Trim blanks from both ends of s[0..*len); returns the new start. */
static const char *
topics_trim(const char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' ||
	    s[*len - 1] == '\r'))
		(*len)--;
	return s;
}

/* Add one pattern s[0..len) to topic t; -1 with *cause if it is empty. */
static int
topics_add_pattern(struct topics *tp, uint32_t t, const char *s, size_t len,
    const char *file, size_t line, char **cause)
{
	struct tokens		 tok = { NULL, 0, 0 };
	struct topic_pattern	*p;
	uint32_t		*slot;
	size_t			 i;
	int			 added;

	if (tp->npat == tp->pat_cap) {
		tp->pat_cap = tp->pat_cap ? tp->pat_cap * 2 : 64;
		tp->pat = xreallocarray(tp->pat, tp->pat_cap, sizeof *tp->pat);
	}
	p = &tp->pat[tp->npat];
	memset(p, 0, sizeof *p);
	p->topic = t;
	tokenize(tp->tk, s, len, &tok, 0);
	for (i = 0; i < tok.n; i++) {
		if (tok.v[i].flags & TOKEN_NOPHRASE)
			continue;
		if (p->n == TOPICS_MAX_WORDS) {
			xasprintf(cause, "%s:%zu: pattern \"%.*s\" has more "
			    "than %d words", file, line, (int)len, s,
			    TOPICS_MAX_WORDS);
			tokens_free(&tok);
			return -1;
		}
		p->terms[p->n++] = tok.v[i].term;
	}
	tokens_free(&tok);
	if (p->n == 0 && tp->lenient)
		return 0;
	if (p->n == 0) {
		xasprintf(cause, "%s:%zu: pattern \"%.*s\" has no word to "
		    "match (stop words and numbers are skipped)", file, line,
		    (int)len, s);
		return -1;
	}
	slot = u64map_slot(tp->first, p->terms[0], &added);
	p->next = added ? -1 : (int64_t)*slot - 1;
	*slot = (uint32_t)tp->npat + 1;
	tp->npat++;
	return 0;
}

/* Add the comma-separated patterns of s[0..len) to topic t. */
static int
topics_add_list(struct topics *tp, uint32_t t, const char *s, size_t len,
    const char *file, size_t line, char **cause)
{
	const char	*p, *comma, *end = s + len;
	size_t		 plen;

	for (p = s; p < end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		plen = (size_t)(comma - p);
		p = topics_trim(p, &plen);
		if (plen == 0) {
			if (comma == end)
				break;	/* a trailing comma continues */
			xasprintf(cause, "%s:%zu: empty pattern between "
			    "commas", file, line);
			return -1;
		}
		if (topics_add_pattern(tp, t, p, plen, file, line, cause) != 0)
			return -1;
		if (comma == end)
			break;
	}
	return 0;
}

/* Start topic name[0..len) at line; -1 with *cause if it is bad. */
static int
topics_add_topic(struct topics *tp, const char *name, size_t len,
    const char *file, size_t line, size_t *lines, char **cause)
{
	size_t	 i;

	if (len == 0) {
		xasprintf(cause, "%s:%zu: empty topic name before ':'", file,
		    line);
		return -1;
	}
	if (len > TOPICS_MAX_NAME) {
		xasprintf(cause, "%s:%zu: topic name longer than %d bytes",
		    file, line, TOPICS_MAX_NAME);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == '"') {
			xasprintf(cause, "%s:%zu: topic name holds a control "
			    "character or a quote", file, line);
			return -1;
		}
	}
	for (i = 0; i < tp->n; i++) {
		if (strlen(tp->names[i]) == len &&
		    strncasecmp(tp->names[i], name, len) == 0) {
			xasprintf(cause, "%s:%zu: topic \"%.*s\" is defined "
			    "twice (first on line %zu)", file, line, (int)len,
			    name, lines[i]);
			return -1;
		}
	}
	tp->names = xreallocarray(tp->names, tp->n + 1, sizeof *tp->names);
	tp->terms = xreallocarray(tp->terms, tp->n + 1, sizeof *tp->terms);
	tp->names[tp->n] = xstrndup(name, len);
	tp->terms[tp->n] = tokenizer_topic(tp->tk, tp->names[tp->n]);
	lines[tp->n] = line;
	tp->n++;
	return 0;
}

/*
 * topics_parse, and when lenient, a pattern with no word to match is
 * skipped and a topic may keep no pattern (topics_default).
 */
static struct topics *
topics_parse_text(struct tokenizer *tk, const char *text, size_t len,
    const char *file, int lenient, char **cause)
{
	struct topics	*tp = xcalloc(1, sizeof *tp);
	const char	*s = text, *end = text + len, *nl, *colon, *hash;
	size_t		 line = 0, llen, nlen, *lines = NULL, npat = 0;
	int		 cur = -1;

	tp->tk = tk;
	tp->lenient = lenient;
	tp->first = u64map_new();
	if (!utf8_valid(text, len, &llen)) {
		xasprintf(cause, "%s: invalid UTF-8 at byte %zu", file, llen);
		goto fail;
	}
	for (; s < end; s = nl + 1) {
		line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		llen = (size_t)(nl - s);
		for (hash = s; hash < nl; hash++) {
			if (*hash == '#' && (hash == s || hash[-1] == ' ' ||
			    hash[-1] == '\t'))
				break;
		}
		llen = (size_t)(hash - s);
		if (llen > 0 && (*s == ' ' || *s == '\t')) {
			nlen = llen;
			colon = topics_trim(s, &nlen);
			if (nlen == 0)
				continue;
			if (cur < 0) {
				xasprintf(cause, "%s:%zu: a continuation line "
				    "(it starts with a blank) before any "
				    "topic", file, line);
				goto fail;
			}
			if (topics_add_list(tp, (uint32_t)cur, colon, nlen,
			    file, line, cause) != 0)
				goto fail;
			continue;
		}
		nlen = llen;
		s = topics_trim(s, &nlen);
		if (nlen == 0)
			continue;
		if (cur >= 0 && tp->npat == npat && !tp->lenient) {
			xasprintf(cause, "%s:%zu: topic \"%s\" has no pattern",
			    file, lines[cur], tp->names[cur]);
			goto fail;
		}
		npat = tp->npat;
		if ((colon = memchr(s, ':', nlen)) == NULL) {
			xasprintf(cause, "%s:%zu: expected \"NAME: pattern, "
			    "pattern, ...\", found no ':'", file, line);
			goto fail;
		}
		lines = xreallocarray(lines, tp->n + 1, sizeof *lines);
		llen = (size_t)(colon - s);
		(void)topics_trim(s, &llen);	/* the name's right end */
		if (topics_add_topic(tp, s, llen, file, line, lines,
		    cause) != 0)
			goto fail;
		cur = (int)tp->n - 1;
		if (topics_add_list(tp, (uint32_t)cur, colon + 1,
		    nlen - (size_t)(colon + 1 - s), file, line, cause) != 0)
			goto fail;
		if (nl == end)
			break;
	}
	if (cur >= 0 && tp->npat == npat && !tp->lenient) {
		xasprintf(cause, "%s:%zu: topic \"%s\" has no pattern", file,
		    lines[cur], tp->names[cur]);
		goto fail;
	}
	free(lines);
	return tp;
fail:
	free(lines);
	topics_free(tp);
	return NULL;
}

/*
 * Parse a topics file's text (file names it in messages) with the terms
 * of tk (borrowed, must outlive the topics). NULL with *cause
 * "file:line: what is wrong" on the first error.
 */
struct topics *
topics_parse(struct tokenizer *tk, const char *text, size_t len,
    const char *file, char **cause)
{
	return topics_parse_text(tk, text, len, file, 0, cause);
}

/*
 * The shipped topics (words/topics.txt), counted with tk's terms. The
 * user's stop words win: a shipped pattern they leave without a word
 * ("Mamba" when mamba is a stop word) is skipped, where a user's topics
 * file gets an error for it. NULL with *cause only for a broken build.
 */
struct topics *
topics_default(struct tokenizer *tk, char **cause)
{
	return topics_parse_text(tk, embedded_topics, strlen(embedded_topics),
	    "shipped topics.txt", 1, cause);
}

/* Whether pattern p occurs at v[i], stepping over parts of names. */
static int
topics_at(const struct topic_pattern *p, const struct token *v, size_t n,
    size_t i)
{
	size_t	 k;

	if (p->n == 1)
		return 1;
	if (v[i].flags & TOKEN_NOPHRASE)
		return 0;
	for (k = 1, i++; k < p->n; i++) {
		if (i >= n)
			return 0;
		if (v[i].flags & TOKEN_NOPHRASE)
			continue;
		if (v[i].term != p->terms[k++])
			return 0;
	}
	return 1;
}

/*
 * The topics that occur in tokens v[0..n) of one paper: their indices,
 * each once, in hit (room for topics_count); returns how many.
 */
size_t
topics_match(const struct topics *tp, const struct token *v, size_t n,
    uint32_t *hit)
{
	const uint32_t	*slot;
	uint8_t		*seen;
	size_t		 i, nhit = 0;
	int64_t		 k;

	if (tp->n == 0)
		return 0;
	seen = xcalloc(tp->n, 1);
	for (i = 0; i < n; i++) {
		if ((slot = u64map_get(tp->first, v[i].term)) == NULL)
			continue;
		for (k = (int64_t)*slot - 1; k >= 0; k = tp->pat[k].next) {
			if (seen[tp->pat[k].topic] ||
			    !topics_at(&tp->pat[k], v, n, i))
				continue;
			seen[tp->pat[k].topic] = 1;
			hit[nhit++] = tp->pat[k].topic;
		}
	}
	free(seen);
	return nhit;
}
