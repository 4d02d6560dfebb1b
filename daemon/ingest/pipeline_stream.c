/*
 * A large JSONL archive ingested from its file without holding it in
 * memory, on two threads. The reader reads the file a piece at a time
 * (decompressing gzip or xz on the way), parses it and counts each
 * finished day of papers into one of two vocabularies (the tokenizing,
 * parallel by nature); the caller's thread (the writer: the only one that
 * touches SQLite) stores each piece of the file's bytes and each day's
 * papers and counts, in the file's order, in one transaction. Memory
 * holds a few pieces and two days of papers, whatever the archive's size;
 * the counts are those of pipeline_ingest on the same bytes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ingest/ingest.h"
#include "daemon/sys/sys.h"
#include "ingest_int.h"

#define STREAM_PIECE		(128UL << 10)
#define STREAM_PIECES_AHEAD	2	/* pieces the reader may run ahead */
#define STREAM_INDEX_EVERY	2048	/* new papers between index steps */

/* What the reader hands the writer, in the file's order. */
enum stream_kind {
	STREAM_PIECE_READ,	/* bytes of the file, to store */
	STREAM_DAY,		/* a day's papers, counted into vocab[k] */
	STREAM_END,		/* the file was read whole */
	STREAM_FAILED		/* the reader stopped: cause */
};

struct stream_item {
	enum stream_kind	 kind;
	char			*bytes;		/* PIECE */
	size_t			 len;
	struct entry		*v;		/* DAY */
	size_t			 n;
	int			 k;
	char			*cause;		/* FAILED */
	struct stream_item	*next;
};

struct stream {
	struct pipeline		*p;
	struct file_stream	*fs;
	struct digest_options	 o;
	struct digest		*d;		/* the reader's parsed entries */

	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct stream_item	*head, *tail;
	size_t			 pieces;	/* pieces queued */
	int			 held[2];	/* vocab k awaits the writer */
	int			 stop;		/* the writer gave up */
	struct pipeline_vocab	 vocab[2];

	struct jsonl_stream	*js;		/* the reader's own */
	int			 next;		/* its next vocabulary */
	size_t			 indexed;	/* new papers the writer indexed */
};

