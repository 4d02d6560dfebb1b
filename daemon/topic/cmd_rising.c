/*
 * topic rising: parses the options of the rising query (query_rising.c)
 * and prints its result as a table or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

/*
 * Run query q, with the options of ov applied, on the database of the
 * global options and print its report: as JSON with --json, else
 * rendered by text. Returns the exit status.
 */
int
rising_command(const struct options_values *ov, struct rising_query *q,
    char *(*text)(const struct rising_report *))
{
	struct rising_report	 r;
	struct topic_reader	 rd;
	char			*cause = NULL;
	int			 rc = 1;

	options_rising_query(ov, q);
	if (topic_reader_open(&rd, TOPIC_READ_TOPICS) != 0)
		goto out;
	if (rising_run(rd.st, rd.tk, rd.topics, q, &r, &cause) != 0) {
		log_cause(cause);
		goto out;
	}
	r.columns = topic_columns();
	topic_print(options_flag(ov, "json") ? rising_json(&r) : text(&r));
	rising_report_clear(&r);
	rc = 0;
out:
	topic_reader_close(&rd);
	return rc;
}

/* topic rising [options] */
static int
cmd_rising(struct options_values *ov, int argc, char **argv)
{
	struct rising_query	 q;

	(void)argc;
	(void)argv;
	rising_query_defaults(&q);
	return rising_command(ov, &q, rising_text);
}

const struct cmd_entry cmd_rising_entry = {
	"rising", "", 0, 0,
	"rising (or falling) terms, phrases, topics",
	"Ranks what the window ending at DATE (default: the last day with data)\n"
	"uses more than the baseline just before it, by the lower credible\n"
	"bound of the rise given each term's own history, with the counts a,\n"
	"N1, b, N2, Dunning's G2, the log2 ratio, a confidence label\n"
	"(significant or tentative) and example papers. Terms that rise in the\n"
	"same papers are one item. --steady lists steady risers instead\n"
	"(Mann-Kendall over 12 weekly shares). Durations: Nd or Nw; --window\n"
	"auto takes the shortest of 1, 2, 4, 8, 12 weeks with 1,000 papers and\n"
	"a baseline twice as long.\n",
	options_rising, cmd_rising
};
