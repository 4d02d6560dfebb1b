/*
 * What every JSON rendering shares: a document as one line, and a day as
 * "YYYY-MM-DD" or null. Pure.
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
