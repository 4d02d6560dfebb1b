/*
 * The daemon's loop: one event_base, a timer per source, libcurl on the
 * same loop (fetch_multi.c), and the signals (SIGHUP reloads, SIGTERM and
 * SIGINT finish what is in flight and exit, SIGUSR1 reopens the log).
 * Each finished fetch goes through the pipeline, then its alert stage; the
 * notifications are delivered from the outbox on the same loop
 * (deliver.c). A failing source is logged and retried with back-off and
 * never stops the others. With listen set, the dashboard and JSON API
 * (http.c) answer on the same loop.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "daemon/topicd/topicd.h"
#include "daemon/sys/sys.h"

#define BACKOFF_FIRST	60	/* seconds before the first retry */
#define PARSE_PAUSE	3	/* parse failures in a row that pause */

struct server;

/* A source at run time: its settings and its fetch state. */
struct src {
	struct server		*sv;
	struct source_conf	 conf;
	int64_t			 id;		/* in the store */
	struct event		*timer;
	int			 busy;		/* a fetch is in flight */
	int			 removed;	/* gone from the config */
	int			 paused;
	int			 failures;	/* in a row */
	int			 parse_failures;
	time_t			 started;
	time_t			 next;		/* when its timer fires */
	int64_t			 runs;		/* pipeline runs */
	double			 run_seconds;	/* ... their time */
};

/* When a host was last asked, for politeness. */
struct host {
	char		*name;
	time_t		 last;
};

struct server {
	struct event_base	*base;
	struct config		*conf;
	const char		*conf_path;
	struct store		*store;
	struct wordlist		*wl;
	struct pipeline		*pipe;
	struct fetcher		*fetcher;
	struct deliverer	*dl;
	struct api_ctx		 api;
	struct http		*http;
	struct src		**srcs;
	size_t			 nsrcs;
	struct host		*hosts;
	size_t			 nhosts;
	struct event		*signals[4];
	struct event		*report;	/* the weekly report's timer */
	struct retention	*retention;
	int			 once;		/* -1: one pass */
	size_t			 once_left;
	int			 once_failed;
	int			 stopping;
};

static void	src_timer(evutil_socket_t, short, void *);

/*
 * Seconds from now (local time) to the next time of schedule sc: a day
 * of the week (or every day) at a minute after midnight.
 */
long
schedule_next(const struct schedule *sc, time_t now)
{
	struct tm	 tm;
	long		 minutes;
	int		 d, wday, today;

	localtime_r(&now, &tm);
	today = tm.tm_hour * 60 + tm.tm_min;
	wday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
	for (d = 0; d <= 7; d++) {
		if (sc->wday != 0 && (wday - 1 + d) % 7 + 1 != sc->wday)
			continue;
		minutes = (long)d * 1440 + sc->minute - today;
		if (minutes > 0)
			return minutes * 60 - tm.tm_sec;
	}
	return 7 * 86400L;
}

/*
 * Write the weekly report of the 7 days ending yesterday (with latest,
 * ending the last day with data instead), and its charts, into the report
 * folder, in the configured formats; failures are logged.
 */
static void
server_write_report(struct server *sv, time_t now, int latest)
{
	struct config	*c = sv->conf;
	struct tokenizer *tk;
	struct topics	*topics = NULL;
	struct report	 r;
	struct tm	 tm;
	char		*cause = NULL, *copy, *w, *save;
	day_t		 to, last;
	int		 formats = 0, f;

	copy = xstrdup(c->report_formats);
	for (w = strtok_r(copy, " ,", &save); w != NULL;
	    w = strtok_r(NULL, " ,", &save)) {
		if ((f = report_format_from_name(w)) >= 0)
			formats |= 1 << f;
	}
	free(copy);
	localtime_r(&now, &tm);
	if (day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    &to) != 0)
		return;
	to--;
	if (latest && store_last_day(sv->store, &last, &cause) == 0 &&
	    last != DAY_NONE && last < to)
		to = last;
	free(cause);
	cause = NULL;
	tk = tokenizer_new(sv->wl);
	if ((topics = pipeline_topics(sv->pipe, tk, &cause)) == NULL ||
	    report_build(sv->store, tk, topics, to - 6, to, &r, &cause) != 0)
		goto out;
	/* Say written only what was (a chart failed: *cause is set). */
	if (report_write(sv->store, &r, formats, c->report_dir, 0,
	    &cause) != 0)
		log_warnx("report %s: %s", r.week, cause);
	else {
		(void)report_charts(sv->store, &r, c->chart_format,
		    c->report_dir, &cause);
		if (cause != NULL)
			log_warnx("report %s written to %s, not all its "
			    "charts: %s", r.week, c->report_dir, cause);
		else
			log_info("report %s written to %s", r.week,
			    c->report_dir);
	}
	free(cause);
	cause = NULL;
	report_clear(&r);
