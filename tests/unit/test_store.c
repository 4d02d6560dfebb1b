/* The store: migrations, refusals, idempotent ingest, phrase tracking. */
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "daemon/store/store_int.h"


/* The term q's id, and its display (the caller frees it). */
static char *
find(struct store *st, const char *q, int64_t *id)
{
	enum term_kind	 kind;
	char		*key, *display, *cause = NULL;

	key = tokenizer_query_key(tk, q, &kind, &cause);
	assert_non_null(key);
	assert_int_equal(store_term_find(st, key, id, &display, &cause), 0);
	free(key);
	return display;
}

/* The papers using q on day (all sources). */
static int64_t
count(struct store *st, struct pipeline *p, const char *q, const char *day)
{
	char		*cause = NULL;
	int64_t		 id, out;
	day_t		 d;

	(void)p;
	free(find(st, q, &id));
	day_parse(day, &d);
	assert_int_equal(store_term_days(st, &id, 1, &d, 1, &out, &cause), 0);
	return out;
}

/* The store on file db, opened or the test fails. */
static struct store *
open_store(const char *db)
{
	struct store	*st;
	char		*cause = NULL;

	st = store_open(db, 0, &cause);
	assert_non_null(st);
	return st;
}

/* A test's database in memory, with a pipeline on it. */
struct memdb {
	struct store	*st;
	struct pipeline	*p;
};

/* cmocka setup: an empty database in memory and a pipeline. */
static int
memdb_setup(void **state)
{
	struct memdb	*m = xcalloc(1, sizeof *m);
	char		*cause = NULL;

	if ((m->st = store_open(":memory:", 0, &cause)) == NULL)
		return -1;
	m->p = pipeline_new(m->st, stop);
	*state = m;
	return 0;
}

/* cmocka teardown of memdb_setup. */
static int
memdb_teardown(void **state)
{
	struct memdb	*m = *state;

	pipeline_free(m->p);
	store_close(m->st);
	free(m);
	return 0;
}

static void
a_new_database_is_migrated_to_the_latest_schema(void **state)
{
	struct store	*st;
	struct stats	 s;
	char		*cause = NULL;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	assert_non_null(st);
	assert_int_equal(store_stats(st, &s, &cause), 0);
	assert_int_equal(s.papers, 0);
	assert_int_equal(s.first_day, DAY_NONE);
	assert_true(store_schema_version() >= 1);
	store_close(st);
}

static void
a_newer_or_foreign_database_is_refused(void **state)
{
	char		 path[] = "/tmp/topicd-test-XXXXXX", db[64];
	struct store	*st;
	char		*cause = NULL;
	FILE		*f;

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(db, sizeof db, "%s/new.db", path);
	st = open_store(db);
	store_close(st);
	fixture_sql(db, "PRAGMA user_version = 999");
	assert_null(store_open(db, 0, &cause));
	assert_non_null(strstr(cause, "schema version 999 is newer"));
	free(cause);
	unlink(db);

	snprintf(db, sizeof db, "%s/other.db", path);
	fixture_sql(db, "CREATE TABLE t (x)");
	assert_null(store_open(db, 0, &cause));
	assert_non_null(strstr(cause, "not a topicd database"));
	free(cause);
	unlink(db);

	/* A topicd database cut short: unreadable, not "not topicd's". */
	snprintf(db, sizeof db, "%s/cut.db", path);
	st = open_store(db);
	store_close(st);
	assert_int_equal(truncate(db, 8192), 0);
	assert_null(store_open(db, STORE_READONLY, &cause));
	assert_non_null(strstr(cause, "cut.db: cannot read the database ("));
	free(cause);
	fixture_unlink_db(db);

	snprintf(db, sizeof db, "%s/text.db", path);
	f = fopen(db, "w");
	fputs("this is not a database at all, just some words in a file\n", f);
	fclose(f);
	assert_null(store_open(db, 0, &cause));
	assert_non_null(strstr(cause, "not a topicd database"));
	free(cause);
	unlink(db);

	snprintf(db, sizeof db, "%s/missing.db", path);
	assert_null(store_open(db, 1, &cause));
	assert_non_null(strstr(cause, "no such database"));
	free(cause);
	rmdir(path);
}

