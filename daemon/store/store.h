/*
 * daemon/store: the SQLite database: opening and migrating it, writing
 * snapshots, papers and counts, and every read the queries make. All SQL
 * of the project lives in this room.
 */
#ifndef TOPIC_STORE_H
#define TOPIC_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analysis/digest/digest.h"
#include "reports/reports.h"

#define PHRASE_HORIZON_DEFAULT	35	/* days a once-seen phrase is kept */

/* store.c */
struct store;

struct snapshot_info {
	int64_t		 source_id;
	time_t		 fetched;
	day_t		 day;		/* DAY_NONE for an archive */
	const char	*hash;
	const char	*format;
	const char	*origin;
	const char	*etag;
	const char	*last_modified;
	const char	*raw;
	size_t		 raw_len;
	size_t		 entries;
};

#define STORE_READONLY	0x1	/* store_open: read only (must exist) */
#define STORE_WAL_LIMIT	(32 << 20) /* bytes a checkpointed WAL is cut to */
#define STORE_EXISTING	0x2	/* store_open: must exist */

struct store	*store_open(const char *, int, char **);
void		 store_close(struct store *);
void		 store_keep_terms(struct store *);
int		 store_schema_version(void);
int		 store_begin(struct store *, char **);
int		 store_commit(struct store *, char **);
int		 store_search_merge(struct store *, int, int *, char **);
void		 store_search_defer(struct store *, int);
int		 store_search_catch_up(struct store *, size_t, int64_t *,
		     char **);
int		 store_search_behind(struct store *, int64_t *, char **);
void		 store_release(struct store *);
void		 store_rollback(struct store *);
int		 store_source(struct store *, const char *, const char *,
		     time_t, int64_t *, char **);
int		 store_snapshot_find(struct store *, int64_t, const char *,
		     int64_t *, char **);
int		 store_snapshot_add(struct store *, const struct snapshot_info *,
		     int64_t *, char **);
int		 store_snapshot_day(struct store *, int64_t, day_t, int64_t *,
		     char **);
int		 store_error(struct store *);
int		 store_snapshot_write(struct store *, int64_t, size_t,
		     const void *, size_t, char **);
int		 store_snapshot_finish(struct store *, int64_t, size_t, size_t,
		     char **);
int		 store_paper_add(struct store *, const struct entry *, int64_t,
		     int64_t, int *, char **);
int		 store_put_tally(struct store *, int64_t, struct tally *, int,
		     char **);
int		 store_clear_counts(struct store *, char **);
int		 store_snapshot_next(struct store *, int64_t, int64_t *,
		     struct snapshot_info *, char **);

/* One fetch attempt of the daemon. */
struct fetch_record {
	int64_t		 source_id;
	time_t		 started;
	double		 seconds;
	long		 status;
	const char	*outcome;	/* stored, unchanged, not-modified, ... */
	int64_t		 snapshot_id;
	const char	*error;
};

int		 store_source_validators(struct store *, int64_t, char **,
		     char **, char **);
int		 store_source_set_validators(struct store *, int64_t,
		     const char *, const char *, char **);
int		 store_fetch_add(struct store *, const struct fetch_record *,
		     char **);

/* store_query.c */
int	 store_stats(struct store *, struct stats *, char **);
int	 store_term_find(struct store *, const char *, int64_t *, char **,
	     char **);
int	 store_day_totals(struct store *, day_t, day_t, day_t **, int64_t **,
	     size_t *, char **);
int	 store_term_days(struct store *, const int64_t *, size_t,
	     const day_t *, size_t, int64_t *, char **);
int	 store_last_day(struct store *, day_t *, char **);
int	 store_source_week(struct store *, day_t, day_t,
	     struct report_source **, size_t *, char **);
int	 store_source_health(struct store *, struct source_health **,
	     size_t *, char **);
int	 store_totals(struct store *, int64_t *, int64_t *, day_t *, char **);

/* store_query.c: papers and terms for the queries. */
/* A paper as stored: its key (arXiv id), title, abstract, URL and day. */
struct paper_row {
	char		*key;
	char		*title;
	char		*abstract;
	char		*url;
	day_t		 day;
};

int	 store_max_term_id(struct store *, int64_t *, char **);
int	 store_range_df(struct store *, day_t, day_t, uint32_t *, uint16_t *,
	     uint16_t *, size_t, char **);
int	 store_range_blocks(struct store *, const day_t *, size_t,
	     const int32_t *, size_t, uint32_t *, uint32_t *, char **);
int	 store_term_info(struct store *, int64_t, char **, int *, char **,
	     char **);
void	 paper_rows_free(struct paper_row *, size_t);
int	 store_papers_range(struct store *, day_t, day_t, struct paper_row **,
	     size_t *, char **);
int	 store_search(struct store *, const char *, day_t, day_t, int,
	     struct paper_row **, size_t *, char **);
int	 store_topic_terms(struct store *, int64_t **, char ***, size_t *,
	     char **);

/* store_prune.c */
/* What retention keeps: seconds before now, 0 for forever. */
struct prune_policy {
	time_t		 now;
	long long	 keep_raw;
	long long	 keep_alert_history;
	long long	 keep_outbox;
	size_t		 batch;		/* rows a transaction; 0: all */
};

/* What a prune removed (or would). */
struct prune_result {
	size_t		 raw;		/* snapshots whose raw bytes went */
	int64_t		 raw_bytes;
	day_t		 raw_first, raw_last;	/* their days */
	size_t		 alert_events;
	size_t		 outbox;
};

struct config;
void	 store_prune_policy(struct prune_policy *, const struct config *,
	     time_t, size_t);
int	 store_prune_batch(struct store *, const struct prune_policy *, int,
	     struct prune_result *, int *, char **);
int	 store_pages(struct store *, int64_t *, int64_t *, int64_t *, char **);
int	 store_vacuum(struct store *, char **);
int	 store_clear_rebuildable(struct store *, day_t **, size_t *, char **);

/* store_alert.c */

/* A notification for one channel, waiting in the outbox. */
struct outbox_row {
	int64_t		 id;
	char		*rule;
	char		*channel;	/* exec, webhook, file, mail */
	int64_t		 created;
	char		*payload;	/* JSON */
	char		*text;		/* plain text, for mail */
	char		*subject;
	int		 attempts;
};

int	 store_topics(struct store *, char ***, int64_t **, size_t *,
	     char **);
int	 store_alert_get(struct store *, const char *, const char *,
	     struct alert_row *, int *, char **);
int	 store_alert_put(struct store *, const struct alert_row *, char **);
int	 store_alert_event(struct store *, const struct alert_row *,
	     const char *, int64_t, char **);
int	 store_alert_states(struct store *, struct alert_row **, size_t *,
	     char **);
int	 store_alert_history(struct store *, size_t, struct alert_hist **,
	     size_t *, char **);
int	 store_outbox_add(struct store *, const struct outbox_row *, char **);
int	 store_outbox_due(struct store *, int64_t, struct outbox_row **,
	     size_t *, char **);
void	 outbox_rows_free(struct outbox_row *, size_t);
int	 store_outbox_claim(struct store *, int64_t, int64_t, int64_t, int *,
	     char **);
int	 store_outbox_finish(struct store *, int64_t, const char *, int,
	     int64_t, const char *, int64_t, char **);
int	 store_outbox_next(struct store *, int64_t *, char **);
int	 store_outbox_counts(struct store *, int64_t *, int64_t *, int64_t *,
	     char **);

#endif