/* Queue an item for the writer. */
static void
stream_put(struct stream *s, struct stream_item *it)
{
	pthread_mutex_lock(&s->mu);
	if (s->tail != NULL)
		s->tail->next = it;
	else
		s->head = it;
	s->tail = it;
	s->pieces += it->kind == STREAM_PIECE_READ;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* The next item for the writer, waiting for it. */
static struct stream_item *
stream_get(struct stream *s)
{
	struct stream_item	*it;

	pthread_mutex_lock(&s->mu);
	while (s->head == NULL)
		pthread_cond_wait(&s->cv, &s->mu);
	it = s->head;
	if ((s->head = it->next) == NULL)
		s->tail = NULL;
	s->pieces -= it->kind == STREAM_PIECE_READ;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return it;
}

/* Free an item and what it holds. */
static void
stream_item_free(struct stream_item *it)
{
	free(it->bytes);
	digest_entries_free(it->v, it->n);
	free(it->cause);
	free(it);
}

/*
 * Wait until vocabulary k is free (or the writer gave up: 0) and, when
 * pieces is set, until the writer has caught up with the pieces read.
 */
static int
stream_wait(struct stream *s, int k, int pieces)
{
	int	 go;

	pthread_mutex_lock(&s->mu);
	while (!s->stop && ((k >= 0 && s->held[k]) ||
	    (pieces && s->pieces >= STREAM_PIECES_AHEAD)))
		pthread_cond_wait(&s->cv, &s->mu);
	go = !s->stop;
	if (go && k >= 0)
		s->held[k] = 1;
	pthread_mutex_unlock(&s->mu);
	return go;
}

/* Give vocabulary k back to the reader. */
static void
stream_release(struct stream *s, int k)
{
	pthread_mutex_lock(&s->mu);
	s->held[k] = 0;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Tell the reader to stop and wait for nothing more from it. */
static void
stream_stop(struct stream *s)
{
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Hand the writer a failure. */
static void
stream_fail(struct stream *s, char *cause)
{
	struct stream_item	*it = xcalloc(1, sizeof *it);

	it->kind = STREAM_FAILED;
	it->cause = cause;
	stream_put(s, it);
}

/*
 * Count the first n parsed entries (one day) into the next free
 * vocabulary and hand them to the writer; 0, or -1 (stopped or failed).
 */
static int
stream_day(struct stream *s, size_t n, int *next)
{
	struct stream_item	*it;
	char			*cause = NULL;
	size_t			 cells;
	int			 k = *next;

	if (!stream_wait(s, k, 0))
		return -1;
	if (pipeline_vocab_next(s->p, &s->vocab[k], &cause) != 0) {
		stream_fail(s, cause);
		return -1;
	}
	it = xcalloc(1, sizeof *it);
	it->kind = STREAM_DAY;
	it->v = digest_take(s->d, n);
	it->n = n;
	it->k = k;
	pipeline_vocab_count(&s->vocab[k], it->v[0].day, it->v, n, NULL);
	tally_cells(s->vocab[k].ta, &cells);	/* sorted here, not by the writer */
	stream_put(s, it);
	*next = !k;
	return 0;
}

/*
 * A decoded piece of the file for the parser (file_piece_fn): its whole
 * lines become papers, and each finished day is counted and handed over
 * (the last day may go on in the next piece). -1 without a cause when
 * the writer gave up or the failure was handed over already.
 */
static int
stream_text(void *arg, const char *p, size_t n, char **cause)
{
	struct stream	*s = arg;
	size_t		 k;

	if (jsonl_stream_feed(s->js, p, n, s->d, cause) != 0)
		return -1;
	while ((k = pipeline_run(s->d->entries, s->d->n)) < s->d->n)
		if (stream_day(s, k, &s->next) != 0)
			return -1;
	return 0;
}

/*
 * The reader thread: read the file (decompressing a gzip or xz file on
 * the way), parse it and count it, day by day.
 */
static void *
stream_reader(void *arg)
{
	struct stream		*s = arg;
	struct stream_item	*it;
	struct file_decoder	*dec = NULL;
	char			*cause = NULL, *buf;
	size_t			 off = 0, n, k;

	s->js = jsonl_stream_new(&s->o);
	for (;;) {
		if (!stream_wait(s, -1, 1))
			goto out;
		buf = xmalloc(STREAM_PIECE);
		if (file_stream_read_at(s->fs, off, buf, STREAM_PIECE, &n,
		    &cause) != 0)
			goto fail_piece;
		if (n == 0 || off + n > file_stream_size(s->fs)) {
			free(buf);
			break;
		}
		if (dec == NULL && (dec = file_decoder_new(s->o.name, buf, n,
		    PIPELINE_MAX_TEXT, &cause)) == NULL)
			goto fail_piece;
		off += n;
		/* Parsed before it is handed over: the writer frees it. */
		if (file_decoder_feed(dec, buf, n, 0, stream_text, s,
		    &cause) != 0)
			goto fail_piece;
		it = xcalloc(1, sizeof *it);
		it->kind = STREAM_PIECE_READ;
		it->bytes = buf;
		it->len = n;
		stream_put(s, it);
	}
	if ((dec != NULL && file_decoder_feed(dec, NULL, 0, 1, stream_text, s,
	    &cause) != 0) || jsonl_stream_end(s->js, s->d, &cause) != 0)
		goto fail;
	while ((k = pipeline_run(s->d->entries, s->d->n)) > 0)
		if (stream_day(s, k, &s->next) != 0)
			goto out;
	it = xcalloc(1, sizeof *it);
	it->kind = STREAM_END;
	it->len = off;
	stream_put(s, it);
	goto out;
fail_piece:
	free(buf);
fail:
	if (cause != NULL)
		stream_fail(s, cause);
out:
	file_decoder_free(dec);
	jsonl_stream_free(s->js);
	s->js = NULL;
	return NULL;
}

/*
 * The writer's part of one day: store its papers and its counts. When a
 * paper the reader counted is not new after all (already stored, or twice
 * in the day), the day is counted again with the new ones only.
 */
static int
stream_store_day(struct stream *s, struct pipeline_snapshot *ps,
    struct stream_item *it, char **cause)
{
	struct pipeline_vocab	*v = &s->vocab[it->k];
	uint8_t			*isnew = xmalloc(it->n);
	size_t			 i;
	int			 rc = -1;

	if (pipeline_papers(s->p, ps, it->v, it->n, isnew, cause) != 0)
		goto out;
	for (i = 0; i < it->n && isnew[i] == !it->v[i].update; i++)
		;
	if (i < it->n) {
		tally_clear(v->ta);
		pipeline_vocab_count(v, it->v[0].day, it->v, it->n, isnew);
	}
	rc = pipeline_put_day(s->p, ps, v, it->v[0].day, cause);
	ps->res->entries += it->n;
out:
	free(isnew);
	return rc;
}

/*
 * Index the papers stored so far once STREAM_INDEX_EVERY are new, in the
 * transaction: the writer does it while the reader parses the next days,
 * rather than all at the commit, after the reader has finished.
 */
static int
stream_index(struct stream *s, struct pipeline_snapshot *ps, char **cause)
{
	int64_t	 left;

	if (ps->res->new_papers - s->indexed < STREAM_INDEX_EVERY)
		return 0;
	s->indexed = ps->res->new_papers;
	return store_search_catch_up(s->p->store, 0, &left, cause);
}

/*
 * The writer: store what the reader hands over, in order, until the end
 * or a failure (either side's). The reader has stopped when it returns.
 */
static int
stream_write(struct stream *s, struct pipeline_snapshot *ps, char **cause)
{
	struct stream_item	*it;
	size_t			 off = 0;
	int			 rc = 0, done = 0;

	while (!done) {
		it = stream_get(s);
		switch (it->kind) {
		case STREAM_PIECE_READ:
			rc = store_snapshot_write(s->p->store, ps->snapshot,
			    off, it->bytes, it->len, cause);
			off += it->len;
			progress_set(s->p->progress, off);
			break;
		case STREAM_DAY:
			rc = stream_store_day(s, ps, it, cause);
			stream_release(s, it->k);
			if (rc == 0)
				rc = stream_index(s, ps, cause);
			break;
		case STREAM_END:
			if (it->len != file_stream_size(s->fs) ||
			    file_stream_changed(s->fs)) {
				xasprintf(cause, "%s: the file changed while "
				    "it was read", s->o.name);
				rc = -1;
			}
			done = 1;
			break;
		case STREAM_FAILED:
			*cause = it->cause;
			it->cause = NULL;
			rc = -1;
			done = 1;
			break;
		}
		stream_item_free(it);
		if (rc != 0) {
			stream_stop(s);
			done = 1;
		}
	}
	return rc;
}

/* The SHA-256 of the whole file. */
static int
stream_hash(struct file_stream *fs, char hash[65], char **cause)
{
	struct sha256	 h;
	char		*buf = xmalloc(STREAM_PIECE);
	size_t		 off = 0, n;
	int		 rc = -1;

	sha256_init(&h);
	for (;;) {
		if (file_stream_read_at(fs, off, buf, STREAM_PIECE, &n,
		    cause) != 0)
			goto out;
		if (n == 0)
			break;
		sha256_update(&h, buf, n);
		off += n;
	}
	rc = 0;
out:
	sha256_final_hex(&h, hash);	/* frees the context on failure too */
	free(buf);
	return rc;
}

/* Free what the stream holds (after the reader stopped). */
static void
stream_free(struct stream *s)
{
	struct stream_item	*it;

	while ((it = s->head) != NULL) {
		s->head = it->next;
		stream_item_free(it);
	}
	pipeline_vocab_free(&s->vocab[0]);
	pipeline_vocab_free(&s->vocab[1]);
	digest_free(s->d);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
}

/*
 * Ingest a JSONL archive (plain, gzip or xz) from a file: the same
 * snapshot, bytes, papers and counts as pipeline_ingest of its bytes, in
 * one transaction.
 * The file is hashed first (bytes already stored are "unchanged"); its
 * size and modification time must not change while it is read.
 */
int
pipeline_ingest_file(struct pipeline *p, const struct ingest_request *rq,
    struct file_stream *fs, struct ingest_result *res, char **cause)
{
	struct snapshot_info	 si;
	struct pipeline_snapshot ps;
	struct pipeline_vocab	 none;
	struct stream		 s;
	pthread_t		 reader;
	char			 hash[65];
	int64_t			 snapshot;
	int			 rc;

	memset(res, 0, sizeof *res);
	res->first_day = res->last_day = DAY_NONE;
	if (stream_hash(fs, hash, cause) != 0)
		return -1;
	memset(&si, 0, sizeof si);
	si.day = DAY_NONE;
	si.format = digest_format_name(FORMAT_JSONL);
	si.raw_len = file_stream_size(fs);
	if (pipeline_begin(p, rq, &si, hash, &snapshot, res, cause) != 0)
		return -1;
	if (snapshot == 0)
		return 0;	/* unchanged */

	memset(&s, 0, sizeof s);
	s.p = p;
	s.fs = fs;
	pipeline_options(rq, &s.o);
	s.d = xcalloc(1, sizeof *s.d);
	pthread_mutex_init(&s.mu, NULL);
	pthread_cond_init(&s.cv, NULL);
	pipeline_snapshot_init(&ps, si.source_id, snapshot, res);
	if (pthread_create(&reader, NULL, stream_reader, &s) != 0) {
		*cause = xstrdup("cannot start a thread");
		rc = -1;
	} else {
		rc = stream_write(&s, &ps, cause);
		pthread_join(reader, NULL);
	}
	/* The vocabularies' memory goes back before the search index's. */
	pipeline_vocab_free(&s.vocab[0]);
	pipeline_vocab_free(&s.vocab[1]);
	if (rc == 0) {
		res->skipped = s.d->skipped;
		pipeline_warn(rq, s.d);
		memset(&none, 0, sizeof none);
		rc = pipeline_count_end(p, &ps, &none, DAY_NONE,
		    res->entries, cause);
	}
	if (rc == 0)
		rc = store_commit(p->store, cause);
	if (rc != 0) {
		store_rollback(p->store);
		res->snapshot_id = 0;
	}
	pipeline_snapshot_free(&ps);
	stream_free(&s);
	return rc;
}
