/*
 * Alert evaluation, after a snapshot is stored: for each [alert] rule,
 * each watched item's daily counts on the known days up to the
 * snapshot's day go through the spike test (analysis/spike.c) and the
 * state machine (analysis/alertstate.c). State changes, their history
 * and one notification per rule and channel are written in one
 * transaction (the outbox); delivery is deliver.c's, afterwards.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/query/query.h"
#include "daemon/sys/sys.h"

#define ALERT_SPAN	400	/* calendar days looked back for known days */
#define ALERT_DAYS	120	/* known days the EWMA is run over */

/* What is only logged once per process (a watch that matches nothing). */
struct alerter {
	char		**said;
	size_t		 nsaid;
};

/* One watched item of a rule: its label and its term id (0: unseen). */
struct alert_item {
	char		*label;
	int64_t		 id;
};

/* A new evaluator. */
struct alerter *
alerter_new(void)
{
	return xcalloc(1, sizeof(struct alerter));
}

/* Free an evaluator; NULL is fine. */
void
alerter_free(struct alerter *al)
{
	if (al == NULL)
		return;
	split_free(al->said, al->nsaid);
	free(al);
}

/* Log a warning about a rule's watch once per process. */
static void __attribute__((format(printf, 3, 4)))
alert_warn_once(struct alerter *al, const char *rule, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *line;
	size_t	 i;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	xasprintf(&line, "alert %s: %s", rule, msg);
	free(msg);
	for (i = 0; i < al->nsaid; i++) {
		if (strcmp(al->said[i], line) == 0) {
			free(line);
			return;
		}
	}
	log_warnx("%s", line);
	al->said = xreallocarray(al->said, al->nsaid + 1, sizeof *al->said);
	al->said[al->nsaid++] = line;
}

/* Add item label (copied) with id to v, unless it is there. */
static void
alert_item_add(struct alert_item **v, size_t *n, const char *label,
    int64_t id)
{
	size_t	 i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i].label, label) == 0)
			return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].label = xstrdup(label);
	(*v)[(*n)++].id = id;
}

/* Free a rule's items. */
static void
alert_items_free(struct alert_item *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].label);
	free(v);
}

/*
 * The items of an emerging watch on day: each cluster of terms that rises
 * together (the rising query, window auto, as topic rising --window auto
 * shows it), watched through its leading term as "emerging:NAME"; and
 * every emerging item of the rule still pending or firing, so that it
 * can resolve once it is no longer among them.
 */
static int
alert_emerging(struct store *st, struct tokenizer *tk,
    const struct alert_conf *a, day_t day, struct alert_item **items,
    size_t *nitems, char **cause)
{
	struct rising_query	 q;
	struct rising_report	 r;
	struct alert_row	*rows = NULL;
	enum term_kind		 kind;
	char			*label, *key, *display, *why = NULL;
	int64_t			 id;
	size_t			 nrows = 0, i;
	int			 rc = -1;

	rising_query_defaults(&q);
	q.at = day;
	q.window = 0;
	if (rising_run(st, tk, NULL, &q, &r, &why) != 0) {
		/* Too little history for a window yet: nothing emerges. */
		log_debug("alert %s: emerging: %s", a->name, why);
		free(why);
		why = NULL;
		memset(&r, 0, sizeof r);
	}
	for (i = 0; i < r.n; i++) {
		if (r.rows[i].nmembers == 0 || r.rows[i].kind == TERM_TOPIC)
			continue;
		xasprintf(&label, "emerging:%s", r.rows[i].term);
		alert_item_add(items, nitems, label, r.rows[i].id);
		free(label);
	}
	if (store_alert_states(st, &rows, &nrows, cause) != 0)
		goto out;
	for (i = 0; i < nrows; i++) {
		if (strcmp(rows[i].rule, a->name) != 0 ||
		    strncmp(rows[i].item, "emerging:", 9) != 0 ||
		    (rows[i].st.status != ALERT_PENDING &&
		    rows[i].st.status != ALERT_FIRING))
			continue;
		if ((key = tokenizer_query_key(tk, rows[i].item + 9, &kind,
		    &why)) == NULL) {
			free(why);
			why = NULL;
			continue;
		}
		if (store_term_find(st, key, &id, &display, cause) != 0) {
			free(key);
			goto out;
		}
		free(key);
		free(display);
		alert_item_add(items, nitems, rows[i].item, id);
	}
	rc = 0;
out:
	for (i = 0; i < nrows; i++)
		alert_row_clear(&rows[i]);
	free(rows);
	rising_report_clear(&r);
	return rc;
}

