/*
 * The HTTP interface's parts: query strings (daemon/query/options.c),
 * parameter checks and limits, the error body, the
 * Prometheus text; and the API's answers on an in-memory store
 * (daemon/api.c), which must be what topic(1) prints.
 */
#include <jansson.h>

#include "fixture.h"
#include "daemon/topicd/topicd.h"

/* Parse s, which must succeed. */
static void
parse_ok(const char *s, struct options_query *q)
{
	char	*cause = NULL;

	if (options_query_parse(s, q, &cause) != 0)
		fail_msg("%s: %s", s != NULL ? s : "(null)", cause);
}

/* Parse s, which must fail; returns the cause (to free). */
static char *
parse_bad(const char *s)
{
	struct options_query	 q;
	char			*cause = NULL;

	assert_int_equal(options_query_parse(s, &q, &cause), -1);
	assert_non_null(cause);
	assert_int_equal(q.n, 0);
	return cause;
}

static void
a_query_string_decodes_escapes_plus_and_repeated_names(void **state)
{
	struct options_query	 q;

	(void)state;
	parse_ok("term=large+language%20models&term=o1&by=week&x=&%62y=day&",
	    &q);
	assert_int_equal(q.n, 5);
	assert_string_equal(q.values[0], "large language models");
	assert_string_equal(q.values[1], "o1");
	assert_string_equal(options_query_get(&q, "term"), "o1");
	assert_string_equal(options_query_get(&q, "x"), "");
	assert_string_equal(options_query_get(&q, "by"), "day");
	assert_null(options_query_get(&q, "from"));
	options_query_clear(&q);
	parse_ok(NULL, &q);
	assert_int_equal(q.n, 0);
	parse_ok("q=%C3%A9t%C3%A9", &q);
	assert_string_equal(options_query_get(&q, "q"), "\xc3\xa9t\xc3\xa9");
	options_query_clear(&q);
}

static void
broken_escapes_control_characters_and_bad_utf8_are_refused(void **state)
{
	char	*big, *many, *cause;
	size_t	 i;

	(void)state;
	free(parse_bad("term=a%zz"));
	free(parse_bad("term=a%2"));
	free(parse_bad("term=a%"));
	free(parse_bad("term=a%00b"));
	free(parse_bad("term=%0d%0aSet-Cookie:x"));
	free(parse_bad("term=%ff%fe"));
	free(parse_bad("%ff=1"));
	free(parse_bad("a\x01=1"));
	/* libevent's decoder wants NAME=VALUE: the part that is not, named. */
	cause = parse_bad("term=a&flag&by=day");
	assert_string_equal(cause, "parameter \"flag\" without a value "
	    "(flag=...)");
	free(cause);
	cause = parse_bad("term=a&&by=day");
	assert_string_equal(cause, "a parameter without a name in the query");
	free(cause);
	free(parse_bad("=x"));
	big = xmalloc(API_MAX_QUERY + 10);
	memset(big, 'a', API_MAX_QUERY + 9);
	big[API_MAX_QUERY + 9] = '\0';
	free(parse_bad(big));
	free(big);
	many = xstrdup("");
	for (i = 0; i <= API_MAX_PARAMS; i++) {
		char *prev = many;

		xasprintf(&many, "%sa=%zu&", prev, i);
		free(prev);
	}
	free(parse_bad(many));
	free(many);
}

/* Check the series parameters of s against last known day "last". */
static int
series(const char *s, const char *last, struct api_series_args *a,
    struct options_query *q, char **cause)
{
	day_t	 d = DAY_NONE;

	if (last != NULL)
		assert_int_equal(day_parse(last, &d), 0);
	parse_ok(s, q);
	*cause = NULL;
	return api_series_args(q, d, a, cause);
}

static void
series_parameters_default_to_a_year_by_month_up_to_the_last_day(void **state)
{
	struct api_series_args	 a;
	struct options_query	 q;
	char			*cause, from[11], to[11];

	(void)state;
	assert_int_equal(series("term=agent&term=o1", "2025-03-14", &a, &q,
	    &cause), 0);
	assert_int_equal(a.nterms, 2);
	assert_string_equal(a.terms[1], "o1");
	assert_int_equal(a.by, SERIES_MONTH);
	day_format(a.from, from);
	day_format(a.to, to);
	assert_string_equal(from, "2024-03-15");
	assert_string_equal(to, "2025-03-14");
	options_query_clear(&q);
	assert_int_equal(series("term=x&by=week&from=2025-01-01&to=2025-02-01",
	    "2025-03-14", &a, &q, &cause), 0);
	assert_int_equal(a.by, SERIES_WEEK);
	day_format(a.from, from);
	assert_string_equal(from, "2025-01-01");
	options_query_clear(&q);
}

