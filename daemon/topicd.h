/*
 * The side-effect layer: files, the SQLite store, the clock, and the one
 * pipeline that runs parse -> count -> store for both programs.
 */
#ifndef TOPICD_H
#define TOPICD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analysis.h"
#include "reports.h"

#define PHRASE_HORIZON_DEFAULT	35	/* days a once-seen phrase is kept */

/* fileio.c */
int	 file_read(const char *, size_t, char **, size_t *, char **);
int	 file_decompress(const char *, const char *, size_t, size_t, char **,
	     size_t *, char **);
int	 file_write_atomic(const char *, const char *, size_t, char **);

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

struct store	*store_open(const char *, int, char **);
void		 store_close(struct store *);
int		 store_schema_version(void);
int		 store_begin(struct store *, char **);
int		 store_commit(struct store *, char **);
void		 store_rollback(struct store *);
int		 store_source(struct store *, const char *, const char *,
		     time_t, int64_t *, char **);
int		 store_snapshot_find(struct store *, int64_t, const char *,
		     int64_t *, char **);
int		 store_snapshot_add(struct store *, const struct snapshot_info *,
		     int64_t *, char **);
int		 store_snapshot_finish(struct store *, int64_t, size_t, char **);
int		 store_paper_add(struct store *, const struct entry *, int64_t,
		     int64_t, int *, char **);
int		 store_put_tally(struct store *, int64_t, struct tally *, int,
		     char **);
int		 store_clear_counts(struct store *, char **);
int		 store_snapshot_next(struct store *, int64_t, int64_t *,
		     struct snapshot_info *, char **);

/* store_query.c */
int	 store_stats(struct store *, struct stats *, char **);
int	 store_term_find(struct store *, const char *, int64_t *, char **,
	     char **);
int	 store_day_totals(struct store *, day_t, day_t, day_t **, int64_t **,
	     size_t *, char **);
int	 store_term_days(struct store *, const int64_t *, size_t,
	     const day_t *, size_t, int64_t *, char **);
int	 store_last_day(struct store *, day_t *, char **);

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
int	 store_term_info(struct store *, int64_t, char **, int *, char **,
	     char **);
void	 paper_rows_free(struct paper_row *, size_t);
int	 store_papers_range(struct store *, day_t, day_t, struct paper_row **,
	     size_t *, char **);
int	 store_search(struct store *, const char *, day_t, day_t, int,
	     struct paper_row **, size_t *, char **);
int	 store_topic_terms(struct store *, int64_t **, char ***, size_t *,
	     char **);

/* pipeline.c */
struct pipeline;

struct ingest_request {
	const char		*source;	/* source name */
	const char		*origin;	/* path or URL, for messages */
	const char		*raw;		/* the bytes as read */
	size_t			 raw_len;
	const char		*text;		/* decompressed bytes */
	size_t			 text_len;
	enum digest_format	 format;
	day_t			 date;		/* digest date or DAY_NONE */
	int			 skip_bad;
	time_t			 now;
	const char		*etag;
	const char		*last_modified;
};

struct ingest_result {
	int64_t		 snapshot_id;
	int		 unchanged;	/* same bytes stored before */
	size_t		 entries;
	size_t		 new_papers;
	size_t		 days;
	size_t		 skipped;
	size_t		 snapshots;	/* rebuild: snapshots recounted */
	day_t		 first_day, last_day;
};

struct pipeline	*pipeline_new(struct store *, struct wordlist *);
void		 pipeline_free(struct pipeline *);
struct tokenizer *pipeline_tokenizer(struct pipeline *);
int		 pipeline_ingest(struct pipeline *,
		     const struct ingest_request *, struct ingest_result *,
		     char **);
void		 pipeline_set_topics(struct pipeline *, struct topics *);
int		 pipeline_rebuild(struct pipeline *, struct ingest_result *,
		     char **);

/* topic.c */
#define TOPIC_COMMON_OPTIONS \
	{ "db", required_argument, NULL, 'D' }, \
	{ "stopwords", required_argument, NULL, 'W' }, \
	{ "topics", required_argument, NULL, 'T' }, \
	{ "help", no_argument, NULL, 'h' }

int		 topic_common_option(int, const char *, const char *);
struct store	*topic_store(int);
struct wordlist	*topic_wordlist(void);
void		 topic_print(char *);
struct topics	*topic_topics(struct tokenizer *);
int		 topic_day_option(const char *, const char *, day_t *);

/* cmd_ingest.c, cmd_stats.c, cmd_series.c */
int	 cmd_ingest(int, char **);
int	 cmd_stats(int, char **);
int	 cmd_series(int, char **);

/* cmd_rising.c, cmd_topics.c, cmd_search.c, cmd_rebuild.c */
struct rising_query {
	day_t			 at;		/* DAY_NONE: last known day */
	int			 window;	/* days; 0: auto */
	int			 baseline;	/* days; 0: the default */
	int			 background;	/* days before the baseline */
	size_t			 limit;
	int			 kind;		/* 0 all, else enum term_kind */
	int			 all_topics;	/* every topic, rising or not */
	int			 steady;	/* steady risers instead */
	struct rising_params	 params;
};

void	 rising_query_defaults(struct rising_query *);
int	 rising_window_option(int, const char *, struct rising_query *);
int	 rising_command(const struct rising_query *,
	     char *(*)(const struct rising_report *));
int	 rising_run(struct store *, struct tokenizer *, struct topics *,
	     const struct rising_query *, struct rising_report *, char **);
int	 cmd_rising(int, char **);
int	 cmd_topics(int, char **);
int	 cmd_search(int, char **);
int	 cmd_rebuild(int, char **);

#endif