/*
 * The items rule a watches on day: each term: as the tokenizer counts
 * it, each topic matching a topic: glob, each emerging cluster. What
 * matches nothing is logged once.
 */
static int
alert_items(struct alerter *al, struct store *st, struct tokenizer *tk,
    const struct alert_conf *a, day_t day, char **topics,
    const int64_t *topic_ids, size_t ntopics, struct alert_item **items,
    size_t *nitems, char **cause)
{
	struct watch	 w;
	enum term_kind	 kind;
	char		*key, *display, *label, *why = NULL;
	int64_t		 id;
	size_t		 i, j, before;

	*items = NULL;
	*nitems = 0;
	if (watch_parse(a->watch, &w, cause) != 0)
		return -1;
	for (i = 0; i < w.n; i++) {
		switch (w.v[i].kind) {
		case WATCH_EMERGING:
			if (alert_emerging(st, tk, a, day, items, nitems,
			    cause) != 0) {
				watch_clear(&w);
				return -1;
			}
			break;
		case WATCH_TOPIC:
			before = *nitems;
			for (j = 0; j < ntopics; j++) {
				if (strncmp(topics[j], "topic:", 6) == 0 &&
				    watch_topic_match(w.v[i].arg,
				    topics[j] + 6))
					alert_item_add(items, nitems,
					    topics[j], topic_ids[j]);
			}
			if (*nitems == before)
				alert_warn_once(al, a->name, "topic:%s "
				    "matches no topic", w.v[i].arg);
			break;
		case WATCH_TERM:
			if ((key = tokenizer_query_key(tk, w.v[i].arg, &kind,
			    &why)) == NULL) {
				alert_warn_once(al, a->name, "term:%s: %s",
				    w.v[i].arg, why);
				free(why);
				why = NULL;
				break;
			}
			if (store_term_find(st, key, &id, &display,
			    cause) != 0) {
				free(key);
				watch_clear(&w);
				return -1;
			}
			free(key);
			free(display);
			xasprintf(&label, "term:%s", w.v[i].arg);
			alert_item_add(items, nitems, label, id);
			free(label);
			break;
		}
	}
	watch_clear(&w);
	return 0;
}

/* The outbox row of one channel for a rule's notification. */
static int
alert_queue(struct store *st, const struct alert_conf *a,
    const char *channel, const struct notification *nf, const char *payload,
    time_t now, char **cause)
{
	struct outbox_row	 o;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.rule = a->name;
	o.channel = (char *)channel;
	o.created = now;
	o.payload = (char *)payload;
	o.text = alert_text(nf);
	o.subject = alert_subject(nf);
	rc = store_outbox_add(st, &o, cause);
	free(o.text);
	free(o.subject);
	return rc;
}

/*
 * Queue notification nf of rule a for each of its channels (inside the
 * caller's transaction). Mail leaves out resolved notices unless
 * mail_resolved is set.
 */
int
alert_enqueue(struct store *st, const struct alert_conf *a,
    const struct notification *nf, time_t now, char **cause)
{
	struct notification	 mail = *nf;
	struct alert_note	*kept;
	char			*payload = alert_json(nf);
	size_t			 i;
	int			 rc = 0;

	if (*a->exec != '\0')
		rc |= alert_queue(st, a, "exec", nf, payload, now, cause);
	if (rc == 0 && *a->webhook != '\0')
		rc |= alert_queue(st, a, "webhook", nf, payload, now, cause);
	if (rc == 0 && *a->file != '\0')
		rc |= alert_queue(st, a, "file", nf, payload, now, cause);
	if (rc == 0 && *a->mail != '\0') {
		kept = xcalloc(nf->n + 1, sizeof *kept);
		mail.n = 0;
		for (i = 0; i < nf->n; i++) {
			if (a->mail_resolved || nf->test ||
			    nf->notes[i].event != ALERT_EV_RESOLVED)
				kept[mail.n++] = nf->notes[i];
		}
		mail.notes = kept;
		if (mail.n > 0)
			rc |= alert_queue(st, a, "mail", &mail, payload, now,
			    cause);
		free(kept);
	}
	free(payload);
	return rc;
}