out:
	if (cause != NULL) {
		log_warnx("report: %s", cause);
		free(cause);
	}
	topics_free(topics);
	tokenizer_free(tk);
}

/* The report's timer: write it, then wait for the next time. */
static void
server_report_timer(evutil_socket_t fd, short what, void *arg)
{
	struct server	*sv = arg;
	struct timeval	 tv = { 0, 0 };
	time_t		 now = time(NULL);

	(void)fd;
	(void)what;
	server_write_report(sv, now, 0);
	tv.tv_sec = schedule_next(&sv->conf->report, now + 60);
	tv.tv_sec += 60;
	evtimer_add(sv->report, &tv);
}

/* Seconds until a source's next fetch: its interval plus random jitter. */
static long
src_next_delay(const struct src *s)
{
	long	 jitter = 0;

	if (s->conf.jitter > 0)
		jitter = (long)(arc4random_uniform((uint32_t)s->conf.jitter + 1));
	return (long)s->conf.interval + jitter;
}

/*
 * Seconds until the next fetch: the interval when the last one worked;
 * after n failures in a row 1, 2, 4, ... minutes (never more than the
 * interval), and at least the server's Retry-After on 429 and 503.
 */
long
fetch_retry_delay(long interval, int failures, long status, long retry_after)
{
	long	 delay = interval, backoff;

	if (failures <= 0)
		return delay;
	backoff = (long)BACKOFF_FIRST << (failures > 10 ? 10 : failures - 1);
	if (backoff < delay)
		delay = backoff;
	if ((status == 429 || status == 503) && retry_after > delay)
		delay = retry_after;
	return delay;
}

/* Arm a source's timer to fire in seconds. */
static void
src_schedule(struct src *s, long seconds)
{
	struct timeval	 tv = { seconds < 0 ? 0 : seconds, 0 };

	s->next = time(NULL) + tv.tv_sec;
	evtimer_add(s->timer, &tv);
}

/* The host of an http(s) URL ("" for file://), into buf. */
static void
url_host(const char *url, char *buf, size_t len)
{
	const char	*p = strstr(url, "://"), *end;
	size_t		 n;

	buf[0] = '\0';
	if (p == NULL || strncmp(url, "file:", 5) == 0)
		return;
	p += 3;
	end = p + strcspn(p, "/?#");
	n = (size_t)(end - p) < len - 1 ? (size_t)(end - p) : len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

/* The host record for name, added if new. */
static struct host *
server_host(struct server *sv, const char *name)
{
	size_t	 i;

	for (i = 0; i < sv->nhosts; i++) {
		if (strcmp(sv->hosts[i].name, name) == 0)
			return &sv->hosts[i];
	}
	sv->hosts = xreallocarray(sv->hosts, sv->nhosts + 1,
	    sizeof *sv->hosts);
	sv->hosts[sv->nhosts].name = xstrdup(name);
	sv->hosts[sv->nhosts].last = 0;
	return &sv->hosts[sv->nhosts++];
}

/* Today's date in local time, as a day. */
static day_t
server_today(time_t now)
{
	struct tm	 tm;
	day_t		 d = DAY_NONE;

	localtime_r(&now, &tm);
	day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d);
	return d;
}

/* Leave the loop once nothing is in flight, when stopping or done. */
static void
server_maybe_exit(struct server *sv)
{
	if ((sv->stopping || (sv->once && sv->once_left == 0)) &&
	    fetcher_active(sv->fetcher) == 0 && !deliverer_busy(sv->dl))
		event_base_loopexit(sv->base, NULL);
}

/* The deliverer has nothing in flight. */
static void
server_deliveries_idle(void *arg)
{
	server_maybe_exit(arg);
}

