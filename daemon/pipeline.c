/*
 * The one orchestrator: bytes -> parse -> papers -> tally -> store, in one
 * transaction per snapshot, then alerts on the stored snapshot. Both
 * programs ingest through here. Each stage takes its input and returns
 * its output; only this file knows the order.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "topicd.h"

#define PIPELINE_MAX_TEXT	(1024UL << 20)	/* a snapshot, decompressed */

struct pipeline {
	struct store		*store;
	struct wordlist		*wl;
	struct alerter		*alerts;
	char			*topics;	/* a topics file's text, or NULL */
	size_t			 topics_len;	/* NULL: the shipped topics */
	char			*topics_name;
	int			 horizon;
};

/* A pipeline writing to store, with stop words wl (both borrowed). */
struct pipeline *
pipeline_new(struct store *store, struct wordlist *wl)
{
	struct pipeline	*p = xcalloc(1, sizeof *p);
	struct tokenizer *tk;

	p->store = store;
	p->wl = wl;
	p->horizon = PHRASE_HORIZON_DEFAULT;
	/* Fail now, not at the first snapshot, if there is no stemmer. */
	if ((tk = tokenizer_new(wl)) == NULL) {
		free(p);
		return NULL;
	}
	tokenizer_free(tk);
	p->alerts = alerter_new();
	return p;
}

/* Free a pipeline; NULL is fine. */
void
pipeline_free(struct pipeline *p)
{
	if (p == NULL)
		return;
	alerter_free(p->alerts);
	free(p->topics);
	free(p->topics_name);
	free(p);
}

/*
 * Count the topics of this file's text from now on (NULL: the shipped
 * topics). 0, or -1 with *cause (file:line) if the text is not a topics
 * file; the text is kept and parsed again with each snapshot's
 * vocabulary.
 */
int
pipeline_set_topics(struct pipeline *p, const char *text, size_t len,
    const char *name, char **cause)
{
	struct tokenizer	*tk;
	struct topics		*topics;

	if (text != NULL) {
		if ((tk = tokenizer_new(p->wl)) == NULL) {
			*cause = xstrdup("cannot start the English stemmer");
			return -1;
		}
		topics = topics_parse(tk, text, len, name, cause);
		topics_free(topics);
		tokenizer_free(tk);
		if (topics == NULL)
			return -1;
	}
	free(p->topics);
	free(p->topics_name);
	p->topics = text != NULL ? xstrndup(text, len) : NULL;
	p->topics_len = len;
	p->topics_name = name != NULL ? xstrdup(name) : NULL;
	return 0;
}

/* The pipeline's topics parsed with tk; NULL with *cause on error. */
struct topics *
pipeline_topics(struct pipeline *p, struct tokenizer *tk, char **cause)
{
	if (p->topics == NULL)
		return topics_default(tk);
	return topics_parse(tk, p->topics, p->topics_len, p->topics_name,
	    cause);
}

/*
 * A tokenizer interns every phrase it meets: past this many terms the
 * next day starts a fresh one (and stems its words again), so memory
 * stays bounded however long the snapshot.
 */
#define PIPELINE_VOCABULARY_MAX	(1U << 17)

/* Order entry indexes by day, then by their place in the digest. */
static int
pipeline_day_cmp(const void *a, const void *b, void *arg)
{
	const struct entry	*v = arg;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;

	if (v[x].day != v[y].day)
		return v[x].day < v[y].day ? -1 : 1;
	return x < y ? -1 : x > y;
}

/*
 * Record the papers order[0..n) of one day and count the new ones into
 * ta. An update (arXiv's "replace": a new version of an old paper) is
 * recorded as an appearance and, when its key is unseen, stored as a
 * paper so later appearances link to it; but it is never counted as new:
 * its day (the first snapshot that lists it) says when topicd first saw
 * it, not when it was written, and its words add no count.
 */
static int
pipeline_papers(struct pipeline *p, const struct digest *d,
    const size_t *order, size_t n, int64_t source, int64_t snapshot,
    struct tally *ta, struct ingest_result *res, char **cause)
{
	const struct entry	*e;
	size_t			 i;
	int			 added;

	for (i = 0; i < n; i++) {
		e = &d->entries[order[i]];
		if (store_paper_add(p->store, e, source, snapshot, &added,
		    cause) != 0)
			return -1;
		res->updates += e->update != 0;
		if (added && !e->update) {
			tally_add_paper(ta, e->day, e->title, e->abstract);
			res->new_papers++;
		} else
			tally_add_day(ta, e->day);
		if (res->first_day == DAY_NONE || e->day < res->first_day)
			res->first_day = e->day;
		if (res->last_day == DAY_NONE || e->day > res->last_day)
			res->last_day = e->day;
	}
	return 0;
}

