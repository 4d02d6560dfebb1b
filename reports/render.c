/*
 * What every rendering shares: a day as a JSON value, a JSON document as
 * one line of text, the API's error body, and a paper's page. Pure: data
 * in, strings out.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

/* A day as JSON: "YYYY-MM-DD", or null when there is none. */
json_t *
render_day_json(day_t day)
{
	char	 buf[11];

	if (day == DAY_NONE)
		return json_null();
	day_format(day, buf);
	return json_string(buf);
}

/*
 * root as one compact line ending in a newline (keys in insertion order,
 * reals to six significant digits); takes root's reference.
 */
char *
render_json_line(json_t *root)
{
	char	*out, *line;

	out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT |
	    JSON_REAL_PRECISION(6));
	json_decref(root);
	xasprintf(&line, "%s\n", out);
	free(out);
	return line;
}

/* A Unix time as JSON: RFC 3339 in UTC, or null for none (0). */
json_t *
render_time_json(int64_t t)
{
	json_t	*j;
	char	*s;

	if (t <= 0)
		return json_null();
	s = alert_time(t);
	j = json_string(s);
	free(s);
	return j;
}

/* {"error": message, "status": status} as one line: the API's errors. */
char *
render_error_json(int status, const char *message)
{
	json_t	*o = json_object();

	json_object_set_new(o, "error", json_string(message));
	json_object_set_new(o, "status", json_integer(status));
	return render_json_line(o);
}

/*
 * The page of an example paper: the digest's own link when it is http(s),
 * else the arXiv abstract of an arXiv id; NULL when there is none (the
 * caller frees the answer).
 */
char *
render_paper_url(const struct rising_example *e)
{
	char	*id, *url;

	if (e->url != NULL && (strncmp(e->url, "https://", 8) == 0 ||
	    strncmp(e->url, "http://", 7) == 0))
		return xstrdup(e->url);
	if (e->id == NULL || (id = paperkey_arxiv_id(e->id)) == NULL)
		return NULL;
	xasprintf(&url, "https://arxiv.org/abs/%s", id);
	free(id);
	return url;
}