/* Free a run-time source. */
static void
src_free(struct src *s)
{
	if (s == NULL)
		return;
	event_free(s->timer);
	config_source_clear(&s->conf);
	free(s);
}

/* Record a fetch in the store; a store error is only logged. */
static void
server_record(struct server *sv, struct src *s, const struct fetch_response *r,
    const char *outcome, int64_t snapshot, const char *error)
{
	struct fetch_record	 fr;
	char			*cause = NULL;

	memset(&fr, 0, sizeof fr);
	fr.source_id = s->id;
	fr.started = s->started;
	fr.seconds = r->seconds;
	fr.status = r->status;
	fr.outcome = outcome;
	fr.snapshot_id = snapshot;
	fr.error = error;
	if (store_fetch_add(sv->store, &fr, &cause) != 0) {
		log_warnx("source %s: %s", s->conf.name, cause);
		free(cause);
	}
}

/* Store a fetched body through the pipeline; 0, or -1 on a parse error. */
static int
src_ingest(struct src *s, struct fetch_response *r, time_t now)
{
	struct server		*sv = s->sv;
	struct ingest_result	 res;
	struct timespec		 t0, t1;
	char			*cause = NULL;
	double			 seconds;
	size_t			 changes;
	int			 rc = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = pipeline_ingest_fetched(sv->pipe, &s->conf, r, server_today(now),
	    now, &res, &cause);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	s->runs++;
	s->run_seconds += seconds;
	if (rc != 0) {
		rc = -1;
		goto out;
	}
	rc = -1;
	if (res.unchanged) {
		log_debug("source %s: unchanged (snapshot %lld)",
		    s->conf.name, (long long)res.snapshot_id);
		server_record(sv, s, r, "unchanged", res.snapshot_id, NULL);
	} else {
		log_info("source %s: snapshot %lld: %zu papers, %zu new, "
		    "stored in %.1f ms", s->conf.name,
		    (long long)res.snapshot_id, res.entries, res.new_papers,
		    seconds * 1000.0);
		server_record(sv, s, r, "stored", res.snapshot_id, NULL);
		retention_search_soon(sv->retention);
		if (pipeline_alerts(sv->pipe, sv->conf, &res, now, &changes,
		    &cause) != 0) {
			log_warnx("source %s: alerts: %s", s->conf.name, cause);
			free(cause);
			cause = NULL;
		} else if (changes > 0)
			deliverer_kick(sv->dl, sv->conf);
	}
	if ((r->etag != NULL || r->last_modified != NULL) &&
	    store_source_set_validators(sv->store, s->id, r->etag,
	    r->last_modified, &cause) != 0) {
		log_warnx("source %s: %s", s->conf.name, cause);
		free(cause);
		cause = NULL;
	}
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("source %s: %s", s->conf.name, cause);
		server_record(sv, s, r, "parse-error", 0, cause);
		free(cause);
	}
	return rc;
}

/* A fetch ended: store it or note the failure, and plan the next one. */
static void
src_fetched(struct fetch_response *r, const char *error, void *arg)
{
	struct src	*s = arg;
	struct server	*sv = s->sv;
	time_t		 now = time(NULL);
	long		 delay;
	int		 ok = 0;

	s->busy = 0;
	if (sv->once)
		sv->once_left--;
	if (s->removed) {
		src_free(s);
		server_maybe_exit(sv);
		return;
	}
	if (error != NULL) {
		log_warnx("source %s: %s", s->conf.name, error);
		server_record(sv, s, r, "failed", 0, error);
		s->failures++;
	} else if (r->status == 304) {
		log_debug("source %s: not modified", s->conf.name);
		server_record(sv, s, r, "not-modified", 0, NULL);
		ok = 1;
	} else if (src_ingest(s, r, now) == 0)
		ok = 1;
	else if (++s->parse_failures >= PARSE_PAUSE) {
		s->paused = 1;
		log_warnx("source %s: paused after %d parse failures in a "
		    "row; fix it and reload (SIGHUP)", s->conf.name,
		    s->parse_failures);
	}
	if (ok)
		s->failures = s->parse_failures = 0;
	else
		sv->once_failed = 1;

	delay = fetch_retry_delay(src_next_delay(s), s->failures, r->status,
	    r->retry_after);
	log_debug("source %s: next fetch in %ld s", s->conf.name, delay);
	if (!sv->once && !sv->stopping && !s->paused)
		src_schedule(s, delay);
	server_maybe_exit(sv);
}