/* A tokenizer, its topics and a tally: the vocabulary of some days. */
struct pipeline_counter {
	struct tokenizer	*tk;
	struct topics		*topics;
	struct tally		*ta;
};

/* Free a counter's parts. */
static void
pipeline_counter_free(struct pipeline_counter *c)
{
	tally_free(c->ta);
	topics_free(c->topics);
	tokenizer_free(c->tk);
	memset(c, 0, sizeof *c);
}

/* An empty tally for the next day: a fresh vocabulary when it grew large. */
static int
pipeline_counter_next(struct pipeline *p, struct pipeline_counter *c,
    char **cause)
{
	if (c->tk != NULL &&
	    tokenizer_term_count(c->tk) < PIPELINE_VOCABULARY_MAX) {
		tally_clear(c->ta);
		return 0;
	}
	pipeline_counter_free(c);
	if ((c->tk = tokenizer_new(p->wl)) == NULL) {
		*cause = xstrdup("cannot start the English stemmer");
		return -1;
	}
	if ((c->topics = pipeline_topics(p, c->tk, cause)) == NULL)
		return -1;
	c->ta = tally_new(c->tk);
	tally_set_topics(c->ta, c->topics);
	return 0;
}

/*
 * Count the digest's new papers and store them a day at a time, days in
 * order, then finish the snapshot. A snapshot of many days (an archive)
 * therefore counts exactly as its days arriving one by one would: the
 * phrase policy of schema/001-initial.sql sees the same papers in the
 * same order, and memory holds one day's tally, not the archive's.
 */
static int
pipeline_count(struct pipeline *p, const struct digest *d, int64_t source,
    int64_t snapshot, struct ingest_result *res, char **cause)
{
	struct pipeline_counter	 c;
	size_t			*order, i, j;
	day_t			 day;
	int			 rc = -1, date_done = d->date == DAY_NONE;

	memset(&c, 0, sizeof c);
	order = xreallocarray(NULL, d->n + 1, sizeof *order);
	for (i = 0; i < d->n; i++)
		order[i] = i;
	qsort_r(order, d->n, sizeof *order, pipeline_day_cmp, d->entries);
	for (i = 0; i < d->n || !date_done; i = j) {
		/* The digest's own date goes in order, papers or not. */
		if (!date_done && (i == d->n || d->date <= d->entries[order[i]].day))
			day = d->date;
		else
			day = d->entries[order[i]].day;
		for (j = i; j < d->n && d->entries[order[j]].day == day; j++)
			;
		if (pipeline_counter_next(p, &c, cause) != 0)
			goto out;
		tally_add_day(c.ta, day);
		date_done |= day == d->date;
		if (pipeline_papers(p, d, order + i, j - i, source, snapshot,
		    c.ta, res, cause) != 0 ||
		    store_put_tally(p->store, source, c.ta, p->horizon,
		    cause) != 0)
			goto out;
		res->days++;
	}
	if (store_snapshot_finish(p->store, snapshot, res->new_papers,
	    cause) != 0)
		goto out;
	rc = 0;
out:
	pipeline_counter_free(&c);
	free(order);
	return rc;
}

