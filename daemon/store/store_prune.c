/*
 * Retention (DESIGN section 6): old raw snapshot bytes, alert history
 * and finished outbox rows are deleted in small batches, one transaction
 * each. Nothing else is ever deleted here: snapshot rows, papers, counts
 * and the search index stay, and so do the raw bytes of each source's
 * newest snapshot. Also what topic rebuild keeps when bytes are gone.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon/store/store.h"
#include "daemon/sys/sys.h"
#include "store_int.h"

/*
 * The raw rows retention may take, oldest first: a dated snapshot by its
 * digest day (?1: days before it), an archive by when it was read (?2),
 * never the newest snapshot of a source; at most ?3 (-1: all).
 */
static const char prune_raw_sql[] =
    "SELECT s.id, coalesce(s.day, s.fetched / 86400), length(r.bytes) "
    "FROM snapshot_raw r JOIN snapshot s ON s.id = r.snapshot_id "
    "WHERE (s.day < ?1 OR (s.day IS NULL AND s.fetched < ?2)) AND "
    "s.id NOT IN (SELECT max(id) FROM snapshot GROUP BY source_id) "
    "ORDER BY s.id LIMIT ?3";
static const char prune_raw_delete_sql[] =
    "DELETE FROM snapshot_raw WHERE snapshot_id = ?";
/* Alert history before ?1; outbox rows finished (sent, failed) before ?1. */
static const char prune_history_count_sql[] =
    "SELECT count(*) FROM (SELECT id FROM alert_history WHERE at < ?1 "
    "LIMIT ?2)";
static const char prune_history_sql[] =
    "DELETE FROM alert_history WHERE id IN (SELECT id FROM alert_history "
    "WHERE at < ?1 ORDER BY id LIMIT ?2)";
static const char prune_outbox_count_sql[] =
    "SELECT count(*) FROM (SELECT id FROM alert_outbox WHERE status IN "
    "('sent', 'failed') AND coalesce(done, created) < ?1 LIMIT ?2)";
static const char prune_outbox_sql[] =
    "DELETE FROM alert_outbox WHERE id IN (SELECT id FROM alert_outbox "
    "WHERE status IN ('sent', 'failed') AND coalesce(done, created) < ?1 "
    "ORDER BY id LIMIT ?2)";

/*
 * The days topic rebuild cannot recount: those of papers whose first
 * snapshot lost its bytes, and the digest days of such snapshots. All
 * papers and counts of those days are kept as they are.
 */
static const char prune_kept_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS kept_day (day INTEGER PRIMARY KEY); "
    "DELETE FROM temp.kept_day; "
    "INSERT OR IGNORE INTO temp.kept_day SELECT p.day FROM paper p "
    "WHERE NOT EXISTS (SELECT 1 FROM snapshot_raw r WHERE "
    "r.snapshot_id = p.snapshot_id); "
    "INSERT OR IGNORE INTO temp.kept_day SELECT s.day FROM snapshot s "
    "WHERE s.day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM snapshot_raw r "
    "WHERE r.snapshot_id = s.id);";
static const char prune_kept_days_sql[] =
    "SELECT day FROM temp.kept_day ORDER BY day";
/* Forget the rest (terms stay: the kept days' packed counts name them). */
static const char prune_clear_rest_sql[] =
    "DELETE FROM appearance WHERE paper_id IN (SELECT id FROM paper WHERE "
    "day NOT IN temp.kept_day); "
    "DELETE FROM paper WHERE day NOT IN temp.kept_day; "
    "DELETE FROM day_count WHERE day NOT IN temp.kept_day; "
    "DELETE FROM day_total WHERE day NOT IN temp.kept_day; "
    "DELETE FROM phrase_once WHERE day NOT IN temp.kept_day; "
    "UPDATE snapshot SET new_papers = 0 WHERE id IN "
    "(SELECT snapshot_id FROM snapshot_raw);";

/* Prepare one of this file's statements (rare: not kept). */
static sqlite3_stmt *
prune_prepare(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "prepare", cause);
		return NULL;
	}
	return s;
}

/* Run SQL without results. */
static int
prune_exec(struct store *st, const char *sql, const char *what, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, what, cause);
	return 0;
}

/* The policy of configuration c at time now, batch rows a transaction. */
void
store_prune_policy(struct prune_policy *pp, const struct config *c,
    time_t now, size_t batch)
{
	memset(pp, 0, sizeof *pp);
	pp->now = now;
	pp->keep_raw = c->keep_raw;
	pp->keep_alert_history = c->keep_alert_history;
	pp->keep_outbox = c->keep_outbox;
	pp->batch = batch;
}

/* Add what b removed to r. */
static void
prune_merge(struct prune_result *r, const struct prune_result *b)
{
	if (b->raw > 0) {
		if (r->raw == 0 || b->raw_first < r->raw_first)
			r->raw_first = b->raw_first;
		if (r->raw == 0 || b->raw_last > r->raw_last)
			r->raw_last = b->raw_last;
	}
	r->raw += b->raw;
	r->raw_bytes += b->raw_bytes;
	r->alert_events += b->alert_events;
	r->outbox += b->outbox;
}

/* Note raw bytes of a snapshot of day as gone. */
static void
prune_note_raw(struct prune_result *r, day_t day, int64_t bytes)
{
	struct prune_result	 one;

	memset(&one, 0, sizeof one);
	one.raw = 1;
	one.raw_bytes = bytes;
	one.raw_first = one.raw_last = day;
	prune_merge(r, &one);
}

