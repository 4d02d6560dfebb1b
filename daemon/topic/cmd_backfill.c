/*
 * topic backfill: the past digests of a source whose URL carries the date,
 * one request a day, politely (at least FETCH_HOST_SPACING seconds apart,
 * Retry-After honoured, backing off on failures), each stored as that
 * day's snapshot by the daemon's own fetch and pipeline code. A day with
 * a snapshot of the source is never fetched again, so an interrupted or
 * failed run is resumed by running it again. Alerts are not evaluated.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

#define BACKFILL_WAIT_MAX	3600	/* seconds, the longest --wait */
#define BACKFILL_TRIES		3	/* of a day answered 429 or 503 */
#define BACKFILL_BACKOFF_MAX	300	/* seconds, the longest pause */
#define BACKFILL_GIVE_UP	5	/* failed days in a row that stop it */

static const struct options_entry backfill_options[] = {
	{ .name = "from", .kind = OPTIONS_DAY, .flags = OPTIONS_CLI,
	  .arg = "DATE", .help = "the first day to fetch" },
	{ .name = "to", .kind = OPTIONS_DAY, .flags = OPTIONS_CLI,
	  .arg = "DATE", .help = "the last day to fetch (not after today)" },
	{ .name = "wait", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "SECONDS", .help = "between two requests (default and least "
	  "3)" },
	{ .name = "verbose", .letter = 'v', .kind = OPTIONS_FLAG,
	  .flags = OPTIONS_CLI, .help = "one line a day" },
	{ .name = NULL }
};

struct backfill {
	struct event_base	*base;
	struct fetcher		*fetcher;
	struct event		*timer;
	struct event		*sigs[2];
	struct store		*store;
	struct pipeline		*pipe;
	const struct config	*conf;
	const struct source_conf *sc;
	int64_t			 source_id;
	day_t			 from, to;
	day_t			 day;		/* being fetched, or next */
	long			 wait;
	int			 verbose;
	struct progress		*progress;	/* on a terminal, or NULL */
	int			 busy;		/* a request is in flight */
	int			 tries;		/* of this day */
	int			 failures;	/* days in a row */
	int			 signal;	/* that stops the run */
	int			 stopped;	/* by failures */
	int			 store_failed;	/* the day is not stored */
	size_t			 todo, done;
	size_t			 fetched, empty, stored, failed, same;
	char			 url[4096];
};

static void	backfill_next(struct backfill *, long);

/* Say what went wrong with the day being fetched, on one line. */
static void
backfill_warn(struct backfill *b, const char *what)
{
	char	 d[11];

	day_format(b->day, d);
	progress_clear(b->progress);
	log_warnx("backfill %s %s: %s", b->sc->name, d, what);
}

/* Whether the source has a snapshot of day; -1 (said) on a store error. */
static int
backfill_stored(struct backfill *b, day_t day)
{
	char	*cause = NULL;
	int64_t	 id;

	if (store_snapshot_day(b->store, b->source_id, day, &id,
	    &cause) != 0) {
		progress_clear(b->progress);
		log_cause(cause);
		return -1;
	}
	return id != 0;
}

/* Leave the loop: done, interrupted or stopped. */
static void
backfill_end(struct backfill *b)
{
	evtimer_del(b->timer);
	event_base_loopexit(b->base, NULL);
}

/* The pause after n failed days in a row: wait doubled n times, capped. */
static long
backfill_backoff(const struct backfill *b, int n)
{
	long	 delay = b->wait;

	while (n-- > 0 && delay < BACKFILL_BACKOFF_MAX)
		delay *= 2;
	return delay < BACKFILL_BACKOFF_MAX ? delay : BACKFILL_BACKOFF_MAX;
}

/* The day failed: nothing stored, counted, retried by the next run. */
static void
backfill_failed(struct backfill *b, const char *why)
{
	backfill_warn(b, why);
	b->failed++;
	b->failures++;
}

