/*
 * Word lists (stop words): one word a line, '#' starts a comment, matched
 * after Unicode case folding. The shipped list is built into the program;
 * a user file extends it.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analysis/text/text.h"

struct wordlist {
	struct strmap	*words;
};

/* A new, empty word list. */
struct wordlist *
wordlist_new(void)
{
	struct wordlist	*wl = xcalloc(1, sizeof *wl);

	wl->words = strmap_new();
	return wl;
}

/* Free a word list; NULL is fine. */
void
wordlist_free(struct wordlist *wl)
{
	if (wl == NULL)
		return;
	strmap_free(wl->words);
	free(wl);
}

/* Add every word of a list text (one a line); returns how many were read. */
size_t
wordlist_add_text(struct wordlist *wl, const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *eol, *a, *b;
	utf8proc_uint8_t *folded;
	utf8proc_ssize_t n;
	size_t		 count = 0;

	for (; p < end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		a = p;
		b = memchr(p, '#', (size_t)(eol - p));
		if (b == NULL)
			b = eol;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (a == b)
			continue;
		n = utf8proc_map((const utf8proc_uint8_t *)a, b - a, &folded,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		    UTF8PROC_CASEFOLD);
		if (n < 0)
			continue;
		strmap_intern(wl->words, (const char *)folded, (size_t)n, NULL);
		free(folded);
		count++;
	}
	return count;
}

/* Whether the case-folded word is on the list. */
int
wordlist_has(const struct wordlist *wl, const char *s, size_t len)
{
	return strmap_find(wl->words, s, len) >= 0;
}

/* A new list holding the shipped stop words. */
struct wordlist *
wordlist_default(void)
{
	struct wordlist	*wl = wordlist_new();

	wordlist_add_text(wl, embedded_stopwords, strlen(embedded_stopwords));
	return wl;
}