/*
 * Evaluate rule a on the known days[0..ndays) (the last is the day under
 * test) and queue its notification; inside the caller's transaction.
 */
static int
alert_rule(struct alerter *al, struct store *st, struct tokenizer *tk,
    const struct alert_conf *a, char **topics, const int64_t *topic_ids,
    size_t ntopics, const day_t *days, const int64_t *papers, size_t ndays,
    time_t now, size_t *changes, char **cause)
{
	struct spike_params	 sp = { a->lambda, a->p, a->resolve_p,
	    a->min_count, (size_t)a->warmup };
	struct alert_params	 ap = { (int)a->for_count,
	    (int)a->resolve_count, a->repeat };
	struct spike_result	 res;
	struct alert_item	*items = NULL;
	struct alert_note	*notes = NULL, *note;
	struct notification	 nf;
	struct alert_row	 row;
	enum alert_event	 ev;
	int64_t			*counts = NULL, *series = NULL, *ids = NULL;
	size_t			 nitems = 0, nnotes = 0, i, d;
	int			 found, rc = -1;

	if (alert_items(al, st, tk, a, days[ndays - 1], topics, topic_ids,
	    ntopics, &items, &nitems, cause) != 0)
		return -1;
	if (nitems == 0) {
		rc = 0;
		goto out;
	}
	ids = xcalloc(nitems, sizeof *ids);
	for (i = 0; i < nitems; i++)
		ids[i] = items[i].id;
	counts = xcalloc(nitems * ndays, sizeof *counts);
	series = xcalloc(ndays, sizeof *series);
	notes = xcalloc(nitems, sizeof *notes);
	if (store_term_days(st, ids, nitems, days, ndays, counts, cause) != 0)
		goto out;
	for (i = 0; i < nitems; i++) {
		for (d = 0; d < ndays; d++)
			series[d] = counts[d * nitems + i];
		spike_test(series, papers, ndays, &sp, &res);
		if (!res.judged)
			continue;	/* too little history: as if unknown */
		memset(&row, 0, sizeof row);
		if (store_alert_get(st, a->name, items[i].label, &row, &found,
		    cause) != 0)
			goto out;
		row.rule = (char *)a->name;
		row.item = items[i].label;
		ev = alertstate_step(&row.st, &ap, days[ndays - 1],
		    res.qualifies, res.calm, now);
		row.count = res.count;
		row.papers = res.papers;
		row.expected = res.expected;
		row.p = res.p;
		if (store_alert_put(st, &row, cause) != 0)
			goto out;
		if (ev == ALERT_EV_NONE)
			continue;
		(*changes)++;
		if (store_alert_event(st, &row, alertstate_event_name(ev), now,
		    cause) != 0)
			goto out;
		log_info("alert %s: %s %s (%lld of %lld papers, expected "
		    "%.2f, p = %.3g)", a->name, items[i].label,
		    alertstate_event_name(ev), (long long)res.count,
		    (long long)res.papers, res.expected, res.p);
		if (ev != ALERT_EV_FIRING && ev != ALERT_EV_REPEAT &&
		    ev != ALERT_EV_RESOLVED)
			continue;
		note = &notes[nnotes++];
		note->item = items[i].label;
		note->event = ev;
		note->started = row.st.started;
		note->ended = ev == ALERT_EV_RESOLVED ? now : 0;
		note->day = days[ndays - 1];
		note->count = res.count;
		note->papers = res.papers;
		note->expected = res.expected;
		note->p = res.p;
	}
	rc = 0;
	if (nnotes > 0) {
		memset(&nf, 0, sizeof nf);
		nf.rule = a->name;
		nf.watch = a->watch;
		nf.notes = notes;
		nf.n = nnotes;
		nf.max_items = (size_t)a->max_items;
		rc = alert_enqueue(st, a, &nf, now, cause);
	}
out:
	alert_items_free(items, nitems);
	free(ids);
	free(counts);
	free(series);
	free(notes);
	return rc;
}

/*
 * Evaluate every rule of c on known day `day` (the latest digest day of a
 * snapshot just stored) at time now, in one transaction; *changes counts
 * state changes. A day that is not known changes nothing.
 */
