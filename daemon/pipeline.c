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
#define PIPELINE_VOCABULARY_MAX	(1U << 14)

/*
 * Record the papers e[0..n) of one day and count the new ones into ta. An update (arXiv's "replace": a new version of an old paper) is
 * recorded as an appearance and, when its key is unseen, stored as a
 * paper so later appearances link to it; but it is never counted as new:
 * its day (the first snapshot that lists it) says when topicd first saw
 * it, not when it was written, and its words add no count.
 */
static int
pipeline_papers(struct pipeline *p, const struct entry *v, size_t n,
    int64_t source, int64_t snapshot, struct tally *ta,
    struct ingest_result *res, char **cause)
{
	const struct entry	*e;
	size_t			 i;
	int			 added;

	for (i = 0; i < n; i++) {
		e = &v[i];
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

/*
 * A snapshot being counted: where it goes, what it brought so far, and a
 * tokenizer with its topics and a tally (the vocabulary of some days).
 */
struct pipeline_counter {
	int64_t			 source;
	int64_t			 snapshot;
	struct ingest_result	*res;
	struct u64map		*days;		/* the known days seen */
	struct tokenizer	*tk;
	struct topics		*topics;
	struct tally		*ta;
};

/* Start counting a snapshot into res. */
static void
pipeline_counter_init(struct pipeline_counter *c, int64_t source,
    int64_t snapshot, struct ingest_result *res)
{
	memset(c, 0, sizeof *c);
	c->source = source;
	c->snapshot = snapshot;
	c->res = res;
	c->days = u64map_new();
}

/* Free a counter's parts. */
static void
pipeline_counter_free(struct pipeline_counter *c)
{
	tally_free(c->ta);
	topics_free(c->topics);
	tokenizer_free(c->tk);
	u64map_free(c->days);
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
	tally_free(c->ta);
	topics_free(c->topics);
	tokenizer_free(c->tk);
	c->ta = NULL;
	c->topics = NULL;
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
 * Count the papers v[0..n) of day (n may be 0: a known day without new
 * papers) as one tally and store them.
 */
static int
pipeline_count_day(struct pipeline *p, struct pipeline_counter *c, day_t day,
    const struct entry *v, size_t n, char **cause)
{
	int	 added;

	if (pipeline_counter_next(p, c, cause) != 0)
		return -1;
	tally_add_day(c->ta, day);
	u64map_slot(c->days, (uint32_t)day, &added);
	c->res->days += added;
	if (pipeline_papers(p, v, n, c->source, c->snapshot, c->ta, c->res,
	    cause) != 0)
		return -1;
	return store_put_tally(p->store, c->source, c->ta, p->horizon, cause);
}

/*
 * Count the entries v[0..n) a run of same-day papers at a time, in the
 * digest's order. An archive sorted by day (the usual) therefore counts
 * exactly as its days arriving one by one would: the phrase policy of
 * schema/001-initial.sql sees the same papers in the same order, and
 * memory holds one day's tally, not the archive's. Returns how many
 * entries were counted: all when last, else all but the final run (whose
 * day may go on in the next piece of a stream).
 */
static int
pipeline_count_runs(struct pipeline *p, struct pipeline_counter *c,
    const struct entry *v, size_t n, int last, size_t *done, char **cause)
{
	size_t	 i, j;

	*done = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].day == v[i].day; j++)
			;
		if (j == n && !last)
			break;
		if (pipeline_count_day(p, c, v[i].day, v + i, j - i,
		    cause) != 0)
			return -1;
		*done = j;
	}
	return 0;
}

/*
 * Count the digest date too, when no paper had it (a day with a snapshot
 * is known even if it brings no paper), and finish the snapshot.
 */
static int
pipeline_count_end(struct pipeline *p, struct pipeline_counter *c, day_t date,
    size_t entries, char **cause)
{
	if (date != DAY_NONE && u64map_get(c->days, (uint32_t)date) == NULL &&
	    pipeline_count_day(p, c, date, NULL, 0, cause) != 0)
		return -1;
	return store_snapshot_finish(p->store, c->snapshot, entries,
	    c->res->new_papers, cause);
}

/* Count a digest held whole and finish its snapshot. */
static int
pipeline_count(struct pipeline *p, const struct digest *d, int64_t source,
    int64_t snapshot, struct ingest_result *res, char **cause)
{
	struct pipeline_counter	 c;
	size_t			 done;
	int			 rc;

	pipeline_counter_init(&c, source, snapshot, res);
	rc = pipeline_count_runs(p, &c, d->entries, d->n, 1, &done, cause);
	if (rc == 0)
		rc = pipeline_count_end(p, &c, d->date, d->n, cause);
	pipeline_counter_free(&c);
	return rc;
}