/* Take (or with dry, count) up to limit raw rows older than policy's. */
static int
prune_raw(struct store *st, const struct prune_policy *pp, int64_t limit,
    int dry, struct prune_result *r, size_t *n, char **cause)
{
	sqlite3_stmt	*s, *del = NULL;
	int64_t		 before = (int64_t)pp->now - pp->keep_raw;
	int		 rc = -1, step;

	*n = 0;
	if (pp->keep_raw == 0)
		return 0;
	if ((s = prune_prepare(st, prune_raw_sql, cause)) == NULL)
		return -1;
	if (!dry && (del = prune_prepare(st, prune_raw_delete_sql,
	    cause)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, before / 86400);
	sqlite3_bind_int64(s, 2, before);
	sqlite3_bind_int64(s, 3, limit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (del != NULL) {
			sqlite3_reset(del);
			sqlite3_bind_int64(del, 1, sqlite3_column_int64(s, 0));
			if (store_done(st, del, "cannot prune raw bytes",
			    cause) != 0)
				goto out;
		}
		prune_note_raw(r, sqlite3_column_int(s, 1),
		    sqlite3_column_int64(s, 2));
		(*n)++;
	}
	if (step != SQLITE_DONE) {
		store_fail(st, "cannot read raw bytes", cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(del);
	sqlite3_finalize(s);
	return rc;
}

/* Delete (or count) up to limit rows by sql, older than before. */
static int
prune_rows(struct store *st, const char *sql, int64_t before, int64_t limit,
    int dry, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 step;

	*n = 0;
	if ((s = prune_prepare(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before);
	sqlite3_bind_int64(s, 2, limit);
	step = sqlite3_step(s);
	if (dry && step == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(s, 0);
	else if (!dry && step == SQLITE_DONE)
		*n = (size_t)sqlite3_changes(st->db);
	sqlite3_finalize(s);
	if (step != (dry ? SQLITE_ROW : SQLITE_DONE))
		return store_fail(st, dry ? "cannot read the alert tables" :
		    "cannot prune alert rows", cause);
	return 0;
}

/*
 * One batch of retention under policy pp: in one transaction, up to
 * pp->batch raw rows, alert history events and finished outbox rows
 * older than their settings go (their numbers are added to *r); *more
 * says a batch found as many as it may take (run another); *r changes
 * only when the batch commits. With dry,
 * nothing is deleted and everything that would go is counted at once.
 * On an error (a full disk) the batch's transaction rolls back.
 */
int
store_prune_batch(struct store *st, const struct prune_policy *pp, int dry,
    struct prune_result *r, int *more, char **cause)
{
	struct prune_result	 b;
	int64_t			 limit = dry || pp->batch == 0 ? -1 :
				     (int64_t)pp->batch;
	size_t			 raw, hist = 0, outbox = 0;

	*more = 0;
	memset(&b, 0, sizeof b);
	if (store_begin(st, cause) != 0)
		return -1;
	if (prune_raw(st, pp, limit, dry, &b, &raw, cause) != 0 ||
	    (pp->keep_alert_history != 0 && prune_rows(st, dry ?
	    prune_history_count_sql : prune_history_sql,
	    (int64_t)pp->now - pp->keep_alert_history, limit, dry, &hist,
	    cause) != 0) ||
	    (pp->keep_outbox != 0 && prune_rows(st, dry ?
	    prune_outbox_count_sql : prune_outbox_sql,
	    (int64_t)pp->now - pp->keep_outbox, limit, dry, &outbox,
	    cause) != 0))
		goto fail;
	if (dry)
		store_rollback(st);
	else if (store_commit(st, cause) != 0)
		goto fail;
	b.alert_events = hist;
	b.outbox = outbox;
	prune_merge(r, &b);
	*more = limit > 0 && (raw == (size_t)limit || hist == (size_t)limit ||
	    outbox == (size_t)limit);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* The file's pages: how many, how many free (reused by later writes). */
int
store_pages(struct store *st, int64_t *pages, int64_t *free_pages,
    int64_t *page_size, char **cause)
{
	static const char *const sql[] = { "PRAGMA page_count",
	    "PRAGMA freelist_count", "PRAGMA page_size" };
	int64_t		*out[] = { pages, free_pages, page_size };
	sqlite3_stmt	*s;
	size_t		 i;
	int		 step;

	for (i = 0; i < 3; i++) {
		if ((s = prune_prepare(st, sql[i], cause)) == NULL)
			return -1;
		step = sqlite3_step(s);
		*out[i] = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (step != SQLITE_ROW)
			return store_fail(st, "cannot read its size", cause);
	}
	return 0;
}

/* Rewrite the file without its free pages (needs that much space again). */
int
store_vacuum(struct store *st, char **cause)
{
	return prune_exec(st, "VACUUM", "cannot vacuum", cause);
}

/*
 * Inside topic rebuild's transaction: forget what will be recounted. With
 * every snapshot's bytes there, that is every paper and count
 * (store_clear_counts); when retention took some, the days in *kept
 * (sorted; the caller frees it) keep their papers and counts as they are
 * and the terms stay, and everything else is forgotten.
 */
int
store_clear_rebuildable(struct store *st, day_t **kept, size_t *nkept,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 step;

	*kept = NULL;
	*nkept = 0;
	if (prune_exec(st, prune_kept_sql, "cannot find pruned days",
	    cause) != 0)
		return -1;
	if ((s = prune_prepare(st, prune_kept_days_sql, cause)) == NULL)
		return -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		*kept = xreallocarray(*kept, *nkept + 1, sizeof **kept);
		(*kept)[(*nkept)++] = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(*kept);
		*kept = NULL;
		*nkept = 0;
		return store_fail(st, "cannot read pruned days", cause);
	}
	if (*nkept == 0)
		return store_clear_counts(st, cause);
	store_cache_drop(st);
	store_once_drop(st);
	return prune_exec(st, prune_clear_rest_sql, "cannot clear counts",
	    cause);
}
