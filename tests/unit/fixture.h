/*
 * Fixtures of the store tests: text digests built from paper blocks, and
 * ingesting one through the pipeline as a snapshot of a day.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include "unit.h"
#include "daemon/ingest/ingest.h"

/* A paper block of a text digest. */
#define PAPER(t, a)	t "\n\n" a " This sentence pads the abstract so that it " \
			"is long enough to be one.\n\n"

/* Ingest text as a text digest of source on day; returns the result. */
static inline struct ingest_result
ingest(struct pipeline *p, const char *source, const char *day,
    const char *text)
{
	struct ingest_request	 rq;
	struct ingest_result	 res;
	char			*cause = NULL;

	memset(&rq, 0, sizeof rq);
	rq.source = source;
	rq.origin = "test.txt";
	rq.raw = rq.text = text;
	rq.raw_len = rq.text_len = strlen(text);
	rq.format = FORMAT_TEXT;
	day_parse(day, &rq.date);
	rq.now = 1700000000;
	if (pipeline_ingest(p, &rq, &res, &cause) != 0)
		fail_msg("ingest: %s", cause);
	return res;
}

#endif
