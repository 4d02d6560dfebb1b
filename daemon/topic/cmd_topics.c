/*
 * topic topics: every topic of the topics file with its papers in the
 * last window and the baseline before it, G2 and the log ratio, and its
 * trend over the last twelve weeks (Mann-Kendall with Sen's slope).
 */
#include <stdio.h>
#include <stdint.h>

#include "daemon/topic/topic.h"

/* topic topics [options] */
static int
cmd_topics(struct options_values *ov, int argc, char **argv)
{
	struct rising_query	 q;

	(void)argc;
	(void)argv;
	rising_query_defaults(&q);
	q.all_topics = 1;
	q.kind = TERM_TOPIC;
	q.limit = SIZE_MAX;
	return rising_command(ov, &q, rising_topics_text);
}

const struct cmd_entry cmd_topics_entry = {
	"topics", "", 0, 0,
	"each topic's counts and trend",
	"Lists each topic counted in the database with its papers in the window\n"
	"ending at DATE (default: the last day with data) and in the baseline\n"
	"before it, and its 12-week trend. After a change of the topics file,\n"
	"run topic rebuild.\n",
	options_topics, cmd_topics
};
