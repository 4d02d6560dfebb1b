/*
 * What every JSON rendering shares: a document as one line, a day as
 * "YYYY-MM-DD" and a time as RFC 3339, or null. Pure.
 */
#include <stdlib.h>
#include <jansson.h>

#include "reports.h"

/* The document o (taken over and freed) as one compact line ending in \n. */
char *
report_json_line(struct json_t *o)
{
	char	*out, *line;

	out = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(o);
	xasprintf(&line, "%s\n", out);
	free(out);
	return line;
}

/* A day as JSON: "YYYY-MM-DD", or null when there is none. */
struct json_t *
report_json_day(day_t day)
{
	char	 buf[11];

	if (day == DAY_NONE)
		return json_null();
	day_format(day, buf);
	return json_string(buf);
}

/* A Unix time as JSON: RFC 3339 in UTC, or null for 0 (never). */
struct json_t *
report_json_time(int64_t t)
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
