/*
 * The counting path on several threads: parsed papers split into equal
 * contiguous parts, each counted by its own thread with its own
 * tokenizer, topics and tally, then merged so that every day is counted
 * in exactly one part (the first that has it): the same document
 * frequencies and papers per day as one thread. Memory and threads only;
 * nothing is stored.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ingest/ingest.h"
#include "ingest_int.h"

/* One thread's share: the papers v[0..n) into its own vocabulary. */
struct tally_part {
	const struct entry	*v;
	size_t			 n;
	struct pipeline_vocab	 vocab;
};

/* A thread: count its part, day by day in its order. */
static void *
pipeline_tally_part(void *arg)
{
	struct tally_part	*pt = arg;
	size_t			 i;

	for (i = 0; i < pt->n; i++) {
		if (pt->v[i].update)
			tally_add_day(pt->vocab.ta, pt->v[i].day);
		else
			tally_add_paper(pt->vocab.ta, pt->v[i].day,
			    pt->v[i].title, pt->v[i].abstract);
	}
	return NULL;
}

/*
 * Count the papers v[0..n) (not their updates, as an ingest of new papers
 * counts them) on threads threads (1 or more; no more than papers) into
 * *out, which the caller frees with pipeline_counts_free. Part k holds
 * the k-th share of v; a day fed by two parts (a share's boundary in the
 * middle of it, or a day whose papers come back later) is moved into the
 * first part that counted it, in part order, so the counts per day are
 * those of one thread whatever the number of threads. 0, or -1 with
 * *cause (bad topics).
 */
int
pipeline_count_threads(struct pipeline *p, const struct entry *v, size_t n,
    int threads, struct pipeline_counts *out, char **cause)
{
	struct tally_part	*pt;
	pthread_t		*tid;
	day_t			*days;
	uint32_t		*papers;
	size_t			 k, nt, i, j, nd, d;
	int			 rc = 0;

	memset(out, 0, sizeof *out);
	nt = threads < 1 ? 1 : (size_t)threads;
	if (nt > n)
		nt = n > 0 ? n : 1;
	pt = xcalloc(nt, sizeof *pt);
	tid = xcalloc(nt, sizeof *tid);
	for (k = 0; k < nt; k++) {
		pt[k].v = v + n * k / nt;
		pt[k].n = n * (k + 1) / nt - n * k / nt;
		if (pipeline_vocab_next(p, &pt[k].vocab, cause) != 0) {
			rc = -1;
			goto out;
		}
	}
	/* Part 0 on this thread; a part whose thread did not start too. */
	for (k = 1; k < nt; k++)
		if (pthread_create(&tid[k], NULL, pipeline_tally_part,
		    &pt[k]) != 0)
			pt[k].n = 0;	/* counted below, after the others */
	pipeline_tally_part(&pt[0]);
	for (k = 1; k < nt; k++) {
		if (pt[k].n != 0)
			pthread_join(tid[k], NULL);
		else {
			pt[k].n = n * (k + 1) / nt - n * k / nt;
			pipeline_tally_part(&pt[k]);
		}
	}
	/* Each day into the first part that has it. */
	for (k = 1; k < nt; k++) {
		nd = tally_days(pt[k].vocab.ta, &days, &papers);
		for (d = 0; d < nd; d++) {
			for (j = 0; j < k; j++)
				if (tally_has_day(pt[j].vocab.ta, days[d]))
					break;
			if (j < k)
				tally_move_day(pt[j].vocab.ta,
				    pt[k].vocab.ta, days[d]);
		}
		free(days);
		free(papers);
	}
	out->parts = xcalloc(nt, sizeof *out->parts);
	for (k = 0; k < nt; k++) {
		out->parts[k] = pt[k].vocab.ta;
		out->tokenizers = xreallocarray(out->tokenizers, k + 1,
		    sizeof *out->tokenizers);
		out->tokenizers[k] = pt[k].vocab.tk;
		out->topics = xreallocarray(out->topics, k + 1,
		    sizeof *out->topics);
		out->topics[k] = pt[k].vocab.topics;
		memset(&pt[k].vocab, 0, sizeof pt[k].vocab);
	}
	out->n = nt;
	for (i = 0; i < n; i++)
		out->papers += !v[i].update;
out:
	for (k = 0; k < nt; k++)
		pipeline_vocab_free(&pt[k].vocab);
	free(pt);
	free(tid);
	return rc;
}

/* Free counts; their struct itself is the caller's. */
void
pipeline_counts_free(struct pipeline_counts *c)
{
	size_t	 k;

	for (k = 0; k < c->n; k++) {
		tally_free(c->parts[k]);
		topics_free(c->topics[k]);
		tokenizer_free(c->tokenizers[k]);
	}
	free(c->parts);
	free(c->topics);
	free(c->tokenizers);
	memset(c, 0, sizeof *c);
}
