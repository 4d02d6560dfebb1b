/* The store's reads for rising, search (FTS5, schema 2), topic counts and
 * topic rebuild. */
#include <sqlite3.h>
#include <unistd.h>

#include "analysis/base/base.h"
#include "fixture.h"

static const char day1[] = "Mar 14\n\n"
    PAPER("Mamba for robots", "Mamba controls robot arms with an agent.")
    PAPER("Gaussian splatting of streets",
    "We render streets by 3D Gaussian splatting.");
static const char day2[] = "Mar 15\n\n"
    PAPER("Agents that plan", "Language agents plan with retrieval.")
    PAPER("Splatting avatars", "Gaussian splatting for avatars, by agents.");

/* The papers of the term with key on day. */
static int64_t
papers(struct store *st, const char *key, const char *day)
{
	char	*display, *cause = NULL;
	int64_t	 id, out;
	day_t	 d;

	assert_int_equal(store_term_find(st, key, &id, &display, &cause), 0);
	free(display);
	day_parse(day, &d);
	assert_int_equal(store_term_days(st, &id, 1, &d, 1, &out, &cause), 0);
	return out;
}

/* The titles a search finds, joined by "|". */
static char *
search(struct store *st, const char *q, const char *from, const char *to)
{
	struct paper_row	*rows;
	size_t			 n, i;
	day_t			 f, t;
	char			*out = xstrdup(""), *prev, *cause = NULL;

	day_parse(from, &f);
	day_parse(to, &t);
	if (store_search(st, q, f, t, 10, &rows, &n, &cause) != 0)
		fail_msg("search: %s", cause);
	for (i = 0; i < n; i++) {
		prev = out;
		xasprintf(&out, "%s%s%s", prev, i ? "|" : "", rows[i].title);
		free(prev);
	}
	paper_rows_free(rows, n);
	return out;
}

static void
search_finds_stemmed_words_within_the_dates(void **state)
{
	struct store		*st;
	struct pipeline		*p;
	struct paper_row	*rows;
	size_t			 n;
	char			*cause = NULL, *s;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", day1);
	ingest(p, "a", "2025-03-15", day2);
	s = search(st, "robot", "2025-01-01", "2025-12-31");
	assert_string_equal(s, "Mamba for robots");
	free(s);
	s = search(st, "\"gaussian splatting\"", "2025-03-15", "2025-03-15");
	assert_string_equal(s, "Splatting avatars");
	free(s);
	assert_int_equal(store_search(st, "AND OR", 0, 99999, 10, &rows, &n,
	    &cause), -1);
	assert_non_null(strstr(cause, "search \"AND OR\": fts5: syntax error"));
	free(cause);
	pipeline_free(p);
	store_close(st);
}

/*
 * With FTS5's merge at commit off (schema 9), each snapshot leaves a
 * segment; store_search_merge merges them in steps (FTS5 merges a level
 * of at least 4) until it says there is nothing more, and search finds
 * the same papers before and after.
 */
static void
merging_the_index_in_steps_ends_and_keeps_every_answer(void **state)
{
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL, *before, *after, *text, day[11];
	int		 more = 1, steps = 0, i;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	for (i = 0; i < 6; i++) {
		snprintf(day, sizeof day, "2025-03-%02d", 10 + i);
		xasprintf(&text, "Mar %d\n\nAgents number %d\n\nLanguage "
		    "agents plan with retrieval, paper %d. This sentence pads "
		    "the abstract so that it is long enough to be one.\n\n",
		    10 + i, i, i);
		ingest(p, "a", day, text);
		free(text);
	}
	before = search(st, "retrieval", "2025-01-01", "2025-12-31");
	assert_int_equal(strlen(before), 6 * strlen("Agents number 0") + 5);
	while (more) {
		assert_int_equal(store_search_merge(st, 1, &more, &cause), 0);
		assert_true(++steps < 100);
	}
	assert_true(steps >= 2);	/* six segments: a merge did work */
	assert_int_equal(store_search_merge(st, 64, &more, &cause), 0);
	assert_int_equal(more, 0);
	after = search(st, "retrieval", "2025-01-01", "2025-12-31");
	assert_string_equal(after, before);
	free(before);
	free(after);
	pipeline_free(p);
	store_close(st);
}