/* A setting, or NULL when it is unset or empty (an empty config value). */
static const char *
pipeline_setting(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/*
 * Ingest one snapshot. Bytes already stored for the source are
 * "unchanged" and change nothing; otherwise the snapshot, its papers and
 * its counts are written in one transaction, or nothing is.
 */
int
pipeline_ingest(struct pipeline *p, const struct ingest_request *rq,
    struct ingest_result *res, char **cause)
{
	struct digest_options	 o;
	struct snapshot_info	 si;
	struct digest		*d;
	char			 hash[65];
	int64_t			 source, existing, snapshot;

	memset(res, 0, sizeof *res);
	res->first_day = res->last_day = DAY_NONE;
	memset(&o, 0, sizeof o);
	o.name = rq->origin;
	o.date = rq->date;
	o.skip_bad = rq->skip_bad;
	o.content_type = rq->content_type;
	o.base_url = rq->base_url;
	o.item_xpath = pipeline_setting(rq->item_xpath);
	o.title_xpath = pipeline_setting(rq->title_xpath);
	o.abstract_xpath = pipeline_setting(rq->abstract_xpath);
	o.link_xpath = pipeline_setting(rq->link_xpath);
	sha256_hex(rq->raw, rq->raw_len, hash);
	if ((d = digest_parse(rq->format, rq->text, rq->text_len, &o,
	    cause)) == NULL)
		return -1;
	res->entries = d->n;
	res->skipped = d->skipped;
	if (d->skipped > 0)
		log_warnx("%s:%zu: %s (%zu bad line%s skipped)", rq->origin,
		    d->skipped_first_line, d->skipped_first_cause, d->skipped,
		    d->skipped == 1 ? "" : "s");
	if (d->warning != NULL)
		log_warnx("%s", d->warning);

	if (store_begin(p->store, cause) != 0)
		goto fail;
	if (store_source(p->store, rq->source, NULL, rq->now, &source,
	    cause) != 0 ||
	    store_snapshot_find(p->store, source, hash, &existing, cause) != 0)
		goto fail;
	if (existing != 0) {
		store_rollback(p->store);
		res->unchanged = 1;
		res->snapshot_id = existing;
		digest_free(d);
		return 0;
	}
	memset(&si, 0, sizeof si);
	si.source_id = source;
	si.fetched = rq->now;
	si.day = d->date;
	si.hash = hash;
	si.format = digest_format_name(d->format);
	si.origin = rq->origin;
	si.etag = rq->etag;
	si.last_modified = rq->last_modified;
	si.raw = rq->raw;
	si.raw_len = rq->raw_len;
	si.entries = d->n;
	if (store_snapshot_add(p->store, &si, &snapshot, cause) != 0 ||
	    pipeline_count(p, d, source, snapshot, res, cause) != 0 ||
	    store_commit(p->store, cause) != 0)
		goto fail;
	res->snapshot_id = snapshot;
	digest_free(d);
	return 0;
fail:
	store_rollback(p->store);
	digest_free(d);
	return -1;
}

/*
 * The alert stage, after a snapshot's transaction committed: the rules of
 * c judge the snapshot's latest digest day (known days only) at time
 * now; state changes and notifications land in the store's outbox, to be
 * delivered by the caller. *changes counts state changes. An unchanged
 * snapshot or one without papers judges nothing.
 */
int
pipeline_alerts(struct pipeline *p, const struct config *c,
    const struct ingest_result *res, time_t now, size_t *changes,
    char **cause)
{
	*changes = 0;
	if (res->unchanged || res->last_day == DAY_NONE)
		return 0;
	return alert_evaluate(p->alerts, p->store, p->wl, c, res->last_day,
	    now, changes, cause);
}

/* Parse and count stored snapshot id again (inside pipeline_rebuild). */
static int
pipeline_recount(struct pipeline *p, int64_t id,
    const struct snapshot_info *si, struct ingest_result *total, char **cause)
{
	struct digest_options	 o;
	struct ingest_result	 res;
	enum digest_format	 format;
	struct digest		*d;
	struct tm		 tm;
	time_t			 t = si->fetched;
	char			*text = NULL, *name;
	size_t			 text_len;
	int			 rc = -1;

	xasprintf(&name, "snapshot %lld (%s)", (long long)id,
	    si->origin != NULL ? si->origin : "?");
	memset(&o, 0, sizeof o);
	o.name = name;
	o.date = si->day;
	if (o.date == DAY_NONE) {
		gmtime_r(&t, &tm);
		day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    &o.date);
	}
	o.skip_bad = 1;
	if (digest_format_from_name(si->format, &format) != 0) {
		xasprintf(cause, "%s: unknown format \"%s\"", name, si->format);
		goto out;
	}
	if (file_decompress(name, si->raw, si->raw_len, PIPELINE_MAX_TEXT,
	    &text, &text_len, cause) != 0)
		goto out;
	if ((d = digest_parse(format, text != NULL ? text : si->raw,
	    text != NULL ? text_len : si->raw_len, &o, cause)) == NULL)
		goto out;
	memset(&res, 0, sizeof res);
	res.first_day = res.last_day = DAY_NONE;
	rc = pipeline_count(p, d, si->source_id, id, &res, cause);
	total->entries += d->n;
	total->new_papers += res.new_papers;
	total->days += res.days;
	digest_free(d);
out:
	free(text);
	free(name);
	return rc;
}

/*
 * Recount everything from the stored raw snapshots, in the order they
 * were taken, in one transaction: papers, words, phrases and topics as
 * this program counts them now (after a change of word lists, topics or
 * tokenizer). Snapshots whose bytes retention removed are counted in
 * res->skipped and lose their papers.
 */
int
pipeline_rebuild(struct pipeline *p, struct ingest_result *res, char **cause)
{
	struct snapshot_info	 si;
	int64_t			 id = 0, after = 0;

	memset(res, 0, sizeof *res);
	if (store_begin(p->store, cause) != 0)
		return -1;
	if (store_clear_counts(p->store, cause) != 0)
		goto fail;
	for (;;) {
		if (store_snapshot_next(p->store, after, &id, &si, cause) != 0)
			goto fail;
		if (id == 0)
			break;
		after = id;
		if (si.raw == NULL) {
			res->skipped++;
			continue;
		}
		if (pipeline_recount(p, id, &si, res, cause) != 0)
			goto fail;
		res->snapshot_id = id;
		res->snapshots++;
	}
	if (store_commit(p->store, cause) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(p->store);
	return -1;
}
