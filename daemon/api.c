/*
 * The JSON API's answers: each endpoint is one function from a checked
 * query to a JSON string (or the Prometheus text), built on the store's
 * read path and the reports' renderers, so topic(1) and the API share
 * every query and every rendering. http.c routes requests here; nothing
 * here knows about HTTP beyond the status it returns.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "topicd.h"

#define API_ALERT_HISTORY	20	/* history lines in /api/alerts */

/* A 400 with the cause already set. */
static char *
api_bad(int *status)
{
	*status = 400;
	return NULL;
}

/* Only the NULL-terminated allowed parameters: 0, or -1 (a 400). */
static int
api_only(const struct api_query *q, const char *const *allowed, int *status,
    char **cause)
{
	if (api_query_check(q, allowed, cause) != 0) {
		*status = 400;
		return -1;
	}
	return 0;
}

/* GET /healthz: {"status": "ok", ...} if the store answers, else 503. */
char *
api_healthz(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const none[] = { NULL };
	int64_t	 papers, days;
	day_t	 last;
	char	*out;

	if (api_only(q, none, status, cause) != 0)
		return NULL;
	if (store_totals(ctx->store, &papers, &days, &last, cause) != 0) {
		*status = 503;
		return NULL;
	}
	xasprintf(&out, "{\"status\":\"ok\",\"version\":\"%s\","
	    "\"uptime_seconds\":%lld}\n", TOPICD_VERSION,
	    (long long)(time(NULL) - ctx->started));
	return out;
}

/* GET /api/stats: what topic stats --json prints. */
char *
api_stats(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const none[] = { NULL };
	struct stats	 s;

	if (api_only(q, none, status, cause) != 0)
		return NULL;
	if (store_stats(ctx->store, &s, cause) != 0)
		return NULL;
	return stats_json(&s);
}

/*
 * GET /api/series?term=T&term=U&by=&from=&to=: what topic series --json
 * prints, over at most API_MAX_DAYS days (default: the last year).
 */
char *
api_series(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	struct api_series_args	 a;
	struct series		 s;
	day_t			 last;
	char			*out;

	if (store_last_day(ctx->store, &last, cause) != 0)
		return NULL;
	if (api_series_args(q, last, &a, cause) != 0)
		return api_bad(status);
	memset(&s, 0, sizeof s);
	s.by = a.by;
	s.nterms = a.nterms;
	s.terms = a.terms;
	if (query_series(ctx->store, ctx->tk, a.from, a.to, &s, cause) != 0)
		return NULL;
	out = series_json(&s);
	series_clear(&s);
	return out;
}

/* GET /api/alerts: what topic alerts --json prints. */
char *
api_alerts(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const none[] = { NULL };
	struct alert_listing	 l;
	char			*out;

	if (api_only(q, none, status, cause) != 0)
		return NULL;
	if (alert_listing_load(ctx->store, ctx->conf, API_ALERT_HISTORY, &l,
	    cause) != 0)
		return NULL;
	out = alert_listing_json(&l);
	alert_listing_free(&l);
	return out;
}

/* Every source of the store with the running daemon's view of it. */
static int
api_health_sources(struct api_ctx *ctx, struct source_health **v, size_t *n,
    char **cause)
{
	size_t	 i;

	if (store_source_health(ctx->store, v, n, cause) != 0)
		return -1;
	for (i = 0; ctx->live != NULL && i < *n; i++)
		ctx->live(ctx->arg, &(*v)[i]);
	return 0;
}

/* Free a list from api_health_sources. */
static void
api_health_free(struct source_health *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		source_health_clear(&v[i]);
	free(v);
}

/*
 * GET /api/sources: each source's last fetch, status, failures and next
 * run.
 */
char *
api_sources(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const none[] = { NULL };
	struct source_health	*v;
	size_t			 n;
	char			*out;

	if (api_only(q, none, status, cause) != 0)
		return NULL;
	if (api_health_sources(ctx, &v, &n, cause) != 0)
		return NULL;
	out = sources_json(v, n, time(NULL));
	api_health_free(v, n);
	return out;
}

