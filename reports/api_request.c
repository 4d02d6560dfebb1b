/*
 * The JSON API's requests, pure: a query string decoded into name/value
 * pairs, each endpoint's parameters checked against its limits, and the
 * error body. Nothing here reads the store, the network or the clock:
 * the last known day and "now" come in as arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

/* The value of hex digit c, or -1. */
static int
api_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode len bytes of a query component: %XX and '+' as a space. NULL
 * (and *cause) on a broken escape, a control character or bytes that are
 * not UTF-8.
 */
static char *
api_decode(const char *s, size_t len, char **cause)
{
	char	*out = xmalloc(len + 1);
	size_t	 i, n = 0, bad;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[n++] = ' ';
		else if (s[i] != '%')
			out[n++] = s[i];
		else if (i + 2 < len && (hi = api_hex(s[i + 1])) >= 0 &&
		    (lo = api_hex(s[i + 2])) >= 0) {
			out[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			xasprintf(cause, "a broken %%-escape in the query");
			free(out);
			return NULL;
		}
		if ((unsigned char)out[n - 1] < 0x20 || out[n - 1] == 0x7f) {
			xasprintf(cause, "a control character in the query");
			free(out);
			return NULL;
		}
	}
	out[n] = '\0';
	if (!utf8_valid(out, n, &bad)) {
		xasprintf(cause, "the query is not UTF-8");
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Split query string s (without '?'; NULL or "" for none) into q. At most
 * API_MAX_PARAMS pairs of at most API_MAX_QUERY bytes in all; a name
 * without '=' has the value "". 0, or -1 with *cause (q left empty).
 */
int
api_query_parse(const char *s, struct api_query *q, char **cause)
{
	const char	*p, *end, *eq;
	char		*name, *value;

	memset(q, 0, sizeof *q);
	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) > API_MAX_QUERY) {
		xasprintf(cause, "the query is longer than %d bytes",
		    API_MAX_QUERY);
		return -1;
	}
	for (p = s; *p != '\0'; p = *end == '\0' ? end : end + 1) {
		end = p + strcspn(p, "&");
		if (end == p)
			continue;
		if (q->n == API_MAX_PARAMS) {
			xasprintf(cause, "more than %d query parameters",
			    API_MAX_PARAMS);
			goto fail;
		}
		eq = memchr(p, '=', (size_t)(end - p));
		if ((name = api_decode(p, (size_t)((eq != NULL ? eq : end) - p),
		    cause)) == NULL)
			goto fail;
		value = eq != NULL ? api_decode(eq + 1,
		    (size_t)(end - eq - 1), cause) : xstrdup("");
		if (value == NULL) {
			free(name);
			goto fail;
		}
		q->names = xreallocarray(q->names, q->n + 1, sizeof *q->names);
		q->values = xreallocarray(q->values, q->n + 1,
		    sizeof *q->values);
		q->names[q->n] = name;
		q->values[q->n++] = value;
	}
	return 0;
fail:
	api_query_clear(q);
	return -1;
}

/* Free the pairs of q. */
void
api_query_clear(struct api_query *q)
{
	size_t	 i;

	for (i = 0; i < q->n; i++) {
		free(q->names[i]);
		free(q->values[i]);
	}
	free(q->names);
	free(q->values);
	memset(q, 0, sizeof *q);
}

/* The last value of parameter name, or NULL. */
const char *
api_query_get(const struct api_query *q, const char *name)
{
	size_t	 i;

	for (i = q->n; i > 0; i--) {
		if (strcmp(q->names[i - 1], name) == 0)
			return q->values[i - 1];
	}
	return NULL;
}

/*
 * Whether every parameter of q is one of the NULL-terminated allowed
 * names: 0, or -1 naming the first that is not.
 */
