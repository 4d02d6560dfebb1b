/*
 * The store's tally writer: a snapshot's counts as packed per-day rows,
 * new terms, and the phrase policy of schema/001-initial.sql (a phrase in
 * one paper is a hash in phrase_once; a second paper within the horizon
 * makes it a term). Inside the caller's transaction; two caches live as
 * long as it: term ids, and the phrase_once rows it wrote.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "daemon/store/store.h"
#include "daemon/sys/sys.h"

/* One (day, source, term, papers) count headed for day_count. */
struct put_cell {
	day_t		 day;
	int64_t		 source_id;
	uint32_t	 term_id;
	uint32_t	 df;
};

/* A once-seen phrase hash to add to a phrase_once row. */
struct once_edit {
	day_t		 day;
	int64_t		 source_id;
	uint64_t	 hash;
};

/* A row of phrase_once loaded for promotion checks. */
struct once_row {
	day_t		 day;
	int64_t		 source_id;
};

/* One distinct term of a tally being written. */
struct put_term {
	uint32_t	 tk;		/* tokenizer index */
	uint32_t	 total;		/* papers in this tally */
	day_t		 day;		/* its day, when total is 1 */
	int64_t		 id;		/* term id, 0 if untracked */
	int64_t		 display_n;	/* at most the table's (0: unknown) */
};

/* Order put cells by day, source, term. */
static int
put_cell_cmp(const void *a, const void *b)
{
	const struct put_cell *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->source_id != y->source_id)
		return x->source_id < y->source_id ? -1 : 1;
	return x->term_id < y->term_id ? -1 : x->term_id > y->term_id;
}

/* Order once edits by day, source, hash. */
static int
once_edit_cmp(const void *a, const void *b)
{
	const struct once_edit *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->source_id != y->source_id)
		return x->source_id < y->source_id ? -1 : 1;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/*
 * Sort once edits by day, source and hash: by hash alone, in linear
 * time, when they share a day and source (a day's tally, the usual).
 */
static void
store_sort_edits(struct once_edit *e, size_t n)
{
	uint64_t	*h;
	size_t		 i;

	for (i = 1; i < n && e[i].day == e[0].day &&
	    e[i].source_id == e[0].source_id; i++)
		;
	if (i < n) {
		qsort(e, n, sizeof *e, once_edit_cmp);
		return;
	}
	h = xreallocarray(NULL, n + 1, sizeof *h);
	for (i = 0; i < n; i++)
		h[i] = e[i].hash;
	sort_u64(h, n);
	for (i = 0; i < n; i++)
		e[i].hash = h[i];
	free(h);
}

/*
 * The term cache: every term id this connection read or wrote, by key,
 * so a snapshot of many days looks each term up in SQLite once, not once
 * a day, and a daemon's next snapshot finds its usual terms in memory.
 * It lives from the first tally until another connection commits, a
 * rollback, or it outgrows STORE_CACHE_MAX (store_begin): term rows are
 * only ever added, never renumbered, and deleted only all together
 * (store_clear_counts, which drops it). Keys not in it were either in
 * the table when it started (ids up to base) or are untracked; when
 * complete it holds every term. A
 * display_n is at most the table's: 0 for a term found by key, as that
 * lookup reads the key index alone, not the table's rows (in a fresh
 * process on years of terms those were a third of a daily snapshot's
 * page reads).
 */
struct term_cache {
	struct strmap	*keys;
	int64_t		*id;
	int64_t		*display_n;
	size_t		 cap;
	int64_t		 base;		/* largest id before the transaction */
	int		 complete;
};

/* Forget the term cache (at the end of a transaction). */
void
store_cache_drop(struct store *st)
{
	if (st->cache == NULL)
		return;
	strmap_free(st->cache->keys);
	free(st->cache->id);
	free(st->cache->display_n);
	free(st->cache);
	st->cache = NULL;
}

/* How many terms the term cache holds (0 without one). */
size_t
store_cache_count(const struct store *st)
{
	return st->cache != NULL ? strmap_count(st->cache->keys) : 0;
}