static void
ingesting_the_same_papers_again_changes_no_count(void **state)
{
	struct memdb		*m = *state;
	struct store		*st = m->st;
	struct pipeline		*p = m->p;
	struct ingest_result	 r;
	struct stats		 s;
	char			*cause = NULL;
	const char		*digest = "Mar 14\n\n" PAPER("Mamba for robots",
	    "Mamba controls robot arms.") PAPER("Diffusion for robots",
	    "Diffusion policies control robot arms.");

	r = ingest(p, "a", "2025-03-14", digest);
	assert_int_equal(r.new_papers, 2);
	assert_int_equal(count(st, p, "robot", "2025-03-14"), 2);
	r = ingest(p, "a", "2025-03-14", digest);
	assert_true(r.unchanged);
	/* Other bytes, same papers, a later day: exposure only. */
	r = ingest(p, "b", "2025-03-16", "Mar 16\n\n" PAPER("Mamba for robots",
	    "Mamba controls robot arms."));
	assert_false(r.unchanged);
	assert_int_equal(r.new_papers, 0);
	assert_int_equal(count(st, p, "robot", "2025-03-14"), 2);
	assert_int_equal(count(st, p, "robot", "2025-03-16"), 0);
	assert_int_equal(store_stats(st, &s, &cause), 0);
	assert_int_equal(s.papers, 2);
	assert_int_equal(s.days, 2);
	assert_int_equal(s.snapshots, 2);
	assert_int_equal(s.appearances, 3);
}

static void
a_phrase_is_tracked_from_its_second_paper_counting_the_first(void **state)
{
	struct memdb		*m = *state;
	struct store		*st = m->st;
	struct pipeline		*p = m->p;

	ingest(p, "a", "2025-03-01", "Mar 1\n\n" PAPER("Quantum widgets",
	    "Quantum widgets hum."));
	assert_int_equal(count(st, p, "quantum widgets", "2025-03-01"), 0);
	assert_int_equal(count(st, p, "quantum", "2025-03-01"), 1);
	ingest(p, "b", "2025-03-20", "Mar 20\n\n" PAPER("More quantum widgets",
	    "They hum louder."));
	assert_int_equal(count(st, p, "quantum widgets", "2025-03-01"), 1);
	assert_int_equal(count(st, p, "quantum widgets", "2025-03-20"), 1);
	/* Past the horizon a single paper is forgotten. */
	ingest(p, "a", "2025-03-02", "Mar 2\n\n" PAPER("Purple gadgets",
	    "Purple gadgets glow."));
	ingest(p, "a", "2025-06-01", "Jun 1\n\n" PAPER("Purple gadgets again",
	    "They glow."));
	assert_int_equal(count(st, p, "purple gadgets", "2025-03-02"), 0);
	assert_int_equal(count(st, p, "purple gadgets", "2025-06-01"), 0);
}

static void
a_paper_keeps_the_day_it_was_first_seen(void **state)
{
	struct memdb		*m = *state;
	struct store		*st = m->st;
	struct pipeline		*p = m->p;

	ingest(p, "a", "2025-03-01", "Mar 1\n\n" PAPER("Sparse autoencoders",
	    "Sparse autoencoders explain features."));
	ingest(p, "a", "2025-03-05", "Mar 5\n\n" PAPER("Sparse autoencoders",
	    "Sparse autoencoders explain features."));
	assert_int_equal(count(st, p, "autoencoders", "2025-03-01"), 1);
	assert_int_equal(count(st, p, "autoencoders", "2025-03-05"), 0);
}

/* Assert that the word q is displayed as want. */
static void
assert_display(struct store *st, const char *q, const char *want)
{
	int64_t	 id;
	char	*display = find(st, q, &id);

	assert_string_equal(display, want);
	free(display);
}

