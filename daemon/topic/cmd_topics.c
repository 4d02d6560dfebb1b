/*
 * topic topics: every topic of the topics file with its papers in the
 * last window and the baseline before it, G2 and the log ratio, and its
 * trend over the last twelve weeks (Mann-Kendall with Sen's slope).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdint.h>

#include "daemon/topic/topic.h"

static const char topics_usage[] =
    "usage: topic topics [--at DATE] [--window 7d] [--baseline 28d] [--json]\n"
    "                    [--db FILE] [--topics FILE]\n"
    "\n"
    "Lists each topic counted in the database with its papers in the window\n"
    "ending at DATE (default: the last day with data) and in the baseline\n"
    "before it, and its 12-week trend. After a change of the topics file,\n"
    "run topic rebuild.\n";

/* topic topics [options] */
int
cmd_topics(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "window", required_argument, NULL, 'w' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct rising_query	 q;
	int			 c, json = 0;

	rising_query_defaults(&q);
	q.all_topics = 1;
	q.kind = TERM_TOPIC;
	q.limit = SIZE_MAX;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, topics_usage))
			continue;
		if (c == 'j')
			json = 1;
		else if (rising_window_option(c, optarg, &q) != 0)
			return 1;
	}
	if (optind != argc) {
		fputs(topics_usage, stderr);
		return 1;
	}
	return rising_command(&q, json ? rising_json : rising_topics_text);
}
