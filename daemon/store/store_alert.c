/*
 * The store's alert tables (schema/004-alerts.sql): each alert's state,
 * its history, and the outbox of notifications to deliver. Also lists
 * the topics (term rows of kind 3) a topic: watch matches against. The
 * SQL text is in store.c; every value is bound.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "daemon/store/store.h"
#include "daemon/sys/sys.h"

/* A nullable day column. */
static day_t
store_col_day(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? DAY_NONE :
	    sqlite3_column_int(s, i);
}

/* Bind a day, NULL for DAY_NONE. */
static void
store_bind_day(sqlite3_stmt *s, int i, day_t d)
{
	if (d == DAY_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, d);
}

/* Read the state columns 0..12 of ST_ALERT_GET / ST_ALERT_STATES. */
static int
store_alert_columns(sqlite3_stmt *s, struct alert_row *r)
{
	alertstate_init(&r->st);
	if (alertstate_from_name((const char *)sqlite3_column_text(s, 0),
	    &r->st.status) != 0)
		return -1;
	r->st.streak = sqlite3_column_int(s, 1);
	r->st.calm = sqlite3_column_int(s, 2);
	r->st.day = store_col_day(s, 3);
	r->st.qual_day = store_col_day(s, 4);
	r->st.calm_day = store_col_day(s, 5);
	r->st.since = sqlite3_column_int64(s, 6);
	r->st.started = sqlite3_column_int64(s, 7);
	r->st.notified = sqlite3_column_int64(s, 8);
	r->count = sqlite3_column_int64(s, 9);
	r->papers = sqlite3_column_int64(s, 10);
	r->expected = sqlite3_column_double(s, 11);
	r->p = sqlite3_column_double(s, 12);
	return 0;
}

/* Every topic (term rows of kind 3): their keys "topic:NAME" and ids. */
int
store_topics(struct store *st, char ***keys, int64_t **ids, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*keys = NULL;
	*ids = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_TOPICS, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[*n] = sqlite3_column_int64(s, 0);
		(*keys)[(*n)++] = store_column_copy(s, 1, "");
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read topics", cause);
	return 0;
}

