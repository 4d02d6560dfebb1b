/*
 * Queries that more than one command asks, built on the store's read
 * path: a series of term counts per period.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "topicd.h"

/*
 * Fill s (its by, nterms and terms set) with each term's papers per period
 * over the known days in [from, to]. A term the tokenizer cannot count
 * (a stop word, punctuation) is explained on stderr and counts 0.
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
