/*
 * The store: one SQLite file (WAL, synchronous NORMAL, foreign keys on).
 * Opens and migrates it, and writes a snapshot: its row and raw bytes,
 * its papers and appearances (its tally: store_tally.c). The caller wraps
 * a snapshot in one transaction. Every value is bound.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/store/store.h"
#include "daemon/sys/sys.h"
#include "store_int.h"

#define STORE_APPLICATION_ID	0x746f7069	/* "topi" */
#define STORE_BUSY_S		10	/* how long a write waits for a lock */
#define STORE_RAW_PIECE		(1024 * 1024)	/* raw bytes one write stores */
#define STORE_STR(x)		#x
#define STORE_XSTR(x)		STORE_STR(x)

static const char *store_sql[ST_MAX] = {
	[ST_SOURCE_GET] = "SELECT id FROM source WHERE name = ?",
	[ST_SOURCE_ADD] = "INSERT INTO source (name, url, created) "
	    "VALUES (?, ?, ?)",
	[ST_SNAP_FIND] = "SELECT id FROM snapshot WHERE source_id = ? AND "
	    "hash = ?",
	[ST_SNAP_ADD] = "INSERT INTO snapshot (source_id, fetched, day, hash, "
	    "format, origin, etag, last_modified, entries, new_papers) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
	[ST_RAW_ADD] = "INSERT INTO snapshot_raw (snapshot_id, bytes) "
	    "VALUES (?, ?)",
	[ST_SNAP_FINISH] = "UPDATE snapshot SET entries = ?, new_papers = ? "
	    "WHERE id = ?",
	[ST_PAPER_ADD] = "INSERT INTO paper (key, day, source_id, "
	    "snapshot_id, title, abstract, url) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (key) DO NOTHING",
	[ST_PAPER_GET] = "SELECT id FROM paper WHERE key = ?",
	[ST_PAPER_INDEX] = "INSERT INTO paper_fts (rowid, title, abstract) "
	    "SELECT id, title, abstract FROM paper WHERE id > ?1 AND id <= ?2 "
	    "ORDER BY id",
	[ST_SEARCH_STATE] = "SELECT indexed_to, (SELECT coalesce(max(id), 0) "
	    "FROM paper) FROM search_state",
	[ST_SEARCH_UPTO] = "SELECT max(id), count(*) FROM (SELECT id FROM "
	    "paper WHERE id > ?1 ORDER BY id LIMIT ?2)",
	[ST_SEARCH_SET] = "UPDATE search_state SET indexed_to = ?",
	[ST_SEARCH_BEHIND] = "SELECT count(*) FROM paper WHERE id > "
	    "(SELECT indexed_to FROM search_state)",
	[ST_APPEAR_ADD] = "INSERT OR IGNORE INTO appearance (snapshot_id, "
	    "paper_id, rank) VALUES (?, ?, ?)",
	[ST_TERM_MAXID] = "SELECT coalesce(max(id), 0) FROM term",
	[ST_TERM_ALL] = "SELECT id, key, display_n FROM term",
	[ST_TERM_GET] = "SELECT id FROM term WHERE key = ?",
	[ST_TERM_ADD] = "INSERT INTO term (key, kind, display, display_n) "
	    "VALUES (?, ?, ?, ?)",
	[ST_TERM_DISPLAY] = "UPDATE term SET display = ?1, display_n = ?2 "
	    "WHERE id = ?3 AND display_n < ?2",
	[ST_ONCE_SINCE] = "SELECT day, source_id, hashes FROM phrase_once "
	    "WHERE day >= ?",
	[ST_ONCE_GET] = "SELECT hashes FROM phrase_once WHERE day = ? AND "
	    "source_id = ?",
	[ST_ONCE_PUT] = "INSERT OR REPLACE INTO phrase_once (day, source_id, "
	    "hashes) VALUES (?, ?, ?)",
	[ST_ONCE_PRUNE] = "DELETE FROM phrase_once WHERE day < ?",
	[ST_ONCE_MAXDAY] = "SELECT max(day) FROM phrase_once",
	[ST_COUNT_GET] = "SELECT counts FROM day_count WHERE day = ? AND "
	    "source_id = ? AND part = ?",
	[ST_COUNT_PUT] = "INSERT OR REPLACE INTO day_count (day, source_id, "
	    "part, counts) VALUES (?, ?, ?, ?)",
	[ST_TOTAL_ADD] = "INSERT INTO day_total (day, source_id, papers) "
	    "VALUES (?, ?, ?) ON CONFLICT (day, source_id) DO UPDATE SET "
	    "papers = papers + excluded.papers",
	[ST_STATS] = "SELECT (SELECT coalesce(sum(papers), 0) FROM day_total), "
	    "(SELECT count(DISTINCT day) FROM day_total), "
	    "(SELECT count(*) FROM snapshot), (SELECT count(*) FROM source), "
	    "(SELECT count(*) FROM term), "
	    "(SELECT count(*) FROM term WHERE kind = 2), "
	    "(SELECT count(*) FROM appearance), "
	    "(SELECT min(day) FROM day_total), (SELECT max(day) FROM day_total), "
	    "(SELECT count(*) FROM paper WHERE id > "
	    "(SELECT indexed_to FROM search_state))",
	[ST_TERM_FIND] = "SELECT id, display FROM term WHERE key = ?",
	[ST_TOTALS_RANGE] = "SELECT day, sum(papers) FROM day_total WHERE "
	    "day BETWEEN ? AND ? GROUP BY day ORDER BY day",
	[ST_COUNTS_RANGE] = "SELECT day, counts FROM day_count WHERE "
	    "day BETWEEN ? AND ? ORDER BY day",
	[ST_LAST_DAY] = "SELECT max(day) FROM day_total",
	[ST_STATE_GET] = "SELECT etag, last_modified FROM source_state "
	    "WHERE source_id = ?",
	[ST_STATE_PUT] = "INSERT OR REPLACE INTO source_state (source_id, "
	    "etag, last_modified) VALUES (?, ?, ?)",
	[ST_FETCH_ADD] = "INSERT INTO fetch (source_id, started, seconds, "
	    "status, outcome, snapshot_id, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[ST_TOPICS] = "SELECT id, key FROM term WHERE kind = 3 ORDER BY key",
	[ST_ALERT_GET] = "SELECT status, streak, calm, day, qual_day, "
	    "calm_day, since, started, notified, count, papers, expected, p "
	    "FROM alert_state WHERE rule = ? AND item = ?",
	[ST_ALERT_PUT] = "INSERT OR REPLACE INTO alert_state (status, streak, "
	    "calm, day, qual_day, calm_day, since, started, notified, count, "
	    "papers, expected, p, rule, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)",
	[ST_ALERT_EVENT] = "INSERT INTO alert_history (rule, item, at, day, "
	    "event, count, papers, expected, p) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)",
	[ST_ALERT_STATES] = "SELECT status, streak, calm, day, qual_day, "
	    "calm_day, since, started, notified, count, papers, expected, p, "
	    "rule, item FROM alert_state ORDER BY rule, item",
	[ST_ALERT_HISTORY] = "SELECT rule, item, at, day, event, count, "
	    "papers, expected, p FROM alert_history ORDER BY id DESC LIMIT ?",
	[ST_OUTBOX_ADD] = "INSERT INTO alert_outbox (rule, channel, created, "
	    "payload, text, subject, next_try) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[ST_OUTBOX_DUE] = "SELECT id, rule, channel, created, payload, text, "
	    "subject, attempts FROM alert_outbox WHERE status = 'pending' AND "
	    "next_try <= ? ORDER BY id",
	[ST_OUTBOX_CLAIM] = "UPDATE alert_outbox SET next_try = ? WHERE "
	    "id = ? AND status = 'pending' AND next_try <= ?",
	[ST_OUTBOX_FINISH] = "UPDATE alert_outbox SET status = ?, attempts = ?, "
	    "next_try = ?, last_error = ?, done = ? WHERE id = ?",
	[ST_OUTBOX_NEXT] = "SELECT min(next_try) FROM alert_outbox WHERE "
	    "status = 'pending'",
	[ST_OUTBOX_COUNTS] = "SELECT coalesce(sum(status = 'pending'), 0), "
	    "coalesce(sum(status = 'failed'), 0), "
	    "coalesce(sum(status = 'sent'), 0) FROM alert_outbox",
	[ST_TERM_BY_ID] = "SELECT key, kind, display FROM term WHERE id = ?",
	[ST_PAPERS_RANGE] = "SELECT key, title, abstract, url, day FROM paper "
	    "WHERE day BETWEEN ? AND ? ORDER BY day DESC, id",
	[ST_SEARCH] = "SELECT p.key, p.title, p.abstract, p.url, p.day FROM "
	    "paper_fts JOIN paper p ON p.id = paper_fts.rowid WHERE "
	    "paper_fts MATCH ? AND p.day BETWEEN ? AND ? ORDER BY "
	    "bm25(paper_fts), p.day DESC, p.id LIMIT ?",
	[ST_TOPIC_TERMS] = "SELECT id, display FROM term WHERE kind = 3 "
	    "ORDER BY display",
	[ST_SNAP_NEXT] = "SELECT s.id, s.source_id, s.fetched, s.day, "
	    "s.format, s.origin, s.etag, s.last_modified, r.bytes FROM "
	    "snapshot s LEFT JOIN snapshot_raw r ON r.snapshot_id = s.id "
	    "WHERE s.id > ? ORDER BY s.id LIMIT 1",
	[ST_SOURCE_WEEK] = "SELECT s.name, "
	    "(SELECT count(*) FROM snapshot n WHERE n.source_id = s.id AND "
	    "n.fetched BETWEEN ?1 AND ?2), "
	    "(SELECT count(*) FROM fetch f WHERE f.source_id = s.id AND "
	    "f.outcome IN ('failed', 'parse-error') AND "
	    "f.started BETWEEN ?1 AND ?2), "
	    "(SELECT count(*) FROM day_total d WHERE d.source_id = s.id AND "
	    "d.day BETWEEN ?3 AND ?4), "
	    "(SELECT f.error FROM fetch f WHERE f.source_id = s.id AND "
	    "f.error IS NOT NULL AND f.started BETWEEN ?1 AND ?2 "
	    "ORDER BY f.id DESC LIMIT 1) "
	    "FROM source s ORDER BY s.name",
	[ST_SOURCE_HEALTH] = "SELECT s.name, s.url, "
	    "(SELECT count(*) FROM fetch f WHERE f.source_id = s.id), "
	    "(SELECT count(*) FROM fetch f WHERE f.source_id = s.id AND "
	    "f.outcome IN ('failed', 'parse-error')), "
	    "(SELECT coalesce(sum(papers), 0) FROM day_total d WHERE "
	    "d.source_id = s.id), "
	    "(SELECT coalesce(sum(seconds), 0) FROM fetch f WHERE "
	    "f.source_id = s.id), "
	    "l.started, l.status, l.outcome, l.error, l.seconds, "
	    "(SELECT max(started) FROM fetch f WHERE f.source_id = s.id AND "
	    "f.outcome IN ('stored', 'unchanged', 'not-modified')) "
	    "FROM source s LEFT JOIN fetch l ON l.id = (SELECT max(id) FROM "
	    "fetch f WHERE f.source_id = s.id) ORDER BY s.name",
	[ST_TOTALS] = "SELECT coalesce(sum(papers), 0), count(DISTINCT day), "
	    "max(day) FROM day_total",
	[ST_SNAP_DAY] = "SELECT id FROM snapshot WHERE source_id = ? AND "
	    "day = ? LIMIT 1",
	/*
	 * A source's archive ingests (no digest day, no fetch of the daemon
	 * stored it: fetch rows are looked up by time, on their index), how
	 * many, and the last with papers of days ?2..?3, else the last.
	 */
	[ST_SOURCE_ARCHIVE] = "WITH ingest AS (SELECT n.id, n.origin, "
	    "n.fetched, n.entries FROM snapshot n JOIN source s ON "
	    "s.id = n.source_id WHERE s.name = ?1 AND n.day IS NULL AND "
	    "NOT EXISTS (SELECT 1 FROM fetch f WHERE f.source_id = "
	    "n.source_id AND f.started BETWEEN n.fetched - 86400 AND "
	    "n.fetched + 86400 AND f.snapshot_id = n.id)) "
	    "SELECT (SELECT count(*) FROM ingest), i.origin, i.fetched, "
	    "i.entries, (SELECT count(DISTINCT p.day) FROM appearance a JOIN "
	    "paper p ON p.id = a.paper_id WHERE a.snapshot_id = i.id), "
	    "(SELECT min(p.day) FROM appearance a JOIN paper p ON "
	    "p.id = a.paper_id WHERE a.snapshot_id = i.id), "
	    "(SELECT max(p.day) FROM appearance a JOIN paper p ON "
	    "p.id = a.paper_id WHERE a.snapshot_id = i.id) "
	    "FROM ingest i ORDER BY EXISTS (SELECT 1 FROM appearance a JOIN "
	    "paper p ON p.id = a.paper_id WHERE a.snapshot_id = i.id AND "
	    "p.day BETWEEN ?2 AND ?3) DESC, i.id DESC LIMIT 1",
};

