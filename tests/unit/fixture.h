/*
 * Fixtures of the store tests: text digests built from paper blocks, and
 * ingesting one through the pipeline as a snapshot of a day.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <sqlite3.h>
#include <unistd.h>

#include "unit.h"
#include "daemon/ingest/ingest.h"

/* A paper block of a text digest. */
#define PAPER(t, a)	t "\n\n" a " This sentence pads the abstract so that it " \
			"is long enough to be one.\n\n"

/* A request to ingest text (borrowed) in format f from source, no date. */
static inline void
fixture_request(struct ingest_request *rq, const char *source,
    const char *text, enum digest_format f)
{
	memset(rq, 0, sizeof *rq);
	rq->source = source;
	rq->origin = f == FORMAT_JSONL ? "t.jsonl" : "test.txt";
	rq->raw = rq->text = text;
	rq->raw_len = rq->text_len = strlen(text);
	rq->format = f;
	rq->date = DAY_NONE;
}

/* A new folder dir (a "/tmp/topicd-test-XXXXXX" template) and in db the
 * path of a database name in it. */
static inline void
fixture_db_path(char *dir, const char *name, char *db, size_t size)
{
	assert_non_null(mkdtemp(dir));
	snprintf(db, size, "%s/%s", dir, name);
}

/* Remove the test database db and its WAL files. */
static inline void
fixture_unlink_db(const char *db)
{
	static const char *const ends[] = { "", "-wal", "-shm" };
	char		 path[128];
	size_t		 i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", db, ends[i]);
		unlink(path);
	}
}

/* Remove the test database name and its WAL files, then its folder dir. */
static inline void
fixture_remove_db(const char *dir, const char *name)
{
	char	 db[96];

	snprintf(db, sizeof db, "%s/%s", dir, name);
	fixture_unlink_db(db);
	rmdir(dir);
}

/* Run sql on the database file db behind the store's back; it must work. */
static inline void
fixture_sql(const char *db, const char *sql)
{
	sqlite3	*raw;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	if (sqlite3_exec(raw, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", db, err);
	sqlite3_close(raw);
}

/* Ingest text as a text digest of source on day; returns the result. */
static inline struct ingest_result
ingest(struct pipeline *p, const char *source, const char *day,
    const char *text)
{
	struct ingest_request	 rq;
	struct ingest_result	 res;
	char			*cause = NULL;

	fixture_request(&rq, source, text, FORMAT_TEXT);
	day_parse(day, &rq.date);
	rq.now = 1700000000;
	if (pipeline_ingest(p, &rq, &res, &cause) != 0)
		fail_msg("ingest: %s", cause);
	return res;
}

#endif