/* Remember key's term id and display count; returns its cache slot. */
static uint32_t
store_cache_put(struct term_cache *c, const char *key, size_t len, int64_t id,
    int64_t display_n)
{
	uint32_t	 k = strmap_intern(c->keys, key, len, NULL);

	if (k >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->id = xreallocarray(c->id, c->cap, sizeof *c->id);
		c->display_n = xreallocarray(c->display_n, c->cap,
		    sizeof *c->display_n);
	}
	c->id[k] = id;
	c->display_n[k] = display_n;
	return k;
}

/* The transaction's term cache, started on first use. */
static struct term_cache *
store_cache(struct store *st, char **cause)
{
	struct term_cache	*c;
	sqlite3_stmt		*s;

	if (st->cache != NULL)
		return st->cache;
	if ((s = store_stmt(st, ST_TERM_MAXID, cause)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	if (sqlite3_step(s) == SQLITE_ROW)
		c->base = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	c->keys = strmap_new();
	c->complete = c->base == 0;
	st->cache = c;
	return c;
}

/* Read every term into the cache (cheaper than many single lookups). */
static int
store_cache_load(struct store *st, struct term_cache *c, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, ST_TERM_ALL, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		store_cache_put(c, (const char *)sqlite3_column_text(s, 1),
		    (size_t)sqlite3_column_bytes(s, 1),
		    sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 2));
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read terms", cause);
	c->complete = 1;
	return 0;
}

/* A term key to look up, with the index of its put_term. */
struct term_probe {
	const char	*key;
	size_t		 len;
	size_t		 i;
};

/* Order term probes by key, as the term table's key index is ordered. */
static int
term_probe_cmp(const void *a, const void *b)
{
	const struct term_probe *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * Look the probes v[0..n) up one by one, in key order (consecutive
 * lookups then walk the key index forward and find its pages in the
 * cache, however large the table has grown); found terms join the cache.
 */
static int
store_cache_fetch(struct store *st, struct term_cache *c,
    struct term_probe *v, size_t n, struct put_term *terms, char **cause)
{
	struct put_term		*t;
	sqlite3_stmt		*s;
	size_t			 i;
	int			 rc;

	qsort(v, n, sizeof *v, term_probe_cmp);
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, ST_TERM_GET, cause)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, v[i].key, (int)v[i].len,
		    SQLITE_STATIC);
		rc = sqlite3_step(s);
		t = &terms[v[i].i];
		if (rc == SQLITE_ROW) {
			t->id = sqlite3_column_int64(s, 0);
			t->display_n = 0;
			store_cache_put(c, v[i].key, v[i].len, t->id,
			    t->display_n);
		} else if (rc != SQLITE_DONE)
			return store_fail(st, "cannot look up term", cause);
		sqlite3_reset(s);
	}
	return 0;
}

/*
 * Resolve each tally term to its term id (0 if untracked): from the
 * cache, then the misses from the table, all of it at once when that is
 * cheaper than single lookups.
 */
static int
store_resolve(struct store *st, struct tokenizer *tk,
    struct put_term *terms, size_t n, char **cause)
{
	struct term_cache	*c;
	struct term_probe	*miss = NULL;
	size_t			 nmiss = 0, i, klen;
	const char		*key;
	int64_t			 k;
	int			 rc = -1;

	if ((c = store_cache(st, cause)) == NULL)
		return -1;
	miss = xreallocarray(NULL, n + 1, sizeof *miss);
	for (i = 0; i < n; i++) {
		key = tokenizer_key(tk, terms[i].tk, &klen);
		if ((k = strmap_find(c->keys, key, klen)) >= 0) {
			terms[i].id = c->id[k];
			terms[i].display_n = c->display_n[k];
		} else if (!c->complete) {
			miss[nmiss].key = key;
			miss[nmiss].len = klen;
			miss[nmiss++].i = i;
		}
	}
	if (nmiss > 0 && ((size_t)c->base < 4 * nmiss || (st->keep_terms &&
	    c->base <= STORE_KEEP_TERMS_MAX))) {
		if (store_cache_load(st, c, cause) != 0)
			goto out;
		for (i = 0; i < nmiss; i++) {
			if ((k = strmap_find(c->keys, miss[i].key,
			    miss[i].len)) < 0)
				continue;
			terms[miss[i].i].id = c->id[k];
			terms[miss[i].i].display_n = c->display_n[k];
		}
	} else if (nmiss > 0 && store_cache_fetch(st, c, miss, nmiss, terms,
	    cause) != 0)
		goto out;
	rc = 0;
out:
	free(miss);
	return rc;
}