/* A source's timer: fetch it now, unless its host was asked too lately. */
static void
src_timer(evutil_socket_t fd, short what, void *arg)
{
	struct src		*s = arg;
	struct server		*sv = s->sv;
	struct fetch_request	 rq;
	struct host		*h;
	struct tm		 tm;
	char			 host[256], url[4096], *etag = NULL;
	char			*lm = NULL, *cause = NULL;
	time_t			 now = time(NULL);

	(void)fd;
	(void)what;
	if (sv->stopping || s->paused || s->busy)
		return;
	url_host(s->conf.url, host, sizeof host);
	if (host[0] != '\0') {
		h = server_host(sv, host);
		if (now - h->last < FETCH_HOST_SPACING) {
			src_schedule(s, FETCH_HOST_SPACING - (now - h->last));
			return;
		}
		h->last = now;
	}
	/* The URL may carry the digest date as strftime fields. */
	localtime_r(&now, &tm);
	fetch_url_expand(s->conf.url, &tm, url, sizeof url);
	if (store_source_validators(sv->store, s->id, &etag, &lm,
	    &cause) != 0) {
		log_warnx("source %s: %s", s->conf.name, cause);
		free(cause);
		cause = NULL;
	}
	fetch_request_source(&rq, &s->conf, sv->conf->user_agent, url);
	rq.etag = etag;
	rq.last_modified = lm;
	s->started = now;
	log_debug("source %s: fetching %s", s->conf.name, url);
	if (fetcher_start(sv->fetcher, &rq, src_fetched, s, &cause) != 0) {
		log_warnx("source %s: %s", s->conf.name, cause);
		free(cause);
		if (sv->once) {
			sv->once_left--;
			sv->once_failed = 1;
			server_maybe_exit(sv);
		} else
			src_schedule(s, BACKOFF_FIRST);
	} else
		s->busy = 1;
	free(etag);
	free(lm);
}

/* A run-time source for section sc; NULL (logged) if the store fails. */
static struct src *
src_new(struct server *sv, const struct source_conf *sc)
{
	struct src	*s = xcalloc(1, sizeof *s);
	char		*cause = NULL;

	s->sv = sv;
	config_source_copy(&s->conf, sc);
	if (store_source(sv->store, sc->name, sc->url, time(NULL), &s->id,
	    &cause) != 0) {
		log_warnx("source %s: %s", sc->name, cause);
		free(cause);
		config_source_clear(&s->conf);
		free(s);
		return NULL;
	}
	s->timer = evtimer_new(sv->base, src_timer, s);
	return s;
}

/*
 * Make the run-time sources match the configuration: keep the state of a
 * source whose name stays, start new ones, retire removed ones (freed once
 * their fetch ends).
 */
static void
server_sources(struct server *sv, int first)
{
	struct src	**next = NULL, *s;
	size_t		 n = 0, i, j;
	long		 delay;

	for (i = 0; i < sv->conf->nsources; i++) {
		const struct source_conf *sc = &sv->conf->sources[i];

		if (!sc->enabled)
			continue;
		s = NULL;
		for (j = 0; j < sv->nsrcs; j++) {
			if (sv->srcs[j] != NULL &&
			    strcmp(sv->srcs[j]->conf.name, sc->name) == 0) {
				s = sv->srcs[j];
				sv->srcs[j] = NULL;
				break;
			}
		}
		if (s != NULL) {
			/* Same name: new settings; fetch now if it changed. */
			int changed = strcmp(s->conf.url, sc->url) != 0 ||
			    s->paused;

			config_source_clear(&s->conf);
			config_source_copy(&s->conf, sc);
			s->paused = 0;
			s->parse_failures = 0;
			if (changed && !s->busy)
				src_schedule(s, 0);
		} else if ((s = src_new(sv, sc)) == NULL)
			continue;
		else {
			delay = first && !sv->once && s->conf.jitter > 0 ?
			    (long)arc4random_uniform((uint32_t)s->conf.jitter) :
			    0;
			src_schedule(s, delay);
		}
		next = xreallocarray(next, n + 1, sizeof *next);
		next[n++] = s;
	}
	for (j = 0; j < sv->nsrcs; j++) {
		if ((s = sv->srcs[j]) == NULL)
			continue;
		if (s->busy) {
			s->removed = 1;
			evtimer_del(s->timer);
		} else
			src_free(s);
	}
	free(sv->srcs);
	sv->srcs = next;
	sv->nsrcs = n;
	if (sv->once)
		sv->once_left = n;
}

