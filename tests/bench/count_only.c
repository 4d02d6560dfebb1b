/*
 * The floor of topicd's ingest, for the benchmark: a JSONL archive read
 * from memory, parsed and counted into per-day document frequencies
 * (tokenizer, phrases, topics: what topic ingest counts) by
 * pipeline_count_threads on THREADS threads (default 1), with nothing
 * stored. It measures the same step the peer's figure
 * measures (text to counts; the peer's excludes reading the file too), so
 * run.sh can show how much of an ingest is counting and how much is
 * storing.
 *
 * usage: count_only [-j THREADS] ARCHIVE.jsonl
 * prints: docs=N threads=N parse_seconds=S count_seconds=S docs_per_s=N
 *     cells=N vocabulary=N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/ingest/ingest.h"

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
	struct pipeline		*p;
	struct pipeline_counts	 c;
	char			*text, *cause = NULL;
	size_t			 len, k, cells = 0, vocabulary = 0;
	double			 t0, t1, t2;
	int			 threads = 1;

	if (argc == 4 && strcmp(argv[1], "-j") == 0) {
		threads = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || threads < 1) {
		fprintf(stderr, "usage: count_only [-j THREADS] ARCHIVE.jsonl\n");
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
	p = pipeline_new(NULL, wl);
	if (pipeline_count_threads(p, d->entries, d->n, threads, &c,
	    &cause) != 0) {
		fprintf(stderr, "count_only: %s\n", cause);
		return 1;
	}
	t2 = now();
	for (k = 0; k < c.n; k++) {
		cells += tally_cell_count(c.parts[k]);
		vocabulary += tokenizer_term_count(c.tokenizers[k]);
	}
	printf("docs=%zu threads=%d parse_seconds=%.3f count_seconds=%.3f "
	    "docs_per_s=%.0f cells=%zu vocabulary=%zu\n", d->n, threads,
	    t1 - t0, t2 - t1, d->n / (t2 - t1), cells, vocabulary);
	pipeline_counts_free(&c);
	pipeline_free(p);
	wordlist_free(wl);
	digest_free(d);
	free(text);
	return 0;
}