/* Add a new term row from the tally; its id goes to t->id. */
static int
store_term_add(struct store *st, struct tally *ta, struct put_term *t,
    char **cause)
{
	struct tokenizer *tk = tally_tokenizer(ta);
	sqlite3_stmt	*s;
	const char	*key;
	char		*display;
	size_t		 klen;
	int		 rc;

	if ((s = store_stmt(st, ST_TERM_ADD, cause)) == NULL)
		return -1;
	key = tokenizer_key(tk, t->tk, &klen);
	display = tally_display(ta, t->tk);
	sqlite3_bind_text(s, 1, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, (int)tokenizer_kind(tk, t->tk));
	sqlite3_bind_text(s, 3, display, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, tally_display_count(ta, t->tk));
	rc = store_done(st, s, "cannot add term", cause);
	free(display);
	if (rc != 0)
		return -1;
	t->id = sqlite3_last_insert_rowid(st->db);
	st->terms_added = 1;
	store_cache_put(st->cache, key, klen, t->id,
	    tally_display_count(ta, t->tk));
	return 0;
}

/*
 * Let a word show this tally's written form if more papers used it than
 * the form it shows: the UPDATE compares with the table's display_n,
 * which the cache may not know (0). A word's display_n is at least 1, so
 * a form in one paper never wins.
 */
static int
store_term_display(struct store *st, struct tally *ta, struct put_term *t,
    char **cause)
{
	sqlite3_stmt	*s;
	const char	*key;
	char		*display;
	size_t		 klen;
	int64_t		 n = tally_display_count(ta, t->tk);
	int		 rc;

	if (n <= 1 || n <= t->display_n)
		return 0;
	if ((s = store_stmt(st, ST_TERM_DISPLAY, cause)) == NULL)
		return -1;
	display = tally_display(ta, t->tk);
	sqlite3_bind_text(s, 1, display, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, n);
	sqlite3_bind_int64(s, 3, t->id);
	rc = store_done(st, s, "cannot update term", cause);
	free(display);
	if (rc == 0) {
		key = tokenizer_key(tally_tokenizer(ta), t->tk, &klen);
		store_cache_put(st->cache, key, klen, t->id, n);
	}
	return rc;
}

/*
 * The phrase_once mirror: the once-seen phrases this transaction wrote,
 * each hash with its (day, source) row. A snapshot of
 * many days writes a day's phrases and looks them up the next day: the
 * mirror answers without reading the horizon's rows back. Rows older
 * than the transaction are still read from the table, but only while the
 * horizon reaches them (pre_max), so an archive ingested into an empty
 * database never reads phrase_once at all.
 */
struct once_cache {
	struct u64map	*hashes;	/* hash -> row + 1 */
	struct u64map	*row_of;	/* (day, source) -> row + 1 */
	struct once_row	*rows;
	size_t		 nrows, cap;
	day_t		 pre_max;	/* newest day before, DAY_NONE: none */
	day_t		 pruned;	/* rows below this day are gone */
	size_t		 live;		/* entries at the last compaction */
};

/* Forget the mirror (at the end of a transaction). */
void
store_once_drop(struct store *st)
{
	if (st->once == NULL)
		return;
	u64map_free(st->once->hashes);
	u64map_free(st->once->row_of);
	free(st->once->rows);
	free(st->once);
	st->once = NULL;
}

