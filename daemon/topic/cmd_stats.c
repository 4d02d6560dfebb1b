/*
 * topic stats: what the database holds (papers, days, snapshots, terms).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char stats_usage[] =
    "usage: topic stats [--json] [--db FILE]\n"
    "\n"
    "Prints the papers, known days, snapshots and terms of the database.\n";

/* topic stats [--json] */
int
cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct stats	 s;
	char		*cause = NULL;
	int		 c, json = 0;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, stats_usage))
			continue;
		if (c == 'j')
			json = 1;
	}
	if (optind != argc) {
		fputs(stats_usage, stderr);
		return 1;
	}
	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if (store_stats(st, &s, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		store_close(st);
		return 1;
	}
	topic_print(json ? stats_json(&s) : stats_text(&s));
	store_close(st);
	return 0;
}