/* What topic rebuild empties before it recounts every stored snapshot. */
static const char store_clear_sql[] =
    "DELETE FROM appearance; DELETE FROM paper; DELETE FROM day_count; "
    "DELETE FROM day_total; DELETE FROM phrase_once; DELETE FROM term; "
    "UPDATE snapshot SET new_papers = 0;";

static void	 store_raw_close(struct store *);


/* The schema version this program writes: the newest migration. */
int
store_schema_version(void)
{
	return embedded_migrations_count == 0 ? 0 :
	    embedded_migrations[embedded_migrations_count - 1].version;
}

/* What to add to a message when the database was busy (locked). */
static const char *
store_busy_hint(struct store *st)
{
	if ((sqlite3_errcode(st->db) & 0xff) != SQLITE_BUSY)
		return "";
	return " (another process kept it locked for over "
	    STORE_XSTR(STORE_BUSY_S) " s: try again)";
}

/* Set *cause from SQLite's last error on the connection; returns -1. */
int
store_fail(struct store *st, const char *what, char **cause)
{
	st->error = sqlite3_errcode(st->db);
	xasprintf(cause, "%s: %s: %s%s", st->path, what,
	    sqlite3_errmsg(st->db), store_busy_hint(st));
	return -1;
}

/* Statement i, prepared on first use and reset for binding. */
sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt i, char **cause)
{
	if (st->stmt[i] == NULL) {
		if (sqlite3_prepare_v3(st->db, store_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL) != SQLITE_OK) {
			store_fail(st, "prepare", cause);
			return NULL;
		}
	} else {
		sqlite3_reset(st->stmt[i]);
		sqlite3_clear_bindings(st->stmt[i]);
	}
	return st->stmt[i];
}

