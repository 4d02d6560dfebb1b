/*
 * The JSON API's answers: each endpoint is one function from a checked
 * query to a JSON string (or the Prometheus text), built on the store's
 * read path and the reports' renderers, so topic(1) and the API share
 * every query and every rendering. http.c routes requests here; nothing
 * here knows about HTTP beyond the status it returns.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon/topicd/topicd.h"
#include "daemon/sys/sys.h"

#define API_ALERT_HISTORY	20	/* history lines in /api/alerts */

/* A 400 with the cause already set. */
static char *
api_bad(int *status)
{
	*status = 400;
	return NULL;
}

/*
 * Check q against the API parameters of table: a new set of values, or
 * NULL (a 400) naming the first unknown parameter or bad value.
 */
static struct options_values *
api_values(const struct options_query *q, const struct options_entry *table,
    int *status, char **cause)
{
	struct options_values	*ov = options_values_new(table);

	if (options_query_values(q, ov, cause) != 0) {
		options_values_free(ov);
		*status = 400;
		return NULL;
	}
	return ov;
}

/* Whether q has no parameter: 0, or -1 (a 400) naming the first. */
static int
api_only(const struct options_query *q, int *status, char **cause)
{
	struct options_values	*ov;

	if ((ov = api_values(q, options_none, status, cause)) == NULL)
		return -1;
	options_values_free(ov);
	return 0;
}