int
alert_evaluate(struct alerter *al, struct store *st, struct wordlist *wl,
    const struct config *c, day_t day, time_t now, size_t *changes,
    char **cause)
{
	struct tokenizer *tk = NULL;
	day_t		*days = NULL;
	int64_t		*papers = NULL, *topic_ids = NULL;
	char		**topics = NULL;
	size_t		 ndays = 0, ntopics = 0, skip, i;
	int		 rc = -1;

	*changes = 0;
	if (c == NULL || c->nalerts == 0 || day == DAY_NONE)
		return 0;
	if (store_day_totals(st, day - ALERT_SPAN, day, &days, &papers,
	    &ndays, cause) != 0)
		return -1;
	if (ndays == 0 || days[ndays - 1] != day) {
		log_debug("alerts: %d is not a known day: nothing judged", day);
		rc = 0;
		goto out;
	}
	skip = ndays > ALERT_DAYS ? ndays - ALERT_DAYS : 0;
	tk = tokenizer_new(wl);
	if (store_topics(st, &topics, &topic_ids, &ntopics, cause) != 0 ||
	    store_begin(st, cause) != 0)
		goto out;
	for (i = 0; i < c->nalerts; i++) {
		if (alert_rule(al, st, tk, &c->alerts[i], topics, topic_ids,
		    ntopics, days + skip, papers + skip, ndays - skip, now,
		    changes, cause) != 0) {
			store_rollback(st);
			goto out;
		}
	}
	if (store_commit(st, cause) != 0) {
		store_rollback(st);
		goto out;
	}
	rc = 0;
out:
	tokenizer_free(tk);
	split_free(topics, ntopics);
	free(topic_ids);
	free(days);
	free(papers);
	return rc;
}

/* The delivery channels rule a has, as "exec webhook file mail". */
char *
alert_channels(const struct alert_conf *a)
{
	char	*out;

	xasprintf(&out, "%s%s%s%s", *a->exec ? "exec " : "",
	    *a->webhook ? "webhook " : "", *a->file ? "file " : "",
	    *a->mail ? "mail " : "");
	if (*out != '\0')
		out[strlen(out) - 1] = '\0';
	return out;
}

/*
 * What topic alerts and /api/alerts list: c's rules (none without a
 * config), every alert's state, the last nhist history lines and the
 * outbox. Free it with alert_listing_free.
 */
int
alert_listing_load(struct store *st, const struct config *c, size_t nhist,
    struct alert_listing *l, char **cause)
{
	struct alert_row	*rows = NULL;
	struct alert_hist	*hist = NULL;
	char			**chans;
	size_t			 i, nrules = c != NULL ? c->nalerts : 0;

	memset(l, 0, sizeof *l);
	if (store_alert_states(st, &rows, &l->nrows, cause) != 0)
		return -1;
	l->rows = rows;
	if (store_alert_history(st, nhist, &hist, &l->nhist, cause) != 0 ||
	    store_outbox_counts(st, &l->pending, &l->failed, &l->sent,
	    cause) != 0) {
		l->hist = hist;
		alert_listing_free(l);
		return -1;
	}
	l->hist = hist;
	l->rules = xcalloc(nrules + 1, sizeof *l->rules);
	l->watches = xcalloc(nrules + 1, sizeof *l->watches);
	chans = xcalloc(nrules + 1, sizeof *chans);
	for (i = 0; i < nrules; i++) {
		l->rules[i] = c->alerts[i].name;
		l->watches[i] = c->alerts[i].watch;
		chans[i] = alert_channels(&c->alerts[i]);
	}
	l->deliveries = (const char **)chans;
	l->nrules = nrules;
	return 0;
}

/* Free what alert_listing_load allocated (the rules stay c's). */
void
alert_listing_free(struct alert_listing *l)
{
	size_t	 i;

	for (i = 0; i < l->nrows; i++)
		alert_row_clear((struct alert_row *)&l->rows[i]);
	for (i = 0; i < l->nhist; i++)
		alert_hist_clear((struct alert_hist *)&l->hist[i]);
	for (i = 0; l->deliveries != NULL && i < l->nrules; i++)
		free((char *)l->deliveries[i]);
	free((void *)l->rows);
	free((void *)l->hist);
	free(l->rules);
	free(l->watches);
	free(l->deliveries);
	memset(l, 0, sizeof *l);
}
