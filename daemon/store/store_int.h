/*
 * The store's insides, shared by store.c (open, migrate, write) and
 * store_query.c (read): the connection and its prepared statements. All
 * SQL text of the project is in store.c, but retention's (store_prune.c).
 */
#ifndef TOPIC_STORE_INT_H
#define TOPIC_STORE_INT_H

#include <stdint.h>
#include <sqlite3.h>

enum store_stmt {
	ST_SOURCE_GET,
	ST_SOURCE_ADD,
	ST_SNAP_FIND,
	ST_SNAP_ADD,
	ST_RAW_ADD,
	ST_SNAP_FINISH,
	ST_PAPER_ADD,
	ST_PAPER_GET,
	ST_PAPER_INDEX,
	ST_APPEAR_ADD,
	ST_TERM_MAXID,
	ST_TERM_ALL,
	ST_TERM_GET,
	ST_TERM_ADD,
	ST_TERM_DISPLAY,
	ST_ONCE_SINCE,
	ST_ONCE_GET,
	ST_ONCE_PUT,
	ST_ONCE_PRUNE,
	ST_ONCE_MAXDAY,
	ST_COUNT_GET,
	ST_COUNT_PUT,
	ST_TOTAL_ADD,
	ST_STATS,
	ST_TERM_FIND,
	ST_TOTALS_RANGE,
	ST_COUNTS_RANGE,
	ST_LAST_DAY,
	ST_STATE_GET,
	ST_STATE_PUT,
	ST_FETCH_ADD,
	ST_TOPICS,
	ST_ALERT_GET,
	ST_ALERT_PUT,
	ST_ALERT_EVENT,
	ST_ALERT_STATES,
	ST_ALERT_HISTORY,
	ST_OUTBOX_ADD,
	ST_OUTBOX_DUE,
	ST_OUTBOX_CLAIM,
	ST_OUTBOX_FINISH,
	ST_OUTBOX_NEXT,
	ST_OUTBOX_COUNTS,
	ST_TERM_BY_ID,
	ST_PAPERS_RANGE,
	ST_SEARCH,
	ST_TOPIC_TERMS,
	ST_SNAP_NEXT,
	ST_SOURCE_WEEK,
	ST_SOURCE_HEALTH,
	ST_TOTALS,
	ST_SNAP_DAY,
	ST_SOURCE_ARCHIVE,
	ST_SEARCH_STATE,
	ST_SEARCH_UPTO,
	ST_SEARCH_SET,
	ST_SEARCH_BEHIND,
	ST_MAX
};

/* Terms the term cache may hold before a transaction starts it afresh. */
#define STORE_CACHE_MAX	(1 << 17)

/* Terms a store that keeps them all (store_keep_terms) holds at most. */
#define STORE_KEEP_TERMS_MAX	(1 << 22)

struct store {
	sqlite3		*db;
	char		*path;
	int		 readonly;
	sqlite3_stmt	*stmt[ST_MAX];
	int		 papers_added;	/* in this transaction */
	int		 search_deferred; /* store_search_defer */
	struct term_cache *cache;	/* term ids read or written */
	int64_t		 cache_version;	/* PRAGMA data_version it holds at */
	int		 keep_terms;	/* store_keep_terms: the whole table */
	int		 terms_added;	/* this transaction added term rows */
	struct once_cache *once;	/* its phrase_once writes */
	sqlite3_blob	*raw;		/* snapshot bytes being written */
	int64_t		 raw_id;
	int		 error;		/* SQLite code of the last failure */
};

sqlite3_stmt	*store_stmt(struct store *, enum store_stmt, char **);
int		 store_row(struct store *, enum store_stmt, const char *,
		     int64_t, int64_t *, int, char **);
int		 store_fail(struct store *, const char *, char **);
uint32_t	 store_get_u32(const unsigned char *);
void		 store_put_u32(unsigned char *, uint32_t);
uint64_t	 store_get_u64(const unsigned char *);
void		 store_put_u64(unsigned char *, uint64_t);
void		 store_cache_drop(struct store *);
size_t		 store_cache_count(const struct store *);
void		 store_once_drop(struct store *);
int		 store_done(struct store *, sqlite3_stmt *, const char *,
		     char **);
void		 store_bind_text(sqlite3_stmt *, int, const char *);
char		*store_column_copy(sqlite3_stmt *, int, const char *);

#endif