/* A setting, or NULL when it is unset or empty (an empty config value). */
static const char *
pipeline_setting(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/* The parser's options for request rq. */
static void
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
static void
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
static int
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

/* The SHA-256 of a whole file read in pieces. */
static int
pipeline_hash_file(struct file_stream *fs, char hash[65], char **cause)
{
	struct sha256	 h;
	const char	*piece;
	size_t		 n;

	sha256_init(&h);
	if (file_stream_rewind(fs, cause) != 0)
		return -1;
	do {
		if (file_stream_next(fs, &piece, &n, cause) != 0)
			return -1;
		sha256_update(&h, piece, n);
	} while (n > 0);
	sha256_final_hex(&h, hash);
	return 0;
}

/*
 * Store and count the JSONL archive fs a piece at a time (inside the
 * snapshot's transaction): each piece goes to the snapshot's bytes and to
 * the parser, and each finished day of papers is counted and forgotten.
 * The file must not change meanwhile (its hash was taken before): its
 * size and modification time are checked at the end.
 */
static int
pipeline_stream(struct pipeline *p, const struct ingest_request *rq,
    struct file_stream *fs, int64_t source, int64_t snapshot,
    struct ingest_result *res, char **cause)
{
	struct digest_options	 o;
	struct pipeline_counter	 c;
	struct jsonl_stream	*js;
	struct digest		*d = xcalloc(1, sizeof *d);
	const char		*piece;
	size_t			 n, off = 0, done;
	int			 rc = -1;

	pipeline_options(rq, &o);
	js = jsonl_stream_new(&o);
	pipeline_counter_init(&c, source, snapshot, res);
	if (file_stream_rewind(fs, cause) != 0)
		goto out;
	for (;;) {
		if (file_stream_next(fs, &piece, &n, cause) != 0)
			goto out;
		if (n == 0)
			break;
		if (off + n > file_stream_size(fs))
			break;
		if (store_snapshot_write(p->store, snapshot, off, piece, n,
		    cause) != 0 ||
		    jsonl_stream_feed(js, piece, n, d, cause) != 0 ||
		    pipeline_count_runs(p, &c, d->entries, d->n, 0, &done,
		    cause) != 0)
			goto out;
		res->entries += done;
		digest_drop(d, done);
		off += n;
	}
	if (off != file_stream_size(fs) || file_stream_changed(fs)) {
		xasprintf(cause, "%s: the file changed while it was read",
		    rq->origin);
		goto out;
	}
	if (jsonl_stream_end(js, d, cause) != 0 ||
	    pipeline_count_runs(p, &c, d->entries, d->n, 1, &done,
	    cause) != 0)
		goto out;
	res->entries += done;
	res->skipped = d->skipped;
	pipeline_warn(rq, d);
	rc = pipeline_count_end(p, &c, DAY_NONE, res->entries, cause);
out:
	pipeline_counter_free(&c);
	jsonl_stream_free(js);
	digest_free(d);
	return rc;
}

/*
 * Ingest a plain JSONL archive from a file without holding it in memory:
 * the same snapshot, papers and counts as pipeline_ingest of its bytes,
 * in one transaction, while memory holds a piece of the file and a day of
 * papers whatever the archive's size.
 */
int
pipeline_ingest_file(struct pipeline *p, const struct ingest_request *rq,
    struct file_stream *fs, struct ingest_result *res, char **cause)
{
	struct snapshot_info	 si;
	char			 hash[65];
	int64_t			 snapshot;

	memset(res, 0, sizeof *res);
	res->first_day = res->last_day = DAY_NONE;
	if (pipeline_hash_file(fs, hash, cause) != 0)
		return -1;
	memset(&si, 0, sizeof si);
	si.day = DAY_NONE;
	si.format = digest_format_name(FORMAT_JSONL);
	si.raw_len = file_stream_size(fs);
	if (pipeline_begin(p, rq, &si, hash, &snapshot, res, cause) != 0)
		return -1;
	if (snapshot != 0 &&
	    (pipeline_stream(p, rq, fs, si.source_id, snapshot, res,
	    cause) != 0 || store_commit(p->store, cause) != 0)) {
		store_rollback(p->store);
		res->snapshot_id = 0;
		return -1;
	}
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
