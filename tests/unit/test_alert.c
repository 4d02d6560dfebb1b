/*
 * Alert evaluation on a store (daemon/alert.c) and the notifications it
 * renders (reports/alert.c): a planted spike fires once and resolves
 * once, unknown days change nothing, topic: watches match topic rows.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <unistd.h>

#include "fixture.h"
#include "daemon/store/store_int.h"

static char	 dir[] = "/tmp/topicd-alert-XXXXXX";
static struct wordlist *stop;

/* A configuration from text (file:line errors fail the test). */
static struct config *
conf(const char *text)
{
	struct config	*c;
	char		 path[256], **errors;
	size_t		 n;
	FILE		*f;

	snprintf(path, sizeof path, "%s/t.conf", dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	if ((c = config_load(path, &errors, &n)) == NULL)
		fail_msg("%s", errors[0]);
	return c;
}

/*
 * Ingest day 2025-03-DAY: 20 papers, planted of them using "zorblax";
 * then judge the alert rules. Returns the state changes.
 */
static size_t
day(struct pipeline *p, const struct config *c, int d, int planted)
{
	struct ingest_request	 rq;
	struct ingest_result	 res;
	char			*text = xstrdup(""), *prev, *cause = NULL;
	size_t			 changes;
	int			 i;

	for (i = 0; i < 20; i++) {
		prev = text;
		xasprintf(&text, "%s{\"date\":\"2025-03-%02d\",\"title\":"
		    "\"Paper %d of day %d on robots\",\"abstract\":\"Robots "
		    "learn to grasp%s.\"}\n", prev, d, i, d, i < planted ?
		    " with the zorblax engine" : "");
		free(prev);
	}
	fixture_request(&rq, "s", text, FORMAT_JSONL);
	rq.now = 1741000000 + d * 86400;
	if (pipeline_ingest(p, &rq, &res, &cause) != 0 ||
	    pipeline_alerts(p, c, &res, rq.now, &changes, &cause) != 0)
		fail_msg("%s", cause);
	free(text);
	return changes;
}

/* The history's events for item, oldest first, joined by spaces. */
static char *
events(struct store *st, const char *item)
{
	struct alert_hist	*h;
	size_t			 n, i;
	char			*out = xstrdup(""), *prev, *cause = NULL;

	assert_int_equal(store_alert_history(st, 1000, &h, &n, &cause), 0);
	for (i = n; i-- > 0;) {
		if (strcmp(h[i].item, item) == 0) {
			prev = out;
			xasprintf(&out, "%s%s%s", prev, *prev ? " " : "",
			    h[i].event);
			free(prev);
		}
	}
	for (i = 0; i < n; i++)
		alert_hist_clear(&h[i]);
	free(h);
	return out;
}

#define RULE \
	"[alert plant]\n" \
	"watch = term:zorblax term:robots\n" \
	"file = /dev/null\n" \
	"mail = ops@example.org\n" \
	"smtp = smtp://127.0.0.1:1\n"

static void
a_planted_spike_fires_once_and_resolves_once(void **state)
{
	struct config	*c = conf(RULE);
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL, *e;
	int64_t		 pending, failed, sent;
	int		 d;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	for (d = 1; d <= 10; d++)
		assert_int_equal(day(p, c, d, 0), 0);
	assert_int_equal(day(p, c, 11, 6), 1);		/* pending */
	assert_int_equal(day(p, c, 12, 6), 1);		/* firing */
	assert_int_equal(day(p, c, 13, 7), 0);		/* still firing */
	assert_int_equal(day(p, c, 14, 0), 0);
	assert_int_equal(day(p, c, 15, 0), 1);		/* resolved */
	for (d = 16; d <= 20; d++)
		assert_int_equal(day(p, c, d, 0), 0);
	e = events(st, "term:zorblax");
	assert_string_equal(e, "pending firing resolved");
	free(e);
	e = events(st, "term:robots");
	assert_string_equal(e, "");
	free(e);
	/* file and mail for the firing, file only for the resolved. */
	assert_int_equal(store_outbox_counts(st, &pending, &failed, &sent,
	    &cause), 0);
	assert_int_equal(pending, 3);
	pipeline_free(p);
	store_close(st);
	config_free(c);
}

static void
an_unknown_day_neither_fires_nor_resolves(void **state)
{
	struct config	*c = conf(RULE);
	struct store	*st;
	struct pipeline	*p;
	struct alert_row row;
	struct alerter	*al;
	char		*cause = NULL, *e;
	size_t		 changes;
	day_t		 gap;
	int		 d, found;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	for (d = 1; d <= 10; d++)
		day(p, c, d, 0);
	day(p, c, 11, 6);
	day(p, c, 12, 6);
	/* The 13th and 14th are never fetched: nothing happens. */
	day_parse("2025-03-13", &gap);
	al = alerter_new();
	assert_int_equal(alert_evaluate(al, st, stop, c, gap, 1, &changes,
	    &cause), 0);
	alerter_free(al);
	assert_int_equal(changes, 0);
	assert_int_equal(store_alert_get(st, "plant", "term:zorblax", &row,
	    &found, &cause), 0);
	assert_int_equal(row.st.status, ALERT_FIRING);
	assert_int_equal(row.st.calm, 0);
	/* One calm day after the gap is one, not three. */
	assert_int_equal(day(p, c, 15, 0), 0);
	assert_int_equal(day(p, c, 16, 0), 1);
	e = events(st, "term:zorblax");
	assert_string_equal(e, "pending firing resolved");
	free(e);
	pipeline_free(p);
	store_close(st);
	config_free(c);
}

/* Add topic:Zorbology's papers to each day's packed counts by hand. */
static void
plant_topic(struct store *st, int first, int last, uint32_t df)
{
	sqlite3_stmt	*s;
	unsigned char	 pair[8];
	uint32_t	 id;
	day_t		 d;
	char		 date[11];
	int		 i, k;

	sqlite3_exec(st->db, "INSERT OR IGNORE INTO term (key, kind, display) "
	    "VALUES ('topic:Zorbology', 3, 'Zorbology')", NULL, NULL, NULL);
	sqlite3_prepare_v2(st->db, "SELECT id FROM term WHERE key = "
	    "'topic:Zorbology'", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	id = (uint32_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	for (k = 0; k < 4; k++)
		pair[k] = (unsigned char)(id >> (8 * k));
	for (k = 0; k < 4; k++)
		pair[4 + k] = (unsigned char)(df >> (8 * k));
	for (i = first; i <= last; i++) {
		snprintf(date, sizeof date, "2025-03-%02d", i);
		day_parse(date, &d);
		sqlite3_prepare_v2(st->db, "UPDATE day_count SET counts = "
		    "counts || ? WHERE day = ?", -1, &s, NULL);
		sqlite3_bind_blob(s, 1, pair, 8, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, d);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
	}
}

static void
a_topic_watch_follows_every_topic_its_glob_matches(void **state)
{
	struct config	*c = conf("[alert topics]\n"
	    "watch = topic:Zorb* topic:Nothing*\n"
	    "for = 1\n");
	struct store	*st;
	struct pipeline	*p;
	char		*cause = NULL, *e;
	int		 d;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	p = pipeline_new(st, stop);
	for (d = 1; d <= 9; d++)
		day(p, c, d, 0);
	plant_topic(st, 1, 9, 1);
	day(p, c, 10, 0);
	plant_topic(st, 10, 10, 1);
	day(p, c, 11, 0);
	plant_topic(st, 11, 11, 9);
	/* Day 11 is judged again by a second snapshot of it. */
	{
		struct ingest_result	 res;
		size_t			 changes;

		memset(&res, 0, sizeof res);
		day_parse("2025-03-11", &res.last_day);
		assert_int_equal(pipeline_alerts(p, c, &res, 1, &changes,
		    &cause), 0);
		assert_int_equal(changes, 1);
	}
	e = events(st, "topic:Zorbology");
	assert_string_equal(e, "firing");
	free(e);
	pipeline_free(p);
	store_close(st);
	config_free(c);
}

static void
a_notification_lists_at_most_max_items_and_counts_the_rest(void **state)
{
	struct alert_note	 notes[25];
	struct notification	 nf;
	json_t			*j, *a;
	char			*s, items[25][16];
	size_t			 i;

	(void)state;
	memset(notes, 0, sizeof notes);
	for (i = 0; i < 25; i++) {
		snprintf(items[i], sizeof items[i], "term:t%zu", i);
		notes[i].item = items[i];
		notes[i].event = i == 0 ? ALERT_EV_RESOLVED : ALERT_EV_FIRING;
		notes[i].started = 1741910400;
		notes[i].ended = i == 0 ? 1742000000 : 0;
		notes[i].day = 20161;
		notes[i].count = 9;
		notes[i].papers = 40;
		notes[i].expected = 0.5;
		notes[i].p = 1e-9;
	}
	memset(&nf, 0, sizeof nf);
	nf.rule = "r";
	nf.notes = notes;
	nf.n = 25;
	nf.max_items = 20;
	s = alert_json(&nf);
	j = json_loads(s, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "version")),
	    "4");
	assert_string_equal(json_string_value(json_object_get(j, "status")),
	    "firing");
	assert_string_equal(json_string_value(json_object_get(j,
	    "groupKey")), "{}:{alertname=\"r\"}");
	assert_int_equal(json_integer_value(json_object_get(j,
	    "truncatedAlerts")), 5);
	a = json_object_get(j, "alerts");
	assert_int_equal(json_array_size(a), 20);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(a, 0), "status")), "resolved");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(a, 0), "startsAt")), "2025-03-14T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(a, 1), "endsAt")), "0001-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_array_get(a, 1), "labels"), "item")), "term:t1");
	assert_int_equal(strlen(json_string_value(json_object_get(
	    json_array_get(a, 1), "fingerprint"))), 16);
	json_decref(j);
	free(s);
	s = alert_text(&nf);
	assert_non_null(strstr(s, "r: 24 firing, 1 resolved\n"));
	assert_non_null(strstr(s, "\n+5 more\n"));
	free(s);
	s = alert_mail("[topicd] r: 1 firing, 0 resolved", "a\nb\n",
	    "topicd@localhost", "x@y.org, z@y.org", "Fri, 14 Mar 2025 "
	    "00:00:00 +0000");
	assert_non_null(strstr(s, "To: x@y.org, z@y.org\r\n"));
	assert_non_null(strstr(s, "\r\n\r\na\r\nb\r\n"));
	free(s);
}

static int
setup(void **state)
{
	(void)state;
	stop = wordlist_default();
	return mkdtemp(dir) == NULL;
}

static int
teardown(void **state)
{
	char	 path[256];

	(void)state;
	wordlist_free(stop);
	snprintf(path, sizeof path, "%s/t.conf", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

UNIT_MAIN(setup, teardown,
    cmocka_unit_test(a_planted_spike_fires_once_and_resolves_once),
    cmocka_unit_test(an_unknown_day_neither_fires_nor_resolves),
    cmocka_unit_test(a_topic_watch_follows_every_topic_its_glob_matches),
    cmocka_unit_test(a_notification_lists_at_most_max_items_and_counts_the_rest))