static void
papers_stored_before_the_search_migration_are_indexed_by_it(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64], *sql;
	struct store	*st;
	char		*cause = NULL, *s;

	(void)state;
	fixture_db_path(dir, "v1.db", db, sizeof db);
	xasprintf(&sql, "%s\nPRAGMA user_version = 1;\n"
	    "PRAGMA application_id = %d;\n"
	    "INSERT INTO source VALUES (1, 'a', NULL, 0);\n"
	    "INSERT INTO snapshot VALUES (1, 1, 0, 20161, 'h', 'text', NULL, "
	    "NULL, NULL, 1, 1);\n"
	    "INSERT INTO paper VALUES (1, 'k', 20161, 1, 1, 'Old splats', "
	    "'Stored under schema one.', NULL);\n",
	    embedded_migrations[0].sql, 0x746f7069);
	fixture_sql(db, sql);
	free(sql);
	st = store_open(db, 0, &cause);
	assert_non_null(st);
	s = search(st, "schema", "2025-01-01", "2025-12-31");
	assert_string_equal(s, "Old splats");
	free(s);
	store_close(st);
	fixture_remove_db(dir, "v1.db");
}

/* How many papers the index lacks. */
static int64_t
unindexed(struct store *st)
{
	char	*cause = NULL;
	int64_t	 n;

	if (store_search_behind(st, &n, &cause) != 0)
		fail_msg("behind: %s", cause);
	return n;
}

static void
a_deferred_index_lags_and_catches_up_in_steps_and_after_a_crash(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64], *s;
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL;
	int64_t		 left;

	(void)state;
	fixture_db_path(dir, "t.db", db, sizeof db);
	st = store_open(db, 0, &cause);
	store_search_defer(st, 1);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", day1);
	ingest(p, "a", "2025-03-15", day2);
	s = search(st, "splatting", "2025-01-01", "2025-12-31");
	assert_string_equal(s, "");	/* counted, not yet searchable */
	free(s);
	assert_int_equal(unindexed(st), 4);
	assert_int_equal(store_search_catch_up(st, 3, &left, &cause), 0);
	assert_int_equal(left, 1);
	assert_int_equal(unindexed(st), 1);
	s = search(st, "\"gaussian splatting\"", "2025-03-14", "2025-03-14");
	assert_string_equal(s, "Gaussian splatting of streets");
	free(s);
	pipeline_free(p);
	store_close(st);	/* a crash before the last paper is indexed */
	st = store_open(db, 0, &cause);
	assert_int_equal(unindexed(st), 1);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-16", "Mar 16\n\n" PAPER("Robots that splat",
	    "Splatting for robots."));
	assert_int_equal(unindexed(st), 0);	/* the commit caught up */
	s = search(st, "\"gaussian splatting\"", "2025-03-15", "2025-03-15");
	assert_string_equal(s, "Splatting avatars");
	free(s);
	s = search(st, "robots", "2025-03-16", "2025-03-16");
	assert_string_equal(s, "Robots that splat");
	free(s);
	assert_int_equal(store_search_catch_up(st, 0, &left, &cause), 0);
	assert_int_equal(left, 0);
	pipeline_free(p);
	store_close(st);
	fixture_remove_db(dir, "t.db");
}

