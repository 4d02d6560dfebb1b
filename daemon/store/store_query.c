/*
 * The store's read path: totals, a term's daily counts, known days. Reads
 * never migrate and never write; the SQL text is in store.c.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "daemon/store/store.h"
#include "daemon/sys/sys.h"

/* Counts for topic stats. */
int
store_stats(struct store *st, struct stats *out, char **cause)
{
	int64_t	 v[10];

	/* Counts are never NULL; the days are when nothing is stored. */
	if (store_row(st, ST_STATS, "cannot read stats", DAY_NONE, v, 10,
	    cause) != 0)
		return -1;
	out->papers = v[0];
	out->days = v[1];
	out->snapshots = v[2];
	out->sources = v[3];
	out->terms = v[4];
	out->phrases = v[5];
	out->appearances = v[6];
	out->first_day = (day_t)v[7];
	out->last_day = (day_t)v[8];
	out->unindexed = v[9];
	return 0;
}

/* The id (0 if never seen) and display form of the term with key. */
int
store_term_find(struct store *st, const char *key, int64_t *id,
    char **display, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*id = 0;
	*display = NULL;
	if ((s = store_stmt(st, ST_TERM_FIND, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*display = store_column_copy(s, 1, "");
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "cannot look up term", cause);
	return 0;
}

/* The known days in [from, to] and their papers (all sources). */
int
store_day_totals(struct store *st, day_t from, day_t to, day_t **days,
    int64_t **papers, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	int		 rc;

	*days = NULL;
	*papers = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_TOTALS_RANGE, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*days = xreallocarray(*days, cap, sizeof **days);
			*papers = xreallocarray(*papers, cap, sizeof **papers);
		}
		(*days)[*n] = sqlite3_column_int(s, 0);
		(*papers)[(*n)++] = sqlite3_column_int64(s, 1);
	}
	if (rc != SQLITE_DONE) {
		free(*days);
		free(*papers);
		*days = NULL;
		*papers = NULL;
		return store_fail(st, "cannot read day totals", cause);
	}
	return 0;
}