static void
a_word_shows_the_form_most_papers_of_one_snapshot_wrote(void **state)
{
	struct memdb		*m = *state;
	struct store		*st = m->st;
	struct pipeline		*p = m->p;

	assert_int_equal(ingest(p, "a", "2025-03-01", "Mar 1\n\n"
	    PAPER("Tuning with LoRA", "Adapters are cheap.")
	    PAPER("Merging LoRA adapters", "Adapters merge well.")).new_papers,
	    2);
	assert_display(st, "lora", "LoRA");
	/*
	 * Each snapshot is a transaction of its own, which finds the word by
	 * key: a form must beat the table's count, not the cache's.
	 */
	assert_int_equal(ingest(p, "a", "2025-03-02", "Mar 2\n\n"
	    PAPER("Distilling with Lora", "Adapters are small.")).new_papers, 1);
	assert_display(st, "lora", "LoRA");
	assert_int_equal(ingest(p, "a", "2025-03-03", "Mar 3\n\n"
	    PAPER("Pruning with Lora", "Adapters are pruned.")
	    PAPER("Sharing with Lora", "Adapters are shared.")
	    PAPER("Serving with LoRA", "Adapters are served.")).new_papers, 3);
	assert_display(st, "lora", "LoRA");
	assert_int_equal(ingest(p, "a", "2025-03-04", "Mar 4\n\n"
	    PAPER("Quantizing with Lora", "Adapters are quantized.")
	    PAPER("Scaling with Lora", "Adapters are scaled.")
	    PAPER("Routing with Lora", "Adapters are routed.")).new_papers, 3);
	assert_display(st, "lora", "Lora");
}

static void
pruning_takes_old_raw_bytes_only_and_a_rebuild_keeps_those_days(void **state)
{
	struct memdb		*m = *state;
	struct store		*st = m->st;
	struct pipeline		*p = m->p;
	struct prune_policy	 pp;
	struct prune_result	 r;
	struct ingest_result	 res;
	day_t			 last, *kept;
	size_t			 nkept;
	char			*cause = NULL;
	int			 more;

	ingest(p, "a", "2025-03-14", "Mar 14\n\n" PAPER("Mamba for robots",
	    "Mamba controls robot arms."));
	ingest(p, "a", "2025-03-16", "Mar 16\n\n" PAPER("Robots that fold",
	    "Robot hands fold laundry."));
	ingest(p, "a", "2025-03-18", "Mar 18\n\n" PAPER("Diffusion for robots",
	    "Diffusion policies control robot arms."));
	day_parse("2025-03-18", &last);
	memset(&pp, 0, sizeof pp);
	pp.now = (time_t)(last + 1) * 86400;
	pp.keep_raw = 86400;		/* days before 2025-03-18 */
	pp.batch = 1;
	memset(&r, 0, sizeof r);
	assert_int_equal(store_prune_batch(st, &pp, 1, &r, &more, &cause), 0);
	assert_int_equal(r.raw, 2);
	assert_false(more);
	memset(&r, 0, sizeof r);
	do
		assert_int_equal(store_prune_batch(st, &pp, 0, &r, &more,
		    &cause), 0);
	while (more);
	assert_int_equal(r.raw, 2);
	assert_int_equal(r.raw_last - r.raw_first, 2);
	/* Only the newest is left, even when it is old too. */
	pp.now += 30 * 86400;
	assert_int_equal(store_prune_batch(st, &pp, 0, &r, &more, &cause), 0);
	assert_int_equal(r.raw, 2);
	assert_int_equal(count(st, p, "robot", "2025-03-14"), 1);
	assert_int_equal(pipeline_rebuild_keeping(p, &res, &kept, &nkept,
	    &cause), 0);
	assert_int_equal(res.snapshots, 1);
	assert_int_equal(res.skipped, 2);
	assert_int_equal(nkept, 2);
	assert_int_equal(kept[1] - kept[0], 2);
	free(kept);
	assert_int_equal(count(st, p, "robot", "2025-03-14"), 1);
	assert_int_equal(count(st, p, "robot", "2025-03-16"), 1);
	assert_int_equal(count(st, p, "robot", "2025-03-18"), 1);
}