static void
series_parameters_out_of_bounds_are_refused_with_a_reason(void **state)
{
	static const char *bad[] = {
		"",					/* no term */
		"term=",				/* empty term */
		"term=a&by=year",
		"term=a&from=2025-13-01",
		"term=a&to=yesterday",
		"term=a&from=2025-03-01&to=2025-02-01",
		"term=a&from=2020-01-01&to=2025-01-01",	/* too long */
		"term=a&limit=3",			/* unknown */
		"term=1&term=2&term=3&term=4&term=5&term=6&term=7&term=8&"
		    "term=9",
	};
	struct api_series_args	 a;
	struct options_query	 q;
	char			*cause;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (series(bad[i], "2025-03-14", &a, &q, &cause) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(cause);
		free(cause);
		options_query_clear(&q);
	}
}

static void
iso_weeks_parse_to_their_monday_and_nonsense_does_not(void **state)
{
	day_t	 d;
	char	 s[11];

	(void)state;
	assert_int_equal(options_week_parse("2025-W11", &d), 0);
	day_format(d, s);
	assert_string_equal(s, "2025-03-10");
	assert_int_equal(options_week_parse("2020-W53", &d), 0);
	assert_int_equal(options_week_parse("2025-W53", &d), -1);
	assert_int_equal(options_week_parse("2025-W00", &d), -1);
	assert_int_equal(options_week_parse("2025-11", &d), -1);
	assert_int_equal(options_week_parse("2025-W1", &d), -1);
	assert_int_equal(options_week_parse("2025-W11x", &d), -1);
}

static void
an_error_is_a_json_object_with_its_message_and_status(void **state)
{
	char		*s = render_error_json(400, "bad \"term\"\n");
	json_t		*j;
	json_error_t	 e;

	(void)state;
	j = json_loads(s, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "error")),
	    "bad \"term\"\n");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 400);
	json_decref(j);
	free(s);
}

static void
listen_values_are_a_port_or_an_address_and_a_port(void **state)
{
	char		*a;
	unsigned short	 p;

	(void)state;
	assert_int_equal(config_listen("8377", &a, &p), 0);
	assert_string_equal(a, "127.0.0.1");
	assert_int_equal(p, 8377);
	free(a);
	assert_int_equal(config_listen("0.0.0.0:80", &a, &p), 0);
	assert_string_equal(a, "0.0.0.0");
	free(a);
	assert_int_equal(config_listen("[::1]:8377", &a, &p), 0);
	assert_string_equal(a, "::1");
	free(a);
	assert_int_equal(config_listen("localhost:1", NULL, NULL), 0);
	assert_int_equal(config_listen("::1:8377", NULL, NULL), -1);
	assert_int_equal(config_listen("127.0.0.1:0", NULL, NULL), -1);
	assert_int_equal(config_listen("127.0.0.1:65536", NULL, NULL), -1);
	assert_int_equal(config_listen("127.0.0.1:", NULL, NULL), -1);
	assert_int_equal(config_listen(":8377", NULL, NULL), -1);
	assert_int_equal(config_listen("[]:8377", NULL, NULL), -1);
	assert_int_equal(config_listen("host name:8377", NULL, NULL), -1);
	assert_int_equal(config_listen("80x", NULL, NULL), -1);
}

