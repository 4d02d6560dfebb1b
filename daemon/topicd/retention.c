/*
 * The daemon's retention, in its idle time: a minute after start and
 * then once a day, old raw snapshot bytes, alert history and finished
 * outbox rows go (store_prune.c), a small batch a transaction with the
 * loop free between batches, so no fetch or request waits long. What went
 * is logged. It never vacuums: the freed pages are reused by later writes.
 *
 * The full-text index is kept here too: topicd's commits leave it to this
 * file (schema 10), so a snapshot never waits for FTS5. A second after a
 * snapshot is stored, and a second after the start (catching up after a
 * crash), small steps with the loop free between them index the papers
 * the index lacks, then do FTS5's merge work (schema 9 turned its merge at
 * commit off), until there is nothing left to do.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "daemon/topicd/topicd.h"
#include "daemon/sys/sys.h"

#define RETENTION_FIRST	60	/* seconds after start */
#define RETENTION_EVERY	86400	/* seconds between runs */
#define RETENTION_BATCH	16	/* rows of each kind a transaction */
#define SEARCH_AFTER	1	/* seconds after a snapshot or the start */
#define SEARCH_PAPERS	512	/* papers indexed a step */
#define MERGE_PAGES	64	/* FTS5 'merge' work a step */

struct retention {
	struct store			*store;
	struct config		*const	*conf;	/* the current one */
	struct event			*timer;
	struct event			*search;	/* the index's upkeep */
	unsigned			 search_steps;	/* this upkeep's */
	struct prune_result		 r;	/* this run's, so far */
	int				 running;
};

static void	retention_timer(evutil_socket_t, short, void *);
static void	retention_search_step(evutil_socket_t, short, void *);

/* Arm the timer for seconds (and usec) from now. */
static void
retention_arm(struct retention *rt, long seconds, long usec)
{
	struct timeval	 tv = { seconds, usec };

	evtimer_add(rt->timer, &tv);
}

/* Log what a finished run removed. */
static void
retention_log(const struct retention *rt)
{
	const struct prune_result	*r = &rt->r;
	char				 f[11], l[11];

	if (r->raw + r->alert_events + r->outbox == 0) {
		log_debug("retention: nothing to prune");
		return;
	}
	if (r->raw > 0) {
		day_format(r->raw_first, f);
		day_format(r->raw_last, l);
		log_info("retention: pruned the raw bytes of %zu snapshot%s "
		    "(%lld bytes, days %s..%s)", r->raw, r->raw == 1 ? "" :
		    "s", (long long)r->raw_bytes, f, l);
	}
	if (r->alert_events + r->outbox > 0)
		log_info("retention: pruned %zu alert history event%s and %zu "
		    "outbox row%s", r->alert_events, r->alert_events == 1 ?
		    "" : "s", r->outbox, r->outbox == 1 ? "" : "s");
}

/* One batch; then the next soon, or the next run tomorrow. */
static void
retention_timer(evutil_socket_t fd, short what, void *arg)
{
	struct retention	*rt = arg;
	struct prune_policy	 pp;
	char			*cause = NULL;
	int			 more = 0;

	(void)fd;
	(void)what;
	if (!rt->running) {
		memset(&rt->r, 0, sizeof rt->r);
		rt->running = 1;
	}
	store_prune_policy(&pp, *rt->conf, time(NULL), RETENTION_BATCH);
	if (store_prune_batch(rt->store, &pp, 0, &rt->r, &more, &cause) != 0) {
		/* Nothing of the batch is lost; tried again tomorrow. */
		log_warnx("retention: %s", cause);
		free(cause);
		more = 0;
	}
	if (more) {
		retention_arm(rt, 0, 200000);
		return;
	}
	retention_log(rt);
	rt->running = 0;
	retention_arm(rt, RETENTION_EVERY, 0);
}

/*
 * One step of the index's upkeep: papers it lacks first, then merge work;
 * the next soon while there is more. On an error the index stays right,
 * only behind or less merged: the next snapshot or start retries.
 */
static void
retention_search_step(evutil_socket_t fd, short what, void *arg)
{
	struct retention	*rt = arg;
	struct timeval		 soon = { 0, 50000 };
	char			*cause = NULL;
	int64_t			 left;
	int			 more;

	(void)fd;
	(void)what;
	if (store_search_catch_up(rt->store, SEARCH_PAPERS, &left,
	    &cause) != 0) {
		log_warnx("search index: %s", cause);
		free(cause);
		return;
	}
	more = left > 0;
	if (!more && store_search_merge(rt->store, MERGE_PAGES, &more,
	    &cause) != 0) {
		log_warnx("search index merge: %s", cause);
		free(cause);
		return;
	}
	rt->search_steps++;
	if (more) {
		evtimer_add(rt->search, &soon);
		return;
	}
	log_debug("search index: up to date, %u steps", rt->search_steps);
	rt->search_steps = 0;
}

/* A snapshot was stored: index it, and merge, when the loop is idle. */
void
retention_search_soon(struct retention *rt)
{
	struct timeval	 tv = { SEARCH_AFTER, 0 };

	if (rt != NULL && !evtimer_pending(rt->search, NULL))
		evtimer_add(rt->search, &tv);
}

/*
 * Start retention on base for store, with the settings of *conf (read
 * at each batch, so a reload applies); never NULL.
 */
struct retention *
retention_new(struct event_base *base, struct store *store,
    struct config *const *conf)
{
	struct retention	*rt = xcalloc(1, sizeof *rt);

	rt->store = store;
	rt->conf = conf;
	rt->timer = evtimer_new(base, retention_timer, rt);
	rt->search = evtimer_new(base, retention_search_step, rt);
	retention_arm(rt, RETENTION_FIRST, 0);
	store_search_defer(store, 1);
	retention_search_soon(rt);
	return rt;
}

/* Stop it; NULL is fine. */
void
retention_free(struct retention *rt)
{
	if (rt == NULL)
		return;
	if (rt->timer != NULL)
		event_free(rt->timer);
	if (rt->search != NULL)
		event_free(rt->search);
	free(rt);
}
