/*
 * The daemon's health, rendered: each source's fetches as JSON for
 * /api/sources, and everything /metrics shows in Prometheus's text format
 * (version 0.0.4). Pure: the numbers come in, "now" with them.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

/* Free the strings of h. */
void
source_health_clear(struct source_health *h)
{
	free(h->name);
	free(h->url);
	free(h->last_outcome);
	free(h->last_error);
	free(h->archive.origin);
	memset(h, 0, sizeof *h);
}

/*
 * One word for a source's state: paused, fetching, failing (its last
 * attempt failed), never (no attempt yet), ingested (no fetch, but an
 * archive ingest: topic ingest FILE), ok.
 */
const char *
source_health_status(const struct source_health *h)
{
	if (h->paused)
		return "paused";
	if (h->busy)
		return "fetching";
	if (h->last_outcome == NULL)
		return h->archive.count > 0 ? "ingested" : "never";
	if (strcmp(h->last_outcome, "failed") == 0 ||
	    strcmp(h->last_outcome, "parse-error") == 0)
		return "failing";
	return "ok";
}

/* A string or null. */
static json_t *
health_json_string(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/*
 * The last archive ingest: {"origin", "read", "ingests", "papers", "days",
 * "from", "to"}, or null for none.
 */
static json_t *
health_archive_json(const struct archive_ingest *ai)
{
	json_t	*o;

	if (ai->count == 0)
		return json_null();
	o = json_object();
	json_object_set_new(o, "origin", health_json_string(ai->origin));
	json_object_set_new(o, "read", render_time_json(ai->read));
	json_object_set_new(o, "ingests", json_integer(ai->count));
	json_object_set_new(o, "papers", json_integer(ai->papers));
	json_object_set_new(o, "days", json_integer(ai->days));
	json_object_set_new(o, "from", render_day_json(ai->from));
	json_object_set_new(o, "to", render_day_json(ai->to));
	return o;
}

/* {"now", "sources": [{name, url, status, last_fetch {...}, ...}]} */
char *
sources_json(const struct source_health *v, size_t n, int64_t now)
{
	json_t	*o = json_object(), *a = json_array(), *e, *last;
	size_t	 i;

	json_object_set_new(o, "now", render_time_json(now));
	for (i = 0; i < n; i++) {
		const struct source_health *h = &v[i];

		e = json_object();
		json_object_set_new(e, "name", json_string(h->name));
		json_object_set_new(e, "url", health_json_string(h->url));
		json_object_set_new(e, "configured", json_boolean(h->live));
		json_object_set_new(e, "status",
		    json_string(source_health_status(h)));
		last = json_null();
		if (h->last_fetch > 0) {
			last = json_object();
			json_object_set_new(last, "at",
			    render_time_json(h->last_fetch));
			json_object_set_new(last, "outcome",
			    health_json_string(h->last_outcome));
			json_object_set_new(last, "http_status",
			    json_integer(h->last_status));
			json_object_set_new(last, "seconds",
			    json_real(h->last_seconds));
			json_object_set_new(last, "error",
			    health_json_string(h->last_error));
		}
		json_object_set_new(e, "last_fetch", last);
		json_object_set_new(e, "last_success",
		    render_time_json(h->last_success));
		json_object_set_new(e, "fetches", json_integer(h->fetches));
		json_object_set_new(e, "failures", json_integer(h->failures));
		json_object_set_new(e, "failures_in_a_row",
		    json_integer(h->failing));
		json_object_set_new(e, "archive", health_archive_json(
		    &h->archive));
		json_object_set_new(e, "next_fetch",
		    render_time_json(h->live ? h->next_fetch : 0));
		json_object_set_new(e, "papers", json_integer(h->papers));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "sources", a);
	return render_json_line(o);
}

/* A metric family's HELP and TYPE lines. */
static void
metrics_family(struct buf *b, const char *name, const char *type,
    const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value with \, " and newline escaped, as the format wants. */
static void
metrics_label(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\')
			buf_printf(b, "\\\\");
		else if (*v == '"')
			buf_printf(b, "\\\"");
		else if (*v == '\n')
			buf_printf(b, "\\n");
		else
			buf_printf(b, "%c", *v);
	}
}

/* One sample: name{label="value"} v (no label when label is NULL). */
static void
metrics_sample(struct buf *b, const char *name, const char *label,
    const char *value, double v)
{
	buf_printf(b, "%s", name);
	if (label != NULL) {
		buf_printf(b, "{%s=\"", label);
		metrics_label(b, value);
		buf_printf(b, "\"}");
	}
	buf_printf(b, " %.17g\n", v);
}

/*
 * A summary per source: NAME_sum from the double at sum_off, NAME_count
 * from the int64_t at count_off of each source.
 */
static void
metrics_summary(struct buf *b, const struct health *hl, const char *name,
    const char *help, size_t sum_off, size_t count_off)
{
	const char	*p;
	char		 sum[128], count[128];
	size_t		 i;
	double		 v;
	int64_t		 n;

	snprintf(sum, sizeof sum, "%s_sum", name);
	snprintf(count, sizeof count, "%s_count", name);
	metrics_family(b, name, "summary", help);
	for (i = 0; i < hl->nsources; i++) {
		p = (const char *)&hl->sources[i];
		memcpy(&v, p + sum_off, sizeof v);
		memcpy(&n, p + count_off, sizeof n);
		metrics_sample(b, sum, "source", hl->sources[i].name, v);
		metrics_sample(b, count, "source", hl->sources[i].name,
		    (double)n);
	}
}

/* A sample for each source of a per-source family. */
#define METRICS_EACH_SOURCE(b_, hl_, metric_, expr_) do {		\
	size_t	 i_;							\
	for (i_ = 0; i_ < (hl_)->nsources; i_++) {			\
		const struct source_health *s = &(hl_)->sources[i_];	\
		metrics_sample((b_), (metric_), "source", s->name,	\
		    (double)(expr_));					\
	}								\
} while (0)