/* A test run on its own database in memory. */
/* How many of the store's statements are stepped and not reset. */
static int
busy_statements(struct store *st)
{
	sqlite3_stmt	*s = NULL;
	int		 n = 0;

	while ((s = sqlite3_next_stmt(st->db, s)) != NULL)
		n += sqlite3_stmt_busy(s) != 0;
	return n;
}

static void
no_read_is_left_open_to_hold_the_wal(void **state)
{
	struct memdb	*m = *state;
	struct store	*st = m->st;
	struct stats	 s;
	char		*cause = NULL, *display;
	int64_t		 a, b, c, id;
	day_t		 day;

	ingest(m->p, "a", "2025-03-14", "Mar 14\n\n" PAPER("Mamba for robots",
	    "Mamba controls robot arms."));
	assert_int_equal(busy_statements(st), 0);
	assert_int_equal(store_stats(st, &s, &cause), 0);
	assert_int_equal(store_last_day(st, &day, &cause), 0);
	assert_int_equal(store_max_term_id(st, &a, &cause), 0);
	assert_int_equal(store_totals(st, &a, &b, &day, &cause), 0);
	assert_int_equal(store_outbox_next(st, &a, &cause), 0);
	assert_int_equal(store_outbox_counts(st, &a, &b, &c, &cause), 0);
	assert_int_equal(store_search_behind(st, &a, &cause), 0);
	assert_int_equal(store_source(st, "a", NULL, 0, &id, &cause), 0);
	assert_int_equal(busy_statements(st), 0);
	/* Whatever a reader leaves, store_release ends it. */
	display = find(st, "robot", &id);
	free(display);
	store_release(st);
	assert_int_equal(busy_statements(st), 0);
}

/* The size of path's WAL file in bytes. */
static off_t
wal_size(const char *path)
{
	char		 wal[128];
	struct stat	 sb;

	snprintf(wal, sizeof wal, "%s-wal", path);
	assert_int_equal(stat(wal, &sb), 0);
	return sb.st_size;
}