/* GET /metrics: the Prometheus text format, every name topicd_... */
char *
api_metrics(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const none[] = { NULL };
	struct source_health	*v = NULL;
	struct alert_row	*rows = NULL;
	struct health		 h;
	size_t			 n = 0, nrows = 0, i;
	char			*out = NULL;

	if (api_only(q, none, status, cause) != 0)
		return NULL;
	memset(&h, 0, sizeof h);
	h.version = TOPICD_VERSION;
	h.now = time(NULL);
	h.started = ctx->started;
	memcpy(h.http, ctx->http, sizeof h.http);
	if (store_totals(ctx->store, &h.papers, &h.days, &h.last_day,
	    cause) != 0 ||
	    api_health_sources(ctx, &v, &n, cause) != 0 ||
	    store_alert_states(ctx->store, &rows, &nrows, cause) != 0 ||
	    store_outbox_counts(ctx->store, &h.outbox[0], &h.outbox[1],
	    &h.outbox[2], cause) != 0)
		goto out;
	for (i = 0; i < nrows; i++) {
		if ((size_t)rows[i].st.status < 4)
			h.alerts[rows[i].st.status]++;
	}
	h.sources = v;
	h.nsources = n;
	out = metrics_text(&h);
out:
	for (i = 0; i < nrows; i++)
		alert_row_clear(&rows[i]);
	free(rows);
	api_health_free(v, n);
	return out;
}

/* A 501 for an endpoint whose command is not in this build yet. */
static char *
api_not_built(int *status, char **cause)
{
	*status = 501;
	*cause = xstrdup("not built yet");
	return NULL;
}

/*
 * GET /api/rising?at=&window=&baseline=&limit=&kind=: the JSON of topic
 * rising --json. WIRE: after the rising branch is merged, run rising_run()
 * and return rising_json() here.
 */
char *
api_rising(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const allowed[] = { "at", "window", "baseline",
	    "limit", "kind", NULL };

	(void)ctx;
	if (api_only(q, allowed, status, cause) != 0)
		return NULL;
	return api_not_built(status, cause);
}

/* GET /api/topics: topic topics --json. WIRE: as api_rising. */
char *
api_topics(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const allowed[] = { "at", "window", "baseline",
	    NULL };

	(void)ctx;
	if (api_only(q, allowed, status, cause) != 0)
		return NULL;
	return api_not_built(status, cause);
}

/*
 * GET /api/search?q=&from=&to=&limit=: topic search --json. WIRE: call
 * store_search() and search_json() here.
 */
char *
api_search(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const allowed[] = { "q", "from", "to", "limit",
	    NULL };
	const char	*v;

	(void)ctx;
	if (api_only(q, allowed, status, cause) != 0)
		return NULL;
	if ((v = api_query_get(q, "q")) == NULL || *v == '\0' ||
	    strlen(v) > API_MAX_TERM) {
		xasprintf(cause, "q: from 1 to %d bytes", API_MAX_TERM);
		return api_bad(status);
	}
	return api_not_built(status, cause);
}

/*
 * GET /api/report?week=YYYY-Www: the weekly report's JSON (topic report
 * --format json). WIRE: build the report of that week here.
 */
char *
api_report(struct api_ctx *ctx, const struct api_query *q, int *status,
    char **cause)
{
	static const char *const allowed[] = { "week", NULL };
	const char	*v;
	day_t		 monday;

	(void)ctx;
	if (api_only(q, allowed, status, cause) != 0)
		return NULL;
	if ((v = api_query_get(q, "week")) != NULL &&
	    api_week_parse(v, &monday) != 0) {
		xasprintf(cause, "week=%.16s: not an ISO week YYYY-Www", v);
		return api_bad(status);
	}
	return api_not_built(status, cause);
}