/* Store the answer for the day; a store failure stops the run. */
static void
backfill_ingest(struct backfill *b, struct fetch_response *r)
{
	struct ingest_result	 res;
	char			*cause = NULL, d[11], *why;

	if (pipeline_ingest_fetched(b->pipe, b->sc, r, b->day, time(NULL),
	    &res, &cause) != 0) {
		if (store_error(b->store) != 0) {
			xasprintf(&why, "not stored: %s", cause);
			backfill_warn(b, why);
			free(why);
			b->store_failed = 1;
		} else {
			xasprintf(&why, "%s: not stored: %s", b->url, cause);
			backfill_failed(b, why);
			free(why);
		}
		free(cause);
		return;
	}
	b->failures = 0;
	day_format(b->day, d);
	if (res.unchanged) {
		b->same++;
		if (b->verbose)
			printf("%s same bytes as snapshot %lld: not stored "
			    "again\n", d, (long long)res.snapshot_id);
	} else if (res.entries == 0) {
		b->empty++;
		if (b->verbose)
			printf("%s no papers\n", d);
	} else {
		b->fetched++;
		if (b->verbose)
			printf("%s %zu papers, %zu new\n", d, res.entries,
			    res.new_papers);
	}
	if (b->verbose)
		fflush(stdout);
}

/*
 * A request ended: on 429 or 503 try the day again after Retry-After (or
 * a back-off; at least the wait), up to BACKFILL_TRIES times; else store it or count it
 * failed, and go on to the next day.
 */
static void
backfill_fetched(struct fetch_response *r, const char *error, void *arg)
{
	struct backfill	*b = arg;
	char		*why;
	long		 delay;

	b->busy = 0;
	if (error != NULL && (r->status == 429 || r->status == 503) &&
	    ++b->tries < BACKFILL_TRIES && !b->signal) {
		delay = r->retry_after > 0 ? r->retry_after :
		    backfill_backoff(b, b->tries);
		if (delay < b->wait)
			delay = b->wait;
		if (b->verbose) {
			xasprintf(&why, "%s: trying again in %ld s", error,
			    delay);
			backfill_warn(b, why);
			free(why);
		}
		backfill_next(b, delay);
		return;
	}
	if (error != NULL)
		backfill_failed(b, error);
	else
		backfill_ingest(b, r);
	if (b->store_failed) {
		backfill_end(b);
		return;
	}
	b->tries = 0;
	b->done++;
	b->day++;
	progress_set(b->progress, b->done);
	if (b->failures >= BACKFILL_GIVE_UP) {
		progress_clear(b->progress);
		log_warnx("backfill %s: %d days in a row failed: giving up "
		    "for now", b->sc->name, b->failures);
		b->stopped = 1;
	}
	if (b->signal || b->stopped)
		backfill_end(b);
	else
		backfill_next(b, backfill_backoff(b, b->failures));
}

/* The timer: request the day. */
static void
backfill_timer(evutil_socket_t fd, short what, void *arg)
{
	struct backfill		*b = arg;
	struct fetch_request	 rq;
	char			*cause = NULL;

	(void)fd;
	(void)what;
	fetch_url_day(b->sc->url, b->day, b->url, sizeof b->url);
	fetch_request_source(&rq, b->sc, b->conf->user_agent, b->url);
	if (fetcher_start(b->fetcher, &rq, backfill_fetched, b,
	    &cause) != 0) {
		backfill_warn(b, cause);
		free(cause);
		b->stopped = 1;
		backfill_end(b);
		return;
	}
	b->busy = 1;
}

/*
 * Go on with the first day from b->day on that is not stored, in delay
 * seconds; leave the loop when none is left.
 */
