/*
 * The one orchestrator: bytes -> parse -> papers -> tally -> store, in one
 * transaction per snapshot. Both programs ingest through here. Each stage
 * takes its input and returns its output; only this file knows the order.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "topicd.h"

#define PIPELINE_MAX_TEXT	(1024UL << 20)	/* a snapshot, decompressed */

struct pipeline {
	struct store		*store;
	struct tokenizer	*tk;
	struct topics		*topics;	/* owned; NULL: none counted */
	int			 horizon;
};

/* A pipeline writing to store, with stop words wl (both borrowed). */
struct pipeline *
pipeline_new(struct store *store, struct wordlist *wl)
{
	struct pipeline	*p = xcalloc(1, sizeof *p);

	p->store = store;
	p->horizon = PHRASE_HORIZON_DEFAULT;
	if ((p->tk = tokenizer_new(wl)) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

/* Free a pipeline; NULL is fine. */
void
pipeline_free(struct pipeline *p)
{
	if (p == NULL)
		return;
	topics_free(p->topics);
	tokenizer_free(p->tk);
	free(p);
}

/* Count these topics too from now on (takes ownership; parsed with tk). */
void
pipeline_set_topics(struct pipeline *p, struct topics *topics)
{
	topics_free(p->topics);
	p->topics = topics;
}

/* The tokenizer the pipeline counts with (for queries). */
struct tokenizer *
pipeline_tokenizer(struct pipeline *p)
{
	return p->tk;
}

/* Record the digest's papers and count the new ones into a tally. */
static int
pipeline_papers(struct pipeline *p, const struct digest *d, int64_t source,
    int64_t snapshot, struct tally *ta, struct ingest_result *res,
    char **cause)
{
	const struct entry	*e;
	size_t			 i;
	int			 added;

	if (d->date != DAY_NONE)
		tally_add_day(ta, d->date);
	for (i = 0; i < d->n; i++) {
		e = &d->entries[i];
		if (store_paper_add(p->store, e, source, snapshot, &added,
		    cause) != 0)
			return -1;
		if (added) {
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

/* Count the digest's new papers and store the tally and the snapshot. */
static int
pipeline_count(struct pipeline *p, const struct digest *d, int64_t source,
    int64_t snapshot, struct ingest_result *res, char **cause)
{
	struct tally	*ta = tally_new(p->tk);
	day_t		*days;
	uint32_t	*papers;
	int		 rc = -1;

	tally_set_topics(ta, p->topics);
	if (pipeline_papers(p, d, source, snapshot, ta, res, cause) != 0 ||
	    store_put_tally(p->store, source, ta, p->horizon, cause) != 0 ||
	    store_snapshot_finish(p->store, snapshot, res->new_papers,
	    cause) != 0)
		goto out;
	res->days = tally_days(ta, &days, &papers);
	free(days);
	free(papers);
	rc = 0;
out:
	tally_free(ta);
	return rc;
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
	struct digest_options	 o = { rq->origin, rq->date, rq->skip_bad };
	struct snapshot_info	 si;
	struct digest		*d;
	char			 hash[65];
	int64_t			 source, existing, snapshot;

	memset(res, 0, sizeof *res);
	res->first_day = res->last_day = DAY_NONE;
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
	si.format = digest_format_name(rq->format == FORMAT_AUTO ?
	    digest_sniff(rq->text, rq->text_len) : rq->format);
	si.origin = rq->origin;
	si.etag = rq->etag;
	si.last_modified = rq->last_modified;
	si.raw = rq->raw;
	si.raw_len = rq->raw_len;
	si.entries = d->n;
	if (store_snapshot_add(p->store, &si, &snapshot, cause) != 0)
		goto fail;
	if (pipeline_count(p, d, source, snapshot, res, cause) != 0 ||
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