static void
a_wal_grown_past_its_limit_is_cut_back_after_a_checkpoint(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64];
	struct store	*st;

	(void)state;
	fixture_db_path(dir, "w.db", db, sizeof db);
	st = open_store(db);
	/* One transaction of 40 MiB: the WAL holds all of it. */
	assert_int_equal(sqlite3_exec(st->db, "CREATE TABLE big (b); "
	    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
	    "WHERE x < 40) INSERT INTO big SELECT zeroblob(1 << 20) FROM c",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_true(wal_size(db) > STORE_WAL_LIMIT);
	/* Its commit checkpointed it; the next commit starts it over, cut. */
	assert_int_equal(sqlite3_exec(st->db, "INSERT INTO big VALUES (1)",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_true(wal_size(db) <= STORE_WAL_LIMIT);
	store_close(st);
	fixture_remove_db(dir, "w.db");
}

static void
the_term_cache_lasts_until_another_connection_commits(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64];
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL;
	int64_t		 id;
	size_t		 held;

	(void)state;
	fixture_db_path(dir, "c.db", db, sizeof db);
	st = open_store(db);
	p = pipeline_new(st, stop);
	ingest(p, "a", "2025-03-14", "Mar 14\n\n" PAPER("Mamba for robots",
	    "Mamba controls robot arms."));
	held = store_cache_count(st);
	assert_true(held > 0);
	/* This connection's own commits keep it. */
	ingest(p, "a", "2025-03-15", "Mar 15\n\n" PAPER("Robots again",
	    "Robot arms."));
	assert_true(store_cache_count(st) >= held);
	held = store_cache_count(st);
	/* A rollback keeps the terms it read, not a transaction's new ones. */
	assert_int_equal(store_begin(st, &cause), 0);
	store_rollback(st);
	assert_int_equal(store_cache_count(st), held);
	assert_int_equal(store_begin(st, &cause), 0);
	st->terms_added = 1;		/* as store_term_add marks it */
	store_rollback(st);
	assert_int_equal(store_cache_count(st), 0);
	ingest(p, "a", "2025-03-15", "Mar 15\n\n" PAPER("Mamba for arms",
	    "Mamba moves robot arms."));
	assert_true(store_cache_count(st) > 0);	/* it holds mamba again */
	/*
	 * Another connection renumbers the terms (as topic rebuild may):
	 * the next snapshot must count "mamba" under its new id, not the
	 * one this connection remembers.
	 */
	fixture_sql(db, "UPDATE term SET id = id + 1000");
	ingest(p, "a", "2025-03-16", "Mar 16\n\n" PAPER("Mamba returns",
	    "Mamba for long sequences."));
	free(find(st, "mamba", &id));
	assert_true(id > 1000);
	assert_int_equal(count(st, p, "mamba", "2025-03-16"), 1);
	assert_int_equal(count(st, p, "mamba", "2025-03-14"), 0);
	pipeline_free(p);
	store_close(st);
	fixture_remove_db(dir, "c.db");
}

/* How many rows the term table of st holds. */
static size_t
term_rows(struct store *st)
{
	sqlite3_stmt	*s;
	size_t		 n;

	assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT count(*) FROM term",
	    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
a_store_keeping_terms_reads_them_all_at_once(void **state)
{
	char		 dir[] = "/tmp/topicd-test-XXXXXX", db[64];
	struct store	*st;
	struct pipeline	*p;
	char		 text[4096];
	size_t		 len, i;
	int		 keep;

	(void)state;
	fixture_db_path(dir, "k.db", db, sizeof db);
	st = open_store(db);
	p = pipeline_new(st, stop);
	/* Four hundred words of its own in the table ("qab", "qac", ...). */
	len = (size_t)snprintf(text, sizeof text, "Mar 14\n\nMany words\n\n");
	for (i = 0; i < 400; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
		    "q%c%c ", 'a' + (int)(i / 26) % 26, 'a' + (int)(i % 26));
	snprintf(text + len, sizeof text - len, "end.\n\n");
	ingest(p, "a", "2025-03-14", text);
	assert_true(term_rows(st) > 300);
	pipeline_free(p);
	store_close(st);
	/*
	 * A restarted daemon's connection, one small day: its few terms
	 * are looked up one by one without store_keep_terms (the cache
	 * holds those), and with it the whole table is read in once.
	 */
	for (keep = 0; keep <= 1; keep++) {
		st = open_store(db);
		if (keep)
			store_keep_terms(st);
		p = pipeline_new(st, stop);
		ingest(p, "a", keep ? "2025-03-16" : "2025-03-15", keep ?
		    "Mar 16\n\n" PAPER("Robot hands", "Robot hands grasp.") :
		    "Mar 15\n\n" PAPER("Robot arms", "Robot arms grasp."));
		if (keep)
			assert_int_equal(store_cache_count(st), term_rows(st));
		else
			assert_true(store_cache_count(st) < term_rows(st) / 2);
		pipeline_free(p);
		store_close(st);
	}
	fixture_remove_db(dir, "k.db");
}

#define memdb_test(f)	cmocka_unit_test_setup_teardown(f, memdb_setup, \
			    memdb_teardown)

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(a_new_database_is_migrated_to_the_latest_schema),
    cmocka_unit_test(a_newer_or_foreign_database_is_refused),
    cmocka_unit_test(a_wal_grown_past_its_limit_is_cut_back_after_a_checkpoint),
    cmocka_unit_test(the_term_cache_lasts_until_another_connection_commits),
    cmocka_unit_test(a_store_keeping_terms_reads_them_all_at_once),
    memdb_test(ingesting_the_same_papers_again_changes_no_count),
    memdb_test(no_read_is_left_open_to_hold_the_wal),
    memdb_test(a_phrase_is_tracked_from_its_second_paper_counting_the_first),
    memdb_test(a_paper_keeps_the_day_it_was_first_seen),
    memdb_test(a_word_shows_the_form_most_papers_of_one_snapshot_wrote),
    memdb_test(pruning_takes_old_raw_bytes_only_and_a_rebuild_keeps_those_days))