static void
backfill_next(struct backfill *b, long delay)
{
	struct timeval	 tv = { delay, 0 };
	int		 stored = 0;

	while (b->day <= b->to && (stored = backfill_stored(b, b->day)) == 1)
		b->day++;
	if (stored < 0)
		b->stopped = 1;
	if (stored < 0 || b->day > b->to) {
		backfill_end(b);
		return;
	}
	evtimer_add(b->timer, &tv);
}

/* SIGINT, SIGTERM: finish the request in flight, then stop. */
static void
backfill_signal(evutil_socket_t sig, short what, void *arg)
{
	struct backfill	*b = arg;
	char		 d[11];

	(void)what;
	if (b->signal)
		return;
	b->signal = (int)sig;
	if (!b->busy) {
		backfill_end(b);
		return;
	}
	day_format(b->day, d);
	progress_clear(b->progress);
	log_warnx("backfill %s: interrupted: finishing the request for %s",
	    b->sc->name, d);
}

/* The source called name in c, or NULL (said). */
static const struct source_conf *
backfill_source(const struct config *c, const char *name)
{
	size_t	 i;

	if (c == NULL) {
		log_warnx("backfill %s: no configuration (--config FILE or "
		    "$TOPICD_CONF) to find the source in", name);
		return NULL;
	}
	for (i = 0; i < c->nsources; i++) {
		if (strcmp(c->sources[i].name, name) == 0)
			break;
	}
	if (i == c->nsources) {
		log_warnx("backfill %s: %s has no [source %s]", name, c->path,
		    name);
		return NULL;
	}
	if (!fetch_url_dated(c->sources[i].url)) {
		log_warnx("%s:%ld: source %s: url %s carries no date field "
		    "(such as %%Y-%%m-%%d) to backfill by", c->path,
		    c->sources[i].line, name, c->sources[i].url);
		return NULL;
	}
	return &c->sources[i];
}

/* Refuse a range reaching past today (local time). */
static int
backfill_range(day_t from, day_t to)
{
	struct tm	 tm;
	time_t		 now = time(NULL);
	day_t		 today = DAY_NONE;
	char		 t[11], d[11];

	if (topic_day_range(from, to) != 0)
		return -1;
	localtime_r(&now, &tm);
	if (day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    &today) != 0 || to <= today)
		return 0;
	day_format(today, t);
	day_format(to, d);
	log_warnx("--to %s is after today (%s): no digest to fetch yet; "
	    "nothing fetched", d, t);
	return -1;
}

/* Parse --wait SECONDS: at least FETCH_HOST_SPACING. */
static int
backfill_wait_option(const char *arg, long *wait)
{
	char	*end;
	long	 v;

	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || v < FETCH_HOST_SPACING ||
	    v > BACKFILL_WAIT_MAX) {
		log_warnx("--wait %s: want whole seconds from %d (the least "
		    "gap between requests to one host) to %d", arg,
		    FETCH_HOST_SPACING, BACKFILL_WAIT_MAX);
		return -1;
	}
	*wait = v;
	return 0;
}

