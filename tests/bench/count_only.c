/*
 * The floor of topicd's ingest, for the benchmark: a JSONL archive read
 * from memory, parsed and counted into per-day document frequencies
 * (tokenizer, phrases, topics: what topic ingest counts), on one thread,
 * with nothing stored. It measures the same step the peer's figure
 * measures (text to counts; the peer's excludes reading the file too), so
 * run.sh can show how much of an ingest is counting and how much is
 * storing.
 *
 * usage: count_only ARCHIVE.jsonl
 * prints: docs=N parse_seconds=S count_seconds=S docs_per_s=N terms=N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/digest/digest.h"

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The whole of path, NUL-terminated, or exit. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	struct digest_options	 o;
	struct digest		*d;
	struct wordlist		*wl;
	struct tokenizer	*tk;
	struct topics		*topics;
	struct tally		*ta;
	char			*text, *cause = NULL;
	size_t			 len, i, j, terms = 0;
	double			 t0, t1, t2;

	if (argc != 2) {
		fprintf(stderr, "usage: count_only ARCHIVE.jsonl\n");
		return 2;
	}
	text = slurp(argv[1], &len);
	memset(&o, 0, sizeof o);
	o.name = argv[1];
	o.date = DAY_NONE;
	t0 = now();
	if ((d = digest_parse(FORMAT_JSONL, text, len, &o, &cause)) == NULL) {
		fprintf(stderr, "count_only: %s\n", cause);
		return 1;
	}
	t1 = now();
	wl = wordlist_default();
	tk = tokenizer_new(wl);
	if ((topics = topics_default(tk, &cause)) == NULL) {
		fprintf(stderr, "count_only: %s\n", cause);
		return 1;
	}
	ta = tally_new(tk);
	tally_set_topics(ta, topics);
	/* One day at a time, as topic ingest counts an archive. */
	for (i = 0; i < d->n; i = j) {
		tally_clear(ta);
		tally_add_day(ta, d->entries[i].day);
		for (j = i; j < d->n && d->entries[j].day ==
		    d->entries[i].day; j++)
			tally_add_paper(ta, d->entries[j].day,
			    d->entries[j].title, d->entries[j].abstract);
		(void)tally_cells(ta, &len);
		terms += len;
	}
	t2 = now();
	printf("docs=%zu parse_seconds=%.3f count_seconds=%.3f "
	    "docs_per_s=%.0f cells=%zu vocabulary=%u\n", d->n, t1 - t0,
	    t2 - t1, d->n / (t2 - t1), terms, tokenizer_term_count(tk));
	tally_free(ta);
	topics_free(topics);
	tokenizer_free(tk);
	wordlist_free(wl);
	digest_free(d);
	free(text);
	return 0;
}
