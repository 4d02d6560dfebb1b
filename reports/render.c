/*
 * What every JSON rendering shares: a day as a JSON value, and a JSON
 * document as one line of text. Pure: data in, strings out.
 */
#include <stdlib.h>
#include <jansson.h>

#include "reports.h"

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
