/*
 * Progress of long work on standard error: one line, redrawn in place,
 * with what is done of the total, the rate and the time left. Only when
 * standard error is a terminal: cron, pipes and tests see nothing, and
 * every function takes NULL (no meter) and does nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon/sys/sys.h"

#define PROGRESS_REDRAW	0.25	/* seconds between two drawings */

struct progress {
	char		*what;
	uint64_t	 total;		/* 0: not known */
	uint64_t	 done;
	int		 bytes;		/* counts are bytes */
	double		 started;
	double		 drawn;		/* last drawing, 0 for none */
};

/* Seconds on the monotonic clock. */
static double
progress_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A count for people: bytes as K, M or G (size_format); others as they are. */
static void
progress_amount(const struct progress *pg, double v, char *buf, size_t len)
{
	if (pg->bytes)
		size_format(v, buf, len);
	else
		snprintf(buf, len, "%.0f", v);
}

/*
 * A meter for work of total units (bytes when bytes is set; 0 when the
 * total is not known), or NULL when standard error is not a terminal.
 */
struct progress *
progress_new(const char *what, uint64_t total, int bytes)
{
	struct progress	*pg;

	if (!isatty(STDERR_FILENO))
		return NULL;
	pg = xcalloc(1, sizeof *pg);
	pg->what = xstrdup(what);
	pg->total = total;
	pg->bytes = bytes;
	pg->started = progress_now();
	return pg;
}

/* Draw the line: done of total (percent), rate, time left. */
static void
progress_draw(struct progress *pg, double now)
{
	char	 done[32], total[32], rate[32], left[32] = "";
	double	 secs = now - pg->started, r;

	r = secs > 0 ? pg->done / secs : 0;
	progress_amount(pg, pg->done, done, sizeof done);
	progress_amount(pg, r, rate, sizeof rate);
	if (pg->total > 0 && r > 0 && pg->done <= pg->total) {
		secs = (pg->total - pg->done) / r;
		snprintf(left, sizeof left, ", %d:%02d left", (int)secs / 60,
		    (int)secs % 60);
	}
	if (pg->total > 0) {
		progress_amount(pg, pg->total, total, sizeof total);
		fprintf(stderr, "\r%s: %s of %s (%.0f%%), %s/s%s\033[K",
		    pg->what, done, total, 100.0 * pg->done / pg->total, rate,
		    left);
	} else
		fprintf(stderr, "\r%s: %s, %s/s\033[K", pg->what, done, rate);
	fflush(stderr);
	pg->drawn = now;
}

/*
 * Note that done units are done; redraws at most four times a second,
 * and always when the total is reached.
 */
void
progress_set(struct progress *pg, uint64_t done)
{
	double	 now;

	if (pg == NULL)
		return;
	pg->done = done;
	now = progress_now();
	if (now - pg->drawn >= PROGRESS_REDRAW || done == pg->total)
		progress_draw(pg, now);
}

/* Add n done units. */
void
progress_add(struct progress *pg, uint64_t n)
{
	if (pg != NULL)
		progress_set(pg, pg->done + n);
}

/* Rub the line out before another line goes to standard error. */
void
progress_clear(struct progress *pg)
{
	if (pg == NULL || pg->drawn == 0)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	pg->drawn = 0;		/* the next progress_set draws again */
}

/* Clear the line (what follows is printed where it was) and free. */
void
progress_end(struct progress *pg)
{
	if (pg == NULL)
		return;
	if (pg->drawn > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	free(pg->what);
	free(pg);
}
