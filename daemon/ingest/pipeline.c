/*
 * The one orchestrator: bytes -> parse -> papers -> tally -> store, in one
 * transaction per snapshot, then alerts on the stored snapshot. Both
 * programs ingest through here. Each stage takes its input and returns
 * its output; only this file knows the order (and pipeline_stream.c,
 * which runs the same stages on two threads for a large file).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/ingest/ingest.h"
#include "daemon/sys/sys.h"
#include "ingest_int.h"

/* A pipeline writing to store, with stop words wl (borrowed); never NULL. */
struct pipeline *
pipeline_new(struct store *store, struct wordlist *wl)
{
	struct pipeline	*p = xcalloc(1, sizeof *p);

	p->store = store;
	p->wl = wl;
	p->horizon = PHRASE_HORIZON_DEFAULT;
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

/* Show the progress of long work (a stream's bytes, a rebuild's snapshots). */
void
pipeline_set_progress(struct pipeline *p, struct progress *pg)
{
	p->progress = pg;
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
		tk = tokenizer_new(p->wl);
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
		return topics_default(tk, cause);
	return topics_parse(tk, p->topics, p->topics_len, p->topics_name,
	    cause);
}

/*
 * Record the papers v[0..n) of one day; isnew[i] says which are new papers
 * to count. An update (arXiv's "replace": a new version of an old paper)
 * is recorded as an appearance and, when its key is unseen, stored as a
 * paper so later appearances link to it; but it is never counted as new:
 * its day (the first snapshot that lists it) says when topicd first saw
 * it, not when it was written, and its words add no count.
 */
int
pipeline_papers(struct pipeline *p, const struct pipeline_snapshot *ps,
    const struct entry *v, size_t n, uint8_t *isnew, char **cause)
{
	const struct entry	*e;
	struct ingest_result	*res = ps->res;
	size_t			 i;
	int			 added;

	for (i = 0; i < n; i++) {
		e = &v[i];
		if (store_paper_add(p->store, e, ps->source, ps->snapshot,
		    &added, cause) != 0)
			return -1;
		res->updates += e->update != 0;
		isnew[i] = added && !e->update;
		res->new_papers += isnew[i];
		if (res->first_day == DAY_NONE || e->day < res->first_day)
			res->first_day = e->day;
		if (res->last_day == DAY_NONE || e->day > res->last_day)
			res->last_day = e->day;
	}
	return 0;
}

/* Start a snapshot's bookkeeping into res. */
void
pipeline_snapshot_init(struct pipeline_snapshot *ps, int64_t source,
    int64_t snapshot, struct ingest_result *res)
{
	memset(ps, 0, sizeof *ps);
	ps->source = source;
	ps->snapshot = snapshot;
	ps->res = res;
	ps->days = u64map_new();
}

/* Free a snapshot's bookkeeping. */
void
pipeline_snapshot_free(struct pipeline_snapshot *ps)
{
	u64map_free(ps->days);
	ps->days = NULL;
}

/* Free a vocabulary's parts. */
void
pipeline_vocab_free(struct pipeline_vocab *v)
{
	tally_free(v->ta);
	topics_free(v->topics);
	tokenizer_free(v->tk);
	memset(v, 0, sizeof *v);
}

/*
 * An empty tally for the next day: a fresh vocabulary when this one grew
 * past PIPELINE_VOCABULARY_MAX terms.
 */
int
pipeline_vocab_next(struct pipeline *p, struct pipeline_vocab *v,
    char **cause)
{
	if (v->tk != NULL &&
	    tokenizer_term_count(v->tk) < PIPELINE_VOCABULARY_MAX) {
		tally_clear(v->ta);
		return 0;
	}
	pipeline_vocab_free(v);
	v->tk = tokenizer_new(p->wl);
	if ((v->topics = pipeline_topics(p, v->tk, cause)) == NULL)
		return -1;
	v->ta = tally_new(v->tk);
	tally_set_topics(v->ta, v->topics);
	return 0;
}

/*
 * Count into v's tally the papers e[0..n) of day: those isnew marks, or
 * (isnew NULL) every one that is not an update. The day is known either
 * way.
 */
void
pipeline_vocab_count(struct pipeline_vocab *v, day_t day,
    const struct entry *e, size_t n, const uint8_t *isnew)
{
	size_t	 i;

	tally_add_day(v->ta, day);
	for (i = 0; i < n; i++) {
		if (isnew != NULL ? isnew[i] : !e[i].update)
			tally_add_paper(v->ta, e[i].day, e[i].title,
			    e[i].abstract);
		else
			tally_add_day(v->ta, e[i].day);
	}
}

/* Store the tally of v for day. */
int
pipeline_put_day(struct pipeline *p, struct pipeline_snapshot *ps,
    struct pipeline_vocab *v, day_t day, char **cause)
{
	int	 added;

	u64map_slot(ps->days, (uint32_t)day, &added);
	ps->res->days += added;
	return store_put_tally(p->store, ps->source, v->ta, p->horizon, cause);
}

/*
 * Record, count and store the papers e[0..n) of day (n may be 0: a known
 * day without new papers) as one tally; the entries' texts are freed
 * once recorded and counted (digest_entry_clear).
 */
static int
pipeline_count_day(struct pipeline *p, struct pipeline_snapshot *ps,
    struct pipeline_vocab *v, day_t day, struct entry *e, size_t n,
    char **cause)
{
	uint8_t	*isnew = xmalloc(n + 1);
	size_t	 i;
	int	 rc = -1;

	if (pipeline_vocab_next(p, v, cause) == 0 &&
	    pipeline_papers(p, ps, e, n, isnew, cause) == 0) {
		pipeline_vocab_count(v, day, e, n, isnew);
		/* Stored and counted: the texts go before the counts are
		 * stored, so a big feed's day never holds both. */
		for (i = 0; i < n; i++)
			digest_entry_clear(&e[i]);
		rc = pipeline_put_day(p, ps, v, day, cause);
	}
	free(isnew);
	return rc;
}

/*
 * Count the digest date too, when no paper had it (a day with a snapshot
 * is known even if it brings no paper), and finish the snapshot.
 */
int
pipeline_count_end(struct pipeline *p, struct pipeline_snapshot *ps,
    struct pipeline_vocab *v, day_t date, size_t entries, char **cause)
{
	if (date != DAY_NONE && u64map_get(ps->days, (uint32_t)date) == NULL &&
	    pipeline_count_day(p, ps, v, date, NULL, 0, cause) != 0)
		return -1;
	return store_snapshot_finish(p->store, ps->snapshot, entries,
	    ps->res->new_papers, cause);
}

/* The length of the run of same-day entries at the start of v[0..n). */
size_t
pipeline_run(const struct entry *v, size_t n)
{
	size_t	 j;

	for (j = 1; j < n && v[j].day == v[0].day; j++)
		;
	return n == 0 ? 0 : j;
}

/*
 * Count a digest held whole and finish its snapshot: a run of same-day
 * papers at a time, in the digest's order. An archive sorted by day (the
 * usual) therefore counts exactly as its days arriving one by one would:
 * the phrase policy of schema/001-initial.sql sees the same papers in the
 * same order, and memory holds one day's tally, not the archive's.
 */
static int
pipeline_count(struct pipeline *p, struct digest *d, int64_t source,
    int64_t snapshot, struct ingest_result *res, char **cause)
{
	struct pipeline_snapshot ps;
	struct pipeline_vocab	 v;
	size_t			 i, k;
	int			 rc = 0;

	pipeline_snapshot_init(&ps, source, snapshot, res);
	memset(&v, 0, sizeof v);
	for (i = 0; i < d->n && rc == 0; i += k) {
		k = pipeline_run(d->entries + i, d->n - i);
		rc = pipeline_count_day(p, &ps, &v, d->entries[i].day,
		    d->entries + i, k, cause);
	}
	if (rc == 0)
		rc = pipeline_count_end(p, &ps, &v, d->date, d->n, cause);
	pipeline_vocab_free(&v);
	pipeline_snapshot_free(&ps);
	return rc;
}

/* A setting, or NULL when it is unset or empty (an empty config value). */
static const char *
pipeline_setting(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/* The parser's options for request rq. */
void
pipeline_options(const struct ingest_request *rq, struct digest_options *o)
{
	memset(o, 0, sizeof *o);
	o->name = rq->origin;
	o->date = rq->date;
	o->skip_bad = rq->skip_bad;
	o->content_type = rq->content_type;
	o->base_url = rq->base_url;
	o->item_xpath = pipeline_setting(rq->item_xpath);
	o->title_xpath = pipeline_setting(rq->title_xpath);
	o->abstract_xpath = pipeline_setting(rq->abstract_xpath);
	o->link_xpath = pipeline_setting(rq->link_xpath);
}

/* Say what a digest's parse skipped or could not read. */
void
pipeline_warn(const struct ingest_request *rq, const struct digest *d)
{
	if (d->skipped > 0)
		log_warnx("%s:%zu: %s (%zu bad line%s skipped)", rq->origin,
		    d->skipped_first_line, d->skipped_first_cause, d->skipped,
		    d->skipped == 1 ? "" : "s");
	if (d->warning != NULL)
		log_warnx("%s", d->warning);
}

/*
 * Begin the transaction of a snapshot whose bytes hash to hash, and add
 * its row (si: all but source and hash; si->raw NULL stores zeros of
 * si->raw_len to be written later). Bytes already stored for the source
 * are "unchanged": res says so, the transaction is over and *snapshot 0.
 */
int
pipeline_begin(struct pipeline *p, const struct ingest_request *rq,
    struct snapshot_info *si, const char *hash, int64_t *snapshot,
    struct ingest_result *res, char **cause)
{
	int64_t	 existing;

	*snapshot = 0;
	if (store_begin(p->store, cause) != 0)
		return -1;
	if (store_source(p->store, rq->source, NULL, rq->now, &si->source_id,
	    cause) != 0 ||
	    store_snapshot_find(p->store, si->source_id, hash, &existing,
	    cause) != 0)
		goto fail;
	if (existing != 0) {
		store_rollback(p->store);
		res->unchanged = 1;
		res->snapshot_id = existing;
		return 0;
	}
	si->fetched = rq->now;
	si->hash = hash;
	si->origin = rq->origin;
	si->etag = rq->etag;
	si->last_modified = rq->last_modified;
	if (store_snapshot_add(p->store, si, snapshot, cause) != 0)
		goto fail;
	res->snapshot_id = *snapshot;
	return 0;
fail:
	store_rollback(p->store);
	return -1;
}

/*
 * Ingest one snapshot held in memory. Bytes already stored for the source
 * are "unchanged" and change nothing; otherwise the snapshot, its papers
 * and its counts are written in one transaction, or nothing is.
 */
int
pipeline_ingest(struct pipeline *p, const struct ingest_request *rq,
    struct ingest_result *res, char **cause)
{
	struct digest_options	 o;
	struct snapshot_info	 si;
	struct digest		*d;
	char			 hash[65];
	int64_t			 snapshot;

	memset(res, 0, sizeof *res);
	res->first_day = res->last_day = DAY_NONE;
	pipeline_options(rq, &o);
	sha256_hex(rq->raw, rq->raw_len, hash);
	if ((d = digest_parse(rq->format, rq->text, rq->text_len, &o,
	    cause)) == NULL)
		return -1;
	res->entries = d->n;
	res->skipped = d->skipped;
	pipeline_warn(rq, d);

	memset(&si, 0, sizeof si);
	si.day = d->date;
	si.format = digest_format_name(d->format);
	si.raw = rq->raw;
	si.raw_len = rq->raw_len;
	si.entries = d->n;
	if (pipeline_begin(p, rq, &si, hash, &snapshot, res, cause) != 0) {
		digest_free(d);
		return -1;
	}
	if (snapshot != 0 &&
	    (pipeline_count(p, d, si.source_id, snapshot, res, cause) != 0 ||
	    store_commit(p->store, cause) != 0)) {
		store_rollback(p->store);
		res->snapshot_id = 0;
		digest_free(d);
		return -1;
	}
	digest_free(d);
	return 0;
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
 * res->skipped; the days they fed keep their papers and counts as they
 * are, and are returned in *kept (sorted; the caller frees it).
 */
int
pipeline_rebuild_keeping(struct pipeline *p, struct ingest_result *res,
    day_t **kept, size_t *nkept, char **cause)
{
	struct snapshot_info	 si;
	int64_t			 id = 0, after = 0;

	memset(res, 0, sizeof *res);
	*kept = NULL;
	*nkept = 0;
	if (store_begin(p->store, cause) != 0)
		return -1;
	if (store_clear_rebuildable(p->store, kept, nkept, cause) != 0)
		goto fail;
	for (;;) {
		if (store_snapshot_next(p->store, after, &id, &si, cause) != 0)
			goto fail;
		if (id == 0)
			break;
		after = id;
		if (si.raw == NULL) {
			res->skipped++;
			progress_set(p->progress, res->snapshots + res->skipped);
			continue;
		}
		if (pipeline_recount(p, id, &si, res, cause) != 0)
			goto fail;
		res->snapshot_id = id;
		res->snapshots++;
		progress_set(p->progress, res->snapshots + res->skipped);
	}
	if (store_commit(p->store, cause) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(p->store);
	free(*kept);
	*kept = NULL;
	*nkept = 0;
	return -1;
}

/* pipeline_rebuild_keeping, without the list of kept days. */
int
pipeline_rebuild(struct pipeline *p, struct ingest_result *res, char **cause)
{
	day_t	*kept;
	size_t	 nkept;
	int	 rc;

	rc = pipeline_rebuild_keeping(p, res, &kept, &nkept, cause);
	free(kept);
	return rc;
}
