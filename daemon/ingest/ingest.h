/*
 * daemon/ingest: the one pipeline both programs run: a digest's bytes
 * parsed, counted and stored as a snapshot, large files streamed on two
 * threads, counts rebuilt from stored bytes, alerts evaluated after.
 */
#ifndef TOPIC_INGEST_H
#define TOPIC_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "daemon/net/net.h"
#include "daemon/query/query.h"

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
	const char		*content_type;	/* HTTP, or NULL */
	const char		*base_url;	/* for relative links */
	const char		*item_xpath;	/* HTML selectors, or NULL */
	const char		*title_xpath;
	const char		*abstract_xpath;
	const char		*link_xpath;
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
	size_t		 updates;	/* new versions of old papers */
};

struct pipeline	*pipeline_new(struct store *, struct wordlist *);
void		 pipeline_free(struct pipeline *);
int		 pipeline_ingest(struct pipeline *,
		     const struct ingest_request *, struct ingest_result *,
		     char **);
int		 pipeline_ingest_file(struct pipeline *,
		     const struct ingest_request *, struct file_stream *,
		     struct ingest_result *, char **);
int		 pipeline_alerts(struct pipeline *, const struct config *,
		     const struct ingest_result *, time_t, size_t *, char **);
void		 pipeline_set_progress(struct pipeline *, struct progress *);
int		 pipeline_set_topics(struct pipeline *, const char *, size_t,
		     const char *, char **);
struct topics	*pipeline_topics(struct pipeline *, struct tokenizer *,
		     char **);
int		 pipeline_rebuild(struct pipeline *, struct ingest_result *,
		     char **);
int		 pipeline_rebuild_keeping(struct pipeline *,
		     struct ingest_result *, day_t **, size_t *, char **);

/* pipeline_tally.c */

/* Counts of papers in parts: every day in exactly one part's tally. */
struct pipeline_counts {
	struct tally		**parts;	/* part k counts with tokenizers[k] */
	struct tokenizer	**tokenizers;
	struct topics		**topics;
	size_t			  n;
	size_t			  papers;	/* papers counted */
};

int		 pipeline_count_threads(struct pipeline *,
		     const struct entry *, size_t, int,
		     struct pipeline_counts *, char **);
void		 pipeline_counts_free(struct pipeline_counts *);

/* pipeline_source.c */
int		 pipeline_ingest_fetched(struct pipeline *,
		     const struct source_conf *, const struct fetch_response *,
		     day_t, time_t, struct ingest_result *, char **);

#endif