static void
metrics_are_prometheus_text_with_escaped_labels(void **state)
{
	struct source_health	 s[2];
	struct health		 h;
	char			*t, *line, *last, *copy;
	size_t			 samples = 0;

	(void)state;
	memset(s, 0, sizeof s);
	memset(&h, 0, sizeof h);
	s[0].name = (char *)"arxiv \"cs\"\\n\nx";
	s[0].fetches = 7;
	s[0].failures = 2;
	s[0].last_outcome = (char *)"failed";
	s[1].name = (char *)"hf";
	s[1].fetches = 3;
	s[1].last_outcome = (char *)"stored";
	s[1].last_success = 1741900000;
	h.version = "1.2";
	h.papers = 42;
	h.last_day = DAY_NONE;
	h.sources = s;
	h.nsources = 2;
	h.alerts[ALERT_FIRING] = 1;
	h.http[2] = 5;
	t = metrics_text(&h);
	assert_non_null(strstr(t, "topicd_papers 42\n"));
	assert_non_null(strstr(t, "topicd_source_fetches_total{source="
	    "\"arxiv \\\"cs\\\"\\\\n\\nx\"} 7\n"));
	assert_non_null(strstr(t, "topicd_source_up{source=\"hf\"} 1\n"));
	assert_non_null(strstr(t, "topicd_source_last_success_timestamp_"
	    "seconds{source=\"hf\"} 1741900000\n"));
	assert_non_null(strstr(t, "topicd_alerts{state=\"firing\"} 1\n"));
	assert_non_null(strstr(t, "topicd_http_responses_total{code=\"2xx\"} "
	    "5\n"));
	/* Every line: a comment or NAME[{...}] VALUE, every name topicd_. */
	copy = xstrdup(t);
	for (line = strtok_r(copy, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last)) {
		if (strncmp(line, "# HELP topicd_", 14) == 0 ||
		    strncmp(line, "# TYPE topicd_", 14) == 0)
			continue;
		if (strncmp(line, "topicd_", 7) != 0 ||
		    strchr(line, ' ') == NULL)
			fail_msg("not a sample: %s", line);
		samples++;
	}
	assert_true(samples > 20);
	free(copy);
	free(t);
}

static void
a_source_reads_as_paused_fetching_failing_never_or_ok(void **state)
{
	struct source_health	 h;

	(void)state;
	memset(&h, 0, sizeof h);
	assert_string_equal(source_health_status(&h), "never");
	h.archive.count = 1;	/* topic ingest FILE, never fetched */
	assert_string_equal(source_health_status(&h), "ingested");
	h.archive.count = 0;
	h.last_outcome = (char *)"parse-error";
	assert_string_equal(source_health_status(&h), "failing");
	h.last_outcome = (char *)"not-modified";
	assert_string_equal(source_health_status(&h), "ok");
	h.busy = 1;
	assert_string_equal(source_health_status(&h), "fetching");
	h.paused = 1;
	assert_string_equal(source_health_status(&h), "paused");
}

/* The running daemon's view of every source, for the API. */
static void
live(void *arg, struct source_health *h)
{
	(void)arg;
	if (strcmp(h->name, "s") == 0) {
		h->live = 1;
		h->next_fetch = 1741950000;
		h->failing = 2;
	}
}

/* Answer path's handler fn on query s; the status and body. */
static char *
answer(api_fn fn, struct api_ctx *ctx, const char *s, int *status)
{
	struct options_query	 q;
	char			*out, *cause = NULL;

	parse_ok(s, &q);
	*status = 200;
	out = fn(ctx, &q, status, &cause);
	options_query_clear(&q);
	if (out == NULL) {
		assert_non_null(cause);
		if (*status == 200)
			*status = 500;
		out = render_error_json(*status, cause);
		free(cause);
	}
	return out;
}