static void
deleting_the_newest_indexed_paper_never_hides_the_next_one(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64], *s;
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL;

	(void)state;
	fixture_db_path(dir, "t.db", db, sizeof db);
	st = store_open(db, 0, &cause);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", day1);
	pipeline_free(p);
	store_close(st);
	fixture_sql(db, "DELETE FROM appearance WHERE paper_id = 2; "
	    "DELETE FROM paper WHERE id = 2;");
	st = store_open(db, 0, &cause);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-15", "Mar 15\n\n" PAPER("Robots that splat",
	    "Splatting for robots."));	/* SQLite gives it id 2 again */
	assert_int_equal(unindexed(st), 0);
	s = search(st, "splatting", "2025-01-01", "2025-12-31");
	assert_string_equal(s, "Robots that splat");
	free(s);
	pipeline_free(p);
	store_close(st);
	fixture_sql(db, "INSERT INTO paper_fts (paper_fts, rank) "
	    "VALUES ('integrity-check', 1)");
	fixture_remove_db(dir, "t.db");
}

static void
topics_count_once_per_paper_per_day_and_rebuild_recounts_them(void **state)
{
	struct store		*st;
	struct pipeline		*p;
	struct ingest_result	 r;
	char			*cause = NULL;
	const char		*file = "Agents: agent, agentic\n"
	    "Splatting: Gaussian splatting\n";

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", day1);
	ingest(p, "a", "2025-03-15", day2);
	/* The shipped topics are counted from the start. */
	assert_int_equal(papers(st, "topic:Agents", "2025-03-15"), 2);
	assert_int_equal(papers(st, "mamba", "2025-03-14"), 1);
	assert_int_equal(pipeline_set_topics(p, file, strlen(file), "t",
	    &cause), 0);
	/* A broken topics file is refused with its line, and not kept. */
	assert_int_equal(pipeline_set_topics(p, "no colon here\n", 14, "bad",
	    &cause), -1);
	assert_non_null(strstr(cause, "bad:1:"));
	free(cause);
	assert_int_equal(pipeline_rebuild(p, &r, &cause), 0);
	assert_int_equal(r.new_papers, 4);
	assert_int_equal(papers(st, "topic:Agents", "2025-03-14"), 1);
	assert_int_equal(papers(st, "topic:Agents", "2025-03-15"), 2);
	assert_int_equal(papers(st, "topic:Splatting", "2025-03-14"), 1);
	assert_int_equal(papers(st, "topic:Splatting", "2025-03-15"), 1);
	assert_int_equal(papers(st, "mamba", "2025-03-14"), 1);
	pipeline_free(p);
	store_close(st);
}

static void
window_sums_add_days_and_note_the_busiest(void **state)
{
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL, *display;
	int64_t		 id, max;
	uint32_t	*df;
	uint16_t	*days, *peak;
	day_t		 from, to;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", day1);
	ingest(p, "a", "2025-03-15", day2);
	assert_int_equal(store_max_term_id(st, &max, &cause), 0);
	df = xcalloc((size_t)max + 1, sizeof *df);
	days = xcalloc((size_t)max + 1, sizeof *days);
	peak = xcalloc((size_t)max + 1, sizeof *peak);
	day_parse("2025-03-14", &from);
	day_parse("2025-03-15", &to);
	assert_int_equal(store_range_df(st, from, to, df, days, peak,
	    (size_t)max + 1, &cause), 0);
	assert_int_equal(store_term_find(st, "agent", &id, &display, &cause),
	    0);
	free(display);
	assert_int_equal(df[id], 3);
	assert_int_equal(days[id], 2);
	assert_int_equal(peak[id], 2);
	free(df);
	free(days);
	free(peak);
	pipeline_free(p);
	store_close(st);
}

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(search_finds_stemmed_words_within_the_dates),
    cmocka_unit_test(merging_the_index_in_steps_ends_and_keeps_every_answer),
    cmocka_unit_test(
        papers_stored_before_the_search_migration_are_indexed_by_it),
    cmocka_unit_test(
        a_deferred_index_lags_and_catches_up_in_steps_and_after_a_crash),
    cmocka_unit_test(
        deleting_the_newest_indexed_paper_never_hides_the_next_one),
    cmocka_unit_test(
        topics_count_once_per_paper_per_day_and_rebuild_recounts_them),
    cmocka_unit_test(window_sums_add_days_and_note_the_busiest))