/* The loop over the days, with the signals; the exit status. */
static int
backfill_run(struct backfill *b)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	char		 f[11], t[11], d[11], what[128];
	day_t		 day;
	size_t		 i;
	int		 stored;

	for (day = b->from; day <= b->to; day++) {
		if ((stored = backfill_stored(b, day)) < 0)
			return 1;
		b->stored += (size_t)stored;
	}
	b->todo = (size_t)(b->to - b->from + 1) - b->stored;
	b->day = b->from;
	snprintf(what, sizeof what, "backfill %s: days", b->sc->name);
	b->progress = progress_new(what, b->todo, 0);
	b->timer = evtimer_new(b->base, backfill_timer, b);
	for (i = 0; i < 2; i++) {
		b->sigs[i] = evsignal_new(b->base, sigs[i], backfill_signal, b);
		evsignal_add(b->sigs[i], NULL);
	}
	backfill_next(b, 0);
	event_base_dispatch(b->base);
	progress_end(b->progress);
	b->progress = NULL;
	for (i = 0; i < 2; i++)
		event_free(b->sigs[i]);
	event_free(b->timer);

	day_format(b->from, f);
	day_format(b->to, t);
	printf("backfill %s %s..%s: %zu fetched, %zu empty, %zu already "
	    "stored, %zu failed", b->sc->name, f, t, b->fetched, b->empty,
	    b->stored, b->failed);
	if (b->same > 0)
		printf(", %zu same as a stored day", b->same);
	if (b->done < b->todo)
		printf(", %zu left", b->todo - b->done);
	printf("\n");
	fflush(stdout);
	day_format(b->day, d);
	if (b->done < b->todo)
		log_warnx("backfill %s: %s at %s; run it again to resume",
		    b->sc->name, b->signal == SIGINT ? "interrupted (SIGINT)" :
		    b->signal == SIGTERM ? "terminated (SIGTERM)" :
		    b->store_failed ? "the database cannot be written: stopped" :
		    "stopped", d);
	else if (b->failed > 0)
		log_warnx("backfill %s: %zu day%s failed; run it again to "
		    "retry %s", b->sc->name, b->failed, b->failed == 1 ? "" :
		    "s", b->failed == 1 ? "it" : "them");
	if (b->signal && b->done < b->todo)
		return 128 + b->signal;
	return b->stopped || b->store_failed || b->failed > 0 ? 1 : 0;
}

/* topic backfill --from DATE --to DATE [options] SOURCE */
static int
cmd_backfill(struct options_values *ov, int argc, char **argv)
{
	struct backfill		 b;
	struct topic_loop	 l;
	struct wordlist		*wl = NULL;
	const char		*wait;
	char			*cause = NULL;
	int			 rc = 1;

	(void)argc;
	memset(&b, 0, sizeof b);
	memset(&l, 0, sizeof l);
	b.from = (day_t)options_num(ov, "from", DAY_NONE);
	b.to = (day_t)options_num(ov, "to", DAY_NONE);
	b.wait = FETCH_HOST_SPACING;
	if ((wait = options_str(ov, "wait", NULL)) != NULL &&
	    backfill_wait_option(wait, &b.wait) != 0)
		return 1;
	b.verbose = options_flag(ov, "verbose");
	if (b.from == DAY_NONE || b.to == DAY_NONE)
		return topic_usage_error(&cmd_backfill_entry);
	if (backfill_range(b.from, b.to) != 0)
		return 1;
	b.conf = topic_config();
	if ((b.sc = backfill_source(b.conf, argv[0])) == NULL)
		return 1;
	if ((wl = topic_wordlist()) == NULL ||
	    (b.store = topic_store(0)) == NULL)
		goto out;
	if (store_source(b.store, b.sc->name, b.sc->url, time(NULL),
	    &b.source_id, &cause) != 0) {
		log_cause(cause);
		goto out;
	}
	b.pipe = pipeline_new(b.store, wl);
	if (topic_set_topics(b.pipe) != 0 || topic_loop_start(&l, NULL) != 0)
		goto out;
	b.base = l.base;
	b.fetcher = l.fetcher;
	rc = backfill_run(&b);
out:
	topic_loop_end(&l);
	pipeline_free(b.pipe);
	store_close(b.store);
	wordlist_free(wl);
	return rc;
}

const struct cmd_entry cmd_backfill_entry = {
	"backfill", "SOURCE", 1, 1,
	"past days of a dated source, fetched",
	"Fetches each day from --from to --to (YYYY-MM-DD) of SOURCE, a\n"
	"[source] of the configuration whose url carries the date as strftime\n"
	"fields (?date=%Y-%m-%d), and stores it as that day's snapshot. Days\n"
	"already stored are skipped, so an interrupted run resumes where it\n"
	"stopped. Requests are --wait seconds apart (default and least 3).\n",
	backfill_options, cmd_backfill
};
