/*
 * topic stats: what the database holds (papers, days, snapshots, terms).
 */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const struct options_entry stats_options[] = {
	{ .name = "json", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "JSON instead of text" },
	{ .name = NULL }
};

/* topic stats [--json] */
static int
cmd_stats(struct options_values *ov, int argc, char **argv)
{
	struct store	*st;
	struct stats	 s;
	char		*cause = NULL;

	(void)argc;
	(void)argv;
	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if (store_stats(st, &s, &cause) != 0) {
		log_cause(cause);
		store_close(st);
		return 1;
	}
	topic_print(options_flag(ov, "json") ? stats_json(&s) : stats_text(&s));
	store_close(st);
	return 0;
}

const struct cmd_entry cmd_stats_entry = {
	"stats", "", 0, 0,
	"what the database holds",
	"Prints the papers, known days, snapshots and terms of the database.\n",
	stats_options, cmd_stats
};
