/*
 * topic topics: every topic of the topics file with its papers in the
 * last window and the baseline before it, G2 and the log ratio, and its
 * trend over the last twelve weeks (Mann-Kendall with Sen's slope).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "topicd.h"

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
	struct rising_report	 r;
	struct store		*st = NULL;
	struct wordlist		*wl = NULL;
	struct tokenizer	*tk = NULL;
	struct topics		*topics = NULL;
	char			*cause = NULL;
	int			 c, json = 0, rc = 1;

	rising_query_defaults(&q);
	q.all_topics = 1;
	q.kind = TERM_TOPIC;
	q.limit = SIZE_MAX;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, topics_usage))
			continue;
		switch (c) {
		case 'a':
			if (day_parse(optarg, &q.at) != 0) {
				log_warnx("--at %s: not a date YYYY-MM-DD",
				    optarg);
				return 1;
			}
			break;
		case 'w':
		case 'b':
			if (duration_parse(optarg, c == 'w' ? &q.window :
			    &q.baseline) != 0) {
				log_warnx("--%s %s: not a duration (a whole "
				    "number of days or weeks: 7d, 4w)",
				    c == 'w' ? "window" : "baseline", optarg);
				return 1;
			}
			break;
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind != argc) {
		fputs(topics_usage, stderr);
		return 1;
	}
	if ((wl = topic_wordlist()) == NULL || (st = topic_store(1)) == NULL)
		goto out;
	if ((tk = tokenizer_new(wl)) == NULL) {
		log_warnx("cannot start the English stemmer");
		goto out;
	}
	if ((topics = topic_topics(tk)) == NULL)
		goto out;
	if (rising_run(st, tk, topics, &q, &r, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		goto out;
	}
	topic_print(json ? rising_json(&r) : rising_topics_text(&r));
	rising_report_clear(&r);
	rc = 0;
out:
	topics_free(topics);
	tokenizer_free(tk);
	store_close(st);
	wordlist_free(wl);
	return rc;
}
