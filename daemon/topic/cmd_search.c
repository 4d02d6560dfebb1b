/*
 * topic search: full-text search of the stored titles and abstracts
 * (SQLite FTS5, schema/002-search.sql), best match first.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char search_usage[] =
    "usage: topic search [--from DATE] [--to DATE] [--limit N] [--json]\n"
    "                    [--db FILE] QUERY\n"
    "\n"
    "Finds papers whose title or abstract match QUERY, in SQLite FTS5\n"
    "syntax: words (stemmed), \"a phrase\", AND, OR, NOT, prefix*. A word\n"
    "with punctuation (DeepSeek-R1, GPT-4o) is searched as a phrase.\n";

/* topic search [options] QUERY */
int
cmd_search(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st = NULL;
	day_t			 from = INT32_MIN + 1, to = INT32_MAX;
	char			*cause = NULL, *end, *out;
	long			 limit = 20;
	int			 c, json = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, search_usage))
			continue;
		switch (c) {
		case 'f':
		case 't':
			if (topic_day_option(c == 'f' ? "from" : "to", optarg,
			    c == 'f' ? &from : &to) != 0)
				return 1;
			break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1 ||
			    limit > 100000) {
				log_warnx("--limit %s: not a whole number from "
				    "1 to 100000", optarg);
				return 1;
			}
			break;
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind + 1 != argc || argv[optind][0] == '\0') {
		fputs(search_usage, stderr);
		return 1;
	}
	if (topic_day_range(from, to) != 0)
		return 1;
	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if ((out = query_search(st, argv[optind], from, to, (int)limit, json,
	    &cause)) == NULL) {
		log_warnx("%s", cause);
		free(cause);
		goto out;
	}
	topic_print(out);
	rc = 0;
out:
	store_close(st);
	return rc;
}