/* GET /healthz: {"status": "ok", ...} if the store answers, else 503. */
char *
api_healthz(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	int64_t	 papers, days;
	day_t	 last;
	char	*out;

	if (api_only(q, status, cause) != 0)
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
api_stats(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct stats	 s;

	if (api_only(q, status, cause) != 0)
		return NULL;
	if (store_stats(ctx->store, &s, cause) != 0)
		return NULL;
	return stats_json(&s);
}

/*
 * Check the parameters of /api/series, those of topic series: term=
 * (repeated, 1 to API_MAX_TERMS), by=day|week|month (default month),
 * from= and to= (default: the API_DEFAULT_DAYS days to last, the last
 * known day). The range may span at most API_MAX_DAYS days, so one
 * request reads a bounded part of the store.
 */
int
api_series_args(const struct options_query *q, day_t last,
    struct api_series_args *a, char **cause)
{
	struct options_values	*ov;
	size_t			 i;
	int			 rc = -1;

	memset(a, 0, sizeof *a);
	ov = options_values_new(options_series);
	if (options_query_values(q, ov, cause) != 0)
		goto out;
	for (i = 0; i < q->n; i++) {
		if (strcmp(q->names[i], "term") != 0)
			continue;
		if (a->nterms == API_MAX_TERMS) {
			xasprintf(cause, "at most %d terms", API_MAX_TERMS);
			goto out;
		}
		a->terms[a->nterms++] = q->values[i];
	}
	if (a->nterms == 0) {
		xasprintf(cause, "give at least one term=");
		goto out;
	}
	a->by = (enum series_by)options_num(ov, "by", SERIES_MONTH);
	a->to = (day_t)options_num(ov, "to", last == DAY_NONE ? 0 : last);
	a->from = (day_t)options_num(ov, "from", a->to - (API_DEFAULT_DAYS -
	    1));
	if (a->from > a->to) {
		xasprintf(cause, "from is after to");
		goto out;
	}
	if ((int64_t)a->to - a->from + 1 > API_MAX_DAYS) {
		xasprintf(cause, "from..to spans more than %d days",
		    API_MAX_DAYS);
		goto out;
	}
	rc = 0;
out:
	options_values_free(ov);
	return rc;
}

/*
 * GET /api/series?term=T&term=U&by=&from=&to=: what topic series --json
 * prints, over at most API_MAX_DAYS days (default: the last year).
 */
char *
api_series(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct api_series_args	 a;
	struct series		 s;
	struct tokenizer	*tk;
	day_t			 last;
	char			*out = NULL;

	if (store_last_day(ctx->store, &last, cause) != 0)
		return NULL;
	if (api_series_args(q, last, &a, cause) != 0)
		return api_bad(status);
	/* A vocabulary per request: the daemon does not grow with queries. */
	tk = tokenizer_new(ctx->wl);
	memset(&s, 0, sizeof s);
	s.by = a.by;
	s.nterms = a.nterms;
	s.terms = a.terms;
	if (query_series(ctx->store, tk, a.from, a.to, &s, cause) == 0)
		out = series_json(&s);
	series_clear(&s);
	tokenizer_free(tk);
	return out;
}

/* GET /api/alerts: what topic alerts --json prints. */
char *
api_alerts(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct alert_listing	 l;
	char			*out;

	if (api_only(q, status, cause) != 0)
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
api_sources(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct source_health	*v;
	size_t			 n;
	char			*out;

	if (api_only(q, status, cause) != 0)
		return NULL;
	if (api_health_sources(ctx, &v, &n, cause) != 0)
		return NULL;
	out = sources_json(v, n, time(NULL));
	api_health_free(v, n);
	return out;
}

/* GET /metrics: the Prometheus text format, every name topicd_... */
char *
api_metrics(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct source_health	*v = NULL;
	struct alert_row	*rows = NULL;
	struct health		 h;
	size_t			 n = 0, nrows = 0, i;
	char			*out = NULL;

	if (api_only(q, status, cause) != 0)
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

/* A vocabulary for one request and the daemon's topics parsed with it. */
static struct tokenizer *
api_vocabulary(struct api_ctx *ctx, struct topics **topics, char **cause)
{
	struct tokenizer	*tk;

	tk = tokenizer_new(ctx->wl);
	if ((*topics = pipeline_topics(ctx->pipe, tk, cause)) == NULL) {
		tokenizer_free(tk);
		return NULL;
	}
	return tk;
}

/* Run the rising query q and answer its JSON (500 if the store fails). */
static char *
api_rising_run(struct api_ctx *ctx, const struct rising_query *q,
    int *status, char **cause)
{
	struct rising_report	 r;
	struct tokenizer	*tk;
	struct topics		*topics;
	char			*out = NULL;

	if ((tk = api_vocabulary(ctx, &topics, cause)) == NULL) {
		*status = 500;
		return NULL;
	}
	if (rising_run(ctx->store, tk, topics, q, &r, cause) == 0) {
		out = rising_json(&r);
		rising_report_clear(&r);
	} else
		*status = 400;	/* a window outside the data, mostly */
	topics_free(topics);
	tokenizer_free(tk);
	return out;
}

/*
 * GET /api/rising?at=&window=&baseline=&limit=&kind=: the JSON of topic
 * rising --json with the same parameters.
 */
char *
api_rising(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct options_values	*ov;
	struct rising_query	 rq;

	if ((ov = api_values(q, options_rising, status, cause)) == NULL)
		return NULL;
	rising_query_defaults(&rq);
	options_rising_query(ov, &rq);
	options_values_free(ov);
	return api_rising_run(ctx, &rq, status, cause);
}

/* GET /api/topics?at=&window=&baseline=: topic topics --json. */
char *
api_topics(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct options_values	*ov;
	struct rising_query	 rq;

	if ((ov = api_values(q, options_topics, status, cause)) == NULL)
		return NULL;
	rising_query_defaults(&rq);
	rq.all_topics = 1;
	rq.limit = 1000;
	options_rising_query(ov, &rq);
	options_values_free(ov);
	return api_rising_run(ctx, &rq, status, cause);
}

/* GET /api/search?q=&from=&to=&limit=: topic search --json. */
char *
api_search(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct options_values	*ov;
	const char		*v;
	char			*out;

	if ((ov = api_values(q, options_search, status, cause)) == NULL)
		return NULL;
	if ((v = options_str(ov, "q", NULL)) == NULL) {
		options_values_free(ov);
		xasprintf(cause, "q: from 1 to %d bytes", API_MAX_TERM);
		return api_bad(status);
	}
	if ((out = query_search(ctx->store, v,
	    (day_t)options_num(ov, "from", INT32_MIN + 1),
	    (day_t)options_num(ov, "to", INT32_MAX),
	    (int)options_num(ov, "limit", 20), 1, 0, cause)) == NULL)
		*status = 400;	/* FTS5 refused the query's syntax */
	options_values_free(ov);
	return out;
}

/*
 * GET /api/report?week=YYYY-Www: the weekly report's JSON (topic report
 * --format json); without week, the 7 days ending the last day with data.
 */
char *
api_report(struct api_ctx *ctx, const struct options_query *q, int *status,
    char **cause)
{
	struct options_values	*ov;
	struct report		 r;
	struct tokenizer	*tk;
	struct topics		*topics;
	char			*out = NULL;
	day_t			 to;

	if ((ov = api_values(q, options_report, status, cause)) == NULL)
		return NULL;
	to = (day_t)options_num(ov, "week", DAY_NONE);
	options_values_free(ov);
	if (to != DAY_NONE)
		to += 6;
	else {
		if (store_last_day(ctx->store, &to, cause) != 0) {
			*status = 500;
			return NULL;
		}
		if (to == DAY_NONE) {
			*cause = xstrdup("the database holds no day yet");
			*status = 404;
			return NULL;
		}
	}
	if ((tk = api_vocabulary(ctx, &topics, cause)) == NULL) {
		*status = 500;
		return NULL;
	}
	if (report_build(ctx->store, tk, topics, to - 6, to, &r, cause) == 0) {
		out = report_render(&r, REPORT_JSON);
		report_clear(&r);
	} else
		*status = 500;
	topics_free(topics);
	tokenizer_free(tk);
	return out;
}