/* The stored state of rule on item into r (*found 0: none yet). */
int
store_alert_get(struct store *st, const char *rule, const char *item,
    struct alert_row *r, int *found, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*found = 0;
	alertstate_init(&r->st);
	if ((s = store_stmt(st, ST_ALERT_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, item, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (store_alert_columns(s, r) != 0)
			return store_fail(st, "bad alert state", cause);
		*found = 1;
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read alert state", cause);
	return 0;
}

/* Write an alert's state and last evaluation. */
int
store_alert_put(struct store *st, const struct alert_row *r, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_ALERT_PUT, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, alertstate_name(r->st.status), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(s, 2, r->st.streak);
	sqlite3_bind_int(s, 3, r->st.calm);
	store_bind_day(s, 4, r->st.day);
	store_bind_day(s, 5, r->st.qual_day);
	store_bind_day(s, 6, r->st.calm_day);
	sqlite3_bind_int64(s, 7, r->st.since);
	sqlite3_bind_int64(s, 8, r->st.started);
	sqlite3_bind_int64(s, 9, r->st.notified);
	sqlite3_bind_int64(s, 10, r->count);
	sqlite3_bind_int64(s, 11, r->papers);
	sqlite3_bind_double(s, 12, r->expected);
	sqlite3_bind_double(s, 13, r->p);
	sqlite3_bind_text(s, 14, r->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, r->item, -1, SQLITE_STATIC);
	return store_done(st, s, "cannot write alert state", cause);
}

/* Add a line to an alert's history. */
int
store_alert_event(struct store *st, const struct alert_row *r,
    const char *event, int64_t at, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_ALERT_EVENT, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->item, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, at);
	sqlite3_bind_int(s, 4, r->st.day);
	sqlite3_bind_text(s, 5, event, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, r->count);
	sqlite3_bind_int64(s, 7, r->papers);
	sqlite3_bind_double(s, 8, r->expected);
	sqlite3_bind_double(s, 9, r->p);
	return store_done(st, s, "cannot write alert history", cause);
}

/* Every stored alert, by rule and item (free each with alert_row_clear). */
int
store_alert_states(struct store *st, struct alert_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	struct alert_row *r;
	int		 rc;

	*rows = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_ALERT_STATES, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		r = &(*rows)[*n];
		memset(r, 0, sizeof *r);
		if (store_alert_columns(s, r) != 0)
			continue;
		r->rule = store_column_copy(s, 13, "");
		r->item = store_column_copy(s, 14, "");
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read alert states", cause);
	return 0;
}

/* The last limit lines of alert history, newest first. */
int
store_alert_history(struct store *st, size_t limit, struct alert_hist **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	struct alert_hist *h;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_ALERT_HISTORY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		h = &(*out)[(*n)++];
		h->rule = store_column_copy(s, 0, "");
		h->item = store_column_copy(s, 1, "");
		h->at = sqlite3_column_int64(s, 2);
		h->day = sqlite3_column_int(s, 3);
		h->event = store_column_copy(s, 4, "");
		h->count = sqlite3_column_int64(s, 5);
		h->papers = sqlite3_column_int64(s, 6);
		h->expected = sqlite3_column_double(s, 7);
		h->p = sqlite3_column_double(s, 8);
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read alert history", cause);
	return 0;
}

/* Queue a notification for one channel of a rule, due at once. */
int
store_outbox_add(struct store *st, const struct outbox_row *o, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_OUTBOX_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, o->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, o->channel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, o->created);
	sqlite3_bind_text(s, 4, o->payload, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, o->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, o->subject, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, o->created);
	return store_done(st, s, "cannot queue a notification", cause);
}

/* The pending notifications due at now (free with outbox_rows_free). */
int
store_outbox_due(struct store *st, int64_t now, struct outbox_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	struct outbox_row *o;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, ST_OUTBOX_DUE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		o = &(*out)[(*n)++];
		o->id = sqlite3_column_int64(s, 0);
		o->rule = store_column_copy(s, 1, "");
		o->channel = store_column_copy(s, 2, "");
		o->created = sqlite3_column_int64(s, 3);
		o->payload = store_column_copy(s, 4, "");
		o->text = store_column_copy(s, 5, "");
		o->subject = store_column_copy(s, 6, "");
		o->attempts = sqlite3_column_int(s, 7);
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "cannot read the outbox", cause);
	return 0;
}

/* Free rows from store_outbox_due. */
void
outbox_rows_free(struct outbox_row *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].rule);
		free(v[i].channel);
		free(v[i].payload);
		free(v[i].text);
		free(v[i].subject);
	}
	free(v);
}

/*
 * Take a due row for delivery until `until` (a lease, so that another
 * process does not send it too); *claimed 0 if someone else has it.
 */
int
store_outbox_claim(struct store *st, int64_t id, int64_t now, int64_t until,
    int *claimed, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_OUTBOX_CLAIM, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, until);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, now);
	if (store_done(st, s, "cannot claim a notification", cause) != 0)
		return -1;
	*claimed = sqlite3_changes(st->db) == 1;
	return 0;
}

/* Record a delivery attempt: status sent, pending (retry at next) or failed. */
int
store_outbox_finish(struct store *st, int64_t id, const char *status,
    int attempts, int64_t next_try, const char *error, int64_t done,
    char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, ST_OUTBOX_FINISH, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, attempts);
	sqlite3_bind_int64(s, 3, next_try);
	store_bind_text(s, 4, error);
	if (done > 0)
		sqlite3_bind_int64(s, 5, done);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_int64(s, 6, id);
	return store_done(st, s, "cannot update the outbox", cause);
}

/* When the next pending notification is due; 0 if none is pending. */
int
store_outbox_next(struct store *st, int64_t *when, char **cause)
{
	*when = 0;
	return store_row(st, ST_OUTBOX_NEXT, "cannot read the outbox", 0,
	    when, 1, cause);
}

/* How many notifications are pending, failed and sent. */
int
store_outbox_counts(struct store *st, int64_t *pending, int64_t *failed,
    int64_t *sent, char **cause)
{
	int64_t	 v[3];

	if (store_row(st, ST_OUTBOX_COUNTS, "cannot read the outbox", 0, v, 3,
	    cause) != 0)
		return -1;
	*pending = v[0];
	*failed = v[1];
	*sent = v[2];
	return 0;
}
