/*
 * Queries that more than one command asks (and the HTTP API), built on
 * the store's read path: a series of term counts per period, a search.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon/query/query.h"
#include "daemon/sys/sys.h"

/*
 * Fill s (its by, nterms and terms set) with each term's papers per period
 * over the known days in [from, to]. A term the tokenizer cannot count
 * (a stop word, punctuation) or that no paper uses is explained on stderr
 * and counts 0.
 */
int
query_series(struct store *st, struct tokenizer *tk, day_t from, day_t to,
    struct series *s, char **cause)
{
	enum term_kind	 kind;
	int64_t		*ids;
	char		*key, *display, *why = NULL;
	size_t		 i;
	int		 rc = -1;

	ids = xcalloc(s->nterms + 1, sizeof *ids);
	for (i = 0; i < s->nterms; i++) {
		if ((key = tokenizer_query_key(tk, s->terms[i], &kind,
		    &why)) == NULL) {
			log_warnx("%s: counts 0", why);
			free(why);
			why = NULL;
			continue;
		}
		rc = store_term_find(st, key, &ids[i], &display, cause);
		free(display);
		free(key);
		if (rc != 0)
			goto out;
		rc = -1;
		if (ids[i] == 0)
			log_warnx("\"%s\": no paper in the database uses it: "
			    "counts 0", s->terms[i]);
	}
	rc = query_series_ids(st, ids, from, to, s, cause);
out:
	free(ids);
	return rc;
}

/*
 * Fill s (its by, nterms and terms set) with the papers per period of the
 * terms with these ids (0 counts nothing) over the known days in
 * [from, to].
 */
int
query_series_ids(struct store *st, const int64_t *ids, day_t from, day_t to,
    struct series *s, char **cause)
{
	day_t		*days = NULL;
	int64_t		*papers = NULL, *counts = NULL;
	size_t		 ndays;
	int		 rc = -1;

	if (store_day_totals(st, from, to, &days, &papers, &ndays, cause) != 0)
		goto out;
	counts = xcalloc(ndays * s->nterms + 1, sizeof *counts);
	if (store_term_days(st, ids, s->nterms, days, ndays, counts,
	    cause) != 0)
		goto out;
	series_build(s, days, papers, ndays, counts);
	rc = 0;
out:
	free(days);
	free(papers);
	free(counts);
	return rc;
}

/*
 * The query with each word that holds punctuation quoted, so that
 * "DeepSeek-R1" or "GPT-4o" is one phrase to FTS5 rather than an operator;
 * words already quoted and the operators AND, OR, NOT stay as they are.
 */
static char *
query_search_quote(const char *q)
{
	char		*out = xmalloc(3 * strlen(q) + 1), *o = out;
	const char	*w, *e, *p;
	int		 plain;

	for (w = q; *w != '\0'; w = e) {
		if (*w == ' ' || *w == '\t') {
			*o++ = *w;
			e = w + 1;
			continue;
		}
		if (*w == '"') {
			e = strchr(w + 1, '"');
			e = e != NULL ? e + 1 : w + strlen(w);
			memcpy(o, w, (size_t)(e - w));
			o += e - w;
			continue;
		}
		for (e = w; *e != '\0' && *e != ' ' && *e != '\t'; e++)
			;
		plain = 1;
		for (p = w; p < e; p++) {
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    (unsigned char)*p >= 0x80 || *p == '*' ||
			    *p == '(' || *p == ')'))
				plain = 0;
		}
		if (!plain)
			*o++ = '"';
		memcpy(o, w, (size_t)(e - w));
		o += e - w;
		if (!plain)
			*o++ = '"';
	}
	*o = '\0';
	return out;
}

/*
 * Papers whose title or abstract match text (FTS5 syntax) on days [from,
 * to], best first, at most limit, rendered as JSON or as text in so many
 * columns (0: titles whole), with how many papers the index lacks; NULL
 * with *cause on a bad query.
 */
char *
query_search(struct store *st, const char *text, day_t from, day_t to,
    int limit, int json, size_t columns, char **cause)
{
	struct rising_example	*ex;
	struct paper_row	*rows = NULL;
	size_t			 n = 0, i;
	int64_t			 unindexed;
	char			*query = query_search_quote(text), *out;

	if (store_search(st, query, from, to, limit, &rows, &n, cause) != 0 ||
	    store_search_behind(st, &unindexed, cause) != 0) {
		free(query);
		paper_rows_free(rows, n);
		return NULL;
	}
	ex = xcalloc(n + 1, sizeof *ex);
	for (i = 0; i < n; i++) {
		ex[i].id = rows[i].key;
		ex[i].title = rows[i].title;
		ex[i].url = rows[i].url;
		ex[i].day = rows[i].day;
	}
	out = json ? search_json(ex, n, unindexed) :
	    search_text(ex, n, unindexed, columns);
	free(ex);
	free(query);
	paper_rows_free(rows, n);
	return out;
}