/*
 * Statement i's one row: its first n columns as integers into v (null
 * for a NULL), and the statement reset, so that no read stays open to
 * hold the WAL. 0, or -1 with *cause (what failed).
 */
int
store_row(struct store *st, enum store_stmt i, const char *what,
    int64_t null, int64_t *v, int n, char **cause)
{
	sqlite3_stmt	*s;
	int		 k;

	if ((s = store_stmt(st, i, cause)) == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, what, cause);
		return -1;
	}
	for (k = 0; k < n; k++)
		v[k] = sqlite3_column_type(s, k) == SQLITE_NULL ? null :
		    sqlite3_column_int64(s, k);
	sqlite3_reset(s);
	return 0;
}

/* Read a 32-bit little-endian integer. */
uint32_t
store_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Write a 32-bit little-endian integer. */
void
store_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* Read a 64-bit little-endian integer. */
uint64_t
store_get_u64(const unsigned char *p)
{
	return (uint64_t)store_get_u32(p) | (uint64_t)store_get_u32(p + 4) << 32;
}

/* Write a 64-bit little-endian integer. */
void
store_put_u64(unsigned char *p, uint64_t v)
{
	store_put_u32(p, (uint32_t)v);
	store_put_u32(p + 4, (uint32_t)(v >> 32));
}