/* The papers of term id in a packed day row (binary search), or 0. */
static uint32_t
store_blob_df(const unsigned char *b, size_t pairs, uint32_t id)
{
	size_t		 lo = 0, hi = pairs, mid;
	uint32_t	 v;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		v = store_get_u32(b + 8 * mid);
		if (v == id)
			return store_get_u32(b + 8 * mid + 4);
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * For each of nterms term ids, its papers on each of the sorted days
 * days[0..ndays) (all sources): out[d * nterms + t]. Ids of 0 count 0.
 */
int
store_term_days(struct store *st, const int64_t *ids, size_t nterms,
    const day_t *days, size_t ndays, int64_t *out, char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*b;
	size_t			 d = 0, t, pairs;
	day_t			 day;
	int			 rc;

	memset(out, 0, ndays * nterms * sizeof *out);
	if (ndays == 0 || nterms == 0)
		return 0;
	if ((s = store_stmt(st, ST_COUNTS_RANGE, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, days[0]);
	sqlite3_bind_int(s, 2, days[ndays - 1]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		day = sqlite3_column_int(s, 0);
		while (d < ndays && days[d] < day)
			d++;
		if (d == ndays)
			break;
		if (days[d] != day)
			continue;
		b = sqlite3_column_blob(s, 1);
		pairs = (size_t)sqlite3_column_bytes(s, 1) / 8;
		for (t = 0; t < nterms; t++) {
			if (ids[t] > 0)
				out[d * nterms + t] += store_blob_df(b, pairs,
				    (uint32_t)ids[t]);
		}
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, "cannot read day counts", cause);
	return 0;
}

/* The last known day, DAY_NONE if the store is empty. */
int
store_last_day(struct store *st, day_t *day, char **cause)
{
	int64_t	 v;

	if (store_row(st, ST_LAST_DAY, "cannot read days", DAY_NONE, &v, 1,
	    cause) != 0)
		return -1;
	*day = (day_t)v;
	return 0;
}

/* The largest term id (0 for none): count arrays index by id. */
int
store_max_term_id(struct store *st, int64_t *max, char **cause)
{
	return store_row(st, ST_TERM_MAXID, "cannot read terms", 0, max, 1,
	    cause);
}

/*
 * Add to df[id] the papers of each term over the known days in [from,
 * to] (all sources), summing the packed day rows; ids >= n are skipped.
 * If days is set, days[id] counts the days it occurs on and peak[id] its
 * papers on its busiest day.
 */
int
store_range_df(struct store *st, day_t from, day_t to, uint32_t *df,
    uint16_t *days, uint16_t *peak, size_t n, char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*b;
	size_t			 pairs, i;
	uint32_t		 id, v, *cur = NULL;
	day_t			 day, *last = NULL;
	int			 rc;

	if ((s = store_stmt(st, ST_COUNTS_RANGE, cause)) == NULL)
		return -1;
	if (days != NULL) {
		cur = xcalloc(n + 1, sizeof *cur);
		last = xreallocarray(NULL, n + 1, sizeof *last);
		for (i = 0; i < n; i++)
			last[i] = DAY_NONE;
	}
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		day = sqlite3_column_int(s, 0);
		b = sqlite3_column_blob(s, 1);
		pairs = (size_t)sqlite3_column_bytes(s, 1) / 8;
		for (i = 0; i < pairs; i++) {
			id = store_get_u32(b + 8 * i);
			if (id >= n)
				break;	/* sorted: the rest are larger */
			v = store_get_u32(b + 8 * i + 4);
			df[id] += v;
			if (days == NULL)
				continue;
			if (last[id] != day) {
				last[id] = day;
				cur[id] = 0;
				if (days[id] < UINT16_MAX)
					days[id]++;
			}
			cur[id] += v;
			if (cur[id] > peak[id])
				peak[id] = cur[id] > UINT16_MAX ? UINT16_MAX :
				    (uint16_t)cur[id];
		}
	}
	free(cur);
	free(last);
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read day counts", cause);
	return 0;
}

/*
 * Add to df[id] (when df is set) the papers of each term over the known
 * days in [edges[0], edges[nblocks]) and, for each id with slot[id] >= 0,
 * its papers in block j = [edges[j], edges[j+1]) to
 * blocks[slot[id] * nblocks + j]: one pass over the day rows.
 */
int
store_range_blocks(struct store *st, const day_t *edges, size_t nblocks,
    const int32_t *slot, size_t n, uint32_t *df, uint32_t *blocks,
    char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*b;
	size_t			 pairs, i, j = 0;
	uint32_t		 id, v;
	day_t			 day;
	int			 rc;

	if (nblocks == 0)
		return 0;
	if ((s = store_stmt(st, ST_COUNTS_RANGE, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, edges[0]);
	sqlite3_bind_int(s, 2, edges[nblocks] - 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		day = sqlite3_column_int(s, 0);
		while (j + 1 < nblocks && day >= edges[j + 1])
			j++;
		b = sqlite3_column_blob(s, 1);
		pairs = (size_t)sqlite3_column_bytes(s, 1) / 8;
		for (i = 0; i < pairs; i++) {
			id = store_get_u32(b + 8 * i);
			if (id >= n)
				break;	/* sorted: the rest are larger */
			v = store_get_u32(b + 8 * i + 4);
			if (df != NULL)
				df[id] += v;
			if (slot[id] >= 0)
				blocks[(size_t)slot[id] * nblocks + j] += v;
		}
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read day counts", cause);
	return 0;
}

/* Term id's key, kind and display (caller frees); *key NULL if none. */
int
store_term_info(struct store *st, int64_t id, char **key, int *kind,
    char **display, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*key = *display = NULL;
	*kind = 0;
	if ((s = store_stmt(st, ST_TERM_BY_ID, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(st, "cannot look up term", cause);
	*key = store_column_copy(s, 0, "");
	*kind = sqlite3_column_int(s, 1);
	*display = store_column_copy(s, 2, "");
	return 0;
}

/* Free n paper rows and the array; NULL is fine. */
void
paper_rows_free(struct paper_row *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].title);
		free(v[i].abstract);
		free(v[i].url);
	}
	free(v);
}

/* Collect the paper rows (key, title, abstract, url, day) of s. */
static int
store_paper_rows(struct store *st, sqlite3_stmt *s, struct paper_row **out,
    size_t *n, char **cause)
{
	size_t	 cap = 0;
	int	 rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[*n].key = store_column_copy(s, 0, NULL);
		(*out)[*n].title = store_column_copy(s, 1, NULL);
		(*out)[*n].abstract = store_column_copy(s, 2, NULL);
		(*out)[*n].url = store_column_copy(s, 3, NULL);
		(*out)[(*n)++].day = sqlite3_column_int(s, 4);
	}
	if (rc != SQLITE_DONE) {
		paper_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "cannot read papers", cause);
	}
	return 0;
}

/* The papers whose day is in [from, to], newest day first. */
int
store_papers_range(struct store *st, day_t from, day_t to,
    struct paper_row **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_PAPERS_RANGE, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	return store_paper_rows(st, s, out, n, cause);
}

/*
 * Full-text search (SQLite FTS5 query syntax) over titles and abstracts
 * of papers with days in [from, to]: at most limit rows, best first.
 */
int
store_search(struct store *st, const char *query, day_t from, day_t to,
    int limit, struct paper_row **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_SEARCH, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	sqlite3_bind_int(s, 4, limit);
	if (store_paper_rows(st, s, out, n, cause) != 0) {
		free(*cause);
		xasprintf(cause, "search \"%s\": %s", query,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

/* The topic terms counted so far: ids and names, by name. */
int
store_topic_terms(struct store *st, int64_t **ids, char ***names, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*names = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_TOPIC_TERMS, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
			*names = xreallocarray(*names, cap, sizeof **names);
		}
		(*ids)[*n] = sqlite3_column_int64(s, 0);
		(*names)[(*n)++] = xstrdup((const char *)
		    sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read topics", cause);
	return 0;
}

/*
 * The archive ingests of source name: how many, and the last with papers
 * of days [from, to] (else the last); a->count 0 when there is none.
 */
static int
store_source_archive(struct store *st, const char *name, day_t from,
    day_t to, struct archive_ingest *a, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(a, 0, sizeof *a);
	if ((s = store_stmt(st, ST_SOURCE_ARCHIVE, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, name);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a->count = sqlite3_column_int64(s, 0);
		a->origin = store_column_copy(s, 1, NULL);
		a->read = sqlite3_column_int64(s, 2);
		a->papers = sqlite3_column_int64(s, 3);
		a->days = sqlite3_column_int64(s, 4);
		a->from = sqlite3_column_type(s, 5) == SQLITE_NULL ? DAY_NONE :
		    sqlite3_column_int(s, 5);
		a->to = sqlite3_column_type(s, 6) == SQLITE_NULL ? DAY_NONE :
		    sqlite3_column_int(s, 6);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read the archive ingests", cause);
	return 0;
}

/*
 * Every source the store knows, by name, with its fetch history: counts,
 * the last attempt and the last success. The live fields are left 0.
 */
int
store_source_health(struct store *st, struct source_health **out, size_t *n,
    char **cause)
{
	struct source_health	*h;
	sqlite3_stmt		*s;
	size_t			 i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_SOURCE_HEALTH, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		h = &(*out)[(*n)++];
		memset(h, 0, sizeof *h);
		h->name = store_column_copy(s, 0, NULL);
		h->url = store_column_copy(s, 1, NULL);
		h->fetches = sqlite3_column_int64(s, 2);
		h->failures = sqlite3_column_int64(s, 3);
		h->papers = sqlite3_column_int64(s, 4);
		h->fetch_seconds = sqlite3_column_double(s, 5);
		h->last_fetch = sqlite3_column_int64(s, 6);
		h->last_status = (long)sqlite3_column_int64(s, 7);
		h->last_outcome = store_column_copy(s, 8, NULL);
		h->last_error = store_column_copy(s, 9, NULL);
		h->last_seconds = sqlite3_column_double(s, 10);
		h->last_success = sqlite3_column_int64(s, 11);
	}
	if (rc != SQLITE_DONE)
		store_fail(st, "cannot read the sources' fetches", cause);
	for (i = 0; rc == SQLITE_DONE && i < *n; i++) {
		if (store_source_archive(st, (*out)[i].name, -1, -1,
		    &(*out)[i].archive, cause) != 0)
			rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_DONE) {
		while (*n > 0)
			source_health_clear(&(*out)[--(*n)]);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Papers, known days and the last known day (DAY_NONE when empty). */
int
store_totals(struct store *st, int64_t *papers, int64_t *days, day_t *last,
    char **cause)
{
	int64_t	 v[3];

	if (store_row(st, ST_TOTALS, "cannot read totals", DAY_NONE, v, 3,
	    cause) != 0)
		return -1;
	*papers = v[0];
	*days = v[1];
	*last = (day_t)v[2];
	return 0;
}

/*
 * Each source's health over days [from, to]: snapshots taken, failed
 * fetches, known days and the last error (fetch times in UTC days).
 */
int
store_source_week(struct store *st, day_t from, day_t to,
    struct report_source **out, size_t *n, char **cause)
{
	struct report_source	*r;
	sqlite3_stmt		*s;
	size_t			 i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_SOURCE_WEEK, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)from * 86400);
	sqlite3_bind_int64(s, 2, ((sqlite3_int64)to + 1) * 86400 - 1);
	sqlite3_bind_int(s, 3, from);
	sqlite3_bind_int(s, 4, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->name = store_column_copy(s, 0, "");
		r->snapshots = sqlite3_column_int64(s, 1);
		r->failures = sqlite3_column_int64(s, 2);
		r->days = sqlite3_column_int64(s, 3);
		r->last_error = store_column_copy(s, 4, NULL);
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read source health", cause);
	for (i = 0; i < *n; i++) {
		if (store_source_archive(st, (*out)[i].name, from, to,
		    &(*out)[i].archive, cause) != 0)
			return -1;
	}
	return 0;
}