/* Everything /metrics shows; every name starts topicd_. */
char *
metrics_text(const struct health *hl)
{
	static const char *states[] = { "inactive", "pending", "firing",
	    "resolved" };
	static const char *outbox[] = { "pending", "failed", "sent" };
	static const char *classes[] = { "1xx", "1xx", "2xx", "3xx", "4xx",
	    "5xx" };
	struct buf	 b = { NULL, 0, 0 };
	size_t			 i;
	char			 day[11];

	metrics_family(&b, "topicd_build_info", "gauge",
	    "Always 1; the version is a label.");
	metrics_sample(&b, "topicd_build_info", "version", hl->version, 1);
	metrics_family(&b, "topicd_start_time_seconds", "gauge",
	    "When the daemon started (Unix time).");
	metrics_sample(&b, "topicd_start_time_seconds", NULL, NULL,
	    (double)hl->started);
	metrics_family(&b, "topicd_papers", "gauge",
	    "Papers stored, each counted once.");
	metrics_sample(&b, "topicd_papers", NULL, NULL, (double)hl->papers);
	metrics_family(&b, "topicd_known_days", "gauge",
	    "Days with at least one successful snapshot.");
	metrics_sample(&b, "topicd_known_days", NULL, NULL, (double)hl->days);
	if (hl->last_day != DAY_NONE) {
		day_format(hl->last_day, day);
		metrics_family(&b, "topicd_last_day_timestamp_seconds",
		    "gauge", "The last known digest day (Unix time of its "
		    "midnight UTC).");
		metrics_sample(&b, "topicd_last_day_timestamp_seconds", "day",
		    day, (double)hl->last_day * 86400.0);
	}

	metrics_family(&b, "topicd_source_fetches_total", "counter",
	    "Fetch attempts recorded for a source.");
	METRICS_EACH_SOURCE(&b, hl, "topicd_source_fetches_total", s->fetches);
	metrics_family(&b, "topicd_source_failures_total", "counter",
	    "Fetches that failed or did not parse.");
	METRICS_EACH_SOURCE(&b, hl, "topicd_source_failures_total",
	    s->failures);
	metrics_family(&b, "topicd_source_failures_in_a_row", "gauge",
	    "Failures since the last good fetch (running daemon).");
	METRICS_EACH_SOURCE(&b, hl, "topicd_source_failures_in_a_row",
	    s->failing);
	metrics_family(&b, "topicd_source_up", "gauge",
	    "1 when the source's last fetch worked, 0 when it failed or the "
	    "source is paused.");
	METRICS_EACH_SOURCE(&b, hl, "topicd_source_up",
	    strcmp(source_health_status(s), "ok") == 0 ||
	    strcmp(source_health_status(s), "fetching") == 0);
	metrics_family(&b, "topicd_source_papers", "gauge",
	    "Papers first seen in the source.");
	METRICS_EACH_SOURCE(&b, hl, "topicd_source_papers", s->papers);
	metrics_family(&b, "topicd_source_last_success_timestamp_seconds",
	    "gauge", "The last fetch that worked (Unix time; 0 for never).");
	METRICS_EACH_SOURCE(&b, hl,
	    "topicd_source_last_success_timestamp_seconds", s->last_success);
	metrics_family(&b, "topicd_source_next_fetch_timestamp_seconds",
	    "gauge", "When the next fetch is planned (0: none).");
	METRICS_EACH_SOURCE(&b, hl,
	    "topicd_source_next_fetch_timestamp_seconds",
	    s->live ? s->next_fetch : 0);
	metrics_summary(&b, hl, "topicd_fetch_duration_seconds",
	    "Time spent fetching a source, all recorded attempts.",
	    offsetof(struct source_health, fetch_seconds),
	    offsetof(struct source_health, fetches));
	metrics_summary(&b, hl, "topicd_pipeline_duration_seconds",
	    "Time the pipeline (parse, count, store, alerts) took on a "
	    "source's snapshots since the daemon started.",
	    offsetof(struct source_health, run_seconds),
	    offsetof(struct source_health, runs));

	metrics_family(&b, "topicd_alerts", "gauge",
	    "Alerts (rule and item) in each state.");
	for (i = 0; i < 4; i++)
		metrics_sample(&b, "topicd_alerts", "state", states[i],
		    (double)hl->alerts[i]);
	metrics_family(&b, "topicd_alert_outbox", "gauge",
	    "Notifications in the outbox, by status.");
	for (i = 0; i < 3; i++)
		metrics_sample(&b, "topicd_alert_outbox", "status", outbox[i],
		    (double)hl->outbox[i]);
	metrics_family(&b, "topicd_http_responses_total", "counter",
	    "Answers of the HTTP interface, by status class.");
	for (i = 2; i < 6; i++)
		metrics_sample(&b, "topicd_http_responses_total", "code",
		    classes[i], (double)hl->http[i]);
	return b.s;
}