/* Run SQL without results; 0 or -1 with *cause. */
static int
store_exec(struct store *st, const char *sql, char **cause)
{
	char	*err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		st->error = sqlite3_errcode(st->db);
		xasprintf(cause, "%s: %s%s", st->path, err ? err :
		    sqlite3_errmsg(st->db), store_busy_hint(st));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Read a one-integer PRAGMA. */
static int
store_pragma_int(struct store *st, const char *sql, int64_t *out, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, "cannot read it", cause);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "cannot read it", cause);
	return 0;
}

/* Apply every migration newer than the database, each in a transaction. */
static int
store_migrate(struct store *st, int64_t version, char **cause)
{
	const struct embedded_migration	*m;
	char				*sql;
	size_t				 i;

	for (i = 0; i < embedded_migrations_count; i++) {
		m = &embedded_migrations[i];
		if (m->version <= version)
			continue;
		if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
			return -1;
		xasprintf(&sql, "%s\nPRAGMA user_version = %d;\n"
		    "PRAGMA application_id = %d;", m->sql, m->version,
		    STORE_APPLICATION_ID);
		if (store_exec(st, sql, cause) != 0) {
			free(sql);
			store_exec(st, "ROLLBACK", NULL);
			return -1;
		}
		free(sql);
		if (store_exec(st, "COMMIT", cause) != 0)
			return -1;
		log_debug("%s: applied %s", st->path, m->name);
	}
	return 0;
}

/*
 * Open and migrate the database at path, creating it unless how has
 * STORE_READONLY (read only) or STORE_EXISTING. A database newer than
 * this program, or not topicd's, is refused.
 */