/*
 * Count the topics of c's topics file (or the shipped ones) from now on;
 * -1 with *cause if the file cannot be read or is broken.
 */
static int
server_topics(struct server *sv, const struct config *c, char **cause)
{
	char	*text = NULL;
	size_t	 len = 0;
	int	 rc;

	if (c->topics != NULL && *c->topics != '\0' &&
	    file_read(c->topics, 16 << 20, &text, &len, cause) != 0)
		return -1;
	rc = pipeline_set_topics(sv->pipe, text, len, c->topics, cause);
	free(text);
	return rc;
}

/* The API's view of a running source (matched by name). */
static void
server_live(void *arg, struct source_health *h)
{
	struct server	*sv = arg;
	struct src	*s;
	size_t		 i;

	for (i = 0; i < sv->nsrcs; i++) {
		s = sv->srcs[i];
		if (strcmp(s->conf.name, h->name) != 0)
			continue;
		h->live = 1;
		h->next_fetch = s->busy || s->paused || sv->stopping ? 0 :
		    s->next;
		h->failing = s->failures + s->parse_failures;
		h->paused = s->paused;
		h->busy = s->busy;
		h->runs = s->runs;
		h->run_seconds = s->run_seconds;
	}
}

/* Start the HTTP interface when listen is set; a failure is logged. */
static void
server_http(struct server *sv)
{
	char	*cause = NULL;

	if (sv->once || *sv->conf->listen == '\0')
		return;
	sv->api.store = sv->store;
	sv->api.wl = sv->wl;
	sv->api.pipe = sv->pipe;
	sv->api.conf = sv->conf;
	sv->api.started = time(NULL);
	sv->api.live = server_live;
	sv->api.arg = sv;
	if ((sv->http = http_start(sv->base, sv->conf->listen, &sv->api,
	    &cause)) == NULL) {
		log_warnx("%s: %s", sv->conf_path, cause);
		free(cause);
	}
}

/* SIGHUP: read the configuration again; a broken one changes nothing. */
static void
server_reload(struct server *sv)
{
	struct config	*c;
	char		**errors, *cause = NULL;
	size_t		 nerrors, i;

	if ((c = config_load(sv->conf_path, &errors, &nerrors)) == NULL) {
		for (i = 0; i < nerrors; i++)
			log_warnx("%s", errors[i]);
		log_warnx("%s: %zu error%s: keeping the running configuration",
		    sv->conf_path, nerrors, nerrors == 1 ? "" : "s");
		config_errors_free(errors, nerrors);
		return;
	}
	if (strcmp(c->database, sv->conf->database) != 0)
		log_warnx("%s: database changed: restart topicd to use %s",
		    sv->conf_path, c->database);
	if (strcmp(c->listen, sv->conf->listen) != 0)
		log_warnx("%s: listen changed: restart topicd to use it",
		    sv->conf_path);
	free(c->database);
	c->database = xstrdup(sv->conf->database);
	if (server_topics(sv, c, &cause) != 0) {
		log_warnx("%s: keeping the running configuration", cause);
		free(cause);
		config_free(c);
		return;
	}
	config_free(sv->conf);
	sv->conf = c;
	sv->api.conf = c;
	deliverer_kick(sv->dl, sv->conf);	/* it holds the rules */
	server_sources(sv, 0);
	log_info("%s: reloaded, %zu source%s", sv->conf_path, sv->nsrcs,
	    sv->nsrcs == 1 ? "" : "s");
}

/* One callback for every signal. */
static void
server_signal(evutil_socket_t sig, short what, void *arg)
{
	struct server	*sv = arg;
	size_t		 i;

	(void)what;
	switch (sig) {
	case SIGHUP:
		server_reload(sv);
		break;
	case SIGUSR1:
		if (log_reopen() != 0)
			log_warn("cannot reopen the log");
		break;
	case SIGTERM:
	case SIGINT:
		if (!sv->stopping)
			log_info("exiting on signal %d%s", (int)sig,
			    fetcher_active(sv->fetcher) ? " after the fetches "
			    "in flight" : "");
		sv->stopping = 1;
		for (i = 0; i < sv->nsrcs; i++)
			evtimer_del(sv->srcs[i]->timer);
		server_maybe_exit(sv);
		break;
	}
}