/* The transaction's mirror, started on first use. */
static struct once_cache *
store_once_cache(struct store *st, char **cause)
{
	struct once_cache	*c;
	sqlite3_stmt		*s;

	if (st->once != NULL)
		return st->once;
	if ((s = store_stmt(st, ST_ONCE_MAXDAY, cause)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->pre_max = DAY_NONE;
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		c->pre_max = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	c->pruned = DAY_NONE;
	c->hashes = u64map_new();
	c->row_of = u64map_new();
	st->once = c;
	return c;
}

/* The mirror's row number + 1 of (day, source). */
static uint32_t
store_once_row(struct once_cache *c, day_t day, int64_t source_id)
{
	uint32_t	*r;
	int		 added;

	r = u64map_slot(c->row_of, (uint64_t)(uint32_t)day << 32 |
	    (uint32_t)source_id, &added);
	if (added) {
		if (c->nrows == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->rows = xreallocarray(c->rows, c->cap,
			    sizeof *c->rows);
		}
		c->rows[c->nrows].day = day;
		c->rows[c->nrows].source_id = source_id;
		*r = (uint32_t)++c->nrows;
	}
	return *r;
}

/* Record the edits e[0..n) in the mirror; drop what pruning removed. */
static void
store_once_note(struct once_cache *c, const struct once_edit *e, size_t n,
    day_t pruned)
{
	struct u64map	*live;
	size_t		 i, pos = 0;
	uint64_t	 h;
	uint32_t	 r;

	for (i = 0; i < n; i++)
		*u64map_slot(c->hashes, e[i].hash, NULL) =
		    store_once_row(c, e[i].day, e[i].source_id);
	if (c->pruned == DAY_NONE || pruned > c->pruned)
		c->pruned = pruned;
	/* Compact when dead entries could make up a third of the map. */
	if (u64map_count(c->hashes) < c->live + c->live / 2 + (1U << 14))
		return;
	live = u64map_new();
	while (u64map_next(c->hashes, &pos, &h, &r))
		if (r != 0 && c->rows[r - 1].day >= c->pruned)
			*u64map_slot(live, h, NULL) = r;
	u64map_free(c->hashes);
	c->hashes = live;
	c->live = u64map_count(live);
}

/*
 * Look the sorted hashes want[0..nwant) up in the mirror: each found for
 * days >= since maps to its row, appended to *rows.
 */
static void
store_once_lookup(struct once_cache *c, day_t since, const uint64_t *want,
    size_t nwant, struct u64map *map, struct once_row **rows, size_t *nrows)
{
	struct u64map	*seen = u64map_new();
	const uint32_t	*r;
	uint32_t	*mine;
	size_t		 i, cap = *nrows;
	int		 added;

	if (c->pruned != DAY_NONE && c->pruned > since)
		since = c->pruned;
	for (i = 0; i < nwant; i++) {
		r = u64map_get(c->hashes, want[i]);
		if (r == NULL || *r == 0 || c->rows[*r - 1].day < since)
			continue;
		mine = u64map_slot(seen, *r, &added);
		if (added) {
			if (*nrows == cap) {
				cap = cap ? cap * 2 : 64;
				*rows = xreallocarray(*rows, cap,
				    sizeof **rows);
			}
			(*rows)[*nrows] = c->rows[*r - 1];
			*mine = (uint32_t)(*nrows)++;
		}
		*u64map_slot(map, want[i], NULL) = *mine;
	}
	u64map_free(seen);
}

/*
 * Find which of the sorted hashes want[0..nwant) phrase_once holds for
 * days >= since: map each found hash to the index of its row in *rows.
 * Each row's blob is sorted, so a row costs one merge pass over it and
 * nothing is built for the hashes no one asked about: the cost is that of
 * reading the horizon's rows, whatever the length of the history.
 */
static int
store_once_load(struct store *st, day_t since, const uint64_t *want,
    size_t nwant, struct u64map *map, struct once_row **rows, size_t *nrows,
    char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*b;
	size_t			 cap = 0, len, i, j;
	uint64_t		 h;
	int			 rc;

	*rows = NULL;
	*nrows = 0;
	if ((s = store_stmt(st, ST_ONCE_SINCE, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		(*rows)[*nrows].day = sqlite3_column_int(s, 0);
		(*rows)[*nrows].source_id = sqlite3_column_int64(s, 1);
		b = sqlite3_column_blob(s, 2);
		len = (size_t)sqlite3_column_bytes(s, 2);
		for (i = 0, j = 0; i + 8 <= len && j < nwant; i += 8) {
			h = store_get_u64(b + i);
			while (j < nwant && want[j] < h)
				j++;
			if (j < nwant && want[j] == h)
				*u64map_slot(map, h, NULL) = (uint32_t)*nrows;
		}
		(*nrows)++;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read phrase_once", cause);
	return 0;
}

/*
 * Merge the sorted cells v[0..n) (one day and source) into that day's
 * part of day_count: 0 for its own papers, 1 for late counts (schema
 * 008-count-parts.sql).
 */
static int
store_counts_merge(struct store *st, const struct put_cell *v, size_t n,
    int part, char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*old = NULL;
	unsigned char		*out;
	size_t			 oldn = 0, i = 0, j = 0, k = 0;
	uint32_t		 oid;
	int			 rc;

	if ((s = store_stmt(st, ST_COUNT_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, v[0].day);
	sqlite3_bind_int64(s, 2, v[0].source_id);
	sqlite3_bind_int(s, 3, part);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_blob(s, 0);
		oldn = (size_t)sqlite3_column_bytes(s, 0) / 8;
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read day counts", cause);
	out = xmalloc((oldn + n) * 8);
	while (i < oldn || j < n) {
		oid = i < oldn ? store_get_u32(old + 8 * i) : UINT32_MAX;
		if (j < n && (i == oldn || v[j].term_id < oid)) {
			store_put_u32(out + 8 * k, v[j].term_id);
			store_put_u32(out + 8 * k + 4, v[j].df);
			j++;
		} else if (j < n && v[j].term_id == oid) {
			store_put_u32(out + 8 * k, oid);
			store_put_u32(out + 8 * k + 4, v[j].df +
			    store_get_u32(old + 8 * i + 4));
			i++;
			j++;
		} else {
			memcpy(out + 8 * k, old + 8 * i, 8);
			i++;
		}
		k++;
	}
	/* old points into s: write with the other statement only now. */
	if ((s = store_stmt(st, ST_COUNT_PUT, cause)) == NULL) {
		free(out);
		return -1;
	}
	sqlite3_bind_int(s, 1, v[0].day);
	sqlite3_bind_int64(s, 2, v[0].source_id);
	sqlite3_bind_int(s, 3, part);
	sqlite3_bind_blob64(s, 4, out, k * 8, SQLITE_STATIC);
	rc = store_done(st, s, "cannot write day counts", cause);
	free(out);
	return rc;
}

/* Add sorted once edits e[0..n) (one day and source) to phrase_once. */
static int
store_once_apply(struct store *st, const struct once_edit *e, size_t n,
    char **cause)
{
	sqlite3_stmt		*s;
	const unsigned char	*old = NULL;
	unsigned char		*out;
	size_t			 oldn = 0, i = 0, j = 0, k = 0;
	uint64_t		 h;
	int			 rc;

	if ((s = store_stmt(st, ST_ONCE_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, e[0].day);
	sqlite3_bind_int64(s, 2, e[0].source_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_blob(s, 0);
		oldn = (size_t)sqlite3_column_bytes(s, 0) / 8;
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read phrase_once", cause);
	out = xmalloc((oldn + n) * 8);
	while (i < oldn || j < n) {
		h = i < oldn ? store_get_u64(old + 8 * i) : UINT64_MAX;
		if (j < n && (i == oldn || e[j].hash <= h)) {
			if (e[j].hash == h && i < oldn)
				i++;	/* already there */
			if (k == 0 || store_get_u64(out + 8 * (k - 1)) !=
			    e[j].hash)
				store_put_u64(out + 8 * k++, e[j].hash);
			j++;
		} else {
			store_put_u64(out + 8 * k++, h);
			i++;
		}
	}
	if ((s = store_stmt(st, ST_ONCE_PUT, cause)) == NULL) {
		free(out);
		return -1;
	}
	sqlite3_bind_int(s, 1, e[0].day);
	sqlite3_bind_int64(s, 2, e[0].source_id);
	sqlite3_bind_blob64(s, 3, out, k * 8, SQLITE_STATIC);
	rc = store_done(st, s, "cannot write phrase_once", cause);
	free(out);
	return rc;
}

/* Add each day's new papers to day_total (a row makes the day known). */
static int
store_totals_add(struct store *st, struct tally *ta, int64_t source_id,
    day_t *maxday, char **cause)
{
	sqlite3_stmt	*s;
	day_t		*days;
	uint32_t	*papers;
	size_t		 n, i;
	int		 rc = 0;

	n = tally_days(ta, &days, &papers);
	*maxday = DAY_NONE;
	for (i = 0; i < n && rc == 0; i++) {
		if ((s = store_stmt(st, ST_TOTAL_ADD, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int(s, 1, days[i]);
		sqlite3_bind_int64(s, 2, source_id);
		sqlite3_bind_int64(s, 3, papers[i]);
		rc = store_done(st, s, "cannot write day totals", cause);
		*maxday = days[i];
	}
	free(days);
	free(papers);
	return rc;
}

/*
 * Write a snapshot's tally (inside the caller's transaction): known days
 * and their papers, new terms, and each day's counts merged into its
 * packed row. Phrases follow the policy of schema/001-initial.sql: a
 * phrase in one paper only is remembered as a hash in phrase_once for
 * horizon days; a second paper makes it a term and counts both papers.
 */
int
store_put_tally(struct store *st, int64_t source_id, struct tally *ta,
    int horizon, char **cause)
{
	struct tokenizer	*tk = tally_tokenizer(ta);
	struct tally_cell	*cells;
	struct put_term		*terms = NULL, *t;
	struct put_cell		*put = NULL, *first = NULL;
	struct once_edit	*edits = NULL;
	struct once_row		*rows = NULL;
	struct once_cache	*oc;
	struct u64map		*index = u64map_new(), *once = u64map_new();
	size_t			 ncells, nterms = 0, nput, nedits = 0, k;
	size_t			 cap = 0, putcap = 0, nfirst = 0;
	size_t			 nrows = 0, nwant = 0, i, j, klen;
	uint64_t		*want = NULL, *order = NULL, h;
	const uint32_t		*slot;
	uint32_t		*ix;
	const char		*key;
	sqlite3_stmt		*s;
	day_t			 maxday, minday = DAY_NONE;
	int			 added, rc = -1;

	if (store_totals_add(st, ta, source_id, &maxday, cause) != 0)
		goto out;
	cells = tally_cells(ta, &ncells);
	if (ncells == 0) {
		rc = 0;
		goto out;
	}
	minday = cells[0].day;

	/* The distinct terms, with their papers in this tally. */
	for (i = 0; i < ncells; i++) {
		ix = u64map_slot(index, cells[i].term, &added);
		if (added) {
			if (nterms == cap) {
				cap = cap ? cap * 2 : 1024;
				terms = xreallocarray(terms, cap, sizeof *terms);
			}
			*ix = (uint32_t)nterms;
			t = &terms[nterms++];
			memset(t, 0, sizeof *t);
			t->tk = cells[i].term;
			t->day = cells[i].day;
		}
		terms[*ix].total += cells[i].df;
	}

	if (store_resolve(st, tk, terms, nterms, cause) != 0)
		goto out;
	want = xreallocarray(NULL, nterms + 1, sizeof *want);
	for (i = 0; i < nterms; i++) {
		if (terms[i].id != 0 ||
		    tokenizer_kind(tk, terms[i].tk) == TERM_WORD)
			continue;
		key = tokenizer_key(tk, terms[i].tk, &klen);
		want[nwant++] = hash_bytes(key, klen);
	}
	sort_u64(want, nwant);
	if ((oc = store_once_cache(st, cause)) == NULL)
		goto out;
	if (nwant > 0 && oc->pre_max != DAY_NONE &&
	    minday - horizon <= oc->pre_max &&
	    store_once_load(st, minday - horizon, want, nwant, once, &rows,
	    &nrows, cause) != 0)
		goto out;
	if (nwant > 0)
		store_once_lookup(oc, minday - horizon, want, nwant, once,
		    &rows, &nrows);

	/* Words are always terms; phrases once two papers use them. */
	edits = xreallocarray(NULL, nterms + 1, sizeof *edits);
	first = xreallocarray(NULL, nterms + 1, sizeof *first);
	for (i = 0; i < nterms; i++) {
		t = &terms[i];
		if (t->id != 0) {
			if (tokenizer_kind(tk, t->tk) == TERM_WORD &&
			    store_term_display(st, ta, t, cause) != 0)
				goto out;
			continue;
		}
		if (tokenizer_kind(tk, t->tk) == TERM_WORD) {
			if (store_term_add(st, ta, t, cause) != 0)
				goto out;
			continue;
		}
		key = tokenizer_key(tk, t->tk, &klen);
		h = hash_bytes(key, klen);
		if ((slot = u64map_get(once, h)) != NULL) {
			if (store_term_add(st, ta, t, cause) != 0)
				goto out;
			/* Its first paper counts on that paper's day. */
			first[nfirst].day = rows[*slot].day;
			first[nfirst].source_id = rows[*slot].source_id;
			first[nfirst].term_id = (uint32_t)t->id;
			first[nfirst++].df = 1;
			/*
			 * Its hash stays in phrase_once until the horizon
			 * passes, unread: a term is found before any
			 * phrase_once lookup. Removing it would rewrite a
			 * whole earlier row for every promotion.
			 */
		} else if (t->total >= 2) {
			if (store_term_add(st, ta, t, cause) != 0)
				goto out;
		} else {
			edits[nedits].day = t->day;
			edits[nedits].source_id = source_id;
			edits[nedits++].hash = h;
		}
	}

	/*
	 * Each day's counts, merged into its packed row a day at a time (the
	 * cells come sorted by day); then the first papers of the promoted
	 * phrases, on their own earlier days.
	 */
	for (i = 0; i < ncells; i = j) {
		for (j = i + 1; j < ncells && cells[j].day == cells[i].day; j++)
			;
		if (j - i > putcap) {
			putcap = j - i;
			put = xreallocarray(put, putcap, sizeof *put);
			order = xreallocarray(order, putcap, sizeof *order);
		}
		/* One day and source: in term id order, as (id, df) keys. */
		for (nput = 0, k = i; k < j; k++) {
			t = &terms[*u64map_get(index, cells[k].term)];
			if (t->id != 0)
				order[nput++] = (uint64_t)t->id << 32 |
				    cells[k].df;
		}
		sort_u64(order, nput);
		for (k = 0; k < nput; k++) {
			put[k].day = cells[i].day;
			put[k].source_id = source_id;
			put[k].term_id = (uint32_t)(order[k] >> 32);
			put[k].df = (uint32_t)order[k];
		}
		if (nput > 0 && store_counts_merge(st, put, nput, 0,
		    cause) != 0)
			goto out;
	}
	qsort(first, nfirst, sizeof *first, put_cell_cmp);
	for (i = 0; i < nfirst; i = j) {
		for (j = i + 1; j < nfirst && first[j].day == first[i].day &&
		    first[j].source_id == first[i].source_id; j++)
			;
		if (store_counts_merge(st, first + i, j - i, 1, cause) != 0)
			goto out;
	}
	store_sort_edits(edits, nedits);
	for (i = 0; i < nedits; i = j) {
		for (j = i + 1; j < nedits && edits[j].day == edits[i].day &&
		    edits[j].source_id == edits[i].source_id; j++)
			;
		if (store_once_apply(st, edits + i, j - i, cause) != 0)
			goto out;
	}
	if ((s = store_stmt(st, ST_ONCE_PRUNE, cause)) == NULL)
		goto out;
	sqlite3_bind_int(s, 1, maxday - horizon);
	if (store_done(st, s, "cannot prune phrase_once", cause) != 0)
		goto out;
	store_once_note(oc, edits, nedits, maxday - horizon);
	rc = 0;
out:
	free(terms);
	free(put);
	free(order);
	free(first);
	free(edits);
	free(want);
	free(rows);
	u64map_free(index);
	u64map_free(once);
	return rc;
}