struct store *
store_open(const char *path, int how, char **cause)
{
	struct store	*st = xcalloc(1, sizeof *st);
	int64_t		 version, appid, tables;
	int		 flags, readonly = (how & STORE_READONLY) != 0;
	char		 limit[64];

	st->path = xstrdup(path);
	st->readonly = readonly;
	if ((how & (STORE_READONLY | STORE_EXISTING)) &&
	    access(path, F_OK) != 0) {
		xasprintf(cause, "%s: no such database (ingest something "
		    "first, or give --db)", path);
		goto fail;
	}
	flags = readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		store_fail(st, "cannot open", cause);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_S * 1000);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_pragma_int(st, "PRAGMA user_version", &version, cause) != 0 ||
	    store_pragma_int(st, "PRAGMA application_id", &appid, cause) != 0 ||
	    store_pragma_int(st, "SELECT count(*) FROM sqlite_schema",
	    &tables, cause) != 0) {
		/* Say which: not a database at all, or one unreadable. */
		free(*cause);
		xasprintf(cause, "%s: %s (%s)", path,
		    sqlite3_errcode(st->db) == SQLITE_NOTADB ?
		    "not a topicd database" : "cannot read the database",
		    sqlite3_errmsg(st->db));
		goto fail;
	}
	if ((version > 0 || tables > 0) && appid != STORE_APPLICATION_ID) {
		xasprintf(cause, "%s: not a topicd database", path);
		goto fail;
	}
	if (version > store_schema_version()) {
		xasprintf(cause, "%s: database schema version %lld is newer "
		    "than this program's (%d): upgrade topicd", path,
		    (long long)version, store_schema_version());
		goto fail;
	}
	if (store_exec(st, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	if (readonly) {
		if (version < store_schema_version()) {
			xasprintf(cause, "%s: database schema version %lld is "
			    "older than this program's (%d): run topic ingest "
			    "or topicd once to upgrade it", path,
			    (long long)version, store_schema_version());
			goto fail;
		}
		return st;
	}
	/*
	 * A WAL that a long read or a large transaction let grow is cut back
	 * to STORE_WAL_LIMIT by the first commit after a full checkpoint;
	 * without a limit it keeps its high-water size for good.
	 */
	snprintf(limit, sizeof limit, "PRAGMA journal_size_limit = %d",
	    STORE_WAL_LIMIT);
	if (store_exec(st, "PRAGMA journal_mode = WAL", cause) != 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL", cause) != 0 ||
	    store_exec(st, limit, cause) != 0 ||
	    store_migrate(st, version, cause) != 0)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

/*
 * Keep every term id in memory, from the first tally on, for as long as
 * no other connection commits (the daemon: a day's thousands of terms
 * are then found without a lookup in the key index, whose descents were
 * most of the difference between a day stored into five years and into
 * an empty database). Up to STORE_KEEP_TERMS_MAX terms; past that, terms
 * are looked up as without it.
 */
void
store_keep_terms(struct store *st)
{
	st->keep_terms = 1;
}

/* Close the database; NULL is fine. */
void
store_close(struct store *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	store_raw_close(st);
	store_cache_drop(st);
	store_once_drop(st);
	for (i = 0; i < ST_MAX; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db != NULL)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/*
 * Forget every paper and count (inside the caller's transaction), keeping
 * sources, snapshots and their raw bytes: topic rebuild recounts them.
 */
int
store_clear_counts(struct store *st, char **cause)
{
	store_cache_drop(st);
	store_once_drop(st);
	return store_exec(st, store_clear_sql, cause);
}

/*
 * The stored snapshot after id after (0 for the first): its row into *si
 * (strings and bytes valid until the next call), *id its id, 0 at the
 * end. A snapshot whose raw bytes retention removed has si->raw NULL.
 */
int
store_snapshot_next(struct store *st, int64_t after, int64_t *id,
    struct snapshot_info *si, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(si, 0, sizeof *si);
	*id = 0;
	if ((s = store_stmt(st, ST_SNAP_NEXT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, after);
	if ((rc = sqlite3_step(s)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(st, "cannot read snapshots", cause);
	*id = sqlite3_column_int64(s, 0);
	si->source_id = sqlite3_column_int64(s, 1);
	si->fetched = (time_t)sqlite3_column_int64(s, 2);
	si->day = sqlite3_column_type(s, 3) == SQLITE_NULL ? DAY_NONE :
	    sqlite3_column_int(s, 3);
	si->format = (const char *)sqlite3_column_text(s, 4);
	si->origin = (const char *)sqlite3_column_text(s, 5);
	si->etag = (const char *)sqlite3_column_text(s, 6);
	si->last_modified = (const char *)sqlite3_column_text(s, 7);
	si->raw = sqlite3_column_blob(s, 8);
	si->raw_len = (size_t)sqlite3_column_bytes(s, 8);
	return 0;
}

/* Begin a write transaction (taking the write lock at once). */
int
store_begin(struct store *st, char **cause)
{
	int64_t	 version;

	st->papers_added = 0;
	st->terms_added = 0;
	store_once_drop(st);
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/*
	 * The term cache outlives the transactions of this connection, so
	 * that a running daemon does not look a day's thousands of terms up
	 * in the key index again each snapshot; it is dropped once another
	 * connection has committed (PRAGMA data_version moves only for
	 * those), when it has grown past STORE_CACHE_MAX terms, and by a
	 * rollback that undoes terms it holds (store_rollback).
	 */
	if (store_pragma_int(st, "PRAGMA data_version", &version,
	    cause) != 0) {
		store_rollback(st);
		return -1;
	}
	if (version != st->cache_version || store_cache_count(st) >
	    (st->keep_terms ? STORE_KEEP_TERMS_MAX : STORE_CACHE_MAX))
		store_cache_drop(st);
	st->cache_version = version;
	return 0;
}

/*
 * Commit the transaction. Unless store_search_defer said otherwise, the
 * papers the index lacks are indexed first, in it (schema/010): the index
 * is whole when the transaction ends.
 */
int
store_commit(struct store *st, char **cause)
{
	int64_t	 left;

	store_raw_close(st);
	store_once_drop(st);
	if (st->papers_added && !st->search_deferred &&
	    store_search_catch_up(st, 0, &left, cause) != 0)
		return -1;
	st->papers_added = 0;
	store_release(st);
	return store_exec(st, "COMMIT", cause);
}

/*
 * Leave the indexing of new papers to store_search_catch_up (topicd, so
 * that no snapshot waits for FTS5) rather than to each commit.
 */
void
store_search_defer(struct store *st, int deferred)
{
	st->search_deferred = deferred;
}

/*
 * Index the papers the full-text index lacks, in id order, at most max
 * of them (0: all): inside the open transaction, or in one of its own.
 * indexed_to moves with the rows, so the index is never ahead of it
 * (schema/010-search-behind.sql). *left is how many it still lacks.
 */
int
store_search_catch_up(struct store *st, size_t max, int64_t *left,
    char **cause)
{
	sqlite3_stmt	*s;
	int64_t		 from, upto, n, last, v[2];
	int		 own = sqlite3_get_autocommit(st->db);

	*left = 0;
	if (own && store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (store_row(st, ST_SEARCH_STATE, "cannot read search state", 0, v, 2,
	    cause) != 0)
		goto fail;
	from = v[0];
	last = v[1];
	if (last <= from)
		goto done;
	if ((s = store_stmt(st, ST_SEARCH_UPTO, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, max == 0 ? INT64_MAX : (int64_t)max);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "cannot find papers to index", cause);
		goto fail;
	}
	upto = sqlite3_column_int64(s, 0);
	n = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	if ((s = store_stmt(st, ST_PAPER_INDEX, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, upto);
	if (store_done(st, s, "cannot index papers", cause) != 0)
		goto fail;
	if ((s = store_stmt(st, ST_SEARCH_SET, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, upto);
	if (store_done(st, s, "cannot record search state", cause) != 0)
		goto fail;
	if (max != 0 && n == (int64_t)max && store_search_behind(st, left,
	    cause) != 0)
		goto fail;
done:
	if (own && store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	return 0;
fail:
	if (own)
		store_rollback(st);
	return -1;
}

/* How many stored papers the full-text index does not hold yet. */
int
store_search_behind(struct store *st, int64_t *papers, char **cause)
{
	return store_row(st, ST_SEARCH_BEHIND, "cannot read search state", 0,
	    papers, 1, cause);
}

/*
 * Merge the full-text index's segments by about pages pages of work (FTS5
 * 'merge' N, its own transaction); *more is 1 while there is more to do.
 * FTS5 says a merge that changed fewer than two rows found nothing to do.
 */
int
store_search_merge(struct store *st, int pages, int *more, char **cause)
{
	char	*sql;
	int	 before, rc;

	*more = 0;
	before = sqlite3_total_changes(st->db);
	xasprintf(&sql, "INSERT INTO paper_fts (paper_fts, rank) "
	    "VALUES ('merge', %d)", pages);
	rc = store_exec(st, sql, cause);
	free(sql);
	if (rc != 0)
		return -1;
	*more = sqlite3_total_changes(st->db) - before >= 2;
	return 0;
}

/*
 * Reset every statement the store keeps: a statement left on a row holds
 * its read transaction open, and while one is open no checkpoint can
 * take the WAL's pages back (a daemon's WAL would grow without bound).
 * Called at the end of each transaction and of each HTTP request.
 */
void
store_release(struct store *st)
{
	size_t	 i;

	for (i = 0; i < ST_MAX; i++) {
		if (st->stmt[i] != NULL)
			sqlite3_reset(st->stmt[i]);
	}
}

/* Roll the transaction back; errors are only logged. */
void
store_rollback(struct store *st)
{
	char	*cause = NULL;

	st->papers_added = 0;
	store_raw_close(st);
	/* Terms it read stay true; terms added in the transaction do not. */
	if (st->terms_added)
		store_cache_drop(st);
	st->terms_added = 0;
	store_once_drop(st);
	store_release(st);
	if (sqlite3_get_autocommit(st->db))
		return;
	if (store_exec(st, "ROLLBACK", &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
	}
}

/* Step a statement that returns no row. */
int
store_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, what, cause);
	return 0;
}

/* Bind text, or NULL for a NULL pointer. */
void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* A copy of text column i, or of if_null when it is NULL (NULL: NULL). */
char *
store_column_copy(sqlite3_stmt *s, int i, const char *if_null)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	if (t != NULL)
		return xstrdup((const char *)t);
	return if_null != NULL ? xstrdup(if_null) : NULL;
}

/* The id of source name, added if new. */
int
store_source(struct store *st, const char *name, const char *url, time_t now,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_SOURCE_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 0;
	}
	if ((s = store_stmt(st, ST_SOURCE_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	store_bind_text(s, 2, url);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
	if (store_done(st, s, "cannot add source", cause) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Step snapshot query s: the id it finds into *id, or 0. */
static int
store_snapshot_id(struct store *st, sqlite3_stmt *s, int64_t *id,
    char **cause)
{
	int	 rc;

	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "cannot look up snapshot", cause);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	return 0;
}

/* The id of the source's snapshot with these bytes' hash, or 0. */
int
store_snapshot_find(struct store *st, int64_t source_id, const char *hash,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_SNAP_FIND, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	return store_snapshot_id(st, s, id, cause);
}

/* The id of a snapshot of the source for digest day, or 0. */
int
store_snapshot_day(struct store *st, int64_t source_id, day_t day,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_SNAP_DAY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	sqlite3_bind_int(s, 2, day);
	return store_snapshot_id(st, s, id, cause);
}

/*
 * The SQLite result code of the store's last failure (SQLITE_FULL, ...),
 * 0 if none since the last call: tells a store failure from bad input.
 */
int
store_error(struct store *st)
{
	int	 rc = st->error;

	st->error = 0;
	return rc;
}

/*
 * Add a snapshot row and its raw bytes. Bytes larger than a piece are
 * written a piece at a time into a zero blob, so that SQLite never
 * builds a record as large as the file beside the file itself.
 */
int
store_snapshot_add(struct store *st, const struct snapshot_info *si,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 off, n;

	if ((s = store_stmt(st, ST_SNAP_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, si->source_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)si->fetched);
	if (si->day == DAY_NONE)
		sqlite3_bind_null(s, 3);
	else
		sqlite3_bind_int(s, 3, si->day);
	sqlite3_bind_text(s, 4, si->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, si->format, -1, SQLITE_STATIC);
	store_bind_text(s, 6, si->origin);
	store_bind_text(s, 7, si->etag);
	store_bind_text(s, 8, si->last_modified);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)si->entries);
	if (store_done(st, s, "cannot add snapshot", cause) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	if ((s = store_stmt(st, ST_RAW_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, *id);
	if (si->raw != NULL && si->raw_len <= STORE_RAW_PIECE)
		sqlite3_bind_blob64(s, 2, si->raw, si->raw_len, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob64(s, 2, si->raw_len);
	if (store_done(st, s, "cannot store snapshot bytes", cause) != 0)
		return -1;
	if (si->raw == NULL || si->raw_len <= STORE_RAW_PIECE)
		return 0;
	for (off = 0; off < si->raw_len; off += n) {
		n = si->raw_len - off < STORE_RAW_PIECE ? si->raw_len - off :
		    STORE_RAW_PIECE;
		if (store_snapshot_write(st, *id, off, si->raw + off, n,
		    cause) != 0)
			return -1;
	}
	return 0;
}

/* Close the open raw-bytes handle, if any. */
static void
store_raw_close(struct store *st)
{
	if (st->raw != NULL)
		sqlite3_blob_close(st->raw);
	st->raw = NULL;
	st->raw_id = 0;
}

/*
 * Write len bytes of a snapshot added without its bytes (si->raw NULL)
 * at offset off of its raw row: a large file is stored as it is read.
 * The handle stays open until the transaction ends, so SQLite keeps its
 * list of the row's overflow pages and each write costs its own pages,
 * not a walk from the row's start.
 */
int
store_snapshot_write(struct store *st, int64_t id, size_t off,
    const void *p, size_t len, char **cause)
{
	if (st->raw_id != id) {
		store_raw_close(st);
		if (sqlite3_blob_open(st->db, "main", "snapshot_raw", "bytes",
		    id, 1, &st->raw) != SQLITE_OK) {
			st->raw = NULL;
			return store_fail(st, "cannot store snapshot bytes",
			    cause);
		}
		st->raw_id = id;
	}
	if (sqlite3_blob_write(st->raw, p, (int)len, (int)off) != SQLITE_OK)
		return store_fail(st, "cannot store snapshot bytes", cause);
	return 0;
}

/* Record how many entries and new papers the snapshot brought. */
int
store_snapshot_finish(struct store *st, int64_t id, size_t entries,
    size_t new_papers, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_SNAP_FINISH, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)entries);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)new_papers);
	sqlite3_bind_int64(s, 3, id);
	return store_done(st, s, "cannot finish snapshot", cause);
}

/*
 * Record entry e as seen in a snapshot: the paper if its key is new (*added
 * set), and the appearance always. A known paper keeps its first day.
 */
int
store_paper_add(struct store *st, const struct entry *e, int64_t source_id,
    int64_t snapshot_id, int *added, char **cause)
{
	sqlite3_stmt	*s;
	int64_t		 id;

	if ((s = store_stmt(st, ST_PAPER_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, e->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, e->day);
	sqlite3_bind_int64(s, 3, source_id);
	sqlite3_bind_int64(s, 4, snapshot_id);
	sqlite3_bind_text(s, 5, e->title, -1, SQLITE_STATIC);
	store_bind_text(s, 6, e->abstract);
	store_bind_text(s, 7, e->url);
	if (store_done(st, s, "cannot add paper", cause) != 0)
		return -1;
	*added = sqlite3_changes(st->db) == 1;
	if (*added) {
		id = sqlite3_last_insert_rowid(st->db);
		st->papers_added = 1;
	} else {
		if ((s = store_stmt(st, ST_PAPER_GET, cause)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, e->key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW)
			return store_fail(st, "cannot find paper", cause);
		id = sqlite3_column_int64(s, 0);
	}
	if ((s = store_stmt(st, ST_APPEAR_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot_id);
	sqlite3_bind_int64(s, 2, id);
	if (e->rank < 0)
		sqlite3_bind_null(s, 3);
	else
		sqlite3_bind_int(s, 3, e->rank);
	return store_done(st, s, "cannot add appearance", cause);
}

/* The validators of the source's last 200 (NULL when there are none). */
int
store_source_validators(struct store *st, int64_t source_id, char **etag,
    char **last_modified, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*etag = *last_modified = NULL;
	if ((s = store_stmt(st, ST_STATE_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*etag = store_column_copy(s, 0, NULL);
		*last_modified = store_column_copy(s, 1, NULL);
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read source state", cause);
	return 0;
}

/* Keep the validators of a 200 for the next conditional request. */
int
store_source_set_validators(struct store *st, int64_t source_id,
    const char *etag, const char *last_modified, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_STATE_PUT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	store_bind_text(s, 2, etag);
	store_bind_text(s, 3, last_modified);
	return store_done(st, s, "cannot write source state", cause);
}

/* Record one fetch attempt and its outcome. */
int
store_fetch_add(struct store *st, const struct fetch_record *fr, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_FETCH_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, fr->source_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)fr->started);
	sqlite3_bind_double(s, 3, fr->seconds);
	sqlite3_bind_int64(s, 4, fr->status);
	sqlite3_bind_text(s, 5, fr->outcome, -1, SQLITE_STATIC);
	if (fr->snapshot_id > 0)
		sqlite3_bind_int64(s, 6, fr->snapshot_id);
	else
		sqlite3_bind_null(s, 6);
	store_bind_text(s, 7, fr->error);
	return store_done(st, s, "cannot record fetch", cause);
}