/* libevent's own messages go to the debug log. */
static void
server_event_log(int severity, const char *msg)
{
	if (severity >= EVENT_LOG_WARN)
		log_warnx("libevent: %s", msg);
	else
		log_debug("libevent: %s", msg);
}

/*
 * Run the daemon on configuration c (taken over) until a signal stops it,
 * or, with once, until every source was fetched once. Returns the exit
 * status: 0, or 1 if the store failed or (once) a source failed.
 */
int
server_run(const char *path, struct config *c, int once, int verbose)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT, SIGUSR1 };
	struct server	 sv;
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 1;

	(void)verbose;
	memset(&sv, 0, sizeof sv);
	sv.conf_path = path;
	sv.conf = c;
	sv.once = once;
	event_set_log_callback(server_event_log);
	signal(SIGPIPE, SIG_IGN);
	if ((sv.store = store_open(c->database, 0, &cause)) == NULL)
		goto out;
	store_keep_terms(sv.store);	/* a year of snapshots: all in memory */
	if ((sv.wl = wordlist_default()) == NULL)
		goto out;
	if (c->stopwords != NULL && *c->stopwords != '\0') {
		char	*buf;
		size_t	 len;

		if (file_read(c->stopwords, 64 << 20, &buf, &len, &cause) != 0)
			goto out;
		wordlist_add_text(sv.wl, buf, len);
		free(buf);
	}
	sv.pipe = pipeline_new(sv.store, sv.wl);
	if (server_topics(&sv, c, &cause) != 0)
		goto out;
	if ((sv.base = event_base_new()) == NULL) {
		cause = xstrdup("cannot start the event loop");
		goto out;
	}
	if ((sv.fetcher = fetcher_new(sv.base, &cause)) == NULL)
		goto out;
	/* Notifications a past run left in the outbox go out first. */
	sv.dl = deliverer_new(sv.base, sv.fetcher, sv.store, once,
	    server_deliveries_idle, &sv);
	deliverer_kick(sv.dl, sv.conf);
	for (i = 0; i < 4; i++) {
		sv.signals[i] = evsignal_new(sv.base, sigs[i], server_signal,
		    &sv);
		evsignal_add(sv.signals[i], NULL);
	}
	server_sources(&sv, 1);
	if (!once) {
		struct timeval	 tv = { schedule_next(&c->report, time(NULL)),
		    0 };

		sv.report = evtimer_new(sv.base, server_report_timer, &sv);
		evtimer_add(sv.report, &tv);
		sv.retention = retention_new(sv.base, sv.store, &sv.conf);
	}
	server_http(&sv);
	if (sv.nsrcs == 0)
		log_warnx("%s: no enabled source", path);
	log_info("started, %zu source%s, database %s", sv.nsrcs,
	    sv.nsrcs == 1 ? "" : "s", c->database);
	if (once && sv.nsrcs == 0 && c->nalerts == 0)
		rc = 0;
	else if (event_base_dispatch(sv.base) < 0)
		cause = xstrdup("the event loop failed");
	else
		rc = once && sv.once_failed ? 1 : 0;
	/* One pass ends with the report of the week to yesterday. */
	if (once && cause == NULL)
		server_write_report(&sv, time(NULL), 1);
out:
	log_cause(cause);
	http_free(sv.http);
	for (i = 0; i < sv.nsrcs; i++)
		src_free(sv.srcs[i]);
	free(sv.srcs);
	for (i = 0; i < sv.nhosts; i++)
		free(sv.hosts[i].name);
	free(sv.hosts);
	for (i = 0; i < 4; i++) {
		if (sv.signals[i] != NULL)
			event_free(sv.signals[i]);
	}
	if (sv.report != NULL)
		event_free(sv.report);
	retention_free(sv.retention);
	deliverer_free(sv.dl);
	fetcher_free(sv.fetcher);
	if (sv.base != NULL)
		event_base_free(sv.base);
	pipeline_free(sv.pipe);
	wordlist_free(sv.wl);
	store_close(sv.store);
	config_free(sv.conf);
	return rc;
}