static void
the_api_answers_as_topic_does_and_refuses_what_it_must(void **state)
{
	const char		*text = "{\"date\":\"2025-03-13\",\"title\":"
	    "\"Agents that plan\"}\n{\"date\":\"2025-03-14\",\"title\":"
	    "\"Agent benchmarks\"}\n{\"date\":\"2025-03-14\",\"title\":"
	    "\"Diffusion for video\"}\n";
	struct ingest_request	 rq;
	struct ingest_result	 res;
	struct api_ctx		 ctx;
	struct wordlist		*wl = wordlist_default();
	struct pipeline		*p;
	struct store		*st;
	struct fetch_record	 fr;
	struct series		 s;
	const char		*terms[] = { "agent" };
	char			*cause = NULL, *out, *want;
	int			 status;
	int64_t			 sid;

	(void)state;
	st = store_open(":memory:", 0, &cause);
	assert_non_null(st);
	p = pipeline_new(st, wl);
	fixture_request(&rq, "s", text, FORMAT_JSONL);
	rq.now = 1741950000;
	assert_int_equal(pipeline_ingest(p, &rq, &res, &cause), 0);
	assert_int_equal(store_source(st, "s", NULL, 1, &sid, &cause), 0);
	memset(&fr, 0, sizeof fr);
	fr.source_id = sid;
	fr.started = 1741940000;
	fr.outcome = "failed";
	fr.error = "connection refused";
	assert_int_equal(store_fetch_add(st, &fr, &cause), 0);

	memset(&ctx, 0, sizeof ctx);
	ctx.store = st;
	ctx.wl = wl;
	tk = tokenizer_new(wl);
	ctx.live = live;

	/* /api/series is topic series --json for the same range. */
	out = answer(api_series, &ctx, "term=agent&by=day&from=2025-03-01",
	    &status);
	assert_int_equal(status, 200);
	memset(&s, 0, sizeof s);
	s.by = SERIES_DAY;
	s.nterms = 1;
	s.terms = terms;
	assert_int_equal(query_series(st, tk, 20148, 20161, &s, &cause),
	    0);
	want = series_json(&s);
	assert_string_equal(out, want);
	assert_non_null(strstr(out, "\"2025-03-14\",\"documents\":2,"
	    "\"terms\":{\"agent\":1}"));
	series_clear(&s);
	free(want);
	free(out);

	out = answer(api_series, &ctx, "term=agent&by=fortnight", &status);
	assert_int_equal(status, 400);
	assert_non_null(strstr(out, "fortnight"));
	free(out);

	out = answer(api_sources, &ctx, "", &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(out, "\"name\":\"s\",\"url\":null,"
	    "\"configured\":true,\"status\":\"failing\""));
	assert_non_null(strstr(out, "\"error\":\"connection refused\""));
	assert_non_null(strstr(out, "\"failures_in_a_row\":2"));
	assert_non_null(strstr(out, "\"next_fetch\":\"2025-03-14T11:00:00Z\""));
	free(out);

	out = answer(api_metrics, &ctx, "", &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(out, "topicd_papers 3\n"));
	assert_non_null(strstr(out,
	    "topicd_source_failures_total{source=\"s\"} 1\n"));
	free(out);

	out = answer(api_alerts, &ctx, "", &status);
	assert_int_equal(status, 200);
	assert_string_equal(out, "{\"rules\":[],\"alerts\":[],\"history\":[],"
	    "\"outbox\":{\"pending\":0,\"failed\":0,\"sent\":0}}\n");
	free(out);

	out = answer(api_stats, &ctx, "x=1", &status);
	assert_int_equal(status, 400);
	free(out);

	out = answer(api_rising, &ctx, "at=2025-03-14&window=soon", &status);
	assert_int_equal(status, 400);
	assert_string_equal(out, "{\"error\":\"window=soon: not a duration "
	    "(7d, 4w, auto)\",\"status\":400}\n");
	free(out);
	out = answer(api_report, &ctx, "week=2025-W99", &status);
	assert_int_equal(status, 400);
	free(out);
	out = answer(api_search, &ctx, "", &status);
	assert_int_equal(status, 400);
	free(out);

	tokenizer_free(tk);
	pipeline_free(p);
	store_close(st);
	wordlist_free(wl);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(a_query_string_decodes_escapes_plus_and_repeated_names),
    cmocka_unit_test(broken_escapes_control_characters_and_bad_utf8_are_refused),
    cmocka_unit_test(series_parameters_default_to_a_year_by_month_up_to_the_last_day),
    cmocka_unit_test(series_parameters_out_of_bounds_are_refused_with_a_reason),
    cmocka_unit_test(iso_weeks_parse_to_their_monday_and_nonsense_does_not),
    cmocka_unit_test(an_error_is_a_json_object_with_its_message_and_status),
    cmocka_unit_test(listen_values_are_a_port_or_an_address_and_a_port),
    cmocka_unit_test(metrics_are_prometheus_text_with_escaped_labels),
    cmocka_unit_test(a_source_reads_as_paused_fetching_failing_never_or_ok),
    cmocka_unit_test(the_api_answers_as_topic_does_and_refuses_what_it_must))