int
api_query_check(const struct api_query *q, const char *const *allowed,
    char **cause)
{
	size_t	 i, j;

	for (i = 0; i < q->n; i++) {
		for (j = 0; allowed[j] != NULL; j++) {
			if (strcmp(q->names[i], allowed[j]) == 0)
				break;
		}
		if (allowed[j] == NULL) {
			xasprintf(cause, "unknown parameter \"%.64s\"",
			    q->names[i]);
			return -1;
		}
	}
	return 0;
}

/* {"error": message, "status": status} as one line. */
char *
api_error_json(int status, const char *message)
{
	json_t	*o = json_object();

	json_object_set_new(o, "error", json_string(message));
	json_object_set_new(o, "status", json_integer(status));
	return render_json_line(o);
}

/* A day parameter: "YYYY-MM-DD"; 0, or -1 with *cause. */
static int
api_day(const char *name, const char *v, day_t *out, char **cause)
{
	if (day_parse(v, out) != 0) {
		xasprintf(cause, "%s=%.32s: not a date YYYY-MM-DD", name, v);
		return -1;
	}
	return 0;
}

/*
 * Check the parameters of /api/series, those of topic series: term=
 * (repeated, 1 to API_MAX_TERMS), by=day|week|month (default month),
 * from= and to= (default: the API_DEFAULT_DAYS days to last, the last
 * known day). The range may span at most API_MAX_DAYS days, so one
 * request reads a bounded part of the store.
 */
int
api_series_args(const struct api_query *q, day_t last,
    struct api_series_args *a, char **cause)
{
	static const char *const allowed[] = { "term", "by", "from", "to",
	    NULL };
	const char	*v;
	size_t		 i;

	memset(a, 0, sizeof *a);
	a->by = SERIES_MONTH;
	if (api_query_check(q, allowed, cause) != 0)
		return -1;
	for (i = 0; i < q->n; i++) {
		if (strcmp(q->names[i], "term") != 0)
			continue;
		v = q->values[i];
		if (*v == '\0' || strlen(v) > API_MAX_TERM) {
			xasprintf(cause, "term: from 1 to %d bytes",
			    API_MAX_TERM);
			return -1;
		}
		if (a->nterms == API_MAX_TERMS) {
			xasprintf(cause, "at most %d terms", API_MAX_TERMS);
			return -1;
		}
		a->terms[a->nterms++] = v;
	}
	if (a->nterms == 0) {
		xasprintf(cause, "give at least one term=");
		return -1;
	}
	if ((v = api_query_get(q, "by")) != NULL &&
	    series_by_from_name(v, &a->by) != 0) {
		xasprintf(cause, "by=%.32s: not day, week or month", v);
		return -1;
	}
	a->to = last == DAY_NONE ? 0 : last;
	if ((v = api_query_get(q, "to")) != NULL &&
	    api_day("to", v, &a->to, cause) != 0)
		return -1;
	a->from = a->to - (API_DEFAULT_DAYS - 1);
	if ((v = api_query_get(q, "from")) != NULL &&
	    api_day("from", v, &a->from, cause) != 0)
		return -1;
	if (a->from > a->to) {
		xasprintf(cause, "from is after to");
		return -1;
	}
	if ((int64_t)a->to - a->from + 1 > API_MAX_DAYS) {
		xasprintf(cause, "from..to spans more than %d days",
		    API_MAX_DAYS);
		return -1;
	}
	return 0;
}

/* An ISO week "YYYY-Www" as its Monday; 0, or -1. */
int
api_week_parse(const char *v, day_t *monday)
{
	int	 y, w, n = 0;
	char	 back[9];

	if (strlen(v) != 8 || sscanf(v, "%4d-W%2d%n", &y, &w, &n) != 2 ||
	    n != 8 || w < 1 || w > 53 || y < 1000)
		return -1;
	if ((*monday = day_iso_week_start(y, w)) == DAY_NONE)
		return -1;
	day_format_week(*monday, back);
	return strcmp(back, v) == 0 ? 0 : -1;	/* no W53 in a 52-week year */
}
