/*
 * The ingest room's insides: the pipeline's parts shared by pipeline.c (snapshots held whole) and
 * pipeline_stream.c (large files read in pieces, on two threads).
 */
#ifndef TOPIC_INGEST_INT_H
#define TOPIC_INGEST_INT_H

#include "daemon/ingest/ingest.h"

/*
 * A tokenizer interns every phrase it meets: past this many terms the
 * next day starts a fresh one (and stems its words again), so memory
 * stays bounded however long the snapshot.
 */
#define PIPELINE_VOCABULARY_MAX	(1U << 13)

#define PIPELINE_MAX_TEXT	(1024UL << 20)	/* a snapshot, decompressed */

struct pipeline {
	struct store		*store;
	struct wordlist		*wl;
	struct alerter		*alerts;
	char			*topics;	/* a topics file's text, or NULL */
	size_t			 topics_len;	/* NULL: the shipped topics */
	char			*topics_name;
	int			 horizon;
	struct progress		*progress;	/* of long work, or NULL */
};

/* A snapshot being stored: where it goes and what it brought so far. */
struct pipeline_snapshot {
	int64_t			 source;
	int64_t			 snapshot;
	struct ingest_result	*res;
	struct u64map		*days;		/* the known days seen */
};

/* A tokenizer with its topics and a tally: the vocabulary of some days. */
struct pipeline_vocab {
	struct tokenizer	*tk;
	struct topics		*topics;
	struct tally		*ta;
};

void	 pipeline_options(const struct ingest_request *,
	     struct digest_options *);
void	 pipeline_warn(const struct ingest_request *, const struct digest *);
int	 pipeline_begin(struct pipeline *, const struct ingest_request *,
	     struct snapshot_info *, const char *, int64_t *,
	     struct ingest_result *, char **);
void	 pipeline_snapshot_init(struct pipeline_snapshot *, int64_t, int64_t,
	     struct ingest_result *);
void	 pipeline_snapshot_free(struct pipeline_snapshot *);
int	 pipeline_papers(struct pipeline *, const struct pipeline_snapshot *,
	     const struct entry *, size_t, uint8_t *, char **);
int	 pipeline_vocab_next(struct pipeline *, struct pipeline_vocab *,
	     char **);
void	 pipeline_vocab_count(struct pipeline_vocab *, day_t,
	     const struct entry *, size_t, const uint8_t *);
void	 pipeline_vocab_free(struct pipeline_vocab *);
int	 pipeline_put_day(struct pipeline *, struct pipeline_snapshot *,
	     struct pipeline_vocab *, day_t, char **);
int	 pipeline_count_end(struct pipeline *, struct pipeline_snapshot *,
	     struct pipeline_vocab *, day_t, size_t, char **);
size_t	 pipeline_run(const struct entry *, size_t);

#endif
