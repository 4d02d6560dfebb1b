/*
 * topic search: full-text search of the stored titles and abstracts
 * (SQLite FTS5, schema/002-search.sql), best match first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

/* topic search [options] QUERY */
static int
cmd_search(struct options_values *ov, int argc, char **argv)
{
	struct store		*st = NULL;
	day_t			 from, to;
	char			*cause = NULL, *out;
	int			 rc = 1;

	(void)argc;
	if (argv[0][0] == '\0')
		return topic_usage_error(&cmd_search_entry);
	from = (day_t)options_num(ov, "from", INT32_MIN + 1);
	to = (day_t)options_num(ov, "to", INT32_MAX);
	if (topic_day_range(from, to) != 0)
		return 1;
	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if ((out = query_search(st, argv[0], from, to,
	    (int)options_num(ov, "limit", 20), options_flag(ov, "json"),
	    topic_columns(), &cause)) == NULL) {
		log_cause(cause);
		goto out;
	}
	topic_print(out);
	rc = 0;
out:
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_search_entry = {
	"search", "QUERY", 1, 1,
	"full-text search of titles and abstracts",
	"Finds papers whose title or abstract match QUERY, in SQLite FTS5\n"
	"syntax: words (stemmed), \"a phrase\", AND, OR, NOT, prefix*. A word\n"
	"with punctuation (DeepSeek-R1, GPT-4o) is searched as a phrase.\n",
	options_search, cmd_search
};
