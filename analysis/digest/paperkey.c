/*
 * A paper's identity (DESIGN section 3): its arXiv id without version,
 * found in the id or the link; else the GUID or id; else the link; else a
 * hash of the normalized title. The same paper in two feeds is one key.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analysis/digest/digest.h"

/* Whether s[i] is an ASCII digit (and i is inside s). */
static int
digit_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

/*
 * The arXiv id in s without its version: new style "YYMM.NNNNN"
 * ("2503.11677v2" -> "2503.11677") or old style "hep-th/9901001"; NULL if
 * none.
 */
char *
paperkey_arxiv_id(const char *s)
{
	size_t	 len, i, j, k;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	for (i = 0; i + 9 <= len; i++) {
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) ||
		    s[i - 1] == '.'))
			continue;
		for (j = 0; j < 4 && digit_at(s, len, i + j); j++)
			;
		if (j == 4 && s[i + 4] == '.') {
			for (k = 0; digit_at(s, len, i + 5 + k); k++)
				;
			if ((k == 4 || k == 5) && (i + 5 + k == len ||
			    !isalnum((unsigned char)s[i + 5 + k]) ||
			    s[i + 5 + k] == 'v'))
				return xstrndup(s + i, 5 + k);
		}
	}
	/* Old style: archive[.SUBJ]/NNNNNNN, after "abs/" or at the start. */
	for (i = 0; i < len; i++) {
		if (s[i] != '/')
			continue;
		for (k = 0; digit_at(s, len, i + 1 + k); k++)
			;
		if (k != 7 || (i + 8 < len && isalnum((unsigned char)s[i + 8]) &&
		    s[i + 8] != 'v'))
			continue;
		for (j = i; j > 0 && (islower((unsigned char)s[j - 1]) ||
		    s[j - 1] == '-' || s[j - 1] == '.' ||
		    isupper((unsigned char)s[j - 1])); j--)
			;
		if (j < i && islower((unsigned char)s[j]) &&
		    (j == 0 || s[j - 1] == '/' || s[j - 1] == ':'))
			return xstrndup(s + j, i + 8 - j);
	}
	return NULL;
}

/* The key of a parsed entry; never NULL. */
char *
paperkey_make(const struct entry *e)
{
	char			*key, hex[65];
	utf8proc_uint8_t	*folded;
	utf8proc_ssize_t	 n;
	size_t			 i, j;

	if ((key = paperkey_arxiv_id(e->id)) != NULL ||
	    (key = paperkey_arxiv_id(e->url)) != NULL)
		return key;
	if (e->id != NULL && *e->id != '\0') {
		xasprintf(&key, "id:%s", e->id);
		return key;
	}
	if (e->url != NULL && *e->url != '\0') {
		xasprintf(&key, "url:%s", e->url);
		return key;
	}
	/* The title, case-folded, with only its letters and digits. */
	n = utf8proc_map((const utf8proc_uint8_t *)(e->title ? e->title : ""),
	    0, &folded, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	    UTF8PROC_STRIPMARK);
	if (n < 0) {
		sha256_hex(e->title, strlen(e->title), hex);
	} else {
		for (i = j = 0; i < (size_t)n; i++) {
			if (folded[i] >= 0x80 || isalnum(folded[i]))
				folded[j++] = folded[i];
		}
		sha256_hex(folded, j, hex);
		free(folded);
	}
	xasprintf(&key, "title:%.32s", hex);
	return key;
}
